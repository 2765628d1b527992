//! Events: Read Events and Free Busy (paged), upsert by `event_id`, delete one, bulk delete,
//! participation status.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as AxumState};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, Presented};
use crate::clock::{format_time, parse_date, parse_time};
use crate::event_details;
use crate::ids;
use crate::notify;
use crate::paging::{self, EventQuery, Feed};
use crate::reply::{self, FieldErrors, Rejection};
use crate::scopes;
use crate::state::{Shared, State, StoredEvent, User, When};

/// The two paged lists this module answers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EventFeed {
    Events,
    FreeBusy,
}

impl EventFeed {
    fn feed(self) -> Feed {
        match self {
            EventFeed::Events => Feed::Events,
            EventFeed::FreeBusy => Feed::FreeBusy,
        }
    }

    fn scope(self) -> &'static str {
        match self {
            EventFeed::Events => scopes::READ_EVENTS,
            EventFeed::FreeBusy => scopes::READ_FREE_BUSY,
        }
    }
}

/// `GET /v1/events`: the first page of the user's events matching the query.
pub(crate) async fn read(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    RawQuery(query): RawQuery,
) -> Result<Response, Rejection> {
    first_page(&shared, &presented, query.as_deref(), EventFeed::Events)
}

/// `GET /v1/free_busy`: the first page of the user's busy periods.
pub(crate) async fn free_busy(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    RawQuery(query): RawQuery,
) -> Result<Response, Rejection> {
    first_page(&shared, &presented, query.as_deref(), EventFeed::FreeBusy)
}

/// `GET /v1/events/pages/{page_id}`: a page a `next_page` URL points at.
pub(crate) async fn read_page(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(page_id): Path<String>,
) -> Result<Response, Rejection> {
    later_page(&shared, &presented, &page_id, EventFeed::Events)
}

/// `GET /v1/free_busy/pages/{page_id}`.
pub(crate) async fn free_busy_page(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(page_id): Path<String>,
) -> Result<Response, Rejection> {
    later_page(&shared, &presented, &page_id, EventFeed::FreeBusy)
}

fn first_page(
    shared: &Shared,
    presented: &Presented,
    query: Option<&str>,
    feed: EventFeed,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, presented)?;
    acting.needs(feed.scope())?;
    let query = parse_query(query).map_err(Rejection::Invalid)?;
    answer_page(&mut state, &acting.sub, feed, &query, 1)
}

fn later_page(
    shared: &Shared,
    presented: &Presented,
    page_id: &str,
    feed: EventFeed,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, presented)?;
    acting.needs(feed.scope())?;
    // A page belongs to whoever asked for the first one; to anyone else it does not exist.
    let Some((query, page)) = state
        .cursors
        .get(page_id)
        .filter(|cursor| cursor.sub == acting.sub && cursor.feed == feed.feed())
        .map(|cursor| (cursor.query.clone(), cursor.page))
    else {
        return Err(Rejection::NotFound);
    };
    answer_page(&mut state, &acting.sub, feed, &query, page)
}

fn answer_page(
    state: &mut State,
    sub: &str,
    feed: EventFeed,
    query: &EventQuery,
    page: usize,
) -> Result<Response, Rejection> {
    let Some(user) = state.users.get(sub) else {
        return Err(Rejection::NotFound);
    };
    let mut matching: Vec<&StoredEvent> = user
        .events
        .iter()
        .filter(|event| matches(event, query))
        .filter(|event| {
            feed == EventFeed::Events || query.include_free || event.transparency != "transparent"
        })
        .collect();
    matching.sort_by(|a, b| {
        (a.start.secs, a.end.secs, &a.event_uid).cmp(&(b.start.secs, b.end.secs, &b.event_uid))
    });
    let items: Vec<Value> = matching
        .into_iter()
        .map(|event| match feed {
            EventFeed::Events => event_json(user, event, query),
            EventFeed::FreeBusy => free_busy_json(event, query),
        })
        .collect();
    let (shown, pages) = paging::page(state, sub, feed.feed(), query, page, items);
    let list = match feed {
        EventFeed::Events => "events",
        EventFeed::FreeBusy => "free_busy",
    };
    Ok(reply::ok(&json!({ "pages": pages, list: shown })))
}

