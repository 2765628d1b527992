//! Refusing a request before it is sent: a body or query type checks its values while it is
//! encoded, and a value Cronofy documents as invalid (an empty attendee email, a negative
//! reminder, ...) stops the request as [`Error::InvalidRequest`] instead of costing a round
//! trip for a 422.
//!
//! The check rides on serde, so that nested values (an attendee inside an event inside a smart
//! invite) are checked wherever they are sent: the encoder's error carries a marker, and
//! [`classify`] tells such a refusal from a failure of the encoder itself.

use std::fmt::Display;

use crate::error::Error;

/// What starts the message of a refusal. Readable, as it is what a caller encoding a body
/// with `serde_json` directly sees.
const MARKER: &str = "invalid request: ";

/// The error a `Serialize` implementation returns to refuse the request it is part of: the
/// call then fails with [`Error::InvalidRequest`] carrying `reason`, and nothing is sent.
///
/// For your own body and query types too:
///
/// ```
/// use serde::{Serialize, Serializer};
///
/// struct Capacity(u32);
///
/// impl Serialize for Capacity {
///     fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
///         if self.0 == 0 {
///             return Err(cronofy::invalid_request("capacity must be at least 1"));
///         }
///         self.0.serialize(serializer)
///     }
/// }
///
/// let refused = serde_json::to_string(&Capacity(0)).unwrap_err();
/// assert_eq!(refused.to_string(), "invalid request: capacity must be at least 1");
/// ```
///
/// `reason` must not quote a secret: it becomes the error's message.
pub fn invalid_request<E: serde::ser::Error>(reason: impl Display) -> E {
    E::custom(format_args!("{MARKER}{reason}"))
}

/// The reason of a refusal made with [`invalid_request`], found in an encoder's `message`;
/// `None` for any other encoding failure. For code that encodes a body itself (a batch entry).
pub fn refusal_reason(message: &str) -> Option<&str> {
    message
        .find(MARKER)
        .map(|start| &message[start + MARKER.len()..])
}

/// The error for an encoder's `message` on `part` (`"body"` or `"query"`): the refusal it
/// carries, or an encoding failure.
pub(crate) fn classify(part: &'static str, message: String) -> Error {
    match refusal_reason(&message) {
        Some(reason) => Error::InvalidRequest {
            reason: reason.to_owned(),
        },
        None => Error::Encode {
            part,
            reason: message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marked_message_is_a_refusal_and_any_other_an_encoding_failure() {
        let refused = classify("body", "invalid request: reminder of -5 minutes".to_owned());
        assert!(
            matches!(&refused, Error::InvalidRequest { reason } if reason == "reminder of -5 minutes"),
            "{refused:?}"
        );
        let failed = classify("query", "unsupported value".to_owned());
        assert!(
            matches!(&failed, Error::Encode { part: "query", reason } if reason == "unsupported value"),
            "{failed:?}"
        );
    }
}
