//! Business Connect: calendars shared with a user, reached through one of their profiles.
//!
//! The calendars a profile can reach are, in the fake, the resources (rooms, equipment) of
//! the organizations its user belongs to. A delegated authorization is checked and accepted;
//! the fake makes no callback.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{RawQuery, State as AxumState};
use axum::response::Response;
use serde_json::{Value, json};

use crate::auth::{self, Presented};
use crate::reply::{self, FieldErrors, Rejection};
use crate::scopes;
use crate::state::{Shared, State};

const CALENDAR_TYPES: [&str; 2] = ["resource", "unknown"];

/// The rooms and equipment `sub` can reach: `(email, name)` of the resources of its
/// organizations.
fn reachable(state: &State, sub: &str) -> Vec<(String, String)> {
    state
        .orgs
        .values()
        .filter(|org| org.has_member(sub))
        .flat_map(|org| &org.resources)
        .map(|resource| (resource.email.clone(), resource.name.clone()))
        .collect()
}

/// `POST /v1/delegated_authorizations`: `{profile_id, email, callback_url, scope, state?}`;
/// `202`. The profile must be one of the user's, and the email one it can reach.
pub(crate) async fn delegated_authorization(
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
    match reply::string(&body, "profile_id") {
        None => errors.required("profile_id"),
        Some(id) if user.profile(id).is_none() => errors.not_found("profile_id"),
        Some(_) => {}
    }
    match reply::string(&body, "email") {
        None => errors.required("email"),
        Some(email) if !email.contains('@') => errors.invalid("email", "must be an email address"),
        Some(email)
            if !reachable(&state, &acting.sub)
                .iter()
                .any(|(known, _)| known.eq_ignore_ascii_case(email)) =>
        {
            errors.not_found("email");
        }
        Some(_) => {}
    }
    match reply::string(&body, "callback_url") {
        None => errors.required("callback_url"),
        Some(url) if !reply::is_web_url(url) => {
            errors.invalid("callback_url", "must be an absolute http or https URL");
        }
        Some(_) => {}
    }
    match reply::string(&body, "scope").map(scopes::expand) {
        None => errors.required("scope"),
        Some(Ok(granted)) if !granted.is_empty() => {}
        Some(_) => errors.invalid("scope", "must be space-separated Cronofy scopes"),
    }
    if body
        .get("state")
        .is_some_and(|s| !s.is_string() && !s.is_null())
    {
        errors.invalid("state", "must be a string");
    }
    errors.check()?;
    Ok(reply::accepted())
}

/// `GET /v1/accessible_calendars?profile_id=...[&calendar_type=...]`: `{accessible_calendars:
/// [{calendar_type, email, name}]}`.
pub(crate) async fn accessible_calendars(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    RawQuery(query): RawQuery,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let Some(user) = state.users.get(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let pairs = reply::query_pairs(query.as_deref());
    let mut errors = FieldErrors::default();
    match reply::first(&pairs, "profile_id").filter(|id| !id.trim().is_empty()) {
        None => errors.required("profile_id"),
        Some(id) if user.profile(id).is_none() => errors.not_found("profile_id"),
        Some(_) => {}
    }
    let calendar_type = reply::first(&pairs, "calendar_type");
    if calendar_type.is_some_and(|t| !CALENDAR_TYPES.contains(&t)) {
        errors.invalid("calendar_type", "must be resource or unknown");
    }
    errors.check()?;
    let calendars: Vec<Value> = if calendar_type.is_none_or(|t| t == "resource") {
        reachable(&state, &acting.sub)
            .into_iter()
            .map(|(email, name)| {
                json!({ "calendar_type": "resource", "email": email, "name": name })
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(reply::ok(&json!({ "accessible_calendars": calendars })))
}
