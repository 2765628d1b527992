//! Building answers and reading requests: JSON bodies, the `errors` map of a 422, query strings.

use std::collections::BTreeMap;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// A JSON answer.
pub(crate) fn json(status: StatusCode, value: &Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

/// `200 OK` with a JSON body.
pub(crate) fn ok(value: &Value) -> Response {
    json(StatusCode::OK, value)
}

/// An answer with no body.
pub(crate) fn empty(status: StatusCode) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    response
}

/// `202 Accepted`, empty, as Cronofy answers writes.
pub(crate) fn accepted() -> Response {
    empty(StatusCode::ACCEPTED)
}

/// Why a request is refused: the early return of every handler, turned into the answer
/// Cronofy would give.
pub(crate) enum Rejection {
    /// `400 {"error":"invalid_request"}`: a body that cannot be read at all.
    BadRequest(String),
    /// `400` with an OAuth error (RFC 6749 section 5.2), e.g. `invalid_grant`.
    OAuth {
        error: &'static str,
        description: &'static str,
    },
    /// `401 {"error":"invalid_client"}`: client credentials in the body of a `/v1/` call
    /// (application calendars) that match no application.
    InvalidClient,
    /// `401`: the credential is missing, unknown, expired, or of the wrong kind.
    Unauthorized(String),
    /// `403`: the credential lacks a scope, or may not act for that member.
    Forbidden(String),
    /// `404`, empty.
    NotFound,
    /// `422` with the `errors` map.
    Invalid(FieldErrors),
    /// `423`: the calendar's profile is disconnected (its authorization was revoked).
    Locked,
}

impl Rejection {
    /// The status it is answered with.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Rejection::BadRequest(_) | Rejection::OAuth { .. } => StatusCode::BAD_REQUEST,
            Rejection::InvalidClient | Rejection::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Rejection::Forbidden(_) => StatusCode::FORBIDDEN,
            Rejection::NotFound => StatusCode::NOT_FOUND,
            Rejection::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Rejection::Locked => StatusCode::LOCKED,
        }
    }

    /// The JSON body it is answered with, if any: also the `data` of a batch entry.
    pub(crate) fn body(&self) -> Option<Value> {
        Some(match self {
            Rejection::BadRequest(reason) => {
                json!({ "error": "invalid_request", "error_description": reason })
            }
            Rejection::OAuth { error, description } => {
                json!({ "error": error, "error_description": description })
            }
            Rejection::InvalidClient => json!({
                "error": "invalid_client",
                "error_description": "client_id and client_secret do not match a registered application",
            }),
            // The body says what was wrong, to help whoever reads a failing test; it never
            // repeats the credential.
            Rejection::Unauthorized(reason) => {
                json!({ "error": "unauthorized", "error_description": reason })
            }
            Rejection::Forbidden(reason) => {
                json!({ "error": "forbidden", "error_description": reason })
            }
            Rejection::NotFound => return None,
            Rejection::Invalid(errors) => errors.to_json(),
            Rejection::Locked => json!({
                "error": "locked",
                "error_description": "the calendar's profile is disconnected: the user must relink it",
            }),
        })
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut response = match self.body() {
            Some(body) => json(status, &body),
            None => empty(status),
        };
        match self {
            Rejection::OAuth { .. } | Rejection::InvalidClient => {
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            }
            Rejection::Unauthorized(_) => {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"cronofy\""),
                );
            }
            _ => {}
        }
        response
    }
}

/// A `401` rejection.
pub(crate) fn unauthorized(reason: impl Into<String>) -> Rejection {
    Rejection::Unauthorized(reason.into())
}

/// A `403` rejection.
pub(crate) fn forbidden(reason: impl Into<String>) -> Rejection {
    Rejection::Forbidden(reason.into())
}

/// What the fake answers for a path no route matches: a 404 that says so, unlike Cronofy's
/// empty 404 for an unknown resource, so a mistyped path is told apart from a missing id.
pub(crate) async fn fallback(request: axum::extract::Request) -> Response {
    json(
        StatusCode::NOT_FOUND,
        &json!({
            "error": "no_such_route",
            "error_description": format!(
                "the fake Cronofy has no {} {}",
                request.method(),
                request.uri().path()
            ),
        }),
    )
}

/// An OAuth `400`.
pub(crate) fn oauth_error(error: &'static str, description: &'static str) -> Rejection {
    Rejection::OAuth { error, description }
}

/// The `errors` map of a 422: field name -> problems, each a key and a description.
#[derive(Default)]
pub(crate) struct FieldErrors {
    fields: BTreeMap<String, Vec<(String, String)>>,
}

