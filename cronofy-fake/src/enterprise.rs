//! Enterprise Connect: what a service account's token may call, and nothing else may.
//!
//! Cronofy reports the outcome of a user authorization to its `callback_url` later; the fake
//! validates the request and accepts it, but makes no callback.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, Presented};
use crate::reply::{self, FieldErrors, Rejection};
use crate::scopes;
use crate::state::Shared;

/// `POST /v1/service_account_authorizations`: one `{email, callback_url, scope, state?}`, or
/// several as `{service_account_authorizations: [...]}` (each for another email, never mixed
/// with the single form); `202`.
pub(crate) async fn authorize_user(
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    auth::service_account(&presented, scopes::SERVICE_ACCOUNT_ACCOUNTS)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    const SINGLE: [&str; 4] = ["email", "callback_url", "scope", "state"];
    match body.get("service_account_authorizations") {
        None => check_one(&body, &mut errors),
        Some(_) if SINGLE.iter().any(|field| body.contains_key(*field)) => errors.invalid(
            "service_account_authorizations",
            "send one authorization or a list, not both",
        ),
        Some(Value::Array(list)) if !list.is_empty() => {
            let mut emails = BTreeSet::new();
            for item in list {
                match item.as_object() {
                    Some(item) => {
                        check_one(item, &mut errors);
                        if let Some(email) = reply::string(item, "email")
                            && !emails.insert(email.to_ascii_lowercase())
                        {
                            errors.invalid("email", "each authorization must be for another email");
                        }
                    }
                    None => {
                        errors.invalid("service_account_authorizations", "each must be an object")
                    }
                }
            }
        }
        Some(_) => errors.required("service_account_authorizations"),
    }
    errors.check()?;
    Ok(reply::accepted())
}

fn check_one(body: &Map<String, Value>, errors: &mut FieldErrors) {
    match reply::string(body, "email") {
        None => errors.required("email"),
        Some(email) if !email.contains('@') => errors.invalid("email", "must be an email address"),
        Some(_) => {}
    }
    match reply::string(body, "callback_url") {
        None => errors.required("callback_url"),
        Some(url) if !reply::is_web_url(url) => {
            errors.invalid("callback_url", "must be an absolute http or https URL");
        }
        Some(_) => {}
    }
    match reply::string(body, "scope").map(scopes::expand) {
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
}

/// `GET /v1/resources`: `{resources: [{email, name}]}` of the service account's domain.
pub(crate) async fn resources(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let id = auth::service_account(&presented, scopes::SERVICE_ACCOUNT_RESOURCES)?;
    let state = shared.lock();
    let Some(account) = state.service_accounts.get(&id) else {
        return Err(Rejection::NotFound);
    };
    let resources: Vec<Value> = account
        .resources
        .iter()
        .map(|(email, name)| json!({ "email": email, "name": name }))
        .collect();
    Ok(reply::ok(&json!({ "resources": resources })))
}
