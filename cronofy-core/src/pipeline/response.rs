//! What comes back: a success decoded into the declared type, or any other answer turned into
//! the matching [`Error`], scrubbed of every secret the request carried.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::Deserialize;
use serde::de::DeserializeSeed;

use crate::auth::Authorization;
use crate::error::{Error, ResponseExcerpt, ValidationErrors, scrub};
use crate::outside_text::outside_text;
use crate::pipeline::paging::{Page, PageSeed};
use crate::pipeline::{PageItem, ResponseBody};

/// What one attempt received: the headers only for a failure (for `Retry-After`).
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// A success response, before decoding.
#[doc(hidden)]
pub struct Response {
    status: StatusCode,
    body: Bytes,
    authorization: Authorization,
    /// The span of the call, which a body that cannot be decoded marks as failed.
    span: tracing::Span,
}

impl Response {
    pub(crate) fn new(answer: Answer, authorization: Authorization, span: tracing::Span) -> Self {
        Response {
            status: answer.status,
            body: answer.body,
            authorization,
            span,
        }
    }

    /// Decodes the body as JSON of type `T`.
    pub fn json<T: ResponseBody>(self) -> Result<T, Error> {
        // An empty success body (a `202 Accepted`) reads as `null`: a declared `Option<T>`
        // return type is then `None`, and any other type a decode error as before.
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|e| self.decode_error(&e))
    }

    /// Decodes the body as one page of a list whose items are in the field `items`.
    pub fn page<T: PageItem>(self, items: &'static str) -> Result<Page<T>, Error> {
        let mut decoder = serde_json::Deserializer::from_slice(&self.body);
        PageSeed::new(items)
            .deserialize(&mut decoder)
            .and_then(|page| decoder.end().map(|()| page))
            .map_err(|e| self.decode_error(&e))
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    #[cold]
    fn decode_error(&self, error: &serde_json::Error) -> Error {
        let decode = self.decode_error_of(error);
        super::trace::decode_failed(&self.span, &decode);
        decode
    }

    fn decode_error_of(&self, error: &serde_json::Error) -> Error {
        if self.authorization.is_client_credentials() {
            // A token set: the decoder's message and the body could both quote a token.
            return Error::Decode {
                status: self.status,
                reason: format!(
                    "the response is not in the documented shape ({:?} error at line {}, column {})",
                    error.classify(),
                    error.line(),
                    error.column()
                ),
                body: ResponseExcerpt::scrubbed(b"[withheld: this response carries secrets]", &[]),
            };
        }
        let secret = self.authorization.secret();
        Error::Decode {
            status: self.status,
            reason: ResponseExcerpt::scrubbed(error.to_string().as_bytes(), &[secret])
                .as_str()
                .to_owned(),
            body: ResponseExcerpt::scrubbed(&self.body, &[secret]),
        }
    }
}

/// The error for an answer that is not a success, to a request made with `authorization`
/// and carrying `request_body`. Everything secret the request carried is scrubbed from what
/// the error keeps: the credential, and for client credentials (whose bodies carry codes and
/// refresh tokens) every string of the body.
#[cold]
pub(crate) fn error_for(
    answer: &Answer,
    authorization: &Authorization,
    request_body: Option<&[u8]>,
) -> Error {
    let mut secrets: Vec<Vec<u8>> = vec![authorization.secret().to_vec()];
    if authorization.is_client_credentials() {
        // The body, read once: its strings to scrub, and its grant.
        let body: Option<serde_json::Value> =
            request_body.and_then(|body| serde_json::from_slice(body).ok());
        let exchanging_code = body.as_ref().is_some_and(is_code_exchange);
        secrets.extend(body.map(strings_of).unwrap_or_default());
        // OAuth errors come with 400 or 401 (RFC 6749, 5.2). A 5xx or a 429 with an
        // `error` member (a proxy, a load balancer) is passing trouble, as its status says,
        // never a refused grant.
        let oauth_status =
            answer.status.is_client_error() && answer.status != StatusCode::TOO_MANY_REQUESTS;
        if oauth_status && let Some(error) = oauth_error(&answer.body, &secrets, exchanging_code) {
            return error;
        }
    }
    let secrets: Vec<&[u8]> = secrets.iter().map(Vec::as_slice).collect();
    error_for_status(answer.status, &answer.headers, &answer.body, &secrets)
}

/// Whether a token-endpoint body exchanges an authorization code (the one grant that carries
/// a redirect URI).
fn is_code_exchange(body: &serde_json::Value) -> bool {
    body.get("grant_type").and_then(serde_json::Value::as_str) == Some("authorization_code")
}

/// Whether an `invalid_grant` description says the `redirect_uri` does not match: the
/// parameter named as such, with a word of mismatch. RFC 6749's catch-all description ("...
/// does not match the redirection URI used in the authorization request") names no
/// `redirect_uri`, and covers used and expired codes too, so it is not one.
fn says_redirect_uri_mismatch(description: &str) -> bool {
    let text = description.to_ascii_lowercase();
    (text.contains("redirect_uri") || text.contains("redirect uri"))
        && ["match", "differ", "same"].iter().any(|w| text.contains(w))
}

