//! What availability queries are made of: participant groups and their members, periods,
//! buffers. Shared by [`QueryAvailability`](super::QueryAvailability), sequenced availability
//! and real-time scheduling.

use serde::{Deserialize, Serialize, Serializer};

use crate::invalid_request;
use crate::time::{Minutes, UtcTime};

/// A group of participants, and how many of them must be available.
///
/// ```
/// use cronofy::availability::{Member, Participants};
///
/// let interviewers = Participants::at_least(
///     1,
///     [
///         Member::new("acc_5ba21743f408617d1269ea1e").calendar_ids(["cal_1"]),
///         Member::new("acc_64b17d868090ea21640c914c").managed_availability(true),
///     ],
/// );
/// let candidate = Participants::all(["acc_64b17d868090ea21640c914c"]);
/// let interview = [interviewers, candidate];
/// assert_eq!(interview.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participants {
    members: Vec<Member>,
    required: Option<u32>,
}

impl Participants {
    /// Every one of these members (by `sub`, or [`Member`]s with options) must be available.
    pub fn all<I, M>(members: I) -> Self
    where
        I: IntoIterator<Item = M>,
        M: Into<Member>,
    {
        Participants {
            members: members.into_iter().map(Into::into).collect(),
            required: None,
        }
    }

    /// At least `count` of these members must be available: from 1 to the number of members
    /// (anything else is refused before sending).
    pub fn at_least<I, M>(count: u32, members: I) -> Self
    where
        I: IntoIterator<Item = M>,
        M: Into<Member>,
    {
        Participants {
            members: members.into_iter().map(Into::into).collect(),
            required: Some(count),
        }
    }
}

impl Serialize for Participants {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Required {
            All(&'static str),
            Count(u32),
        }
        #[derive(Serialize)]
        struct Wire<'a> {
            members: &'a [Member],
            required: Required,
        }
        if self.members.is_empty() {
            return Err(invalid_request("a participant group has no members"));
        }
        let required = match self.required {
            None => Required::All("all"),
            Some(count) if count == 0 || count as usize > self.members.len() => {
                return Err(invalid_request(format_args!(
                    "a participant group requires {count} of its {} members: it must be from 1 to the number of members",
                    self.members.len()
                )));
            }
            Some(count) => Required::Count(count),
        };
        Wire {
            members: &self.members,
            required,
        }
        .serialize(serializer)
    }
}

/// One participant of an availability query: an account or resource (`sub`), and which of its
/// calendars and availability count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct Member {
    sub: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    calendar_ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    available_periods: Vec<QueryPeriod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    managed_availability: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    availability_rule_ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    availability_constraints: Vec<AvailabilityConstraint>,
}

impl Member {
    /// The account or resource `sub` (`acc_...`, `res_...`), all of its calendars counting.
    pub fn new(sub: impl Into<String>) -> Self {
        Member {
            sub: sub.into(),
            calendar_ids: Vec::new(),
            available_periods: Vec::new(),
            managed_availability: None,
            availability_rule_ids: Vec::new(),
            availability_constraints: Vec::new(),
        }
    }

    /// Only these of the member's calendars count.
    pub fn calendar_ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.calendar_ids = ids.into_iter().map(Into::into).collect();
        self
    }

    /// The member is only available within these periods (on top of the query's).
    pub fn available_periods(mut self, periods: impl IntoIterator<Item = QueryPeriod>) -> Self {
        self.available_periods = periods.into_iter().collect();
        self
    }

    /// Whether the member's own availability rules and available periods apply.
    pub fn managed_availability(mut self, yes: bool) -> Self {
        self.managed_availability = Some(yes);
        self
    }

    /// Only these of the member's availability rules apply.
    pub fn availability_rule_ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.availability_rule_ids = ids.into_iter().map(Into::into).collect();
        self
    }

    /// Caps on how many events the member takes per day or week.
    pub fn availability_constraints(
        mut self,
        constraints: impl IntoIterator<Item = AvailabilityConstraint>,
    ) -> Self {
        self.availability_constraints = constraints.into_iter().collect();
        self
    }
}

