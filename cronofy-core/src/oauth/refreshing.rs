//! Credentials that refresh themselves: [`RefreshingUserToken`] and [`RefreshingOrgToken`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::{AuthKind, Authorization, Authorize, Credential, RefreshOutcome, sealed};
use crate::credentials::Impersonator;
use crate::oauth::refresher::Refresher;
use crate::oauth::{MemoryTokenStore, TokenSet, TokenStore};
use crate::{AppCredentials, Client, Error, Impersonation};

macro_rules! refreshing_credential {
    ($(#[$doc:meta])* $name:ident, $kind:expr, $kind_word:literal) => {
        $(#[$doc])*
        pub struct $name<S: TokenStore = MemoryTokenStore> {
            refresher: Arc<Refresher<S>>,
        }

        impl<S: TokenStore> $name<S> {
            #[doc = concat!("A ", $kind_word, " credential from `tokens` (as returned by the code exchange or")]
            /// restored from storage), refreshed through `client` with `app`'s client credentials,
            /// saving each new token set to `store` before using it.
            pub fn new(client: &Client, app: &AppCredentials, tokens: TokenSet, store: S) -> Self {
                $name {
                    refresher: Arc::new(Refresher::new(
                        client.clone(),
                        app.clone(),
                        tokens,
                        None,
                        store,
                        $kind,
                    )),
                }
            }

            /// The credential whose tokens `store` holds: what every instance of an application
            /// that shares the store should use. Fails with
            /// [`Error::ReauthorizationRequired`] when the store holds none, or holds tokens
            /// that Cronofy refused, and with [`Error::TokenStore`] when it cannot be read.
            pub async fn from_store(client: &Client, app: &AppCredentials, store: S) -> Result<Self, Error> {
                let stored = store.load().await.map_err(Error::TokenStore)?;
                let Some(stored) = stored else {
                    return Err(Error::ReauthorizationRequired {
                        description: "the token store holds no tokens for this authorization".into(),
                    });
                };
                if stored.reauthorization_required {
                    return Err(Error::ReauthorizationRequired {
                        description: "the token store records that Cronofy refused this authorization's refresh token".into(),
                    });
                }
                Ok($name {
                    refresher: Arc::new(Refresher::new(
                        client.clone(),
                        app.clone(),
                        stored.tokens,
                        Some(stored.version),
                        store,
                        $kind,
                    )),
                })
            }

            /// How long this credential's refresh lease lasts (90 s unless set): while one
            /// instance refreshes, the others sharing the store wait, at most this long if it
            /// crashed. Keep it above what happens under the lease: the client's request
            /// timeout plus twice the store's operation timeout.
            #[must_use]
            pub fn refresh_lease(self, duration: Duration) -> Self {
                self.refresher.set_lease_duration(duration);
                self
            }

            /// Also refreshes when the access token is within `margin` of expiring, not only
            /// after a 401. Off by default: issuing tokens counts toward Cronofy's rate limits,
            /// while a 401 does not.
            #[must_use]
            pub fn refresh_ahead_of_expiry(self, margin: Duration) -> Self {
                self.refresher.set_refresh_ahead(Some(margin));
                self
            }

            /// The token set in use now.
            pub fn tokens(&self) -> TokenSet {
                self.refresher.tokens()
            }

            /// The store new token sets are saved to.
            pub fn store(&self) -> &S {
                self.refresher.store()
            }

            /// Refreshes now, whatever the expiry (or takes the newer tokens another instance
            /// saved to the store, if there are any).
            pub async fn refresh(&self) -> Result<(), Error> {
                self.refresher
                    .refresh_from(self.refresher.generation())
                    .await
            }
        }

        impl<S: TokenStore> Clone for $name<S> {
            /// Clones share one token and one refresh.
            fn clone(&self) -> Self {
                $name {
                    refresher: Arc::clone(&self.refresher),
                }
            }
        }

        impl<S: TokenStore> fmt::Debug for $name<S> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("tokens", &self.refresher.tokens())
                    .finish_non_exhaustive()
            }
        }

        impl<S: TokenStore> sealed::Sealed for $name<S> {}

        impl<S: TokenStore> Credential for $name<S> {
            fn authorize(&self) -> Authorize<'_> {
                authorize(&self.refresher, None)
            }

            fn refresh_after_rejection<'a>(&'a self, rejected: &'a Authorization) -> RefreshOutcome<'a> {
                Box::pin(async move {
                    self.refresher.refresh_from(rejected.generation()).await.map(|()| true)
                })
            }
        }
    };
}

