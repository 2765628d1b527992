//! Finding times when participants are available.

use serde::{Deserialize, Serialize};

use crate::cronofy_endpoint;
use crate::time::{Minutes, UtcTime};

/// Finds the periods in which the participants are available.
///
/// Cronofy accepts the application's credentials (the API key, for any of your users by their
/// `sub`) or a user's own token.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/availability/)
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
/// use cronofy::time::{Minutes, UtcTime};
/// use cronofy::availability::{Participants, QueryPeriod, SequenceStep, QuerySequencedAvailability};
///
/// # async fn run(client: cronofy::Client, app: cronofy::AppCredentials) -> Result<(), Box<dyn std::error::Error>> {
/// let query = QuerySequencedAvailability::new(
///     vec![
///         SequenceStep::new("screening", 1, vec![Participants::all(["acc_1"])], Minutes::new(30)),
///         SequenceStep::new("technical", 2, vec![Participants::all(["acc_2"])], Minutes::new(60)),
///     ],
///     vec![QueryPeriod::new(
///         UtcTime::parse("2026-11-23T09:00:00Z")?,
///         UtcTime::parse("2026-11-23T17:00:00Z")?,
///     )],
/// );
/// for option in cronofy::availability::query_sequenced_availability(&client, &app, &query).await?.sequences {
///     for step in &option.sequence {
///         println!("{}: {} - {}", step.sequence_id, step.start, step.end);
///     }
/// }
/// # Ok(()) }
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
/// use cronofy::time::{Minutes, UtcTime};
/// use cronofy::availability::{QueryAvailability, Participants, QueryPeriod};
///
/// let query = QueryAvailability::new(
///     vec![Participants::all(["acc_5ba21743f408617d1269ea1e"])],
///     Minutes::new(60),
///     vec![QueryPeriod::new(
///         UtcTime::parse("2026-11-23T09:00:00Z")?,
///         UtcTime::parse("2026-11-23T17:00:00Z")?,
///     )],
/// );
/// # Ok::<(), cronofy::time::TimeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct QueryAvailability {
    participants: Vec<Participants>,
    required_duration: Minutes,
    query_periods: Vec<QueryPeriod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    buffer: Option<AvailabilityBuffer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_interval: Option<Minutes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_format: Option<AvailabilityResponseFormat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_results: Option<u32>,
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
            query_periods,
            buffer: None,
            start_interval: None,
            response_format: None,
            max_results: None,
        }
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

/// Time that must be free around a meeting: `{"before": {"minutes": 30}, "after": {...}}`.
///
/// ```
/// use cronofy::availability::AvailabilityBuffer;
/// use cronofy::time::Minutes;
///
/// let buffer = AvailabilityBuffer::new()
///     .before(Minutes::new(30))
///     .after(Minutes::new(15));
/// assert_eq!(
///     serde_json::to_value(&buffer).unwrap(),
///     serde_json::json!({"before": {"minutes": 30}, "after": {"minutes": 15}})
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[must_use]
pub struct AvailabilityBuffer {
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<Minutes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<Minutes>,
}

impl AvailabilityBuffer {
    /// No buffer yet; add [`before`](Self::before) and/or [`after`](Self::after).
    pub fn new() -> Self {
        AvailabilityBuffer::default()
    }

    /// Free time required before the meeting.
    pub fn before(mut self, duration: Minutes) -> Self {
        self.before = Some(duration);
        self
    }

    /// Free time required after the meeting.
    pub fn after(mut self, duration: Minutes) -> Self {
        self.after = Some(duration);
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

/// A group of participants, and how many of them must be available.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participants {
    members: Vec<Member>,
    required: Required,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Member {
    sub: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum Required {
    All(&'static str),
    Count(u32),
}

impl Participants {
    /// Every one of these accounts (by `sub`) must be available.
    pub fn all<I, S>(subs: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Participants {
            members: subs.into_iter().map(|s| Member { sub: s.into() }).collect(),
            required: Required::All("all"),
        }
    }

    /// At least `count` of these accounts must be available.
    pub fn at_least<I, S>(count: u32, subs: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Participants {
            members: subs.into_iter().map(|s| Member { sub: s.into() }).collect(),
            required: Required::Count(count),
        }
    }
}

/// A period to search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryPeriod {
    /// Start.
    pub start: UtcTime,
    /// End.
    pub end: UtcTime,
}

impl QueryPeriod {
    /// A period from `start` to `end`.
    pub fn new(start: UtcTime, end: UtcTime) -> Self {
        QueryPeriod { start, end }
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
}

/// A participant available in a period.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AvailableParticipant {
    /// The account's `sub`.
    pub sub: String,
}

/// The body of [`query_sequenced_availability()`]: the steps of the sequence, and the periods in which
/// to find times for all of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct QuerySequencedAvailability {
    sequence: Vec<SequenceStep>,
    query_periods: Vec<QueryPeriod>,
}

impl QuerySequencedAvailability {
    /// The steps, and the periods to search.
    pub fn new(sequence: Vec<SequenceStep>, query_periods: Vec<QueryPeriod>) -> Self {
        QuerySequencedAvailability {
            sequence,
            query_periods,
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
        }
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

/// The gaps around one step of a sequence, each with a minimum and a maximum:
/// `{"before": {"minimum": {"minutes": 30}, "maximum": {"minutes": 60}}, "after": {...}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[must_use]
pub struct SequenceBuffer {
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<BufferRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<BufferRange>,
}

impl SequenceBuffer {
    /// No gaps yet; add [`before`](Self::before) and/or [`after`](Self::after).
    pub fn new() -> Self {
        SequenceBuffer::default()
    }

    /// The gap before the step.
    pub fn before(mut self, range: BufferRange) -> Self {
        self.before = Some(range);
        self
    }

    /// The gap after the step.
    pub fn after(mut self, range: BufferRange) -> Self {
        self.after = Some(range);
        self
    }
}

/// A gap of at least `minimum` and at most `maximum`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[must_use]
pub struct BufferRange {
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum: Option<Minutes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum: Option<Minutes>,
}

impl BufferRange {
    /// No bounds yet; add [`minimum`](Self::minimum) and/or [`maximum`](Self::maximum).
    pub fn new() -> Self {
        BufferRange::default()
    }

    /// The gap is at least this long.
    pub fn minimum(mut self, duration: Minutes) -> Self {
        self.minimum = Some(duration);
        self
    }

    /// The gap is at most this long.
    pub fn maximum(mut self, duration: Minutes) -> Self {
        self.maximum = Some(duration);
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
}

/// One way to schedule the whole sequence.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AvailableSequence {
    /// A time for each step.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub sequence: Vec<ScheduledStep>,
}

/// When one step of a sequence could take place.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ScheduledStep {
    /// Your id of the step, as given in [`SequenceStep::new`].
    pub sequence_id: String,
    /// Start.
    pub start: UtcTime,
    /// End.
    pub end: UtcTime,
    /// Who is available for it.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub participants: Vec<AvailableParticipant>,
}
