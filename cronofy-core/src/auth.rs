//! Credential kinds, and the traits that let an endpoint accept only the kinds Cronofy requires.
//!
//! Every endpoint declared with `#[cronofy_endpoint(auth = ...)]` takes its credential as
//! `&impl UserAuth`, `&impl AppAuth`, `&impl OrgAuth`, or one of the combined traits when
//! Cronofy documents more than one kind (`auth = "user" | "app"` gives [`UserOrAppAuth`]).
//! The traits are sealed: only the credential types of this crate implement them, so a wrong
//! credential is a compile error that says what to pass instead.
//!
//! | kind | credential types |
//! | --- | --- |
//! | user | [`UserToken`](crate::UserToken), [`Impersonation`](crate::Impersonation) |
//! | app | [`AppCredentials`](crate::AppCredentials) |
//! | org | [`OrgToken`](crate::OrgToken) |
//! | service_account | [`ServiceAccountToken`](crate::ServiceAccountToken) |
//!
//! A service account (Enterprise Connect) is its own kind rather than a kind of user: its
//! token may call only the Enterprise Connect endpoints, and a user's token may not call them.
//! It is not combined with other kinds.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use reqwest::header::HeaderValue;

use crate::Error;

/// The kinds of credential Cronofy distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AuthKind {
    /// One user's OAuth access token, or an organization or internal application acting as
    /// one of its members (`Cronofy-Impersonate`).
    User,
    /// The application itself: its client secret is the API key.
    App,
    /// An Organizational Unit's access token (Organization Connect).
    Org,
    /// An Enterprise Connect service account's access token.
    ServiceAccount,
}

impl AuthKind {
    /// The name used in `#[cronofy_endpoint(auth = "...")]`: `"user"`, `"app"` or `"org"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AuthKind::User => "user",
            AuthKind::App => "app",
            AuthKind::Org => "org",
            AuthKind::ServiceAccount => "service_account",
        }
    }
}

impl fmt::Display for AuthKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The headers one request is authorized with.
///
/// Both values are marked sensitive, so HTTP-level logging (hyper, reqwest) does not print them.
#[doc(hidden)]
pub struct Authorization {
    pub(crate) bearer: HeaderValue,
    pub(crate) impersonate: Option<HeaderValue>,
    pub(crate) kind: AuthKind,
    /// Which token of a refreshing credential this is, so a 401 refreshes only that one.
    generation: u64,
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authorization")
            .field("kind", &self.kind)
            .field("bearer", &"[redacted]")
            .field("impersonating", &self.impersonate.is_some())
            .finish()
    }
}

impl Authorization {
    /// `Authorization: Bearer {secret}`, optionally with `Cronofy-Impersonate: {sub}`.
    pub(crate) fn bearer(
        kind: AuthKind,
        secret: &str,
        impersonate: Option<&str>,
    ) -> Result<Self, Error> {
        let mut bearer = HeaderValue::try_from(format!("Bearer {secret}")).map_err(|_| {
            Error::InvalidCredential {
                reason: "the token contains characters that cannot be sent in an HTTP header",
            }
        })?;
        bearer.set_sensitive(true);
        let impersonate = match impersonate {
            None => None,
            Some(sub) => {
                let mut value = HeaderValue::from_str(sub).map_err(|_| Error::InvalidCredential {
                    reason: "the impersonated `sub` contains characters that cannot be sent in an HTTP header",
                })?;
                value.set_sensitive(true);
                Some(value)
            }
        };
        Ok(Authorization {
            bearer,
            impersonate,
            kind,
            generation: 0,
        })
    }

    pub(crate) fn with_generation(mut self, generation: u64) -> Self {
        self.generation = generation;
        self
    }

    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// The secret part of the bearer header, so error bodies that echo it can be scrubbed.
    pub(crate) fn bearer_secret(&self) -> &[u8] {
        self.bearer
            .as_bytes()
            .strip_prefix(b"Bearer ")
            .unwrap_or_default()
    }
}

pub(crate) mod sealed {
    /// Only this crate's credential types are credentials.
    pub trait Sealed {}
}

