//! Filling a path template: each `{name}` placeholder becomes exactly one percent-encoded path
//! segment, whatever its value contains.

use std::fmt::{self, Write as _};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::Error;

/// Everything but RFC 3986 "unreserved" characters is encoded, so `/`, `?`, `#` and `%` in a
/// value cannot leave its segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Appends `template` to `out`, replacing its placeholders, in order, with `args`.
///
/// The macro guarantees one argument per placeholder; a mismatch is a bug in generated code,
/// reported as an error rather than a panic.
pub(crate) fn fill(
    out: &mut String,
    template: &'static str,
    args: &[&dyn fmt::Display],
) -> Result<(), Error> {
    let mut args = args.iter();
    let mut rest = template;
    let mut value = String::new();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close =
            rest[open..]
                .find('}')
                .map(|i| open + i)
                .ok_or(Error::InvalidPathParameter {
                    name: "(template)",
                    reason: "an unclosed `{` in the endpoint's path template",
                })?;
        let name = &rest[open + 1..close];
        let arg = args.next().ok_or(Error::InvalidPathParameter {
            name,
            reason: "missing: the endpoint declaration and its call disagree",
        })?;
        value.clear();
        write!(value, "{arg}").map_err(|_| Error::InvalidPathParameter {
            name,
            reason: "not displayable: its `Display` implementation failed",
        })?;
        push_segment(out, name, &value)?;
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(())
}

/// Appends one value as one path segment.
///
/// `.` and `..` are refused rather than encoded: URL parsers treat them (and their encoded
/// forms `%2E`, `%2e%2E`, ...) as "this" and "parent" directory, which would move the request
/// to another endpoint. An empty value would merge two segments.
fn push_segment(out: &mut String, name: &'static str, value: &str) -> Result<(), Error> {
    match value {
        "" => Err(Error::InvalidPathParameter {
            name,
            reason: "empty",
        }),
        "." | ".." => Err(Error::InvalidPathParameter {
            name,
            reason: "`.` or `..`, which URLs treat as a directory step",
        }),
        _ => {
            out.extend(utf8_percent_encode(value, SEGMENT));
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(template: &'static str, args: &[&dyn fmt::Display]) -> Result<String, Error> {
        let mut out = String::new();
        fill(&mut out, template, args).map(|()| out)
    }

    #[test]
    fn hostile_values_stay_inside_their_segment() {
        let path = filled(
            "/v1/calendars/{calendar_id}/events",
            &[&"../../oauth/token"],
        )
        .unwrap();
        assert_eq!(path, "/v1/calendars/..%2F..%2Foauth%2Ftoken/events");
        let path = filled("/v1/calendars/{calendar_id}/events", &[&"a/b?c#d %25é"]).unwrap();
        assert_eq!(path, "/v1/calendars/a%2Fb%3Fc%23d%20%2525%C3%A9/events");
    }

    #[test]
    fn fills_several_placeholders_in_order_with_any_display_value() {
        let path = filled(
            "/v1/calendars/{calendar_id}/events/{event_uid}/participation_status",
            &[&"cal_1", &42],
        )
        .unwrap();
        assert_eq!(path, "/v1/calendars/cal_1/events/42/participation_status");
        assert_eq!(filled("/v1/account", &[]).unwrap(), "/v1/account");
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for bad in ["", ".", ".."] {
            let err = filled("/v1/channels/{channel_id}", &[&bad]).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidPathParameter {
                        name: "channel_id",
                        ..
                    }
                ),
                "{bad:?}: {err}"
            );
        }
        // Encoded-looking values are data, not escapes: their `%` is encoded again.
        assert_eq!(
            filled("/v1/channels/{channel_id}", &[&"%2e%2e"]).unwrap(),
            "/v1/channels/%252e%252e"
        );
        assert_eq!(
            filled("/v1/channels/{channel_id}", &[&"..."]).unwrap(),
            "/v1/channels/..."
        );
    }
}
