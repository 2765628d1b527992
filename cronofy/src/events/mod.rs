//! Events: reading them (a page at a time, or every page), creating, updating and deleting
//! them, answering invitations; free/busy blocks; and batches of writes in one request.

mod batch;
pub(crate) mod details;
mod event;
mod free_busy;

pub use batch::*;
pub use details::{
    Conferencing, ConferencingInteraction, ConferencingSubscription, Frequency, Invitee,
    Recurrence, RecurrenceRule, Reminder,
};
pub use event::*;
pub use free_busy::*;

use serde::Serialize;

use crate::fields::{ExtraFields, extensible_body};
use crate::time::{Date, EventTime, UtcTime};
use crate::{Page, cronofy_endpoint};
use details::{
    AttachmentRef, AttendeeChanges, EventDetails, Text, event_details_setters, event_upsert_setters,
};

/// Reads one page of events across the user's calendars; [`read_all_events`] reads every
/// page.
///
/// Needs a user credential with the `read_events` scope.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/events/read-events/)
///
/// ```no_run
/// use cronofy::events::{self, ReadEvents};
/// use cronofy::time::Date;
/// use cronofy::{Client, UserToken};
///
/// async fn agenda(
///     client: &Client,
///     user: &UserToken,
///     from: Date,
///     to: Date,
/// ) -> Result<(), cronofy::Error> {
///     let query = ReadEvents::new("Europe/London").from(from).to(to);
///
///     // One page, and whether there are more.
///     let page = events::read_events(client, user, &query).await?;
///     let more = page.pages.as_ref().is_some_and(|info| info.next_page.is_some());
///     println!("{} events, more to read: {more}", page.items.len());
///
///     // Every event of every page.
///     let mut all = events::read_all_events(client, user, &query).items();
///     while let Some(event) = all.next_item().await {
///         println!("{:?}", event?.summary);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events", paged = "events")]
pub async fn read_events(#[query] query: &ReadEvents) -> Page<Event>;

/// Creates the event with `event_id` in a calendar, or updates it if it exists; or, for an
/// [`UpsertEvent::external`] body, edits an event your application did not create.
///
/// Needs a user credential with the `create_event` scope; editing an external event also needs
/// elevated permissions on the calendar ([`request_permissions()`](crate::oauth::request_permissions))
/// and the event's `options.update` to be true. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/events/upsert-event/),
/// [external events](https://docs.cronofy.com/developers/api/events/edit-external-events/)
///
/// ```no_run
/// use cronofy::events::UpsertEvent;
/// use cronofy::time::UtcTime;
/// use cronofy::{Client, UserToken};
///
/// async fn book_call(
///     client: &Client,
///     user: &UserToken,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let event = UpsertEvent::new(
///         "booking-42",
///         "Intro call",
///         UtcTime::parse("2026-11-23T09:00:00Z")?,
///         UtcTime::parse("2026-11-23T09:30:00Z")?,
///     )
///     .location("Meeting room 2");
///     cronofy::events::upsert_event(client, user, "cal_n23kjnwrw2_jsdfjksn234", &event).await?;
///     println!("booked {:?}", event.event_id());
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "POST",
    path = "/v1/calendars/{calendar_id}/events",
    idempotent = true
)]
pub async fn upsert_event(calendar_id: &str, #[body] event: &UpsertEvent);

/// Deletes an event your application created, by its `event_id` ([`DeleteEvent::new`]), or an
/// event it did not create, by its `event_uid` ([`DeleteEvent::external`]).
///
/// Needs a user credential with the `delete_event` scope; deleting an external event also
/// needs elevated permissions on the calendar ([`request_permissions()`](crate::oauth::request_permissions))
/// and the event's `options.delete` to be true. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/events/delete-event/),
/// [external events](https://docs.cronofy.com/developers/api/events/delete-external-event/)
///
/// ```no_run
/// use cronofy::events::DeleteEvent;
/// use cronofy::{Client, UserToken};
///
/// async fn cancel_call(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let event = DeleteEvent::new("booking-42");
///     cronofy::events::delete_event(client, user, "cal_n23kjnwrw2_jsdfjksn234", &event).await?;
///     println!("cancelled {:?}", event.event_id());
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "DELETE",
    path = "/v1/calendars/{calendar_id}/events"
)]
pub async fn delete_event(calendar_id: &str, #[body] event: &DeleteEvent);

/// Deletes every event your application manages for the user, or those in some calendars.
///
/// Needs a user credential with the `delete_event` scope. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/events/bulk-delete-events/)
///
/// ```no_run
/// use cronofy::events::BulkDeleteEvents;
/// use cronofy::{Client, UserToken};
///
/// async fn clear_imported_events(
///     client: &Client,
///     user: &UserToken,
/// ) -> Result<(), cronofy::Error> {
///     cronofy::events::bulk_delete_events(
///         client,
///         user,
///         &BulkDeleteEvents::in_calendars(["cal_1"]),
///     )
///     .await?;
///     cronofy::events::bulk_delete_events(client, user, &BulkDeleteEvents::all()).await?;
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "DELETE", path = "/v1/events")]
pub async fn bulk_delete_events(#[body] scope: &BulkDeleteEvents);

/// Answers an invitation: sets the user's participation status on an event they were invited
/// to, by its `event_uid`.
///
/// Needs a user credential with the `change_participation_status` scope. Cronofy answers
/// `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/events/participation-status/)
///
/// ```no_run
/// use cronofy::events::ParticipationStatus;
/// use cronofy::{Client, UserToken};
///
/// async fn accept_invitation(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let accept = ParticipationStatus::Accepted.into();
///     cronofy::events::change_participation_status(
///         client,
///         user,
///         "cal_1",
///         "evt_external_1",
///         &accept,
///     )
///     .await?;
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "POST",
    path = "/v1/calendars/{calendar_id}/events/{event_uid}/participation_status",
    idempotent = true
)]
pub async fn change_participation_status(
    calendar_id: &str,
    event_uid: &str,
    #[body] status: &ChangeParticipationStatus,
);

