//! One error type for everything a call can run into, each case saying what to do next.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use serde::Deserialize;

use crate::outside_text::{outside_text, write_escaped};

/// Why a call to Cronofy failed.
///
/// Each case says what it means and what to do. In short:
///
/// | case | do |
/// | --- | --- |
/// | [`ReauthorizationRequired`](Error::ReauthorizationRequired), [`AuthorizationRemoved`](Error::AuthorizationRemoved) | send the user to authorize again |
/// | [`Unauthorized`](Error::Unauthorized) | refresh the token, or have the user authorize again |
/// | [`Forbidden`](Error::Forbidden) | ask for the missing scope at the next authorization |
/// | [`Validation`](Error::Validation), [`InvalidRequest`](Error::InvalidRequest), [`InvalidPathParameter`](Error::InvalidPathParameter) | fix the request: the error names the field |
/// | [`RateBudgetExhausted`](Error::RateBudgetExhausted) | try again after its `wait`: nothing was sent |
/// | [`RateLimited`](Error::RateLimited), [`Server`](Error::Server), [`Timeout`](Error::Timeout), [`Transport`](Error::Transport) | try again later (the client's [`RetryPolicy`](crate::RetryPolicy) retried what is safe to retry: a 429 always; a 502, 503, 504 or lost connection for idempotent requests) |
/// | [`TokenStore`](Error::TokenStore) | make the token store reachable; the tokens in use are safe |
/// | [`InvalidClient`](Error::InvalidClient), [`RedirectUriMismatch`](Error::RedirectUriMismatch), [`InvalidCredential`](Error::InvalidCredential) | fix the application's configuration |
///
/// ```
/// use cronofy::Error;
///
/// /// What a web handler tells its user after a failed call.
/// fn advice(error: &Error) -> String {
///     match error {
///         Error::ReauthorizationRequired { .. } | Error::AuthorizationRemoved => {
///             "Reconnect your calendar.".to_owned()
///         }
///         Error::Validation { errors } => format!("Please correct: {errors}"),
///         Error::RateLimited { retry_after } => {
///             let seconds = retry_after.map_or(60, |after| after.as_secs());
///             format!("Busy; try again in {seconds} s.")
///         }
///         error if error.status().is_some_and(|status| status.is_server_error()) => {
///             "The calendar service is down; try again later.".to_owned()
///         }
///         // `Error` is non-exhaustive: new cases may be added.
///         other => format!("Something went wrong: {other}"),
///     }
/// }
///
/// assert_eq!(advice(&Error::AuthorizationRemoved), "Reconnect your calendar.");
/// ```
///
/// Messages never contain a token or client secret: response excerpts are scrubbed of the
/// credential the request was sent with.
///
/// `Clone`, so that callers waiting on one shared refresh can each be given its outcome.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 401: Cronofy did not recognize the credential.
    ///
    /// **Do**: for a plain token, refresh it (or use a refreshing credential, which refreshes
    /// once and retries before returning this); otherwise have the user authorize again. Check
    /// the client's data center: a token works only in the one it was issued in.
    #[error(
        "Cronofy did not accept the credential (401 Unauthorized): the token has expired, was revoked, or belongs to another data center; refresh it or have the user authorize again"
    )]
    Unauthorized {
        /// The start of the response body.
        body: ResponseExcerpt,
    },
    /// 402: the application's plan does not include this feature.
    ///
    /// **Do**: nothing at run time helps; upgrade the plan or stop calling the endpoint.
    #[error(
        "Cronofy refused the request (402 Payment Required): the application's plan does not include this feature"
    )]
    PaymentRequired {
        /// The start of the response body.
        body: ResponseExcerpt,
    },
    /// 403: the credential lacks a scope the endpoint needs.
    ///
    /// **Do**: add the scope the endpoint needs (its docs here, or Cronofy's, name it) to the
    /// authorization URL, and have the user authorize again; retrying does not help. For an
    /// application's own credentials: the application is not allowed this feature.
    #[error(
        "Cronofy refused the request (403 Forbidden): the credential lacks a scope this endpoint needs; ask for that scope when the user authorizes"
    )]
    Forbidden {
        /// The start of the response body.
        body: ResponseExcerpt,
    },
    /// 404: no such resource, or the credential has no access to it (also an expired
    /// `next_page` link).
    ///
    /// **Do**: check the ids, and that they belong to the account the credential acts for;
    /// for a paged read, start again from the first page.
    #[error(
        "Cronofy found nothing at this path (404 Not Found): check the ids, and that this credential has access to them"
    )]
    NotFound {
        /// The start of the response body.
        body: ResponseExcerpt,
    },
    /// 422: the request was understood but its content is invalid; `errors` says which fields.
    ///
    /// **Do**: fix the named fields (`errors` maps each to Cronofy's problem codes and
    /// descriptions); sending the same request again fails the same way.
    #[error("Cronofy rejected the request's content (422): {errors}")]
    Validation {
        /// The `errors` map: field name -> problems.
        errors: ValidationErrors,
    },
    /// 423: the profile is disconnected or the resource is locked.
    ///
    /// **Do**: have the user relink the calendar profile (a `profile_disconnected` push
    /// notification says which), then try again.
    #[error(
        "Cronofy answered 423 Locked: the user's calendar profile is disconnected or the resource is locked; have the user relink the profile"
    )]
    Locked {
        /// The start of the response body.
        body: ResponseExcerpt,
    },
    /// 429: too many requests.
    ///
    /// **Do**: slow down; wait `retry_after` when it is given. The client already retried as
    /// its [`RetryPolicy`](crate::RetryPolicy) allows.
    #[error("Cronofy is rate limiting this application (429 Too Many Requests){}; slow down", retry_after_text(.retry_after))]
    RateLimited {
        /// The `Retry-After` the server sent, if any.
        retry_after: Option<Duration>,
    },
    /// 5xx: Cronofy had a problem.
    ///
    /// **Do**: try again later. A 502, 503 or 504 of an idempotent request was already retried
    /// by the client's [`RetryPolicy`](crate::RetryPolicy); a 500 or 501 is never retried (the
    /// same request would fail the same way), nor is a `POST` that is not idempotent, which may
    /// have taken effect.
    #[error("Cronofy had an internal problem ({status}); try again later")]
    Server {
        /// The status code.
        status: StatusCode,
        /// The start of the response body.
        body: ResponseExcerpt,
    },
    /// Any other status that is not a success.
    ///
    /// **Do**: read `body` and the endpoint's Cronofy documentation; report it if Cronofy
    /// documents the status, so it gets a case of its own.
    #[error("Cronofy answered with the unexpected status {status}: {body}")]
    UnexpectedStatus {
        /// The status code.
        status: StatusCode,
        /// The start of the response body.
        body: ResponseExcerpt,
    },
    /// The request took longer than the client's timeout.
    ///
    /// **Do**: try again; raise [`ClientBuilder::timeout`](crate::ClientBuilder::timeout) if
    /// such requests (large availability queries, say) are expected to take long. A `POST` that
    /// timed out may still have taken effect.
    #[error("the request to Cronofy timed out; try again, or raise the client's timeout")]
    Timeout,
    /// The request could not be sent or its response not received (DNS, connection, TLS).
    /// The URL is left out of it, as a query could carry a value worth keeping private.
    ///
    /// **Do**: check the network and the client's data center or base URL; try again later.
    #[error("could not reach Cronofy: {0}")]
    Transport(#[source] Arc<reqwest::Error>),
    /// A success response whose body is not what the endpoint documents.
    ///
    /// **Do**: the call succeeded at Cronofy, so do not simply repeat a write. Report `reason`
    /// and `body` (scrubbed of the credential): the model lacks leniency somewhere.
    #[error(
        "Cronofy's response ({status}) could not be read as the expected type: {reason}; body starts with: {body}"
    )]
    Decode {
        /// The status code of the response.
        status: StatusCode,
        /// What did not match, from the JSON decoder.
        reason: String,
        /// The start of the response body.
        body: ResponseExcerpt,
    },
    /// A request body or query could not be encoded as JSON or a query string.
    ///
    /// **Do**: fix the type: a query must be a flat struct (or map) of scalars and sequences, and
    /// a body must serialize to JSON (no maps with non-string keys). Nothing was sent.
    #[error("the request's {part} could not be encoded: {reason}")]
    Encode {
        /// `"body"` or `"query"`.
        part: &'static str,
        /// What the encoder said.
        reason: String,
    },
    /// The request was not sent: a value in it breaks a rule Cronofy documents (an empty
    /// attendee email, a negative reminder, a capacity of 0, ...), or `.field()` named a field
    /// its type already models. `reason` says which.
    ///
    /// **Do**: fix the value `reason` names; nothing was sent, so no round trip was spent.
    #[error("the request was not sent: {reason}")]
    InvalidRequest {
        /// What is wrong, in the request's own terms.
        reason: String,
    },
    /// A path parameter would not stay one path segment (`.`, `..` or empty).
    ///
    /// **Do**: pass a real id (usually a variable that was never filled in); nothing was sent.
    #[error("the path parameter `{name}` is {reason}: it cannot name a resource")]
    InvalidPathParameter {
        /// The parameter's name.
        name: &'static str,
        /// What is wrong with its value.
        reason: &'static str,
    },
    /// A credential cannot be used: it is empty, or cannot be sent as an HTTP header.
    ///
    /// **Do**: check where the token or secret comes from (an unset environment variable, a
    /// stray newline); nothing was sent.
    #[error("the credential cannot be used: {reason}")]
    InvalidCredential {
        /// What is wrong (never the value itself).
        reason: &'static str,
    },
    /// Cronofy refused a code exchange because its `redirect_uri` differs from the one the
    /// authorization URL was built with: a configuration error (the redirect URI registered,
    /// built into the URL and sent with the exchange must be the same text), which sending the
    /// user to authorize again would only repeat. Exchanging through
    /// [`PendingAuthorization`](crate::oauth::PendingAuthorization) uses the URL's own.
    ///
    /// **Do**: use one redirect URI, byte for byte, in the application's settings, the
    /// authorization URL and the exchange.
    #[error(
        "Cronofy refused the code exchange: its redirect_uri differs from the one the authorization URL was built with ({description}); this is a configuration error, not something authorizing again fixes"
    )]
    RedirectUriMismatch {
        /// Cronofy's `error_description`, control characters escaped.
        description: String,
    },
    /// The user must authorize the application again: Cronofy answered `invalid_grant` (the
    /// refresh token was revoked or rotated away, or the code was used or expired; Cronofy's
    /// one answer also covers a code sent with another redirect URI, which is
    /// [`RedirectUriMismatch`](Error::RedirectUriMismatch) when its description says so).
    /// No retry can fix this.
    ///
    /// **Do**: send the user to a new authorization URL. Until a new authorization is stored,
    /// every instance sharing the token store gets this error without asking Cronofy.
    #[error(
        "the user must authorize the application again: Cronofy answered invalid_grant ({description}); send them to a new authorization URL"
    )]
    ReauthorizationRequired {
        /// Cronofy's `error_description`, or what was being done.
        description: String,
    },
    /// Cronofy did not recognize the application's client id and secret (`invalid_client`).
    ///
    /// **Do**: check the client id and secret, and that the client's data center is the one
    /// the application was created in.
    #[error(
        "Cronofy did not recognize the application's client_id and client_secret (invalid_client); check them, and that they belong to this data center"
    )]
    InvalidClient,
    /// The token endpoint answered with another OAuth error.
    ///
    /// **Do**: read `error` and `description` (RFC 6749, section 5.2): usually a request that
    /// the application must change (`unsupported_grant_type`, `invalid_scope`).
    #[error("Cronofy's token endpoint refused the request: {error}{}", description_text(.description))]
    OAuth {
        /// The RFC 6749 `error` code.
        error: String,
        /// Its `error_description`, if given.
        description: Option<String>,
    },
    /// The token store failed while refreshing: it could not be read, leased or written. The
    /// tokens in use are unchanged; a refreshed set that could not be saved is kept in memory
    /// and saved first on the next attempt, never requested again.
    ///
    /// **Do**: make the store reachable (the message says what failed); the call can be tried
    /// again. Before the process exits, call [`oauth::shutdown`](crate::oauth::shutdown) so
    /// that a kept set is saved.
    #[error("the token store failed during a token refresh: {0}")]
    TokenStore(#[source] crate::oauth::TokenStoreError),
    /// Cronofy answered with a redirect that the client does not follow: to another origin
    /// (never followed, so no credential or body reaches it), or for a request that is not a
    /// `GET` with a bearer (the token endpoint and other client-credential requests follow
    /// none). Nothing was sent to where it points.
    ///
    /// **Do**: check the client's base URL (a proxy in front of it that redirects, say).
    #[error(
        "Cronofy answered {status} with a redirect to {origin}, which the client does not follow: credentials are only ever sent to the data center's own origin"
    )]
    Redirected {
        /// The redirect's status (301, 302, 303, 307 or 308).
        status: StatusCode,
        /// The origin (`scheme://host:port`) the redirect pointed to, or what was wrong with
        /// its `Location`; never the rest of it, which could carry a secret.
        origin: String,
    },
    /// The response body was larger than the client's limit
    /// ([`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size)); the
    /// rest of it was not read.
    ///
    /// **Do**: narrow the request (a shorter window of events, fewer calendars), or raise the
    /// limit if such answers are expected.
    #[error(
        "Cronofy's response ({status}) is larger than the client's limit of {limit} bytes; it was not read (raise it with ClientBuilder::max_response_size if such responses are expected)"
    )]
    ResponseTooLarge {
        /// The status of the response.
        status: StatusCode,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The application deleted this authorization's record from its token store (the user
    /// disconnected) while the credential was in use: the credential does not write it back.
    /// Build a new credential once the user authorizes again.
    ///
    /// **Do**: stop using this credential; send the user to authorize again if they should
    /// be connected.
    #[error(
        "the token store no longer holds this authorization (the record was deleted, e.g. the user disconnected); it is not written back: have the user authorize again"
    )]
    AuthorizationRemoved,
    /// A paging link pointed somewhere other than the client's API origin; it was not
    /// requested, so the token was not sent there.
    ///
    /// **Do**: check the client's base URL (a proxy that rewrites hosts); the pages read so far
    /// are good.
    #[error(
        "refused to follow a paging link to another origin: {url}; only {expected} is trusted with the token"
    )]
    UntrustedPageLink {
        /// The link as received.
        url: String,
        /// The origin the client trusts.
        expected: String,
    },
    /// The client's [`RateGovernor`](crate::rate::RateGovernor) would have had this call wait
    /// longer than its [`max_wait`](crate::rate::RateGovernor::max_wait) for the rate budget.
    /// Nothing Cronofy acted on was sent (a retry the governor refuses returns the failure of
    /// the attempt it retried instead; one after a refresh, this).
    ///
    /// **Do**: try again after `wait` (or later, when it is zero), or do the work in the
    /// background where waiting is fine; more calls now only lengthen the queue.
    #[error(
        "the application's rate budget has no room for this call within the governor's max wait{}; nothing was sent", budget_wait_text(.wait)
    )]
    RateBudgetExhausted {
        /// How much longer the call would have had to wait, at least (zero when it was held
        /// back by the callers ahead of it: how long they take is not known).
        wait: Duration,
    },
}

