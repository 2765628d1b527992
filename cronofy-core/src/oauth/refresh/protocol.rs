//! The refresh protocol of one authorization's record, shared by every instance of an
//! application through its [`TokenStore`] (see the trait for the promises a store keeps):
//!
//! 1. a set refreshed earlier whose save failed is saved first: its refresh token is the only
//!    live one, and is never sent to Cronofy again;
//! 2. the store is loaded: a set with a higher version (another instance refreshed) is adopted
//!    without asking Cronofy;
//! 3. otherwise the lease is taken (waiting while another instance holds it, adopting its set
//!    when it appears), the store loaded again, the token refreshed, and the new set saved with
//!    a compare-and-swap on the version it replaces, before anyone uses it. The lease is
//!    renewed right before the token request (a holder whose lease ran out does not send it),
//!    while the token request and the save are in flight, and while a refreshed set remains
//!    unsaved (it is kept), so no other instance replays the dead refresh token;
//! 4. `invalid_grant` is final only when the store still holds the refused token: then it is
//!    recorded, and later callers fail without asking Cronofy;
//! 5. a record that disappeared was deleted by the application: it stays deleted.
//!
//! Free of HTTP: the token request is a [`TokenSource`], so the protocol can be driven by an
//! in-process token endpoint in tests.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

use tokio::time::Instant;
use tracing::field::Empty;
use tracing::{Instrument as _, debug_span, info_span};

use crate::Error;
use crate::oauth::{
    Lease, SaveCondition, SaveOutcome, StoredTokens, TokenSet, TokenStore, TokenStoreError,
    TokenVersion,
};
use crate::pipeline::trace;

/// The token set in use, its version in the store, and when it expires on tokio's clock
/// (which tests can pause and advance).
#[derive(Clone)]
pub(crate) struct Current {
    pub(crate) tokens: TokenSet,
    pub(crate) version: TokenVersion,
    pub(crate) deadline: Option<Instant>,
}

impl Current {
    pub(crate) fn new(tokens: TokenSet, version: TokenVersion) -> Self {
        let deadline = tokens
            .remaining()
            .and_then(|remaining| Instant::now().checked_add(remaining));
        Current {
            tokens,
            version,
            deadline,
        }
    }

    fn from_stored(stored: StoredTokens) -> Self {
        Current::new(stored.tokens, stored.version)
    }

    /// Only a higher version replaces the set in use.
    pub(crate) fn is_newer(candidate: &Current, current: &Current) -> bool {
        candidate.version > current.version
    }
}

/// What the protocol remembers about one record between attempts, shared by every credential
/// of this process on the record.
pub(crate) struct RecordState {
    /// A refreshed set whose save failed, and the condition of that save: saved first next
    /// time, never re-requested.
    unsaved: Option<(TokenSet, SaveCondition)>,
    /// The lease this process holds on the record: during a refresh, and kept while `unsaved`
    /// is set (renewed until the set is saved, then released).
    held: HeldLease,
    /// Set after `invalid_grant`: the version whose refresh token Cronofy refused, and the
    /// description, returned to every later attempt on that version (or an older one) until a
    /// newer authorization is stored or handed to a credential.
    reauthorization_required: Option<(TokenVersion, String)>,
}

impl RecordState {
    /// The state of a record whose lease, when this process holds one, is in `held`.
    pub(crate) fn new(held: HeldLease) -> Self {
        RecordState {
            unsaved: None,
            held,
            reauthorization_required: None,
        }
    }

    /// Whether a rotated set is waiting to be saved.
    pub(crate) fn has_unsaved(&self) -> bool {
        self.unsaved.is_some()
    }
}

/// The lease this process holds on a record, if any. Whoever renews it (the refresh in
/// flight, the background save of a kept set) renews what is held now, so a lease given back
/// is never renewed again, and the two can overlap harmlessly.
#[derive(Clone, Default)]
pub(crate) struct HeldLease(Arc<Mutex<Option<Lease>>>);

impl HeldLease {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Lease>> {
        // One assignment per update: a poisoned lock still holds a consistent value.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn set(&self, lease: Lease) {
        *self.slot() = Some(lease);
    }

