//! Reading, creating, updating and deleting events.
//!
//! Times are RFC 3339 strings (`2026-11-23T09:00:00Z`) or dates (`2026-11-23`) for now;
//! typed time values come with the typed models of the whole API.

use serde::{Deserialize, Serialize};

use crate::auth::UserAuth;
use crate::{Client, Page, Pages, cronofy_endpoint};

/// Reads the first page of events across the user's calendars.
///
/// Needs a user credential with the `read_events` scope. Follow `pages.next_page` for more.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/events/read-events/)
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events")]
pub async fn read_events(#[query] query: &ReadEvents) -> EventsPage;

/// Reads events across the user's calendars, every page: follows `pages.next_page`, only
/// on the client's own API origin.
///
/// ```no_run
/// # async fn run(client: cronofy::Client, user: cronofy::UserToken) -> Result<(), cronofy::Error> {
/// let query = cronofy::ReadEvents::new("Europe/London").from("2026-11-23").to("2026-11-30");
/// let mut events = cronofy::read_all_events(&client, &user, &query).items();
/// while let Some(event) = events.next_item().await {
///     println!("{:?}", event?.summary);
/// }
/// # Ok(()) }
/// ```
pub fn read_all_events<'a>(
    client: &'a Client,
    credential: &'a dyn UserAuth,
    query: &ReadEvents,
) -> Pages<'a, EventsPage> {
    let first = crate::__private::Request::new(&READ_EVENTS, &[]).and_then(|r| r.query(query));
    Pages::new(client, credential, first)
}

impl Page for EventsPage {
    type Item = Event;

    fn next_page(&self) -> Option<&str> {
        self.pages.next_page.as_deref()
    }

    fn into_items(self) -> Vec<Event> {
        self.events
    }
}

/// Creates the event with `event_id` in a calendar, or updates it if it exists.
///
/// Needs a user credential with the `create_event` scope. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/events/upsert-event/)
#[cronofy_endpoint(
    auth = "user",
    method = "POST",
    path = "/v1/calendars/{calendar_id}/events"
)]
pub async fn upsert_event(calendar_id: &str, #[body] event: &UpsertEvent);

/// Deletes an event your application created, by its `event_id`.
///
/// Needs a user credential with the `delete_event` scope. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/events/delete-event/)
#[cronofy_endpoint(
    auth = "user",
    method = "DELETE",
    path = "/v1/calendars/{calendar_id}/events"
)]
pub async fn delete_event(calendar_id: &str, #[body] event: &DeleteEvent);

/// The query of [`read_events()`]: a time zone, and optional filters.
///
/// ```
/// use cronofy::ReadEvents;
///
/// let query = ReadEvents::new("Europe/London")
///     .from("2026-11-23")
///     .to("2026-11-30")
///     .calendar_ids(["cal_1", "cal_2"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct ReadEvents {
    tzid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_modified: Option<String>,
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
            calendar_ids: Vec::new(),
        }
    }

    /// Events ending on or after this date (`YYYY-MM-DD`).
    pub fn from(mut self, date: impl Into<String>) -> Self {
        self.from = Some(date.into());
        self
    }

    /// Events starting before this date (`YYYY-MM-DD`, exclusive).
    pub fn to(mut self, date: impl Into<String>) -> Self {
        self.to = Some(date.into());
        self
    }

    /// Only events changed since this time (RFC 3339).
    pub fn last_modified(mut self, time: impl Into<String>) -> Self {
        self.last_modified = Some(time.into());
        self
    }

    /// Also return deleted events.
    pub fn include_deleted(mut self, yes: bool) -> Self {
        self.include_deleted = Some(yes);
        self
    }

    /// Also return events moved out of the window.
    pub fn include_moved(mut self, yes: bool) -> Self {
        self.include_moved = Some(yes);
        self
    }

    /// Also return events your application manages.
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

