//! Cronofy's time values, on the [`time`](https://docs.rs/time) crate.
//!
//! - [`UtcTime`]: an instant, written `2026-11-23T09:30:00Z` (UTC, whole seconds); any RFC 3339
//!   offset is read (`localized_times=true` answers with offsets).
//! - [`Date`]: a calendar day, `2026-11-23`, for all-day events (end dates are exclusive).
//! - [`EventTime`]: when an event starts or ends: a time, a date, or a time with its `tzid`.
//! - [`Minutes`]: `{"minutes": 60}`.
//!
//! Time zones are IANA names (`Europe/London`) passed as text: Cronofy does the zone
//! arithmetic, so no time zone database is needed here.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// A value that is not a valid time, date or duration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not {expected}")]
pub struct TimeError {
    value: String,
    expected: &'static str,
}

impl TimeError {
    fn new(value: &str, expected: &'static str) -> Self {
        TimeError {
            value: value.chars().take(64).collect(),
            expected,
        }
    }
}

/// An instant. Written as UTC with whole seconds and `Z` (`2026-11-23T09:30:00Z`), as Cronofy
/// expects; read from RFC 3339 with any offset, which is converted to UTC. Fractions of a
/// second are kept here but not written.
///
/// ```
/// use cronofy::time::UtcTime;
///
/// fn main() -> Result<(), cronofy::time::TimeError> {
///     let t: UtcTime = "2026-11-23T10:30:00.75+01:00".parse()?;
///     assert_eq!(t.to_string(), "2026-11-23T09:30:00Z");
///     Ok(())
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcTime(OffsetDateTime);

impl UtcTime {
    const EXPECTED: &'static str = "an RFC 3339 time such as 2026-11-23T09:30:00Z";

    /// Reads an RFC 3339 time with any offset.
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        OffsetDateTime::parse(text.trim(), &Rfc3339)
            .map(UtcTime::from)
            .map_err(|_| TimeError::new(text, Self::EXPECTED))
    }

    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(seconds: i64) -> Result<Self, TimeError> {
        OffsetDateTime::from_unix_timestamp(seconds)
            .map(UtcTime)
            .map_err(|_| TimeError::new(&seconds.to_string(), "a representable Unix time"))
    }

    /// Now, by the system clock.
    pub fn now() -> Self {
        UtcTime(OffsetDateTime::now_utc())
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.0.unix_timestamp()
    }

    /// The calendar day of this instant in UTC.
    pub fn date(self) -> Date {
        Date(self.0.date())
    }

    /// As a `time` value, in UTC.
    pub fn as_offset_date_time(self) -> OffsetDateTime {
        self.0
    }
}

impl From<OffsetDateTime> for UtcTime {
    fn from(value: OffsetDateTime) -> Self {
        UtcTime(value.to_offset(UtcOffset::UTC))
    }
}

impl FromStr for UtcTime {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        UtcTime::parse(s)
    }
}

impl fmt::Display for UtcTime {
    /// `2026-11-23T09:30:00Z`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            Date(t.date()),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

impl fmt::Debug for UtcTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UtcTime({self})")
    }
}

impl Serialize for UtcTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for UtcTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        UtcTime::parse(&text).map_err(de::Error::custom)
    }
}

/// A calendar day, written `2026-11-23`.
///
/// ```
/// use cronofy::time::Date;
///
/// fn main() -> Result<(), cronofy::time::TimeError> {
///     let d: Date = "2026-11-23".parse()?;
///     assert_eq!(d.to_string(), "2026-11-23");
///     assert!("2026-02-30".parse::<Date>().is_err());
///     Ok(())
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    const EXPECTED: &'static str = "a date such as 2026-11-23";

    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let text = text.trim();
        let invalid = || TimeError::new(text, Self::EXPECTED);
        let mut parts = text.splitn(3, '-');
        let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return Err(invalid());
        }
        let number = |s: &str| {
            s.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        let (Some(year), Some(month), Some(day)) = (number(year), number(month), number(day))
        else {
            return Err(invalid());
        };
        let month = time::Month::try_from(u8::try_from(month).map_err(|_| invalid())?)
            .map_err(|_| invalid())?;
        time::Date::from_calendar_date(
            i32::from(year),
            month,
            u8::try_from(day).map_err(|_| invalid())?,
        )
        .map(Date)
        .map_err(|_| invalid())
    }

    /// The day from its year, month (1-12) and day of month.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Self, TimeError> {
        let text = format!("{year:04}-{month:02}-{day:02}");
        time::Month::try_from(month)
            .ok()
            .and_then(|m| time::Date::from_calendar_date(year, m, day).ok())
            .map(Date)
            .ok_or_else(|| TimeError::new(&text, Self::EXPECTED))
    }

    /// The next day.
    pub fn next_day(self) -> Option<Self> {
        self.0.next_day().map(Date)
    }

    /// As a `time` value.
    pub fn as_date(self) -> time::Date {
        self.0
    }
}