/// The query of [`read_events()`]: a time zone, and optional filters.
///
/// ```
/// use cronofy::events::ReadEvents;
/// use cronofy::time::Date;
///
/// fn main() -> Result<(), cronofy::time::TimeError> {
///     let query = ReadEvents::new("Europe/London")
///         .from(Date::parse("2026-11-23")?)
///         .to(Date::parse("2026-11-30")?)
///         .calendar_ids(["cal_1", "cal_2"]);
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct ReadEvents {
    tzid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_modified: Option<UtcTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_deleted: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_moved: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_managed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    only_managed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    localized_times: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_geo: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    google_event_ids: Option<bool>,
    #[serde(rename = "calendar_ids[]", skip_serializing_if = "Vec::is_empty")]
    calendar_ids: Vec<String>,
}

impl ReadEvents {
    /// Events in time zone `tzid` (an IANA id such as `Europe/London`), which Cronofy requires.
    pub fn new(tzid: impl Into<String>) -> Self {
        ReadEvents {
            tzid: tzid.into(),
            from: None,
            to: None,
            last_modified: None,
            include_deleted: None,
            include_moved: None,
            include_managed: None,
            only_managed: None,
            localized_times: None,
            include_geo: None,
            google_event_ids: None,
            calendar_ids: Vec::new(),
        }
    }

    /// Events ending on or after this day.
    pub fn from(mut self, date: Date) -> Self {
        self.from = Some(date);
        self
    }

    /// Events starting before this day (exclusive).
    pub fn to(mut self, date: Date) -> Self {
        self.to = Some(date);
        self
    }

    /// Only events changed since this time.
    pub fn last_modified(mut self, time: UtcTime) -> Self {
        self.last_modified = Some(time);
        self
    }

    /// Also return deleted events.
    pub fn include_deleted(mut self, yes: bool) -> Self {
        self.include_deleted = Some(yes);
        self
    }

    /// Also return events that were in the window once and have moved out of it.
    pub fn include_moved(mut self, yes: bool) -> Self {
        self.include_moved = Some(yes);
        self
    }

    /// Also return events your application manages (created with [`upsert_event()`]), which
    /// Cronofy leaves out by default.
    pub fn include_managed(mut self, yes: bool) -> Self {
        self.include_managed = Some(yes);
        self
    }

    /// Only return events your application manages.
    pub fn only_managed(mut self, yes: bool) -> Self {
        self.only_managed = Some(yes);
        self
    }

