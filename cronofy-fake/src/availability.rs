//! Availability: the periods in which enough participants have no busy event, and sequenced
//! availability (several meetings one after another).

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
    members: Vec<Member>,
    /// `None`: all of them.
    required: Option<usize>,
}

/// A member of a group: an account, and which of its calendars and times count.
struct Member {
    sub: String,
    /// Only events in these calendars make the member busy (all when empty).
    calendar_ids: Vec<String>,
    /// The member is busy outside these (when given).
    available_periods: Vec<(i64, i64)>,
    /// `managed_availability`: the member's own availability rules (those named in
    /// `availability_rule_ids`, or all) and available periods apply.
    managed: bool,
    rule_ids: Vec<String>,
    /// `availability_constraints`: (limit, seconds in the period), days or weeks in UTC.
    constraints: Vec<(usize, i64)>,
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
    let slots = query_slots(&body, &mut errors);
    let periods = if slots.is_empty() {
        periods(&body, &mut errors)
    } else {
        Vec::new()
    };
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
    let format = match body.get("response_format").and_then(Value::as_str) {
        None => "periods",
        Some(format @ ("periods" | "slots" | "overlapping_slots")) => format,
        Some(_) => {
            errors.invalid(
                "response_format",
                "must be periods, slots or overlapping_slots",
            );
            "periods"
        }
    };
    let buffer = body.get("buffer");
    let before = buffer_minutes(buffer.and_then(|b| b.get("before")), "buffer", &mut errors);
    let after = buffer_minutes(buffer.and_then(|b| b.get("after")), "buffer", &mut errors);
    let interval = match body.get("start_interval") {
        None | Some(Value::Null) => None,
        value => match duration_minutes(value) {
            Some(minutes) => Some(minutes * 60),
            None => {
                errors.invalid("start_interval", "must be {\"minutes\": n} with n > 0");
                None
            }
        },
    };
    errors.check()?;
    let required = minutes.unwrap_or_default() * 60;
    let (before, after) = (before * 60, after * 60);
    let participants_json = |participants: BTreeSet<String>| -> Vec<Value> {
        participants
            .into_iter()
            .map(|sub| json!({ "sub": sub }))
            .collect()
    };
    let found: Vec<Value> = if !slots.is_empty() {
        // Each asked start, when the meeting and its buffers fit.
        slots
            .into_iter()
            .filter_map(|start| {
                let free = all_groups_free(&state, &groups, start - before, start + required + after)?;
                Some((start, start + required, free))
            })
            .take(max_results)
            .map(|(start, end, free)| {
                json!({ "start": format_time(start), "end": format_time(end), "participants": participants_json(free) })
            })
            .collect()
    } else {
        // The free stretches around each period widened by the buffers (a buffer may fall
        // outside the period; only the meeting must be inside it), less the buffers at each
        // end, at least the meeting long.
        let stretches = periods
            .into_iter()
            .flat_map(|(start, end)| {
                free_periods(&state, &groups, start - before, end + after)
                    .into_iter()
                    .map(move |(from, to, free)| {
                        ((from + before).max(start), (to - after).min(end), free)
                    })
            })
            .filter(|(start, end, _)| end - start >= required);
        let step = match format {
            "slots" => Some(interval.unwrap_or(required).max(required)),
            "overlapping_slots" => Some(interval.unwrap_or(DEFAULT_START_INTERVAL_MINUTES * 60)),
            _ => None,
        };
        match step {
            None => stretches
                .take(max_results)
                .map(|(start, end, free)| {
                    json!({ "start": format_time(start), "end": format_time(end), "participants": participants_json(free) })
                })
                .collect(),
            Some(step) => stretches
                .flat_map(|(start, end, free)| {
                    // Slot starts on the grid of `step` from the stretch's start.
                    let count = (end - start - required) / step + 1;
                    (0..count).map(move |n| (start + n * step, free.clone()))
                })
                .take(max_results)
                .map(|(start, free)| {
                    json!({ "start": format_time(start), "end": format_time(start + required), "participants": participants_json(free) })
                })
                .collect(),
        }
    };
    let list = if format == "periods" && body.get("query_slots").is_none() {
        "available_periods"
    } else {
        "available_slots"
    };
    let mut answer = json!({ list: found });
    if body.get("include_member_statuses").and_then(Value::as_bool) == Some(true) {
        let statuses: Vec<Value> = groups
            .iter()
            .flat_map(|g| g.members.iter())
            .map(|m| m.sub.clone())
            .collect::<BTreeSet<String>>()
            .into_iter()
            .map(|sub| json!({ "sub": sub, "sync_status": "active" }))
            .collect();
        answer["member_statuses"] = Value::Array(statuses);
    }
    Ok(reply::ok(&answer))
}

