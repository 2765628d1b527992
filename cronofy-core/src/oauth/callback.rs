//! The redirect back from Cronofy: a one-time authorization code, or the user's refusal.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::oauth::PendingAuthorization;
use crate::outside_text::outside_text;

/// A one-time authorization code from the OAuth redirect. Not `Clone`, and printed as
/// `[redacted]`.
pub struct AuthorizationCode(SecretString);

impl AuthorizationCode {
    /// Wraps a code received on the redirect URI.
    pub fn new(code: impl Into<String>) -> Self {
        AuthorizationCode(SecretString::from(code.into()))
    }

    /// The code itself. Reaching it takes this explicit call.
    pub fn secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthorizationCode([redacted])")
    }
}

/// A redirect that passed the state check: its code, and the redirect URI of the
/// authorization it answers, which the exchange sends
/// ([`ExchangeCode::new`](crate::oauth::ExchangeCode::new) takes it whole).
#[derive(Debug)]
pub struct ReceivedCode {
    pub(crate) code: AuthorizationCode,
    pub(crate) redirect_uri: String,
}

impl ReceivedCode {
    /// The code.
    pub fn code(&self) -> &AuthorizationCode {
        &self.code
    }

    /// The redirect URI the authorization URL was built with.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }
}

/// Why a redirect did not carry a usable code. Texts from the redirect are kept with control
/// characters escaped and at most 256 characters, so printing them is safe.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The user (or Cronofy) declined: `?error=access_denied`.
    #[error("the authorization was not granted: {error}{}", .description.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Denied {
        /// The OAuth `error`, e.g. `access_denied` (escaped and capped).
        error: String,
        /// The `error_description`, if any (escaped and capped).
        description: Option<String>,
    },
    /// The `state` is missing or differs from the one sent: the redirect may be forged (or
    /// meant for another session); do not use its code.
    #[error(
        "the redirect's `state` does not match the one sent with the authorization URL: ignore this redirect (possible CSRF)"
    )]
    StateMismatch,
    /// A parameter that must appear once appears several times: a redirect from Cronofy never
    /// does that; one crafted to confuse the state check may.
    #[error("the redirect has `{name}` more than once: ignore this redirect")]
    DuplicateParameter {
        /// `code`, `state` or `error`.
        name: &'static str,
    },
    /// Neither a `code` nor an `error`.
    #[error("the redirect carries neither `code` nor `error`")]
    MissingCode,
    /// `code=` with nothing after it.
    #[error("the redirect's `code` is empty")]
    EmptyCode,
}

/// Reads a redirect's query string.
#[derive(Debug)]
pub struct Callback;

