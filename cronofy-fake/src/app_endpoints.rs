//! Endpoints that take the application's client secret as the API key: real-time scheduling,
//! smart invites (and their status), element tokens.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as AxumState};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::auth::{self, Presented};
use crate::events;
use crate::ids;
use crate::reply::{self, FieldErrors, Rejection};
use crate::state::{SchedulingLink, Shared};

/// How long an element token lives, in seconds.
const ELEMENT_TOKEN_LIFETIME: u64 = 64_800;

fn link_json(link: &SchedulingLink) -> Value {
    json!({
        "real_time_scheduling": {
            "real_time_scheduling_id": link.id,
            "url": link.url,
            "status": link.status,
            "event": link.event,
        }
    })
}

/// `POST /v1/real_time_scheduling`: a link for invitees; needs at least an `event`.
pub(crate) async fn create_scheduling_link(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let event = match body.get("event") {
        Some(Value::Object(event)) => Value::Object(event.clone()),
        Some(_) => {
            errors.invalid("event", "must be an object");
            Value::Null
        }
        None => {
            errors.required("event");
            Value::Null
        }
    };
    errors.check()?;
    let mut state = shared.lock();
    let id = ids::id("sch_");
    let token = ids::token();
    let link = SchedulingLink {
        client_id,
        url: format!("{}/real_time_scheduling/{token}", state.base_url),
        token,
        id,
        status: "open".to_owned(),
        event,
    };
    let answer = link_json(&link);
    state.scheduling_links.push(link);
    Ok(reply::ok(&answer))
}

/// `POST /v1/real_time_sequencing`: a link for a sequence of events; needs
/// `oauth.redirect_uri` and an `availability` with a non-empty `sequence`, each step with an
/// `event` to create. Answers `{real_time_sequencing: {real_time_sequencing_id, url}}`.
pub(crate) async fn create_sequencing_link(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    check_redirect_uri(&body, &mut errors);
    match body
        .get("availability")
        .and_then(|a| a.get("sequence"))
        .and_then(Value::as_array)
    {
        Some(steps) if !steps.is_empty() => {
            if steps
                .iter()
                .any(|step| !step.get("event").is_some_and(Value::is_object))
            {
                errors.required("availability.sequence.event");
            }
        }
        _ => errors.required("availability.sequence"),
    }
    errors.check()?;
    let state = shared.lock();
    Ok(reply::ok(&json!({
        "real_time_sequencing": {
            "real_time_sequencing_id": ids::id("seq_"),
            "url": format!("{}/real_time_sequencing/{}", state.base_url, ids::token()),
        }
    })))
}

/// `POST /v1/add_to_calendar`: needs `oauth.redirect_uri` and an `event` with `event_id`,
/// `summary`, `start` and `end`. Answers `{url}`.
pub(crate) async fn add_to_calendar(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    check_redirect_uri(&body, &mut errors);
    match body.get("event") {
        Some(Value::Object(event)) => {
            if reply::string(event, "event_id").is_none() {
                errors.required("event.event_id");
            }
            check_invite_event(event, &mut errors);
        }
        _ => errors.required("event"),
    }
    errors.check()?;
    let state = shared.lock();
    Ok(reply::ok(&json!({
        "url": format!("{}/add_to_calendar/{}", state.base_url, ids::token()),
    })))
}

/// A link's `oauth.redirect_uri`: required, an absolute http(s) URL.
fn check_redirect_uri(body: &Map<String, Value>, errors: &mut FieldErrors) {
    match body
        .get("oauth")
        .and_then(|o| o.get("redirect_uri"))
        .and_then(Value::as_str)
    {
        Some(uri) if reply::is_web_url(uri) => {}
        Some(_) => errors.invalid(
            "oauth.redirect_uri",
            "must be an absolute http or https URL",
        ),
        None => errors.required("oauth.redirect_uri"),
    }
}

/// `GET /v1/real_time_scheduling/{id}`: a link of this application.
pub(crate) async fn scheduling_link_status(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(id): Path<String>,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let state = shared.lock();
    state
        .scheduling_links
        .iter()
        .find(|link| link.id == id && link.client_id == client_id)
        .map(|link| reply::ok(&link_json(link)))
        .ok_or(Rejection::NotFound)
}

/// `GET /v1/real_time_scheduling?token=...`: a link of this application, by the last path
/// segment of its URL.
pub(crate) async fn scheduling_link_status_by_token(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    RawQuery(query): RawQuery,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let pairs = reply::query_pairs(query.as_deref());
    let Some(token) = reply::first(&pairs, "token").filter(|t| !t.trim().is_empty()) else {
        let mut errors = FieldErrors::default();
        errors.required("token");
        return Err(Rejection::Invalid(errors));
    };
    let state = shared.lock();
    state
        .scheduling_links
        .iter()
        .find(|link| link.token == token && link.client_id == client_id)
        .map(|link| reply::ok(&link_json(link)))
        .ok_or(Rejection::NotFound)
}

