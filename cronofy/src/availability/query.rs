//! Finding times when participants are available.

use serde::{Deserialize, Serialize};

use super::participants::{AvailabilityBuffer, Participants, QueryPeriod, SequenceBuffer};
use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};
use crate::scheduling::RealTimeSchedulingEvent;
use crate::time::{Minutes, UtcTime};

/// Finds the periods in which the participants are available.
///
/// Cronofy accepts the application's credentials (the API key, for any of your users by their
/// `sub`) or a user's own token.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/availability/)
///
/// ```no_run
/// use cronofy::availability::{Participants, QueryAvailability, QueryPeriod};
/// use cronofy::time::{Minutes, UtcTime};
/// use cronofy::{AppCredentials, Client};
///
/// async fn free_hours(
///     client: &Client,
///     app: &AppCredentials,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let query = QueryAvailability::new(
///         vec![Participants::all(["acc_5ba21743f408617d1269ea1e"])],
///         Minutes::new(60),
///         vec![QueryPeriod::new(
///             UtcTime::parse("2026-11-23T09:00:00Z")?,
///             UtcTime::parse("2026-11-23T17:00:00Z")?,
///         )],
///     );
///     let available = cronofy::availability::query_availability(client, app, &query).await?;
///     for period in &available.available_periods {
///         println!("free from {} to {}", period.start, period.end);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user" | "app", method = "POST", path = "/v1/availability", idempotent = true)]
pub async fn query_availability(#[body] query: &QueryAvailability) -> AvailabilityResponse;

/// Finds times at which a sequence of events (an interview loop, say) can take place one
/// after another, each with its own participants and length.
///
/// Like [`query_availability()`], Cronofy accepts the application's credentials (the API key, for any
/// of your users by their `sub`) or a user's own token; an organization or internal application
/// impersonating a member is a user credential here.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/sequenced-availability/)
///
/// ```no_run
/// use cronofy::availability::{
///     Participants, QueryPeriod, QuerySequencedAvailability, SequenceStep,
/// };
/// use cronofy::time::{Minutes, UtcTime};
/// use cronofy::{AppCredentials, Client};
///
/// async fn interview_slots(
///     client: &Client,
///     app: &AppCredentials,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let query = QuerySequencedAvailability::new(
///         vec![
///             SequenceStep::new(
///                 "screening",
///                 1,
///                 vec![Participants::all(["acc_1"])],
///                 Minutes::new(30),
///             ),
///             SequenceStep::new(
///                 "technical",
///                 2,
///                 vec![Participants::all(["acc_2"])],
///                 Minutes::new(60),
///             ),
///         ],
///         vec![QueryPeriod::new(
///             UtcTime::parse("2026-11-23T09:00:00Z")?,
///             UtcTime::parse("2026-11-23T17:00:00Z")?,
///         )],
///     );
///     for option in cronofy::availability::query_sequenced_availability(client, app, &query)
///         .await?
///         .sequences
///     {
///         for step in &option.sequence {
///             println!("{}: {} - {}", step.sequence_id, step.start, step.end);
///         }
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user" | "app",
    method = "POST",
    path = "/v1/sequenced_availability",
    idempotent = true
)]
pub async fn query_sequenced_availability(
    #[body] query: &QuerySequencedAvailability,
) -> SequencedAvailabilityResponse;

/// The body of [`query_availability()`]: who, for how long, and within which periods.
///
/// ```
/// use cronofy::availability::{Participants, QueryAvailability, QueryPeriod};
/// use cronofy::time::{Minutes, UtcTime};
///
/// fn main() -> Result<(), cronofy::time::TimeError> {
///     let query = QueryAvailability::new(
///         vec![Participants::all(["acc_5ba21743f408617d1269ea1e"])],
///         Minutes::new(60),
///         vec![QueryPeriod::new(
///             UtcTime::parse("2026-11-23T09:00:00Z")?,
///             UtcTime::parse("2026-11-23T17:00:00Z")?,
///         )],
///     );
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct QueryAvailability {
    participants: Vec<Participants>,
    required_duration: Minutes,
    #[serde(flatten)]
    window: Window,
    #[serde(skip_serializing_if = "Option::is_none")]
    buffer: Option<AvailabilityBuffer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_interval: Option<Minutes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_format: Option<AvailabilityResponseFormat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_results: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_member_statuses: Option<bool>,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(QueryAvailability {
    "participants",
    "required_duration",
    "query_periods",
    "query_slots",
    "buffer",
    "start_interval",
    "response_format",
    "max_results",
    "include_member_statuses",
});

/// Where a query looks: periods to search, or start times to check. Never empty: a query
/// with nothing to look at is refused before sending.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Window {
    Periods(Vec<QueryPeriod>),
    Slots(Vec<QuerySlot>),
}