impl From<&str> for Member {
    fn from(sub: &str) -> Self {
        Member::new(sub)
    }
}

impl From<String> for Member {
    fn from(sub: String) -> Self {
        Member::new(sub)
    }
}

/// A cap on how many events a member takes in a period: "at most 3 a day".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct AvailabilityConstraint {
    limit: u32,
    period: ConstraintPeriod,
    #[serde(skip_serializing_if = "Option::is_none")]
    tzid: Option<String>,
}

impl AvailabilityConstraint {
    /// At most `limit` events per `period`.
    pub fn new(limit: u32, period: ConstraintPeriod) -> Self {
        AvailabilityConstraint {
            limit,
            period,
            tzid: None,
        }
    }

    /// The time zone (IANA id) in which days and weeks are counted.
    pub fn tzid(mut self, tzid: impl Into<String>) -> Self {
        self.tzid = Some(tzid.into());
        self
    }
}

cronofy_core::open_enum! {
    /// The period an [`AvailabilityConstraint`] counts events in.
    pub enum ConstraintPeriod {
        /// `day`
        Day = "day",
        /// `week`
        Week = "week",
    }
}

/// A period of time, from `start` to `end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryPeriod {
    /// Start.
    pub start: UtcTime,
    /// End.
    pub end: UtcTime,
}

impl QueryPeriod {
    /// The period from `start` to `end`.
    pub fn new(start: UtcTime, end: UtcTime) -> Self {
        QueryPeriod { start, end }
    }
}

/// Free time required around the meeting: an exact length, or a range.
///
/// ```
/// use cronofy::availability::{AvailabilityBuffer, BufferRange};
/// use cronofy::time::Minutes;
///
/// fn main() -> Result<(), serde_json::Error> {
///     let buffer = AvailabilityBuffer::new().before(Minutes::new(15)).after(
///         BufferRange::new()
///             .minimum(Minutes::new(5))
///             .maximum(Minutes::new(30)),
///     );
///     assert_eq!(
///         serde_json::to_value(buffer)?,
///         serde_json::json!({
///             "before": {"minutes": 15},
///             "after": {"minimum": {"minutes": 5}, "maximum": {"minutes": 30}}
///         })
///     );
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[must_use]
pub struct AvailabilityBuffer {
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<BufferLength>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<BufferLength>,
}

/// The buffer of a sequence step: the same as a query's.
pub type SequenceBuffer = AvailabilityBuffer;

impl AvailabilityBuffer {
    /// No buffer.
    pub fn new() -> Self {
        AvailabilityBuffer::default()
    }

    /// Free time required before the meeting: [`Minutes`], or a [`BufferRange`].
    pub fn before(mut self, length: impl Into<BufferLength>) -> Self {
        self.before = Some(length.into());
        self
    }

    /// Free time required after the meeting: [`Minutes`], or a [`BufferRange`].
    pub fn after(mut self, length: impl Into<BufferLength>) -> Self {
        self.after = Some(length.into());
        self
    }
}

/// A buffer's length: exact, or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum BufferLength {
    /// Exactly this long: `{"minutes": 15}`.
    Exact(Minutes),
    /// At least `minimum`, and up to `maximum` when the time is there.
    Range(BufferRange),
}

impl From<Minutes> for BufferLength {
    fn from(minutes: Minutes) -> Self {
        BufferLength::Exact(minutes)
    }
}

impl From<BufferRange> for BufferLength {
    fn from(range: BufferRange) -> Self {
        BufferLength::Range(range)
    }
}

/// A buffer between a minimum and a maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[must_use]
pub struct BufferRange {
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum: Option<Minutes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum: Option<Minutes>,
}

impl BufferRange {
    /// No bounds yet.
    pub fn new() -> Self {
        BufferRange::default()
    }

    /// At least this long.
    pub fn minimum(mut self, duration: Minutes) -> Self {
        self.minimum = Some(duration);
        self
    }

    /// At most this long.
    pub fn maximum(mut self, duration: Minutes) -> Self {
        self.maximum = Some(duration);
        self
    }
}