/// `POST /v1/real_time_scheduling/{id}/disable`.
pub(crate) async fn disable_scheduling_link(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    reply::json_object(&body)?;
    let mut state = shared.lock();
    match state
        .scheduling_links
        .iter_mut()
        .find(|link| link.id == id && link.client_id == client_id)
    {
        Some(link) => {
            link.status = "disabled".to_owned();
            Ok(reply::ok(&link_json(link)))
        }
        None => Err(Rejection::NotFound),
    }
}

/// The iCalendar text Cronofy returns for the recipient, for `method` (`REQUEST` or
/// `CANCEL`).
fn icalendar(method: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//fake-cronofy//EN\nMETHOD:{method}\nEND:VCALENDAR\n"
    )
}

/// `POST /v1/smart_invites`: `method` (`request`, the default, `cancel` or `remove`),
/// `smart_invite_id`, and either one `recipient` or several `recipients` (each an email, and
/// on a request an optional initial `status`), never both; a request also needs an `event`
/// with `summary`, `start` and `end`, and may name a `callback_url`. Cancelling or removing
/// applies to the invites already sent to those recipients (a 422 `errors.not_found` when
/// there is none). Each recipient's invite is remembered for [`smart_invite_status`]; the
/// answer has the form of the request (`recipient` or `recipients`).
pub(crate) async fn smart_invite(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut state = shared.lock();
    let mut errors = FieldErrors::default();
    let method = reply::string(&body, "method").unwrap_or("request");
    if !matches!(method, "request" | "cancel" | "remove") {
        errors.invalid("method", "must be request, cancel or remove");
    }
    let invite_id = reply::string(&body, "smart_invite_id");
    if invite_id.is_none() {
        errors.required("smart_invite_id");
    }
    let (many, recipients) = invite_recipients(&body, method, &mut errors);
    let callback_url = reply::string(&body, "callback_url");
    if let Some(url) = callback_url
        && !reply::is_web_url(url)
    {
        errors.invalid("callback_url", "must be an absolute http or https URL");
    }
    if method == "request" {
        match body.get("event") {
            Some(Value::Object(event)) => check_invite_event(event, &mut errors),
            _ => errors.required("event"),
        }
    }
    errors.check()?;
    let invite_id = invite_id.unwrap_or_default();
    let mut answers = Vec::new();
    for (email, status) in &recipients {
        let key = (client_id.clone(), invite_id.to_owned(), email.clone());
        let answer = match method {
            "request" => {
                // An update keeps the answer the recipient gave.
                let answered = state
                    .smart_invites
                    .get(&key)
                    .and_then(|previous| previous["recipient"]["status"].as_str())
                    .map(str::to_owned);
                let status = status
                    .clone()
                    .or(answered)
                    .unwrap_or_else(|| "pending".to_owned());
                let mut answer = json!({
                    "recipient": { "email": email, "status": status },
                    "smart_invite_id": invite_id,
                    "smart_invite_uid": format!("sib_{invite_id}"),
                    "method": "request",
                    "event": body.get("event"),
                    "attachments": { "icalendar": icalendar("REQUEST") },
                });
                if let Some(url) = callback_url {
                    answer["callback_url"] = json!(url);
                }
                answer
            }
            _ => {
                let Some(previous) = state.smart_invites.get(&key) else {
                    let mut errors = FieldErrors::default();
                    errors.not_found("smart_invite_id");
                    return Err(Rejection::Invalid(errors));
                };
                // The recipient's answer stays as it was; `method` says what became of it.
                let mut answer = previous.clone();
                answer["method"] = json!(method);
                if let Some(url) = callback_url {
                    answer["callback_url"] = json!(url);
                }
                if method == "remove" {
                    answer["attachments"] = json!({ "removed": { "email": email } });
                } else {
                    answer["attachments"] = json!({ "icalendar": icalendar("CANCEL") });
                }
                answer
            }
        };
        answers.push((key, answer));
    }
    let mut reply_body = answers.first().map(|(_, a)| a.clone()).unwrap_or_default();
    if many && let Some(object) = reply_body.as_object_mut() {
        object.remove("recipient");
        object.insert(
            "recipients".to_owned(),
            answers
                .iter()
                .map(|(_, a)| a["recipient"].clone())
                .collect(),
        );
    }
    for (key, answer) in answers {
        state.smart_invites.insert(key, answer);
    }
    Ok(reply::ok(&reply_body))
}

