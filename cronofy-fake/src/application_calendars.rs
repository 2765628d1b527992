//! Application calendars: a calendar the application itself owns, provisioned with the client
//! credentials in the body (no bearer, as for the token endpoint) and answered with a token
//! set that acts as the calendar's own account.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::json;

use crate::oauth;
use crate::reply::{FieldErrors, Rejection};
use crate::scopes;
use crate::state::{Shared, Subject};

/// `POST /v1/application_calendars`: `{client_id, client_secret, application_calendar_id}`
/// (JSON or form). The first call for an id creates the calendar's account (`apc_...`) with one
/// calendar; every call issues fresh tokens for that same account. Wrong client credentials
/// are a `401 {"error":"invalid_client"}`.
pub(crate) async fn create(
    AxumState(shared): AxumState<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Rejection> {
    let params = oauth::token_params(&headers, &body)?;
    let mut state = shared.lock();
    let param = |name: &str| params.get(name).map(String::as_str).unwrap_or("");
    let client_id = state
        .app_with(param("client_id"), param("client_secret"))
        .map(|app| app.client_id.clone())
        .ok_or(Rejection::InvalidClient)?;
    let id = param("application_calendar_id").trim();
    if id.is_empty() {
        let mut errors = FieldErrors::default();
        errors.required("application_calendar_id");
        return Err(Rejection::Invalid(errors));
    }
    let sub = state.application_calendar(&client_id, id);
    // The calendar belongs to the application: its tokens may do everything a user can grant.
    let scope = scopes::USER_SCOPES.join(" ");
    let (_, issued) = state.grant(
        &client_id,
        Subject::User(sub.clone()),
        scope.clone(),
        scopes::all_user_scopes(),
    );
    let mut answer = oauth::token_body(&issued, &scope);
    answer["application_calendar_id"] = json!(id);
    answer["sub"] = json!(sub);
    if let Some(profile) = state.users.get(&sub).and_then(|u| u.profiles.first()) {
        answer["linking_profile"] = json!({
            "provider_name": profile.provider_name,
            "profile_id": profile.profile_id,
            "profile_name": profile.profile_name,
        });
    }
    Ok(oauth::token_ok(&answer))
}
