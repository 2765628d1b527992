//! Availability rules: a user's recurring weekly hours, kept per user (upsert, list, read,
//! delete).

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, Presented};
use crate::reply::{self, FieldErrors, Rejection};
use crate::state::{Shared, StoredRule, StoredWeeklyPeriod, User};

const DAYS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];

/// The longest id Cronofy takes for the application's own ids.
pub(crate) const MAX_ID_LEN: usize = 64;

fn rule_json(rule: &StoredRule) -> Value {
    let periods: Vec<Value> = rule
        .weekly_periods
        .iter()
        .map(|p| json!({ "day": p.day, "start_time": p.start_time, "end_time": p.end_time }))
        .collect();
    let mut value = json!({
        "availability_rule_id": rule.availability_rule_id,
        "tzid": rule.tzid,
        "weekly_periods": periods,
    });
    if !rule.calendar_ids.is_empty() {
        value["calendar_ids"] = json!(rule.calendar_ids);
    }
    value
}

/// Whether `id` is one of the application's own ids: ASCII, 1 to 64 characters.
pub(crate) fn valid_own_id(id: &str) -> bool {
    id.is_ascii() && id.len() <= MAX_ID_LEN
}

/// `HH:MM` as minutes since midnight; `24:00` only when `end_of_day` is allowed.
fn minutes_of_day(text: &str, end_of_day: bool) -> Option<u32> {
    let (hour, minute) = text.split_once(':')?;
    let number = |part: &str| {
        (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (hour, minute) = (number(hour)?, number(minute)?);
    match (hour, minute) {
        (24, 0) if end_of_day => Some(24 * 60),
        (0..=23, 0..=59) => Some(hour * 60 + minute),
        _ => None,
    }
}

/// `POST /v1/availability_rules`: `{availability_rule_id, tzid, calendar_ids?,
/// weekly_periods: [{day, start_time, end_time}]}` creates the rule or replaces the one with
/// that id; answers `{availability_rule}` as Cronofy documents.
pub(crate) async fn upsert(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let body = reply::json_object(&body)?;
    let Some(user) = state.users.get_mut(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let rule = parse_rule(user, &body)?;
    let answer = json!({ "availability_rule": rule_json(&rule) });
    match user
        .availability_rules
        .iter_mut()
        .find(|r| r.availability_rule_id == rule.availability_rule_id)
    {
        Some(existing) => *existing = rule,
        None => user.availability_rules.push(rule),
    }
    Ok(reply::ok(&answer))
}

fn parse_rule(user: &User, body: &Map<String, Value>) -> Result<StoredRule, Rejection> {
    let mut errors = FieldErrors::default();
    let id = reply::string(body, "availability_rule_id");
    match id {
        None => errors.required("availability_rule_id"),
        Some(id) if !valid_own_id(id) => errors.invalid(
            "availability_rule_id",
            "must be ASCII, at most 64 characters",
        ),
        Some(_) => {}
    }
    let tzid = reply::string(body, "tzid");
    if tzid.is_none() {
        errors.required("tzid");
    }
    let calendar_ids = match body.get("calendar_ids") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(ids)) if !ids.is_empty() && ids.iter().all(Value::is_string) => {
            let ids: Vec<String> = ids
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            if ids.iter().any(|id| user.calendar(id).is_none()) {
                errors.not_found("calendar_ids");
            }
            ids
        }
        Some(_) => {
            errors.invalid("calendar_ids", "must be a non-empty array of calendar ids");
            Vec::new()
        }
    };
    let mut weekly_periods = Vec::new();
    match body.get("weekly_periods") {
        Some(Value::Array(periods)) if !periods.is_empty() => {
            for period in periods {
                match weekly_period(period) {
                    Ok(period) => weekly_periods.push(period),
                    Err((key, description)) => errors.add("weekly_periods", key, description),
                }
            }
        }
        None | Some(Value::Null) => errors.required("weekly_periods"),
        Some(Value::Array(_)) => errors.required("weekly_periods"),
        Some(_) => errors.invalid("weekly_periods", "must be an array"),
    }
    errors.check()?;
    Ok(StoredRule {
        availability_rule_id: id.unwrap_or_default().to_owned(),
        tzid: tzid.unwrap_or_default().to_owned(),
        calendar_ids,
        weekly_periods,
    })
}

fn weekly_period(period: &Value) -> Result<StoredWeeklyPeriod, (&'static str, &'static str)> {
    let text = |name| period.get(name).and_then(Value::as_str);
    let day = text("day")
        .filter(|day| DAYS.contains(day))
        .ok_or(("errors.invalid", "each needs a day, sunday to saturday"))?;
    let invalid_time = (
        "errors.invalid",
        "each needs a start_time and end_time such as 09:30",
    );
    let start_time = text("start_time").ok_or(invalid_time)?;
    let end_time = text("end_time").ok_or(invalid_time)?;
    let start = minutes_of_day(start_time, false).ok_or(invalid_time)?;
    let end = minutes_of_day(end_time, true).ok_or(invalid_time)?;
    if start >= end {
        return Err((
            "errors.end_before_start",
            "end_time must be after start_time",
        ));
    }
    Ok(StoredWeeklyPeriod {
        day: day.to_owned(),
        start_time: start_time.to_owned(),
        end_time: end_time.to_owned(),
    })
}

/// `GET /v1/availability_rules`: `{availability_rules: [...]}`, in the order first created.
pub(crate) async fn list(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let Some(user) = state.users.get(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let rules: Vec<Value> = user.availability_rules.iter().map(rule_json).collect();
    Ok(reply::ok(&json!({ "availability_rules": rules })))
}

/// `GET /v1/availability_rules/{availability_rule_id}`: `{availability_rule}`, or `404`.
pub(crate) async fn read(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(id): Path<String>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    state
        .users
        .get(&acting.sub)
        .and_then(|user| {
            user.availability_rules
                .iter()
                .find(|r| r.availability_rule_id == id)
        })
        .map(|rule| reply::ok(&json!({ "availability_rule": rule_json(rule) })))
        .ok_or(Rejection::NotFound)
}

/// `DELETE /v1/availability_rules/{availability_rule_id}`: `202`, or `404` for a rule the
/// user does not have.
pub(crate) async fn delete(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(id): Path<String>,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let Some(user) = state.users.get_mut(&acting.sub) else {
        return Err(Rejection::NotFound);
    };
    let before = user.availability_rules.len();
    user.availability_rules
        .retain(|r| r.availability_rule_id != id);
    if user.availability_rules.len() == before {
        return Err(Rejection::NotFound);
    }
    Ok(reply::accepted())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_are_hh_mm_with_24_00_only_as_an_end() {
        assert_eq!(minutes_of_day("09:30", false), Some(570));
        assert_eq!(minutes_of_day("24:00", true), Some(1440));
        assert_eq!(minutes_of_day("24:00", false), None);
        for bad in ["9:30", "09:60", "25:00", "0930", "ab:cd", "09:30:00", ""] {
            assert_eq!(minutes_of_day(bad, true), None, "{bad}");
        }
    }
}
