//! The run-at-compile-time half of `cronofy::assert_rejects!`: turns "this endpoint accepts
//! that credential" into a build failure whose message names both and the declared kinds.

use crate::Endpoint;

/// Room for the message; longer ones are cut (endpoint and type names are short).
const CAPACITY: usize = 1024;

/// Why an `assert_rejects!` does not hold, assembled during constant evaluation, where
/// `format!` is not available.
#[doc(hidden)]
pub struct RejectionFailure {
    bytes: [u8; CAPACITY],
    len: usize,
}

impl RejectionFailure {
    const fn new() -> Self {
        RejectionFailure {
            bytes: [0; CAPACITY],
            len: 0,
        }
    }

    const fn push(&mut self, text: &str) {
        let text = text.as_bytes();
        let mut i = 0;
        while i < text.len() && self.len < CAPACITY {
            self.bytes[self.len] = text[i];
            self.len += 1;
            i += 1;
        }
    }

    /// The message.
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(text) => text,
            // Cut inside a character: say the essential.
            Err(_) => "`assert_rejects!` does not hold: the endpoint accepts the credential",
        }
    }
}

/// The failure of `assert_rejects!(endpoint: credential)` when `accepted_by` holds the
/// endpoint, which then accepts `credential`. The macro's expansion panics with it, so the
/// build fails at the assertion. An endpoint without kinds is the stand-in of a declaration
/// that does not compile, whose own errors are already reported.
#[doc(hidden)]
pub const fn rejection_failure(
    accepted_by: Option<&Endpoint>,
    credential: &str,
) -> Option<RejectionFailure> {
    let Some(endpoint) = accepted_by else {
        return None;
    };
    if endpoint.auth.is_empty() {
        return None;
    }
    let mut message = RejectionFailure::new();
    message.push("`");
    message.push(endpoint.name);
    message.push("` accepts `");
    message.push(credential);
    message.push("`, which `assert_rejects!` says it rejects: it is declared `auth = ");
    let mut i = 0;
    while i < endpoint.auth.len() {
        if i > 0 {
            message.push(" | ");
        }
        message.push("\"");
        message.push(endpoint.auth[i].as_str());
        message.push("\"");
        i += 1;
    }
    message.push("`");
    Some(message)
}
