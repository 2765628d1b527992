use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::auth::{AuthKind, Authorization, Authorize, Credential, sealed};

/// A user's OAuth access token: the credential for endpoints that act on one user's calendars
/// (`auth = "user"`).
///
/// ```
/// use cronofy_core::UserToken;
///
/// let token = UserToken::new("aLUj9xZiXvKs2oAJkBCN3jMcaphjuqnU");
/// assert_eq!(format!("{token:?}"), "UserToken([redacted])");
/// ```
#[derive(Clone)]
pub struct UserToken {
    access_token: SecretString,
}

impl UserToken {
    /// Wraps a user's access token, as returned by Cronofy's token endpoint.
    pub fn new(access_token: impl Into<String>) -> Self {
        UserToken {
            access_token: SecretString::from(access_token.into()),
        }
    }

    /// The access token itself, for storing it. Reaching it takes this explicit call.
    pub fn secret(&self) -> &str {
        self.access_token.expose_secret()
    }
}

impl fmt::Debug for UserToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UserToken([redacted])")
    }
}

impl sealed::Sealed for UserToken {}

impl Credential for UserToken {
    fn authorize(&self) -> Authorize<'_> {
        Authorize::Ready(Some(Authorization::bearer(
            AuthKind::User,
            self.access_token.expose_secret(),
            None,
        )))
    }
}
