use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::auth::{AuthKind, Authorization, Authorize, Credential, sealed};
use crate::credentials::impersonation::{Impersonation, Impersonator};
use crate::{Client, Endpoint, Error};

/// An application's OAuth client id. Not a secret: it appears in authorization URLs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientId(String);

impl ClientId {
    /// Wraps a client id.
    pub fn new(client_id: impl Into<String>) -> Self {
        ClientId(client_id.into())
    }

    /// The client id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The application's own credentials: its client id and client secret. The client secret is
/// the API key for endpoints declared `auth = "app"` (availability, real-time scheduling, smart
/// invites, element tokens), sent as bearer; endpoints declared `auth = "client_credentials"`
/// (the token endpoint, revocation, application calendars) take the id and secret in the body.
///
/// An *internal application* may also act for a member of its organization:
/// [`AppCredentials::impersonate`].
///
/// ```
/// use cronofy::AppCredentials;
///
/// let app = AppCredentials::new("my-client-id", "my-client-secret");
/// assert_eq!(app.client_id().as_str(), "my-client-id");
/// assert_eq!(
///     format!("{app:?}"),
///     r#"AppCredentials { client_id: "my-client-id", client_secret: [redacted] }"#
/// );
/// ```
#[derive(Clone)]
pub struct AppCredentials {
    client_id: ClientId,
    client_secret: SecretString,
}

impl AppCredentials {
    /// The application's client id and client secret, from the Cronofy developer dashboard.
    ///
    /// An empty id or secret (an unset environment variable, say) is not refused here but at
    /// first use: every request with these credentials then fails with
    /// [`Error::InvalidCredential`](crate::Error::InvalidCredential) before anything is sent.
    /// [`AppCredentials::try_new`] refuses them at once.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        AppCredentials {
            client_id: ClientId::new(client_id),
            client_secret: SecretString::from(client_secret.into()),
        }
    }

    /// Like [`AppCredentials::new`], refusing an empty (or blank) client id or secret.
    ///
    /// ```
    /// use cronofy::AppCredentials;
    ///
    /// assert!(AppCredentials::try_new("my-client-id", "").is_err());
    /// assert!(AppCredentials::try_new("my-client-id", "my-client-secret").is_ok());
    /// ```
    pub fn try_new(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Result<Self, Error> {
        let credentials = AppCredentials::new(client_id, client_secret);
        credentials.check()?;
        Ok(credentials)
    }

    /// Both parts present: an empty secret would be an API key anyone knows.
    fn check(&self) -> Result<(), Error> {
        if self.client_id.as_str().trim().is_empty() {
            return Err(Error::InvalidCredential {
                reason: "the application's client_id is empty",
            });
        }
        if self.client_secret().trim().is_empty() {
            return Err(Error::InvalidCredential {
                reason: "the application's client_secret is empty",
            });
        }
        Ok(())
    }

    /// The client id.
    pub fn client_id(&self) -> &ClientId {
        &self.client_id
    }

    /// The client secret itself. Reaching it takes this explicit call.
    pub fn client_secret(&self) -> &str {
        self.client_secret.expose_secret()
    }

    /// Acts as one member of the organization that installed this internal application,
    /// identified by their `sub`: a **user** credential that sends the client secret with
    /// `Cronofy-Impersonate: {sub}`.
    pub fn impersonate(&self, sub: impl Into<String>) -> Impersonation<'_, AppCredentials> {
        Impersonation::new(self, sub.into())
    }
}

impl fmt::Debug for AppCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppCredentials")
            .field("client_id", &self.client_id.as_str())
            .field("client_secret", &format_args!("[redacted]"))
            .finish()
    }
}

impl sealed::Sealed for AppCredentials {}

impl Credential for AppCredentials {
    fn authorize<'a>(&'a self, _: &'a Client, endpoint: &'static Endpoint) -> Authorize<'a> {
        if let Err(empty) = self.check() {
            return Authorize::ready(Err(empty));
        }
        // The one credential with two ways in: which one the endpoint takes.
        if endpoint.accepts(AuthKind::ClientCredentials) {
            Authorize::ready(Ok(Authorization::client_credentials(
                self.client_id.as_str(),
                self.client_secret(),
            )))
        } else {
            Authorize::ready(Authorization::bearer(
                AuthKind::App,
                self.client_secret(),
                None,
            ))
        }
    }
}

impl Impersonator for AppCredentials {
    fn authorize_impersonating<'a>(&'a self, _: &'a Client, sub: &'a str) -> Authorize<'a> {
        Authorize::ready(Authorization::bearer(
            AuthKind::User,
            self.client_secret(),
            Some(sub),
        ))
    }
}