    fn take(&self) -> Option<Lease> {
        self.slot().take()
    }

    fn get(&self) -> Option<Lease> {
        self.slot().clone()
    }
}

/// Where new token sets come from: Cronofy's token endpoint, or a stand-in in tests.
pub(crate) trait TokenSource: Send + Sync {
    /// A new token set for `refresh_token` (which Cronofy may rotate: then it is dead).
    fn refresh<'a>(
        &'a self,
        refresh_token: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<TokenSet, Error>> + Send + 'a>>;
}

/// One run of the protocol: a store, where tokens come from, and how long a lease lasts.
pub(crate) struct Protocol<'a, S> {
    pub(crate) store: &'a S,
    pub(crate) source: &'a dyn TokenSource,
    pub(crate) lease: Duration,
}

/// How long a failed save of rotated tokens is retried within a call before the caller hears
/// of it. The set is kept afterwards (and saved in the background), and so is the lease.
const SAVE_RETRIES: Duration = Duration::from_secs(5);

/// How long a live lease holder may take at least, before those waiting for it give up: a
/// token request at the default request timeout (30 s) and a failed save retried for
/// [`SAVE_RETRIES`], with room to spare.
const LONGEST_HOLD: Duration = Duration::from_secs(60);

/// How many times a refresh takes the lease again after it ran out before the token request.
const LEASE_ATTEMPTS: usize = 3;

/// What a loaded record means for the set in use.
enum Examined {
    /// Another instance stored a newer set: use it.
    Newer(Current),
    /// The stored set (or ours, if the store went back to an older one) is the one to refresh.
    Refresh {
        tokens: TokenSet,
        stored_version: TokenVersion,
    },
}

/// What saving a kept set came to.
pub(crate) enum Settled {
    /// No set was waiting.
    Nothing,
    /// It is saved (or was replaced by a newer authorization, which wins): use this.
    Done(Current),
    /// The store is still failing; the set is kept.
    Failed(Error),
}

