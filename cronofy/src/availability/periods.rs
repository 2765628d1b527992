//! Available periods: explicit windows in which a user can be booked.
//!
//! Unlike [availability rules](crate::availability::AvailabilityRule), which repeat every week, an
//! available period is one window with a start and an end. Availability queries use them for
//! members with `managed_availability`.

use serde::{Deserialize, Serialize};

use crate::fields::{ExtraFields, extensible_body};
use crate::time::{Date, EventTime, UtcTime};
use crate::{Page, cronofy_endpoint};

/// Creates the available period with `available_period_id` for the user, or updates it.
///
/// Needs a user credential. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/available-periods/upsert/)
///
/// ```no_run
/// use cronofy::availability::UpsertAvailablePeriod;
/// use cronofy::time::UtcTime;
/// use cronofy::{Client, UserToken};
///
/// async fn offer_slot(
///     client: &Client,
///     user: &UserToken,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let period = UpsertAvailablePeriod::new(
///         "slot-42",
///         UtcTime::parse("2026-11-23T15:30:00Z")?,
///         UtcTime::parse("2026-11-23T17:00:00Z")?,
///     )
///     .tzid("Europe/London");
///     cronofy::availability::upsert_available_period(client, user, &period).await?;
///     println!("slot-42 can be booked");
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "POST",
    path = "/v1/available_periods",
    idempotent = true
)]
pub async fn upsert_available_period(#[body] period: &UpsertAvailablePeriod);

/// Reads one page of the user's available periods; [`read_all_available_periods`] reads every
/// page.
///
/// Needs a user credential.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/available-periods/read/)
///
/// ```no_run
/// use cronofy::availability::ReadAvailablePeriods;
/// use cronofy::time::Date;
/// use cronofy::{Client, UserToken};
///
/// async fn show_slots(
///     client: &Client,
///     user: &UserToken,
///     from: Date,
/// ) -> Result<(), cronofy::Error> {
///     let query = ReadAvailablePeriods::new("Europe/London").from(from);
///     let first_page =
///         cronofy::availability::read_available_periods(client, user, &query).await?;
///     for period in &first_page.items {
///         println!(
///             "{}: {:?} to {:?}",
///             period.available_period_id, period.start, period.end
///         );
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "GET",
    path = "/v1/available_periods",
    paged = "available_periods"
)]
pub async fn read_available_periods(
    #[query] query: &ReadAvailablePeriods,
) -> Page<UserAvailablePeriod>;

/// Deletes one of the user's available periods by its id
/// ([`DeleteAvailablePeriod::new`]), or all of them ([`DeleteAvailablePeriod::all`]).
///
/// Needs a user credential. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/available-periods/delete/),
/// [bulk delete](https://docs.cronofy.com/developers/api/scheduling/available-periods/bulk-delete/)
///
/// ```no_run
/// use cronofy::availability::DeleteAvailablePeriod;
/// use cronofy::{Client, UserToken};
///
/// async fn clear_slot(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let one = DeleteAvailablePeriod::new("slot-42");
///     cronofy::availability::delete_available_period(client, user, &one).await?;
///     // Every available period of the user:
///     let all = DeleteAvailablePeriod::all();
///     cronofy::availability::delete_available_period(client, user, &all).await?;
///     println!("no slots left");
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "DELETE", path = "/v1/available_periods")]
pub async fn delete_available_period(#[body] period: &DeleteAvailablePeriod);

/// The body of [`upsert_available_period()`]: your id for the period, its start and its end.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct UpsertAvailablePeriod {
    available_period_id: String,
    start: EventTime,
    end: EventTime,
    #[serde(flatten)]
    extra: ExtraFields,
}

impl UpsertAvailablePeriod {
    /// A period with your id for it (ASCII, up to 64 characters), from `start` to `end`.
    pub fn new(available_period_id: impl Into<String>, start: UtcTime, end: UtcTime) -> Self {
        UpsertAvailablePeriod {
            available_period_id: available_period_id.into(),
            start: start.into(),
            end: end.into(),
            extra: ExtraFields::default(),
        }
    }

    /// The time zone (IANA id) the period belongs to; sent as `{"time": ..., "tzid": ...}`,
    /// the form Cronofy documents (no top-level `tzid`, which only one SDK tries to send).
    pub fn tzid(mut self, tzid: impl Into<String>) -> Self {
        let tzid = tzid.into();
        for at in [&mut self.start, &mut self.end] {
            if let Some(time) = at.time() {
                *at = EventTime::zoned(time, tzid.clone());
            }
        }
        self
    }
}

/// The body of [`delete_available_period()`]: one period by the id your application gave it,
/// or every period of the user.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct DeleteAvailablePeriod {
    #[serde(skip_serializing_if = "Option::is_none")]
    available_period_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delete_all: Option<bool>,
    #[serde(flatten)]
    extra: ExtraFields,
}

impl DeleteAvailablePeriod {
    /// Deletes the period with this id: `{"available_period_id": ...}`.
    pub fn new(available_period_id: impl Into<String>) -> Self {
        DeleteAvailablePeriod {
            available_period_id: Some(available_period_id.into()),
            delete_all: None,
            extra: ExtraFields::default(),
        }
    }

    /// Deletes every available period of the user: `{"delete_all": true}`.
    pub fn all() -> Self {
        DeleteAvailablePeriod {
            available_period_id: None,
            delete_all: Some(true),
            extra: ExtraFields::default(),
        }
    }

    /// The id of the period deleted; `None` when deleting all.
    pub fn available_period_id(&self) -> Option<&str> {
        self.available_period_id.as_deref()
    }

    /// Whether every period of the user is deleted.
    pub fn deletes_all(&self) -> bool {
        self.delete_all == Some(true)
    }
}

extensible_body!(DeleteAvailablePeriod {
    "available_period_id",
    "delete_all"
});

extensible_body!(UpsertAvailablePeriod {
    "available_period_id",
    "start",
    "end"
});

/// The query of [`read_available_periods()`]: a time zone, and optional filters.
///
/// ```
/// use cronofy::availability::ReadAvailablePeriods;
/// use cronofy::time::Date;
///
/// fn main() -> Result<(), cronofy::time::TimeError> {
///     let query = ReadAvailablePeriods::new("Europe/London")
///         .from(Date::parse("2026-11-23")?)
///         .to(Date::parse("2026-11-30")?);
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ReadAvailablePeriods {
    tzid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    localized_times: Option<bool>,
}

impl ReadAvailablePeriods {
    /// Periods in time zone `tzid` (an IANA id). Cronofy needs it with `from` or `to`, and
    /// recommends one `tzid` for all of a user's requests.
    pub fn new(tzid: impl Into<String>) -> Self {
        ReadAvailablePeriods {
            tzid: tzid.into(),
            from: None,
            to: None,
            localized_times: None,
        }
    }

    /// Periods ending on or after this day.
    pub fn from(mut self, date: Date) -> Self {
        self.from = Some(date);
        self
    }

    /// Periods starting before this day (exclusive).
    pub fn to(mut self, date: Date) -> Self {
        self.to = Some(date);
        self
    }

    /// Return times in the time zone `tzid` instead of UTC.
    pub fn localized_times(mut self, yes: bool) -> Self {
        self.localized_times = Some(yes);
        self
    }
}

/// One of the user's available periods, as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UserAvailablePeriod {
    /// Your id for the period.
    pub available_period_id: String,
    /// Start: a time (with an offset when `localized_times` was asked for), possibly with its
    /// `tzid`.
    pub start: EventTime,
    /// End.
    pub end: EventTime,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