/// One page of [`read_events()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct EventsPage {
    /// Where this page is among all of them.
    pub pages: PageInfo,
    /// The events on this page.
    pub events: Vec<Event>,
}

/// Paging information of a paged response.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PageInfo {
    /// This page's number, from 1.
    pub current: u32,
    /// How many pages there are.
    pub total: u32,
    /// The absolute URL of the next page, if there is one.
    #[serde(default)]
    pub next_page: Option<String>,
}

/// An event as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The calendar holding it.
    pub calendar_id: String,
    /// The event's id at the provider, the same across calendars.
    #[serde(default)]
    pub event_uid: Option<String>,
    /// Your own id, for events your application created.
    #[serde(default)]
    pub event_id: Option<String>,
    /// The title.
    #[serde(default)]
    pub summary: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// When it starts: an RFC 3339 time, or a date for all-day events.
    pub start: String,
    /// When it ends: an RFC 3339 time, or a date (exclusive) for all-day events.
    pub end: String,
    /// Whether it was deleted.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub deleted: bool,
    /// Where it takes place.
    #[serde(default)]
    pub location: Option<Location>,
    /// The user's answer: `accepted`, `tentative`, `declined`, `needs_action`, ...
    #[serde(default)]
    pub participation_status: Option<String>,
    /// `opaque` (busy) or `transparent` (free).
    #[serde(default)]
    pub transparency: Option<String>,
    /// `confirmed`, `tentative` or `cancelled`.
    #[serde(default)]
    pub status: Option<String>,
    /// When it was created (RFC 3339).
    #[serde(default)]
    pub created: Option<String>,
    /// When it last changed (RFC 3339).
    #[serde(default)]
    pub updated: Option<String>,
}

/// Where an event takes place.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Location {
    /// A free-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Latitude, when the provider gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<String>,
    /// Longitude, when the provider gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long: Option<String>,
}

/// The body of [`upsert_event()`]: your own `event_id`, a title, and when.
///
/// ```
/// use cronofy::UpsertEvent;
///
/// let event = UpsertEvent::new(
///     "booking-42",
///     "Intro call",
///     "2026-11-23T09:00:00Z",
///     "2026-11-23T09:30:00Z",
/// )
/// .description("Agenda: introductions")
/// .tzid("Europe/London");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct UpsertEvent {
    event_id: String,
    summary: String,
    start: String,
    end: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tzid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transparency: Option<String>,
}

impl UpsertEvent {
    /// An event with your id for it, a title, and its start and end (RFC 3339 times, or dates
    /// for an all-day event with an exclusive end).
    pub fn new(
        event_id: impl Into<String>,
        summary: impl Into<String>,
        start: impl Into<String>,
        end: impl Into<String>,
    ) -> Self {
        UpsertEvent {
            event_id: event_id.into(),
            summary: summary.into(),
            start: start.into(),
            end: end.into(),
            description: None,
            tzid: None,
            location: None,
            url: None,
            transparency: None,
        }
    }

    /// The description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// The time zone the event is shown in (IANA id).
    pub fn tzid(mut self, tzid: impl Into<String>) -> Self {
        self.tzid = Some(tzid.into());
        self
    }

    /// Where it takes place.
    pub fn location(mut self, description: impl Into<String>) -> Self {
        self.location = Some(Location {
            description: Some(description.into()),
            ..Location::default()
        });
        self
    }

    /// A link shown with the event.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// `opaque` (busy, the default) or `transparent` (free).
    pub fn transparency(mut self, transparency: impl Into<String>) -> Self {
        self.transparency = Some(transparency.into());
        self
    }
}

/// The body of [`delete_event()`]: the `event_id` your application gave the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeleteEvent {
    /// Your id for the event.
    pub event_id: String,
}

impl DeleteEvent {
    /// Deletes the event your application created with this id.
    pub fn new(event_id: impl Into<String>) -> Self {
        DeleteEvent {
            event_id: event_id.into(),
        }
    }
}
