//! The promises a token store keeps, for the refresh protocol to be safe across processes.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::oauth::TokenSet;
use crate::oauth::store::Lease;

/// The application's storage for **one authorization's** tokens (one user's, or one
/// organization's), usually a row of its database, shared by every instance of the
/// application.
///
/// The refreshing credentials use it like this (the *refresh protocol*):
/// 1. a token that Cronofy rejected (or that is about to expire) first [`load`](Self::load)s
///    the store: when another instance already refreshed (a higher version), its token is
///    used and no token request is made;
/// 2. otherwise the credential takes the [lease](Self::acquire_lease), loads again (the holder
///    before it may just have finished), refreshes, [`save`](Self::save)s the new set with
///    [`SaveCondition::IfVersion`] of what it loaded, and [releases](Self::release_lease) the
///    lease. It renews the lease right before the token request (a holder whose lease ran out
///    sends none), and every third of its duration while it holds it (soon again after a
///    renewal that failed), so a holder whose token request or save is slow keeps it and no
///    other instance refreshes meanwhile. The lease rides through store outages shorter than
///    about half its duration; a longer one can let another instance refresh with a refresh
///    token the holder has just spent. Instances that find the lease taken wait, loading the
///    store until the new set appears or the lease expires;
/// 3. when the save of a refreshed set fails, Cronofy has already rotated the refresh token:
///    the set is kept in this process (not in the credential: every credential on the record
///    shares it), saved before anything else, retried in the background, and the lease is kept
///    and renewed until it is saved, so that no other instance replays the dead refresh token;
/// 4. on `invalid_grant` it loads once more: a different refresh token in the store means
///    another instance rotated it, and that token is used. Only when the store still holds
///    the rejected token is the user asked to authorize again
///    ([`reauthorization_required`](Self::reauthorization_required));
/// 5. a record that disappears (the application deleted it: the user disconnected) stays
///    deleted: the credential answers [`Error::AuthorizationRemoved`](crate::Error::AuthorizationRemoved)
///    and writes nothing back.
///
/// What an implementation must promise:
/// - **Versions.** Every successful save stores a new [`TokenVersion`], higher than every
///   version this record had before (a counter that only grows, kept when a record is deleted;
///   a sequence). A stored set is adopted only when its version is higher than the one in use,
///   so a store that went back in time (a replica promoted) does not replace the live set.
/// - **Compare-and-swap.** [`save`](Self::save) checks its [`SaveCondition`] and writes in one
///   atomic step (`UPDATE ... WHERE version = $expected`, a transaction, a script).
/// - **Leases.** At most one unexpired lease exists per record, identified by the holder value
///   of the [`Lease`] the caller passes (made before the call, so that a call that times out
///   can still be undone with [`release_lease`](Self::release_lease)). A lease expires by
///   itself after the duration it was taken or renewed for, so an instance that crashed while
///   holding it blocks the others for that long at most. Only its holder can renew or release
///   it.
/// - **Durability.** Return `Ok` from `save` only once the set is durably stored: the
///   refreshing credential uses a new token only after that, because the refresh token it
///   replaced is already dead at Cronofy.
/// - **Errors.** Unreachable storage and unreadable records are a [`TokenStoreError`], never
///   a panic. Its message never contains a token, and nothing the store logs does either.
/// - **Identity.** [`record_id`](Self::record_id) names the record among all the records this
///   process uses, so that every credential built on it shares one state; `None` (the
///   default) gives each credential a state of its own.
///
/// [`MemoryTokenStore`](crate::oauth::MemoryTokenStore) keeps these promises inside one
/// process; `PostgresTokenStore` and `RedisTokenStore` (features `postgres` and `redis`) keep
/// them across processes and machines. [`encode_record`](crate::oauth::encode_record) and
/// [`decode_record`](crate::oauth::decode_record) give a versioned text form of a
/// [`TokenSet`] for a store of your own.
///
/// ```
/// use cronofy::oauth::{
///     Lease, SaveCondition, SaveOutcome, StoredTokens, TokenSet, TokenStore, TokenStoreError,
/// };
/// use std::time::Duration;
///
/// /// One row of `users`, with columns `tokens text`, `token_version bigint`,
/// /// `lease_holder text` and `lease_until timestamptz`.
/// struct UserRow {
///     user_id: u64,
/// }
///
/// impl TokenStore for UserRow {
///     async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
///         // SELECT tokens, token_version FROM users WHERE id = $1
///         todo!("run the query with your database client")
///     }
///
///     async fn save(
///         &self,
///         tokens: &TokenSet,
///         condition: SaveCondition,
///     ) -> Result<SaveOutcome, TokenStoreError> {
///         // UPDATE users SET tokens = $2, token_version = nextval('versions')
///         //  WHERE id = $1 AND token_version = $3 RETURNING token_version
///         todo!(
///             "Ok(SaveOutcome::Saved(version)), or Ok(SaveOutcome::Conflict) when no row matched"
///         )
///     }
///
///     async fn acquire_lease(
///         &self,
///         lease: &Lease,
///         duration: Duration,
///     ) -> Result<bool, TokenStoreError> {
///         // UPDATE users SET lease_holder = $2, lease_until = now() + $3
///         //  WHERE id = $1 AND (lease_until IS NULL OR lease_until <= now())
///         todo!("Ok(true) when a row was updated")
///     }
///
///     async fn renew_lease(
///         &self,
///         lease: &Lease,
///         duration: Duration,
///     ) -> Result<bool, TokenStoreError> {
///         // UPDATE users SET lease_until = now() + $3
///         //  WHERE id = $1 AND lease_holder = $2 AND lease_until > now()
///         todo!("Ok(true) when a row was updated")
///     }
///
///     async fn release_lease(&self, lease: &Lease) -> Result<(), TokenStoreError> {
///         // UPDATE users SET lease_until = NULL WHERE id = $1 AND lease_holder = $2
///         todo!("Ok(()) when the row is updated")
///     }
///
///     fn record_id(&self) -> Option<String> {
///         Some(format!("users:{}", self.user_id))
///     }
/// }
/// ```
pub trait TokenStore: Send + Sync + 'static {
    /// The stored token set and its version, or `None` when nothing is stored.
    fn load(&self) -> impl Future<Output = Result<Option<StoredTokens>, TokenStoreError>> + Send;

    /// Stores `tokens` if `condition` holds, in one atomic step, and clears a recorded
    /// [`reauthorization_required`](Self::reauthorization_required). Returns the new version,
    /// or [`SaveOutcome::Conflict`] (and changes nothing) when the condition does not hold.
    fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> impl Future<Output = Result<SaveOutcome, TokenStoreError>> + Send;

    /// Takes the refresh lease for `lease`'s holder for `duration`: `true` when taken, `false`
    /// at once when another holder has an unexpired one. Never waits for it: the refresh
    /// protocol does the waiting.
    fn acquire_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> impl Future<Output = Result<bool, TokenStoreError>> + Send;

    /// Extends the lease of `lease`'s holder to `duration` from now, if that holder still has
    /// an unexpired lease: `true`; `false` when it has lost it (expired, or taken by another).
    fn renew_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> impl Future<Output = Result<bool, TokenStoreError>> + Send;

    /// Releases the lease, if it is still held by `lease`'s holder (an expired lease that
    /// someone else took since stays theirs; a lease never taken is no error).
    fn release_lease(
        &self,
        lease: &Lease,
    ) -> impl Future<Output = Result<(), TokenStoreError>> + Send;

    /// Cronofy refused the stored refresh token (`invalid_grant`) of version `rejected`
    /// (`None` when the store held nothing): the user must authorize again. Record it if the
    /// stored version is still `rejected`, so the application can ask them, and report it in
    /// [`StoredTokens::reauthorization_required`]. Must not change the version. The default
    /// records nothing.
    fn reauthorization_required(
        &self,
        rejected: Option<TokenVersion>,
    ) -> impl Future<Output = Result<(), TokenStoreError>> + Send {
        let _ = rejected;
        async { Ok(()) }
    }

    /// This record's name among every record this process uses (e.g. which database, and the
    /// key): credentials built on the same record share one state, so a refreshed set whose
    /// save failed is kept for all of them and saved by the first that can, and concurrent
    /// callers through different credentials share one refresh. `None` (the default): each
    /// credential keeps a state of its own.
    fn record_id(&self) -> Option<String> {
        None
    }
}

