//! One record's shared state in this process: the token in use, the single flight that
//! replaces it, and the protocol's memory (a set kept after a failed save, the lease kept with
//! it, a refused refresh token). Every credential built on the same record (the same
//! [`TokenStore::record_id`]) shares it, so a kept set outlives the credential whose refresh
//! produced it, and is saved by the first credential (or the background task) that can.

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex, Weak};
use std::time::Duration;

use crate::Error;
use crate::oauth::TokenStore;
use crate::oauth::refresh::cache::{SingleFlight, Turn};
use crate::oauth::refresh::protocol::{
    Current, HeldLease, Protocol, RecordState, Settled, TokenSource, jittered,
};
use crate::oauth::refresh::tasks;

/// What the credentials on one record share.
pub(crate) struct SharedRecord<S> {
    pub(crate) store: S,
    pub(crate) cache: SingleFlight<Current, RecordState, Error>,
    /// The lease this process holds on the record (also in the loader's state), reachable
    /// without waiting for a refresh in flight: the background save renews it.
    held: HeldLease,
    /// Whether a background task is saving a kept set.
    saving: AtomicBool,
}

/// The records in use in this process, by [`TokenStore::record_id`].
static RECORDS: LazyLock<Mutex<Registry>> = LazyLock::new(Mutex::default);

/// Weak entries: a record lives as long as a credential (or a background save) holds it.
/// Entries of records gone are swept when the map has doubled since the last sweep, so that
/// building a credential (once per request, in the README's pattern) costs no walk of every
/// record, and the map stays within twice the records alive.
#[derive(Default)]
struct Registry {
    records: HashMap<String, Weak<dyn Any + Send + Sync>>,
    sweep_at: usize,
}

impl Registry {
    fn insert(&mut self, id: String, record: Weak<dyn Any + Send + Sync>) {
        if self.records.len() >= self.sweep_at {
            self.records.retain(|_, record| record.strong_count() > 0);
            self.sweep_at = (self.records.len() * 2).max(64);
        }
        self.records.insert(id, record);
    }
}

impl<S: TokenStore> SharedRecord<S> {
    /// The shared state of `store`'s record, with `current` in use unless the record's state
    /// in this process already holds a newer set.
    pub(crate) fn of(store: S, current: Current) -> Arc<Self> {
        let Some(id) = store.record_id() else {
            return Arc::new(SharedRecord::new(store, current));
        };
        let mut registry = RECORDS.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(existing) = registry.records.get(&id).and_then(Weak::upgrade)
            && let Ok(record) = existing.downcast::<SharedRecord<S>>()
        {
            record.cache.offer(current);
            return record;
        }
        let record = Arc::new(SharedRecord::new(store, current));
        let erased: Arc<dyn Any + Send + Sync> = record.clone();
        registry.insert(id, Arc::downgrade(&erased));
        record
    }

    fn new(store: S, current: Current) -> Self {
        let held = HeldLease::default();
        SharedRecord {
            store,
            cache: SingleFlight::new(current, RecordState::new(held.clone()), Current::is_newer),
            held,
            saving: AtomicBool::new(false),
        }
    }

    /// Makes sure the token of generation `seen` is replaced, with tokens from `source`:
    /// refreshes it, unless another caller (in this process or another) already did. Starts
    /// the background save if the refreshed set could not be saved.
    pub(crate) async fn replace(
        self: &Arc<Self>,
        source: &dyn TokenSource,
        lease: Duration,
        seen: u64,
    ) -> Result<(), Error> {
        let mut turn = match self.cache.turn(seen).await {
            Turn::Replaced => return Ok(()),
            Turn::Failed(error) => return Err(error),
            Turn::Load(turn) => turn,
        };
        let (current, _) = turn.current();
        let protocol = Protocol {
            store: &self.store,
            source,
            lease,
        };
        let outcome = protocol.refresh(turn.loader(), &current).await;
        let kept = turn.loader().has_unsaved();
        let result = turn.finish(outcome);
        if kept {
            self.keep_saving(lease);
        }
        result
    }

    /// Starts the background task that saves a kept set, unless one runs: it renews the lease
    /// kept with the set at once and every third of the lease, and retries the save with
    /// backoff until the set is saved, or replaced by a newer authorization.
    pub(crate) fn keep_saving(self: &Arc<Self>, lease: Duration) {
        if self.saving.swap(true, Ordering::SeqCst) {
            return;
        }
        let record = Arc::clone(self);
        // Its own trace, linked to the call that kept the set: it may run long after that
        // call returned.
        let span = tracing::info_span!(target: "cronofy", parent: None, "save_kept_tokens");
        span.follows_from(tracing::Span::current());
        let _entered = span.entered();
        tasks::spawn(async move {
            let protocol = Protocol {
                store: &record.store,
                source: &NoTokenRequests,
                lease,
            };
            loop {
                let _ = protocol.renew(&record.held).await;
                protocol
                    .renewing(&record.held, record.save_kept_set(&protocol))
                    .await;
                record.saving.store(false, Ordering::SeqCst);
                // A set kept after this task's last look would have found it still running.
                let kept_again = record.cache.exclusive().await.loader().has_unsaved();
                if !kept_again || record.saving.swap(true, Ordering::SeqCst) {
                    break;
                }
            }
        });
    }

    /// Retries saving the kept set until it is saved or settled otherwise.
    async fn save_kept_set(&self, protocol: &Protocol<'_, S>) {
        let longest = Duration::from_secs(5);
        let mut pause = Duration::from_millis(250);
        loop {
            tokio::time::sleep(jittered(pause)).await;
            pause = (pause * 2).min(longest);
            let mut turn = self.cache.exclusive().await;
            match protocol.save_unsaved(turn.loader()).await {
                Settled::Nothing | Settled::Failed(Error::AuthorizationRemoved) => return,
                Settled::Done(saved) => {
                    let _ = turn.finish(Ok(saved));
                    return;
                }
                Settled::Failed(error) => {
                    tracing::warn!(target: "cronofy", %error, "a refreshed token set is still unsaved; retrying in the background");
                }
            }
        }
    }
}

/// The background save asks Cronofy for nothing: settling a kept set makes no token request.
struct NoTokenRequests;

impl TokenSource for NoTokenRequests {
    fn refresh<'a>(
        &'a self,
        _: &'a str,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<crate::oauth::TokenSet, Error>> + Send + 'a>,
    > {
        Box::pin(std::future::ready(Err(Error::TokenStore(
            crate::oauth::TokenStoreError::new("a background save makes no token request"),
        ))))
    }
}
