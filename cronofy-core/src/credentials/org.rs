use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::auth::{AuthKind, Authorization, Authorize, Credential, sealed};
use crate::credentials::impersonation::{Impersonation, Impersonator, impersonating};

/// An Organizational Unit's access token, from Organization Connect (scope
/// `organizational_unit_scheduler`): the credential for endpoints declared `auth = "org"`.
///
/// To act on one member's calendars, impersonate the member: [`OrgToken::impersonate`].
///
/// ```
/// use cronofy_core::OrgToken;
///
/// let org = OrgToken::new("org-access-token");
/// let as_member = org.impersonate("acc_5ba21743f408617d1269ea1e");
/// assert_eq!(format!("{org:?}"), "OrgToken([redacted])");
/// # let _ = as_member;
/// ```
#[derive(Clone)]
pub struct OrgToken {
    access_token: SecretString,
}

impl OrgToken {
    /// Wraps an Organizational Unit's access token.
    pub fn new(access_token: impl Into<String>) -> Self {
        OrgToken {
            access_token: SecretString::from(access_token.into()),
        }
    }

    /// The access token itself, for storing it. Reaching it takes this explicit call.
    pub fn secret(&self) -> &str {
        self.access_token.expose_secret()
    }

    /// Acts as one member of the organization, identified by their `sub`: a **user**
    /// credential that sends this token with `Cronofy-Impersonate: {sub}`.
    pub fn impersonate(&self, sub: impl Into<String>) -> Impersonation<'_, OrgToken> {
        Impersonation::new(self, sub.into())
    }
}

impl fmt::Debug for OrgToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OrgToken([redacted])")
    }
}

impl sealed::Sealed for OrgToken {}

impl Credential for OrgToken {
    fn authorize(&self) -> Authorize<'_> {
        Authorize::Ready(Some(Authorization::bearer(
            AuthKind::Org,
            self.access_token.expose_secret(),
            None,
        )))
    }
}

impl Impersonator for OrgToken {
    fn authorize_impersonating<'a>(&'a self, sub: &'a str) -> Authorize<'a> {
        impersonating(&self.access_token, sub)
    }
}
