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
//!
//! # The lattice
//!
//! User, app and org credentials combine: there is a trait for every set of two or more of
//! them ([`UserOrAppAuth`], [`UserOrOrgAuth`], [`AppOrOrgAuth`], [`UserOrAppOrOrgAuth`]), and
//! each trait implies every larger set (`UserAuth: UserOrAppAuth + UserOrOrgAuth`, and so on).
//! So code written for one kind calls every endpoint that accepts it, alone or with others:
//!
//! ```
//! use cronofy::auth::{UserAuth, UserOrAppAuth};
//!
//! // An endpoint declared `auth = "user" | "app"` takes `&dyn UserOrAppAuth`, like this.
//! fn user_or_app_endpoint(_credential: &dyn UserOrAppAuth) {}
//!
//! fn for_any_user<C: UserAuth>(user: &C) {
//!     user_or_app_endpoint(user);
//! }
//!
//! fn for_any_user_object(user: &dyn UserAuth) {
//!     user_or_app_endpoint(user);
//! }
//!
//! let token = cronofy::UserToken::new("access-token");
//! for_any_user(&token);
//! for_any_user(&std::sync::Arc::new(token.clone()));
//! for_any_user_object(&token);
//! ```
//!
//! `&dyn UserAuth` is upcast the same way. The reverse does not: a
//! `&dyn UserOrAppAuth` may hold the application's credentials, so a user-only endpoint
//! rejects it (with the compiler's own "mismatched types": one trait object is not converted
//! to another it does not imply). Take the narrowest trait your code needs. In generic code,
//! bound a parameter by one trait, never by two kinds (`C: UserAuth + AppOrOrgAuth` compiles
//! but no credential satisfies it, though the compiler may suggest it). The traits and their messages are generated from one list of kinds
//! (`cronofy-macros/src/kinds.rs`), so a kind added there gets every combination.
//!
//! # Credentials behind pointers
//!
//! A credential in a `Box` or an `Arc` (a trait object such as `Arc<dyn UserAuth>` included)
//! is accepted as the credential itself: `&arc` works where `&token` does. An `Rc` cannot be:
//! requests are `Send` futures and an `Rc` cannot cross threads, so lend what it holds,
//! `&*rc`; the compiler's message says so.

pub(crate) mod assertion;
mod authorization;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

pub use authorization::Authorization;

use crate::{Client, Endpoint, Error};

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

// `AuthKind`, the kind traits and which credential has which kind, generated from the one
// list of kinds in `cronofy-macros/src/kinds.rs`: every single-kind trait implies every
// combination containing its kind (`UserAuth: UserOrAppAuth + UserOrOrgAuth`, ...), so
// generic code over one kind can call every endpoint that accepts it; and each trait is also
// implemented by `&C`, `Box<C>` and `Arc<C>` of a credential `C` that has it (`=> as C`).
//
// One line per credential type: the compiler quotes these lines when it lists the credentials
// an endpoint accepts.
mod kinds {
    use std::sync::Arc;

    use super::Credential;
    use crate::credentials::{
        AppCredentials, Impersonation, Impersonator, OrgToken, ServiceAccountToken, UserToken,
    };
    use crate::oauth::{
        RefreshingOrgToken, RefreshingServiceAccountToken, RefreshingUserToken, TokenStore,
    };

    cronofy_macros::__credential_kinds! {
        UserToken => user;
        impl<S: TokenStore> RefreshingUserToken<S> => user;
        impl<C: Impersonator> Impersonation<'_, C> => user;
        AppCredentials => app, client_credentials;
        OrgToken => org;
        impl<S: TokenStore> RefreshingOrgToken<S> => org;
        ServiceAccountToken => service_account;
        impl<S: TokenStore> RefreshingServiceAccountToken<S> => service_account;
        &C => as C;
        Box<C> => as C;
        Arc<C> => as C;
    }
}

pub use kinds::*;

// A credential lent from a reference, a `Box` or an `Arc` is that credential: the kind traits
// follow (generated above), and so do these.
impl<C: sealed::Sealed + ?Sized> sealed::Sealed for &C {}
impl<C: sealed::Sealed + ?Sized> sealed::Sealed for Box<C> {}
impl<C: sealed::Sealed + ?Sized> sealed::Sealed for Arc<C> {}

macro_rules! lend_credential {
    ($($pointer:ty),*) => {$(
        impl<C: Credential + ?Sized> Credential for $pointer {
            fn authorize<'a>(
                &'a self,
                client: &'a Client,
                endpoint: &'static Endpoint,
            ) -> Authorize<'a> {
                (**self).authorize(client, endpoint)
            }

            fn reauthorize<'a>(
                &'a self,
                client: &'a Client,
                rejected: &'a Authorization,
            ) -> Reauthorize<'a> {
                (**self).reauthorize(client, rejected)
            }
        }
    )*};
}

lend_credential!(&C, Box<C>, Arc<C>);
