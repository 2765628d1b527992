//! The token store that lives in memory: for tests, examples, and processes that keep tokens
//! only while they run.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::oauth::TokenSet;
use crate::oauth::store::{
    Lease, SaveCondition, SaveOutcome, StoredTokens, TokenStore, TokenStoreError, TokenVersion,
};

/// A [`TokenStore`] in memory. Clones share the same record, and are the same record for
/// the credentials built on them (they share one state in this process, as credentials on
/// one database row do). [`as_another_instance`](Self::as_another_instance) gives a handle on
/// the same record that acts as another process's: credentials on it coordinate with the
/// others only through the store, as separate instances sharing a database do, which is what
/// tests of that coordination need. Leases expire on tokio's clock.
#[derive(Clone, Default)]
pub struct MemoryTokenStore {
    inner: Arc<Mutex<Memory>>,
    /// Which simulated instance this handle belongs to (0: this process).
    instance: u64,
}

#[derive(Default)]
struct Memory {
    stored: Option<(TokenSet, TokenVersion)>,
    last_version: u64,
    saves: usize,
    reauthorization_required: bool,
    lease: Option<(Lease, Instant)>,
}

impl MemoryTokenStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryTokenStore::default()
    }

    /// A handle on the same record that belongs to another (simulated) instance of the
    /// application: credentials built on it share no in-process state with credentials on
    /// other handles, only the record, as separate processes sharing a database would.
    pub fn as_another_instance(&self) -> Self {
        static INSTANCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        MemoryTokenStore {
            inner: Arc::clone(&self.inner),
            instance: INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// A store that already holds `tokens`, as version 1.
    pub fn holding(tokens: TokenSet) -> Self {
        let store = MemoryTokenStore::new();
        {
            let mut memory = store.lock();
            memory.last_version = 1;
            memory.stored = Some((tokens, TokenVersion::new(1)));
        }
        store
    }

    /// The last token set saved.
    pub fn latest(&self) -> Option<TokenSet> {
        self.lock()
            .stored
            .as_ref()
            .map(|(tokens, _)| tokens.clone())
    }

    /// The version of the stored set.
    pub fn version(&self) -> Option<TokenVersion> {
        self.lock().stored.as_ref().map(|(_, version)| *version)
    }

    /// How many token sets were saved.
    pub fn saves(&self) -> usize {
        self.lock().saves
    }

    /// Whether the store was told the user must authorize again.
    pub fn reauthorization_was_required(&self) -> bool {
        self.lock().reauthorization_required
    }

    /// Deletes the record and its lease, as an application does when the user disconnects.
    /// The version counter is kept, so a later save never reuses a version.
    pub fn delete(&self) {
        let mut memory = self.lock();
        memory.stored = None;
        memory.lease = None;
        memory.reauthorization_required = false;
    }

    /// Whether an unexpired lease is held now.
    pub fn is_leased(&self) -> bool {
        self.lock()
            .lease
            .as_ref()
            .is_some_and(|(_, until)| *until > Instant::now())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Memory> {
        // The data stays consistent even if a holder panicked: each update is one assignment.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl fmt::Debug for MemoryTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let memory = self.lock();
        f.debug_struct("MemoryTokenStore")
            .field("latest", &memory.stored.as_ref().map(|(tokens, _)| tokens))
            .field(
                "version",
                &memory.stored.as_ref().map(|(_, version)| version),
            )
            .field("saves", &memory.saves)
            .finish()
    }
}

impl TokenStore for MemoryTokenStore {
    async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
        let memory = self.lock();
        Ok(memory.stored.as_ref().map(|(tokens, version)| {
            StoredTokens::new(tokens.clone(), *version)
                .with_reauthorization_required(memory.reauthorization_required)
        }))
    }

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        let mut memory = self.lock();
        let current = memory.stored.as_ref().map(|(_, version)| *version);
        let applies = match condition {
            SaveCondition::Always => true,
            SaveCondition::IfAbsent => current.is_none(),
            SaveCondition::IfVersion(expected) => current == Some(expected),
        };
        if !applies {
            return Ok(SaveOutcome::Conflict);
        }
        memory.last_version += 1;
        let version = TokenVersion::new(memory.last_version);
        memory.stored = Some((tokens.clone(), version));
        memory.saves += 1;
        memory.reauthorization_required = false;
        Ok(SaveOutcome::Saved(version))
    }

    async fn acquire_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        let mut memory = self.lock();
        let now = Instant::now();
        if memory.lease.as_ref().is_some_and(|(_, until)| *until > now) {
            return Ok(false);
        }
        memory.lease = Some((lease.clone(), now + duration));
        Ok(true)
    }

    async fn renew_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        let mut memory = self.lock();
        let now = Instant::now();
        match &mut memory.lease {
            Some((held, until)) if held == lease && *until > now => {
                *until = now + duration;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn release_lease(&self, lease: &Lease) -> Result<(), TokenStoreError> {
        let mut memory = self.lock();
        if memory.lease.as_ref().is_some_and(|(held, _)| held == lease) {
            memory.lease = None;
        }
        Ok(())
    }

    /// Clones share one record: they are one record for the credentials built on them (per
    /// simulated instance, see [`as_another_instance`](Self::as_another_instance)).
    fn record_id(&self) -> Option<String> {
        Some(format!(
            "memory:{:p}:{}",
            Arc::as_ptr(&self.inner),
            self.instance
        ))
    }

    async fn reauthorization_required(
        &self,
        rejected: Option<TokenVersion>,
    ) -> Result<(), TokenStoreError> {
        let mut memory = self.lock();
        let current = memory.stored.as_ref().map(|(_, version)| *version);
        if current == rejected {
            memory.reauthorization_required = true;
        }
        Ok(())
    }
}
