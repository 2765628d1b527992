//! Calendars: list them (`list_calendars`), create one (`create_calendar`).

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::response::Response;
use serde_json::{Value, json};

use crate::auth::{self, Presented};
use crate::ids;
use crate::reply::{self, FieldErrors, Rejection};
use crate::scopes;
use crate::state::{Shared, StoredCalendar, User};

fn calendar_json(user: &User, calendar: &StoredCalendar) -> Value {
    let profile = user.profile(&calendar.profile_id);
    let mut value = json!({
        "provider_name": profile.map(|p| p.provider_name.as_str()).unwrap_or_default(),
        "profile_id": calendar.profile_id,
        "profile_name": profile.map(|p| p.profile_name.as_str()).unwrap_or_default(),
        "calendar_id": calendar.calendar_id,
        "calendar_name": calendar.name,
        "calendar_readonly": false,
        "calendar_deleted": false,
        "calendar_primary": calendar.primary,
        "calendar_integrated_conferencing_available": false,
        "calendar_attachments_available": false,
        "permission_level": "unrestricted",
    });
    if let Some(color) = &calendar.color {
        value["calendar_color"] = json!(color);
    }
    value
}

/// `GET /v1/calendars`.
pub(crate) async fn list(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    acting.needs(scopes::LIST_CALENDARS)?;
    let Some(user) = state.users.get(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let calendars: Vec<Value> = user
        .calendars
        .iter()
        .map(|c| calendar_json(user, c))
        .collect();
    Ok(reply::ok(&json!({ "calendars": calendars })))
}

/// `POST /v1/calendars`: `{profile_id, name, color?}` -> `{calendar}`.
pub(crate) async fn create(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    acting.needs(scopes::CREATE_CALENDAR)?;
    let body = reply::json_object(&body)?;
    let Some(user) = state.users.get_mut(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let mut errors = FieldErrors::default();
    let profile_id = reply::string(&body, "profile_id");
    let name = reply::string(&body, "name");
    match profile_id {
        None => errors.required("profile_id"),
        Some(id) if user.profile(id).is_none() => errors.not_found("profile_id"),
        Some(_) => {}
    }
    match name {
        None => errors.required("name"),
        Some(name)
            if user
                .calendars
                .iter()
                .any(|c| Some(c.profile_id.as_str()) == profile_id && c.name == name) =>
        {
            errors.add(
                "name",
                "errors.duplicate_calendar_name",
                "a calendar with this name already exists in the profile",
            );
        }
        Some(_) => {}
    }
    errors.check()?;
    let calendar = StoredCalendar {
        calendar_id: ids::id("cal_"),
        profile_id: profile_id.unwrap_or_default().to_owned(),
        name: name.unwrap_or_default().to_owned(),
        primary: false,
        color: reply::string(&body, "color").map(str::to_owned),
    };
    let value = calendar_json(user, &calendar);
    user.calendars.push(calendar);
    Ok(reply::ok(&json!({ "calendar": value })))
}