fn budget_wait_text(wait: &Duration) -> String {
    if wait.is_zero() {
        " (other calls were queued ahead of it)".to_owned()
    } else {
        format!(" (room in {} ms)", wait.as_millis())
    }
}

fn description_text(description: &Option<String>) -> String {
    match description {
        Some(description) => format!(" ({description})"),
        None => String::new(),
    }
}

/// An [`Error::Decode`] for an answer whose shape, not its JSON, is wrong (a batch answering
/// fewer entries than it was sent); for the `cronofy` crate.
#[doc(hidden)]
pub fn decode_error(status: u16, reason: String) -> Error {
    Error::Decode {
        status: StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY),
        reason,
        body: ResponseExcerpt::new(b"", b""),
    }
}

impl Error {
    /// What a call that received `status` and `body` would return: `Ok` for a success,
    /// otherwise its typed error. For responses that arrive inside another one, such as each
    /// entry of a batch's 207 answer. A number that is not an HTTP status is a decode error.
    pub fn check_status(status: u16, body: &[u8]) -> Result<(), Error> {
        let Ok(code) = StatusCode::from_u16(status) else {
            return Err(Error::Decode {
                status: StatusCode::BAD_GATEWAY,
                reason: format!("{status} is not an HTTP status"),
                body: ResponseExcerpt::new(body, b""),
            });
        };
        if code.is_success() {
            return Ok(());
        }
        Err(crate::pipeline::error_for_status(
            code,
            &reqwest::header::HeaderMap::new(),
            body,
            &[],
        ))
    }

