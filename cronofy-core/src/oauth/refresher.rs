//! The refresh machinery shared by self-refreshing user and organization credentials.
//!
//! - Requests read the current access token without waiting (a read lock held for a copy).
//! - A refresh happens under an async mutex, and re-checks under it whether another caller
//!   already refreshed the token it saw (a *generation* number): any number of callers that
//!   find the same token stale cause exactly one token request (single flight).
//! - The new token set is saved to the store before it replaces the current one; a failed save
//!   keeps the set aside, to be saved before anything else on the next attempt.
//! - `invalid_grant` is final: later callers get `ReauthorizationRequired` without asking
//!   Cronofy again.
//! - The refresh runs in its own task: a caller that gives up (a timeout, a dropped web
//!   request) cannot cut it off between Cronofy rotating the refresh token and the store
//!   saving the new one.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::auth::{AuthKind, Authorization};
use crate::oauth::{TokenSet, TokenStore, TokenStoreError};
use crate::{AppCredentials, Client, Error};

/// The token in use.
struct Current {
    tokens: TokenSet,
    /// Bumped by every refresh, so a caller can tell whether the token it saw is still current.
    generation: u64,
    /// When the access token expires, on tokio's clock (which tests can pause and advance).
    deadline: Option<Instant>,
}

/// What only the refreshing caller touches.
#[derive(Default)]
struct RefreshState {
    /// A refreshed set whose save failed: saved first next time, never re-requested.
    unsaved: Option<TokenSet>,
    /// Set after `invalid_grant`: the description, returned to every later caller.
    reauthorization_required: Option<String>,
}

pub(crate) struct Refresher<S> {
    client: Client,
    app: AppCredentials,
    store: S,
    kind: AuthKind,
    current: RwLock<Current>,
    refresh: Mutex<RefreshState>,
    /// Refresh this long before expiry, in nanoseconds; 0 = only after a 401.
    refresh_ahead_nanos: AtomicU64,
}

impl<S: TokenStore> Refresher<S> {
    pub(crate) fn new(
        client: Client,
        app: AppCredentials,
        tokens: TokenSet,
        store: S,
        kind: AuthKind,
    ) -> Self {
        let deadline = deadline_of(&tokens);
        Refresher {
            client,
            app,
            store,
            kind,
            current: RwLock::new(Current {
                tokens,
                generation: 0,
                deadline,
            }),
            refresh: Mutex::new(RefreshState::default()),
            refresh_ahead_nanos: AtomicU64::new(0),
        }
    }

    pub(crate) fn store(&self) -> &S {
        &self.store
    }

    pub(crate) fn set_refresh_ahead(&self, margin: Option<Duration>) {
        let nanos = margin.map_or(0, |m| u64::try_from(m.as_nanos()).unwrap_or(u64::MAX));
        self.refresh_ahead_nanos.store(nanos, Ordering::Relaxed);
    }

    pub(crate) fn generation(&self) -> u64 {
        self.read().generation
    }

    pub(crate) fn tokens(&self) -> TokenSet {
        self.read().tokens.clone()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Current> {
        // Writers replace the whole value in one assignment, so a poisoned lock still holds a
        // consistent token set.
        self.current.read().unwrap_or_else(|p| p.into_inner())
    }

    /// The current token as headers, and whether it is due for a refresh ahead of expiry.
    pub(crate) fn authorization(
        &self,
        impersonate: Option<&str>,
    ) -> (Result<Authorization, Error>, Option<u64>) {
        let current = self.read();
        let margin = self.refresh_ahead_nanos.load(Ordering::Relaxed);
        let due = margin > 0
            && current
                .deadline
                .is_some_and(|deadline| Instant::now() + Duration::from_nanos(margin) >= deadline);
        let kind = if impersonate.is_some() {
            AuthKind::User
        } else {
            self.kind
        };
        let authorization = Authorization::bearer(kind, current.tokens.access_token(), impersonate)
            .map(|a| a.with_generation(current.generation));
        (authorization, due.then_some(current.generation))
    }

    /// Makes sure the token of `seen_generation` is replaced: refreshes it, unless another
    /// caller already did. The work runs in a spawned task that finishes even if this future
    /// is dropped.
    pub(crate) async fn refresh_from(self: &Arc<Self>, seen_generation: u64) -> Result<(), Error> {
        let this = Arc::clone(self);
        tokio::spawn(async move { this.refresh_in_task(seen_generation).await })
            .await
            .unwrap_or_else(|_| {
                Err(Error::TokenStore(TokenStoreError::new(
                    "the refresh task panicked (in the token store?); the tokens in use are unchanged",
                )))
            })
    }

    async fn refresh_in_task(&self, seen_generation: u64) -> Result<(), Error> {
        let mut state = self.refresh.lock().await;
        if self.read().generation != seen_generation {
            return Ok(());
        }
        if let Some(description) = &state.reauthorization_required {
            return Err(Error::ReauthorizationRequired {
                description: description.clone(),
            });
        }
        let previous = self.tokens();
        let fresh = match state.unsaved.take() {
            Some(unsaved) => unsaved,
            None => {
                let Some(refresh_token) = previous.refresh_token() else {
                    return Err(Error::ReauthorizationRequired {
                        description: "no refresh token is held for this authorization".into(),
                    });
                };
                match self.client.refresh_tokens(&self.app, refresh_token).await {
                    Ok(fresh) => fresh.keep_refresh_token_of(&previous),
                    Err(Error::ReauthorizationRequired { description }) => {
                        state.reauthorization_required = Some(description.clone());
                        if let Err(error) = self.store.reauthorization_required().await {
                            tracing::warn!(target: "cronofy", %error, "the token store could not record that re-authorization is required");
                        }
                        return Err(Error::ReauthorizationRequired { description });
                    }
                    Err(error) => return Err(error),
                }
            }
        };
        // Parked before the save is awaited, and cleared only once it succeeded: whatever
        // happens during the save, the next refresh saves this set rather than asking Cronofy
        // with a refresh token that is now dead.
        state.unsaved = Some(fresh.clone());
        if let Err(error) = self.store.save(&fresh).await {
            return Err(Error::TokenStore(error));
        }
        state.unsaved = None;
        let deadline = deadline_of(&fresh);
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        *current = Current {
            tokens: fresh,
            generation: current.generation + 1,
            deadline,
        };
        tracing::debug!(target: "cronofy", generation = current.generation, "access token refreshed and stored");
        Ok(())
    }
}

fn deadline_of(tokens: &TokenSet) -> Option<Instant> {
    tokens
        .remaining()
        .map(|remaining| Instant::now() + remaining)
}
