//! Who a user credential belongs to: account, userinfo, profiles.

use std::sync::Arc;

use axum::Extension;
use axum::extract::State as AxumState;
use axum::response::Response;
use serde_json::{Value, json};

use crate::auth::{self, Presented};
use crate::reply::{self, Rejection};
use crate::scopes;
use crate::state::{Shared, User};

/// `GET /v1/account` (`read_account`).
pub(crate) async fn account(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    acting.needs(scopes::READ_ACCOUNT)?;
    let Some(user) = state.users.get(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    Ok(reply::ok(&json!({
        "account": {
            "account_id": user.sub,
            "email": user.email,
            "name": user.name,
            "scope": acting.scope,
            "default_tzid": user.tzid,
        }
    })))
}

/// `GET /v1/userinfo`: OpenID Connect userinfo with Cronofy's `cronofy.*` extras.
pub(crate) async fn userinfo(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let Some(user) = state.users.get(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    Ok(reply::ok(&json!({
        "sub": user.sub,
        "email": user.email,
        "email_verified": true,
        "name": user.name,
        "zoneinfo": user.tzid,
        "cronofy.type": "account",
        "cronofy.data": {
            "authorization": { "scope": acting.scope },
            "profiles": profiles_json(user, true),
        },
    })))
}

/// `GET /v1/profiles`.
pub(crate) async fn profiles(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let Some(user) = state.users.get(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    Ok(reply::ok(
        &json!({ "profiles": profiles_json(user, false) }),
    ))
}

fn profiles_json(user: &User, with_calendars: bool) -> Vec<Value> {
    user.profiles
        .iter()
        .map(|profile| {
            let mut value = json!({
                "provider_name": profile.provider_name,
                "provider_service": profile.provider_name,
                "profile_id": profile.profile_id,
                "profile_name": profile.profile_name,
                "profile_connected": true,
            });
            if with_calendars {
                value["profile_calendars"] = user
                    .calendars
                    .iter()
                    .filter(|c| c.profile_id == profile.profile_id)
                    .map(|c| {
                        json!({
                            "calendar_id": c.calendar_id,
                            "calendar_name": c.name,
                            "calendar_readonly": false,
                            "calendar_deleted": false,
                            "calendar_primary": c.primary,
                            "permission_level": "unrestricted",
                        })
                    })
                    .collect();
            }
            value
        })
        .collect()
}
