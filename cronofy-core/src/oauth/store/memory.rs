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

/// A [`TokenStore`] in memory. Clones share the same record, so credentials built on clones
/// coordinate exactly as separate instances sharing a database would, within this process.
/// Leases expire on tokio's clock.
#[derive(Clone, Default)]
pub struct MemoryTokenStore {
    inner: Arc<Mutex<Memory>>,
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

    async fn acquire_lease(&self, duration: Duration) -> Result<Option<Lease>, TokenStoreError> {
        let mut memory = self.lock();
        let now = Instant::now();
        if memory.lease.as_ref().is_some_and(|(_, until)| *until > now) {
            return Ok(None);
        }
        let lease = Lease::new_random();
        memory.lease = Some((lease.clone(), now + duration));
        Ok(Some(lease))
    }

    async fn release_lease(&self, lease: Lease) -> Result<(), TokenStoreError> {
        let mut memory = self.lock();
        if memory
            .lease
            .as_ref()
            .is_some_and(|(held, _)| *held == lease)
        {
            memory.lease = None;
        }
        Ok(())
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
