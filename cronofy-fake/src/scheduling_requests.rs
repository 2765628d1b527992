//! Scheduling Requests: made by an organization (naming a host or a host group) or by one of
//! its members (the host), kept so that the organization can query them.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::response::Response;
use serde_json::{Value, json};

use crate::auth::{self, OrgOrUser, Presented};
use crate::ids;
use crate::org::{plan_request, select_url};
use crate::reply::{self, FieldErrors, Rejection};
use crate::state::{Shared, StoredSchedulingRequest};

/// `POST /v1/scheduling_requests`: as a Scheduler request (see `org.rs`) ->
/// `{scheduling_request: {scheduling_request_id, slot_selection: "pending", primary_select_url,
/// dashboard_url, summary, duration, recipient_operations, recipients, collaborator_groups,
/// event, host | host_group}}`.
pub(crate) async fn create(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let caller = auth::org_or_user(&state, &presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let plan = plan_request(&state, &caller, &body, &mut errors);
    errors.check()?;
    let id = ids::id("srq_");
    let base = state.base_url.clone();
    let primary = select_url(&base, &id, 0);
    let mut request = json!({
        "scheduling_request_id": id,
        "slot_selection": "pending",
        "primary_select_url": primary,
        "dashboard_url": format!("{base}/scheduler/requests/{}", id.trim_start_matches("srq_")),
        "summary": plan.event.get("summary"),
        "recipient_operations": { "view_url": primary },
        "recipients": plan.recipients_with_links(&base, &id),
        "collaborator_groups": plan.collaborator_groups,
        "event": plan.event,
    });
    if let Some(duration) = plan.event.get("duration") {
        request["duration"] = duration.clone();
    }
    plan.add_host(&mut request);
    state.scheduling_requests.insert(
        id,
        StoredSchedulingRequest {
            org_id: plan.org_id,
            request: request.clone(),
        },
    );
    Ok(reply::ok(&json!({ "scheduling_request": request })))
}

/// `POST /v1/scheduling_requests/query`: `{scheduling_request_ids: [...]}` ->
/// `{scheduling_requests: [{scheduling_request}]}`, in the order asked, of those that exist
/// in the caller's Organizational Unit (an org token, or an internal application's secret).
pub(crate) async fn query(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let org_id = match &presented {
        Presented::AppSecret { .. } => {
            let client_id = auth::app(&presented)?;
            state
                .apps
                .iter()
                .find(|app| app.client_id == client_id)
                .and_then(|app| app.internal_org.clone())
                .ok_or_else(|| {
                    reply::forbidden(
                        "only an internal application linked to an Organizational Unit queries its Scheduling Requests",
                    )
                })?
        }
        _ => match auth::org_or_user(&state, &presented)? {
            OrgOrUser::Org(org_id) => org_id,
            OrgOrUser::User(_) => {
                return Err(reply::unauthorized(
                    "this endpoint takes an organization token or an internal application's secret, without Cronofy-Impersonate",
                ));
            }
        },
    };
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let ids: Vec<&str> = match body.get("scheduling_request_ids") {
        Some(Value::Array(ids)) if !ids.is_empty() => {
            if !ids.iter().all(Value::is_string) {
                errors.invalid("scheduling_request_ids", "must be strings");
            }
            ids.iter().filter_map(Value::as_str).collect()
        }
        None | Some(Value::Null | Value::Array(_)) => {
            errors.required("scheduling_request_ids");
            Vec::new()
        }
        Some(_) => {
            errors.invalid("scheduling_request_ids", "must be an array");
            Vec::new()
        }
    };
    errors.check()?;
    let found: Vec<Value> = ids
        .into_iter()
        .filter_map(|id| state.scheduling_requests.get(id))
        .filter(|stored| stored.org_id.as_deref() == Some(org_id.as_str()))
        .map(|stored| json!({ "scheduling_request": stored.request }))
        .collect();
    Ok(reply::ok(&json!({ "scheduling_requests": found })))
}