impl FieldErrors {
    pub(crate) fn add(&mut self, field: &str, key: &str, description: &str) {
        self.fields
            .entry(field.to_owned())
            .or_default()
            .push((key.to_owned(), description.to_owned()));
    }

    /// `errors.required`: the field is missing or blank.
    pub(crate) fn required(&mut self, field: &str) {
        self.add(field, "errors.required", "required");
    }

    /// `errors.invalid`: the field is there but not usable.
    pub(crate) fn invalid(&mut self, field: &str, description: &str) {
        self.add(field, "errors.invalid", description);
    }

    /// `errors.not_found`: the field names something that does not exist.
    pub(crate) fn not_found(&mut self, field: &str) {
        self.add(field, "errors.not_found", "not found");
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// `Ok` when nothing was wrong, else the 422.
    pub(crate) fn check(self) -> Result<(), Rejection> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Rejection::Invalid(self))
        }
    }

    pub(crate) fn to_json(&self) -> Value {
        let errors: Map<String, Value> = self
            .fields
            .iter()
            .map(|(field, problems)| {
                let problems = problems
                    .iter()
                    .map(|(key, description)| json!({ "key": key, "description": description }))
                    .collect();
                (field.clone(), Value::Array(problems))
            })
            .collect();
        json!({ "errors": errors })
    }
}

/// A JSON object body. An empty body reads as `{}`, so missing fields get their 422; a body
/// that is not a JSON object is a `400`.
pub(crate) fn json_object(body: &Bytes) -> Result<Map<String, Value>, Rejection> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Rejection::BadRequest(
            "the body must be a JSON object".to_owned(),
        )),
        Err(e) => Err(Rejection::BadRequest(format!(
            "the body is not valid JSON: {e}"
        ))),
    }
}

/// A non-blank string field.
pub(crate) fn string<'a>(body: &'a Map<String, Value>, field: &str) -> Option<&'a str> {
    body.get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// Decoded `name=value` pairs of a query string, in order (repeated names kept).
pub(crate) fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// The first value of `name` in decoded query pairs.
pub(crate) fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A boolean query parameter: `true`/`false` in any case, or `1`/`0`; `None` for anything
/// else.
pub(crate) fn boolean(text: &str) -> Option<bool> {
    match text.trim() {
        "1" => Some(true),
        "0" => Some(false),
        t if t.eq_ignore_ascii_case("true") => Some(true),
        t if t.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// The boolean query parameter `name`: `false` when absent; an `errors.invalid` when it is
/// not a boolean.
pub(crate) fn flag(pairs: &[(String, String)], name: &str, errors: &mut FieldErrors) -> bool {
    match first(pairs, name).map(boolean) {
        None => false,
        Some(Some(value)) => value,
        Some(None) => {
            errors.invalid(name, "must be true or false");
            false
        }
    }
}

/// Whether `text` is an absolute `http` or `https` URL with a host, as callback and redirect
/// URLs must be.
pub(crate) fn is_web_url(text: &str) -> bool {
    url::Url::parse(text)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
}

/// A percent-encoded path segment, decoded; `None` when it is not UTF-8 once decoded or a
/// `%` is not followed by two hex digits.
pub(crate) fn decode_segment(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether the request says its body is a form.
pub(crate) fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .starts_with("application/x-www-form-urlencoded")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_take_any_case_and_digits() {
        for yes in ["true", "True", "TRUE", "1"] {
            assert_eq!(boolean(yes), Some(true), "{yes}");
        }
        for no in ["false", "False", "0"] {
            assert_eq!(boolean(no), Some(false), "{no}");
        }
        assert_eq!(boolean("yes"), None);
        let pairs = query_pairs(Some("a=True&b=maybe"));
        let mut errors = FieldErrors::default();
        assert!(flag(&pairs, "a", &mut errors));
        assert!(!flag(&pairs, "c", &mut errors));
        assert!(errors.is_empty());
        assert!(!flag(&pairs, "b", &mut errors));
        assert!(!errors.is_empty());
    }

    #[test]
    fn path_segments_are_percent_decoded() {
        assert_eq!(
            decode_segment("cal_1%40x%2Fy").as_deref(),
            Some("cal_1@x/y")
        );
        assert_eq!(decode_segment("%E2%82%AC").as_deref(), Some("\u{20ac}"));
        assert_eq!(decode_segment("%4"), None);
        assert_eq!(decode_segment("%zz"), None);
        assert_eq!(decode_segment("%FF"), None);
    }
}
