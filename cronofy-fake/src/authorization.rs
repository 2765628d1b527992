//! Authorization helpers a user credential calls: extended permissions, link tokens,
//! conferencing service authorizations.
//!
//! Cronofy answers the first and last with a URL of a page where the user decides; the fake
//! makes such URLs (under its own base URL) but serves no page behind them.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::response::Response;
use serde_json::{Value, json};

use crate::auth::{self, Presented};
use crate::ids;
use crate::reply::{self, FieldErrors, Rejection};
use crate::state::Shared;

/// `POST /v1/permissions`: `{permissions: [{calendar_id, permission_level}], redirect_uri}` ->
/// `{permissions_request: {url}}`.
pub(crate) async fn request_permissions(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let body = reply::json_object(&body)?;
    let Some(user) = state.users.get(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let mut errors = FieldErrors::default();
    match body.get("permissions") {
        Some(Value::Array(permissions)) if !permissions.is_empty() => {
            for permission in permissions {
                match permission.get("calendar_id").and_then(Value::as_str) {
                    None => errors.required("permissions.calendar_id"),
                    Some(id) if user.calendar(id).is_none() => {
                        errors.not_found("permissions.calendar_id");
                    }
                    Some(_) => {}
                }
                match permission.get("permission_level").and_then(Value::as_str) {
                    None => errors.required("permissions.permission_level"),
                    Some("unrestricted" | "sandbox") => {}
                    Some(_) => errors.invalid(
                        "permissions.permission_level",
                        "must be unrestricted or sandbox",
                    ),
                }
            }
        }
        None | Some(Value::Null | Value::Array(_)) => errors.required("permissions"),
        Some(_) => errors.invalid("permissions", "must be an array"),
    }
    redirect_uri(&body, &mut errors);
    errors.check()?;
    Ok(reply::ok(&json!({
        "permissions_request": {
            "url": format!("{}/permissions/{}", state.base_url, ids::token()),
        }
    })))
}

/// A required `redirect_uri`, an absolute http(s) URL.
fn redirect_uri(body: &serde_json::Map<String, Value>, errors: &mut FieldErrors) {
    match reply::string(body, "redirect_uri") {
        None => errors.required("redirect_uri"),
        Some(uri) if !reply::is_web_url(uri) => {
            errors.invalid("redirect_uri", "must be an absolute http or https URL");
        }
        Some(_) => {}
    }
}

/// `POST /v1/link_tokens` (no body) -> `{link_token}`.
pub(crate) async fn create_link_token(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    auth::user(&state, &presented)?;
    Ok(reply::ok(&json!({ "link_token": ids::token() })))
}

/// `POST /v1/conferencing_service_authorizations`: `{redirect_uri, provider_name?}` (`zoom`,
/// `ms_teams` or `go_to`) -> `{authorization_request: {url}}`.
pub(crate) async fn authorize_conferencing_service(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    auth::user(&state, &presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    redirect_uri(&body, &mut errors);
    match body.get("provider_name") {
        None | Some(Value::Null) => {}
        Some(Value::String(name)) if matches!(name.as_str(), "zoom" | "ms_teams" | "go_to") => {}
        Some(_) => errors.invalid("provider_name", "must be zoom, ms_teams or go_to"),
    }
    errors.check()?;
    Ok(reply::ok(&json!({
        "authorization_request": {
            "url": format!("{}/conferencing_service_authorizations/{}", state.base_url, ids::token()),
        }
    })))
}
