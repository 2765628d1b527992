//! Every body Cronofy `POST`s to a URL of yours, as one enum: [`Callback`].
//!
//! Push notifications, smart invite replies, real-time scheduling outcomes, Scheduling
//! Requests, bookable event registrations, conferencing and attachment interactions all carry
//! `notification.type` and are signed the same way; [`Callback::parse`] reads any of them.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{Notification, NotificationDetails, NotificationError, NotificationType};
use crate::attachments::{Attachment, AttachmentInteraction};
use crate::events::{ConferencingInteraction, EventConferencing};
use crate::scheduling::{
    BookableEvent, BookableEventRegistration, EchoedEvent, RealTimeScheduling, SchedulingRequest,
    SmartInvite,
};

/// A callback from Cronofy, whichever URL it reached: discriminated on `notification.type`.
///
/// Decoding is lenient: a type this crate does not know is kept as [`Callback::Unknown`] with
/// its JSON (Cronofy adds types and asks integrations to ignore those they do not know), and
/// every field a callback does not always carry is optional. Fields no model names are kept
/// in each body's `extra`.
///
/// Read it after checking its signature: [`WebhookSecrets::verify`](super::WebhookSecrets::verify),
/// or with the `axum` feature the `VerifiedCallback` extractor.
///
/// ```
/// use cronofy::notifications::Callback;
///
/// fn main() -> Result<(), cronofy::notifications::NotificationError> {
///     let body = br#"{"notification":{"type":"change","changes_since":"2026-11-23T09:24:16Z"},
///         "channel":{"channel_id":"chn_1","callback_url":"https://example.com/cronofy"}}"#;
///     match Callback::parse(body)? {
///         Callback::Change(change) => {
///             let since = change
///                 .notification
///                 .changes_since
///                 .expect("sent with every change");
///             // Read the events changed since then (in a job, not in the handler).
///             println!("changes since {since}");
///         }
///         Callback::SmartInvite(reply) => { /* reply.smart_invite.reply */ }
///         Callback::Unknown(other) => { /* other.kind, other.body: ignore, or log */ }
///         _ => {}
///     }
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Callback {
    /// `verification`: sent to a channel's URL once, when the channel is created.
    Verification(Notification),
    /// `change`: something changed in the user's calendars; read the events changed since
    /// `notification.changes_since`.
    Change(Notification),
    /// `profile_disconnected`: Cronofy lost access to one of the user's calendar profiles;
    /// the user must relink it.
    ProfileDisconnected(Notification),
    /// `smart_invite`: a recipient answered a smart invite (posted to the invite's
    /// `callback_url`).
    SmartInvite(SmartInviteCallback),
    /// A real-time scheduling link's outcome, posted to one of its `callback_urls`: a time
    /// was chosen (`completed_url`), none suited (`no_times_suitable_url`) or none could be
    /// shown (`no_times_displayed_url`).
    RealTimeScheduling(RealTimeSchedulingCallback),
    /// A Scheduling Request (or Scheduler request) changed.
    SchedulingRequest(SchedulingRequestCallback),
    /// A registration for a bookable event was made or changed.
    BookableEvent(BookableEventCallback),
    /// `conferencing_assigned` (older: `conferencing_success`) or `conferencing_failing`:
    /// the outcome of the conferencing asked for on an event, posted to the event's
    /// conferencing `subscriptions`.
    Conferencing(ConferencingCallback),
    /// `attachment_approved` or `attachment_rejected`: the outcome of an uploaded file,
    /// posted to the attachment's `subscriptions`.
    Attachment(AttachmentCallback),
    /// A callback this crate does not know, kept whole.
    Unknown(UnknownCallback),
}

impl Callback {
    /// Reads a callback body, without checking its signature: use
    /// [`WebhookSecrets::verify`](super::WebhookSecrets::verify) unless the signature was
    /// checked already.
    ///
    /// Fails only when the body is not JSON, has no `notification.type`, or a field of a
    /// callback this crate models has a value of the wrong type.
    pub fn parse(raw_body: &[u8]) -> Result<Callback, NotificationError> {
        let value: Value =
            serde_json::from_slice(raw_body).map_err(|e| NotificationError::invalid_body(&e))?;
        Callback::from_json(value)
    }

    /// Reads a callback body already parsed as JSON. See [`Callback::parse`].
    pub fn from_json(body: Value) -> Result<Callback, NotificationError> {
        let Some(kind) = body
            .get("notification")
            .and_then(|n| n.get("type"))
            .and_then(Value::as_str)
        else {
            return Err(NotificationError::InvalidBody {
                reason: "it has no notification.type".to_owned(),
            });
        };
        let kind = NotificationType::from_name(kind);
        let carries = |key: &str| body.get(key).is_some_and(Value::is_object);
        let callback = match kind {
            NotificationType::Verification => Callback::Verification(decode(body)?),
            NotificationType::Change => Callback::Change(decode(body)?),
            NotificationType::ProfileDisconnected => Callback::ProfileDisconnected(decode(body)?),
            NotificationType::SmartInvite => Callback::SmartInvite(decode(body)?),
            NotificationType::ConferencingAssigned
            | NotificationType::ConferencingSuccess
            | NotificationType::ConferencingFailing => Callback::Conferencing(decode(body)?),
            NotificationType::AttachmentApproved | NotificationType::AttachmentRejected => {
                Callback::Attachment(decode(body)?)
            }
            NotificationType::NoTimesSuitable | NotificationType::NoTimesDisplayed => {
                Callback::RealTimeScheduling(decode(body)?)
            }
            // Types no source names (the completed link's, the Scheduling Requests' and the
            // bookable events' callbacks) are told apart by the object they carry; one that
            // does not read as that object is kept whole rather than refused.
            _ if carries("real_time_scheduling") => or_unknown(body, Callback::RealTimeScheduling),
            _ if carries("scheduling_request") => or_unknown(body, Callback::SchedulingRequest),
            _ if carries("bookable_event") => or_unknown(body, Callback::BookableEvent),
            _ if carries("smart_invite") => or_unknown(body, Callback::SmartInvite),
            _ => Callback::Unknown(UnknownCallback {
                kind: kind.as_str().to_owned(),
                body,
            }),
        };
        Ok(callback)
    }

