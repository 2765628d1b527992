//! Where token sets live between requests and between processes: the [`TokenStore`] contract,
//! the in-memory store, the stored record format, and (behind features) PostgreSQL and Redis.
//!
//! Cronofy rotates refresh tokens: a refresh kills the refresh token it used. Several
//! instances of an application that each refreshed on their own would replay dead refresh
//! tokens, get `invalid_grant`, and send users to re-authorize for nothing. The store is what
//! they share, so the store is where they coordinate: a version for compare-and-swap and a
//! lease so only one instance refreshes at a time. The protocol that uses them is in the
//! refreshing credentials ([`RefreshingUserToken`](crate::oauth::RefreshingUserToken)); a store
//! only has to keep the promises written on each method of [`TokenStore`].

mod contract;
#[cfg(any(feature = "postgres", feature = "redis"))]
mod failures;
mod lease;
mod memory;
#[cfg(feature = "postgres")]
mod postgres;
mod record;
#[cfg(feature = "redis")]
mod redis;

pub use contract::{
    SaveCondition, SaveOutcome, StoredTokens, TokenStore, TokenStoreError, TokenVersion,
};
pub use lease::Lease;
pub use memory::MemoryTokenStore;
#[cfg(feature = "postgres")]
pub use postgres::{PostgresTokenRecord, PostgresTokenStore};
pub use record::{RECORD_FORMAT, decode_record, encode_record};
#[cfg(feature = "redis")]
pub use redis::{RedisTokenRecord, RedisTokenStore};
