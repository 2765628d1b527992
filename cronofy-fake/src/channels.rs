//! Push notification channels: create, list, close, kept per user.
//!
//! A new channel is sent its `verification` notification (see `notify.rs`, which also sends
//! the `change` and `profile_disconnected` ones).

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, Presented};
use crate::ids;
use crate::notify;
use crate::reply::{self, FieldErrors, Rejection};
use crate::scopes;
use crate::state::{Shared, StoredChannel, User};

/// Cronofy's limit of open channels per account.
const MAX_CHANNELS: usize = 128;

pub(crate) fn channel_json(channel: &StoredChannel) -> Value {
    let mut filters = Map::new();
    if !channel.calendar_ids.is_empty() {
        filters.insert("calendar_ids".to_owned(), json!(channel.calendar_ids));
    }
    if let Some(only_managed) = channel.only_managed {
        filters.insert("only_managed".to_owned(), json!(only_managed));
    }
    json!({
        "channel_id": channel.channel_id,
        "callback_url": channel.callback_url,
        "filters": filters,
    })
}

/// `POST /v1/channels` (`read_events`): `{callback_url, filters?: {calendar_ids?,
/// only_managed?}}` -> `{channel}`. An identical request returns the channel it made before,
/// as Cronofy may.
pub(crate) async fn create(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    acting.needs(scopes::READ_EVENTS)?;
    let body = reply::json_object(&body)?;
    let Some(user) = state.users.get_mut(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let mut errors = FieldErrors::default();
    let callback_url = reply::string(&body, "callback_url");
    match callback_url {
        None => errors.required("callback_url"),
        Some(url) if !reply::is_web_url(url) => {
            errors.invalid("callback_url", "must be an absolute http or https URL");
        }
        Some(_) => {}
    }
    let (calendar_ids, only_managed) = filters(user, body.get("filters"), &mut errors);
    errors.check()?;
    let callback_url = callback_url.unwrap_or_default();
    if let Some(existing) = user.channels.iter().find(|c| {
        c.callback_url == callback_url
            && c.calendar_ids == calendar_ids
            && c.only_managed == only_managed
    }) {
        return Ok(reply::ok(&json!({ "channel": channel_json(existing) })));
    }
    if user.channels.len() >= MAX_CHANNELS {
        let mut errors = FieldErrors::default();
        errors.invalid(
            "callback_url",
            "an account may have at most 128 open channels: close one first",
        );
        return Err(Rejection::Invalid(errors));
    }
    let channel = StoredChannel {
        channel_id: ids::id("chn_"),
        callback_url: callback_url.to_owned(),
        calendar_ids,
        only_managed,
    };
    let answer = json!({ "channel": channel_json(&channel) });
    notify::channel_created(&state, &channel);
    if let Some(user) = state.users.get_mut(&acting.sub) {
        user.channels.push(channel);
    }
    Ok(reply::ok(&answer))
}

/// The `filters` of a new channel: calendar ids (at least one, each the user's, when given)
/// and `only_managed`.
fn filters(
    user: &User,
    value: Option<&Value>,
    errors: &mut FieldErrors,
) -> (Vec<String>, Option<bool>) {
    let filters = match value {
        None | Some(Value::Null) => return (Vec::new(), None),
        Some(Value::Object(filters)) => filters,
        Some(_) => {
            errors.invalid("filters", "must be an object");
            return (Vec::new(), None);
        }
    };
    let calendar_ids = match filters.get("calendar_ids") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(ids)) if !ids.is_empty() && ids.iter().all(Value::is_string) => {
            let ids: Vec<String> = ids
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            if ids.iter().any(|id| user.calendar(id).is_none()) {
                errors.not_found("filters.calendar_ids");
            }
            ids
        }
        Some(_) => {
            errors.invalid(
                "filters.calendar_ids",
                "must be a non-empty array of calendar ids",
            );
            Vec::new()
        }
    };
    let only_managed = match filters.get("only_managed") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(yes)) => Some(*yes),
        Some(_) => {
            errors.invalid("filters.only_managed", "must be true or false");
            None
        }
    };
    (calendar_ids, only_managed)
}

/// `GET /v1/channels`: the user's open channels, oldest first.
pub(crate) async fn list(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let Some(user) = state.users.get(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let channels: Vec<Value> = user.channels.iter().map(channel_json).collect();
    Ok(reply::ok(&json!({ "channels": channels })))
}

/// `DELETE /v1/channels/{channel_id}`: `202`; `404` for a channel the user does not have
/// (another user's included).
pub(crate) async fn close(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(channel_id): Path<String>,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let Some(user) = state.users.get_mut(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let before = user.channels.len();
    user.channels.retain(|c| c.channel_id != channel_id);
    if user.channels.len() == before {
        return Err(Rejection::NotFound);
    }
    Ok(reply::accepted())
}