    /// The HTTP status of the response this error comes from, if it comes from one.
    pub fn status(&self) -> Option<StatusCode> {
        Some(match self {
            Error::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Error::PaymentRequired { .. } => StatusCode::PAYMENT_REQUIRED,
            Error::Forbidden { .. } => StatusCode::FORBIDDEN,
            Error::NotFound { .. } => StatusCode::NOT_FOUND,
            Error::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Locked { .. } => StatusCode::LOCKED,
            Error::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::Server { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. }
            | Error::Redirected { status, .. }
            | Error::ResponseTooLarge { status, .. } => *status,
            _ => return None,
        })
    }
}

fn retry_after_text(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(after) => format!(" and asks to retry after {} s", after.as_secs()),
        None => String::new(),
    }
}

/// The start of a response body, kept for diagnosis: at most [`ResponseExcerpt::MAX_LEN`]
/// bytes of (lossily decoded) text, with the request's own credential replaced by
/// `[redacted]` should the server have echoed it.
#[derive(Clone, PartialEq, Eq)]
pub struct ResponseExcerpt {
    text: String,
    truncated: bool,
}

impl ResponseExcerpt {
    /// How many bytes of a body are kept.
    pub const MAX_LEN: usize = 512;

    /// Keeps the start of `body`, scrubbing `secret` (when non-empty) from it.
    pub(crate) fn new(body: &[u8], secret: &[u8]) -> Self {
        Self::scrubbed(body, &[secret])
    }

