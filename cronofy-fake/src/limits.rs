//! Cronofy's rate limits, enforced per application when a test asks for them.
//!
//! Cronofy documents 50 requests per second and 500 per minute per application, answering
//! `429 Too Many Requests` beyond either. The fake keeps, per application, a log of the times
//! it admitted requests and looks back one window from now: a *sliding* window, the strictest
//! reading of the documented limits, so a client that stays within them here stays within them
//! whatever window Cronofy really uses. (Fixed windows aligned to clock seconds would let a
//! client send twice the limit across a boundary and still pass.)
//!
//! The windows run on tokio's clock, not on the fake's calendar clock: a test that moves the
//! calendar forward a day (to expire tokens, say) does not mean to hand its application a fresh
//! budget, while tests with a paused tokio clock still control the windows.
//!
//! Only requests whose credential names an application count: the application's secret, and
//! tokens the fake issued (for users, organizations, service accounts; expired ones too, since
//! their request still reached Cronofy as that application's). Requests without an
//! `Authorization` header (the OAuth endpoints, the authorization page) and unknown credentials
//! are not counted: the fake cannot tell whose budget they would use. Refused requests use no
//! budget, so a client that waits as long as `Retry-After` says is admitted.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::auth;
use crate::reply;
use crate::state::{Shared, State};

pub use cronofy::rate::{BatchCounting, RateLimits};

/// What the limiter says of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Admitted,
    /// Refused; the whole seconds until the refusing windows admit it.
    Refused {
        retry_after_secs: u64,
    },
}

/// The admitted requests of one application: when, and how many each counted for.
#[derive(Debug, Default)]
struct Usage {
    admitted_at: VecDeque<(Instant, u32)>,
    admitted_total: u64,
}

/// The limits and every application's usage.
#[derive(Debug)]
pub(crate) struct Limiter {
    limits: RateLimits,
    usage: HashMap<String, Usage>,
    refused: u64,
}

impl Limiter {
    pub(crate) fn new(limits: RateLimits) -> Self {
        Limiter {
            limits,
            usage: HashMap::new(),
            refused: 0,
        }
    }

    pub(crate) fn counts_batch_entries(&self) -> bool {
        self.limits.batch_counting() == BatchCounting::PerEntry
    }

    /// Admits a request of `client_id` counting `cost` requests at `now`, or refuses it.
    /// `now` never goes back between calls: they are made under the state's lock.
    pub(crate) fn check(&mut self, client_id: &str, cost: u32, now: Instant) -> Verdict {
        let cost = cost.max(1);
        let limits = self.limits;
        let usage = self.usage.entry(client_id.to_owned()).or_default();
        let (second, minute) = limits.window_lengths();
        let longest = second.max(minute);
        while let Some(&(at, _)) = usage.admitted_at.front() {
            if now.saturating_duration_since(at) < longest {
                break;
            }
            usage.admitted_at.pop_front();
        }
        let wait = [(second, limits.per_second()), (minute, limits.per_minute())]
            .into_iter()
            .filter_map(|(window, limit)| wait_for(&usage.admitted_at, window, limit, cost, now))
            .max();
        match wait {
            None => {
                usage.admitted_at.push_back((now, cost));
                usage.admitted_total += u64::from(cost);
                Verdict::Admitted
            }
            Some(wait) => {
                self.refused += 1;
                Verdict::Refused {
                    retry_after_secs: whole_seconds(wait),
                }
            }
        }
    }

    /// How many requests the limiter refused.
    pub(crate) fn refused(&self) -> u64 {
        self.refused
    }

    /// Requests admitted per application (batch entries counted as the limits say).
    pub(crate) fn admitted(&self) -> BTreeMap<String, u64> {
        self.usage
            .iter()
            .map(|(client_id, usage)| (client_id.clone(), usage.admitted_total))
            .collect()
    }
}

/// `None` when one window of `window` with `limit` admits `cost` more at `now`, else how long
/// until it does: until enough of the oldest requests in it leave. An oversized request (cost
/// above the limit) is admitted into an empty window rather than refused forever.
fn wait_for(
    admitted_at: &VecDeque<(Instant, u32)>,
    window: Duration,
    limit: u32,
    cost: u32,
    now: Instant,
) -> Option<Duration> {
    let in_window = || {
        admitted_at
            .iter()
            .filter(move |(at, _)| now.saturating_duration_since(*at) < window)
    };
    let mut used: u64 = in_window().map(|(_, n)| u64::from(*n)).sum();
    let fits = |used: u64| used == 0 || used + u64::from(cost) <= u64::from(limit);
    if fits(used) {
        return None;
    }
    for (at, n) in in_window() {
        used -= u64::from(*n);
        if fits(used) {
            return Some(window - now.saturating_duration_since(*at));
        }
    }
    // Unreachable: once every request has left, the window is empty and fits.
    Some(window)
}