/// Whether `event` is in the answer to `query`. Events the application manages (those with
/// an `event_id`) are left out unless `include_managed` or `only_managed` asks for them, as
/// Cronofy does; `include_moved` also matches the windows an event was moved out of.
fn matches(event: &StoredEvent, query: &EventQuery) -> bool {
    let managed = event.event_id.is_some();
    let in_window = |start: i64, end: i64| {
        query.from.is_none_or(|from| end > from) && query.to.is_none_or(|to| start < to)
    };
    (query.include_deleted || !event.deleted)
        && (if query.only_managed {
            managed
        } else {
            query.include_managed || !managed
        })
        && (query.calendar_ids.is_empty() || query.calendar_ids.contains(&event.calendar_id))
        && (in_window(event.start.secs, event.end.secs)
            || (query.include_moved
                && event
                    .moved_from
                    .iter()
                    .any(|&(start, end)| in_window(start, end))))
        && query
            .last_modified
            .is_none_or(|since| event.updated >= since)
}

/// A block of Free Busy: busy, tentative for a tentative answer, free for a transparent
/// event; with `include_ids` its event's ids, and `deleted` for deleted ones.
fn free_busy_json(event: &StoredEvent, query: &EventQuery) -> Value {
    let status = if event.transparency == "transparent" {
        "free"
    } else if event.participation_status == "tentative" {
        "tentative"
    } else {
        "busy"
    };
    let mut block = json!({
        "calendar_id": event.calendar_id,
        "start": time_json(&event.start, event, query),
        "end": time_json(&event.end, event, query),
        "free_busy_status": status,
    });
    if query.include_ids {
        block["event_uid"] = json!(event.event_uid);
        if let Some(event_id) = &event.event_id {
            block["event_id"] = json!(event_id);
        }
    }
    if query.include_deleted {
        block["deleted"] = json!(event.deleted);
    }
    block
}

/// A start or end as returned: with `localized_times`, `{time, tzid}` in the event's time
/// zone (the fake writes the instant in UTC, which is the same time), else as stored.
fn time_json(when: &When, event: &StoredEvent, query: &EventQuery) -> Value {
    match (&event.tzid, query.localized_times, parse_date(&when.text)) {
        (Some(tzid), true, None) => json!({ "time": when.text, "tzid": tzid }),
        (None, true, None) => json!({ "time": when.text, "tzid": "Etc/UTC" }),
        _ => json!(when.text),
    }
}

/// The query that shows everything of an event (coordinates included), for the handle's
/// view of a user's events.
pub(crate) fn full_view() -> EventQuery {
    EventQuery {
        include_managed: true,
        include_geo: true,
        ..EventQuery::default()
    }
}

/// The query of Read Events and Free Busy. `tzid` is required (the fake reads dates as UTC);
/// unknown parameters are ignored.
fn parse_query(query: Option<&str>) -> Result<EventQuery, FieldErrors> {
    let pairs = reply::query_pairs(query);
    let mut errors = FieldErrors::default();
    if reply::first(&pairs, "tzid").is_none_or(|tzid| tzid.trim().is_empty()) {
        errors.required("tzid");
    }
    let mut date_param = |name: &str| {
        let value = reply::first(&pairs, name)?;
        let secs = parse_date(value).or_else(|| parse_time(value));
        if secs.is_none() {
            errors.invalid(name, "must be a date (YYYY-MM-DD) or an RFC 3339 time");
        }
        secs
    };
    let from = date_param("from");
    let to = date_param("to");
    let last_modified = date_param("last_modified");
    let mut flag = |name: &str| reply::flag(&pairs, name, &mut errors);
    let query = EventQuery {
        include_deleted: flag("include_deleted"),
        only_managed: flag("only_managed"),
        include_managed: flag("include_managed"),
        include_moved: flag("include_moved"),
        localized_times: flag("localized_times"),
        include_geo: flag("include_geo"),
        google_event_ids: flag("google_event_ids"),
        include_ids: flag("include_ids"),
        include_free: flag("include_free"),
        from,
        to,
        last_modified,
        calendar_ids: pairs
            .iter()
            .filter(|(name, _)| name == "calendar_ids[]" || name == "calendar_ids")
            .map(|(_, value)| value.clone())
            .collect(),
    };
    if errors.is_empty() {
        Ok(query)
    } else {
        Err(errors)
    }
}