    /// Its `notification.type`.
    pub fn kind(&self) -> NotificationType {
        match (self, self.details()) {
            (_, Some(details)) => details.kind.clone(),
            (Callback::Unknown(c), None) => NotificationType::from_name(&c.kind),
            // Every modelled callback has its details.
            (_, None) => NotificationType::from_name(""),
        }
    }

    /// The `notification` object, when the callback is one this crate models.
    pub fn details(&self) -> Option<&NotificationDetails> {
        Some(match self {
            Callback::Verification(n) | Callback::Change(n) | Callback::ProfileDisconnected(n) => {
                &n.notification
            }
            Callback::SmartInvite(c) => &c.notification,
            Callback::RealTimeScheduling(c) => &c.notification,
            Callback::SchedulingRequest(c) => &c.notification,
            Callback::BookableEvent(c) => &c.notification,
            Callback::Conferencing(c) => &c.notification,
            Callback::Attachment(c) => &c.notification,
            Callback::Unknown(_) => return None,
        })
    }
}

impl<'de> Deserialize<'de> for Callback {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let body = Value::deserialize(deserializer)?;
        Callback::from_json(body).map_err(serde::de::Error::custom)
    }
}

fn decode<T: serde::de::DeserializeOwned>(body: Value) -> Result<T, NotificationError> {
    serde_json::from_value(body).map_err(|e| NotificationError::invalid_body(&e))
}

/// The body as `T` wrapped by `wrap`, or kept whole when it does not read as `T`.
fn or_unknown<T: serde::de::DeserializeOwned>(body: Value, wrap: fn(T) -> Callback) -> Callback {
    match T::deserialize(&body) {
        Ok(typed) => wrap(typed),
        Err(_) => Callback::Unknown(UnknownCallback {
            kind: body["notification"]["type"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            body,
        }),
    }
}

/// A callback whose `notification.type` this crate does not know, kept as sent.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct UnknownCallback {
    /// Its `notification.type`.
    pub kind: String,
    /// The whole body.
    pub body: Value,
}

/// A recipient's answer to a smart invite ([`Callback::SmartInvite`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartInviteCallback {
    /// `{"type": "smart_invite"}`.
    pub notification: NotificationDetails,
    /// The invite: its id, the recipient with their status, and their `reply` (status,
    /// comment, a proposed time).
    pub smart_invite: SmartInvite,
    /// Any other top-level field, as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A real-time scheduling link's outcome ([`Callback::RealTimeScheduling`]).
///
/// Which outcome: [`NotificationType::NoTimesSuitable`] and
/// [`NotificationType::NoTimesDisplayed`] by `notification.kind`; a completed link has
/// [`RealTimeSchedulingStatus::Completed`](crate::scheduling::RealTimeSchedulingStatus::Completed)
/// as its status, and its event a start and an end.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RealTimeSchedulingCallback {
    /// Its type.
    pub notification: NotificationDetails,
    /// The link, with its status and event.
    #[serde(default)]
    pub real_time_scheduling: Option<RealTimeScheduling>,
    /// The event created, when sent beside the link.
    #[serde(default)]
    pub event: Option<EchoedEvent>,
    /// Any other top-level field, as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A Scheduling Request's change ([`Callback::SchedulingRequest`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingRequestCallback {
    /// Its type.
    pub notification: NotificationDetails,
    /// The request as it now stands.
    #[serde(default)]
    pub scheduling_request: Option<SchedulingRequest>,
    /// Any other top-level field, as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A bookable event's registration ([`Callback::BookableEvent`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct BookableEventCallback {
    /// Its type.
    pub notification: NotificationDetails,
    /// The bookable event, with its capacity and registrations.
    #[serde(default)]
    pub bookable_event: Option<BookableEvent>,
    /// The registration concerned, when sent apart.
    #[serde(default)]
    pub registration: Option<BookableEventRegistration>,
    /// Any other top-level field, as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The outcome of the conferencing asked for on an event ([`Callback::Conferencing`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConferencingCallback {
    /// Its type: see [`interaction`](Self::interaction).
    pub notification: NotificationDetails,
    /// The event, as Cronofy echoes it.
    #[serde(default)]
    pub event: Option<EchoedEvent>,
    /// The conferencing assigned: provider and join URL.
    #[serde(default)]
    pub conferencing: Option<EventConferencing>,
    /// Any other top-level field, as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl ConferencingCallback {
    /// What happened, with the older `conferencing_success` read as
    /// [`ConferencingInteraction::Assigned`].
    pub fn interaction(&self) -> ConferencingInteraction {
        match &self.notification.kind {
            NotificationType::ConferencingSuccess => ConferencingInteraction::Assigned,
            other => ConferencingInteraction::from_name(other.as_str()),
        }
    }
}

/// The outcome of an uploaded file ([`Callback::Attachment`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AttachmentCallback {
    /// Its type: see [`interaction`](Self::interaction).
    pub notification: NotificationDetails,
    /// The file.
    #[serde(default)]
    pub attachment: Option<Attachment>,
    /// Any other top-level field, as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl AttachmentCallback {
    /// Approved or rejected.
    pub fn interaction(&self) -> AttachmentInteraction {
        AttachmentInteraction::from_name(self.notification.kind.as_str())
    }
}