/// Something that can authorize a request to Cronofy. Sealed: implemented by the credential
/// types of this crate only; what an endpoint accepts is said by the kind traits below.
///
/// Endpoint functions take `&dyn UserAuth` (and so on) rather than a generic parameter: a
/// wrong credential is then reported once, at the argument, and each endpoint is compiled
/// once rather than once per credential type. So this trait is dyn-compatible.
#[doc(hidden)]
pub trait Credential: sealed::Sealed + Send + Sync {
    /// The headers for the next request.
    fn authorize(&self) -> Authorize<'_>;

    /// Cronofy answered 401 to `rejected`: get a new token if this credential can. `Ok(true)`
    /// means a retry may use a new one; plain tokens answer `Ok(false)`.
    fn refresh_after_rejection<'a>(&'a self, rejected: &'a Authorization) -> RefreshOutcome<'a> {
        let _ = rejected;
        Box::pin(std::future::ready(Ok(false)))
    }
}

/// The future of [`Credential::refresh_after_rejection`]; boxed, as it runs only after a 401.
#[doc(hidden)]
pub type RefreshOutcome<'a> = Pin<Box<dyn Future<Output = Result<bool, Error>> + Send + 'a>>;

/// The future of [`Credential::authorize`]: ready at once for a plain token, so the common
/// case allocates nothing; boxed for credentials that may have to wait (e.g. for a refresh).
#[doc(hidden)]
pub enum Authorize<'a> {
    /// Known without waiting.
    Ready(Option<Result<Authorization, Error>>),
    /// Needs to wait.
    Pending(Pin<Box<dyn Future<Output = Result<Authorization, Error>> + Send + 'a>>),
}

impl Future for Authorize<'_> {
    type Output = Result<Authorization, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            Authorize::Ready(ready) => {
                Poll::Ready(ready.take().expect("Authorize polled after completion"))
            }
            Authorize::Pending(future) => future.as_mut().poll(cx),
        }
    }
}