impl<S: TokenStore> Protocol<'_, S> {
    /// Replaces `current`, which a caller found stale: with a newer stored set, or by a
    /// refresh. Returns the set to use.
    ///
    /// Runs in a `refresh` span (a child of the endpoint call that needed it), whose
    /// `cronofy.refresh.outcome` says what happened: `refreshed` (this process asked Cronofy
    /// and saved the set it sent), `adopted` (the set in use now came from the store: another
    /// instance's, or one this process kept from an earlier refresh whose save had failed), or
    /// `failed`, with `error.type`.
    pub(crate) async fn refresh(
        &self,
        state: &mut RecordState,
        current: &Current,
    ) -> Result<Current, Error> {
        let span = info_span!(
            target: "cronofy",
            "refresh",
            cronofy.refresh.outcome = Empty,
            error.type = Empty,
            otel.status_code = Empty,
        );
        let refreshed = AtomicBool::new(false);
        let result = self
            .refresh_steps(state, current, &refreshed)
            .instrument(span.clone())
            .await;
        if !span.is_disabled() {
            let outcome = match &result {
                Ok(_) if refreshed.load(Ordering::Relaxed) => "refreshed",
                Ok(_) => "adopted",
                Err(_) => "failed",
            };
            span.record("cronofy.refresh.outcome", outcome);
            if let Err(error) = &result {
                trace::record_failure(&span, error);
            }
        }
        result
    }

    /// The steps of [`refresh`](Self::refresh); `refreshed` is set once a set Cronofy sent is
    /// saved.
    async fn refresh_steps(
        &self,
        state: &mut RecordState,
        current: &Current,
        refreshed: &AtomicBool,
    ) -> Result<Current, Error> {
        match self.save_unsaved(state).await {
            Settled::Nothing => {}
            Settled::Done(saved) => return Ok(saved),
            Settled::Failed(error) => return Err(error),
        }
        let stored = self.load().await?;
        if let Examined::Newer(newer) = examine(state, stored, current)? {
            return Ok(newer);
        }
        let lease_started = Instant::now();
        for _ in 0..LEASE_ATTEMPTS {
            let lease = match self.lease_or_newer(current).await? {
                Leased::Held(lease) => lease,
                Leased::Newer(newer) => return Ok(*newer),
            };
            state.held.set(lease.clone());
            let held = state.held.clone();
            let worked = self
                .renewing(&held, async {
                    let Held::Worked(result) = self
                        .refresh_holding_lease(state, current, &lease, refreshed)
                        .await
                    else {
                        return None;
                    };
                    if state.unsaved.is_none() {
                        return Some(result);
                    }
                    // Cronofy rotated the refresh token but the save failed: only this
                    // process holds the live one. The lease is kept (and renewed) and the save
                    // retried, so that no other instance replays the dead refresh token.
                    let until = lease_started + SAVE_RETRIES;
                    Some(self.retry_unsaved(state, until, result).await)
                })
                .await;
            let Some(result) = worked else {
                // The lease ran out before the token request (a slow store, a paused
                // process): nothing was asked of Cronofy. Wait for whoever has it now.
                state.held.take();
                tracing::warn!(target: "cronofy", "the refresh lease ran out before the token request; waiting for it again");
                continue;
            };
            if state.unsaved.is_none()
                && let Some(lease) = state.held.take()
            {
                self.release(&lease).await;
            }
            return result;
        }
        Err(Error::TokenStore(TokenStoreError::new(format!(
            "the refresh lease ran out {LEASE_ATTEMPTS} times before the token request could \
             be sent: the token store answers too slowly for a lease of {} ms; the tokens in \
             use are unchanged",
            self.lease.as_millis()
        ))))
    }

    /// The store's save, in its span.
    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        self.store
            .save(tokens, condition)
            .instrument(debug_span!(target: "cronofy", "token_store.save"))
            .await
    }

    /// The store's renewal of `lease` for another lease duration, in its span.
    async fn renew_lease(&self, lease: &Lease) -> Result<bool, TokenStoreError> {
        self.store
            .renew_lease(lease, self.lease)
            .instrument(debug_span!(target: "cronofy", "token_store.renew_lease"))
            .await
    }

    async fn load(&self) -> Result<Option<StoredTokens>, Error> {
        self.store
            .load()
            .instrument(debug_span!(target: "cronofy", "token_store.load"))
            .await
            .map_err(Error::TokenStore)
    }

    /// Saves a set refreshed earlier whose save failed, before anything else: its refresh
    /// token is the only live one. Releases the lease kept for it once settled.
    pub(crate) async fn save_unsaved(&self, state: &mut RecordState) -> Settled {
        let Some((fresh, condition)) = state.unsaved.clone() else {
            return Settled::Nothing;
        };
        let settled = match self.save(&fresh, condition).await {
            Err(error) => return Settled::Failed(Error::TokenStore(error)),
            Ok(SaveOutcome::Saved(version)) => {
                tracing::debug!(target: "cronofy", "a kept token set was saved");
                Settled::Done(Current::new(fresh, version))
            }
            // The record was replaced meanwhile (a new authorization): it wins. Or deleted
            // (the user disconnected): it stays deleted.
            Ok(SaveOutcome::Conflict) => match self.load().await {
                Ok(Some(stored)) => Settled::Done(Current::from_stored(stored)),
                Ok(None) => Settled::Failed(Error::AuthorizationRemoved),
                Err(error) => return Settled::Failed(error),
            },
        };
        state.unsaved = None;
        if let Some(lease) = state.held.take() {
            self.release(&lease).await;
        }
        settled
    }

    /// Retries saving the kept set, with backoff, until it is saved or `until`.
    async fn retry_unsaved(
        &self,
        state: &mut RecordState,
        until: Instant,
        first_failure: Result<Current, Error>,
    ) -> Result<Current, Error> {
        let message = |error: Error| match error {
            Error::TokenStore(error) => error.to_string(),
            other => other.to_string(),
        };
        let mut last_failure = first_failure.err().map(message).unwrap_or_default();
        let mut pause = Duration::from_millis(100);
        loop {
            if Instant::now() + pause >= until {
                return Err(Error::TokenStore(TokenStoreError::new(format!(
                    "{last_failure} (the new tokens are kept in this process, saved in the \
                     background and before any other refresh of this record)"
                ))));
            }
            tokio::time::sleep(jittered(pause)).await;
            pause = (pause * 2).min(Duration::from_secs(2));
            match self.save_unsaved(state).await {
                Settled::Done(saved) => return Ok(saved),
                Settled::Nothing => unreachable!("retried only while a set is kept"),
                Settled::Failed(Error::AuthorizationRemoved) => {
                    return Err(Error::AuthorizationRemoved);
                }
                Settled::Failed(error) => {
                    tracing::warn!(target: "cronofy", %error, "saving the refreshed tokens failed; retrying");
                    last_failure = message(error);
                }
            }
        }
    }

    /// Takes the refresh lease, waiting while another instance holds it, unless that
    /// instance's new set appears in the store meanwhile.
    ///
    /// In a `refresh_lease` span: `cronofy.lease.outcome` is `held`, `newer` (another
    /// instance's set appeared) or `failed`, and `cronofy.lease.waited_ms` the time it took.
    async fn lease_or_newer(&self, current: &Current) -> Result<Leased, Error> {
        let span = info_span!(
            target: "cronofy",
            "refresh_lease",
            cronofy.lease.outcome = Empty,
            cronofy.lease.waited_ms = Empty,
        );
        let started = Instant::now();
        let result = self.wait_for_lease(current).instrument(span.clone()).await;
        if !span.is_disabled() {
            let outcome = match &result {
                Ok(Leased::Held(_)) => "held",
                Ok(Leased::Newer(_)) => "newer",
                Err(_) => "failed",
            };
            span.record("cronofy.lease.outcome", outcome);
            let waited = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            span.record("cronofy.lease.waited_ms", waited);
        }
        result
    }

    /// The steps of [`lease_or_newer`](Self::lease_or_newer).
    async fn wait_for_lease(&self, current: &Current) -> Result<Leased, Error> {
        // A holder that crashed blocks us for one lease duration; one that is alive renews it
        // while it works, so the wait is as long as its work: a slow token request (up to the
        // client's timeout) and saves retried for a while. Past that, something is wrong, and
        // the caller hears of it rather than waiting for ever.
        let patience = self.lease.saturating_mul(2).max(LONGEST_HOLD) + Duration::from_secs(1);
        let give_up = Instant::now() + patience;
        let mut pause = Duration::from_millis(5);
        loop {
            // Made before the call, so that a call that fails after the store took it (a
            // timeout) can still give it back.
            let lease = Lease::new_random();
            let acquired = self
                .store
                .acquire_lease(&lease, self.lease)
                .instrument(debug_span!(target: "cronofy", "token_store.acquire_lease"))
                .await;
            match acquired {
                Ok(true) => return Ok(Leased::Held(lease)),
                Ok(false) => {}
                Err(error) => {
                    self.release(&lease).await;
                    return Err(Error::TokenStore(error));
                }
            }
            if Instant::now() >= give_up {
                return Err(Error::TokenStore(TokenStoreError::new(format!(
                    "waited {} ms for another instance's refresh lease without seeing new \
                     tokens in the store; the tokens in use are unchanged",
                    patience.as_millis()
                ))));
            }
            tokio::time::sleep(jittered(pause)).await;
            pause = (pause * 2).min(Duration::from_millis(200));
            let stored = self.load().await?;
            if let Some(stored) = stored
                && stored.version > current.version
                && !stored.reauthorization_required
            {
                return Ok(Leased::Newer(Box::new(Current::from_stored(stored))));
            }
        }
    }

    /// Runs `work` while renewing the lease `held` every third of its duration, so that a slow
    /// token request or save, or a kept set waiting for the store, does not let it expire.
    pub(crate) async fn renewing<T>(&self, held: &HeldLease, work: impl Future<Output = T>) -> T {
        // A renewal that could not reach the store is tried again soon, so that an outage
        // costs the lease only when it lasts about two thirds of it.
        let (every, soon) = (self.lease / 3, self.lease / 10);
        let renew = async {
            let mut pause = every;
            loop {
                tokio::time::sleep(pause).await;
                pause = if self.renew(held).await { every } else { soon };
            }
        };
        let (mut work, mut renew) = (pin!(work), pin!(renew));
        std::future::poll_fn(|cx| {
            if let Poll::Ready(done) = work.as_mut().poll(cx) {
                return Poll::Ready(done);
            }
            let _ = renew.as_mut().poll(cx);
            Poll::Pending
        })
        .await
    }

    /// Renews the lease `held`, if this process holds one. False when the store could not be
    /// reached (the renewal is worth trying again soon).
    pub(crate) async fn renew(&self, held: &HeldLease) -> bool {
        let Some(lease) = held.get() else {
            return true;
        };
        match self.renew_lease(&lease).await {
            Ok(true) => true,
            // Given back meanwhile, or replaced by a later lease of this process.
            Ok(false) if held.get().as_ref() != Some(&lease) => true,
            Ok(false) => {
                tracing::warn!(target: "cronofy", "the refresh lease expired while this process held it; another instance may refresh now");
                true
            }
            Err(error) => {
                tracing::warn!(target: "cronofy", %error, "the refresh lease could not be renewed");
                false
            }
        }
    }

    /// Gives a lease back; it expires by itself if that fails.
    async fn release(&self, lease: &Lease) {
        let released = self
            .store
            .release_lease(lease)
            .instrument(debug_span!(target: "cronofy", "token_store.release_lease"))
            .await;
        if let Err(error) = released {
            tracing::warn!(target: "cronofy", %error, "the token store could not release the refresh lease");
        }
    }

    /// The steps that need the lease: re-check, refresh, save. Sets `refreshed` when the set
    /// Cronofy sent is saved.
    async fn refresh_holding_lease(
        &self,
        state: &mut RecordState,
        current: &Current,
        lease: &Lease,
        refreshed: &AtomicBool,
    ) -> Held {
        // The holder before us may have saved just before releasing.
        let stored = match self.load().await {
            Ok(stored) => stored,
            Err(error) => return Held::Worked(Err(error)),
        };
        let (previous, stored_version) = match examine(state, stored, current) {
            Err(error) => return Held::Worked(Err(error)),
            Ok(Examined::Newer(newer)) => return Held::Worked(Ok(newer)),
            Ok(Examined::Refresh {
                tokens,
                stored_version,
            }) => (tokens, stored_version),
        };
        let Some(refresh_token) = previous.refresh_token() else {
            return Held::Worked(Err(Error::ReauthorizationRequired {
                description: "no refresh token is held for this authorization".into(),
            }));
        };
        // Renewed right before the token request, which then starts with a whole lease ahead
        // of it; and a holder whose lease ran out meanwhile does not ask Cronofy at all.
        match self.renew_lease(lease).await {
            Ok(true) => {}
            Ok(false) => return Held::LeaseLost,
            Err(error) => return Held::Worked(Err(Error::TokenStore(error))),
        }
        Held::Worked(
            self.request_and_save(state, refresh_token, &previous, stored_version, refreshed)
                .await,
        )
    }

    /// The token request and the save of its answer. Sets `refreshed` once the set Cronofy
    /// sent is saved (not when another instance's set is adopted instead).
    async fn request_and_save(
        &self,
        state: &mut RecordState,
        refresh_token: &str,
        previous: &TokenSet,
        stored_version: TokenVersion,
        refreshed: &AtomicBool,
    ) -> Result<Current, Error> {
        let fresh = match self.source.refresh(refresh_token).await {
            Ok(fresh) => fresh.keep_refresh_token_of(previous),
            Err(Error::ReauthorizationRequired { description }) => {
                return self
                    .after_invalid_grant(state, refresh_token, stored_version, description)
                    .await;
            }
            Err(error) => return Err(error),
        };
        // Kept before the save is awaited, and cleared only once it succeeded: whatever
        // happens during the save, the next attempt saves this set rather than asking Cronofy
        // with a refresh token that is now dead.
        let condition = SaveCondition::IfVersion(stored_version);
        state.unsaved = Some((fresh.clone(), condition));
        let outcome = self
            .save(&fresh, condition)
            .await
            .map_err(Error::TokenStore)?;
        state.unsaved = None;
        tracing::debug!(target: "cronofy", "access token refreshed and stored");
        match outcome {
            SaveOutcome::Saved(version) => {
                refreshed.store(true, Ordering::Relaxed);
                Ok(Current::new(fresh, version))
            }
            // The record was replaced while we refreshed (the application stored a new
            // authorization) or deleted (the user disconnected): the store is the authority,
            // and a deleted record stays deleted.
            SaveOutcome::Conflict => match self.load().await? {
                Some(stored) => Ok(Current::from_stored(stored)),
                None => Err(Error::AuthorizationRemoved),
            },
        }
    }

    /// Cronofy refused `sent`. If the store holds another refresh token, another instance
    /// rotated it and that is used; only if it still holds `sent` must the user authorize
    /// again.
    async fn after_invalid_grant(
        &self,
        state: &mut RecordState,
        sent: &str,
        rejected: TokenVersion,
        description: String,
    ) -> Result<Current, Error> {
        match self.load().await? {
            Some(stored)
                if stored.tokens.refresh_token() != Some(sent)
                    && !stored.reauthorization_required =>
            {
                tracing::debug!(target: "cronofy", "refresh token rotated by another instance; using its tokens");
                return Ok(Current::from_stored(stored));
            }
            Some(_) => {}
            None => return Err(Error::AuthorizationRemoved),
        }
        state.reauthorization_required = Some((rejected, description.clone()));
        let recorded = self
            .store
            .reauthorization_required(Some(rejected))
            .instrument(debug_span!(
                target: "cronofy",
                "token_store.reauthorization_required"
            ))
            .await;
        if let Err(error) = recorded {
            tracing::warn!(target: "cronofy", %error, "the token store could not record that re-authorization is required");
        }
        Err(Error::ReauthorizationRequired { description })
    }
}

