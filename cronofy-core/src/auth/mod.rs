//! Credential kinds, and the traits that let an endpoint accept only the kinds Cronofy requires.
//!
//! Every endpoint declared with `#[cronofy_endpoint(auth = ...)]` takes its credential as
//! `&dyn UserAuth`, `&dyn AppAuth`, `&dyn OrgAuth`, or one of the combined traits when
//! Cronofy documents more than one kind (`auth = "user" | "app"` gives `&dyn UserOrAppAuth`).
//! A trait object rather than a generic parameter: a wrong credential is then reported once, on
//! the argument, and each endpoint is compiled once. The traits are **sealed**: only the
//! credential types of this crate implement them, so a wrong credential is a compile error
//! that says what to pass instead.
//!
//! | kind | trait | credential types |
//! | --- | --- | --- |
//! | user | [`UserAuth`] | [`UserToken`](crate::UserToken), [`RefreshingUserToken`](crate::oauth::RefreshingUserToken), [`Impersonation`](crate::Impersonation) |
//! | app | [`AppAuth`] | [`AppCredentials`](crate::AppCredentials) (the client secret as bearer) |
//! | org | [`OrgAuth`] | [`OrgToken`](crate::OrgToken), [`RefreshingOrgToken`](crate::oauth::RefreshingOrgToken) |
//! | service_account | [`ServiceAccountAuth`] | [`ServiceAccountToken`](crate::ServiceAccountToken), [`RefreshingServiceAccountToken`](crate::oauth::RefreshingServiceAccountToken) |
//! | client_credentials | [`ClientCredentialsAuth`] | [`AppCredentials`](crate::AppCredentials) (client id and secret in the JSON body) |
//!
//! A service account (Enterprise Connect) is its own kind rather than a kind of user: its
//! token may call only the Enterprise Connect endpoints, and a user's token may not call them.
//! Client credentials are what the token endpoint, revocation and application calendars take.
//! Neither is combined with other kinds.

mod authorization;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pub use authorization::Authorization;

use crate::{Client, Endpoint, Error};

/// The kinds of credential Cronofy distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AuthKind {
    /// One user's OAuth access token, or an organization or internal application acting as
    /// one of its members (`Cronofy-Impersonate`).
    User,
    /// The application itself: its client secret is the API key, sent as bearer.
    App,
    /// An Organizational Unit's access token (Organization Connect).
    Org,
    /// An Enterprise Connect service account's access token.
    ServiceAccount,
    /// The application's client id and secret as members of the JSON body, no bearer.
    ClientCredentials,
}

impl AuthKind {
    /// The name used in `#[cronofy_endpoint(auth = "...")]`, e.g. `"user"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AuthKind::User => "user",
            AuthKind::App => "app",
            AuthKind::Org => "org",
            AuthKind::ServiceAccount => "service_account",
            AuthKind::ClientCredentials => "client_credentials",
        }
    }
}

impl fmt::Display for AuthKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub(crate) mod sealed {
    /// Only this crate's credential types are credentials.
    pub trait Sealed {}
}

/// Something that can authorize a request to Cronofy. Sealed: implemented by the credential
/// types of this crate only; what an endpoint accepts is said by the kind traits below.
///
/// Dyn-compatible, since endpoint functions take `&dyn UserAuth` (and so on).
#[doc(hidden)]
pub trait Credential: sealed::Sealed + Send + Sync {
    /// How a request to `endpoint` through `client` is authorized now. A refreshing credential
    /// due for a refresh ahead of expiry refreshes first, through `client`.
    fn authorize<'a>(&'a self, client: &'a Client, endpoint: &'static Endpoint) -> Authorize<'a>;

    /// Cronofy answered 401 to `rejected`: the authorization to retry with, if this credential
    /// can get a new one (a refreshing credential refreshes through `client`); plain tokens
    /// answer `Ok(None)`.
    fn reauthorize<'a>(
        &'a self,
        client: &'a Client,
        rejected: &'a Authorization,
    ) -> Reauthorize<'a> {
        let _ = (client, rejected);
        Box::pin(std::future::ready(Ok(None)))
    }
}

/// The future of [`Credential::reauthorize`]; boxed, as it runs only after a 401.
#[doc(hidden)]
pub type Reauthorize<'a> =
    Pin<Box<dyn Future<Output = Result<Option<Authorization>, Error>> + Send + 'a>>;

/// The future of [`Credential::authorize`]: ready at once for a plain token, so the common
/// case allocates nothing; boxed for credentials that may have to wait (e.g. for a refresh).
#[doc(hidden)]
pub enum Authorize<'a> {
    /// Known without waiting.
    Ready(Option<Result<Authorization, Error>>),
    /// Needs to wait.
    Pending(Pin<Box<dyn Future<Output = Result<Authorization, Error>> + Send + 'a>>),
}

impl Authorize<'_> {
    /// An authorization known at once.
    pub(crate) fn ready(authorization: Result<Authorization, Error>) -> Self {
        Authorize::Ready(Some(authorization))
    }
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
    label = "expected a `ServiceAccountToken` or `RefreshingServiceAccountToken`",
    note = "pass the service account's access token (from the Enterprise Connect authorization) as `&ServiceAccountToken::new(access_token)`; to act for one of its users, use the user token the service account authorization produces",
}

kind_trait! {
    /// Credentials accepted by endpoints declared `auth = "client_credentials"`: the
    /// application's client id and secret, sent in the JSON body (the token endpoint,
    /// revocation, application calendars).
    ClientCredentialsAuth,
    message = "this endpoint takes the application's client id and secret in the request body, but `{Self}` is not the application's credentials",
    label = "expected `AppCredentials` (your client_id and client_secret)",
    note = "pass `&AppCredentials::new(client_id, client_secret)`: the token endpoint, revocation and application calendars authenticate the application itself, never a user or an organization",
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
    use crate::oauth::{
        RefreshingOrgToken, RefreshingServiceAccountToken, RefreshingUserToken, TokenStore,
    };

    impl UserAuth for UserToken {}
    impl UserOrAppAuth for UserToken {}
    impl UserOrOrgAuth for UserToken {}
    impl AnyAuth for UserToken {}

    impl<C: Impersonator> UserAuth for Impersonation<'_, C> {}
    impl<C: Impersonator> UserOrAppAuth for Impersonation<'_, C> {}
    impl<C: Impersonator> UserOrOrgAuth for Impersonation<'_, C> {}
    impl<C: Impersonator> AnyAuth for Impersonation<'_, C> {}

    impl AppAuth for AppCredentials {}
    impl ClientCredentialsAuth for AppCredentials {}
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
    impl<S: TokenStore> ServiceAccountAuth for RefreshingServiceAccountToken<S> {}

    impl OrgAuth for OrgToken {}
    impl UserOrOrgAuth for OrgToken {}
    impl AppOrOrgAuth for OrgToken {}
    impl AnyAuth for OrgToken {}
}
