//! Organization Connect: the members and resources of an Organizational Unit, and Scheduler
//! requests made by the organization or one of its members.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, OrgOrUser, Presented};
use crate::ids;
use crate::reply::{self, FieldErrors, Rejection};
use crate::state::Shared;

/// `GET /v1/organizational_unit_members` (org token only): `{organizational_unit_members:
/// [{sub, email, roles, scheduler: {enabled, public_url}}], pages}`.
pub(crate) async fn members(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let org_id = auth::org(&presented)?;
    let Some(org) = state.orgs.get(&org_id) else {
        return Err(Rejection::NotFound);
    };
    let members: Vec<Value> = org
        .members
        .iter()
        .map(|member| {
            json!({
                "sub": member.sub,
                "email": state.users.get(&member.sub).map(|u| u.email.as_str()),
                "roles": member.roles,
                "scheduler": {
                    "enabled": member.scheduler,
                    "public_url": member.scheduler.then(|| format!(
                        "{}/scheduler/public/{}",
                        state.base_url, member.sub
                    )),
                },
            })
        })
        .collect();
    Ok(reply::ok(&json!({
        "organizational_unit_members": members,
        "pages": { "current": 1, "total": 1 },
    })))
}

/// `GET /v1/organizational_unit_resources` (org token only): the unit's rooms and equipment,
/// `{organizational_unit_resources: [{sub, email, name, scheduler: {enabled}}], pages}`.
pub(crate) async fn resources(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let org_id = auth::org(&presented)?;
    let Some(org) = state.orgs.get(&org_id) else {
        return Err(Rejection::NotFound);
    };
    let resources: Vec<Value> = org
        .resources
        .iter()
        .map(|resource| {
            json!({
                "sub": resource.sub,
                "email": resource.email,
                "name": resource.name,
                "scheduler": { "enabled": resource.scheduler },
            })
        })
        .collect();
    Ok(reply::ok(&json!({
        "organizational_unit_resources": resources,
        "pages": { "current": 1, "total": 1 },
    })))
}

/// `POST /v1/scheduler_requests`: `{host?: {sub}, recipients: [{email, display_name?}],
/// event: {summary, description?, location?, duration?}, ...}` -> `{scheduler_request}`.
///
/// The organization's own token names the host (`host.sub`, one of its members); a user
/// credential (a member impersonated, or a user's token) is the host itself.
pub(crate) async fn create_scheduler_request(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let caller = auth::org_or_user(&state, &presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let named_host = body
        .get("host")
        .and_then(|host| host.get("sub"))
        .and_then(Value::as_str)
        .filter(|sub| !sub.trim().is_empty());
    let host = match &caller {
        OrgOrUser::User(acting) => Some(acting.sub.clone()),
        OrgOrUser::Org(org_id) => match named_host {
            None => {
                errors.required("host");
                None
            }
            Some(sub)
                if !state
                    .orgs
                    .get(org_id)
                    .is_some_and(|org| org.has_member(sub)) =>
            {
                errors.not_found("host");
                None
            }
            Some(sub) => Some(sub.to_owned()),
        },
    };
    let recipients = recipients(&body, &mut errors);
    let event = match body.get("event") {
        Some(Value::Object(event)) => {
            if reply::string(event, "summary").is_none() {
                errors.required("event.summary");
            }
            if let Some(duration) = event.get("duration")
                && duration
                    .get("minutes")
                    .and_then(Value::as_u64)
                    .is_none_or(|m| m == 0)
            {
                errors.invalid("event.duration", "must be {\"minutes\": n} with n > 0");
            }
            Value::Object(event.clone())
        }
        None | Some(Value::Null) => {
            errors.required("event");
            Value::Null
        }
        Some(_) => {
            errors.invalid("event", "must be an object");
            Value::Null
        }
    };
    errors.check()?;
    let id = ids::id("srq_");
    let select_url = |recipient: usize| {
        format!(
            "{}/scheduler/requests/{id}/select/{recipient}",
            state.base_url
        )
    };
    let recipients: Vec<Value> = recipients
        .into_iter()
        .enumerate()
        .map(|(i, mut recipient)| {
            recipient.insert("select_url".to_owned(), json!(select_url(i)));
            Value::Object(recipient)
        })
        .collect();
    Ok(reply::ok(&json!({
        "scheduler_request": {
            "scheduler_request_id": id,
            "primary_select_url": select_url(0),
            "host": { "sub": host },
            "recipients": recipients,
            "event": event,
        }
    })))
}

/// The recipients of a Scheduler request: at least one, each with an email.
fn recipients(body: &Map<String, Value>, errors: &mut FieldErrors) -> Vec<Map<String, Value>> {
    let list = match body.get("recipients") {
        Some(Value::Array(list)) if !list.is_empty() => list,
        None | Some(Value::Null | Value::Array(_)) => {
            errors.required("recipients");
            return Vec::new();
        }
        Some(_) => {
            errors.invalid("recipients", "must be an array");
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for recipient in list {
        let email = recipient
            .get("email")
            .and_then(Value::as_str)
            .filter(|e| e.contains('@'));
        let Some(email) = email else {
            errors.required("recipients.email");
            continue;
        };
        let mut answer = Map::new();
        answer.insert("email".to_owned(), json!(email));
        if let Some(name) = recipient.get("display_name").and_then(Value::as_str) {
            answer.insert("display_name".to_owned(), json!(name));
        }
        out.push(answer);
    }
    out
}
