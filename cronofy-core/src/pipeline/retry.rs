//! When a failed attempt is tried again, after a bounded, jittered, exponential delay that
//! honours `Retry-After`.

use std::time::Duration;

use reqwest::StatusCode;

/// How failed attempts are retried:
///
/// | failure | retried for |
/// | --- | --- |
/// | `429 Too Many Requests` | every request: Cronofy did not process it |
/// | `502`, `503`, `504` | idempotent requests only |
/// | no response (connection refused or broken, timeout) | idempotent requests only |
/// | anything else (4xx, `500`, `501`, a redirect) | none |
///
/// *Idempotent* requests are `GET`, `PUT` and `DELETE`, and the `POST`s declared
/// `idempotent = true`: upserts keyed by your own id (an event's `event_id`, an available
/// period's id, ...), which applied twice leave what applying once leaves. A `POST` that may
/// have been applied, such as a refresh of tokens that rotates the refresh token, is never
/// sent twice.
///
/// The delay before retry *n* (from 0) is a random value between half and all of
/// `initial_delay * 2^n`, capped at `max_delay`; a `Retry-After` from Cronofy replaces it. When
/// the wait asked for exceeds `max_delay`, the error is returned instead of waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct RetryPolicy {
    max_retries: u32,
    initial_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Two retries, from 250 ms, waiting at most 10 s.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// At most this many retries per call.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The delay before the first retry (before jitter).
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// The longest wait before a retry, `Retry-After` included.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The wait before retry number `retry` (from 0) after a `failure`, or `None` to give up.
    pub(crate) fn delay(
        &self,
        retry: u32,
        failure: Failure,
        idempotent: bool,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        let retryable = match failure {
            Failure::Status(status) => match status.as_u16() {
                429 => true,
                502..=504 => idempotent,
                _ => false,
            },
            Failure::NoResponse => idempotent,
        };
        if !retryable || retry >= self.max_retries {
            return None;
        }
        let delay = match retry_after {
            Some(asked) => asked,
            None => {
                let backoff = self
                    .initial_delay
                    .saturating_mul(2u32.saturating_pow(retry))
                    .min(self.max_delay);
                jitter(backoff)
            }
        };
        (delay <= self.max_delay).then_some(delay)
    }
}

/// What went wrong with an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// An answer with this status.
    Status(StatusCode),
    /// No answer: the connection failed or broke, or the attempt timed out.
    NoResponse,
}

/// A random duration between half of `full` and `full`, so clients that failed together do not
/// retry together.
fn jitter(full: Duration) -> Duration {
    let half = full / 2;
    half + half.mul_f64(fastrand::f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE_UNAVAILABLE: Failure = Failure::Status(StatusCode::SERVICE_UNAVAILABLE);

    fn status(code: u16) -> Failure {
        Failure::Status(StatusCode::from_u16(code).unwrap())
    }

    #[test]
    fn the_retry_table() {
        let policy = RetryPolicy::default();
        // 429: Cronofy did not process the request, whatever it was.
        assert!(policy.delay(0, status(429), true, None).is_some());
        assert!(policy.delay(0, status(429), false, None).is_some());
        // Gateway trouble and no answer: only what may be applied twice.
        for failure in [status(502), status(503), status(504), Failure::NoResponse] {
            assert!(
                policy.delay(0, failure, true, None).is_some(),
                "{failure:?}"
            );
            assert!(
                policy.delay(0, failure, false, None).is_none(),
                "{failure:?}"
            );
        }
        for code in [301, 400, 401, 404, 422, 500, 501] {
            assert!(
                policy.delay(0, status(code), true, None).is_none(),
                "{code}"
            );
        }
        assert!(policy.delay(2, status(503), true, None).is_none());
        assert!(
            RetryPolicy::none()
                .delay(0, status(429), true, None)
                .is_none()
        );
    }

    #[test]
    fn backoff_is_jittered_exponential_and_bounded() {
        let policy = RetryPolicy::default()
            .max_retries(10)
            .initial_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(500));
        for _ in 0..100 {
            let first = policy.delay(0, SERVICE_UNAVAILABLE, true, None).unwrap();
            assert!((Duration::from_millis(50)..=Duration::from_millis(100)).contains(&first));
            let third = policy.delay(2, SERVICE_UNAVAILABLE, true, None).unwrap();
            assert!((Duration::from_millis(200)..=Duration::from_millis(400)).contains(&third));
            let capped = policy.delay(9, SERVICE_UNAVAILABLE, true, None).unwrap();
            assert!((Duration::from_millis(250)..=Duration::from_millis(500)).contains(&capped));
        }
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_maximum_wait() {
        let policy = RetryPolicy::default();
        let status = Failure::Status(StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            policy.delay(0, status, true, Some(Duration::from_secs(3))),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            policy.delay(0, status, true, Some(Duration::from_secs(60))),
            None
        );
    }
}
