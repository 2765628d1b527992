use std::fmt;

use crate::auth::{Authorization, Authorize, Credential, Reauthorize, sealed};
use crate::{Client, Endpoint};

/// Credentials that may act for a member of their organization: organization tokens and
/// internal applications' credentials.
pub trait Impersonator: Send + Sync {
    /// The authorization acting as `sub`: this credential's bearer and `Cronofy-Impersonate`.
    fn authorize_impersonating<'a>(&'a self, client: &'a Client, sub: &'a str) -> Authorize<'a>;

    /// As [`Credential::reauthorize`], for the credential acting as `sub`.
    fn reauthorize_impersonating<'a>(
        &'a self,
        client: &'a Client,
        sub: &'a str,
        rejected: &'a Authorization,
    ) -> Reauthorize<'a> {
        let _ = (client, sub, rejected);
        Box::pin(std::future::ready(Ok(None)))
    }
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
    fn authorize<'a>(&'a self, client: &'a Client, _: &'static Endpoint) -> Authorize<'a> {
        self.by.authorize_impersonating(client, &self.sub)
    }

    fn reauthorize<'a>(
        &'a self,
        client: &'a Client,
        rejected: &'a Authorization,
    ) -> Reauthorize<'a> {
        self.by
            .reauthorize_impersonating(client, &self.sub, rejected)
    }
}