    /// Return times in the event's own time zone instead of UTC.
    pub fn localized_times(mut self, yes: bool) -> Self {
        self.localized_times = Some(yes);
        self
    }

    /// Return locations with their coordinates (`location.lat` and `location.long`) where the
    /// provider has them.
    pub fn include_geo(mut self, yes: bool) -> Self {
        self.include_geo = Some(yes);
        self
    }

    /// Return Google's own id of each event from a Google calendar (`google_event_id`).
    pub fn google_event_ids(mut self, yes: bool) -> Self {
        self.google_event_ids = Some(yes);
        self
    }

    /// Only events of these calendars (sent as repeated `calendar_ids[]=`).
    pub fn calendar_ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.calendar_ids = ids.into_iter().map(Into::into).collect();
        self
    }
}

/// The body of [`upsert_event()`]: your own `event_id`, a title, and when; everything else
/// Cronofy documents by setters, and anything newer with [`field`](Self::field).
///
/// ```
/// use cronofy::events::{Conferencing, Invitee, Reminder, Transparency, UpsertEvent};
/// use cronofy::time::UtcTime;
///
/// fn main() -> Result<(), cronofy::time::TimeError> {
///     let event = UpsertEvent::new(
///         "booking-42",
///         "Intro call",
///         UtcTime::parse("2026-11-23T09:00:00Z")?,
///         UtcTime::parse("2026-11-23T09:30:00Z")?,
///     )
///     .description("Agenda: introductions")
///     .tzid("Europe/London")
///     .invite([Invitee::new("ada@example.com").display_name("Ada Lovelace")])
///     .reminders([Reminder::minutes_before(15)])
///     .conferencing(Conferencing::provider_default())
///     .transparency(Transparency::Opaque)
///     .color("#49BED8")
///     .event_private(true);
///     Ok(())
/// }
/// ```
///
/// An event your application did not create is edited through [`UpsertEvent::external`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct UpsertEvent {
    // Exactly one of the two is set, by the constructors: Cronofy lets `event_id` win when both
    // are sent, which would create a new event instead of editing the external one.
    #[serde(skip_serializing_if = "Option::is_none")]
    event_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_uid: Option<String>,
    summary: Text<1024>,
    start: EventTime,
    end: EventTime,
    #[serde(flatten)]
    details: EventDetails,
    #[serde(skip_serializing_if = "Option::is_none")]
    attendees: Option<AttendeeChanges>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recurrence: Option<Recurrence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attachments: Option<Vec<AttachmentRef>>,
    #[serde(flatten)]
    extra: ExtraFields,
}

impl UpsertEvent {
    /// An event with your id for it, a title (at most 1024 characters), and its start and
    /// end: [`UtcTime`]s, [`Date`]s for an all-day event (the end day exclusive), or
    /// [`EventTime::zoned`] times, each with its own time zone.
    pub fn new(
        event_id: impl Into<String>,
        summary: impl Into<String>,
        start: impl Into<EventTime>,
        end: impl Into<EventTime>,
    ) -> Self {
        UpsertEvent::with_key(Some(event_id.into()), None, summary, start, end)
    }

    /// Edits an event your application did not create, by its `event_uid` (from
    /// [`read_events()`]): its new title, start and end. Unlike [`UpsertEvent::new`] this never
    /// creates an event: once the external event is deleted it cannot be edited again.
    ///
    /// ```
    /// use cronofy::events::UpsertEvent;
    /// use cronofy::time::UtcTime;
    ///
    /// fn main() -> Result<(), cronofy::time::TimeError> {
    ///     let edit = UpsertEvent::external(
    ///         "evt_external_54008b1a4a41730f8d5c6037",
    ///         "Board meeting",
    ///         UtcTime::parse("2026-11-23T15:30:00Z")?,
    ///         UtcTime::parse("2026-11-23T17:00:00Z")?,
    ///     )
    ///     .location("Board room");
    ///     assert_eq!(
    ///         edit.event_uid(),
    ///         Some("evt_external_54008b1a4a41730f8d5c6037")
    ///     );
    ///     assert_eq!(edit.event_id(), None);
    ///     Ok(())
    /// }
    /// ```
    pub fn external(
        event_uid: impl Into<String>,
        summary: impl Into<String>,
        start: impl Into<EventTime>,
        end: impl Into<EventTime>,
    ) -> Self {
        UpsertEvent::with_key(None, Some(event_uid.into()), summary, start, end)
    }

