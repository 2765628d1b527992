//! Bookable events: events of an application with a capacity, and the registrations made for
//! them, kept per application (create or update, read, list, register, remove a
//! registration).
//!
//! Registering beyond the capacity is refused with a 422 on `registration_id` (key
//! `errors.capacity_reached`, which the fake invents: Cronofy documents no key for it).

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, Presented};
use crate::clock::{format_time, parse_time};
use crate::reply::{self, FieldErrors, Rejection};
use crate::state::{Shared, StoredBookableEvent, StoredRegistration, When};

const STATUSES: [&str; 2] = ["confirmed", "cancelled"];
const REGISTRATION_STATUSES: [&str; 5] =
    ["pending", "accepted", "tentative", "declined", "removed"];
const MAX_CAPACITY: u64 = 256;
const MAX_METADATA: usize = 10;

/// Letters, digits, `_` and `-`, as Cronofy restricts bookable event and registration ids.
fn url_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Whether a registration takes a place (neither declined nor removed).
fn takes_a_place(status: &str) -> bool {
    !matches!(status, "declined" | "removed")
}

fn event_json(id: &str, event: &StoredBookableEvent) -> Value {
    let registrations: Vec<Value> = event
        .registrations
        .iter()
        .map(|r| {
            json!({
                "registration_id": r.registration_id,
                "status": r.status,
                "metadata": r.metadata,
            })
        })
        .collect();
    let registered = event
        .registrations
        .iter()
        .filter(|r| takes_a_place(&r.status))
        .count();
    json!({
        "bookable_event_id": id,
        "start": event.start.text,
        "end": event.end.text,
        "status": event.status,
        "registration": {
            "capacity": event.capacity,
            "registered_count": registered,
            "total_count": event.registrations.len(),
            "registrations": registrations,
            "pages": { "current": 1, "total": 1 },
        },
    })
}