/// An event as Cronofy returns it for `query` (coordinates with `include_geo`, zoned times
/// with `localized_times`, Google's ids with `google_event_ids`).
pub(crate) fn event_json(user: &User, event: &StoredEvent, query: &EventQuery) -> Value {
    let mut value = json!({
        "calendar_id": event.calendar_id,
        "event_uid": event.event_uid,
        "summary": event.summary,
        "description": event.description.clone().unwrap_or_default(),
        "start": time_json(&event.start, event, query),
        "end": time_json(&event.end, event, query),
        "deleted": event.deleted,
        "created": format_time(event.created),
        "updated": format_time(event.updated),
        "participation_status": event.participation_status,
        "transparency": event.transparency,
        "status": if event.deleted { "cancelled" } else { "confirmed" },
        "recurring": event.details.recurrence.is_some(),
        "categories": [],
        "options": { "delete": true, "update": true, "change_participation_status": true },
    });
    if let Some(object) = value.as_object_mut() {
        let organizer = json!({ "email": user.email, "display_name": user.name });
        event_details::write(&event.details, &organizer, object);
    }
    if event.details.recurrence.is_some() {
        value["series_identifier"] = json!(format!("ser_{}", event.event_uid));
    }
    if let Some(event_id) = &event.event_id {
        value["event_id"] = json!(event_id);
    }
    if let Some(location) = &event.location {
        let mut location = location.clone();
        if !query.include_geo
            && let Some(object) = location.as_object_mut()
        {
            object.remove("lat");
            object.remove("long");
        }
        value["location"] = location;
    }
    if query.google_event_ids && user.calendar_provider(&event.calendar_id) == Some("google") {
        value["google_event_id"] = json!(format!(
            "g{}",
            event.event_uid.trim_start_matches("evt_external_")
        ));
    }
    if let Some(url) = &event.url {
        value["url"] = json!(url);
    }
    if let Some(tzid) = &event.tzid {
        value["start_tzid"] = json!(tzid);
    }
    value
}

/// `POST /v1/calendars/{calendar_id}/events`: creates or updates the event with `event_id`
/// (or updates the event with `event_uid`); `202`.
pub(crate) async fn upsert(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(calendar_id): Path<String>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    acting.needs(scopes::CREATE_EVENT)?;
    let body = reply::json_object(&body)?;
    upsert_as(&mut state, &acting.sub, &calendar_id, &body)?;
    Ok(reply::accepted())
}

/// An upsert by the user `sub`, as the endpoint and a batch entry apply it (the scope checked
/// already): `423` in a disconnected profile's calendar, else [`upsert_in`].
pub(crate) fn upsert_as(
    state: &mut State,
    sub: &str,
    calendar_id: &str,
    body: &Map<String, Value>,
) -> Result<(), Rejection> {
    locked_check(state, sub, calendar_id)?;
    upsert_in(state, sub, calendar_id, body).map_err(Rejection::Invalid)
}

fn locked_check(state: &State, sub: &str, calendar_id: &str) -> Result<(), Rejection> {
    if state
        .users
        .get(sub)
        .is_some_and(|user| user.calendar_locked(calendar_id))
    {
        Err(Rejection::Locked)
    } else {
        Ok(())
    }
}

