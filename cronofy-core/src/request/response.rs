//! Turning a response that is not a success into the matching [`Error`].

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::error::{Error, ResponseExcerpt, ValidationErrors};

/// The error for a response with a status that is not a success.
pub(crate) fn error_for_status(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    secret: &[u8],
) -> Error {
    let excerpt = || ResponseExcerpt::new(body, secret);
    match status.as_u16() {
        401 => Error::Unauthorized { body: excerpt() },
        402 => Error::PaymentRequired { body: excerpt() },
        403 => Error::Forbidden { body: excerpt() },
        404 => Error::NotFound { body: excerpt() },
        422 => match serde_json::from_slice::<ValidationErrors>(body) {
            Ok(errors) => Error::Validation { errors },
            Err(e) => Error::Decode {
                status,
                reason: format!("a 422 response without the documented `errors` map ({e})"),
                body: excerpt(),
            },
        },
        423 => Error::Locked { body: excerpt() },
        429 => Error::RateLimited {
            retry_after: retry_after(headers),
        },
        500..=599 => Error::Server {
            status,
            body: excerpt(),
        },
        _ => Error::UnexpectedStatus {
            status,
            body: excerpt(),
        },
    }
}

/// `Retry-After` in its delay-seconds form.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}