    fn with_key(
        event_id: Option<String>,
        event_uid: Option<String>,
        summary: impl Into<String>,
        start: impl Into<EventTime>,
        end: impl Into<EventTime>,
    ) -> Self {
        UpsertEvent {
            event_id,
            event_uid,
            summary: Text("summary", summary.into()),
            start: start.into(),
            end: end.into(),
            details: EventDetails::default(),
            attendees: None,
            recurrence: None,
            attachments: None,
            extra: ExtraFields::default(),
        }
    }

    /// Your id for the event, for one made by [`UpsertEvent::new`].
    pub fn event_id(&self) -> Option<&str> {
        self.event_id.as_deref()
    }

    /// The external event's uid, for one made by [`UpsertEvent::external`].
    pub fn event_uid(&self) -> Option<&str> {
        self.event_uid.as_deref()
    }

    /// People to invite (`attendees.invite`); each needs an email address.
    pub fn invite(mut self, invitees: impl IntoIterator<Item = Invitee>) -> Self {
        self.attendees
            .get_or_insert_with(AttendeeChanges::default)
            .invite
            .extend(invitees);
        self
    }

    /// People to remove from the invitation (`attendees.remove`).
    pub fn remove_attendees(mut self, attendees: impl IntoIterator<Item = Invitee>) -> Self {
        self.attendees
            .get_or_insert_with(AttendeeChanges::default)
            .remove
            .extend(attendees);
        self
    }

    /// How the event repeats; [`Recurrence::none`] removes the repetition it had. Left out,
    /// an update keeps the rules the event has. (Cronofy marks recurring events alpha.)
    pub fn recurrence(mut self, recurrence: Recurrence) -> Self {
        self.recurrence = Some(recurrence);
        self
    }

    /// Files to attach, by the `attachment_id`s Cronofy gave them when they were uploaded.
    pub fn attachments<I, S>(mut self, attachment_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.attachments = Some(
            attachment_ids
                .into_iter()
                .map(|id| AttachmentRef {
                    attachment_id: id.into(),
                })
                .collect(),
        );
        self
    }
}

event_details_setters!(UpsertEvent);
event_upsert_setters!(UpsertEvent);
extensible_body!(UpsertEvent {
    "event_id",
    "event_uid",
    "summary",
    "start",
    "end",
    "description",
    "tzid",
    "location",
    "url",
    "reminders",
    "reminders_create_only",
    "transparency",
    "extended_transparency",
    "color",
    "event_private",
    "conferencing",
    "subscriptions",
    "locale",
    "attendees",
    "recurrence",
    "attachments",
});

