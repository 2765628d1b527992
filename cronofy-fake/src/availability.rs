//! Availability: the periods in which enough participants have no busy event.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, Presented};
use crate::clock::{format_time, parse_time};
use crate::reply::{self, FieldErrors, Rejection};
use crate::state::{Shared, State};

/// Results returned when the query sets no `max_results`.
const DEFAULT_MAX_RESULTS: usize = 512;

/// A group of members and how many of them must be free.
struct Group {
    members: Vec<String>,
    /// `None`: all of them.
    required: Option<usize>,
}

/// `POST /v1/availability` (application secret or user token). Members are named by `sub`;
/// each member's busy time is every event that is neither deleted nor transparent.
pub(crate) async fn availability(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    auth::user_or_app(&state, &presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let groups = groups(&state, &body, &mut errors);
    let minutes = duration_minutes(body.get("required_duration"));
    if minutes.is_none() {
        errors.required("required_duration");
    }
    let periods = periods(&body, &mut errors);
    let max_results = match body.get("max_results") {
        None | Some(Value::Null) => DEFAULT_MAX_RESULTS,
        Some(value) => match value.as_u64() {
            Some(n) if n > 0 => usize::try_from(n).unwrap_or(DEFAULT_MAX_RESULTS),
            _ => {
                errors.invalid("max_results", "must be a positive whole number");
                DEFAULT_MAX_RESULTS
            }
        },
    };
    errors.check()?;
    let required = minutes.unwrap_or_default() * 60;
    let available: Vec<Value> = periods
        .into_iter()
        .flat_map(|(start, end)| free_periods(&state, &groups, start, end))
        .filter(|(start, end, _)| end - start >= required)
        .take(max_results)
        .map(|(start, end, participants)| {
            let participants: Vec<Value> = participants
                .into_iter()
                .map(|sub| json!({ "sub": sub }))
                .collect();
            json!({
                "start": format_time(start),
                "end": format_time(end),
                "participants": participants,
            })
        })
        .collect();
    Ok(reply::ok(&json!({ "available_periods": available })))
}

fn groups(state: &State, body: &Map<String, Value>, errors: &mut FieldErrors) -> Vec<Group> {
    let Some(Value::Array(list)) = body
        .get("participants")
        .filter(|p| p.as_array().is_some_and(|list| !list.is_empty()))
    else {
        errors.required("participants");
        return Vec::new();
    };
    let mut groups = Vec::new();
    for group in list {
        let members: Vec<String> = group
            .get("members")
            .and_then(Value::as_array)
            .map(|members| {
                members
                    .iter()
                    .filter_map(|m| m.get("sub").or(Some(m)).and_then(Value::as_str))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        if members.is_empty() {
            errors.required("participants");
            continue;
        }
        if members.iter().any(|sub| !state.users.contains_key(sub)) {
            errors.not_found("participants");
        }
        let required = match group.get("required") {
            None | Some(Value::Null) => None,
            Some(Value::String(all)) if all == "all" => None,
            Some(value) => match value.as_u64().and_then(|n| usize::try_from(n).ok()) {
                Some(n) if n > 0 => Some(n),
                _ => {
                    errors.invalid(
                        "participants",
                        "required must be \"all\" or a positive number",
                    );
                    None
                }
            },
        };
        groups.push(Group { members, required });
    }
    groups
}

fn duration_minutes(value: Option<&Value>) -> Option<i64> {
    let object = value?.as_object()?;
    let part = |name| object.get(name).and_then(Value::as_i64).unwrap_or(0);
    let minutes = part("hours") * 60 + part("minutes");
    (minutes > 0).then_some(minutes)
}

fn periods(body: &Map<String, Value>, errors: &mut FieldErrors) -> Vec<(i64, i64)> {
    let Some(list) = body
        .get("query_periods")
        .and_then(Value::as_array)
        .filter(|list| !list.is_empty())
    else {
        errors.required("query_periods");
        return Vec::new();
    };
    let mut periods = Vec::new();
    for period in list {
        let time = |name| {
            period
                .get(name)
                .and_then(Value::as_str)
                .and_then(parse_time)
        };
        match (time("start"), time("end")) {
            (Some(start), Some(end)) if start < end => periods.push((start, end)),
            (Some(_), Some(_)) => {
                errors.add(
                    "query_periods",
                    "errors.end_before_start",
                    "end must be after start",
                );
            }
            _ => errors.invalid("query_periods", "each needs an RFC 3339 start and end"),
        }
    }
    periods
}

/// Busy intervals of one user.
fn busy(state: &State, sub: &str) -> Vec<(i64, i64)> {
    state
        .users
        .get(sub)
        .map(|user| {
            user.events
                .iter()
                .filter(|e| !e.deleted && e.transparency != "transparent")
                .map(|e| (e.start.secs, e.end.secs))
                .collect()
        })
        .unwrap_or_default()
}

/// The stretches of `[start, end)` in which every group has enough free members, with who is
/// free in each.
fn free_periods(
    state: &State,
    groups: &[Group],
    start: i64,
    end: i64,
) -> Vec<(i64, i64, BTreeSet<String>)> {
    let members: BTreeSet<&str> = groups
        .iter()
        .flat_map(|g| g.members.iter().map(String::as_str))
        .collect();
    let busy: Vec<(&str, Vec<(i64, i64)>)> =
        members.iter().map(|sub| (*sub, busy(state, sub))).collect();
    let mut cuts: BTreeSet<i64> = [start, end].into();
    for (_, intervals) in &busy {
        for &(s, e) in intervals {
            cuts.extend([s, e].into_iter().filter(|t| start < *t && *t < end));
        }
    }
    let cuts: Vec<i64> = cuts.into_iter().collect();
    let mut free: Vec<(i64, i64, BTreeSet<String>)> = Vec::new();
    for window in cuts.windows(2) {
        let (from, to) = (window[0], window[1]);
        let is_free = |sub: &str| {
            busy.iter()
                .find(|(s, _)| *s == sub)
                .is_none_or(|(_, intervals)| intervals.iter().all(|&(s, e)| e <= from || s >= to))
        };
        let mut participants = BTreeSet::new();
        let every_group_met = groups.iter().all(|group| {
            let available: Vec<&String> = group.members.iter().filter(|sub| is_free(sub)).collect();
            let needed = group.required.unwrap_or(group.members.len());
            participants.extend(available.iter().map(|s| (*s).clone()));
            available.len() >= needed
        });
        if !every_group_met {
            continue;
        }
        match free.last_mut() {
            Some(last) if last.1 == from && last.2 == participants => last.1 = to,
            _ => free.push((from, to, participants)),
        }
    }
    free
}