impl Serialize for Window {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (name, empty) = match self {
            Window::Periods(periods) => ("query_periods", periods.is_empty()),
            Window::Slots(slots) => ("query_slots", slots.is_empty()),
        };
        if empty {
            return Err(crate::invalid_request(format_args!(
                "`{name}` is empty: an availability query needs a period to search or a slot to check"
            )));
        }
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Window::Periods(periods) => map.serialize_entry(name, periods)?,
            Window::Slots(slots) => map.serialize_entry(name, slots)?,
        }
        map.end()
    }
}

/// A start time to check, in a query by [`QueryAvailability::at_slots`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct QuerySlot {
    start: UtcTime,
}

impl QueryAvailability {
    /// Participant groups, the length of the meeting, and the periods to search.
    pub fn new(
        participants: Vec<Participants>,
        required_duration: Minutes,
        query_periods: Vec<QueryPeriod>,
    ) -> Self {
        QueryAvailability {
            participants,
            required_duration,
            window: Window::Periods(query_periods),
            buffer: None,
            start_interval: None,
            response_format: None,
            max_results: None,
            include_member_statuses: None,
            extra: ExtraFields::default(),
        }
    }

    /// Checks given start times instead of searching periods (`query_slots`): which of the
    /// meetings starting at `starts` can take place.
    ///
    /// ```
    /// use cronofy::availability::{Participants, QueryAvailability};
    /// use cronofy::time::{Minutes, UtcTime};
    ///
    /// fn main() -> Result<(), cronofy::time::TimeError> {
    ///     let query = QueryAvailability::at_slots(
    ///         vec![Participants::all(["acc_5ba21743f408617d1269ea1e"])],
    ///         Minutes::new(30),
    ///         [
    ///             UtcTime::parse("2026-11-23T09:00:00Z")?,
    ///             UtcTime::parse("2026-11-23T14:30:00Z")?,
    ///         ],
    ///     );
    ///     assert_eq!(
    ///         serde_json::to_value(&query).unwrap()["query_slots"],
    ///         serde_json::json!([{"start": "2026-11-23T09:00:00Z"}, {"start": "2026-11-23T14:30:00Z"}])
    ///     );
    ///     Ok(())
    /// }
    /// ```
    pub fn at_slots(
        participants: Vec<Participants>,
        required_duration: Minutes,
        starts: impl IntoIterator<Item = UtcTime>,
    ) -> Self {
        let mut query = QueryAvailability::new(participants, required_duration, Vec::new());
        query.window = Window::Slots(
            starts
                .into_iter()
                .map(|start| QuerySlot { start })
                .collect(),
        );
        query
    }

    /// Also say, per member, whether their calendars are in sync
    /// ([`AvailabilityResponse::member_statuses`]).
    pub fn include_member_statuses(mut self, yes: bool) -> Self {
        self.include_member_statuses = Some(yes);
        self
    }

    /// At most this many results.
    pub fn max_results(mut self, max_results: u32) -> Self {
        self.max_results = Some(max_results);
        self
    }

    /// Time that must also be free before and after a meeting.
    pub fn buffer(mut self, buffer: AvailabilityBuffer) -> Self {
        self.buffer = Some(buffer);
        self
    }

    /// Meetings may only start at multiples of this interval (e.g. every 30 minutes).
    pub fn start_interval(mut self, interval: Minutes) -> Self {
        self.start_interval = Some(interval);
        self
    }

    /// Whether Cronofy answers with contiguous periods (the default) or with slots of exactly
    /// the required duration, in [`AvailabilityResponse::available_slots`].
    pub fn response_format(mut self, format: AvailabilityResponseFormat) -> Self {
        self.response_format = Some(format);
        self
    }
}

cronofy_core::open_enum! {
    /// How [`query_availability()`] presents what it finds.
    pub enum AvailabilityResponseFormat {
        /// Contiguous periods at least the required duration long, in
        /// [`AvailabilityResponse::available_periods`] (Cronofy's default).
        Periods = "periods",
        /// Non-overlapping slots of exactly the required duration, in
        /// [`AvailabilityResponse::available_slots`].
        Slots = "slots",
        /// Slots starting every `start_interval`, which may overlap, in
        /// [`AvailabilityResponse::available_slots`].
        OverlappingSlots = "overlapping_slots",
    }
}

