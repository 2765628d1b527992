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
    /// `401`: the credential is missing, unknown, expired, or of the wrong kind.
    Unauthorized(String),
    /// `403`: the credential lacks a scope, or may not act for that member.
    Forbidden(String),
    /// `404`, empty.
    NotFound,
    /// `422` with the `errors` map.
    Invalid(FieldErrors),
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        match self {
            Rejection::BadRequest(reason) => json(
                StatusCode::BAD_REQUEST,
                &json!({ "error": "invalid_request", "error_description": reason }),
            ),
            Rejection::OAuth { error, description } => {
                let mut response = json(
                    StatusCode::BAD_REQUEST,
                    &json!({ "error": error, "error_description": description }),
                );
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                response
            }
            // The body says what was wrong, to help whoever reads a failing test; it never
            // repeats the credential.
            Rejection::Unauthorized(reason) => {
                let mut response = json(
                    StatusCode::UNAUTHORIZED,
                    &json!({ "error": "unauthorized", "error_description": reason }),
                );
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"cronofy\""),
                );
                response
            }
            Rejection::Forbidden(reason) => json(
                StatusCode::FORBIDDEN,
                &json!({ "error": "forbidden", "error_description": reason }),
            ),
            Rejection::NotFound => empty(StatusCode::NOT_FOUND),
            Rejection::Invalid(errors) => json(StatusCode::UNPROCESSABLE_ENTITY, &errors.to_json()),
        }
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

/// What axum answers for a path no route matches.
pub(crate) async fn fallback() -> Response {
    empty(StatusCode::NOT_FOUND)
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
