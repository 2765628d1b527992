//! The event Cronofy echoes back in a scheduling link's status and in a smart invite: the
//! event you wrote, as it now stands.

use serde::Deserialize;

use crate::events::Location;
use crate::time::EventTime;

/// An event you wrote, as Cronofy echoes it in a real-time scheduling link's status
/// ([`RealTimeScheduling::event`](super::RealTimeScheduling::event)) and in a smart invite
/// ([`SmartInvite::event`](super::SmartInvite::event)). Every field is optional: each echo
/// carries a part of the event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct EchoedEvent {
    /// Your id for it (links).
    #[serde(default)]
    pub event_id: Option<String>,
    /// The title.
    #[serde(default)]
    pub summary: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// When it starts, usually `{"time": ..., "tzid": ...}`; for a link, once a time was
    /// chosen.
    #[serde(default)]
    pub start: Option<EventTime>,
    /// When it ends; as `start`.
    #[serde(default)]
    pub end: Option<EventTime>,
    /// The time zone, when given separately.
    #[serde(default)]
    pub tzid: Option<String>,
    /// Where it takes place.
    #[serde(default)]
    pub location: Option<Location>,
    /// A link shown with the event.
    #[serde(default)]
    pub url: Option<String>,
    /// Every other field Cronofy sent (reminders, conferencing, transparency, ...), kept as
    /// JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
