//! The plain access tokens: one type per kind, all made by one macro so they cannot drift.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::auth::{AuthKind, Authorization, Authorize, Credential, sealed};
use crate::credentials::impersonation::{Impersonation, Impersonator};
use crate::{Client, Endpoint};

/// A token type: a secret wrapped so it is zeroized on drop, printed as `[redacted]`, reached
/// only through `secret()`, and sent as the bearer of its kind.
macro_rules! access_token {
    ($(#[$doc:meta])* $name:ident, $kind:expr) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name {
            access_token: SecretString,
        }

        impl $name {
            /// Wraps an access token, as Cronofy's token endpoint returned it.
            pub fn new(access_token: impl Into<String>) -> Self {
                $name {
                    access_token: SecretString::from(access_token.into()),
                }
            }

            /// The access token itself, e.g. for storing it. Reaching it takes this explicit
            /// call.
            pub fn secret(&self) -> &str {
                self.access_token.expose_secret()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "([redacted])"))
            }
        }

        impl sealed::Sealed for $name {}

        impl Credential for $name {
            fn authorize<'a>(&'a self, _: &'a Client, _: &'static Endpoint) -> Authorize<'a> {
                Authorize::ready(Authorization::bearer($kind, self.secret(), None))
            }
        }
    };
}

access_token! {
    /// A user's OAuth access token: the credential for endpoints that act on one user's
    /// calendars (`auth = "user"`).
    ///
    /// ```
    /// use cronofy::UserToken;
    ///
    /// let token = UserToken::new("aLUj9xZiXvKs2oAJkBCN3jMcaphjuqnU");
    /// assert_eq!(format!("{token:?}"), "UserToken([redacted])");
    /// ```
    UserToken, AuthKind::User
}

access_token! {
    /// An Organizational Unit's access token, from Organization Connect (scope
    /// `organizational_unit_scheduler`): the credential for endpoints declared `auth = "org"`.
    ///
    /// To act on one member's calendars, impersonate the member: [`OrgToken::impersonate`].
    ///
    /// ```
    /// use cronofy::OrgToken;
    ///
    /// let org = OrgToken::new("org-access-token");
    /// let as_member = org.impersonate("acc_5ba21743f408617d1269ea1e");
    /// assert_eq!(as_member.sub(), "acc_5ba21743f408617d1269ea1e");
    /// assert_eq!(format!("{org:?}"), "OrgToken([redacted])");
    /// ```
    OrgToken, AuthKind::Org
}

access_token! {
    /// An Enterprise Connect service account's access token: the credential for endpoints
    /// declared `auth = "service_account"` (`/v1/service_account_authorizations`,
    /// `/v1/resources`).
    ///
    /// Obtained through
    /// [`AuthorizationUrl::enterprise_connect`](crate::oauth::AuthorizationUrl::enterprise_connect)
    /// and the code exchange. It is a kind of its own: it cannot call user, app or org
    /// endpoints, and no other credential can call the service account's.
    ///
    /// ```
    /// use cronofy::ServiceAccountToken;
    ///
    /// let service = ServiceAccountToken::new("service-account-access-token");
    /// assert_eq!(format!("{service:?}"), "ServiceAccountToken([redacted])");
    /// ```
    ServiceAccountToken, AuthKind::ServiceAccount
}

impl OrgToken {
    /// Acts as one member of the organization, identified by their `sub`: a **user**
    /// credential that sends this token with `Cronofy-Impersonate: {sub}`.
    pub fn impersonate(&self, sub: impl Into<String>) -> Impersonation<'_, OrgToken> {
        Impersonation::new(self, sub.into())
    }
}

impl Impersonator for OrgToken {
    fn authorize_impersonating<'a>(&'a self, _: &'a Client, sub: &'a str) -> Authorize<'a> {
        Authorize::ready(Authorization::bearer(
            AuthKind::User,
            self.secret(),
            Some(sub),
        ))
    }
}