impl Callback {
    /// The code of a redirect's query string (`code=...&state=...`, with or without the `?`,
    /// or the whole redirect URL),
    /// after checking that its `state` is the one `pending` was sent with (in constant time).
    /// A missing, empty, different or repeated `state` is refused, so a forged redirect cannot
    /// slip an attacker's code into the user's session.
    ///
    /// ```
    /// use cronofy::oauth::{AuthorizationUrl, Callback, CallbackError};
    /// use cronofy::{Client, DataCenter};
    ///
    /// fn main() -> Result<(), Box<dyn std::error::Error>> {
    ///     let client = Client::new(DataCenter::Uk)?;
    ///     let (url, pending) =
    ///         AuthorizationUrl::new("my-client-id", "https://example.com/callback")
    ///             .build(&client);
    ///     // ... the user comes back with `?code=abc123&state=<the state>`:
    ///     let query = format!("code=abc123&state={}", pending.state().as_str());
    ///     let received = Callback::parse(&query, &pending)?;
    ///     assert_eq!(received.code().secret(), "abc123");
    ///     assert_eq!(received.redirect_uri(), "https://example.com/callback");
    ///
    ///     assert_eq!(
    ///         Callback::parse("code=ATTACKER_CODE", &pending).unwrap_err(),
    ///         CallbackError::StateMismatch
    ///     );
    ///     Ok(())
    /// }
    /// ```
    pub fn parse(
        query: &str,
        pending: &PendingAuthorization,
    ) -> Result<ReceivedCode, CallbackError> {
        let mut code = None;
        let mut state = None;
        let mut error = None;
        let mut description = None;
        // The whole redirect URL given instead of its query: read its query.
        let query = if query.starts_with('/') || query.contains("://") {
            query.split_once('?').map_or("", |(_, query)| query)
        } else {
            query.trim_start_matches('?')
        };
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let (slot, name) = match &*key {
                "code" => (&mut code, "code"),
                "state" => (&mut state, "state"),
                "error" => (&mut error, "error"),
                "error_description" => (&mut description, "error_description"),
                _ => continue,
            };
            if slot.is_some() {
                // A repeated description is harmless, but nothing to choose between either.
                if name == "error_description" {
                    continue;
                }
                return Err(CallbackError::DuplicateParameter { name });
            }
            *slot = Some(value.into_owned());
        }
        match state {
            Some(state) if pending.state_matches(&state) => {}
            _ => return Err(CallbackError::StateMismatch),
        }
        if let Some(error) = error {
            return Err(CallbackError::Denied {
                error: outside_text(&error),
                description: description.as_deref().map(outside_text),
            });
        }
        match code {
            None => Err(CallbackError::MissingCode),
            Some(code) if code.is_empty() => Err(CallbackError::EmptyCode),
            Some(code) => Ok(ReceivedCode {
                code: AuthorizationCode::new(code),
                redirect_uri: pending.redirect_uri().to_owned(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::AuthorizationState;

    fn pending() -> PendingAuthorization {
        PendingAuthorization::new(
            AuthorizationState::new("the-state-of-this-session").unwrap(),
            "https://e.test/cb".into(),
        )
    }

    fn parse(query: &str) -> Result<ReceivedCode, CallbackError> {
        Callback::parse(query, &pending())
    }

    #[test]
    fn a_redirect_with_the_state_gives_the_code_and_the_redirect_uri() {
        let received = parse("?code=s3cret%2Bcode&state=the-state-of-this-session").unwrap();
        assert_eq!(received.code().secret(), "s3cret+code");
        assert_eq!(received.redirect_uri(), "https://e.test/cb");
        assert_eq!(
            format!("{received:?}"),
            r#"ReceivedCode { code: AuthorizationCode([redacted]), redirect_uri: "https://e.test/cb" }"#
        );
    }

    #[test]
    fn every_csrf_shape_is_refused() {
        for query in [
            "code=ATTACKER",
            "code=ATTACKER&state=",
            "code=ATTACKER&state=evil",
            "code=ATTACKER&state=the-state-of-this-sessio",
            "code=ATTACKER&state=the-state-of-this-session%00",
        ] {
            assert_eq!(
                parse(query).unwrap_err(),
                CallbackError::StateMismatch,
                "{query}"
            );
        }
    }

    #[test]
    fn repeated_parameters_and_empty_codes_are_refused() {
        for (query, name) in [
            ("code=A&code=B&state=the-state-of-this-session", "code"),
            ("code=A&state=evil&state=the-state-of-this-session", "state"),
            ("code=A&state=the-state-of-this-session&state=evil", "state"),
            (
                "error=access_denied&error=x&state=the-state-of-this-session",
                "error",
            ),
        ] {
            assert_eq!(
                parse(query).unwrap_err(),
                CallbackError::DuplicateParameter { name },
                "{query}"
            );
        }
        assert_eq!(
            parse("code=&state=the-state-of-this-session").unwrap_err(),
            CallbackError::EmptyCode
        );
        assert_eq!(
            parse("state=the-state-of-this-session").unwrap_err(),
            CallbackError::MissingCode
        );
    }

    #[test]
    fn a_hostile_denial_prints_escaped_and_capped() {
        let long = "A".repeat(5 * 1024 * 1024);
        let query = format!(
            "error=access_denied%0D%0AINFO+forged&error_description=%3Cscript%3E%0Aalert(1){long}&state=the-state-of-this-session"
        );
        let error = parse(&query).unwrap_err();
        let shown = error.to_string();
        assert!(!shown.contains('\n') && !shown.contains('\r'), "{shown}");
        assert!(shown.starts_with(
            "the authorization was not granted: access_denied\\r\\nINFO forged (<script>\\nalert(1)AAAA"
        ));
        assert!(shown.len() < 700, "{} bytes", shown.len());
        assert!(shown.ends_with("…)"));
    }

    #[test]
    fn a_whole_redirect_url_is_read_by_its_query() {
        let received =
            parse("https://e.test/cb?code=c0de&state=the-state-of-this-session").unwrap();
        assert_eq!(received.code().secret(), "c0de");
        assert_eq!(
            parse("/cb?code=c0de&state=the-state-of-this-session")
                .unwrap()
                .code()
                .secret(),
            "c0de"
        );
    }

    #[test]
    fn a_plain_denial_reads_as_sent() {
        assert_eq!(
            parse(
                "error=access_denied&error_description=no+thanks&state=the-state-of-this-session"
            )
            .unwrap_err(),
            CallbackError::Denied {
                error: "access_denied".into(),
                description: Some("no thanks".into())
            }
        );
    }
}
