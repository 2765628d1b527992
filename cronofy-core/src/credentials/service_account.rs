use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::auth::{AuthKind, Authorization, Authorize, Credential, sealed};

/// An Enterprise Connect service account's access token: the credential for endpoints declared
/// `auth = "service_account"` (`/v1/service_account_authorizations`, `/v1/resources`).
///
/// Obtained through [`AuthorizationUrl::enterprise_connect`](crate::oauth::AuthorizationUrl::enterprise_connect)
/// and the code exchange. It is a kind of its own: it cannot call user, app or org endpoints,
/// and no other credential can call the service account's.
///
/// ```
/// use cronofy_core::ServiceAccountToken;
///
/// let service = ServiceAccountToken::new("service-account-access-token");
/// assert_eq!(format!("{service:?}"), "ServiceAccountToken([redacted])");
/// ```
#[derive(Clone)]
pub struct ServiceAccountToken {
    access_token: SecretString,
}

impl ServiceAccountToken {
    /// Wraps a service account's access token.
    pub fn new(access_token: impl Into<String>) -> Self {
        ServiceAccountToken {
            access_token: SecretString::from(access_token.into()),
        }
    }

    /// The access token itself. Reaching it takes this explicit call.
    pub fn secret(&self) -> &str {
        self.access_token.expose_secret()
    }
}

impl fmt::Debug for ServiceAccountToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ServiceAccountToken([redacted])")
    }
}

impl sealed::Sealed for ServiceAccountToken {}

impl Credential for ServiceAccountToken {
    fn authorize(&self) -> Authorize<'_> {
        Authorize::Ready(Some(Authorization::bearer(
            AuthKind::ServiceAccount,
            self.access_token.expose_secret(),
            None,
        )))
    }
}
