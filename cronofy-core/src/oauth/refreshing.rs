//! Credentials that refresh themselves: [`RefreshingUserToken`] and [`RefreshingOrgToken`],
//! and the [`RefreshingTokenBuilder`] that makes them.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument as _;

use crate::auth::{AuthKind, Authorization, Authorize, Credential, Reauthorize, sealed};
use crate::credentials::Impersonator;
use crate::oauth::refresh::{RefreshingCore, Settings};
use crate::oauth::{MemoryTokenStore, SaveCondition, SaveOutcome, TokenSet, TokenStore};
use crate::{AppCredentials, Client, Endpoint, Error, Impersonation};

/// Sets up a self-refreshing credential, then builds it from the token store
/// ([`from_store`](Self::from_store)) or from a new authorization
/// ([`from_new_authorization`](Self::from_new_authorization)). The settings apply to the
/// credential and every clone of it.
///
/// ```no_run
/// use cronofy::AppCredentials;
/// use cronofy::oauth::{MemoryTokenStore, RefreshingUserToken};
/// use std::time::Duration;
///
/// async fn restore_user(
///     app: &AppCredentials,
///     store: MemoryTokenStore,
/// ) -> Result<RefreshingUserToken, cronofy::Error> {
///     RefreshingUserToken::builder(app, store)
///         .lease_duration(Duration::from_secs(60))
///         .refresh_ahead_of_expiry(Duration::from_secs(120))
///         .from_store()
///         .await
/// }
/// ```
#[must_use]
pub struct RefreshingTokenBuilder<C, S> {
    app: AppCredentials,
    store: S,
    settings: Settings,
    /// The kind the credential built presents, and how it is made.
    kind: AuthKind,
    make: fn(Arc<RefreshingCore<S>>) -> C,
}

impl<C, S> fmt::Debug for RefreshingTokenBuilder<C, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingTokenBuilder")
            .field("app", &self.app)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl<C, S: TokenStore> RefreshingTokenBuilder<C, S> {
    fn new(
        app: &AppCredentials,
        store: S,
        kind: AuthKind,
        make: fn(Arc<RefreshingCore<S>>) -> C,
    ) -> Self {
        RefreshingTokenBuilder {
            app: app.clone(),
            store,
            settings: Settings::default(),
            kind,
            make,
        }
    }

    /// How long the refresh lease lasts (90 s unless set; at least 100 ms): while one
    /// instance refreshes, the others sharing the store wait, at most this long if it crashed.
    /// The holder renews it while it works, so a slow token request does not let it expire;
    /// a store outage longer than about half of it can. Keep it well above the store's
    /// operation timeout, and above the outages you want to ride through.
    pub fn lease_duration(mut self, duration: Duration) -> Self {
        self.settings = self.settings.lease(duration);
        self
    }

    /// Also refresh when the access token is within `margin` of expiring, not only after a
    /// 401. Off by default: issuing tokens counts toward Cronofy's rate limits, while a 401
    /// does not.
    pub fn refresh_ahead_of_expiry(mut self, margin: Duration) -> Self {
        self.settings.refresh_ahead = Some(margin);
        self
    }

    /// The credential whose tokens the store holds: what every instance of an application
    /// that shares the store uses. Fails with [`Error::ReauthorizationRequired`] when the
    /// store holds none, or holds tokens that Cronofy refused, and with
    /// [`Error::TokenStore`] when it cannot be read.
    pub async fn from_store(self) -> Result<C, Error> {
        let stored = self
            .store
            .load()
            .instrument(tracing::debug_span!(target: "cronofy", "token_store.load"))
            .await
            .map_err(Error::TokenStore)?;
        let Some(stored) = stored else {
            return Err(Error::ReauthorizationRequired {
                description: "the token store holds no tokens for this authorization".into(),
            });
        };
        if stored.reauthorization_required {
            return Err(Error::ReauthorizationRequired {
                description: "the token store records that Cronofy refused this \
                              authorization's refresh token"
                    .into(),
            });
        }
        Ok(self.build(stored.tokens, stored.version))
    }

    /// The credential of a new authorization (the code exchange, an application calendar, a
    /// service account's delegation): `tokens` replace whatever the store held, and are saved
    /// before their first use, so every instance adopts them. Fails with
    /// [`Error::TokenStore`] when they cannot be saved.
    pub async fn from_new_authorization(self, tokens: TokenSet) -> Result<C, Error> {
        let saved = self
            .store
            .save(&tokens, SaveCondition::Always)
            .await
            .map_err(Error::TokenStore)?;
        match saved {
            SaveOutcome::Saved(version) => Ok(self.build(tokens, version)),
            SaveOutcome::Conflict => Err(Error::TokenStore(crate::oauth::TokenStoreError::new(
                "the token store refused an unconditional save (SaveCondition::Always): it \
                 breaks the TokenStore contract",
            ))),
        }
    }

    fn build(self, tokens: TokenSet, version: crate::oauth::TokenVersion) -> C {
        (self.make)(Arc::new(RefreshingCore::new(
            self.app,
            self.store,
            self.kind,
            self.settings,
            tokens,
            version,
        )))
    }
}

