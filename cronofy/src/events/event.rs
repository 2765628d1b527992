//! An event as Cronofy returns it, and the values shared by reading and writing events.

use serde::{Deserialize, Serialize};

use crate::Extra;
use crate::time::{EventTime, UtcTime};

/// An event as Cronofy returns it.
///
/// Fields Cronofy may leave out are `Option`s (or empty lists); anything this crate does not
/// name yet is kept in [`extra`](Self::extra).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The calendar holding it.
    pub calendar_id: String,
    /// Cronofy's id for the event, the same across calendars; what external events are
    /// edited and answered by.
    #[serde(default)]
    pub event_uid: Option<String>,
    /// Your own id, for events your application created.
    #[serde(default)]
    pub event_id: Option<String>,
    /// Google's own id for the event, when asked for with
    /// [`ReadEvents::google_event_ids`](crate::events::ReadEvents::google_event_ids).
    #[serde(default)]
    pub google_event_id: Option<String>,
    /// The title.
    #[serde(default)]
    pub summary: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// When it starts: a time, a day for all-day events, or a time with its time zone when
    /// asked for with [`ReadEvents::localized_times`](crate::events::ReadEvents::localized_times).
    pub start: EventTime,
    /// When it ends: as `start`; a day is exclusive.
    pub end: EventTime,
    /// Whether it was deleted.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub deleted: bool,
    /// When it was created.
    #[serde(default)]
    pub created: Option<UtcTime>,
    /// When it last changed.
    #[serde(default)]
    pub updated: Option<UtcTime>,
    /// Where it takes place; coordinates only when asked for with
    /// [`ReadEvents::include_geo`](crate::events::ReadEvents::include_geo).
    #[serde(default)]
    pub location: Option<Location>,
    /// The user's own answer to the invitation.
    #[serde(default)]
    pub participation_status: Option<AttendeeStatus>,
    /// Who is invited, with their answers.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub attendees: Vec<EventAttendee>,
    /// Who organizes it.
    #[serde(default)]
    pub organizer: Option<Organizer>,
    /// Whether it shows as busy.
    #[serde(default)]
    pub transparency: Option<Transparency>,
    /// How it shows, in more detail than `transparency` where the provider has it.
    #[serde(default)]
    pub extended_transparency: Option<ExtendedTransparency>,
    /// Whether it takes place (`confirmed`), may (`tentative`) or was called off
    /// (`cancelled`). Also read from `event_status`, an older name.
    #[serde(default, alias = "event_status")]
    pub status: Option<EventStatus>,
    /// The provider's categories (labels) of the event.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub categories: Vec<String>,
    /// Whether it is an occurrence of a recurring event (which cannot be edited as an
    /// external event).
    #[serde(default)]
    pub recurring: Option<bool>,
    /// The same for every occurrence of one recurring series.
    #[serde(default)]
    pub series_identifier: Option<String>,
    /// Whether it is marked private.
    #[serde(default)]
    pub event_private: Option<bool>,
    /// What your credential may do with it.
    #[serde(default)]
    pub options: Option<EventOptions>,
    /// The conferencing attached to it.
    #[serde(default)]
    pub conferencing: Option<EventConferencing>,
    /// A meeting link found in the event.
    #[serde(default)]
    pub meeting_url: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where an event takes place: words, and coordinates where the provider has them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Location {
    /// A free-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Latitude, as text (Cronofy's form), e.g. `"51.5072"`. Also read from `latitude`.
    #[serde(default, alias = "latitude", skip_serializing_if = "Option::is_none")]
    pub lat: Option<String>,
    /// Longitude, as text, e.g. `"-0.1276"`. Also read from `longitude`.
    #[serde(default, alias = "longitude", skip_serializing_if = "Option::is_none")]
    pub long: Option<String>,
    /// Every other field Cronofy sent, kept as JSON (and sent back as is).
    #[serde(flatten)]
    pub extra: Extra,
}

impl Location {
    /// A location described in words, e.g. `"Café Müller, Room 1"`.
    pub fn described(description: impl Into<String>) -> Self {
        Location {
            description: Some(description.into()),
            ..Location::default()
        }
    }

    /// This location at a latitude and longitude, in degrees.
    ///
    /// ```
    /// use cronofy::events::Location;
    ///
    /// let office = Location::described("Head office").at(51.5072, -0.1276);
    /// assert_eq!(office.lat.as_deref(), Some("51.5072"));
    /// assert_eq!(office.long.as_deref(), Some("-0.1276"));
    /// ```
    #[must_use]
    pub fn at(mut self, latitude: f64, longitude: f64) -> Self {
        self.lat = Some(latitude.to_string());
        self.long = Some(longitude.to_string());
        self
    }
}

/// Someone invited to an event, with their answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct EventAttendee {
    /// Their email address.
    pub email: String,
    /// Their name, when known.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Their answer.
    #[serde(default)]
    pub status: Option<AttendeeStatus>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Who organizes an event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Organizer {
    /// Their email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Their name, when known.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What the credential that read an event may do with it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct EventOptions {
    /// Whether it may delete the event.
    #[serde(default)]
    pub delete: Option<bool>,
    /// Whether it may update the event.
    #[serde(default)]
    pub update: Option<bool>,
    /// Whether it may answer the invitation.
    #[serde(default)]
    pub change_participation_status: Option<bool>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The conferencing attached to an event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct EventConferencing {
    /// The provider, e.g. `zoom`, `go_to`, `ms_teams`.
    #[serde(default)]
    pub provider_name: Option<String>,
    /// The link to join.
    #[serde(default)]
    pub join_url: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: Extra,
}

cronofy_core::open_enum! {
    /// An attendee's answer to an invitation, as Cronofy reports it.
    pub enum AttendeeStatus {
        /// `needs_action`: no answer yet.
        NeedsAction = "needs_action",
        /// `accepted`.
        Accepted = "accepted",
        /// `tentative`.
        Tentative = "tentative",
        /// `declined`.
        Declined = "declined",
        /// `unknown`: the provider does not say.
        Undetermined = "unknown",
    }
}

cronofy_core::open_enum! {
    /// Whether an event shows as busy.
    pub enum Transparency {
        /// `opaque`: busy.
        Opaque = "opaque",
        /// `transparent`: free.
        Transparent = "transparent",
        /// `unknown`: the provider does not say.
        Undetermined = "unknown",
    }
}

cronofy_core::open_enum! {
    /// How an event shows, in more detail than [`Transparency`].
    pub enum ExtendedTransparency {
        /// `opaque`: busy.
        Opaque = "opaque",
        /// `transparent`: free.
        Transparent = "transparent",
        /// `working_elsewhere`.
        WorkingElsewhere = "working_elsewhere",
        /// `tentative`.
        Tentative = "tentative",
        /// `out_of_office`.
        OutOfOffice = "out_of_office",
        /// `unknown`: the provider does not say.
        Undetermined = "unknown",
    }
}

cronofy_core::open_enum! {
    /// Whether an event takes place.
    pub enum EventStatus {
        /// `confirmed`.
        Confirmed = "confirmed",
        /// `tentative`.
        Tentative = "tentative",
        /// `cancelled`.
        Cancelled = "cancelled",
        /// `unknown`: the provider does not say.
        Undetermined = "unknown",
    }
}