/// The body of [`delete_event()`]: the `event_id` your application gave the event, or the
/// `event_uid` of an event it did not create.
///
/// ```
/// use cronofy::events::DeleteEvent;
///
/// fn main() -> Result<(), serde_json::Error> {
///     let managed = DeleteEvent::new("booking-42");
///     assert_eq!(
///         serde_json::to_string(&managed)?,
///         r#"{"event_id":"booking-42"}"#
///     );
///     let external = DeleteEvent::external("evt_external_54008b1a4a41730f8d5c6037");
///     assert_eq!(
///         serde_json::to_string(&external)?,
///         r#"{"event_uid":"evt_external_54008b1a4a41730f8d5c6037"}"#
///     );
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct DeleteEvent {
    #[serde(flatten)]
    key: EventKey,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(DeleteEvent {
    "event_id",
    "event_uid"
});

/// How an event is named in a request: exactly one of the two keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
enum EventKey {
    #[serde(rename = "event_id")]
    Id(String),
    #[serde(rename = "event_uid")]
    Uid(String),
}

impl DeleteEvent {
    /// Deletes the event your application created with this id.
    pub fn new(event_id: impl Into<String>) -> Self {
        DeleteEvent {
            key: EventKey::Id(event_id.into()),
            extra: ExtraFields::default(),
        }
    }

    /// Deletes an event your application did not create, by its `event_uid` (from
    /// [`read_events()`]).
    pub fn external(event_uid: impl Into<String>) -> Self {
        DeleteEvent {
            key: EventKey::Uid(event_uid.into()),
            extra: ExtraFields::default(),
        }
    }

    /// Your id for the event, for one made by [`DeleteEvent::new`].
    pub fn event_id(&self) -> Option<&str> {
        match &self.key {
            EventKey::Id(id) => Some(id),
            EventKey::Uid(_) => None,
        }
    }

    /// The external event's uid, for one made by [`DeleteEvent::external`].
    pub fn event_uid(&self) -> Option<&str> {
        match &self.key {
            EventKey::Uid(uid) => Some(uid),
            EventKey::Id(_) => None,
        }
    }
}

/// The body of [`bulk_delete_events()`]: every managed event, or those in some calendars.
///
/// ```
/// use cronofy::events::BulkDeleteEvents;
///
/// fn main() -> Result<(), serde_json::Error> {
///     assert_eq!(
///         serde_json::to_string(&BulkDeleteEvents::all())?,
///         r#"{"delete_all":true}"#
///     );
///     assert_eq!(
///         serde_json::to_string(&BulkDeleteEvents::in_calendars(["cal_1", "cal_2"]))?,
///         r#"{"calendar_ids":["cal_1","cal_2"]}"#
///     );
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct BulkDeleteEvents {
    #[serde(flatten)]
    scope: BulkDeleteScope,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(BulkDeleteEvents {
    "delete_all",
    "calendar_ids"
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum BulkDeleteScope {
    All {
        delete_all: bool,
    },
    Calendars {
        #[serde(serialize_with = "at_least_one_calendar")]
        calendar_ids: Vec<String>,
    },
}

/// Cronofy takes at least one calendar id: none would delete nothing, or be read as all.
fn at_least_one_calendar<S: serde::Serializer>(
    ids: &[String],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if ids.is_empty() {
        return Err(crate::invalid_request(
            "`calendar_ids` is empty: name at least one calendar, or delete in all with BulkDeleteEvents::all()",
        ));
    }
    ids.serialize(serializer)
}

impl BulkDeleteEvents {
    /// Every event your application manages for the user, in every calendar.
    pub fn all() -> Self {
        BulkDeleteEvents {
            scope: BulkDeleteScope::All { delete_all: true },
            extra: ExtraFields::default(),
        }
    }

    /// The events your application manages in these calendars only.
    pub fn in_calendars<I, S>(calendar_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        BulkDeleteEvents {
            scope: BulkDeleteScope::Calendars {
                calendar_ids: calendar_ids.into_iter().map(Into::into).collect(),
            },
            extra: ExtraFields::default(),
        }
    }
}

/// The body of [`change_participation_status()`]: the user's answer.
///
/// Made from a [`ParticipationStatus`] with `.into()` or [`ChangeParticipationStatus::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ChangeParticipationStatus {
    status: ParticipationStatus,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(ChangeParticipationStatus { "status" });

impl ChangeParticipationStatus {
    /// Answers with `status`.
    pub fn new(status: ParticipationStatus) -> Self {
        ChangeParticipationStatus {
            status,
            extra: ExtraFields::default(),
        }
    }

    /// The answer.
    pub fn status(&self) -> &ParticipationStatus {
        &self.status
    }
}

impl From<ParticipationStatus> for ChangeParticipationStatus {
    fn from(status: ParticipationStatus) -> Self {
        ChangeParticipationStatus::new(status)
    }
}

cronofy_core::open_enum! {
    /// An answer to an invitation: the statuses Cronofy accepts in
    /// [`change_participation_status()`].
    pub enum ParticipationStatus {
        /// `accepted`: the user will attend.
        Accepted = "accepted",
        /// `tentative`: the user may attend.
        Tentative = "tentative",
        /// `declined`: the user will not attend.
        Declined = "declined",
    }
}

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[
    &READ_EVENTS,
    &READ_FREE_BUSY,
    &EXECUTE_BATCH,
    &UPSERT_EVENT,
    &DELETE_EVENT,
    &BULK_DELETE_EVENTS,
    &CHANGE_PARTICIPATION_STATUS,
];