fn time(body: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<When> {
    match body.get(field) {
        None | Some(Value::Null) => {
            errors.required(field);
            None
        }
        Some(Value::String(text)) if parse_time(text).is_some() => {
            let secs = parse_time(text)?;
            Some(When {
                secs,
                text: format_time(secs),
            })
        }
        Some(_) => {
            errors.invalid(field, "must be an RFC 3339 time");
            None
        }
    }
}

/// `POST /v1/bookable_events`: `{bookable_event_id, start, end, status, registration:
/// {capacity}}` creates the event or updates the one with that id (keeping its
/// registrations) -> the event.
pub(crate) async fn upsert(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let id = match body.get("bookable_event_id") {
        None | Some(Value::Null) => {
            errors.required("bookable_event_id");
            None
        }
        Some(Value::String(id)) if url_safe_id(id) => Some(id.clone()),
        Some(_) => {
            errors.invalid(
                "bookable_event_id",
                "may only contain letters, digits, underscores and hyphens",
            );
            None
        }
    };
    let start = time(&body, "start", &mut errors);
    let end = time(&body, "end", &mut errors);
    if let (Some(start), Some(end)) = (&start, &end)
        && start.secs >= end.secs
    {
        errors.add("end", "errors.end_before_start", "must be after start");
    }
    let status = match reply::string(&body, "status") {
        None => {
            errors.required("status");
            None
        }
        Some(status) if STATUSES.contains(&status) => Some(status.to_owned()),
        Some(_) => {
            errors.invalid("status", "must be confirmed or cancelled");
            None
        }
    };
    let capacity = match body.get("registration").map(|r| r.get("capacity")) {
        None | Some(None | Some(Value::Null)) => {
            errors.required("registration.capacity");
            None
        }
        Some(Some(capacity)) => match capacity.as_u64() {
            Some(n @ 1..=MAX_CAPACITY) => Some(n),
            _ => {
                errors.invalid(
                    "registration.capacity",
                    "must be an integer between 1 and 256",
                );
                None
            }
        },
    };
    errors.check()?;
    let (Some(id), Some(start), Some(end), Some(status), Some(capacity)) =
        (id, start, end, status, capacity)
    else {
        return Err(Rejection::BadRequest("the body is incomplete".to_owned()));
    };
    let mut state = shared.lock();
    let key = (client_id, id.clone());
    let registrations = state
        .bookable_events
        .remove(&key)
        .map(|existing| existing.registrations)
        .unwrap_or_default();
    let event = StoredBookableEvent {
        start,
        end,
        status,
        capacity,
        registrations,
    };
    let answer = event_json(&id, &event);
    state.bookable_events.insert(key, event);
    Ok(reply::ok(&answer))
}

/// `GET /v1/bookable_events/{bookable_event_id}`: one of the application's events.
pub(crate) async fn read(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(id): Path<String>,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let state = shared.lock();
    state
        .bookable_events
        .get(&(client_id, id.clone()))
        .map(|event| reply::ok(&event_json(&id, event)))
        .ok_or(Rejection::NotFound)
}

/// `GET /v1/bookable_events`: every event of the application, by id, on one page.
pub(crate) async fn list(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let state = shared.lock();
    let events: Vec<Value> = state
        .bookable_events
        .iter()
        .filter(|((owner, _), _)| *owner == client_id)
        .map(|((_, id), event)| event_json(id, event))
        .collect();
    Ok(reply::ok(&json!({
        "bookable_events": events,
        "pages": { "current": 1, "total": 1 },
    })))
}

/// `POST /v1/bookable_events/{bookable_event_id}/registrations`: `{registration_id, status,
/// metadata?}` adds the registration or updates the one with that id -> the event. A
/// registration taking a place beyond the capacity is refused.
pub(crate) async fn upsert_registration(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut state = shared.lock();
    let Some(event) = state.bookable_events.get_mut(&(client_id, id.clone())) else {
        return Err(Rejection::NotFound);
    };
    let mut errors = FieldErrors::default();
    let registration_id = match body.get("registration_id") {
        None | Some(Value::Null) => {
            errors.required("registration_id");
            None
        }
        Some(Value::String(id)) if url_safe_id(id) => Some(id.clone()),
        Some(_) => {
            errors.invalid(
                "registration_id",
                "may only contain letters, digits, underscores and hyphens",
            );
            None
        }
    };
    let status = match reply::string(&body, "status") {
        None => {
            errors.required("status");
            None
        }
        Some(status) if REGISTRATION_STATUSES.contains(&status) => Some(status.to_owned()),
        Some(_) => {
            errors.invalid(
                "status",
                "must be pending, accepted, tentative, declined or removed",
            );
            None
        }
    };
    let metadata = match body.get("metadata") {
        None | Some(Value::Null) => None,
        Some(Value::Object(map)) if map.len() <= MAX_METADATA => Some(Value::Object(map.clone())),
        Some(Value::Object(_)) => {
            errors.invalid("metadata", "may have at most 10 keys");
            None
        }
        Some(_) => {
            errors.invalid("metadata", "must be an object");
            None
        }
    };
    errors.check()?;
    let (Some(registration_id), Some(status)) = (registration_id, status) else {
        return Err(Rejection::BadRequest("the body is incomplete".to_owned()));
    };
    let existing = event
        .registrations
        .iter()
        .position(|r| r.registration_id == registration_id);
    let held = existing.is_some_and(|i| takes_a_place(&event.registrations[i].status));
    let taken = event
        .registrations
        .iter()
        .filter(|r| takes_a_place(&r.status))
        .count() as u64;
    if takes_a_place(&status) && !held && taken >= event.capacity {
        let mut errors = FieldErrors::default();
        errors.add(
            "registration_id",
            "errors.capacity_reached",
            "the bookable event has no place left",
        );
        return Err(Rejection::Invalid(errors));
    }
    // An update without `metadata` keeps what the registration had.
    let kept = existing
        .map(|i| event.registrations[i].metadata.clone())
        .filter(|m| !m.is_null());
    let metadata = if status == "removed" {
        Value::Null
    } else {
        metadata.or(kept).unwrap_or_else(|| json!({}))
    };
    match existing {
        Some(i) => {
            let registration = &mut event.registrations[i];
            registration.status = status;
            registration.metadata = metadata;
        }
        None => event.registrations.push(StoredRegistration {
            registration_id,
            status,
            metadata,
        }),
    }
    Ok(reply::ok(&event_json(&id, event)))
}

/// `DELETE /v1/bookable_events/{bookable_event_id}/registrations/{registration_id}`: the
/// registration's status becomes `removed` and its metadata `null` -> the event.
pub(crate) async fn delete_registration(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path((id, registration_id)): Path<(String, String)>,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let mut state = shared.lock();
    let Some(event) = state.bookable_events.get_mut(&(client_id, id.clone())) else {
        return Err(Rejection::NotFound);
    };
    let Some(registration) = event
        .registrations
        .iter_mut()
        .find(|r| r.registration_id == registration_id)
    else {
        return Err(Rejection::NotFound);
    };
    registration.status = "removed".to_owned();
    registration.metadata = Value::Null;
    Ok(reply::ok(&event_json(&id, event)))
}
