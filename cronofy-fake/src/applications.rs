//! The Admin API: an application asking to be verified. The fake checks the request and
//! accepts it; nothing else changes (a verification is a human's decision at Cronofy).

use axum::Extension;
use axum::body::Bytes;
use axum::response::Response;
use serde_json::Value;

use crate::auth::{self, Presented};
use crate::reply::{self, FieldErrors, Rejection};

/// `POST /v1/application_verification`: `{redirect_uris: [...], contact: {email,
/// display_name?}}`; `202`.
pub(crate) async fn verify(
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    match body.get("redirect_uris") {
        Some(Value::Array(uris)) if !uris.is_empty() => {
            if !uris
                .iter()
                .all(|uri| uri.as_str().is_some_and(reply::is_web_url))
            {
                errors.invalid(
                    "redirect_uris",
                    "each must be an absolute http or https URL",
                );
            }
        }
        None | Some(Value::Null | Value::Array(_)) => errors.required("redirect_uris"),
        Some(_) => errors.invalid("redirect_uris", "must be an array"),
    }
    match body
        .get("contact")
        .and_then(|c| c.get("email"))
        .and_then(Value::as_str)
    {
        None => errors.required("contact.email"),
        Some(email) if !email.contains('@') => {
            errors.invalid("contact.email", "must be an email address");
        }
        Some(_) => {}
    }
    if body
        .get("contact")
        .and_then(|c| c.get("display_name"))
        .is_some_and(|name| !name.is_string() && !name.is_null())
    {
        errors.invalid("contact.display_name", "must be a string");
    }
    errors.check()?;
    Ok(reply::accepted())
}