macro_rules! refreshing_credential {
    ($(#[$doc:meta])* $name:ident, $kind:expr) => {
        $(#[$doc])*
        pub struct $name<S: TokenStore = MemoryTokenStore> {
            core: Arc<RefreshingCore<S>>,
        }

        impl<S: TokenStore> $name<S> {
            /// Sets up the credential: lease duration, refresh ahead of expiry, then where its
            /// tokens come from.
            pub fn builder(app: &AppCredentials, store: S) -> RefreshingTokenBuilder<Self, S> {
                RefreshingTokenBuilder::new(app, store, $kind, |core| $name { core })
            }

            /// The credential whose tokens `store` holds, with default settings: see
            /// [`RefreshingTokenBuilder::from_store`].
            pub async fn from_store(app: &AppCredentials, store: S) -> Result<Self, Error> {
                Self::builder(app, store).from_store().await
            }

            /// The credential of a new authorization, with default settings: `tokens` are
            /// saved to `store` first. See [`RefreshingTokenBuilder::from_new_authorization`].
            pub async fn from_new_authorization(
                app: &AppCredentials,
                tokens: TokenSet,
                store: S,
            ) -> Result<Self, Error> {
                Self::builder(app, store).from_new_authorization(tokens).await
            }

            /// The token set in use now.
            pub fn tokens(&self) -> TokenSet {
                self.core.tokens()
            }

            /// The store new token sets are saved to.
            pub fn store(&self) -> &S {
                self.core.store()
            }

            /// Refreshes now through `client`, whatever the expiry (or takes the newer tokens
            /// another instance saved to the store, if there are any).
            pub async fn refresh(&self, client: &Client) -> Result<(), Error> {
                self.core.refresh(client, self.core.generation()).await
            }
        }

        impl<S: TokenStore> Clone for $name<S> {
            /// Clones share one token and one refresh.
            fn clone(&self) -> Self {
                $name {
                    core: Arc::clone(&self.core),
                }
            }
        }

        impl<S: TokenStore> fmt::Debug for $name<S> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("tokens", &self.core.tokens())
                    .finish_non_exhaustive()
            }
        }

        impl<S: TokenStore> sealed::Sealed for $name<S> {}

        impl<S: TokenStore> Credential for $name<S> {
            fn authorize<'a>(&'a self, client: &'a Client, _: &'static Endpoint) -> Authorize<'a> {
                authorize(&self.core, client, None)
            }

            fn reauthorize<'a>(&'a self, client: &'a Client, rejected: &'a Authorization) -> Reauthorize<'a> {
                reauthorize(&self.core, client, rejected, None)
            }
        }
    };
}

refreshing_credential! {
    /// A user's tokens that refresh themselves: a **user** credential, like
    /// [`UserToken`](crate::UserToken).
    ///
    /// After a 401 it refreshes once (through the client of the call) and the request is
    /// retried once; concurrent callers share that one refresh; each new token set reaches the
    /// [`TokenStore`] before it is used. Clones share the token, so hand one to every task.
    ///
    /// ```no_run
    /// use cronofy::AppCredentials;
    /// use cronofy::oauth::{MemoryTokenStore, RefreshingUserToken, TokenSet};
    ///
    /// async fn from_exchange(
    ///     app: &AppCredentials,
    ///     exchanged: TokenSet,
    /// ) -> Result<RefreshingUserToken, cronofy::Error> {
    ///     let store = MemoryTokenStore::new();
    ///     RefreshingUserToken::from_new_authorization(app, exchanged, store).await
    /// }
    /// ```
    RefreshingUserToken, AuthKind::User
}

