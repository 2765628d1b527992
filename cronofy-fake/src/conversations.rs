//! Scheduling conversations: kept per user who created them, readable by id (by that user)
//! or by a participant's token (by any user).
//!
//! Each participant gets a token, in the query of their `slots_list.url`
//! (`{base}/v1/scheduling_conversations/{id}/participants/{participant_id}/slots?token={token}`);
//! the fake serves no page there, but `GET /v1/scheduling_conversations?token={token}` finds
//! the conversation and that participant.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as AxumState};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, Presented};
use crate::clock::parse_time;
use crate::ids;
use crate::reply::{self, FieldErrors, Rejection};
use crate::state::{Shared, StoredConversation};

const MAX_PARTICIPANTS: usize = 2;
const SELECTION_METHODS: [&str; 1] = ["auto"];

/// `POST /v1/scheduling_conversations`: `{participants: [{participant_id | sub | email,
/// common_name?, managed_availability?, slots?: {selection_method}}], tzid?, subject?,
/// event?, required_duration?, available_periods?}` -> `{scheduling_conversation}`.
pub(crate) async fn create(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let mut state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let participants: Vec<Map<String, Value>> = match body.get("participants") {
        Some(Value::Array(list)) if (1..=MAX_PARTICIPANTS).contains(&list.len()) => list
            .iter()
            .filter_map(|participant| {
                let participant = participant.as_object();
                if participant.is_none() {
                    errors.invalid("participants", "each must be an object");
                }
                participant.cloned()
            })
            .collect(),
        Some(Value::Array(list)) if !list.is_empty() => {
            errors.invalid("participants", "at most two participants");
            Vec::new()
        }
        None | Some(Value::Null | Value::Array(_)) => {
            errors.required("participants");
            Vec::new()
        }
        Some(_) => {
            errors.invalid("participants", "must be an array");
            Vec::new()
        }
    };
    for participant in &participants {
        let identified = ["participant_id", "sub", "email"]
            .iter()
            .any(|field| reply::string(participant, field).is_some());
        if !identified {
            errors.required("participants.participant_id");
        }
        if let Some(sub) = reply::string(participant, "sub")
            && !state.users.contains_key(sub)
        {
            errors.not_found("participants.sub");
        }
        if let Some(slots) = participant.get("slots") {
            let method = slots
                .get("selection_method")
                .or_else(|| slots.get("choice_method"))
                .and_then(Value::as_str);
            if !method.is_some_and(|m| SELECTION_METHODS.contains(&m)) {
                errors.invalid("participants.slots.selection_method", "must be auto");
            }
        }
    }
    if let Some(duration) = body.get("required_duration")
        && duration
            .get("minutes")
            .and_then(Value::as_u64)
            .is_none_or(|m| m == 0)
    {
        errors.invalid("required_duration", "must be {\"minutes\": n} with n > 0");
    }
    if let Some(periods) = body.get("available_periods") {
        let valid = periods.as_array().is_some_and(|periods| {
            periods.iter().all(|period| {
                let at = |field| {
                    period
                        .get(field)
                        .and_then(Value::as_str)
                        .and_then(parse_time)
                };
                matches!((at("start"), at("end")), (Some(start), Some(end)) if start < end)
            })
        });
        if !valid {
            errors.invalid(
                "available_periods",
                "must be [{start, end}] of times, each ending after it starts",
            );
        }
    }
    for field in ["tzid", "subject"] {
        if body.get(field).is_some_and(|v| !v.is_string()) {
            errors.invalid(field, "must be a string");
        }
    }
    errors.check()?;
    let id = ids::id("scv_");
    let base = state.base_url.clone();
    let mut tokens = Vec::new();
    let answered: Vec<Value> = participants
        .into_iter()
        .map(|mut participant| {
            if reply::string(&participant, "participant_id").is_none() {
                participant.insert("participant_id".to_owned(), json!(ids::id("prt_")));
            }
            let token = ids::token();
            // The token rides in the query, which the request log leaves out, so a request
            // to this URL never puts it in the log.
            let participant_id = reply::string(&participant, "participant_id").unwrap_or_default();
            participant.insert(
                "slots_list".to_owned(),
                json!({
                    "url": format!(
                        "{base}/v1/scheduling_conversations/{id}/participants/{participant_id}/slots?token={token}"
                    ),
                }),
            );
            let participant = Value::Object(participant);
            tokens.push((token, participant.clone()));
            participant
        })
        .collect();
    let mut conversation = json!({
        "scheduling_conversation_id": id,
        "participants": answered,
    });
    for field in [
        "tzid",
        "subject",
        "event",
        "required_duration",
        "available_periods",
    ] {
        if let Some(value) = body.get(field) {
            conversation[field] = value.clone();
        }
    }
    state.scheduling_conversations.insert(
        id,
        StoredConversation {
            owner: acting.sub,
            conversation: conversation.clone(),
            tokens,
        },
    );
    Ok(reply::ok(
        &json!({ "scheduling_conversation": conversation }),
    ))
}

/// `GET /v1/scheduling_conversations/{scheduling_conversation_id}`: a conversation the user
/// created.
pub(crate) async fn read(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(id): Path<String>,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    let acting = auth::user(&state, &presented)?;
    state
        .scheduling_conversations
        .get(&id)
        .filter(|stored| stored.owner == acting.sub)
        .map(|stored| reply::ok(&json!({ "scheduling_conversation": stored.conversation })))
        .ok_or(Rejection::NotFound)
}

/// `GET /v1/scheduling_conversations?token=...`: `{participant, scheduling_conversation}` of
/// the participant the token belongs to.
pub(crate) async fn read_by_token(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    RawQuery(query): RawQuery,
) -> Result<Response, Rejection> {
    let state = shared.lock();
    auth::user(&state, &presented)?;
    let pairs = reply::query_pairs(query.as_deref());
    let Some(token) = reply::first(&pairs, "token").filter(|t| !t.trim().is_empty()) else {
        let mut errors = FieldErrors::default();
        errors.required("token");
        return Err(Rejection::Invalid(errors));
    };
    state
        .scheduling_conversations
        .values()
        .find_map(|stored| {
            stored
                .tokens
                .iter()
                .find(|(known, _)| known == token)
                .map(|(_, participant)| {
                    reply::ok(&json!({
                        "participant": participant,
                        "scheduling_conversation": stored.conversation,
                    }))
                })
        })
        .ok_or(Rejection::NotFound)
}
