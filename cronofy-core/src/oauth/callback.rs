//! The redirect back from Cronofy: a one-time authorization code, or the user's refusal.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// A one-time authorization code from the OAuth redirect, exchanged once with
/// [`exchange_code`](crate::oauth::exchange_code) (an [`ExchangeCode`](crate::oauth::ExchangeCode)
/// takes it). Not `Clone`, and printed as `[redacted]`.
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

/// Why a redirect did not carry a usable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The user (or Cronofy) declined: `?error=access_denied`.
    #[error("the authorization was not granted: {error}{}", .description.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Denied {
        /// The OAuth `error`, e.g. `access_denied`.
        error: String,
        /// The `error_description`, if any.
        description: Option<String>,
    },
    /// The `state` differs from the one sent: the redirect may be forged; do not use its code.
    #[error(
        "the redirect's `state` does not match the one sent with the authorization URL: ignore this redirect (possible CSRF)"
    )]
    StateMismatch,
    /// Neither a `code` nor an `error`.
    #[error("the redirect carries neither `code` nor `error`")]
    MissingCode,
}

/// Reads a redirect's query string.
#[derive(Debug)]
pub struct Callback;

impl Callback {
    /// The code of a redirect's query string (`code=...&state=...`, without the `?`), after
    /// checking that its `state` is `expected_state` (pass the one you sent).
    ///
    /// ```
    /// use cronofy_core::oauth::{Callback, CallbackError};
    ///
    /// let code = Callback::parse("code=abc123&state=xyz", Some("xyz"))?;
    /// assert_eq!(code.secret(), "abc123");
    /// assert_eq!(
    ///     Callback::parse("code=abc123&state=evil", Some("xyz")).unwrap_err(),
    ///     CallbackError::StateMismatch
    /// );
    /// # Ok::<(), CallbackError>(())
    /// ```
    pub fn parse(
        query: &str,
        expected_state: Option<&str>,
    ) -> Result<AuthorizationCode, CallbackError> {
        let mut code = None;
        let mut state = None;
        let mut error = None;
        let mut description = None;
        for (key, value) in url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match &*key {
                "code" => code = Some(value.into_owned()),
                "state" => state = Some(value.into_owned()),
                "error" => error = Some(value.into_owned()),
                "error_description" => description = Some(value.into_owned()),
                _ => {}
            }
        }
        if let Some(expected) = expected_state
            && state.as_deref() != Some(expected)
        {
            return Err(CallbackError::StateMismatch);
        }
        if let Some(error) = error {
            return Err(CallbackError::Denied { error, description });
        }
        code.map(AuthorizationCode::new)
            .ok_or(CallbackError::MissingCode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denial_missing_code_and_redaction() {
        assert_eq!(
            Callback::parse(
                "error=access_denied&error_description=no+thanks&state=s",
                Some("s")
            )
            .unwrap_err(),
            CallbackError::Denied {
                error: "access_denied".into(),
                description: Some("no thanks".into())
            }
        );
        assert_eq!(
            Callback::parse("?state=s", Some("s")).unwrap_err(),
            CallbackError::MissingCode
        );
        assert_eq!(
            Callback::parse("code=c", Some("s")).unwrap_err(),
            CallbackError::StateMismatch
        );
        let code = Callback::parse("code=s3cret%2Bcode", None).unwrap();
        assert_eq!(code.secret(), "s3cret+code");
        assert_eq!(format!("{code:?}"), "AuthorizationCode([redacted])");
    }
}
