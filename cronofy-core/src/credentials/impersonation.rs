use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::auth::{AuthKind, Authorization, Authorize, Credential, RefreshOutcome, sealed};

/// Credentials that may act for a member of their organization.
pub trait Impersonator: Send + Sync {
    /// The headers acting as `sub`: this credential's bearer and `Cronofy-Impersonate`.
    fn authorize_impersonating<'a>(&'a self, sub: &'a str) -> Authorize<'a>;

    /// As [`Credential::refresh_after_rejection`], for the impersonating credential.
    fn refresh_after_rejection<'a>(&'a self, rejected: &'a Authorization) -> RefreshOutcome<'a> {
        let _ = rejected;
        Box::pin(std::future::ready(Ok(false)))
    }
}

/// The headers of a plain secret acting as `sub`.
pub(crate) fn impersonating(secret: &SecretString, sub: &str) -> Authorize<'static> {
    Authorize::Ready(Some(Authorization::bearer(
        AuthKind::User,
        secret.expose_secret(),
        Some(sub),
    )))
}

/// An organization (or an internal application) acting as one of its members: a **user**
/// credential. Requests carry the organization's bearer and `Cronofy-Impersonate: {sub}`.
///
/// Made by [`OrgToken::impersonate`](crate::OrgToken::impersonate) or
/// [`AppCredentials::impersonate`](crate::AppCredentials::impersonate). It borrows the
/// credential it impersonates with, so making one per call is cheap.
pub struct Impersonation<'a, C> {
    by: &'a C,
    sub: String,
}

impl<'a, C> Impersonation<'a, C> {
    pub(crate) fn new(by: &'a C, sub: String) -> Self {
        Impersonation { by, sub }
    }

    /// The `sub` of the member being impersonated.
    pub fn sub(&self) -> &str {
        &self.sub
    }
}

impl<C: fmt::Debug> fmt::Debug for Impersonation<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Impersonation")
            .field("by", self.by)
            .field("sub", &self.sub)
            .finish()
    }
}

impl<C> sealed::Sealed for Impersonation<'_, C> {}

impl<C: Impersonator> Credential for Impersonation<'_, C> {
    fn authorize(&self) -> Authorize<'_> {
        self.by.authorize_impersonating(&self.sub)
    }

    fn refresh_after_rejection<'a>(&'a self, rejected: &'a Authorization) -> RefreshOutcome<'a> {
        self.by.refresh_after_rejection(rejected)
    }
}