/// The `query_slots`: start times to check instead of periods.
fn query_slots(body: &Map<String, Value>, errors: &mut FieldErrors) -> Vec<i64> {
    let Some(list) = body.get("query_slots").filter(|v| !v.is_null()) else {
        return Vec::new();
    };
    let starts: Option<Vec<i64>> = list.as_array().and_then(|list| {
        list.iter()
            .map(|slot| {
                slot.get("start")
                    .and_then(Value::as_str)
                    .and_then(parse_time)
            })
            .collect()
    });
    match starts {
        Some(starts) if !starts.is_empty() => starts,
        _ => {
            errors.invalid("query_slots", "each needs an RFC 3339 start");
            Vec::new()
        }
    }
}

/// A buffer's length in minutes: `{"minutes": n}`, or `{"minimum": ..., "maximum": ...}`
/// (the minimum is what must be free); 0 when absent.
fn buffer_minutes(value: Option<&Value>, field: &str, errors: &mut FieldErrors) -> i64 {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return 0;
    };
    let exact = value.get("minutes").or(value.get("hours")).map(|_| value);
    let bound = exact.or(value.get("minimum"));
    match bound {
        None if value.get("maximum").is_some() => 0,
        None => {
            errors.invalid(
                field,
                "before and after must be {\"minutes\": n} or {\"minimum\", \"maximum\"}",
            );
            0
        }
        Some(length) => match length_minutes(length) {
            Some(minutes) => minutes,
            None => {
                errors.invalid(field, "a buffer must be from 0 minutes to a year");
                0
            }
        },
    }
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
        let members: Vec<Member> = group
            .get("members")
            .and_then(Value::as_array)
            .map(|members| members.iter().filter_map(|m| member(m, errors)).collect())
            .unwrap_or_default();
        if members.is_empty() {
            errors.required("participants");
            continue;
        }
        if members.iter().any(|m| !state.users.contains_key(&m.sub)) {
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

/// A member: `{"sub": ..., "calendar_ids"?, "available_periods"?, ...}` or a bare `sub`.
fn member(value: &Value, errors: &mut FieldErrors) -> Option<Member> {
    let sub = value.get("sub").or(Some(value)).and_then(Value::as_str)?;
    let calendar_ids = value
        .get("calendar_ids")
        .and_then(Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let mut available_periods = Vec::new();
    if let Some(periods) = value.get("available_periods").filter(|v| !v.is_null()) {
        for period in periods.as_array().map(Vec::as_slice).unwrap_or_default() {
            let time = |name| {
                period
                    .get(name)
                    .and_then(Value::as_str)
                    .and_then(parse_time)
            };
            match (time("start"), time("end")) {
                (Some(start), Some(end)) if start < end => available_periods.push((start, end)),
                _ => errors.invalid(
                    "participants",
                    "a member's available_periods each need a start before an end",
                ),
            }
        }
    }
    let strings = |name: &str| -> Vec<String> {
        value
            .get(name)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut constraints = Vec::new();
    for constraint in value
        .get("availability_constraints")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let limit = constraint.get("limit").and_then(Value::as_u64);
        let period = match constraint.get("period").and_then(Value::as_str) {
            Some("day") => Some(DAY),
            Some("week") => Some(7 * DAY),
            _ => None,
        };
        match (limit.and_then(|l| usize::try_from(l).ok()), period) {
            (Some(limit), Some(period)) => constraints.push((limit, period)),
            _ => errors.invalid(
                "participants",
                "an availability constraint needs a limit and a period of day or week",
            ),
        }
    }
    Some(Member {
        sub: sub.to_owned(),
        calendar_ids,
        available_periods,
        managed: value.get("managed_availability").and_then(Value::as_bool) == Some(true),
        rule_ids: strings("availability_rule_ids"),
        constraints,
    })
}

/// The longest duration the fake takes, in minutes (a year): longer ones are refused as
/// invalid rather than overflowing the arithmetic on times.
const MAX_DURATION_MINUTES: i64 = 366 * 24 * 60;

/// A positive `{"minutes": n}` (or with `hours`), in minutes.
fn duration_minutes(value: Option<&Value>) -> Option<i64> {
    length_minutes(value?).filter(|minutes| *minutes >= 1)
}

/// A length `{"minutes": m}`, `{"hours": h}` or both (added), in minutes, from 0 to a year;
/// `None` for anything else. The one reading of lengths: durations, intervals, buffers, gaps.
fn length_minutes(value: &Value) -> Option<i64> {
    let object = value.as_object()?;
    if !object.contains_key("minutes") && !object.contains_key("hours") {
        return None;
    }
    let part = |name| match object.get(name) {
        None => Some(0),
        Some(value) => value.as_i64(),
    };
    let minutes = part("hours")?
        .checked_mul(60)?
        .checked_add(part("minutes")?)?;
    (0..=MAX_DURATION_MINUTES)
        .contains(&minutes)
        .then_some(minutes)
}

/// The `query_periods` (or their older name, `available_periods`, which Cronofy still takes).
fn periods(body: &Map<String, Value>, errors: &mut FieldErrors) -> Vec<(i64, i64)> {
    let Some(list) = body
        .get("query_periods")
        .or_else(|| body.get("available_periods"))
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

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Busy intervals of one member around `span`: their events that are neither deleted nor
/// transparent (in the calendars named, if any); the time outside their available periods (if
/// given); with managed availability, the time outside their own rules and available periods
/// (rule times read in UTC: the fake has no time-zone database); and each day or week in
/// which they have as many events as a constraint allows.
fn busy(state: &State, member: &Member, span: (i64, i64)) -> Vec<(i64, i64)> {
    let mut busy: Vec<(i64, i64)> = state
        .users
        .get(&member.sub)
        .map(|user| {
            user.events
                .iter()
                .filter(|e| !e.deleted && e.transparency != "transparent")
                .filter(|e| {
                    member.calendar_ids.is_empty() || member.calendar_ids.contains(&e.calendar_id)
                })
                .map(|e| (e.start.secs, e.end.secs))
                .collect()
        })
        .unwrap_or_default();
    for &(limit, period) in &member.constraints {
        let events: Vec<i64> = busy.iter().map(|&(start, _)| start).collect();
        let first = span.0.div_euclid(period);
        let last = span.1.div_euclid(period);
        for n in first..=last {
            let window = (n * period, (n + 1) * period);
            let count = events
                .iter()
                .filter(|&&s| window.0 <= s && s < window.1)
                .count();
            if count >= limit {
                busy.push(window);
            }
        }
    }
    if !member.available_periods.is_empty() {
        busy.extend(outside(member.available_periods.clone()));
    }
    if member.managed
        && let Some(user) = state.users.get(&member.sub)
    {
        let mut own: Vec<(i64, i64)> = user
            .available_periods
            .iter()
            .map(|p| (p.start.secs, p.end.secs))
            .collect();
        let rules = user.availability_rules.iter().filter(|r| {
            member.rule_ids.is_empty() || member.rule_ids.contains(&r.availability_rule_id)
        });
        for rule in rules {
            for day in span.0.div_euclid(DAY) - 1..=span.1.div_euclid(DAY) + 1 {
                // 1970-01-01 was a Thursday.
                let weekday = WEEKDAYS[usize::try_from((day + 4).rem_euclid(7)).unwrap_or(0)];
                for period in rule.weekly_periods.iter().filter(|p| p.day == weekday) {
                    if let (Some(from), Some(to)) = (
                        clock_seconds(&period.start_time),
                        clock_seconds(&period.end_time),
                    ) {
                        own.push((day * DAY + from, day * DAY + to));
                    }
                }
            }
        }
        if !own.is_empty() {
            busy.extend(outside(own));
        }
    }
    busy
}

const WEEKDAYS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];

/// Seconds since midnight of `HH:MM` (`24:00` the end of the day).
fn clock_seconds(text: &str) -> Option<i64> {
    let (hours, minutes) = text.split_once(':')?;
    let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
    ((0..=24).contains(&hours) && (0..60).contains(&minutes) && hours * 60 + minutes <= 1440)
        .then_some((hours * 60 + minutes) * 60)
}

/// The time outside `periods`: busy intervals around them, to far past and future.
fn outside(mut periods: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    periods.sort_unstable();
    let mut busy = Vec::new();
    let mut from = i64::MIN / 4;
    for (start, end) in periods {
        if from < start {
            busy.push((from, start));
        }
        from = from.max(end);
    }
    busy.push((from, i64::MAX / 4));
    busy
}

/// The stretches of `[start, end)` in which every group has enough free members, with who is
/// free in each.
fn free_periods(
    state: &State,
    groups: &[Group],
    start: i64,
    end: i64,
) -> Vec<(i64, i64, BTreeSet<String>)> {
    let busy: Vec<(&str, Vec<(i64, i64)>)> = groups
        .iter()
        .flat_map(|g| g.members.iter())
        .map(|member| (member.sub.as_str(), busy(state, member, (start, end))))
        .collect();
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
            let available: Vec<&String> = group
                .members
                .iter()
                .map(|m| &m.sub)
                .filter(|sub| is_free(sub))
                .collect();
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

/// Results of a sequenced availability query unless it sets `max_results`.
const DEFAULT_MAX_SEQUENCES: usize = 20;

/// The grid a step's start is placed on when it sets no `start_interval`, in minutes.
const DEFAULT_START_INTERVAL_MINUTES: i64 = 15;

/// How many start times one sequenced query may try in all: a search over years of query
/// periods in which nothing fits ends here, with the options found so far.
const MAX_TRIED_STARTS: usize = 100_000;

/// One step of a sequence, as asked for.
struct Step {
    sequence_id: Value,
    ordinal: i64,
    groups: Vec<Group>,
    duration: i64,
    interval: i64,
    /// Minimum and maximum gap before and after, in seconds.
    before: (i64, Option<i64>),
    after: (i64, Option<i64>),
    /// The step's own periods (`query_periods`), within the query's; empty: the query's.
    within: Vec<(i64, i64)>,
}

impl Step {
    /// Whether the step may take place from `start`: inside one of its own periods, if any.
    fn fits(&self, start: i64) -> bool {
        self.within.is_empty()
            || self
                .within
                .iter()
                .any(|&(from, to)| from <= start && start + self.duration <= to)
    }
}

/// `POST /v1/sequenced_availability` (application secret or user credential): `{sequence:
/// [{sequence_id, ordinal?, participants, required_duration, start_interval?, buffer?}],
/// query_periods}` -> `{sequences: [{sequence: [{sequence_id, start, end, participants}]}]}`.
///
/// Steps run in `ordinal` order, each on its own `start_interval` grid (default 15 minutes)
/// counted from the period's start, inside one query period. Between two steps the gap is at
/// least the larger of the earlier step's `buffer.after.minimum` and the later one's
/// `buffer.before.minimum`, and at most the smaller of their maximums. Each option starts the
/// first step at another time and places every later step as early as it fits.
pub(crate) async fn sequenced_availability(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    auth::user_or_app(&state, &presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let mut steps = Vec::new();
    match body.get("sequence") {
        Some(Value::Array(list)) if !list.is_empty() => {
            for (index, step) in list.iter().enumerate() {
                match step.as_object() {
                    Some(step) => {
                        if let Some(step) = parse_step(&state, step, index, &mut errors) {
                            steps.push(step);
                        }
                    }
                    None => errors.invalid("sequence", "each step must be an object"),
                }
            }
        }
        None | Some(Value::Null | Value::Array(_)) => errors.required("sequence"),
        Some(_) => errors.invalid("sequence", "must be an array of steps"),
    }
    let periods = periods(&body, &mut errors);
    let max_results = match body.get("max_results") {
        None | Some(Value::Null) => DEFAULT_MAX_SEQUENCES,
        Some(value) => match value.as_u64().and_then(|n| usize::try_from(n).ok()) {
            Some(n) if n > 0 => n,
            _ => {
                errors.invalid("max_results", "must be a positive whole number");
                DEFAULT_MAX_SEQUENCES
            }
        },
    };
    errors.check()?;
    steps.sort_by_key(|step| step.ordinal);
    let mut sequences = Vec::new();
    let mut budget = MAX_TRIED_STARTS;
    'periods: for (start, end) in periods {
        let first = &steps[0];
        let mut at = start;
        while at + first.duration <= end {
            if sequences.len() >= max_results || budget == 0 {
                break 'periods;
            }
            if let Some(option) = schedule_from(&state, &steps, at, (start, end), &mut budget) {
                sequences.push(json!({ "sequence": option }));
            }
            at += first.interval;
        }
    }
    Ok(reply::ok(&json!({ "sequences": sequences })))
}

fn parse_step(
    state: &State,
    step: &Map<String, Value>,
    index: usize,
    errors: &mut FieldErrors,
) -> Option<Step> {
    let sequence_id = match step.get("sequence_id") {
        Some(id @ Value::String(text)) if !text.trim().is_empty() => id.clone(),
        Some(id @ Value::Number(_)) => id.clone(),
        _ => {
            errors.required("sequence_id");
            Value::Null
        }
    };
    let ordinal = match step.get("ordinal") {
        None | Some(Value::Null) => i64::try_from(index).unwrap_or(i64::MAX),
        Some(value) => value.as_i64().unwrap_or_else(|| {
            errors.invalid("ordinal", "must be a whole number");
            0
        }),
    };
    let groups = groups(state, step, errors);
    let duration = duration_minutes(step.get("required_duration"));
    if duration.is_none() {
        errors.required("required_duration");
    }
    let interval = match step.get("start_interval") {
        None | Some(Value::Null) => Some(DEFAULT_START_INTERVAL_MINUTES),
        value => duration_minutes(value),
    };
    if interval.is_none() {
        errors.invalid(
            "start_interval",
            "must be a duration such as {\"minutes\": 30}",
        );
    }
    let buffer = step.get("buffer");
    let range = |side: &str, errors: &mut FieldErrors| {
        let range = buffer.and_then(|b| b.get(side));
        let mut bound = |name: &str| match gap_bound(range.and_then(|r| r.get(name))) {
            Ok(bound) => bound,
            Err(()) => {
                errors.invalid(
                    "buffer",
                    "bounds must be durations such as {\"minutes\": 30}",
                );
                None
            }
        };
        (bound("minimum").unwrap_or(0), bound("maximum"))
    };
    let before = range("before", errors);
    let after = range("after", errors);
    let within = if step.contains_key("query_periods") || step.contains_key("available_periods") {
        periods(step, errors)
    } else {
        Vec::new()
    };
    Some(Step {
        sequence_id,
        ordinal,
        groups,
        duration: duration? * 60,
        interval: interval? * 60,
        before,
        after,
        within,
    })
}

/// A buffer bound, in seconds: `{"minutes": n}` (or with `hours`), zero allowed.
fn gap_bound(value: Option<&Value>) -> Result<Option<i64>, ()> {
    let object = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(object)) => object,
        Some(_) => return Err(()),
    };
    if object.is_empty() {
        return Ok(Some(0));
    }
    length_minutes(&Value::Object(object.clone()))
        .map(|minutes| Some(minutes * 60))
        .ok_or(())
}

/// The whole sequence with its first step at `first_start`, inside the period, every later
/// step as early as it fits; `None` when one does not fit (or the budget of tried starts runs
/// out).
fn schedule_from(
    state: &State,
    steps: &[Step],
    first_start: i64,
    (period_start, period_end): (i64, i64),
    budget: &mut usize,
) -> Option<Vec<Value>> {
    let mut placed = Vec::with_capacity(steps.len());
    let mut previous: Option<(&Step, i64)> = None;
    for step in steps {
        let (earliest, latest) = match previous {
            None => (first_start, first_start),
            Some((before, end)) => {
                let min_gap = before.after.0.max(step.before.0);
                let max_gap = match (before.after.1, step.before.1) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (bound, None) | (None, bound) => bound,
                };
                (end + min_gap, max_gap.map_or(period_end, |gap| end + gap))
            }
        };
        // Onto the step's grid, counted from the start of the period.
        let offset = (earliest - period_start).max(0);
        let slots = (offset + step.interval - 1) / step.interval;
        let mut at = period_start + slots * step.interval;
        let found = loop {
            if at > latest || at + step.duration > period_end || *budget == 0 {
                break None;
            }
            *budget -= 1;
            if step.fits(at)
                && let Some(participants) =
                    all_groups_free(state, &step.groups, at, at + step.duration)
            {
                break Some((at, participants));
            }
            at += step.interval;
        };
        let (start, participants) = found?;
        let end = start + step.duration;
        let participants: Vec<Value> = participants
            .into_iter()
            .map(|sub| json!({ "sub": sub }))
            .collect();
        placed.push(json!({
            "sequence_id": step.sequence_id,
            "start": format_time(start),
            "end": format_time(end),
            "participants": participants,
        }));
        previous = Some((step, end));
    }
    Some(placed)
}

/// Who is free for all of `[start, end)` when every group has enough such members; `None`
/// when a group has too few.
fn all_groups_free(
    state: &State,
    groups: &[Group],
    start: i64,
    end: i64,
) -> Option<BTreeSet<String>> {
    let mut participants = BTreeSet::new();
    for group in groups {
        let free: Vec<&String> = group
            .members
            .iter()
            .filter(|member| {
                busy(state, member, (start, end))
                    .iter()
                    .all(|&(s, e)| e <= start || s >= end)
            })
            .map(|member| &member.sub)
            .collect();
        if free.len() < group.required.unwrap_or(group.members.len()) {
            return None;
        }
        participants.extend(free.into_iter().cloned());
    }
    Some(participants)
}
