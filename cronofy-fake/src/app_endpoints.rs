//! Endpoints that take the application's client secret as the API key: real-time scheduling,
//! smart invites, element tokens.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::response::Response;
use serde_json::{Value, json};

use crate::auth::{self, Presented};
use crate::ids;
use crate::reply::{self, FieldErrors, Rejection};
use crate::state::{SchedulingLink, Shared};

/// How long an element token lives, in seconds.
const ELEMENT_TOKEN_LIFETIME: u64 = 64_800;

fn link_json(link: &SchedulingLink) -> Value {
    json!({
        "real_time_scheduling": {
            "real_time_scheduling_id": link.id,
            "url": link.url,
            "status": link.status,
            "event": link.event,
        }
    })
}

/// `POST /v1/real_time_scheduling`: a link for invitees; needs at least an `event`.
pub(crate) async fn create_scheduling_link(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let event = match body.get("event") {
        Some(Value::Object(event)) => Value::Object(event.clone()),
        Some(_) => {
            errors.invalid("event", "must be an object");
            Value::Null
        }
        None => {
            errors.required("event");
            Value::Null
        }
    };
    errors.check()?;
    let mut state = shared.lock();
    let id = ids::id("sch_");
    let link = SchedulingLink {
        client_id,
        url: format!("{}/real_time_scheduling/{}", state.base_url, ids::token()),
        id,
        status: "open".to_owned(),
        event,
    };
    let answer = link_json(&link);
    state.scheduling_links.push(link);
    Ok(reply::ok(&answer))
}

/// `GET /v1/real_time_scheduling/{id}`: a link of this application.
pub(crate) async fn scheduling_link_status(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(id): Path<String>,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let state = shared.lock();
    state
        .scheduling_links
        .iter()
        .find(|link| link.id == id && link.client_id == client_id)
        .map(|link| reply::ok(&link_json(link)))
        .ok_or(Rejection::NotFound)
}

/// `POST /v1/real_time_scheduling/{id}/disable`.
pub(crate) async fn disable_scheduling_link(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    reply::json_object(&body)?;
    let mut state = shared.lock();
    match state
        .scheduling_links
        .iter_mut()
        .find(|link| link.id == id && link.client_id == client_id)
    {
        Some(link) => {
            link.status = "disabled".to_owned();
            Ok(reply::ok(&link_json(link)))
        }
        None => Err(Rejection::NotFound),
    }
}

/// `POST /v1/smart_invites`: `smart_invite_id`, `callback_url`, a `recipient` with an email,
/// and an `event` unless cancelling.
pub(crate) async fn smart_invite(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let method = reply::string(&body, "method").unwrap_or("request");
    if !matches!(method, "request" | "cancel" | "remove") {
        errors.invalid("method", "must be request, cancel or remove");
    }
    let invite_id = reply::string(&body, "smart_invite_id");
    if invite_id.is_none() {
        errors.required("smart_invite_id");
    }
    if reply::string(&body, "callback_url").is_none() {
        errors.required("callback_url");
    }
    let email = body
        .get("recipient")
        .and_then(|r| r.get("email"))
        .and_then(Value::as_str)
        .filter(|e| !e.trim().is_empty());
    if email.is_none() {
        errors.required("recipient");
    }
    if method == "request" && !body.get("event").is_some_and(Value::is_object) {
        errors.required("event");
    }
    errors.check()?;
    let invite_id = invite_id.unwrap_or_default();
    let status = match method {
        "request" => "pending",
        "cancel" => "cancelled",
        _ => "removed",
    };
    let answer = json!({
        "recipient": { "email": email, "status": status },
        "smart_invite_id": invite_id,
        "smart_invite_uid": format!("sib_{invite_id}"),
        "callback_url": body.get("callback_url"),
        "event": body.get("event"),
        "attachments": {
            "icalendar": "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//fake-cronofy//EN\nMETHOD:REQUEST\nEND:VCALENDAR\n",
        },
    });
    shared
        .lock()
        .smart_invites
        .insert((client_id, invite_id.to_owned()), answer.clone());
    Ok(reply::ok(&answer))
}

/// `POST /v1/element_tokens`: `{version, permissions, subs?, origin}` -> `{element_token}`.
pub(crate) async fn element_token(
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let permissions = match body.get("permissions") {
        Some(Value::Array(permissions)) if !permissions.is_empty() => permissions.clone(),
        Some(Value::Array(_)) | None => {
            errors.required("permissions");
            Vec::new()
        }
        Some(_) => {
            errors.invalid("permissions", "must be an array of permission names");
            Vec::new()
        }
    };
    if reply::string(&body, "origin").is_none() {
        errors.required("origin");
    }
    errors.check()?;
    Ok(reply::ok(&json!({
        "element_token": {
            "permissions": permissions,
            "origin": body.get("origin"),
            "token": ids::token(),
            "expires_in": ELEMENT_TOKEN_LIFETIME,
        }
    })))
}