impl From<time::Date> for Date {
    fn from(value: time::Date) -> Self {
        Date(value)
    }
}

impl FromStr for Date {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Date::parse(&text).map_err(de::Error::custom)
    }
}

/// When an event starts or ends: an instant, a day (all-day events; an end day is exclusive),
/// or an instant with the time zone it is shown in (`{"time": ..., "tzid": ...}`).
///
/// ```
/// use cronofy::time::{Date, EventTime, UtcTime};
///
/// fn main() -> Result<(), cronofy::time::TimeError> {
///     let at: EventTime = UtcTime::parse("2026-11-23T09:00:00Z")?.into();
///     let all_day: EventTime = Date::parse("2026-11-23")?.into();
///     let zoned = EventTime::zoned(UtcTime::parse("2026-11-23T09:00:00Z")?, "Europe/London");
///     assert_eq!(
///         serde_json::to_string(&at).unwrap(),
///         r#""2026-11-23T09:00:00Z""#
///     );
///     assert_eq!(serde_json::to_string(&all_day).unwrap(), r#""2026-11-23""#);
///     assert_eq!(
///         serde_json::to_string(&zoned).unwrap(),
///         r#"{"time":"2026-11-23T09:00:00Z","tzid":"Europe/London"}"#
///     );
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventTime {
    /// An instant.
    Time(UtcTime),
    /// A whole day.
    Date(Date),
    /// An instant, and the IANA time zone it is shown in.
    Zoned {
        /// The instant.
        time: UtcTime,
        /// The time zone, e.g. `Europe/London`.
        tzid: String,
    },
}

impl EventTime {
    /// An instant shown in time zone `tzid`.
    pub fn zoned(time: UtcTime, tzid: impl Into<String>) -> Self {
        EventTime::Zoned {
            time,
            tzid: tzid.into(),
        }
    }

    /// The instant, unless this is a whole day.
    pub fn time(&self) -> Option<UtcTime> {
        match self {
            EventTime::Time(time) | EventTime::Zoned { time, .. } => Some(*time),
            EventTime::Date(_) => None,
        }
    }

    /// The day, if this is a whole day.
    pub fn date(&self) -> Option<Date> {
        match self {
            EventTime::Date(date) => Some(*date),
            _ => None,
        }
    }
}

impl From<UtcTime> for EventTime {
    fn from(time: UtcTime) -> Self {
        EventTime::Time(time)
    }
}

impl From<Date> for EventTime {
    fn from(date: Date) -> Self {
        EventTime::Date(date)
    }
}

impl fmt::Display for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventTime::Time(time) => time.fmt(f),
            EventTime::Date(date) => date.fmt(f),
            EventTime::Zoned { time, tzid } => write!(f, "{time} ({tzid})"),
        }
    }
}

impl Serialize for EventTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            EventTime::Time(time) => time.serialize(serializer),
            EventTime::Date(date) => date.serialize(serializer),
            EventTime::Zoned { time, tzid } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("time", time)?;
                map.serialize_entry("tzid", tzid)?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for EventTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EventTimeVisitor;

        impl<'de> Visitor<'de> for EventTimeVisitor {
            type Value = EventTime;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a time, a date, or {\"time\": ..., \"tzid\": ...}")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<EventTime, E> {
                // A date is exactly `YYYY-MM-DD`; anything longer is a time.
                if text.trim().len() == 10 {
                    Date::parse(text).map(EventTime::Date).map_err(E::custom)
                } else {
                    UtcTime::parse(text).map(EventTime::Time).map_err(E::custom)
                }
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EventTime, A::Error> {
                let mut time = None;
                let mut tzid = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match &*key {
                        "time" => time = Some(map.next_value::<UtcTime>()?),
                        "tzid" => tzid = Some(map.next_value::<String>()?),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                let time = time.ok_or_else(|| de::Error::missing_field("time"))?;
                Ok(match tzid {
                    Some(tzid) => EventTime::Zoned { time, tzid },
                    None => EventTime::Time(time),
                })
            }
        }

        deserializer.deserialize_any(EventTimeVisitor)
    }
}

/// A length of time in whole minutes, as Cronofy writes it: `{"minutes": 90}`. Also read from
/// `{"hours": 1, "minutes": 30}`. (Named for its unit, so it does not shadow
/// `std::time::Duration`, which the client's settings take.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Minutes {
    minutes: u32,
}

impl Minutes {
    /// `minutes` minutes.
    pub const fn new(minutes: u32) -> Self {
        Minutes { minutes }
    }

