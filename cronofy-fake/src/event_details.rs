//! The optional details of an upserted event that the fake keeps, as a user relies on:
//! attendees (invited and removed), reminders, conferencing (with a join URL), colour,
//! privacy, extended transparency, recurrence and locale are returned on read; subscriptions
//! and attachments are kept but, as at Cronofy, not part of a read event. Each is validated as
//! Cronofy documents it (422 with the field named).

use serde_json::{Map, Value, json};

use crate::ids;
use crate::reply::FieldErrors;

/// What the fake keeps of an event's optional details.
#[derive(Clone, Default)]
pub(crate) struct EventDetails {
    pub(crate) attendees: Vec<Attendee>,
    pub(crate) reminders: Option<Vec<i64>>,
    pub(crate) color: Option<String>,
    pub(crate) event_private: Option<bool>,
    pub(crate) extended_transparency: Option<String>,
    /// `{provider_name, join_url}` as read back.
    pub(crate) conferencing: Option<Value>,
    pub(crate) recurrence: Option<Value>,
    pub(crate) locale: Option<String>,
    pub(crate) subscriptions: Option<Value>,
    pub(crate) attachments: Option<Value>,
}

/// An attendee and their answer.
#[derive(Clone)]
pub(crate) struct Attendee {
    pub(crate) email: String,
    pub(crate) display_name: Option<String>,
    pub(crate) status: String,
}

const EXTENDED_TRANSPARENCY: [&str; 6] = [
    "opaque",
    "transparent",
    "working_elsewhere",
    "tentative",
    "out_of_office",
    "unknown",
];

/// Applies `body`'s details to `details` (an update keeps what it does not mention; reminders
/// are kept on update when `reminders_create_only` is true). Problems go to `errors`; nothing
/// is changed unless there are none (the caller checks).
pub(crate) fn apply(
    body: &Map<String, Value>,
    details: &EventDetails,
    creating: bool,
    errors: &mut FieldErrors,
) -> EventDetails {
    let mut next = details.clone();
    if let Some(value) = present(body, "reminders") {
        match value.as_array() {
            Some(list) => {
                let minutes: Vec<Option<i64>> = list
                    .iter()
                    .map(|r| r.get("minutes").and_then(Value::as_i64))
                    .collect();
                if minutes
                    .iter()
                    .any(|m| m.is_none_or(|m| !(0..=40_320).contains(&m)))
                {
                    errors.invalid("reminders", "each needs minutes from 0 to 40320");
                }
                let create_only = body
                    .get("reminders_create_only")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                if creating || !create_only {
                    next.reminders = Some(minutes.into_iter().flatten().collect());
                }
            }
            None => errors.invalid("reminders", "must be an array of {\"minutes\": n}"),
        }
    }
    if let Some(value) = present(body, "attendees") {
        attendees(value, &mut next.attendees, errors);
    }
    if let Some(value) = present(body, "color") {
        match value.as_str() {
            Some(color) if is_hex_color(color) => next.color = Some(color.to_owned()),
            _ => errors.invalid("color", "must be a hex colour such as #49BED8"),
        }
    }
    if let Some(value) = present(body, "event_private") {
        match value.as_bool() {
            Some(private) => next.event_private = Some(private),
            None => errors.invalid("event_private", "must be true or false"),
        }
    }
    if let Some(value) = present(body, "extended_transparency") {
        match value.as_str() {
            Some(t) if EXTENDED_TRANSPARENCY.contains(&t) => {
                next.extended_transparency = Some(t.to_owned());
            }
            _ => errors.invalid(
                "extended_transparency",
                "must be opaque, transparent, working_elsewhere, tentative or out_of_office",
            ),
        }
    }
    if let Some(value) = present(body, "conferencing") {
        match conferencing(value) {
            Ok(read_back) => next.conferencing = Some(read_back),
            Err(description) => errors.invalid("conferencing", description),
        }
    }
    if let Some(value) = present(body, "recurrence") {
        match value.get("rules").and_then(Value::as_array) {
            Some(rules) if rules.iter().all(is_rule) => {
                next.recurrence = (!rules.is_empty()).then(|| value.clone());
            }
            _ => errors.invalid(
                "recurrence",
                "rules must each have a frequency of daily, weekly, monthly or yearly",
            ),
        }
    }
    if let Some(value) = present(body, "locale") {
        match value.as_str() {
            Some(locale) => next.locale = Some(locale.to_owned()),
            None => errors.invalid("locale", "must be a language code such as en"),
        }
    }
    if let Some(value) = present(body, "subscriptions") {
        match value.as_array() {
            Some(list) if list.iter().all(is_subscription) => {
                next.subscriptions = Some(value.clone());
            }
            _ => errors.invalid(
                "subscriptions",
                "each needs type webhook, an http(s) uri and interactions",
            ),
        }
    }
    if let Some(value) = present(body, "attachments") {
        match value.as_array() {
            Some(list)
                if list
                    .iter()
                    .all(|a| a.get("attachment_id").is_some_and(Value::is_string)) =>
            {
                next.attachments = Some(value.clone());
            }
            _ => errors.invalid("attachments", "each needs an attachment_id"),
        }
    }
    next
}

