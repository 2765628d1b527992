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
use crate::state::{Shared, State};

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

/// `POST /v1/scheduler_requests`: `{host?: {sub}, host_group?, recipients: [{email,
/// display_name?, slot_selector?}], collaborator_groups?, event: {summary, description?,
/// location?, duration?, locale?}, tags?, availability_mode?, scheduler_group_rule?}` ->
/// `{scheduler_request}`.
///
/// The organization's own token names the host (`host.sub`, one of its members, or a
/// `host_group`); a user credential (a member impersonated, or a user's token) is the host
/// itself.
pub(crate) async fn create_scheduler_request(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let caller = auth::org_or_user(&state, &presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let plan = plan_request(&state, &caller, &body, &mut errors);
    if body
        .get("scheduler_group_rule")
        .is_some_and(|rule| rule.get("id").and_then(Value::as_str).is_none())
    {
        errors.required("scheduler_group_rule.id");
    }
    errors.check()?;
    let id = ids::id("srq_");
    let recipients = plan.recipients_with_links(&state.base_url, &id);
    let mut answer = json!({
        "scheduler_request_id": id,
        "primary_select_url": select_url(&state.base_url, &id, 0),
        "recipients": recipients,
        "event": plan.event,
    });
    plan.add_host(&mut answer);
    Ok(reply::ok(&json!({ "scheduler_request": answer })))
}

/// A Scheduler request or Scheduling Request, checked: who hosts, who is invited, the event.
pub(crate) struct RequestPlan {
    /// `{"sub": ...}` of the host, or the `host_group` as sent.
    pub(crate) host: Option<Value>,
    pub(crate) host_group: Option<Value>,
    pub(crate) recipients: Vec<Map<String, Value>>,
    pub(crate) collaborator_groups: Vec<Value>,
    pub(crate) event: Value,
    /// The Organizational Unit the request belongs to, if any.
    pub(crate) org_id: Option<String>,
}

impl RequestPlan {
    /// The recipients, each with their `select_url`.
    pub(crate) fn recipients_with_links(&self, base_url: &str, id: &str) -> Vec<Value> {
        self.recipients
            .iter()
            .enumerate()
            .map(|(i, recipient)| {
                let mut recipient = recipient.clone();
                recipient.insert("select_url".to_owned(), json!(select_url(base_url, id, i)));
                Value::Object(recipient)
            })
            .collect()
    }

    /// Adds `host` or `host_group` to an answer.
    pub(crate) fn add_host(&self, answer: &mut Value) {
        if let Some(host) = &self.host {
            answer["host"] = host.clone();
        }
        if let Some(group) = &self.host_group {
            answer["host_group"] = group.clone();
        }
    }
}

/// The link of a request's `recipient`-th recipient.
pub(crate) fn select_url(base_url: &str, id: &str, recipient: usize) -> String {
    format!("{base_url}/scheduler/requests/{id}/select/{recipient}")
}

/// Checks the parts Scheduler requests and Scheduling Requests share, as `caller` sends them.
pub(crate) fn plan_request(
    state: &State,
    caller: &OrgOrUser,
    body: &Map<String, Value>,
    errors: &mut FieldErrors,
) -> RequestPlan {
    let org_id = match caller {
        OrgOrUser::Org(org_id) => Some(org_id.clone()),
        OrgOrUser::User(acting) => state
            .orgs
            .values()
            .find(|org| org.has_member(&acting.sub))
            .map(|org| org.org_id.clone()),
    };
    let is_member = |sub: &str| {
        org_id
            .as_ref()
            .and_then(|id| state.orgs.get(id))
            .is_some_and(|org| org.has_member(sub))
    };
    let named_host = body
        .get("host")
        .and_then(|host| host.get("sub"))
        .and_then(Value::as_str)
        .filter(|sub| !sub.trim().is_empty());
    let host_group = match body.get("host_group") {
        None | Some(Value::Null) => None,
        Some(group) if group.get("sub").and_then(Value::as_str).is_some() => Some(group.clone()),
        Some(group) => {
            check_group(group, "host_group", &is_member, errors);
            Some(group.clone())
        }
    };
    let host = match caller {
        OrgOrUser::User(acting) => Some(json!({ "sub": acting.sub })),
        OrgOrUser::Org(_) => match named_host {
            None if host_group.is_some() => None,
            None => {
                errors.required("host");
                None
            }
            Some(sub) if !is_member(sub) => {
                errors.not_found("host");
                None
            }
            Some(sub) => Some(json!({ "sub": sub })),
        },
    };
    let recipients = recipients(body, errors);
    let collaborator_groups = match body.get("collaborator_groups") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(groups)) => {
            for group in groups {
                check_group(group, "collaborator_groups", &is_member, errors);
            }
            groups.clone()
        }
        Some(_) => {
            errors.invalid("collaborator_groups", "must be an array");
            Vec::new()
        }
    };
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
            if event.get("locale").is_some_and(|l| !l.is_string()) {
                errors.invalid("event.locale", "must be a string");
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
    if let Some(tags) = body.get("tags")
        && !tags.as_array().is_some_and(|tags| {
            tags.iter()
                .all(|tag| tag.get("value").and_then(Value::as_str).is_some())
        })
    {
        errors.invalid("tags", "must be [{\"value\": text}]");
    }
    if body
        .get("availability_mode")
        .is_some_and(|m| !m.is_string())
    {
        errors.invalid("availability_mode", "must be a string");
    }
    RequestPlan {
        host,
        host_group,
        recipients,
        collaborator_groups,
        event,
        org_id,
    }
}

/// `{name, members: [{sub}], required}`: members of the unit, `required` between 1 and how
/// many there are.
fn check_group(
    group: &Value,
    field: &str,
    is_member: &dyn Fn(&str) -> bool,
    errors: &mut FieldErrors,
) {
    if group.get("name").and_then(Value::as_str).is_none() {
        errors.required(&format!("{field}.name"));
    }
    let members: Vec<&str> = group
        .get("members")
        .and_then(Value::as_array)
        .map(|members| {
            members
                .iter()
                .filter_map(|m| m.get("sub").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    if members.is_empty() {
        errors.required(&format!("{field}.members"));
    } else if !members.iter().all(|sub| is_member(sub)) {
        errors.not_found(&format!("{field}.members"));
    }
    match group.get("required").and_then(Value::as_u64) {
        Some(n) if n >= 1 && n as usize <= members.len().max(1) => {}
        None => errors.required(&format!("{field}.required")),
        Some(_) => errors.invalid(
            &format!("{field}.required"),
            "must be between 1 and the number of members",
        ),
    }
}

/// The recipients of a request: at least one, each with an email.
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
        match recipient.get("slot_selector") {
            None | Some(Value::Null) => {}
            Some(Value::Bool(picks)) => {
                answer.insert("slot_selector".to_owned(), json!(picks));
            }
            Some(_) => errors.invalid("recipients.slot_selector", "must be true or false"),
        }
        out.push(answer);
    }
    out
}