/// The body of [`query_availability()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AvailabilityResponse {
    /// The periods in which enough participants are available (the `periods` format).
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub available_periods: Vec<AvailablePeriod>,
    /// The slots found, when the query asked for the `slots` or `overlapping_slots`
    /// [format](QueryAvailability::response_format); each is exactly the required duration.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub available_slots: Vec<AvailablePeriod>,
    /// Whether each member's calendars are in sync, when asked for with
    /// [`QueryAvailability::include_member_statuses`].
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub member_statuses: Vec<MemberStatus>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// Whether a member's calendars are in sync, so that their availability can be trusted.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct MemberStatus {
    /// The member's `sub`.
    pub sub: String,
    /// How their calendars' sync stands.
    #[serde(default)]
    pub sync_status: Option<SyncStatus>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

cronofy_core::open_enum! {
    /// How a member's calendar sync stands.
    pub enum SyncStatus {
        /// `active`: in sync.
        Active = "active",
        /// `pending`: the first sync has not finished.
        Pending = "pending",
        /// `disconnected`: a profile needs relinking.
        Disconnected = "disconnected",
    }
}

/// One available period, or one slot.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AvailablePeriod {
    /// Start.
    pub start: UtcTime,
    /// End.
    pub end: UtcTime,
    /// Who is available in it.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub participants: Vec<AvailableParticipant>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A participant available in a period.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AvailableParticipant {
    /// The account's `sub`.
    pub sub: String,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of [`query_sequenced_availability()`]: the steps of the sequence, and the periods in which
/// to find times for all of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct QuerySequencedAvailability {
    sequence: Vec<SequenceStep>,
    query_periods: Vec<QueryPeriod>,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(QuerySequencedAvailability {
    "sequence",
    "query_periods"
});

impl QuerySequencedAvailability {
    /// The steps, and the periods to search.
    pub fn new(sequence: Vec<SequenceStep>, query_periods: Vec<QueryPeriod>) -> Self {
        QuerySequencedAvailability {
            sequence,
            query_periods,
            extra: ExtraFields::default(),
        }
    }
}

/// One event of a sequence: your id for it, its place, who attends and for how long.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct SequenceStep {
    sequence_id: String,
    ordinal: u32,
    participants: Vec<Participants>,
    required_duration: Minutes,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_interval: Option<Minutes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    buffer: Option<SequenceBuffer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    query_periods: Vec<QueryPeriod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<RealTimeSchedulingEvent>,
}

impl SequenceStep {
    /// A step with your `sequence_id` for it (returned with each result), its `ordinal`
    /// (steps are scheduled in ascending order), participant groups, and length.
    pub fn new(
        sequence_id: impl Into<String>,
        ordinal: u32,
        participants: Vec<Participants>,
        required_duration: Minutes,
    ) -> Self {
        SequenceStep {
            sequence_id: sequence_id.into(),
            ordinal,
            participants,
            required_duration,
            start_interval: None,
            buffer: None,
            query_periods: Vec::new(),
            event: None,
        }
    }

    /// This step may only take place within these periods (within the query's).
    pub fn query_periods(mut self, periods: impl IntoIterator<Item = QueryPeriod>) -> Self {
        self.query_periods = periods.into_iter().collect();
        self
    }

    /// The event this step creates, in a
    /// [real-time sequencing](crate::scheduling::create_real_time_sequencing) link.
    pub fn event(mut self, event: RealTimeSchedulingEvent) -> Self {
        self.event = Some(event);
        self
    }

    /// This step may only start at multiples of this interval.
    pub fn start_interval(mut self, interval: Minutes) -> Self {
        self.start_interval = Some(interval);
        self
    }

    /// The gap to leave before and after this step.
    pub fn buffer(mut self, buffer: SequenceBuffer) -> Self {
        self.buffer = Some(buffer);
        self
    }
}

/// The body of [`query_sequenced_availability()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SequencedAvailabilityResponse {
    /// The options found: each a time for every step of the sequence.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub sequences: Vec<AvailableSequence>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// One way to schedule the whole sequence.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AvailableSequence {
    /// A time for each step.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub sequence: Vec<ScheduledStep>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// When one step of a sequence could take place.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ScheduledStep {
    /// Your id of the step, as given in [`SequenceStep::new`] (a number Cronofy echoes is
    /// read as its text).
    #[serde(deserialize_with = "crate::wire::string_or_number")]
    pub sequence_id: String,
    /// Start.
    pub start: UtcTime,
    /// End.
    pub end: UtcTime,
    /// Who is available for it.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub participants: Vec<AvailableParticipant>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
