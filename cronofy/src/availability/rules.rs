//! Availability rules: a user's recurring working hours, used by availability queries.
//!
//! A rule says on which days and between which local times the user can be booked, in one
//! time zone, and optionally which calendars count as busy. Availability queries use it for
//! members with `managed_availability`.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};

/// Creates the rule with `availability_rule_id` for the user, or replaces it if it exists.
///
/// Needs a user credential. Cronofy answers with the rule as saved (`Some`), or with an empty
/// `202 Accepted` (`None`); sources differ, and both are read.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/availability-rules/upsert-availability-rule/)
///
/// ```no_run
/// use cronofy::availability::{AvailabilityRule, TimeOfDay, Weekday, WeeklyPeriod};
/// use cronofy::{Client, UserToken};
///
/// async fn set_working_hours(
///     client: &Client,
///     user: &UserToken,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let rule = AvailabilityRule::new(
///         "default",
///         "Europe/London",
///         vec![
///             WeeklyPeriod::new(
///                 Weekday::Monday,
///                 TimeOfDay::new(9, 30)?,
///                 TimeOfDay::new(12, 30)?,
///             ),
///             WeeklyPeriod::new(
///                 Weekday::Monday,
///                 TimeOfDay::new(14, 0)?,
///                 TimeOfDay::new(17, 0)?,
///             ),
///         ],
///     )
///     .calendar_ids(["cal_n23kjnwrw2_jsdfjksn234"]);
///     if let Some(saved) =
///         cronofy::availability::upsert_availability_rule(client, user, &rule).await?
///     {
///         println!("saved {}", saved.availability_rule.availability_rule_id);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "POST",
    path = "/v1/availability_rules",
    idempotent = true
)]
pub async fn upsert_availability_rule(
    #[body] rule: &AvailabilityRule,
) -> Option<AvailabilityRuleResponse>;

/// Lists the user's availability rules.
///
/// Needs a user credential.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/availability-rules/list-availability-rules/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn show_rules(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let rules = cronofy::availability::list_availability_rules(client, user).await?;
///     for rule in &rules.availability_rules {
///         println!(
///             "{} ({}): {} periods",
///             rule.availability_rule_id,
///             rule.tzid,
///             rule.weekly_periods.len()
///         );
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/availability_rules")]
pub async fn list_availability_rules() -> AvailabilityRuleList;

/// Reads one of the user's availability rules by its id.
///
/// Needs a user credential. An unknown id is [`Error::NotFound`](crate::Error::NotFound).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/availability-rules/read-availability-rule/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn show_working_hours(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let rule = cronofy::availability::read_availability_rule(client, user, "default").await?;
///     for period in &rule.availability_rule.weekly_periods {
///         println!(
///             "{:?}: {:?} to {:?}",
///             period.day, period.start_time, period.end_time
///         );
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "GET",
    path = "/v1/availability_rules/{availability_rule_id}"
)]
pub async fn read_availability_rule(availability_rule_id: &str) -> AvailabilityRuleResponse;

/// Deletes one of the user's availability rules.
///
/// Needs a user credential. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/availability-rules/delete-availability-rule/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn forget_working_hours(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     cronofy::availability::delete_availability_rule(client, user, "default").await?;
///     println!("the rule `default` no longer applies");
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "DELETE",
    path = "/v1/availability_rules/{availability_rule_id}"
)]
pub async fn delete_availability_rule(availability_rule_id: &str);

/// An availability rule: the body of [`upsert_availability_rule()`], and what Cronofy returns.
///
/// Built with [`new`](Self::new); read from responses, where `calendar_ids` may be absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[must_use]
pub struct AvailabilityRule {
    /// Your id for the rule (ASCII, up to 64 characters), e.g. `default`.
    pub availability_rule_id: String,
    /// The time zone the weekly periods are in (IANA id), e.g. `Europe/London`.
    pub tzid: String,
    /// The calendars whose events make the user busy; when empty (not sent), all of them.
    #[serde(
        default,
        deserialize_with = "crate::wire::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub calendar_ids: Vec<String>,
    /// When in the week the user is available.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub weekly_periods: Vec<WeeklyPeriod>,
    /// Every other field Cronofy sent, kept as JSON; sent back as is.
    #[serde(flatten)]
    pub extra: crate::Extra,
    /// What [`field`](Self::field) adds: sent, never read.
    #[serde(flatten, skip_deserializing)]
    added: ExtraFields,
}

extensible_body!(AvailabilityRule.added {
    "availability_rule_id",
    "tzid",
    "calendar_ids",
    "weekly_periods",
});

impl AvailabilityRule {
    /// A rule with your id for it, its time zone (IANA id) and the weekly periods.
    pub fn new(
        availability_rule_id: impl Into<String>,
        tzid: impl Into<String>,
        weekly_periods: Vec<WeeklyPeriod>,
    ) -> Self {
        AvailabilityRule {
            availability_rule_id: availability_rule_id.into(),
            tzid: tzid.into(),
            calendar_ids: Vec::new(),
            weekly_periods,
            extra: crate::Extra::new(),
            added: ExtraFields::default(),
        }
    }