/// Every string value in a JSON value, as bytes: the candidates for scrubbing.
fn strings_of(json: serde_json::Value) -> Vec<Vec<u8>> {
    fn walk(value: serde_json::Value, out: &mut Vec<Vec<u8>>) {
        match value {
            serde_json::Value::String(text) => out.push(text.into_bytes()),
            serde_json::Value::Array(items) => items.into_iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(members) => {
                members.into_iter().for_each(|(_, v)| walk(v, out))
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(json, &mut out);
    out
}

/// An RFC 6749 error body: `{"error": "invalid_grant", "error_description": "..."}`.
#[derive(Deserialize)]
struct OAuthErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// The error of an OAuth error body (the token endpoint's answers), if `body` is one;
/// `exchanging_code` when the request exchanged an authorization code.
fn oauth_error(body: &[u8], secrets: &[Vec<u8>], exchanging_code: bool) -> Option<Error> {
    let oauth = serde_json::from_slice::<OAuthErrorBody>(body).ok()?;
    let secrets: Vec<&[u8]> = secrets.iter().map(Vec::as_slice).collect();
    // Scrubbed of what the request carried, then made safe to print: Cronofy's words, but
    // outside text all the same.
    let clean = |text: String| outside_text(&scrub(text.as_bytes(), &secrets));
    Some(match oauth.error.as_str() {
        // A code exchanged with another redirect URI than it was issued for: a configuration
        // error, which authorizing again would only repeat. Cronofy answers it with
        // `invalid_grant`, told apart by its description.
        "invalid_grant"
            if exchanging_code
                && oauth
                    .error_description
                    .as_deref()
                    .is_some_and(says_redirect_uri_mismatch) =>
        {
            Error::RedirectUriMismatch {
                description: oauth.error_description.map(clean).unwrap_or_default(),
            }
        }
        "invalid_grant" => Error::ReauthorizationRequired {
            description: oauth
                .error_description
                .map(clean)
                .unwrap_or_else(|| "the grant is no longer valid".to_owned()),
        },
        "invalid_client" => Error::InvalidClient,
        _ => Error::OAuth {
            error: clean(oauth.error),
            description: oauth.error_description.map(clean),
        },
    })
}

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

    #[test]
    fn only_a_code_exchange_told_its_redirect_uri_differs_is_a_redirect_mismatch() {
        let authorization = Authorization::client_credentials("id", "client-s3cret");
        let answer = |description: &str| Answer {
            status: StatusCode::BAD_REQUEST,
            headers: HeaderMap::new(),
            body: Bytes::from(
                serde_json::json!({"error": "invalid_grant", "error_description": description})
                    .to_string(),
            ),
        };
        let exchange: &[u8] =
            br#"{"grant_type":"authorization_code","code":"c","redirect_uri":"u"}"#;
        let refresh: &[u8] = br#"{"grant_type":"refresh_token","refresh_token":"r"}"#;
        let mismatch = "the redirect_uri does not match the one the code was issued for";
        // RFC 6749's catch-all, which also covers used, expired and revoked grants.
        let rfc = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
        let kind = |description: &str, request: &[u8]| match error_for(
            &answer(description),
            &authorization,
            Some(request),
        ) {
            Error::RedirectUriMismatch { .. } => "mismatch",
            Error::ReauthorizationRequired { .. } => "reauthorize",
            other => panic!("{other:?}"),
        };
        assert_eq!(kind(mismatch, exchange), "mismatch");
        assert_eq!(kind(rfc, exchange), "reauthorize");
        assert_eq!(kind(rfc, refresh), "reauthorize");
        // A refresh never carries a redirect URI, whatever the description says.
        assert_eq!(kind(mismatch, refresh), "reauthorize");
        assert_eq!(kind("the code was already used", exchange), "reauthorize");
    }

    #[test]
    fn oauth_errors_of_client_credential_requests_are_typed_and_scrubbed() {
        let authorization = Authorization::client_credentials("id", "client-s3cret");
        let request = br#"{"grant_type":"refresh_token","refresh_token":"refresh-s3cret"}"#;
        let answer = |body: &'static [u8]| Answer {
            status: StatusCode::BAD_REQUEST,
            headers: HeaderMap::new(),
            body: Bytes::from_static(body),
        };
        let error = error_for(
            &answer(br#"{"error":"invalid_grant","error_description":"refresh-s3cret is dead"}"#),
            &authorization,
            Some(request),
        );
        match &error {
            Error::ReauthorizationRequired { description } => {
                assert_eq!(description, "[redacted] is dead")
            }
            other => panic!("{other:?}"),
        }
        let error = error_for(
            &answer(br#"{"error":"invalid_client"}"#),
            &authorization,
            None,
        );
        assert!(matches!(error, Error::InvalidClient), "{error:?}");
        let error = error_for(
            &answer(br#"{"error":"unsupported_grant_type","error_description":"client-s3cret"}"#),
            &authorization,
            None,
        );
        assert!(!error.to_string().contains("s3cret"), "{error}");
        // Not an OAuth body: the status decides, the excerpt is scrubbed of the body's strings.
        let error = error_for(
            &Answer {
                status: StatusCode::SERVICE_UNAVAILABLE,
                headers: HeaderMap::new(),
                body: Bytes::from_static(b"down; got refresh-s3cret"),
            },
            &authorization,
            Some(request),
        );
        assert!(matches!(error, Error::Server { .. }), "{error:?}");
        assert!(!format!("{error:?}").contains("s3cret"), "{error:?}");
        // An OAuth-shaped body with a 5xx or a 429: the status decides, so an answer from a
        // proxy in trouble never passes for a refused grant.
        for (status, body) in [
            (
                StatusCode::SERVICE_UNAVAILABLE,
                &br#"{"error":"invalid_grant"}"#[..],
            ),
            (
                StatusCode::BAD_GATEWAY,
                br#"{"error":"temporarily_unavailable"}"#,
            ),
            (
                StatusCode::TOO_MANY_REQUESTS,
                br#"{"error":"invalid_grant"}"#,
            ),
        ] {
            let answer = Answer {
                status,
                headers: HeaderMap::new(),
                body: Bytes::from_static(body),
            };
            let error = error_for(&answer, &authorization, Some(request));
            assert!(
                matches!(error, Error::Server { .. } | Error::RateLimited { .. }),
                "{status}: {error:?}"
            );
        }
    }
}