/// A start or end: a time, a date, or `{time, tzid}`; `Err` when it is none of them.
pub(crate) fn when(value: Option<&Value>) -> Result<Option<When>, ()> {
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(text)) => text.as_str(),
        Some(Value::Object(object)) => object.get("time").and_then(Value::as_str).ok_or(())?,
        Some(_) => return Err(()),
    };
    if let Some(secs) = parse_date(text) {
        return Ok(Some(When {
            secs,
            text: text.to_owned(),
        }));
    }
    let secs = parse_time(text).ok_or(())?;
    Ok(Some(When {
        secs,
        text: format_time(secs),
    }))
}

/// Validates an upsert and applies it; the 422 `errors` when it is invalid.
pub(crate) fn upsert_in(
    state: &mut State,
    sub: &str,
    calendar_id: &str,
    body: &Map<String, Value>,
) -> Result<(), FieldErrors> {
    let now = state.clock.now_secs();
    let mut errors = FieldErrors::default();
    let Some(user) = state.users.get_mut(sub) else {
        errors.not_found("sub");
        return Err(errors);
    };
    if user.calendar(calendar_id).is_none() {
        errors.not_found("calendar_id");
        return Err(errors);
    }
    let event_id = reply::string(body, "event_id");
    let event_uid = reply::string(body, "event_uid");
    let existing = match (event_id, event_uid) {
        (Some(id), _) => user
            .events
            .iter()
            .position(|e| e.calendar_id == calendar_id && e.event_id.as_deref() == Some(id)),
        (None, Some(uid)) => {
            let found = user
                .events
                .iter()
                .position(|e| e.calendar_id == calendar_id && e.event_uid == uid);
            if found.is_none() {
                errors.not_found("event_uid");
            }
            found
        }
        (None, None) => {
            errors.required("event_id");
            None
        }
    };
    // Editing an external event by `event_uid` may change a single field; everything else
    // describes the whole event.
    let partial = event_id.is_none() && existing.is_some();
    let summary = reply::string(body, "summary");
    if summary.is_none() && !partial {
        errors.required("summary");
    }
    let mut time = |field: &str| match when(body.get(field)) {
        Ok(Some(when)) => Some(when),
        Ok(None) => {
            if !partial {
                errors.required(field);
            }
            None
        }
        Err(()) => {
            errors.invalid(
                field,
                "must be an RFC 3339 time, a date (YYYY-MM-DD) or {\"time\", \"tzid\"}",
            );
            None
        }
    };
    let start = time("start");
    let end = time("end");
    let current = existing.map(|i| &user.events[i]);
    let effective_start = start.as_ref().or(current.map(|e| &e.start));
    let effective_end = end.as_ref().or(current.map(|e| &e.end));
    if let (Some(start), Some(end)) = (effective_start, effective_end)
        && start.secs > end.secs
    {
        errors.add("end", "errors.end_before_start", "must not be before start");
    }
    let transparency = match body.get("transparency") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) if t == "opaque" || t == "transparent" => Some(t.clone()),
        Some(_) => {
            errors.invalid("transparency", "must be opaque or transparent");
            None
        }
    };
    let location = match body.get("location") {
        None | Some(Value::Null) => None,
        Some(Value::Object(location)) => Some(Value::Object(location.clone())),
        Some(_) => {
            errors.invalid(
                "location",
                "must be an object such as {\"description\": ...}",
            );
            None
        }
    };
    let details = event_details::apply(
        body,
        &current.map(|e| e.details.clone()).unwrap_or_default(),
        existing.is_none(),
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(errors);
    }

    let tzid = body
        .get("tzid")
        .and_then(Value::as_str)
        .or_else(|| {
            body.get("start")
                .and_then(|s| s.get("tzid"))
                .and_then(Value::as_str)
        })
        .map(str::to_owned);
    let description = reply::string(body, "description").map(str::to_owned);
    let url = reply::string(body, "url").map(str::to_owned);
    // An event your application manages has your `event_id`, whichever way it was reached.
    let managed = event_id.is_some() || current.is_some_and(|e| e.event_id.is_some());
    match existing {
        Some(index) => {
            let event = &mut user.events[index];
            if let Some(summary) = summary {
                event.summary = summary.to_owned();
            }
            let window = (event.start.secs, event.end.secs);
            if let Some(start) = start {
                event.start = start;
            }
            if let Some(end) = end {
                event.end = end;
            }
            if window != (event.start.secs, event.end.secs) {
                event.moved_from.push(window);
            }
            event.details = details;
            event.description = description.or(event.description.take());
            event.tzid = tzid.or(event.tzid.take());
            event.location = location.or(event.location.take());
            event.url = url.or(event.url.take());
            if let Some(transparency) = transparency {
                event.transparency = transparency;
            }
            event.deleted = false;
            event.updated = now;
        }
        None => {
            let (Some(start), Some(end)) = (start, end) else {
                return Ok(());
            };
            user.events.push(StoredEvent {
                calendar_id: calendar_id.to_owned(),
                event_uid: ids::id("evt_external_"),
                event_id: event_id.map(str::to_owned),
                summary: summary.unwrap_or_default().to_owned(),
                description,
                start,
                end,
                tzid,
                location,
                url,
                transparency: transparency.unwrap_or_else(|| "opaque".to_owned()),
                participation_status: "accepted".to_owned(),
                created: now,
                updated: now,
                deleted: false,
                details,
                moved_from: Vec::new(),
            });
        }
    }
    notify::events_changed(state, sub, &[(calendar_id.to_owned(), managed)]);
    Ok(())
}

