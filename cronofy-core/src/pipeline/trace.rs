//! The tracing span of one endpoint call: opened before the first attempt, closed after the
//! last, so it covers every retry, redirect and refresh of the call.
//!
//! The span is named after the endpoint (`list_calendars`); the macro writes its callsite
//! (`__endpoint_span!`) because `tracing` names are static. Its fields follow OpenTelemetry's
//! conventions for HTTP client spans where one fits, so an OpenTelemetry layer exports it as
//! a client span without mapping:
//!
//! | field | value |
//! |---|---|
//! | `otel.kind` | `client` |
//! | `cronofy.endpoint` | the endpoint's name |
//! | `http.request.method` | `GET`, `POST`, ... |
//! | `url.template` | the path **template** (`/v1/calendars/{calendar_id}/events`) |
//! | `server.address`, `server.port` | the API host and port |
//! | `cronofy.data_center` | `us`, `uk`, ..., or `custom` for a base URL |
//! | `cronofy.credential_kind` | `user`, `app`, `org`, ... as sent |
//! | `http.response.status_code` | the status of the last answer |
//! | `cronofy.attempts` | HTTP requests sent for the call |
//! | `cronofy.retry_delay_ms` | the time spent waiting between attempts |
//! | `cronofy.rate_wait_ms` | with a [rate governor](crate::rate), the time spent waiting for the rate budget |
//! | `cronofy.reauthorized` | whether a 401 led to a refresh and a second try |
//! | `error.type`, `otel.status_code` | on failure: the status code, or the kind of failure; `ERROR` |
//!
//! Never recorded: the filled path (ids, which may be email addresses), the query, bodies,
//! headers, tokens and secrets.

use std::time::Duration;

use reqwest::StatusCode;
use tracing::Span;

use crate::Client;
use crate::auth::AuthKind;
use crate::endpoint::Endpoint;
use crate::error::Error;

/// What one call did, recorded on its span when it ends.
#[derive(Default)]
pub(crate) struct Tally {
    /// HTTP requests sent.
    pub(crate) attempts: u32,
    /// Time waited between attempts.
    pub(crate) retry_delay: Duration,
    /// Time waited for the rate budget, with a rate governor.
    pub(crate) rate_wait: Option<Duration>,
    /// The status of the last answer.
    pub(crate) status: Option<StatusCode>,
    /// Whether a 401 was answered by a refresh and a second try.
    pub(crate) reauthorized: bool,
    /// The kind of credential sent (for an endpoint that accepts several, known only once the
    /// credential is applied).
    pub(crate) credential: Option<AuthKind>,
}

/// Opens the span of a call to `endpoint` with `client`, with the fields known before it
/// starts.
pub(crate) fn open(endpoint: &Endpoint, client: &Client) -> Span {
    let span = (endpoint.span.0)();
    if !span.is_disabled() {
        let base = client.api_base();
        match base.host() {
            // OpenTelemetry's `server.address` is the bare address, without URL brackets.
            Some(url::Host::Ipv6(address)) => {
                span.record("server.address", address.to_string());
            }
            Some(_) => {
                if let Some(host) = base.host_str() {
                    span.record("server.address", host);
                }
            }
            None => {}
        }
        if let Some(port) = base.port_or_known_default() {
            span.record("server.port", port);
        }
        let data_center = client.data_center().map_or("custom", |center| center.id());
        span.record("cronofy.data_center", data_center);
    }
    span
}

/// The span of a call refused before anything was sent (a path value that cannot be one
/// segment, a body or query that breaks a documented rule, a paging link to another origin):
/// opened and closed at once, with no attempt, so that the failure still counts in traces.
pub(crate) fn refused(endpoint: &Endpoint, error: &Error) {
    let span = (endpoint.span.0)();
    if !span.is_disabled() {
        span.record("cronofy.attempts", 0);
        record_failure(&span, error);
    }
}

/// Records on the span of a call whose answer arrived that it could not be decoded: the call
/// failed even though its status was a success.
pub(crate) fn decode_failed(span: &Span, error: &Error) {
    if !span.is_disabled() {
        record_failure(span, error);
    }
}

/// `error.type` and `otel.status_code` of a failed call.
pub(crate) fn record_failure(span: &Span, error: &Error) {
    record_error_type(span, error);
    span.record("otel.status_code", "ERROR");
}

/// Records how the call ended.
pub(crate) fn close<T>(span: &Span, tally: &Tally, result: &Result<T, Error>) {
    if span.is_disabled() {
        return;
    }
    span.record("cronofy.attempts", tally.attempts);
    span.record(
        "cronofy.retry_delay_ms",
        u64::try_from(tally.retry_delay.as_millis()).unwrap_or(u64::MAX),
    );
    span.record("cronofy.reauthorized", tally.reauthorized);
    if let Some(waited) = tally.rate_wait {
        span.record(
            "cronofy.rate_wait_ms",
            u64::try_from(waited.as_millis()).unwrap_or(u64::MAX),
        );
    }
    if let Some(kind) = tally.credential {
        span.record("cronofy.credential_kind", kind.as_str());
    }
    if let Some(status) = tally.status {
        span.record("http.response.status_code", status.as_u16());
    }
    if let Err(error) = result {
        record_failure(span, error);
    }
}

/// OpenTelemetry's `error.type`: the status code of an answer that failed, or a short name
/// of the failure (low cardinality, never a message: messages may quote the server).
fn record_error_type(span: &Span, error: &Error) {
    let kind = match error {
        Error::Unauthorized { .. }
        | Error::PaymentRequired { .. }
        | Error::Forbidden { .. }
        | Error::NotFound { .. }
        | Error::Validation { .. }
        | Error::Locked { .. }
        | Error::RateLimited { .. }
        | Error::Server { .. }
        | Error::UnexpectedStatus { .. } => match error.status() {
            Some(status) => {
                span.record("error.type", status.as_str());
                return;
            }
            None => "http",
        },
        Error::Decode { .. } => "decode",
        Error::Redirected { .. } => "redirected",
        Error::ResponseTooLarge { .. } => "response_too_large",
        Error::Timeout => "timeout",
        Error::Transport(_) => "transport",
        Error::Encode { .. } => "encode",
        Error::InvalidRequest { .. } => "invalid_request",
        Error::InvalidPathParameter { .. } => "invalid_path_parameter",
        Error::InvalidCredential { .. } => "invalid_credential",
        Error::RedirectUriMismatch { .. } => "redirect_uri_mismatch",
        Error::ReauthorizationRequired { .. } => "reauthorization_required",
        Error::InvalidClient => "invalid_client",
        Error::OAuth { .. } => "oauth",
        Error::TokenStore(_) => "token_store",
        Error::AuthorizationRemoved => "authorization_removed",
        Error::UntrustedPageLink { .. } => "untrusted_page_link",
        Error::RateBudgetExhausted { .. } => "rate_budget_exhausted",
    };
    span.record("error.type", kind);
}