    /// Keeps the start of `body`, scrubbing each of `secrets` (empty ones ignored) from it.
    pub(crate) fn scrubbed(body: &[u8], secrets: &[&[u8]]) -> Self {
        let text = scrub(body, secrets);
        let mut end = text.len().min(Self::MAX_LEN);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        ResponseExcerpt {
            truncated: end < text.len(),
            text: text[..end].to_owned(),
        }
    }

    /// The kept text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the body was longer than what was kept.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }
}

impl fmt::Debug for ResponseExcerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl fmt::Display for ResponseExcerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.text.is_empty() {
            return f.write_str("(empty body)");
        }
        // Control characters escaped: a body is outside text, and must not forge log lines.
        for c in self.text.chars() {
            write_escaped(c, f)?;
        }
        if self.truncated {
            f.write_str("…")?;
        }
        Ok(())
    }
}

/// `body` as text, with each of `secrets` (empty ones ignored) replaced by `[redacted]`.
pub(crate) fn scrub(body: &[u8], secrets: &[&[u8]]) -> String {
    let mut text = String::from_utf8_lossy(body).into_owned();
    for secret in secrets {
        if let Ok(secret) = std::str::from_utf8(secret)
            && !secret.is_empty()
        {
            text = text.replace(secret, "[redacted]");
        }
    }
    text
}

