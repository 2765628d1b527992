//! The refresh machinery shared by self-refreshing user and organization credentials.
//!
//! - Requests read the current access token without waiting (a read lock held for a copy).
//! - A refresh happens under an async mutex, and re-checks under it whether another caller
//!   already refreshed the token it saw (a *generation* number): any number of callers that
//!   find the same token stale cause exactly one token request (single flight).
//! - The new token set is saved to the store before it replaces the current one; a failed save
//!   keeps the set aside, to be saved before anything else on the next attempt.
//! - Across processes, the store coordinates (see [`TokenStore`] for the protocol): a stale
//!   token first reloads the store, a refresh happens only under the store's lease, and the
//!   new set is saved with a compare-and-swap on the version that was refreshed.
//! - `invalid_grant` with the store still holding the refused token is final: later callers
//!   get `ReauthorizationRequired` without asking Cronofy again, until the store holds a new
//!   authorization.
//! - The refresh runs in its own task: a caller that gives up (a timeout, a dropped web
//!   request) cannot cut it off between Cronofy rotating the refresh token and the store
//!   saving the new one.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::auth::{AuthKind, Authorization};
use crate::oauth::{
    Lease, SaveCondition, SaveOutcome, StoredTokens, TokenSet, TokenStore, TokenStoreError,
    TokenVersion,
};
use crate::{AppCredentials, Client, Error};

/// The token in use.
struct Current {
    tokens: TokenSet,
    /// Bumped by every refresh, so a caller can tell whether the token it saw is still current.
    generation: u64,
    /// When the access token expires, on tokio's clock (which tests can pause and advance).
    deadline: Option<Instant>,
    /// The store's version of `tokens`, once known.
    version: Option<TokenVersion>,
}

/// What only the refreshing caller touches.
#[derive(Default)]
struct RefreshState {
    /// A refreshed set whose save failed, and the condition of that save: saved first next
    /// time, never re-requested.
    unsaved: Option<(TokenSet, SaveCondition)>,
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
    /// How long a refresh lease is taken for, in nanoseconds.
    lease_nanos: AtomicU64,
}

/// Long enough for a token request at the client's default timeout (30 s) and a save; short
/// enough that a crashed holder does not block a user for long.
pub(crate) const DEFAULT_LEASE: Duration = Duration::from_secs(45);

