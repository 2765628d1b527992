//! The fake's clock, which a test can move forward, and the RFC 3339 times and dates Cronofy
//! puts on the wire.
//!
//! Time passes as it does for the test (tokio's clock, so `start_paused` tests stay in control)
//! plus whatever the test added with `advance`. Times are kept as whole seconds since the Unix
//! epoch: Cronofy's wire format has no finer resolution.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

/// The fake's notion of now.
pub(crate) struct Clock {
    /// Wall-clock time when the fake started, since the Unix epoch.
    wall_at_start: Duration,
    started: Instant,
    advanced: Duration,
}

impl Clock {
    pub(crate) fn new() -> Self {
        Clock {
            wall_at_start: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default(),
            started: Instant::now(),
            advanced: Duration::ZERO,
        }
    }

    /// Now, since the Unix epoch.
    pub(crate) fn now(&self) -> Duration {
        self.wall_at_start + self.started.elapsed() + self.advanced
    }

    /// Now, in whole seconds since the Unix epoch.
    pub(crate) fn now_secs(&self) -> i64 {
        i64::try_from(self.now().as_secs()).unwrap_or(i64::MAX)
    }

    /// Moves now forward by `by`.
    pub(crate) fn advance(&mut self, by: Duration) {
        self.advanced = self.advanced.saturating_add(by);
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DD` as seconds since the epoch at midnight UTC.
pub(crate) fn parse_date(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i64::from(digits(&text[0..4])?);
    let month = digits(&text[5..7])?;
    let day = digits(&text[8..10])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400)
}

/// An RFC 3339 time (`2026-11-23T09:00:00Z`, fractions and offsets allowed) as seconds since
/// the epoch.
pub(crate) fn parse_time(text: &str) -> Option<i64> {
    if text.len() < 20 || !text.is_char_boundary(10) {
        return None;
    }
    let date = parse_date(&text[..10])?;
    let rest = &text[10..];
    if !matches!(rest.as_bytes()[0], b'T' | b't' | b' ') {
        return None;
    }
    let rest = &rest[1..];
    if rest.len() < 9 || !rest.is_char_boundary(8) {
        return None;
    }
    let clock = &rest.as_bytes()[..8];
    if clock[2] != b':' || clock[5] != b':' {
        return None;
    }
    let hour = digits(&rest[0..2])?;
    let minute = digits(&rest[3..5])?;
    let second = digits(&rest[6..8])?;
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut zone = &rest[8..];
    if let Some(fraction) = zone.strip_prefix('.') {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        if end == 0 {
            return None;
        }
        zone = &fraction[end..];
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let bytes = zone.as_bytes();
            if bytes.len() != 6 || bytes[3] != b':' {
                return None;
            }
            let sign = match bytes[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hours = digits(&zone[1..3])?;
            let minutes = digits(&zone[4..6])?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            sign * i64::from(hours * 3600 + minutes * 60)
        }
    };
    Some(date + i64::from(hour * 3600 + minute * 60 + second) - offset)
}

/// Seconds since the epoch as Cronofy writes a time: `2026-11-23T09:00:00Z`.
pub(crate) fn format_time(secs: i64) -> String {
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_and_offsets_are_applied() {
        let secs = parse_time("2026-11-23T09:30:00Z").unwrap();
        assert_eq!(format_time(secs), "2026-11-23T09:30:00Z");
        assert_eq!(parse_time("2026-11-23T10:30:00.250+01:00"), Some(secs));
        assert_eq!(parse_time("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            format_time(parse_date("2024-02-29").unwrap()),
            "2024-02-29T00:00:00Z"
        );
    }

    #[test]
    fn nonsense_is_refused_without_panicking() {
        for bad in [
            "",
            "2026-13-01",
            "2025-02-29",
            "2026-11-23T25:00:00Z",
            "2026-11-23T09:00:00",
            "2026-11-23T09:00:00+0100",
            "2026-11-23é09:00:00Z",
            "ééééééééééééééééééééé",
            "2026-11-23T09:00:00.Z",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(parse_date("2026-1-023"), None);
        assert_eq!(parse_date("+026-11-23"), None);
    }
}