/// `DELETE /v1/calendars/{calendar_id}/events`: by `event_id` (or `event_uid`); `202`, also
/// when there was no such event.
pub(crate) async fn delete(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(calendar_id): Path<String>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    acting.needs(scopes::DELETE_EVENT)?;
    let body = reply::json_object(&body)?;
    delete_as(&mut state, &acting.sub, &calendar_id, &body)?;
    Ok(reply::accepted())
}

/// A deletion by the user `sub`, as the endpoint and a batch entry apply it (the scope
/// checked already).
pub(crate) fn delete_as(
    state: &mut State,
    sub: &str,
    calendar_id: &str,
    body: &Map<String, Value>,
) -> Result<(), Rejection> {
    let now = state.clock.now_secs();
    let Some(user) = state.users.get_mut(sub) else {
        return Err(Rejection::NotFound);
    };
    let mut errors = FieldErrors::default();
    if user.calendar(calendar_id).is_none() {
        errors.not_found("calendar_id");
        return Err(Rejection::Invalid(errors));
    }
    if user.calendar_locked(calendar_id) {
        return Err(Rejection::Locked);
    }
    let event_id = reply::string(body, "event_id");
    let event_uid = reply::string(body, "event_uid");
    if event_id.is_none() && event_uid.is_none() {
        errors.required("event_id");
        return Err(Rejection::Invalid(errors));
    }
    let mut changes = Vec::new();
    for event in user.events.iter_mut().filter(|e| {
        e.calendar_id == calendar_id
            && !e.deleted
            && (event_id.is_some_and(|id| e.event_id.as_deref() == Some(id))
                || event_uid.is_some_and(|uid| e.event_uid == uid))
    }) {
        event.deleted = true;
        event.updated = now;
        changes.push((calendar_id.to_owned(), event.event_id.is_some()));
    }
    notify::events_changed(state, sub, &changes);
    Ok(())
}