impl<S: TokenStore> Refresher<S> {
    pub(crate) fn new(
        client: Client,
        app: AppCredentials,
        tokens: TokenSet,
        version: Option<TokenVersion>,
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
                version,
            }),
            refresh: Mutex::new(RefreshState::default()),
            refresh_ahead_nanos: AtomicU64::new(0),
            lease_nanos: AtomicU64::new(nanos(DEFAULT_LEASE)),
        }
    }

    pub(crate) fn store(&self) -> &S {
        &self.store
    }

    pub(crate) fn set_refresh_ahead(&self, margin: Option<Duration>) {
        self.refresh_ahead_nanos
            .store(margin.map_or(0, nanos), Ordering::Relaxed);
    }

    pub(crate) fn set_lease_duration(&self, duration: Duration) {
        // A zero lease would expire before the refresh it guards.
        let duration = duration.max(Duration::from_millis(100));
        self.lease_nanos.store(nanos(duration), Ordering::Relaxed);
    }

    fn lease_duration(&self) -> Duration {
        Duration::from_nanos(self.lease_nanos.load(Ordering::Relaxed))
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
    /// caller (in this process or another) already did. The work runs in a spawned task that
    /// finishes even if this future is dropped.
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
        if let Some(saved) = self.save_unsaved(&mut state).await? {
            return Ok(saved);
        }
        // Another instance may have refreshed already: then its token is used, and Cronofy is
        // not asked.
        let stored = self.store.load().await.map_err(Error::TokenStore)?;
        if self.adopt_if_newer(stored.as_ref()) {
            state.reauthorization_required = None;
            return Ok(());
        }
        refuse_if_reauthorization_required(&state, stored.as_ref())?;
        let Some(lease) = self.lease_or_newer().await? else {
            return Ok(());
        };
        let result = self.refresh_holding_lease(&mut state).await;
        if let Err(error) = self.store.release_lease(lease).await {
            // It expires by itself; the others wait that long at most.
            tracing::warn!(target: "cronofy", %error, "the token store could not release the refresh lease");
        }
        result
    }

    /// Saves a set refreshed earlier whose save failed, before anything else: its refresh
    /// token is the only live one. `Some(())` when that settled the refresh.
    async fn save_unsaved(&self, state: &mut RefreshState) -> Result<Option<()>, Error> {
        let Some((fresh, condition)) = state.unsaved.clone() else {
            return Ok(None);
        };
        match self.store.save(&fresh, condition).await {
            Err(error) => Err(Error::TokenStore(error)),
            Ok(SaveOutcome::Saved(version)) => {
                state.unsaved = None;
                self.adopt(fresh, Some(version));
                Ok(Some(()))
            }
            Ok(SaveOutcome::Conflict) => {
                // The record was replaced meanwhile (a new authorization): it wins.
                state.unsaved = None;
                Ok(None)
            }
        }
    }

    /// Takes the refresh lease, waiting while another instance holds it. `None` when that
    /// instance's new token set appeared in the store meanwhile (and is now in use).
    async fn lease_or_newer(&self) -> Result<Option<Lease>, Error> {
        let duration = self.lease_duration();
        // A holder that crashed blocks us for one lease duration; one that is alive but slow
        // (its token request may take the client's whole timeout) for about as long.
        let give_up = Instant::now() + duration.saturating_mul(2) + Duration::from_secs(1);
        let mut pause = Duration::from_millis(5);
        loop {
            if let Some(lease) = self
                .store
                .acquire_lease(duration)
                .await
                .map_err(Error::TokenStore)?
            {
                return Ok(Some(lease));
            }
            if Instant::now() >= give_up {
                return Err(Error::TokenStore(TokenStoreError::new(format!(
                    "waited {} ms for another instance's refresh lease without seeing new \
                     tokens in the store; the tokens in use are unchanged",
                    (duration.saturating_mul(2) + Duration::from_secs(1)).as_millis()
                ))));
            }
            tokio::time::sleep(jittered(pause)).await;
            pause = (pause * 2).min(Duration::from_millis(200));
            let stored = self.store.load().await.map_err(Error::TokenStore)?;
            if self.adopt_if_newer(stored.as_ref()) {
                return Ok(None);
            }
        }
    }

    /// Steps of the refresh that need the lease: re-check, refresh, save.
    async fn refresh_holding_lease(&self, state: &mut RefreshState) -> Result<(), Error> {
        // The holder before us may have saved just before releasing.
        let stored = self.store.load().await.map_err(Error::TokenStore)?;
        if self.adopt_if_newer(stored.as_ref()) {
            state.reauthorization_required = None;
            return Ok(());
        }
        refuse_if_reauthorization_required(state, stored.as_ref())?;
        // The store's set is the one to refresh: it is at least as new as ours.
        let (previous, condition, rejected_version) = match stored {
            Some(stored) => (
                stored.tokens,
                SaveCondition::IfVersion(stored.version),
                Some(stored.version),
            ),
            None => (self.tokens(), SaveCondition::IfAbsent, None),
        };
        let Some(refresh_token) = previous.refresh_token() else {
            return Err(Error::ReauthorizationRequired {
                description: "no refresh token is held for this authorization".into(),
            });
        };
        let fresh = match self.client.refresh_tokens(&self.app, refresh_token).await {
            Ok(fresh) => fresh.keep_refresh_token_of(&previous),
            Err(Error::ReauthorizationRequired { description }) => {
                return self
                    .after_invalid_grant(state, refresh_token, rejected_version, description)
                    .await;
            }
            Err(error) => return Err(error),
        };
        // Parked before the save is awaited, and cleared only once it succeeded: whatever
        // happens during the save, the next refresh saves this set rather than asking Cronofy
        // with a refresh token that is now dead.
        state.unsaved = Some((fresh.clone(), condition));
        let outcome = self
            .store
            .save(&fresh, condition)
            .await
            .map_err(Error::TokenStore)?;
        state.unsaved = None;
        match outcome {
            SaveOutcome::Saved(version) => self.adopt(fresh, Some(version)),
            SaveOutcome::Conflict => {
                // The record was replaced while we refreshed (the application stored a new
                // authorization): the store is the authority.
                let stored = self.store.load().await.map_err(Error::TokenStore)?;
                match stored {
                    Some(stored) => self.adopt(stored.tokens, Some(stored.version)),
                    None => {
                        tracing::warn!(target: "cronofy", "the token record was deleted while refreshing; the new tokens are kept in memory only");
                        self.adopt(fresh, None);
                    }
                }
            }
        }
        tracing::debug!(target: "cronofy", generation = self.generation(), "access token refreshed and stored");
        Ok(())
    }

    /// Cronofy refused `sent`. If the store holds another refresh token, another instance
    /// rotated it and that is used; only if it still holds `sent` must the user authorize again.
    async fn after_invalid_grant(
        &self,
        state: &mut RefreshState,
        sent: &str,
        rejected_version: Option<TokenVersion>,
        description: String,
    ) -> Result<(), Error> {
        let stored = self.store.load().await.map_err(Error::TokenStore)?;
        if let Some(stored) = stored
            && stored.tokens.refresh_token() != Some(sent)
            && !stored.reauthorization_required
        {
            tracing::debug!(target: "cronofy", "refresh token rotated by another instance; using its tokens");
            self.adopt(stored.tokens, Some(stored.version));
            return Ok(());
        }
        state.reauthorization_required = Some(description.clone());
        if let Err(error) = self.store.reauthorization_required(rejected_version).await {
            tracing::warn!(target: "cronofy", %error, "the token store could not record that re-authorization is required");
        }
        Err(Error::ReauthorizationRequired { description })
    }

    /// Uses the stored set if it is not the one in use; otherwise only learns its version.
    fn adopt_if_newer(&self, stored: Option<&StoredTokens>) -> bool {
        let Some(stored) = stored else {
            return false;
        };
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        let newer = match current.version {
            Some(version) => version != stored.version,
            None => stored.tokens.access_token() != current.tokens.access_token(),
        };
        if newer {
            *current = Current {
                tokens: stored.tokens.clone(),
                generation: current.generation + 1,
                deadline: deadline_of(&stored.tokens),
                version: Some(stored.version),
            };
        } else {
            current.version = Some(stored.version);
        }
        newer
    }

    fn adopt(&self, tokens: TokenSet, version: Option<TokenVersion>) {
        let deadline = deadline_of(&tokens);
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        *current = Current {
            tokens,
            generation: current.generation + 1,
            deadline,
            version,
        };
    }
}

/// `invalid_grant` seen here before, or recorded in the store by another instance, for the
/// set in use: final until the store holds a new authorization.
fn refuse_if_reauthorization_required(
    state: &RefreshState,
    stored: Option<&StoredTokens>,
) -> Result<(), Error> {
    if let Some(description) = &state.reauthorization_required {
        return Err(Error::ReauthorizationRequired {
            description: description.clone(),
        });
    }
    if stored.is_some_and(|stored| stored.reauthorization_required) {
        return Err(Error::ReauthorizationRequired {
            description: "another instance found this refresh token refused by Cronofy".into(),
        });
    }
    Ok(())
}

/// `pause` plus up to half of it again, so instances waiting on one lease do not poll the
/// store in step.
fn jittered(pause: Duration) -> Duration {
    use std::hash::BuildHasher;
    let random =
        std::collections::hash_map::RandomState::new().hash_one(std::time::SystemTime::now());
    let extra = u32::try_from(random % 1000).unwrap_or(0);
    pause + pause / 2 * extra / 1000
}

fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

fn deadline_of(tokens: &TokenSet) -> Option<Instant> {
    tokens
        .remaining()
        .map(|remaining| Instant::now() + remaining)
}