refreshing_credential! {
    /// A user's tokens that refresh themselves: a **user** credential, like
    /// [`UserToken`](crate::UserToken).
    ///
    /// After a 401 it refreshes once and the request is retried once; concurrent callers
    /// share that one refresh; each new token set reaches the [`TokenStore`] before it is used.
    /// Clones share the token, so hand one to every task.
    ///
    /// ```no_run
    /// use cronofy_core::oauth::{MemoryTokenStore, RefreshingUserToken, TokenSet};
    /// use cronofy_core::{AppCredentials, Client, DataCenter};
    ///
    /// # fn run(saved: TokenSet) -> Result<(), Box<dyn std::error::Error>> {
    /// let client = Client::new(DataCenter::Us)?;
    /// let app = AppCredentials::new("client-id", "client-secret");
    /// let user = RefreshingUserToken::new(&client, &app, saved, MemoryTokenStore::new());
    /// # Ok(()) }
    /// ```
    RefreshingUserToken, AuthKind::User, "user"
}

refreshing_credential! {
    /// An Organizational Unit's tokens that refresh themselves: an **org** credential, like
    /// [`OrgToken`](crate::OrgToken), with the same refresh guarantees as
    /// [`RefreshingUserToken`]. [`impersonate`](Self::impersonate) acts for a member.
    RefreshingOrgToken, AuthKind::Org, "organization"
}

impl<S: TokenStore> RefreshingOrgToken<S> {
    /// Acts as one member of the organization, identified by their `sub`: a **user**
    /// credential that sends this (refreshing) token with `Cronofy-Impersonate: {sub}`.
    pub fn impersonate(&self, sub: impl Into<String>) -> Impersonation<'_, RefreshingOrgToken<S>> {
        Impersonation::new(self, sub.into())
    }
}

impl<S: TokenStore> Impersonator for RefreshingOrgToken<S> {
    fn authorize_impersonating<'a>(&'a self, sub: &'a str) -> Authorize<'a> {
        authorize(&self.refresher, Some(sub))
    }

    fn refresh_after_rejection<'a>(&'a self, rejected: &'a Authorization) -> RefreshOutcome<'a> {
        Credential::refresh_after_rejection(self, rejected)
    }
}

/// The current token, or, when refreshing ahead of expiry is due, the token after a refresh.
fn authorize<'a, S: TokenStore>(
    refresher: &'a Arc<Refresher<S>>,
    impersonate: Option<&'a str>,
) -> Authorize<'a> {
    match refresher.authorization(impersonate) {
        (ready, None) => Authorize::Ready(Some(ready)),
        (current, Some(generation)) => Authorize::Pending(Box::pin(async move {
            match refresher.refresh_from(generation).await {
                Ok(()) => refresher.authorization(impersonate).0,
                // Final answers, and a store failure the caller must hear of.
                Err(
                    error @ (Error::ReauthorizationRequired { .. }
                    | Error::InvalidClient
                    | Error::TokenStore(_)),
                ) => Err(error),
                // Passing trouble (Cronofy unreachable, a 503): the current token is still
                // valid for the rest of the margin.
                Err(error) => {
                    tracing::warn!(target: "cronofy", %error, "refreshing ahead of expiry failed; using the current token");
                    current
                }
            }
        })),
    }
}