/// The `errors` map of a 422 response: for each field, what is wrong with it.
///
/// Cronofy sends `{"errors": {"summary": [{"key": "errors.required", "description": "required"}]}}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct ValidationErrors {
    /// Field name -> the problems with it. Required: a 422 without it is not the documented
    /// shape, and is kept whole as a decode error instead.
    pub errors: BTreeMap<String, Vec<ValidationIssue>>,
}

/// One problem with one field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ValidationIssue {
    /// A stable key such as `errors.required`.
    pub key: String,
    /// A human-readable explanation, when Cronofy gives one.
    #[serde(default)]
    pub description: Option<String>,
}

impl ValidationErrors {
    /// The same map with each of `secrets` replaced by `[redacted]` in every field name, key
    /// and description. Needed on top of scrubbing the raw body, since JSON may write any
    /// character of an echoed secret as an escape (`\u0074`), which only parsing reveals.
    /// Every text is then made safe to print (control characters escaped, length capped).
    pub(crate) fn scrubbed(self, secrets: &[&[u8]]) -> Self {
        let clean = |text: String| outside_text(&scrub(text.as_bytes(), secrets));
        ValidationErrors {
            errors: self
                .errors
                .into_iter()
                .map(|(field, issues)| {
                    let issues = issues
                        .into_iter()
                        .map(|issue| ValidationIssue {
                            key: clean(issue.key),
                            description: issue.description.map(clean),
                        })
                        .collect();
                    (clean(field), issues)
                })
                .collect(),
        }
    }

