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
#[derive(Clone)]
pub struct AuthorizationState(String);

/// The least number of characters a caller-made state may have: 128 bits written in base64url.
const MIN_STATE_LEN: usize = 22;

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
        getrandom::getrandom(&mut bytes).expect("the operating system's random source failed");
        let mut text = String::with_capacity(64);
        for byte in bytes {
            // Writing to a `String` cannot fail.
            let _ = write!(text, "{byte:02x}");
        }
        AuthorizationState(text)
    }

    /// A state you made (to embed your own session key, say): at least 22 characters, each a
    /// letter, digit, `-`, `.`, `_` or `~` (so it is sent as written), from a CSPRNG with at
    /// least 128 bits: 22 base64url characters, or 32 hex digits. Shorter ones, and other
    /// characters, are refused; that it is random is yours to ensure.
    pub fn new(state: impl Into<String>) -> Result<Self, WeakStateError> {
        let state = state.into();
        let length = state.chars().count();
        let plain = state
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~'));
        if length < MIN_STATE_LEN || !plain {
            return Err(WeakStateError { length, plain });
        }
        Ok(AuthorizationState(state))
    }

    /// The state, as sent in the URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `received` is this state: in constant time, so timing does not tell an
    /// attacker how much of a guess was right. For query strings a framework already parsed;
    /// [`Callback::parse`](crate::oauth::Callback::parse) does this for you.
    pub fn matches(&self, received: &str) -> bool {
        self.0.as_bytes().ct_eq(received.as_bytes()).into()
    }
}

/// Compared in constant time, like [`AuthorizationState::matches`].
impl PartialEq for AuthorizationState {
    fn eq(&self, other: &Self) -> bool {
        self.matches(&other.0)
    }
}

impl Eq for AuthorizationState {}

impl fmt::Debug for AuthorizationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthorizationState([redacted])")
    }
}

/// A caller-made state that is too short to be unguessable, or has characters other than
/// letters, digits, `-`, `.`, `_` and `~`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "an authorization state must be at least 22 random characters (128 bits as base64url; 32 as hex) of letters, digits, `-`, `.`, `_` and `~`; this one has {length}{}: or let AuthorizationUrl::build generate one",
    if *plain { "" } else { " and other characters" }
)]
pub struct WeakStateError {
    /// How many characters it had.
    pub length: usize,
    /// Whether they were all letters, digits, `-`, `.`, `_` or `~`.
    pub plain: bool,
}

/// An authorization under way: the state and redirect URI of the URL the user was sent to.
/// Keep it (in the user's session; it serializes with serde, and a cookie holding it must be
/// signed or encrypted, or a user could set their own state) until the redirect comes back,
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
    type Error = WeakStateError;

    fn try_from(record: PendingRecord) -> Result<Self, WeakStateError> {
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
    fn short_or_odd_states_are_refused_and_matching_is_exact() {
        assert_eq!(AuthorizationState::new("").unwrap_err().length, 0);
        assert!(AuthorizationState::new("twenty-one-characters").is_err());
        assert!(AuthorizationState::new(" ".repeat(40)).is_err());
        assert!(AuthorizationState::new("has+a/plus-and-a-slash-in-it").is_err());
        let state = AuthorizationState::new("twenty-two-characters_").unwrap();
        assert!(state.matches("twenty-two-characters_"));
        assert!(!state.matches("twenty-two-characters"));
        assert!(!state.matches("twenty-two-characters_x"));
        assert!(!state.matches(""));
        assert_eq!(
            state,
            AuthorizationState::new("twenty-two-characters_").unwrap()
        );
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