macro_rules! kind_trait {
    (
        $(#[$doc:meta])*
        $name:ident,
        message = $message:literal,
        label = $label:literal,
        note = $note:literal $(,)?
    ) => {
        $(#[$doc])*
        #[diagnostic::on_unimplemented(message = $message, label = $label, note = $note)]
        pub trait $name: Credential {}
    };
}

kind_trait! {
    /// Credentials accepted by endpoints declared `auth = "user"`: they act on one user's
    /// calendars.
    UserAuth,
    message = "this endpoint acts for one user, but `{Self}` is not a user credential",
    label = "expected a user credential: a `UserToken`, `RefreshingUserToken` or `Impersonation`",
    note = "pass the user's access token as `&UserToken::new(access_token)` (or a `RefreshingUserToken`), or act for a member of an organization with `&org_token.impersonate(sub)` (`&app_credentials.impersonate(sub)` for an internal application)",
}

kind_trait! {
    /// Credentials accepted by endpoints declared `auth = "app"`: the application itself, with
    /// its client secret as the API key.
    AppAuth,
    message = "this endpoint is called by the application itself, but `{Self}` is not the application's credentials",
    label = "expected `AppCredentials` (your client_id and client_secret)",
    note = "pass `&AppCredentials::new(client_id, client_secret)`: the client secret is the API key for application endpoints; a user's or organization's token is not accepted here",
}

kind_trait! {
    /// Credentials accepted by endpoints declared `auth = "org"`: an Organizational Unit
    /// authorized through Organization Connect.
    OrgAuth,
    message = "this endpoint acts for an organization, but `{Self}` is not an organization credential",
    label = "expected an `OrgToken` or `RefreshingOrgToken`",
    note = "pass the Organization Connect access token (scope `organizational_unit_scheduler`) as `&OrgToken::new(access_token)`; an `Impersonation` acts for one member and is a user credential",
}

kind_trait! {
    /// Credentials accepted by endpoints declared `auth = "service_account"`: an Enterprise
    /// Connect service account.
    ServiceAccountAuth,
    message = "this endpoint is for an Enterprise Connect service account, but `{Self}` is not a service account credential",
    label = "expected a `ServiceAccountToken`",
    note = "pass the service account's access token (from the Enterprise Connect authorization) as `&ServiceAccountToken::new(access_token)`; to act for one of its users, use the user token the service account authorization produces",
}

kind_trait! {
    /// Credentials accepted by endpoints declared `auth = "user" | "app"`.
    UserOrAppAuth,
    message = "this endpoint accepts a user credential or the application's credentials, but `{Self}` is neither",
    label = "expected a `UserToken`, an `Impersonation` or `AppCredentials`",
    note = "pass `&UserToken::new(access_token)` to act for a user, or `&AppCredentials::new(client_id, client_secret)` to act as the application",
}

kind_trait! {
    /// Credentials accepted by endpoints declared `auth = "user" | "org"`.
    UserOrOrgAuth,
    message = "this endpoint accepts a user credential or an organization credential, but `{Self}` is neither",
    label = "expected a `UserToken`, an `Impersonation` or an `OrgToken`",
    note = "pass `&UserToken::new(access_token)` to act for a user, or `&OrgToken::new(access_token)` to act for the organization",
}

kind_trait! {
    /// Credentials accepted by endpoints declared `auth = "app" | "org"`.
    AppOrOrgAuth,
    message = "this endpoint accepts the application's credentials or an organization credential, but `{Self}` is neither",
    label = "expected `AppCredentials` or an `OrgToken`",
    note = "pass `&AppCredentials::new(client_id, client_secret)` to act as the application, or `&OrgToken::new(access_token)` to act for the organization",
}

kind_trait! {
    /// Credentials accepted by endpoints declared `auth = "user" | "app" | "org"`.
    AnyAuth,
    message = "this endpoint needs a Cronofy credential, but `{Self}` is not one",
    label = "expected a `UserToken`, an `Impersonation`, `AppCredentials` or an `OrgToken`",
    note = "tokens and secrets are wrapped in their credential type, e.g. `&UserToken::new(access_token)`, so the compiler can check which endpoints they may call",
}

// Which kinds each credential satisfies. Written out rather than generated, because the
// compiler quotes these lines when it lists the credentials an endpoint accepts.
mod kinds {
    use super::*;
    use crate::credentials::{
        AppCredentials, Impersonation, Impersonator, OrgToken, ServiceAccountToken, UserToken,
    };
    use crate::oauth::{RefreshingOrgToken, RefreshingUserToken, TokenStore};

    impl UserAuth for UserToken {}
    impl UserOrAppAuth for UserToken {}
    impl UserOrOrgAuth for UserToken {}
    impl AnyAuth for UserToken {}

    impl<C: Impersonator> UserAuth for Impersonation<'_, C> {}
    impl<C: Impersonator> UserOrAppAuth for Impersonation<'_, C> {}
    impl<C: Impersonator> UserOrOrgAuth for Impersonation<'_, C> {}
    impl<C: Impersonator> AnyAuth for Impersonation<'_, C> {}

    impl AppAuth for AppCredentials {}
    impl UserOrAppAuth for AppCredentials {}
    impl AppOrOrgAuth for AppCredentials {}
    impl AnyAuth for AppCredentials {}

    impl<S: TokenStore> UserAuth for RefreshingUserToken<S> {}
    impl<S: TokenStore> UserOrAppAuth for RefreshingUserToken<S> {}
    impl<S: TokenStore> UserOrOrgAuth for RefreshingUserToken<S> {}
    impl<S: TokenStore> AnyAuth for RefreshingUserToken<S> {}

    impl<S: TokenStore> OrgAuth for RefreshingOrgToken<S> {}
    impl<S: TokenStore> UserOrOrgAuth for RefreshingOrgToken<S> {}
    impl<S: TokenStore> AppOrOrgAuth for RefreshingOrgToken<S> {}
    impl<S: TokenStore> AnyAuth for RefreshingOrgToken<S> {}

    impl ServiceAccountAuth for ServiceAccountToken {}

    impl OrgAuth for OrgToken {}
    impl UserOrOrgAuth for OrgToken {}
    impl AppOrOrgAuth for OrgToken {}
    impl AnyAuth for OrgToken {}
}