    /// The problems with `field`, if it has any.
    pub fn field(&self, field: &str) -> &[ValidationIssue] {
        self.errors
            .get(field)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

impl fmt::Display for ValidationErrors {
    /// `summary: required (errors.required); start: ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.errors.is_empty() {
            return f.write_str("no field errors were given");
        }
        for (i, (field, issues)) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{field}: ")?;
            for (j, issue) in issues.iter().enumerate() {
                if j > 0 {
                    f.write_str(", ")?;
                }
                match &issue.description {
                    Some(description) => write!(f, "{description} ({})", issue.key)?,
                    None => f.write_str(&issue.key)?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_bounded_scrubbed_and_char_safe() {
        let body = format!("{}é{}", "a".repeat(ResponseExcerpt::MAX_LEN - 1), "tail");
        let excerpt = ResponseExcerpt::new(body.as_bytes(), b"");
        assert!(excerpt.is_truncated());
        assert_eq!(excerpt.as_str().len(), ResponseExcerpt::MAX_LEN - 1);

        let echoed = ResponseExcerpt::new(b"{\"token\":\"s3cr3t-token\"}", b"s3cr3t-token");
        assert_eq!(echoed.as_str(), "{\"token\":\"[redacted]\"}");
        assert_eq!(ResponseExcerpt::new(b"", b"x").to_string(), "(empty body)");
    }

    #[test]
    fn validation_errors_read_cronofy_shape_and_display_every_field() {
        let errors: ValidationErrors = serde_json::from_str(
            r#"{"errors":{"summary":[{"key":"errors.required","description":"required"}],
                "end":[{"key":"errors.must_be_after_start"}]}}"#,
        )
        .unwrap();
        assert_eq!(errors.field("summary")[0].key, "errors.required");
        assert!(errors.field("nope").is_empty());
        assert_eq!(
            Error::Validation { errors }.to_string(),
            "Cronofy rejected the request's content (422): end: errors.must_be_after_start; summary: required (errors.required)"
        );
    }

    #[test]
    fn rate_limit_message_mentions_retry_after_when_known() {
        let with = Error::RateLimited {
            retry_after: Some(Duration::from_secs(7)),
        };
        assert!(with.to_string().contains("retry after 7 s"));
        let without = Error::RateLimited { retry_after: None };
        assert!(!without.to_string().contains("retry after"));
    }
}