/// `DELETE /v1/events`: `{"delete_all": true}` or `{"calendar_ids": [...]}` (exactly one);
/// deletes the events the application manages (those with an `event_id`), in every calendar
/// of the user or in those named. They read as deleted afterwards, like single deletions.
/// `202`.
pub(crate) async fn bulk_delete(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    acting.needs(scopes::DELETE_EVENT)?;
    let body = reply::json_object(&body)?;
    let now = state.clock.now_secs();
    let Some(user) = state.users.get_mut(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let mut errors = FieldErrors::default();
    let calendar_ids: Option<Vec<String>> = match (body.get("delete_all"), body.get("calendar_ids"))
    {
        (None, None) => {
            errors.required("delete_all");
            None
        }
        (Some(_), Some(_)) => {
            errors.invalid(
                "delete_all",
                "send either delete_all or calendar_ids, not both",
            );
            None
        }
        (Some(Value::Bool(true)), None) => None,
        (Some(_), None) => {
            errors.invalid("delete_all", "must be true");
            None
        }
        (None, Some(Value::Array(ids))) if !ids.is_empty() && ids.iter().all(Value::is_string) => {
            let ids: Vec<String> = ids
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            if ids.iter().any(|id| user.calendar(id).is_none()) {
                errors.not_found("calendar_ids");
            }
            Some(ids)
        }
        (None, Some(_)) => {
            errors.invalid("calendar_ids", "must be a non-empty array of calendar ids");
            None
        }
    };
    errors.check()?;
    let targets: Vec<&str> = user
        .calendars
        .iter()
        .map(|c| c.calendar_id.as_str())
        .filter(|id| {
            calendar_ids
                .as_ref()
                .is_none_or(|ids| ids.iter().any(|c| c == id))
        })
        .collect();
    // Naming a calendar of a disconnected profile is refused; `delete_all` passes over them.
    if calendar_ids.is_some() && targets.iter().any(|id| user.calendar_locked(id)) {
        return Err(Rejection::Locked);
    }
    let targets: Vec<String> = targets
        .into_iter()
        .filter(|id| !user.calendar_locked(id))
        .map(str::to_owned)
        .collect();
    let mut changes = Vec::new();
    for event in user
        .events
        .iter_mut()
        .filter(|e| e.event_id.is_some() && !e.deleted && targets.contains(&e.calendar_id))
    {
        event.deleted = true;
        event.updated = now;
        changes.push((event.calendar_id.clone(), true));
    }
    notify::events_changed(&state, &acting.sub, &changes);
    Ok(reply::accepted())
}

/// `POST /v1/calendars/{calendar_id}/events/{event_uid}/participation_status`:
/// `{"status": "accepted" | "tentative" | "declined"}` sets the user's answer, which Read
/// Events returns from then on. `202`.
pub(crate) async fn participation_status(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path((calendar_id, event_uid)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    acting.needs(scopes::CHANGE_PARTICIPATION_STATUS)?;
    let body = reply::json_object(&body)?;
    let now = state.clock.now_secs();
    let Some(user) = state.users.get_mut(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let mut errors = FieldErrors::default();
    let status = match reply::string(&body, "status") {
        None => {
            errors.required("status");
            None
        }
        Some(status @ ("accepted" | "tentative" | "declined")) => Some(status),
        Some(_) => {
            errors.invalid("status", "must be accepted, tentative or declined");
            None
        }
    };
    if user.calendar(&calendar_id).is_none() {
        errors.not_found("calendar_id");
    }
    errors.check()?;
    if user.calendar_locked(&calendar_id) {
        return Err(Rejection::Locked);
    }
    let Some(event) = user
        .events
        .iter_mut()
        .find(|e| e.calendar_id == calendar_id && e.event_uid == event_uid && !e.deleted)
    else {
        let mut errors = FieldErrors::default();
        errors.not_found("event_uid");
        return Err(Rejection::Invalid(errors));
    };
    event.participation_status = status.unwrap_or_default().to_owned();
    event.updated = now;
    let change = (calendar_id.clone(), event.event_id.is_some());
    notify::events_changed(&state, &acting.sub, &[change]);
    Ok(reply::accepted())
}
