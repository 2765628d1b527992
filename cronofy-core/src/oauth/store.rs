//! Where refreshed tokens go: the application's own storage, told of every new token set
//! before it is used.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};

use crate::oauth::TokenSet;

/// The application's storage for one authorization's tokens (one user's, or one
/// organization's), usually a row of its database.
///
/// Cronofy rotates refresh tokens: after a refresh, the old refresh token is dead. So the
/// refreshing credentials call [`save`](Self::save) with each new token set and use the new
/// access token only once it returns `Ok`. If it fails, the caller gets
/// [`Error::TokenStore`](crate::Error::TokenStore) and the new set is kept in memory, to be
/// saved again before any further refresh: a rotated refresh token is never dropped.
///
/// ```
/// use cronofy_core::oauth::{TokenSet, TokenStore, TokenStoreError};
///
/// struct UserRow { user_id: u64 }
///
/// impl TokenStore for UserRow {
///     async fn save(&self, tokens: &TokenSet) -> Result<(), TokenStoreError> {
///         // UPDATE users SET access_token = $1, refresh_token = $2 WHERE id = $3
///         let _ = (tokens.access_token(), tokens.refresh_token(), self.user_id);
///         Ok(())
///     }
/// }
/// ```
pub trait TokenStore: Send + Sync + 'static {
    /// Persists a new token set. Return `Ok` only once it is durably stored.
    fn save(&self, tokens: &TokenSet) -> impl Future<Output = Result<(), TokenStoreError>> + Send;

    /// Cronofy refused the refresh token (`invalid_grant`): the user must authorize again.
    /// Mark the record so the application can ask them. The default does nothing.
    fn reauthorization_required(&self) -> impl Future<Output = Result<(), TokenStoreError>> + Send {
        async { Ok(()) }
    }
}

/// A token store's failure, wrapping the store's own error.
#[derive(Debug)]
pub struct TokenStoreError(Box<dyn StdError + Send + Sync>);

impl TokenStoreError {
    /// Wraps the store's error. Its message must not contain the tokens.
    pub fn new(error: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        TokenStoreError(error.into())
    }
}

impl fmt::Display for TokenStoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl StdError for TokenStoreError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.0.source()
    }
}

/// A token store in memory: for tests, examples, and processes that keep tokens only while
/// they run. Clones share the same storage.
#[derive(Clone, Default)]
pub struct MemoryTokenStore {
    inner: Arc<Mutex<Memory>>,
}

#[derive(Default)]
struct Memory {
    latest: Option<TokenSet>,
    saves: usize,
    reauthorization_required: bool,
}

impl MemoryTokenStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryTokenStore::default()
    }

    /// The last token set saved.
    pub fn latest(&self) -> Option<TokenSet> {
        self.lock().latest.clone()
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
            .field("latest", &memory.latest)
            .field("saves", &memory.saves)
            .finish()
    }
}

impl TokenStore for MemoryTokenStore {
    async fn save(&self, tokens: &TokenSet) -> Result<(), TokenStoreError> {
        let mut memory = self.lock();
        memory.latest = Some(tokens.clone());
        memory.saves += 1;
        memory.reauthorization_required = false;
        Ok(())
    }

    async fn reauthorization_required(&self) -> Result<(), TokenStoreError> {
        self.lock().reauthorization_required = true;
        Ok(())
    }
}
