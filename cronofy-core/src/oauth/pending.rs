//! What an application keeps between sending a user to Cronofy and their return: the
//! authorization's `state` and redirect URI. The redirect is checked against the one and the
//! code exchanged with the other, so neither check can be left out or get out of step.

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

/// The `state` of an authorization URL: an unguessable value tying Cronofy's redirect to the
/// session that started it (RFC 6749 §10.12, login CSRF).
///
/// [`AuthorizationUrl::build`](crate::oauth::AuthorizationUrl::build) generates one unless
/// given one: 256 bits from the operating system's CSPRNG, as 64 hex digits.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthorizationState(String);

/// The least number of characters a caller-made state may have.
const MIN_STATE_LEN: usize = 16;

impl AuthorizationState {
    /// 256 random bits from the operating system, as 64 hex digits.
    ///
    /// # Panics
    ///
    /// If the operating system has no random source to read (`getrandom` fails), which no
    /// supported platform does: an authorization without an unguessable state is not safe to
    /// start.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the operating system's random source failed");
        let mut text = String::with_capacity(64);
        for byte in bytes {
            // Writing to a `String` cannot fail.
            let _ = write!(text, "{byte:02x}");
        }
        AuthorizationState(text)
    }

    /// A state you made (to embed your own session key, say). Refused when shorter than 16
    /// characters, as it could then be guessed; make it unguessable too: from a CSPRNG, with at
    /// least 128 bits.
    pub fn new(state: impl Into<String>) -> Result<Self, WeakState> {
        let state = state.into();
        if state.chars().count() < MIN_STATE_LEN {
            return Err(WeakState {
                length: state.chars().count(),
            });
        }
        Ok(AuthorizationState(state))
    }

    /// The state, as sent in the URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `received` is this state: in constant time, so timing does not tell an
    /// attacker how much of a guess was right.
    fn matches(&self, received: &str) -> bool {
        self.0.as_bytes().ct_eq(received.as_bytes()).into()
    }
}

impl fmt::Debug for AuthorizationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthorizationState([redacted])")
    }
}

/// A caller-made state too short to be unguessable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "an authorization state of {length} characters can be guessed: use at least 16 random characters (128 bits), or let AuthorizationUrl::build generate one"
)]
pub struct WeakState {
    /// How many characters it had.
    pub length: usize,
}

/// An authorization under way: the state and redirect URI of the URL the user was sent to.
/// Keep it (in the user's session; it serializes with serde) until the redirect comes back,
/// then give it to [`Callback::parse`](crate::oauth::Callback::parse), which checks the
/// redirect's state against it and hands back the code with this redirect URI for the
/// exchange. Forget it once used.
///
/// `Debug` does not show the state.
#[derive(Clone, Serialize, Deserialize)]
#[serde(try_from = "PendingRecord", into = "PendingRecord")]
pub struct PendingAuthorization {
    state: AuthorizationState,
    redirect_uri: String,
}

impl PendingAuthorization {
    pub(crate) fn new(state: AuthorizationState, redirect_uri: String) -> Self {
        PendingAuthorization {
            state,
            redirect_uri,
        }
    }

    /// The state sent with the authorization URL.
    pub fn state(&self) -> &AuthorizationState {
        &self.state
    }

    /// The redirect URI the authorization URL was built with, which the exchange must send.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Whether a redirect's `state` is this authorization's (constant time).
    pub(crate) fn state_matches(&self, received: &str) -> bool {
        self.state.matches(received)
    }
}

impl fmt::Debug for PendingAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingAuthorization")
            .field("state", &self.state)
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

/// How a [`PendingAuthorization`] is serialized; a stored one with a weak state (tampered
/// with, or from elsewhere) is refused when read back.
#[derive(Serialize, Deserialize)]
struct PendingRecord {
    state: String,
    redirect_uri: String,
}

impl TryFrom<PendingRecord> for PendingAuthorization {
    type Error = WeakState;

    fn try_from(record: PendingRecord) -> Result<Self, WeakState> {
        Ok(PendingAuthorization::new(
            AuthorizationState::new(record.state)?,
            record.redirect_uri,
        ))
    }
}

impl From<PendingAuthorization> for PendingRecord {
    fn from(pending: PendingAuthorization) -> Self {
        PendingRecord {
            state: pending.state.0,
            redirect_uri: pending.redirect_uri,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_states_are_long_distinct_and_hidden() {
        let (a, b) = (
            AuthorizationState::generate(),
            AuthorizationState::generate(),
        );
        assert_eq!(a.as_str().len(), 64);
        assert!(a.as_str().chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(format!("{a:?}"), "AuthorizationState([redacted])");
        let pending = PendingAuthorization::new(a.clone(), "https://e.test/cb".into());
        assert!(!format!("{pending:?}").contains(a.as_str()));
    }

    #[test]
    fn short_states_are_refused_and_matching_is_exact() {
        assert_eq!(AuthorizationState::new("").unwrap_err().length, 0);
        assert!(AuthorizationState::new("fifteen-chars!!").is_err());
        let state = AuthorizationState::new("sixteen-chars!!!").unwrap();
        assert!(state.matches("sixteen-chars!!!"));
        assert!(!state.matches("sixteen-chars!!"));
        assert!(!state.matches("sixteen-chars!!!x"));
        assert!(!state.matches(""));
    }

    #[test]
    fn it_survives_a_session_and_refuses_a_tampered_one() {
        let pending =
            PendingAuthorization::new(AuthorizationState::generate(), "https://e.test/cb".into());
        let stored = serde_json::to_string(&pending).unwrap();
        let back: PendingAuthorization = serde_json::from_str(&stored).unwrap();
        assert_eq!(back.state(), pending.state());
        assert_eq!(back.redirect_uri(), "https://e.test/cb");
        let emptied = r#"{"state":"","redirect_uri":"https://e.test/cb"}"#;
        assert!(serde_json::from_str::<PendingAuthorization>(emptied).is_err());
    }
}