/// The version of a stored token set: what a compare-and-swap compares. Opaque apart from
/// equality; stores usually count up from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenVersion(u64);

impl TokenVersion {
    /// A version as the store records it.
    pub const fn new(version: u64) -> Self {
        TokenVersion(version)
    }

    /// The number the store records.
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for TokenVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.0)
    }
}

/// What [`TokenStore::load`] found.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct StoredTokens {
    /// The token set.
    pub tokens: TokenSet,
    /// Its version, for [`SaveCondition::IfVersion`].
    pub version: TokenVersion,
    /// Cronofy refused this set's refresh token: the user must authorize again.
    pub reauthorization_required: bool,
}

impl StoredTokens {
    /// A loaded token set and its version.
    pub fn new(tokens: TokenSet, version: TokenVersion) -> Self {
        StoredTokens {
            tokens,
            version,
            reauthorization_required: false,
        }
    }

    /// Marks the set as refused by Cronofy.
    #[must_use]
    pub fn with_reauthorization_required(mut self, required: bool) -> Self {
        self.reauthorization_required = required;
        self
    }
}

/// When a [`TokenStore::save`] applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveCondition {
    /// Only if the stored version is still this one: the refresh protocol's save.
    IfVersion(TokenVersion),
    /// Only if nothing is stored yet.
    IfAbsent,
    /// Whatever is stored: a new authorization (after a code exchange) replaces the old one.
    Always,
}

/// The result of a [`TokenStore::save`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Stored, under this new version.
    Saved(TokenVersion),
    /// The condition did not hold; nothing was written.
    Conflict,
}

/// A token store's failure, wrapping the store's own error. Cheap to clone: clones share it.
#[derive(Debug, Clone)]
pub struct TokenStoreError(Arc<dyn StdError + Send + Sync>);

impl TokenStoreError {
    /// Wraps the store's error. Its message must not contain the tokens.
    pub fn new(error: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        TokenStoreError(Arc::from(error.into()))
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
