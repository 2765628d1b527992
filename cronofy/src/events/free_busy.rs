//! Free/busy blocks: when the user is busy, without event details.

use serde::{Deserialize, Serialize};

use crate::time::{Date, EventTime, UtcTime};
use crate::{Page, cronofy_endpoint};

/// Reads one page of free/busy blocks across the user's calendars; [`read_all_free_busy`]
/// reads every page.
///
/// Needs a user credential with the `read_free_busy` scope.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/events/free-busy/)
///
/// ```no_run
/// use cronofy::events::ReadFreeBusy;
/// use cronofy::time::Date;
/// use cronofy::{Client, UserToken};
///
/// async fn busy_times(
///     client: &Client,
///     user: &UserToken,
///     from: Date,
///     to: Date,
/// ) -> Result<(), cronofy::Error> {
///     let query = ReadFreeBusy::new("Europe/London").from(from).to(to);
///     let first_page = cronofy::events::read_free_busy(client, user, &query).await?;
///     for block in &first_page.items {
///         println!(
///             "{}: {:?} to {:?}",
///             block.calendar_id, block.start, block.end
///         );
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "GET",
    path = "/v1/free_busy",
    paged = "free_busy"
)]
pub async fn read_free_busy(#[query] query: &ReadFreeBusy) -> Page<FreeBusyBlock>;

/// The query of [`read_free_busy()`]: a time zone, and optional filters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct ReadFreeBusy {
    tzid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_managed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    localized_times: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_modified: Option<UtcTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_ids: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_free: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_deleted: Option<bool>,
    #[serde(rename = "calendar_ids[]", skip_serializing_if = "Vec::is_empty")]
    calendar_ids: Vec<String>,
}

impl ReadFreeBusy {
    /// Blocks in time zone `tzid` (an IANA id), which Cronofy requires.
    pub fn new(tzid: impl Into<String>) -> Self {
        ReadFreeBusy {
            tzid: tzid.into(),
            from: None,
            to: None,
            include_managed: None,
            localized_times: None,
            last_modified: None,
            include_ids: None,
            include_free: None,
            include_deleted: None,
            calendar_ids: Vec::new(),
        }
    }

    /// Blocks ending on or after this day.
    pub fn from(mut self, date: Date) -> Self {
        self.from = Some(date);
        self
    }

    /// Blocks starting before this day (exclusive).
    pub fn to(mut self, date: Date) -> Self {
        self.to = Some(date);
        self
    }

    /// Also count events your application manages.
    pub fn include_managed(mut self, yes: bool) -> Self {
        self.include_managed = Some(yes);
        self
    }

    /// Return times in the event's own time zone instead of UTC.
    pub fn localized_times(mut self, yes: bool) -> Self {
        self.localized_times = Some(yes);
        self
    }

    /// Only blocks of events changed since this time.
    pub fn last_modified(mut self, time: UtcTime) -> Self {
        self.last_modified = Some(time);
        self
    }

    /// Name each block's event (`event_id` for your application's events, and `event_uid`).
    pub fn include_ids(mut self, yes: bool) -> Self {
        self.include_ids = Some(yes);
        self
    }

    /// Also return blocks of events that show as free.
    pub fn include_free(mut self, yes: bool) -> Self {
        self.include_free = Some(yes);
        self
    }

    /// Also return blocks of deleted events, marked `deleted`.
    pub fn include_deleted(mut self, yes: bool) -> Self {
        self.include_deleted = Some(yes);
        self
    }

    /// Only blocks of these calendars (sent as repeated `calendar_ids[]=`).
    pub fn calendar_ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.calendar_ids = ids.into_iter().map(Into::into).collect();
        self
    }
}

/// One busy (or tentative) block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FreeBusyBlock {
    /// The calendar it comes from.
    pub calendar_id: String,
    /// Start: a time, or a day.
    pub start: EventTime,
    /// End: a time, or a day (exclusive).
    pub end: EventTime,
    /// Whether the time is taken.
    #[serde(default)]
    pub free_busy_status: Option<FreeBusyStatus>,
    /// Your id of the event, with [`ReadFreeBusy::include_ids`] for your application's events.
    #[serde(default)]
    pub event_id: Option<String>,
    /// Cronofy's id of the event, with [`ReadFreeBusy::include_ids`].
    #[serde(default)]
    pub event_uid: Option<String>,
    /// Whether the event was deleted, with [`ReadFreeBusy::include_deleted`].
    #[serde(default)]
    pub deleted: Option<bool>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

cronofy_core::open_enum! {
    /// Whether a free/busy block's time is taken.
    pub enum FreeBusyStatus {
        /// `busy`
        Busy = "busy",
        /// `tentative`
        Tentative = "tentative",
        /// `free`
        Free = "free",
        /// `unknown`: the provider does not say.
        Undetermined = "unknown",
    }
}