enum Leased {
    Held(Lease),
    Newer(Box<Current>),
}

/// What the work under a lease came to.
#[expect(
    clippy::large_enum_variant,
    reason = "made and matched once per refresh, never stored"
)]
enum Held {
    /// It ran: its result.
    Worked(Result<Current, Error>),
    /// The lease had run out before the token request, which was not sent.
    LeaseLost,
}

/// What `stored` means for `current`: a newer set to adopt, the set to refresh, or a final
/// error (the record was deleted, or its refresh token was refused).
fn examine(
    state: &mut RecordState,
    stored: Option<StoredTokens>,
    current: &Current,
) -> Result<Examined, Error> {
    let Some(stored) = stored else {
        // A record that existed and is gone was deleted by the application: the authorization
        // was disconnected, and writing it back would undo that.
        return Err(Error::AuthorizationRemoved);
    };
    if stored.version > current.version && !stored.reauthorization_required {
        state.reauthorization_required = None;
        return Ok(Examined::Newer(Current::from_stored(stored)));
    }
    // A refusal answers only for the version refused: a newer set handed to a credential of
    // this record (a fresh authorization) is not refused with it.
    if let Some((refused, description)) = &state.reauthorization_required
        && current.version <= *refused
    {
        return Err(Error::ReauthorizationRequired {
            description: description.clone(),
        });
    }
    if stored.reauthorization_required {
        return Err(Error::ReauthorizationRequired {
            description: "another instance found this refresh token refused by Cronofy".into(),
        });
    }
    // Only a higher version is newer: a store that went back to an older set (a replica
    // promoted) must not replace the live one we hold, which is refreshed instead.
    let tokens = if current.version > stored.version {
        current.tokens.clone()
    } else {
        stored.tokens
    };
    Ok(Examined::Refresh {
        tokens,
        stored_version: stored.version,
    })
}

/// `pause` plus up to half of it again, so instances waiting on one lease do not poll the
/// store in step.
pub(crate) fn jittered(pause: Duration) -> Duration {
    pause + (pause / 2).mul_f64(fastrand::f64())
}