/// A wait as `Retry-After` writes it: whole seconds, rounded up, at least one.
fn whole_seconds(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

// ---- the server's side: what a request costs, whether it is admitted, the refusal ----

/// The most of a batch's body read to count its entries: axum's own default body limit.
const BATCH_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// How many requests `request` counts for: one, or a batch's entries when the limits count
/// them. Reading the entries buffers the body and puts it back; a body that cannot be read (or
/// is too large) is replaced by an empty one, which the batch endpoint answers with its `400`.
pub(crate) async fn cost(shared: &Shared, request: &mut Request<Body>) -> u32 {
    let per_entry = shared
        .lock()
        .limiter
        .as_ref()
        .is_some_and(Limiter::counts_batch_entries);
    if !per_entry || request.method() != Method::POST || request.uri().path() != "/v1/batch" {
        return 1;
    }
    let body = std::mem::take(request.body_mut());
    let bytes = axum::body::to_bytes(body, BATCH_BODY_LIMIT)
        .await
        .unwrap_or_default();
    let entries = serde_json::from_slice::<Value>(&bytes)
        .ok()
        .and_then(|body| body.get("batch")?.as_array().map(Vec::len))
        .unwrap_or(1);
    *request.body_mut() = Body::from(bytes);
    u32::try_from(entries).unwrap_or(u32::MAX).max(1)
}

/// Applies the limits, if any, to a request costing `cost` with these headers.
pub(crate) fn admit(state: &mut State, headers: &HeaderMap, cost: u32) -> Verdict {
    if state.limiter.is_none() {
        return Verdict::Admitted;
    }
    let Some(client_id) = auth::application(state, headers) else {
        return Verdict::Admitted;
    };
    match state.limiter.as_mut() {
        Some(limiter) => limiter.check(&client_id, cost, Instant::now()),
        None => Verdict::Admitted,
    }
}

/// The `429` of a refused request: `Retry-After` and a JSON body like the fake's other errors.
pub(crate) fn refusal(verdict: Verdict) -> Response {
    let retry_after_secs = match verdict {
        Verdict::Refused { retry_after_secs } => retry_after_secs,
        // Not called for an admitted request; were it, "retry at once" would be the truth.
        Verdict::Admitted => 0,
    };
    let mut response = reply::json(
        StatusCode::TOO_MANY_REQUESTS,
        &json!({
            "error": "rate_limited",
            "error_description": format!(
                "the application sent more requests than its rate limits allow: retry in {retry_after_secs} s"
            ),
        }),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_beyond_the_second_and_admits_once_it_passed() {
        let mut limiter = Limiter::new(RateLimits::new(2, 100));
        let start = Instant::now();
        assert_eq!(limiter.check("app", 1, start), Verdict::Admitted);
        let later = start + Duration::from_millis(300);
        assert_eq!(limiter.check("app", 1, later), Verdict::Admitted);
        assert_eq!(
            limiter.check("app", 1, later),
            Verdict::Refused {
                retry_after_secs: 1
            }
        );
        // Another application has its own budget.
        assert_eq!(limiter.check("other", 1, later), Verdict::Admitted);
        // Sliding: the first request has left the window, the second not yet.
        let after = start + Duration::from_millis(1000);
        assert_eq!(limiter.check("app", 1, after), Verdict::Admitted);
        assert_eq!(limiter.refused(), 1);
        assert_eq!(limiter.admitted().get("app"), Some(&3));
    }

    #[test]
    fn the_minute_window_answers_its_own_wait() {
        let mut limiter = Limiter::new(RateLimits::new(10, 3));
        let start = Instant::now();
        for i in 0..3 {
            let at = start + Duration::from_secs(i * 5);
            assert_eq!(limiter.check("app", 1, at), Verdict::Admitted);
        }
        // The first request leaves the minute at 60 s: 40 s after 20 s.
        assert_eq!(
            limiter.check("app", 1, start + Duration::from_secs(20)),
            Verdict::Refused {
                retry_after_secs: 40
            }
        );
    }

    #[test]
    fn costs_and_oversized_requests() {
        let mut limiter = Limiter::new(RateLimits::new(5, 100));
        let start = Instant::now();
        assert_eq!(limiter.check("app", 4, start), Verdict::Admitted);
        assert!(matches!(
            limiter.check("app", 2, start),
            Verdict::Refused { .. }
        ));
        assert_eq!(limiter.check("app", 1, start), Verdict::Admitted);
        let later = start + Duration::from_secs(1);
        assert_eq!(limiter.check("app", 50, later), Verdict::Admitted);
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(2001)), 3);
    }
}
