//! Who a user credential belongs to: account, userinfo, profiles (and revoking one).

use std::sync::Arc;

use axum::Extension;
use axum::extract::{Path, State as AxumState};
use axum::response::Response;
use serde_json::{Value, json};

use crate::auth::{self, Presented};
use crate::notify;
use crate::reply::{self, Rejection};
use crate::scopes;
use crate::state::{Shared, State, User};

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
            // The client's `Account` needs a string here, even for an application
            // calendar's account, which has no email.
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
        "email": email_of(user),
        "email_verified": true,
        "name": user.name,
        "zoneinfo": user.tzid,
        "cronofy.type": "account",
        "cronofy.data": {
            "authorization": { "scope": acting.scope },
            "profiles": profiles_json(&state.base_url, user, true),
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
        &json!({ "profiles": profiles_json(&state.base_url, user, false) }),
    ))
}

/// `POST /v1/profiles/{profile_id}/revoke`: the profile stays listed, disconnected (with a
/// relink URL), and its calendars answer writes with `423`; the token and the user's other
/// profiles keep working. `202`, also when it was revoked already; `404` for a profile the
/// user does not have.
pub(crate) async fn revoke_profile(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(profile_id): Path<String>,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    if !disconnect(&mut state, &acting.sub, &profile_id) {
        return Err(Rejection::NotFound);
    }
    Ok(reply::accepted())
}

/// Disconnects the profile `profile_id` of the user `sub`, telling the user's channels
/// (`profile_disconnected`) when it was connected; `false` when there is no such profile.
pub(crate) fn disconnect(state: &mut State, sub: &str, profile_id: &str) -> bool {
    let Some(profile) = state.users.get_mut(sub).and_then(|user| {
        user.profiles
            .iter_mut()
            .find(|p| p.profile_id == profile_id)
    }) else {
        return false;
    };
    let was_connected = std::mem::replace(&mut profile.connected, false);
    if was_connected {
        notify::profile_disconnected(state, sub);
    }
    true
}

/// The account's email; `null` for an application calendar's account, which has none.
fn email_of(user: &User) -> Option<&str> {
    (!user.email.is_empty()).then_some(user.email.as_str())
}

fn profiles_json(base_url: &str, user: &User, with_calendars: bool) -> Vec<Value> {
    user.profiles
        .iter()
        .map(|profile| {
            let mut value = json!({
                "provider_name": profile.provider_name,
                "provider_service": profile.provider_name,
                "profile_id": profile.profile_id,
                "profile_name": profile.profile_name,
                "profile_connected": profile.connected,
            });
            if !profile.connected {
                value["profile_relink_url"] =
                    json!(format!("{base_url}/oauth/relink/{}", profile.profile_id));
            }
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