    /// `hours` hours.
    pub const fn hours(hours: u32) -> Self {
        Minutes {
            minutes: hours.saturating_mul(60),
        }
    }

    /// The length in minutes.
    pub const fn as_minutes(self) -> u32 {
        self.minutes
    }
}

impl Serialize for Minutes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("minutes", &self.minutes)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Minutes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Parts {
            #[serde(default)]
            hours: u32,
            #[serde(default)]
            minutes: u32,
        }
        let parts = Parts::deserialize(deserializer)?;
        parts
            .hours
            .checked_mul(60)
            .and_then(|m| m.checked_add(parts.minutes))
            .map(Minutes::new)
            .ok_or_else(|| de::Error::custom("the duration is too long"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    #[test]
    fn utc_times_are_written_with_whole_seconds_and_z_and_read_with_any_offset() {
        for (input, written) in [
            ("2014-08-05T14:30:00Z", "2014-08-05T14:30:00Z"),
            ("2014-08-05T14:30:00.999999Z", "2014-08-05T14:30:00Z"),
            ("2014-08-05T16:30:00+02:00", "2014-08-05T14:30:00Z"),
            ("2014-08-05T09:00:00-05:30", "2014-08-05T14:30:00Z"),
            ("2014-08-06T00:30:00+10:00", "2014-08-05T14:30:00Z"),
            ("2014-08-05t14:30:00z", "2014-08-05T14:30:00Z"),
        ] {
            let time: UtcTime = input.parse().unwrap();
            assert_eq!(time.to_string(), written, "{input}");
            assert_eq!(json(&time), format!("\"{written}\""));
            let back: UtcTime = serde_json::from_str(&json(&time)).unwrap();
            assert_eq!(back.to_string(), written);
        }
        for bad in [
            "2014-08-05",
            "2014-08-05 14:30:00",
            "14:30",
            "",
            "2014-13-05T14:30:00Z",
        ] {
            let error = bad.parse::<UtcTime>().unwrap_err();
            assert!(error.to_string().contains("RFC 3339"), "{bad}: {error}");
        }
        assert_eq!(
            UtcTime::from_unix_seconds(0).unwrap().to_string(),
            "1970-01-01T00:00:00Z"
        );
    }

    #[test]
    fn dates_round_trip_and_reject_impossible_days() {
        let date: Date = "2024-02-29".parse().unwrap();
        assert_eq!(json(&date), "\"2024-02-29\"");
        assert_eq!(
            serde_json::from_str::<Date>("\"2024-02-29\"").unwrap(),
            date
        );
        assert_eq!(date.next_day().unwrap().to_string(), "2024-03-01");
        for bad in [
            "2023-02-29",
            "2024-2-1",
            "24-02-01",
            "2024-02-01T00:00:00Z",
            "+024-02-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert_eq!(
            Date::from_ymd(2026, 11, 23).unwrap().to_string(),
            "2026-11-23"
        );
        assert!(Date::from_ymd(2026, 13, 1).is_err());
    }

    #[test]
    fn event_times_are_a_time_a_date_or_a_zoned_time() {
        let time: EventTime = serde_json::from_str("\"2026-11-23T10:00:00+01:00\"").unwrap();
        assert_eq!(
            time,
            EventTime::Time("2026-11-23T09:00:00Z".parse().unwrap())
        );
        let date: EventTime = serde_json::from_str("\"2026-11-23\"").unwrap();
        assert_eq!(date.date(), Some("2026-11-23".parse().unwrap()));
        let zoned: EventTime = serde_json::from_str(
            r#"{"time":"2026-11-23T09:00:00.5Z","tzid":"Europe/London","extra":1}"#,
        )
        .unwrap();
        assert_eq!(
            json(&zoned),
            r#"{"time":"2026-11-23T09:00:00Z","tzid":"Europe/London"}"#
        );
        let bare: EventTime = serde_json::from_str(r#"{"time":"2026-11-23T09:00:00Z"}"#).unwrap();
        assert_eq!(json(&bare), "\"2026-11-23T09:00:00Z\"");
        for bad in [
            "\"tomorrow\"",
            "42",
            r#"{"tzid":"Europe/London"}"#,
            "\"2026-11-31\"",
        ] {
            assert!(serde_json::from_str::<EventTime>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations_are_minutes_and_read_hours_too() {
        assert_eq!(json(&Minutes::hours(2)), r#"{"minutes":120}"#);
        let read: Minutes = serde_json::from_str(r#"{"hours":1,"minutes":30}"#).unwrap();
        assert_eq!(read.as_minutes(), 90);
        assert!(serde_json::from_str::<Minutes>(r#"{"hours":4294967295}"#).is_err());
    }
}