/// The details as Read Events returns them, added to `event`.
pub(crate) fn write(details: &EventDetails, organizer: &Value, event: &mut Map<String, Value>) {
    let attendees: Vec<Value> = details
        .attendees
        .iter()
        .map(|a| {
            let mut attendee = json!({ "email": a.email, "status": a.status });
            if let Some(name) = &a.display_name {
                attendee["display_name"] = json!(name);
            }
            attendee
        })
        .collect();
    event.insert("attendees".to_owned(), Value::Array(attendees));
    event.insert("organizer".to_owned(), organizer.clone());
    let optional = [
        ("color", details.color.clone().map(Value::from)),
        ("event_private", details.event_private.map(Value::from)),
        (
            "extended_transparency",
            details.extended_transparency.clone().map(Value::from),
        ),
        ("conferencing", details.conferencing.clone()),
        (
            "meeting_url",
            details
                .conferencing
                .as_ref()
                .and_then(|c| c.get("join_url").cloned()),
        ),
        (
            "reminders",
            details
                .reminders
                .as_ref()
                .map(|r| r.iter().map(|m| json!({ "minutes": m })).collect()),
        ),
        ("recurrence", details.recurrence.clone()),
        ("locale", details.locale.clone().map(Value::from)),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            event.insert(name.to_owned(), value);
        }
    }
}

/// A field that is there and not `null`.
fn present<'a>(body: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    body.get(name).filter(|v| !v.is_null())
}

/// `{invite: [...], remove: [...]}` (`reject` is the older name of `remove`).
fn attendees(value: &Value, attendees: &mut Vec<Attendee>, errors: &mut FieldErrors) {
    let Some(changes) = value.as_object() else {
        errors.invalid(
            "attendees",
            "must be {\"invite\": [...], \"remove\": [...]}",
        );
        return;
    };
    let people = |key: &str| -> Result<Vec<(String, Option<String>)>, ()> {
        let Some(list) = changes.get(key).filter(|v| !v.is_null()) else {
            return Ok(Vec::new());
        };
        list.as_array()
            .ok_or(())?
            .iter()
            .map(|person| {
                let email = person.get("email").and_then(Value::as_str).ok_or(())?;
                if email.trim().is_empty() || !email.contains('@') {
                    return Err(());
                }
                let name = person
                    .get("display_name")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                Ok((email.to_owned(), name))
            })
            .collect()
    };
    let (Ok(invite), Ok(remove), Ok(reject)) =
        (people("invite"), people("remove"), people("reject"))
    else {
        errors.invalid("attendees", "each attendee needs an email address");
        return;
    };
    for (email, display_name) in invite {
        match attendees
            .iter_mut()
            .find(|a| a.email.eq_ignore_ascii_case(&email))
        {
            Some(existing) => existing.display_name = display_name.or(existing.display_name.take()),
            None => attendees.push(Attendee {
                email,
                display_name,
                status: "needs_action".to_owned(),
            }),
        }
    }
    for (email, _) in remove.into_iter().chain(reject) {
        attendees.retain(|a| !a.email.eq_ignore_ascii_case(&email));
    }
}

/// The conferencing as read back: `default` gets a link of the fake's own, `explicit` the one
/// given, a profile id one of that profile's.
fn conferencing(value: &Value) -> Result<Value, &'static str> {
    let profile_id = value
        .get("profile_id")
        .and_then(Value::as_str)
        .ok_or("needs a profile_id: default, explicit or a conferencing profile id")?;
    match profile_id {
        "explicit" => {
            let description = value.get("provider_description").and_then(Value::as_str);
            let join_url = value.get("join_url").and_then(Value::as_str);
            match (description, join_url) {
                (Some(description), Some(url)) if crate::reply::is_web_url(url) => {
                    Ok(json!({ "provider_name": description, "join_url": url }))
                }
                _ => Err(
                    "explicit conferencing needs a provider_description and an http(s) join_url",
                ),
            }
        }
        "" => Err("needs a profile_id: default, explicit or a conferencing profile id"),
        _ => Ok(json!({
            "provider_name": if profile_id == "default" { "google_meet" } else { "zoom" },
            "join_url": format!("https://meet.fake-cronofy.test/{}", ids::id("")),
        })),
    }
}

fn is_rule(rule: &Value) -> bool {
    matches!(
        rule.get("frequency").and_then(Value::as_str),
        Some("daily" | "weekly" | "monthly" | "yearly")
    )
}

fn is_subscription(subscription: &Value) -> bool {
    subscription.get("type").and_then(Value::as_str) == Some("webhook")
        && subscription
            .get("uri")
            .and_then(Value::as_str)
            .is_some_and(crate::reply::is_web_url)
        && subscription
            .get("interactions")
            .is_some_and(Value::is_array)
}

fn is_hex_color(color: &str) -> bool {
    color.len() == 7 && color.starts_with('#') && color[1..].bytes().all(|b| b.is_ascii_hexdigit())
}
