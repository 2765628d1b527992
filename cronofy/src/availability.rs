//! Finding times when participants are available.

use serde::{Deserialize, Serialize};

use crate::cronofy_endpoint;

/// Finds the periods in which the participants are available.
///
/// Cronofy accepts the application's credentials (the API key, for any of your users by their
/// `sub`) or a user's own token.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/availability/)
#[cronofy_endpoint(auth = "user" | "app", method = "POST", path = "/v1/availability")]
pub async fn availability(#[body] query: &AvailabilityQuery) -> AvailabilityResponse;

/// The body of [`availability()`]: who, for how long, and within which periods.
///
/// ```
/// use cronofy::{AvailabilityQuery, Participants, QueryPeriod};
///
/// let query = AvailabilityQuery::new(
///     vec![Participants::all(["acc_5ba21743f408617d1269ea1e"])],
///     60,
///     vec![QueryPeriod::new("2026-11-23T09:00:00Z", "2026-11-23T17:00:00Z")],
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct AvailabilityQuery {
    participants: Vec<Participants>,
    required_duration: Duration,
    query_periods: Vec<QueryPeriod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_results: Option<u32>,
}

impl AvailabilityQuery {
    /// Participant groups, the length of the meeting in minutes, and the periods to search.
    pub fn new(
        participants: Vec<Participants>,
        required_minutes: u32,
        query_periods: Vec<QueryPeriod>,
    ) -> Self {
        AvailabilityQuery {
            participants,
            required_duration: Duration {
                minutes: required_minutes,
            },
            query_periods,
            max_results: None,
        }
    }

    /// At most this many results.
    pub fn max_results(mut self, max_results: u32) -> Self {
        self.max_results = Some(max_results);
        self
    }
}

/// A length of time in minutes, as Cronofy writes it: `{"minutes": 60}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duration {
    /// Minutes.
    pub minutes: u32,
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

/// A period to search, as RFC 3339 times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryPeriod {
    /// Start (RFC 3339).
    pub start: String,
    /// End (RFC 3339).
    pub end: String,
}

impl QueryPeriod {
    /// A period from `start` to `end`.
    pub fn new(start: impl Into<String>, end: impl Into<String>) -> Self {
        QueryPeriod {
            start: start.into(),
            end: end.into(),
        }
    }
}

/// The body of [`availability()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AvailabilityResponse {
    /// The periods in which enough participants are available.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub available_periods: Vec<AvailablePeriod>,
}

/// One available period.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AvailablePeriod {
    /// Start (RFC 3339).
    pub start: String,
    /// End (RFC 3339).
    pub end: String,
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