/// The recipients of a smart invite request: `recipient` or `recipients` (exactly one), each
/// with an email and, on a request, an optional initial status; whether it was the
/// several-recipient form.
fn invite_recipients(
    body: &Map<String, Value>,
    method: &str,
    errors: &mut FieldErrors,
) -> (bool, Vec<(String, Option<String>)>) {
    let read = |recipient: &Value| -> Option<(String, Option<String>)> {
        let email = recipient.get("email")?.as_str()?.trim();
        if email.is_empty() {
            return None;
        }
        let status = recipient
            .get("status")
            .and_then(Value::as_str)
            .map(str::to_owned);
        Some((email.to_owned(), status))
    };
    match (body.get("recipient"), body.get("recipients")) {
        (Some(_), Some(_)) => {
            errors.invalid(
                "recipients",
                "send either recipient or recipients, not both",
            );
            (false, Vec::new())
        }
        (Some(one), None) => match read(one) {
            Some(recipient) => (false, vec![recipient]),
            None => {
                errors.required("recipient");
                (false, Vec::new())
            }
        },
        (None, Some(Value::Array(list))) if !list.is_empty() => {
            let read: Option<Vec<_>> = list.iter().map(read).collect();
            match read {
                Some(recipients) => {
                    let known = ["pending", "accepted", "declined", "tentative"];
                    if method == "request"
                        && recipients
                            .iter()
                            .any(|(_, s)| s.as_deref().is_some_and(|s| !known.contains(&s)))
                    {
                        errors.invalid(
                            "recipients",
                            "status must be pending, accepted, declined or tentative",
                        );
                    }
                    (true, recipients)
                }
                None => {
                    errors.invalid("recipients", "each recipient needs an email");
                    (true, Vec::new())
                }
            }
        }
        (None, _) => {
            errors.required("recipient");
            (false, Vec::new())
        }
    }
}

/// The event of a smart invite request: a summary, a start and an end.
fn check_invite_event(event: &Map<String, Value>, errors: &mut FieldErrors) {
    if reply::string(event, "summary").is_none() {
        errors.required("event.summary");
    }
    for field in ["start", "end"] {
        match events::when(event.get(field)) {
            Ok(Some(_)) => {}
            Ok(None) => errors.required(&format!("event.{field}")),
            Err(()) => errors.invalid(
                &format!("event.{field}"),
                "must be an RFC 3339 time, a date or {\"time\", \"tzid\"}",
            ),
        }
    }
}

/// `GET /v1/smart_invites?smart_invite_id=...&recipient_email=...[&include_ics=true]`: the
/// invite as last answered, without its iCalendar attachment unless `include_ics`. Without
/// `recipient_email`, the invite with every recipient in `recipients`.
pub(crate) async fn smart_invite_status(
    AxumState(shared): AxumState<Arc<Shared>>,
    Extension(presented): Extension<Presented>,
    RawQuery(query): RawQuery,
) -> Result<Response, Rejection> {
    let client_id = auth::app(&presented)?;
    let pairs = reply::query_pairs(query.as_deref());
    let mut errors = FieldErrors::default();
    let invite_id = reply::first(&pairs, "smart_invite_id").filter(|id| !id.trim().is_empty());
    if invite_id.is_none() {
        errors.required("smart_invite_id");
    }
    let include_ics = reply::flag(&pairs, "include_ics", &mut errors);
    errors.check()?;
    let invite_id = invite_id.unwrap_or_default();
    let state = shared.lock();
    let mut answer = match reply::first(&pairs, "recipient_email") {
        Some(email) => state
            .smart_invites
            .get(&(client_id, invite_id.to_owned(), email.to_owned()))
            .cloned()
            .ok_or(Rejection::NotFound)?,
        None => {
            let invites: Vec<&Value> = state
                .smart_invites
                .iter()
                .filter(|((client, id, _), _)| *client == client_id && id == invite_id)
                .map(|(_, invite)| invite)
                .collect();
            let Some(first) = invites.first() else {
                return Err(Rejection::NotFound);
            };
            let mut answer = (*first).clone();
            if let Some(answer) = answer.as_object_mut() {
                answer.remove("recipient");
            }
            answer["recipients"] = invites.iter().map(|i| i["recipient"].clone()).collect();
            answer
        }
    };
    if !include_ics && let Some(answer) = answer.as_object_mut() {
        answer.remove("attachments");
    }
    Ok(reply::ok(&answer))
}

/// `POST /v1/element_tokens`: `{version, permissions, subs?, origin}` -> `{element_token}`.
pub(crate) async fn element_token(
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let permissions = match body.get("permissions") {
        Some(Value::Array(permissions)) if !permissions.is_empty() => permissions.clone(),
        Some(Value::Array(_)) | None => {
            errors.required("permissions");
            Vec::new()
        }
        Some(_) => {
            errors.invalid("permissions", "must be an array of permission names");
            Vec::new()
        }
    };
    if reply::string(&body, "origin").is_none() {
        errors.required("origin");
    }
    errors.check()?;
    Ok(reply::ok(&json!({
        "element_token": {
            "permissions": permissions,
            "origin": body.get("origin"),
            "token": ids::token(),
            "expires_in": ELEMENT_TOKEN_LIFETIME,
        }
    })))
}
