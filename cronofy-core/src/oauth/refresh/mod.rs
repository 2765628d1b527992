//! The refresh machinery under the self-refreshing credentials, in parts:
//!
//! - [`cache`]: a single-flight cache of the token in use, knowing nothing of OAuth: readers
//!   never wait, one caller replaces a stale token while the others wait for it;
//! - [`protocol`]: the store protocol that the replacing caller runs (load, lease and its
//!   renewal, compare-and-swap save, the set kept after a failed save, re-authorization),
//!   free of HTTP;
//! - [`source`]: the token request itself, through the caller's client and the one pipeline;
//! - [`record`]: one record's state, shared by every credential of this process on it, and
//!   the background save of a kept set;
//! - [`tasks`]: the refresh work in flight, which [`shutdown`](crate::oauth::shutdown) waits
//!   for.
//!
//! [`RefreshingCore`] ties them together for one credential. The refresh runs in its own
//! task: a caller that gives up (a timeout, a dropped web request) cannot cut it off between
//! Cronofy rotating the refresh token and the store saving the new one.

mod cache;
mod protocol;
mod record;
#[cfg(test)]
mod schedules;
mod source;
mod tasks;

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::auth::{AuthKind, Authorization};
use crate::oauth::{TokenSet, TokenStore, TokenStoreError, TokenVersion};
use crate::{AppCredentials, Client, Error};

pub(crate) use protocol::Current;
use record::SharedRecord;
use source::TokenEndpoint;
pub use tasks::{ShutdownTimedOut, shutdown};

/// Long enough for what happens under the lease at the default timeouts: a load and a save
/// (10 s each at most for the PostgreSQL and Redis stores) and a token request (30 s), with
/// room to retry a failed save; short enough that a crashed holder does not block a user for
/// long (waiting instances take over when it expires).
pub(crate) const DEFAULT_LEASE: Duration = Duration::from_secs(90);

/// The shortest lease: a zero lease would expire before the refresh it guards.
const SHORTEST_LEASE: Duration = Duration::from_millis(100);

/// How a refreshing credential is set up; fixed once it is built, shared by its clones.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settings {
    pub(crate) lease: Duration,
    /// Refresh this long before expiry; `None`: only after a 401.
    pub(crate) refresh_ahead: Option<Duration>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lease: DEFAULT_LEASE,
            refresh_ahead: None,
        }
    }
}

impl Settings {
    pub(crate) fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease.max(SHORTEST_LEASE);
        self
    }
}

/// What the clones of one refreshing credential share: its settings, and the state of its
/// record (shared with every other credential of this process on the same record).
pub(crate) struct RefreshingCore<S> {
    app: AppCredentials,
    kind: AuthKind,
    settings: Settings,
    record: Arc<SharedRecord<S>>,
}

impl<S: TokenStore> RefreshingCore<S> {
    pub(crate) fn new(
        app: AppCredentials,
        store: S,
        kind: AuthKind,
        settings: Settings,
        tokens: TokenSet,
        version: TokenVersion,
    ) -> Self {
        RefreshingCore {
            app,
            kind,
            settings,
            record: SharedRecord::of(store, Current::new(tokens, version)),
        }
    }

    pub(crate) fn store(&self) -> &S {
        &self.record.store
    }

    pub(crate) fn tokens(&self) -> TokenSet {
        self.record.cache.read(|current, _| current.tokens.clone())
    }

    pub(crate) fn generation(&self) -> u64 {
        self.record.cache.generation()
    }

    /// The current token as an authorization, and the generation to refresh when it is due
    /// for a refresh ahead of expiry.
    pub(crate) fn authorization(
        &self,
        impersonate: Option<&str>,
    ) -> (Result<Authorization, Error>, Option<u64>) {
        let margin = self.settings.refresh_ahead;
        self.record.cache.read(|current, generation| {
            let due = margin.is_some_and(|margin| {
                current
                    .deadline
                    .is_some_and(|deadline| Instant::now() + margin >= deadline)
            });
            let kind = if impersonate.is_some() {
                AuthKind::User
            } else {
                self.kind
            };
            let authorization =
                Authorization::bearer(kind, current.tokens.access_token(), impersonate)
                    .map(|a| a.with_generation(generation));
            (authorization, due.then_some(generation))
        })
    }

    /// Makes sure the token of generation `seen` is replaced, through `client`: refreshes it,
    /// unless another caller (in this process or another) already did. The work runs in a
    /// spawned task that finishes even if this future is dropped.
    pub(crate) async fn refresh(self: &Arc<Self>, client: &Client, seen: u64) -> Result<(), Error> {
        let (core, client) = (Arc::clone(self), client.clone());
        tasks::spawn(async move { core.refresh_in_task(&client, seen).await })
            .await
            .unwrap_or_else(|join_error| {
                let what = if join_error.is_cancelled() {
                    "the refresh task was cancelled (the runtime is shutting down?)"
                } else {
                    "the refresh task panicked (in the token store?)"
                };
                Err(Error::TokenStore(TokenStoreError::new(format!(
                    "{what}; the tokens in use are unchanged"
                ))))
            })
    }

    async fn refresh_in_task(&self, client: &Client, seen: u64) -> Result<(), Error> {
        let source = TokenEndpoint {
            client,
            app: &self.app,
        };
        self.record
            .replace(&source, self.settings.lease, seen)
            .await
    }
}
