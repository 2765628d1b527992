//! Batch: up to 50 writes in one request. Each entry runs, in order and against the same
//! state, through the same code as its own endpoint, and is answered with the status (and, for
//! a failure, the body) that endpoint would have given.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, Acting, Presented};
use crate::reply::{self, FieldErrors, Rejection};
use crate::scopes;
use crate::state::{Shared, State};
use crate::{available_periods, events};

/// The most entries Cronofy takes in one batch.
const MAX_ENTRIES: usize = 50;

/// The requests Cronofy accepts inside a batch.
enum Operation {
    UpsertEvent { calendar_id: String },
    DeleteEvent { calendar_id: String },
    UpsertAvailablePeriod,
    DeleteAvailablePeriod,
}

impl Operation {
    /// Which request `method` and `relative_url` make; the entry's 422 when it is not one a
    /// batch may hold.
    fn parse(method: &str, relative_url: &str) -> Result<Operation, Rejection> {
        let invalid = |field: &str, description: &str| {
            let mut errors = FieldErrors::default();
            errors.invalid(field, description);
            Rejection::Invalid(errors)
        };
        let path = relative_url.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = match path.strip_prefix('/') {
            Some(path) => path.split('/').collect(),
            None => return Err(invalid("relative_url", "must be a path such as /v1/...")),
        };
        let post = method.eq_ignore_ascii_case("POST");
        let delete = method.eq_ignore_ascii_case("DELETE");
        let not_batchable = || {
            invalid(
                "relative_url",
                "a batch holds only event upserts and deletions and available period upserts and deletions",
            )
        };
        match segments.as_slice() {
            ["v1", "calendars", calendar_id, "events"] => {
                let calendar_id = reply::decode_segment(calendar_id).ok_or_else(|| {
                    invalid("relative_url", "is not a valid percent-encoded path")
                })?;
                if post {
                    Ok(Operation::UpsertEvent { calendar_id })
                } else if delete {
                    Ok(Operation::DeleteEvent { calendar_id })
                } else {
                    Err(invalid("method", "must be POST or DELETE for this path"))
                }
            }
            ["v1", "available_periods"] => {
                if post {
                    Ok(Operation::UpsertAvailablePeriod)
                } else if delete {
                    Ok(Operation::DeleteAvailablePeriod)
                } else {
                    Err(invalid("method", "must be POST or DELETE for this path"))
                }
            }
            _ => Err(not_batchable()),
        }
    }

    /// The scope the request needs on its own.
    fn scope(&self) -> Option<&'static str> {
        match self {
            Operation::UpsertEvent { .. } => Some(scopes::CREATE_EVENT),
            Operation::DeleteEvent { .. } => Some(scopes::DELETE_EVENT),
            Operation::UpsertAvailablePeriod | Operation::DeleteAvailablePeriod => None,
        }
    }
}

/// `POST /v1/batch`: `{batch: [{method, relative_url, data}]}` -> `207 {batch: [{status,
/// data?}]}`, one entry per request in order; `data` carries the failure's body (e.g. the 422
/// `errors` map). A malformed batch as a whole is a 422 (or 400 for unreadable JSON).
pub(crate) async fn batch(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let entries = match body.get("batch") {
        Some(Value::Array(entries)) if entries.len() > MAX_ENTRIES => {
            errors.invalid("batch", "holds at most 50 requests");
            &[][..]
        }
        Some(Value::Array(entries)) if !entries.is_empty() => entries.as_slice(),
        None | Some(Value::Null | Value::Array(_)) => {
            errors.required("batch");
            &[][..]
        }
        Some(_) => {
            errors.invalid("batch", "must be an array of requests");
            &[][..]
        }
    };
    errors.check()?;
    let mut answers = Vec::with_capacity(entries.len());
    for entry in entries {
        answers.push(match run(&mut state, &acting, entry) {
            Ok(status) => json!({ "status": status.as_u16() }),
            Err(rejection) => {
                let mut answer = json!({ "status": rejection.status().as_u16() });
                if let Some(data) = rejection.body() {
                    answer["data"] = data;
                }
                answer
            }
        });
    }
    Ok(reply::json(
        StatusCode::MULTI_STATUS,
        &json!({ "batch": answers }),
    ))
}

/// Runs one entry as its own endpoint would, for the batch's caller.
fn run(state: &mut State, acting: &Acting, entry: &Value) -> Result<StatusCode, Rejection> {
    let empty = Map::new();
    let entry = entry.as_object().unwrap_or(&empty);
    let method = reply::string(entry, "method");
    let relative_url = reply::string(entry, "relative_url");
    let (Some(method), Some(relative_url)) = (method, relative_url) else {
        let mut errors = FieldErrors::default();
        if method.is_none() {
            errors.required("method");
        }
        if relative_url.is_none() {
            errors.required("relative_url");
        }
        return Err(Rejection::Invalid(errors));
    };
    let operation = Operation::parse(method, relative_url)?;
    if let Some(scope) = operation.scope() {
        acting.needs(scope)?;
    }
    let data = match entry.get("data") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(data)) => data,
        Some(_) => {
            return Err(Rejection::BadRequest(
                "the entry's data must be a JSON object (the body itself, not a string)".to_owned(),
            ));
        }
    };
    let sub = &acting.sub;
    match operation {
        Operation::UpsertEvent { calendar_id } => {
            events::upsert_as(state, sub, &calendar_id, data)?;
        }
        Operation::DeleteEvent { calendar_id } => {
            events::delete_as(state, sub, &calendar_id, data)?;
        }
        Operation::UpsertAvailablePeriod => available_periods::upsert_as(state, sub, data)?,
        Operation::DeleteAvailablePeriod => available_periods::delete_as(state, sub, data)?,
    }
    Ok(StatusCode::ACCEPTED)
}
