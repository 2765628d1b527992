//! Turning a response that is not a success into the matching [`Error`].

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::error::{Error, ResponseExcerpt, ValidationErrors, scrub};

/// The error for a response with a status that is not a success; `secrets` (what the
/// request carried) are scrubbed from the kept excerpt.
pub(crate) fn error_for_status(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    secrets: &[&[u8]],
) -> Error {
    let excerpt = || ResponseExcerpt::scrubbed(body, secrets);
    match status.as_u16() {
        401 => Error::Unauthorized { body: excerpt() },
        402 => Error::PaymentRequired { body: excerpt() },
        403 => Error::Forbidden { body: excerpt() },
        404 => Error::NotFound { body: excerpt() },
        // Parsed from the scrubbed text: field names and descriptions are shown in messages.
        422 => match serde_json::from_str::<ValidationErrors>(&scrub(body, secrets)) {
            Ok(errors) => Error::Validation {
                errors: errors.scrubbed(secrets),
            },
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

/// `Retry-After`, as seconds or as an HTTP date (a date in the past means now).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn with_retry_after(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        assert_eq!(
            retry_after(&with_retry_after("7")),
            Some(Duration::from_secs(7))
        );
        let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
        let delay = retry_after(&with_retry_after(&soon)).unwrap();
        assert!(
            (Duration::from_secs(118)..=Duration::from_secs(120)).contains(&delay),
            "{delay:?}"
        );
        assert_eq!(
            retry_after(&with_retry_after("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&with_retry_after("soon")), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn a_422_without_the_errors_map_is_a_decode_error_and_echoes_are_scrubbed() {
        let headers = HeaderMap::new();
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        let error = error_for_status(status, &headers, br#"{"message":"bad"}"#, &[]);
        assert!(matches!(error, Error::Decode { .. }), "{error:?}");
        let echoed = br#"{"errors":{"tok3n-secret":[{"key":"errors.x","description":"tok3n-secret is wrong"}]}}"#;
        let error = error_for_status(status, &headers, echoed, &[b"tok3n-secret"]);
        assert!(matches!(error, Error::Validation { .. }), "{error:?}");
        assert!(!format!("{error} {error:?}").contains("tok3n-secret"));
    }
}
