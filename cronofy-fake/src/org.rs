//! Organization Connect: the members of an Organizational Unit.

use std::sync::Arc;

use axum::Extension;
use axum::extract::State as AxumState;
use axum::response::Response;
use serde_json::{Value, json};

use crate::auth::{self, Presented};
use crate::reply::{self, Rejection};
use crate::state::Shared;

/// `GET /v1/organizational_unit_members` (org token only).
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
                "scheduler": member.scheduler,
            })
        })
        .collect();
    Ok(reply::ok(&json!({
        "organizational_unit_members": members,
        "pages": { "current": 1, "total": 1 },
    })))
}
