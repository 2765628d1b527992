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
    /// The last attempt's store failure, for callers that queued behind it.
    recent_failure: Option<RecentFailure>,
}

struct RecentFailure {
    /// The generation the failed attempt tried to replace.
    generation: u64,
    at: Instant,
    message: String,
}

/// How long a failed save of rotated tokens is retried (within the lease) before the caller
/// hears of it. The lease is kept after that, so other instances keep waiting for the save.
const SAVE_RETRIES: Duration = Duration::from_secs(5);

/// How long callers that saw the same stale token are answered with a store failure instead
/// of trying again themselves.
const FAILURE_MEMORY: Duration = Duration::from_secs(1);

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

/// Long enough for what happens under the lease at the default timeouts: a load and a save
/// (10 s each at most for the PostgreSQL and Redis stores) and a token request (30 s), with
/// room to retry a failed save; short enough that a crashed holder does not block a user for
/// long (waiting instances take over when it expires).
pub(crate) const DEFAULT_LEASE: Duration = Duration::from_secs(90);

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

    async fn refresh_in_task(&self, seen_generation: u64) -> Result<(), Error> {
        let mut state = self.refresh.lock().await;
        if self.read().generation != seen_generation {
            return Ok(());
        }
        // Callers that queued behind an attempt that failed for the token they also saw get
        // its answer at once, instead of each waiting out the same store timeout in turn.
        if let Some(failure) = state
            .recent_failure
            .as_ref()
            .filter(|f| f.generation == seen_generation && f.at.elapsed() < FAILURE_MEMORY)
        {
            return Err(Error::TokenStore(TokenStoreError::new(format!(
                "a refresh attempt for this token failed moments ago: {}",
                failure.message
            ))));
        }
        let result = self.refresh_coordinated(&mut state).await;
        state.recent_failure = match &result {
            Err(Error::TokenStore(error)) => Some(RecentFailure {
                generation: seen_generation,
                at: Instant::now(),
                message: error.to_string(),
            }),
            _ => None,
        };
        result
    }

    async fn refresh_coordinated(&self, state: &mut RefreshState) -> Result<(), Error> {
        if let Some(saved) = self.save_unsaved(state).await? {
            return Ok(saved);
        }
        // Another instance may have refreshed already: then its token is used, and Cronofy is
        // not asked.
        let stored = self.store.load().await.map_err(Error::TokenStore)?;
        if self.adopt_if_newer(stored.as_ref()) {
            state.reauthorization_required = None;
            return Ok(());
        }
        refuse_if_reauthorization_required(state, stored.as_ref())?;
        let lease_started = Instant::now();
        let Some(lease) = self.lease_or_newer().await? else {
            return Ok(());
        };
        let mut result = self.refresh_holding_lease(state).await;
        if state.unsaved.is_some() {
            // Cronofy rotated the refresh token but the save failed: only this process holds
            // the live one. The lease is kept (it expires by itself) and the save retried
            // while it lasts, so that no other instance replays the dead refresh token.
            let lease_ends = lease_started + self.lease_duration();
            let until = lease_ends.min(Instant::now() + SAVE_RETRIES);
            result = self.retry_unsaved(state, until, result).await;
            if state.unsaved.is_some() {
                return result;
            }
        }
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

    /// Retries saving the parked set, with backoff, until it is saved or `until`.
    async fn retry_unsaved(
        &self,
        state: &mut RefreshState,
        until: Instant,
        first_failure: Result<(), Error>,
    ) -> Result<(), Error> {
        let message = |error: Error| match error {
            Error::TokenStore(error) => error.to_string(),
            other => other.to_string(),
        };
        let mut last_failure = first_failure.err().map(message).unwrap_or_default();
        let mut pause = Duration::from_millis(100);
        loop {
            // Leave time for one more save before the lease runs out.
            if Instant::now() + pause + Duration::from_millis(500) >= until {
                return Err(Error::TokenStore(TokenStoreError::new(format!(
                    "{last_failure} (the new tokens are kept in memory, to be saved first on \
                     the next refresh)"
                ))));
            }
            tokio::time::sleep(jittered(pause)).await;
            pause = (pause * 2).min(Duration::from_secs(2));
            match self.save_unsaved(state).await {
                Ok(Some(())) => return Ok(()),
                // A conflict: the record was replaced by a new authorization, which wins.
                Ok(None) => return Ok(()),
                Err(error) => {
                    tracing::warn!(target: "cronofy", %error, "saving the refreshed tokens failed; retrying while the lease lasts");
                    last_failure = message(error);
                }
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
            // A record that existed and is gone was deleted by the application: the
            // authorization was disconnected, and writing it back would undo that.
            None if self.read().version.is_some() => {
                return Err(Error::ReauthorizationRequired {
                    description: "the token store no longer holds this authorization (the \
                                  record was deleted)"
                        .into(),
                });
            }
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
        .and_then(|remaining| Instant::now().checked_add(remaining))
}
