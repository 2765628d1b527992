//! Fault injection: make the next requests fail the way a network or a busy Cronofy can.

use std::time::Duration;

/// How a faulty request is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FaultKind {
    /// `429 Too Many Requests`, with `Retry-After` in seconds when given.
    RateLimited {
        /// The `Retry-After` sent, if any.
        retry_after: Option<Duration>,
    },
    /// This status (e.g. 500 or 503) with a short body, instead of the real answer.
    Status(u16),
    /// The real answer, after waiting this long (tokio time, so paused-clock tests can skip it).
    Delay(Duration),
    /// The connection is closed without any answer.
    DropConnection,
    /// The real status and headers, with the body cut short: JSON that does not parse.
    MalformedBody,
}

/// A fault to inject with [`FakeCronofy::inject`](crate::FakeCronofy::inject): what goes
/// wrong, for how many requests, and optionally only on one path.
///
/// ```
/// use std::time::Duration;
/// use cronofy_fake::Fault;
///
/// // The next two calls to list calendars are rate limited, asking to retry after 3 s.
/// let fault = Fault::rate_limited(Some(Duration::from_secs(3)))
///     .times(2)
///     .on_path("/v1/calendars");
/// # let _ = fault;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Fault {
    pub(crate) kind: FaultKind,
    pub(crate) remaining: u32,
    pub(crate) path: Option<String>,
}

impl Fault {
    /// A fault of this kind for the next request, on any path.
    pub fn new(kind: FaultKind) -> Self {
        Fault {
            kind,
            remaining: 1,
            path: None,
        }
    }

    /// `429 Too Many Requests`, with `Retry-After: {seconds}` when `retry_after` is given.
    pub fn rate_limited(retry_after: Option<Duration>) -> Self {
        Fault::new(FaultKind::RateLimited { retry_after })
    }

    /// `500 Internal Server Error`.
    pub fn server_error() -> Self {
        Fault::status(500)
    }

    /// `503 Service Unavailable`.
    pub fn unavailable() -> Self {
        Fault::status(503)
    }

    /// Any status instead of the real answer (a code outside 100..=999 answers 500).
    pub fn status(code: u16) -> Self {
        Fault::new(FaultKind::Status(code))
    }

    /// The real answer, `by` later.
    pub fn delay(by: Duration) -> Self {
        Fault::new(FaultKind::Delay(by))
    }

    /// The connection closes without an answer.
    pub fn drop_connection() -> Self {
        Fault::new(FaultKind::DropConnection)
    }

    /// The real answer with its body cut short (truncated JSON).
    pub fn malformed_body() -> Self {
        Fault::new(FaultKind::MalformedBody)
    }

    /// For the next `count` matching requests instead of one.
    pub fn times(mut self, count: u32) -> Self {
        self.remaining = count;
        self
    }

    /// Only requests to exactly this path (no query string, e.g. `/oauth/token` or
    /// `/v1/calendars/cal_1/events`).
    pub fn on_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// What goes wrong.
    pub fn kind(&self) -> &FaultKind {
        &self.kind
    }
}

/// Faults waiting for their requests, oldest first.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    pending: Vec<Fault>,
}

impl FaultQueue {
    pub(crate) fn push(&mut self, fault: Fault) {
        if fault.remaining > 0 {
            self.pending.push(fault);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.pending.clear();
    }

    /// How many requests the faults waiting now will still meet.
    pub(crate) fn waiting(&self) -> u64 {
        self.pending
            .iter()
            .map(|fault| u64::from(fault.remaining))
            .sum()
    }

    /// The fault for a request to `path`, if one is waiting for it; counts it as used.
    pub(crate) fn take(&mut self, path: &str) -> Option<FaultKind> {
        let index = self
            .pending
            .iter()
            .position(|fault| fault.path.as_deref().is_none_or(|p| p == path))?;
        let fault = &mut self.pending[index];
        fault.remaining -= 1;
        let kind = fault.kind.clone();
        if fault.remaining == 0 {
            let _used_up = self.pending.remove(index);
        }
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_used_up_in_order_and_by_path() {
        let mut queue = FaultQueue::default();
        queue.push(Fault::unavailable().on_path("/v1/calendars").times(2));
        queue.push(Fault::server_error());
        assert_eq!(queue.waiting(), 3);
        assert_eq!(queue.take("/v1/account"), Some(FaultKind::Status(500)));
        assert_eq!(queue.take("/v1/account"), None);
        assert_eq!(queue.take("/v1/calendars"), Some(FaultKind::Status(503)));
        assert_eq!(queue.take("/v1/calendars"), Some(FaultKind::Status(503)));
        assert_eq!(queue.take("/v1/calendars"), None);
        queue.push(Fault::drop_connection().times(0));
        assert_eq!(queue.take("/"), None);
    }
}
