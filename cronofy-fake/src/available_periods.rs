//! Available periods: one-off windows in which a user can be booked, kept per user (upsert,
//! read paged like events, delete one or all).

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as AxumState};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, Presented};
use crate::availability_rules::valid_own_id;
use crate::clock::{format_time, parse_date, parse_time};
use crate::paging::{self, EventQuery, Feed};
use crate::reply::{self, FieldErrors, Rejection};
use crate::state::{Shared, State, StoredPeriod, When};

/// `POST /v1/available_periods`: `{available_period_id, start, end}` (times, or `{time,
/// tzid}`) creates the period or updates the one with that id; `202`.
pub(crate) async fn upsert(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let body = reply::json_object(&body)?;
    upsert_as(&mut state, &acting.sub, &body)?;
    Ok(reply::accepted())
}

/// A time, or `{time, tzid}`; `Err` for anything else (dates included: a period is made of
/// instants).
fn instant(value: Option<&Value>) -> Result<Option<When>, ()> {
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(text)) => text.as_str(),
        Some(Value::Object(object)) => object.get("time").and_then(Value::as_str).ok_or(())?,
        Some(_) => return Err(()),
    };
    let secs = parse_time(text).ok_or(())?;
    Ok(Some(When {
        secs,
        text: format_time(secs),
    }))
}

/// An upsert by the user `sub`, as the endpoint and a batch entry apply it.
pub(crate) fn upsert_as(
    state: &mut State,
    sub: &str,
    body: &Map<String, Value>,
) -> Result<(), Rejection> {
    let Some(user) = state.users.get_mut(sub) else {
        return Err(Rejection::NotFound);
    };
    let mut errors = FieldErrors::default();
    let id = reply::string(body, "available_period_id");
    match id {
        None => errors.required("available_period_id"),
        Some(id) if !valid_own_id(id) => errors.invalid(
            "available_period_id",
            "must be ASCII, at most 64 characters",
        ),
        Some(_) => {}
    }
    let mut time = |field: &str| match instant(body.get(field)) {
        Ok(Some(when)) => Some(when),
        Ok(None) => {
            errors.required(field);
            None
        }
        Err(()) => {
            errors.invalid(field, "must be an RFC 3339 time or {\"time\", \"tzid\"}");
            None
        }
    };
    let start = time("start");
    let end = time("end");
    if let (Some(start), Some(end)) = (&start, &end)
        && start.secs >= end.secs
    {
        errors.add("end", "errors.end_before_start", "must be after start");
    }
    errors.check()?;
    let (Some(id), Some(start), Some(end)) = (id, start, end) else {
        return Ok(());
    };
    match user
        .available_periods
        .iter_mut()
        .find(|p| p.available_period_id == id)
    {
        Some(existing) => {
            existing.start = start;
            existing.end = end;
        }
        None => user.available_periods.push(StoredPeriod {
            available_period_id: id.to_owned(),
            start,
            end,
        }),
    }
    Ok(())
}

/// `DELETE /v1/available_periods`: `{available_period_id}` or `{delete_all: true}` (exactly
/// one); `202`, also when there was no such period.
pub(crate) async fn delete(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let body = reply::json_object(&body)?;
    delete_as(&mut state, &acting.sub, &body)?;
    Ok(reply::accepted())
}

/// A deletion by the user `sub`, as the endpoint and a batch entry apply it.
pub(crate) fn delete_as(
    state: &mut State,
    sub: &str,
    body: &Map<String, Value>,
) -> Result<(), Rejection> {
    let Some(user) = state.users.get_mut(sub) else {
        return Err(Rejection::NotFound);
    };
    let mut errors = FieldErrors::default();
    let id = reply::string(body, "available_period_id");
    match (id, body.get("delete_all")) {
        (Some(_), Some(_)) => errors.invalid(
            "delete_all",
            "send either available_period_id or delete_all, not both",
        ),
        (Some(id), None) => user
            .available_periods
            .retain(|p| p.available_period_id != id),
        (None, Some(Value::Bool(true))) => user.available_periods.clear(),
        (None, Some(_)) => errors.invalid("delete_all", "must be true"),
        (None, None) => errors.required("available_period_id"),
    }
    errors.check()
}

/// `GET /v1/available_periods`: the first page of the user's periods, by start; `from` and
/// `to` (dates, `to` exclusive) narrow them. `tzid` is needed with either; `localized_times`
/// is accepted, and times are written in UTC.
pub(crate) async fn read(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    RawQuery(query): RawQuery,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let query = parse_query(query.as_deref()).map_err(Rejection::Invalid)?;
    answer_page(&mut state, &acting.sub, &query, 1)
}

/// `GET /v1/available_periods/pages/{page_id}`: a page a `next_page` URL points at.
pub(crate) async fn read_page(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(page_id): Path<String>,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    // A page belongs to whoever asked for the first one; to anyone else it does not exist.
    let Some((query, page)) = state
        .cursors
        .get(&page_id)
        .filter(|c| c.sub == acting.sub && c.feed == Feed::AvailablePeriods)
        .map(|c| (c.query.clone(), c.page))
    else {
        return Err(Rejection::NotFound);
    };
    answer_page(&mut state, &acting.sub, &query, page)
}

fn parse_query(query: Option<&str>) -> Result<EventQuery, FieldErrors> {
    let pairs = reply::query_pairs(query);
    let mut errors = FieldErrors::default();
    let mut date_param = |name: &str| {
        let value = reply::first(&pairs, name)?;
        let secs = parse_date(value).or_else(|| parse_time(value));
        if secs.is_none() {
            errors.invalid(name, "must be a date (YYYY-MM-DD)");
        }
        secs
    };
    let from = date_param("from");
    let to = date_param("to");
    let has_window = reply::first(&pairs, "from").is_some() || reply::first(&pairs, "to").is_some();
    if has_window && reply::first(&pairs, "tzid").is_none_or(|t| t.trim().is_empty()) {
        errors.required("tzid");
    }
    reply::flag(&pairs, "localized_times", &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(EventQuery {
        from,
        to,
        ..EventQuery::default()
    })
}

fn answer_page(
    state: &mut State,
    sub: &str,
    query: &EventQuery,
    page: usize,
) -> Result<Response, Rejection> {
    let Some(user) = state.users.get(sub) else {
        return Err(Rejection::NotFound);
    };
    let mut matching: Vec<&StoredPeriod> = user
        .available_periods
        .iter()
        .filter(|p| query.from.is_none_or(|from| p.end.secs > from))
        .filter(|p| query.to.is_none_or(|to| p.start.secs < to))
        .collect();
    matching.sort_by(|a, b| {
        (a.start.secs, a.end.secs, &a.available_period_id).cmp(&(
            b.start.secs,
            b.end.secs,
            &b.available_period_id,
        ))
    });
    let items: Vec<Value> = matching
        .into_iter()
        .map(|p| {
            json!({
                "available_period_id": p.available_period_id,
                "start": p.start.text,
                "end": p.end.text,
            })
        })
        .collect();
    let (shown, pages) = paging::page(state, sub, Feed::AvailablePeriods, query, page, items);
    Ok(reply::ok(
        &json!({ "pages": pages, "available_periods": shown }),
    ))
}