refreshing_credential! {
    /// An Organizational Unit's tokens that refresh themselves: an **org** credential, like
    /// [`OrgToken`](crate::OrgToken), with the same refresh guarantees as
    /// [`RefreshingUserToken`]. [`impersonate`](Self::impersonate) acts for a member.
    RefreshingOrgToken, AuthKind::Org
}

refreshing_credential! {
    /// An Enterprise Connect service account's tokens that refresh themselves: a
    /// **service_account** credential, like [`ServiceAccountToken`](crate::ServiceAccountToken),
    /// with the same refresh guarantees as [`RefreshingUserToken`]. Service account tokens
    /// live 1800 seconds, so a long-running process refreshes often: this does it ahead of
    /// expiry, once for all clones, saving each rotated set to the store first.
    ///
    /// ```no_run
    /// use cronofy::AppCredentials;
    /// use cronofy::oauth::{MemoryTokenStore, RefreshingServiceAccountToken, TokenSet};
    ///
    /// async fn service_account(
    ///     app: &AppCredentials,
    ///     exchanged: TokenSet,
    /// ) -> Result<RefreshingServiceAccountToken, cronofy::Error> {
    ///     let store = MemoryTokenStore::new();
    ///     RefreshingServiceAccountToken::from_new_authorization(app, exchanged, store).await
    /// }
    /// ```
    RefreshingServiceAccountToken, AuthKind::ServiceAccount
}

impl<S: TokenStore> RefreshingOrgToken<S> {
    /// Acts as one member of the organization, identified by their `sub`: a **user**
    /// credential that sends this (refreshing) token with `Cronofy-Impersonate: {sub}`.
    pub fn impersonate(&self, sub: impl Into<String>) -> Impersonation<'_, RefreshingOrgToken<S>> {
        Impersonation::new(self, sub.into())
    }
}

impl<S: TokenStore> Impersonator for RefreshingOrgToken<S> {
    fn authorize_impersonating<'a>(&'a self, client: &'a Client, sub: &'a str) -> Authorize<'a> {
        authorize(&self.core, client, Some(sub))
    }

    fn reauthorize_impersonating<'a>(
        &'a self,
        client: &'a Client,
        sub: &'a str,
        rejected: &'a Authorization,
    ) -> Reauthorize<'a> {
        reauthorize(&self.core, client, rejected, Some(sub))
    }
}

/// The current token, or, when refreshing ahead of expiry is due, the token after a refresh.
fn authorize<'a, S: TokenStore>(
    core: &'a Arc<RefreshingCore<S>>,
    client: &'a Client,
    impersonate: Option<&'a str>,
) -> Authorize<'a> {
    match core.authorization(impersonate) {
        (ready, None) => Authorize::Ready(Some(ready)),
        (current, Some(generation)) => Authorize::Pending(Box::pin(async move {
            match core.refresh(client, generation).await {
                Ok(()) => core.authorization(impersonate).0,
                // Final answers: no token of this authorization will work again.
                Err(
                    error @ (Error::ReauthorizationRequired { .. }
                    | Error::InvalidClient
                    | Error::InvalidCredential { .. }
                    | Error::AuthorizationRemoved),
                ) => Err(error),
                // Passing trouble (Cronofy or the token store unreachable, a 503): the current
                // token is still valid for the rest of the margin. A set rotated meanwhile is
                // kept and saved as soon as the store answers.
                Err(error) => {
                    tracing::warn!(target: "cronofy", %error, "refreshing ahead of expiry failed; using the current token");
                    current
                }
            }
        })),
    }
}

/// After a 401: the authorization after the rejected token's refresh.
fn reauthorize<'a, S: TokenStore>(
    core: &'a Arc<RefreshingCore<S>>,
    client: &'a Client,
    rejected: &'a Authorization,
    impersonate: Option<&'a str>,
) -> Reauthorize<'a> {
    Box::pin(async move {
        core.refresh(client, rejected.generation()).await?;
        core.authorization(impersonate).0.map(Some)
    })
}