    /// Only events in these calendars make the user busy (at least one when given).
    pub fn calendar_ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.calendar_ids = ids.into_iter().map(Into::into).collect();
        self
    }
}

/// A recurring weekly period: a day and a local start and end time, e.g. Monday 09:30-12:30.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WeeklyPeriod {
    /// The day of the week.
    pub day: Weekday,
    /// The local time the period starts.
    pub start_time: TimeOfDay,
    /// The local time the period ends.
    pub end_time: TimeOfDay,
    /// Every other field Cronofy sent, kept as JSON; sent back as is.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl WeeklyPeriod {
    /// Every `day`, from `start_time` to `end_time` in the rule's time zone.
    pub fn new(day: Weekday, start_time: TimeOfDay, end_time: TimeOfDay) -> Self {
        WeeklyPeriod {
            day,
            start_time,
            end_time,
            extra: crate::Extra::new(),
        }
    }
}

cronofy_core::open_enum! {
    /// A day of the week, written in lower case (`monday`).
    pub enum Weekday {
        /// `sunday`
        Sunday = "sunday",
        /// `monday`
        Monday = "monday",
        /// `tuesday`
        Tuesday = "tuesday",
        /// `wednesday`
        Wednesday = "wednesday",
        /// `thursday`
        Thursday = "thursday",
        /// `friday`
        Friday = "friday",
        /// `saturday`
        Saturday = "saturday",
    }
}

/// A local time of day with minutes, written `09:30`. `24:00` is accepted as the end of a day.
///
/// ```
/// use cronofy::availability::TimeOfDay;
///
/// fn main() -> Result<(), cronofy::availability::TimeOfDayError> {
///     let t: TimeOfDay = "09:30".parse()?;
///     assert_eq!(t, TimeOfDay::new(9, 30)?);
///     assert_eq!(t.to_string(), "09:30");
///     assert!("9:30".parse::<TimeOfDay>().is_err());
///     assert!(TimeOfDay::new(24, 1).is_err());
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
}

/// Text or numbers that are not a time of day `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a time of day such as 09:30")]
pub struct TimeOfDayError(String);

impl TimeOfDay {
    /// `hour` (0-23, or 24 with `minute` 0) and `minute` (0-59).
    pub fn new(hour: u8, minute: u8) -> Result<Self, TimeOfDayError> {
        if (hour < 24 && minute < 60) || (hour == 24 && minute == 0) {
            Ok(TimeOfDay { hour, minute })
        } else {
            Err(TimeOfDayError(format!("{hour:02}:{minute:02}")))
        }
    }

    /// The hour, 0-24.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// The minute, 0-59.
    pub fn minute(self) -> u8 {
        self.minute
    }
}

impl FromStr for TimeOfDay {
    type Err = TimeOfDayError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || TimeOfDayError(text.chars().take(16).collect());
        let (hour, minute) = text.split_once(':').ok_or_else(invalid)?;
        let number = |part: &str| {
            (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u8>().ok())
                .flatten()
        };
        match (number(hour), number(minute)) {
            (Some(hour), Some(minute)) => TimeOfDay::new(hour, minute).map_err(|_| invalid()),
            _ => Err(invalid()),
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

/// The body of [`list_availability_rules()`]. Also read from a bare array of rules, as older
/// beta responses were.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AvailabilityRuleList {
    /// The user's rules.
    pub availability_rules: Vec<AvailabilityRule>,
    /// Every other field Cronofy sent, kept as JSON.
    pub extra: crate::Extra,
}

impl<'de> Deserialize<'de> for AvailabilityRuleList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Wrapped {
                #[serde(default, deserialize_with = "crate::wire::null_as_default")]
                availability_rules: Vec<AvailabilityRule>,
                #[serde(flatten)]
                extra: crate::Extra,
            },
            Bare(Vec<AvailabilityRule>),
        }
        Ok(match Wire::deserialize(deserializer)? {
            Wire::Wrapped {
                availability_rules,
                extra,
            } => AvailabilityRuleList {
                availability_rules,
                extra,
            },
            Wire::Bare(availability_rules) => AvailabilityRuleList {
                availability_rules,
                extra: crate::Extra::new(),
            },
        })
    }
}

/// The body of [`read_availability_rule()`] and [`upsert_availability_rule()`]. Also read from
/// the bare rule, as older beta responses were.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AvailabilityRuleResponse {
    /// The rule.
    pub availability_rule: AvailabilityRule,
    /// Every other field Cronofy sent, kept as JSON.
    pub extra: crate::Extra,
}

impl<'de> Deserialize<'de> for AvailabilityRuleResponse {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Wrapped {
                availability_rule: AvailabilityRule,
                #[serde(flatten)]
                extra: crate::Extra,
            },
            Bare(AvailabilityRule),
        }
        Ok(match Wire::deserialize(deserializer)? {
            Wire::Wrapped {
                availability_rule,
                extra,
            } => AvailabilityRuleResponse {
                availability_rule,
                extra,
            },
            Wire::Bare(availability_rule) => AvailabilityRuleResponse {
                availability_rule,
                extra: crate::Extra::new(),
            },
        })
    }
}
