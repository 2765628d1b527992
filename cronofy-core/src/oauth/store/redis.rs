//! Token records in Redis, on the `redis` crate: a hash per authorization, compare-and-swap
//! in Lua scripts (each runs atomically), and leases with `SET NX PX` released only by their
//! holder.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{RedisError, Script};
use secrecy::ExposeSecret;

use crate::oauth::TokenSet;
use crate::oauth::store::failures;
use crate::oauth::store::{
    Lease, SaveCondition, SaveOutcome, StoredTokens, TokenStore, TokenStoreError, TokenVersion,
    decode_record, encode_record,
};

/// How errors name this store.
const STORE: &str = "Redis";

/// Saves when the condition holds. The version only counts up, and survives a deleted record
/// (delete removes the tokens, not the counter), so a compare-and-swap cannot succeed against
/// a later authorization by accident. KEYS[1] record; ARGV mode, expected version, record.
const SAVE: &str = r"
local current = redis.call('HGET', KEYS[1], 'version')
local stored = redis.call('HEXISTS', KEYS[1], 'tokens') == 1
if ARGV[1] == 'version' then
  if not stored or current ~= ARGV[2] then return 0 end
elseif ARGV[1] == 'absent' then
  if stored then return 0 end
end
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'tokens', ARGV[3], 'reauthorization_required', '0')
return version
";

/// Deletes the lease only if `ARGV[1]` still holds it.
const RELEASE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
";

/// Marks the record only if it is still at version `ARGV[1]`.
const REAUTHORIZE: &str = r"
if redis.call('HGET', KEYS[1], 'version') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'reauthorization_required', '1')
  return 1
end
return 0
";

/// Extends the lease to `ARGV[2]` ms only if `ARGV[1]` still holds it.
const RENEW: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
";

/// Admits a request into the rate budget (`crate::rate`), or answers how many microseconds to
/// wait: the logs of the two windows are sorted sets of admission times on Redis's clock, one
/// member per request counted (a request counting more than a window's limit fits an empty
/// window, as in the in-memory budget). Needs Redis 5 or later (writes after `TIME` in a
/// script). KEYS: the second's log, the minute's log, the pause, the member
/// counter. ARGV: cost, per-second limit, per-minute limit, the two window lengths in µs.
const RATE_ADMIT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused > now then return paused - now end
local cost = tonumber(ARGV[1])
local wait = 0
for i = 1, 2 do
  local limit = tonumber(ARGV[i + 1])
  local window = tonumber(ARGV[i + 3])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local used = redis.call('ZCARD', KEYS[i])
  local excess = used + cost - limit
  if used > 0 and excess > 0 then
    -- Enough of the oldest must leave for the request to fit; a request counting more than
    -- the limit fits an empty window.
    local k = math.min(excess, used)
    local leaving = redis.call('ZRANGE', KEYS[i], k - 1, k - 1, 'WITHSCORES')
    local free_at = tonumber(leaving[2]) + window
    if free_at - now > wait then wait = free_at - now end
  end
end
if wait > 0 then return math.max(1, math.ceil(wait)) end
-- One member per request counted, each a number of its own; but no more members than a window's
-- limit: a window holding its limit admits nothing more until they leave, all at once, as it
-- would holding more, so a huge cost cannot make the script long.
local ttl = math.ceil(math.max(tonumber(ARGV[4]), tonumber(ARGV[5])) / 1000) + 1000
for i = 1, 2 do
  local members = math.min(cost, tonumber(ARGV[i + 1]))
  local last = redis.call('INCRBY', KEYS[4], members)
  for n = last - members + 1, last do
    redis.call('ZADD', KEYS[i], now, n)
  end
  redis.call('PEXPIRE', KEYS[i], ttl)
end
redis.call('PEXPIRE', KEYS[4], ttl)
return 0
";
/// Holds the rate budget back for ARGV[1] µs from now, unless a longer pause is set. KEYS: the
/// pause.
const RATE_PAUSE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local wait = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + wait > current then
  redis.call('SET', KEYS[1], now + wait, 'PX', math.ceil(wait / 1000) + 1)
end
return 0
";
/// Removes the tokens (keeping the version counter) and the lease.
const DELETE: &str = r"
redis.call('HDEL', KEYS[1], 'tokens', 'reauthorization_required')
redis.call('DEL', KEYS[2])
return 1
";

/// The token records of many authorizations in one Redis database: a hash
/// `cronofy:tokens:{key}` (fields `version`, `tokens`, `reauthorization_required`) and a lease
/// `cronofy:lease:{key}` per authorization. Cheap to clone: clones share one multiplexed
/// connection. It reconnects by itself after the connection broke, and replaces a connection
/// that stopped answering (an operation timed out: a half-open socket, a frozen network path),
/// so that a later operation does not queue behind it. One server (or a primary), not a
/// cluster.
///
/// Durability is the server's: the store promises a saved token set is stored once `save`
/// returns, and Redis acknowledges writes before they reach the disk. Run the server with
/// `appendonly yes` and `appendfsync always` (or accept losing the last second of rotated
/// tokens on a crash: those users re-authorize), and with `maxmemory-policy noeviction`, so
/// that records are never evicted.
///
/// ```no_run
/// use cronofy::AppCredentials;
/// use cronofy::oauth::{RedisTokenStore, RefreshingUserToken};
///
/// async fn shared_store() -> Result<(), Box<dyn std::error::Error>> {
///     let tokens = RedisTokenStore::connect("redis://127.0.0.1/").await?;
///     let app = AppCredentials::new("client-id", "client-secret");
///     // In any instance, for any request: every instance shares the record, and refreshes once.
///     let user = RefreshingUserToken::from_store(&app, tokens.record("user-42")).await?;
///     Ok(())
/// }
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
#[derive(Clone)]
pub struct RedisTokenStore {
    shared: Arc<Shared>,
    timeout: Duration,
}

/// What the clones of a store share.
struct Shared {
    client: redis::Client,
    config: ConnectionManagerConfig,
    /// The connection in use, numbered so that the one found broken is the one replaced; `None`
    /// after a timeout, until the next operation connects afresh. One caller connects while
    /// the others wait for it.
    connection: tokio::sync::Mutex<Option<(u64, ConnectionManager)>>,
    connections_made: AtomicU64,
    scripts: Scripts,
}

struct Scripts {
    save: Script,
    renew: Script,
    release: Script,
    reauthorize: Script,
    delete: Script,
    rate_admit: Script,
    rate_pause: Script,
}

impl Scripts {
    fn all(&self) -> [&Script; 7] {
        [
            &self.save,
            &self.renew,
            &self.release,
            &self.reauthorize,
            &self.delete,
            &self.rate_admit,
            &self.rate_pause,
        ]
    }
}

impl RedisTokenStore {
    /// Connects to `url` (`redis://host:port/db`, or `rediss://` with the `redis` crate's TLS
    /// features enabled in your own crate).
    pub async fn connect(url: &str) -> Result<Self, TokenStoreError> {
        let client = redis::Client::open(url).map_err(|e| {
            TokenStoreError::new(format!(
                "Redis token store: the URL is invalid: {}",
                describe(&e)
            ))
        })?;
        let timeout = Duration::from_secs(10);
        // Short timeouts and few retries: a store that is down must surface as an error the
        // caller can see, not as a request that hangs.
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(5)))
            .set_response_timeout(Some(Duration::from_secs(5)))
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500));
        let store = RedisTokenStore {
            shared: Arc::new(Shared {
                client,
                config,
                connection: tokio::sync::Mutex::new(None),
                connections_made: AtomicU64::new(0),
                scripts: Scripts {
                    save: Script::new(SAVE),
                    renew: Script::new(RENEW),
                    release: Script::new(RELEASE),
                    reauthorize: Script::new(REAUTHORIZE),
                    delete: Script::new(DELETE),
                    rate_admit: Script::new(RATE_ADMIT),
                    rate_pause: Script::new(RATE_PAUSE),
                },
            }),
            timeout,
        };
        store.connection().await?;
        Ok(store)
    }

    /// How many connections this store (and its clones) has opened: one, plus one after each
    /// that was found unresponsive.
    pub fn connections_made(&self) -> u64 {
        self.shared.connections_made.load(Ordering::Relaxed)
    }

    /// The connection in use, or a new one.
    async fn connection(&self) -> Result<(u64, ConnectionManager), TokenStoreError> {
        let mut slot = self.shared.connection.lock().await;
        if let Some((number, connection)) = slot.as_ref() {
            return Ok((*number, connection.clone()));
        }
        let connect = async {
            let mut connection = ConnectionManager::new_with_config(
                self.shared.client.clone(),
                self.shared.config.clone(),
            )
            .await?;
            // Loaded up front, so that each script runs in one round trip (EVALSHA) from its
            // first use: a lease renewal must not take two when the store is slow.
            for script in self.shared.scripts.all() {
                script.load_async(&mut connection).await?;
            }
            Ok::<_, RedisError>(connection)
        };
        let connection = tokio::time::timeout(self.timeout, connect)
            .await
            .map_err(|_| unreachable_after(self.timeout, "connect"))?
            .map_err(|e| failed("connect", &e))?;
        let number = self.shared.connections_made.fetch_add(1, Ordering::Relaxed) + 1;
        *slot = Some((number, connection.clone()));
        Ok((number, connection))
    }

    /// An application's rate budget kept in this store, for
    /// [`RateGovernor::shared`](crate::rate::RateGovernor::shared): every process that names
    /// the same `application` (its client id, say) shares one budget.
    pub fn rate_budget(&self, application: impl AsRef<str>) -> crate::rate::RedisRateBudget {
        crate::rate::RedisRateBudget::new(self.clone(), application.as_ref())
    }

    /// Runs [`RATE_ADMIT`] with these keys (`[second, minute, pause, counter]`) and arguments
    /// (`[cost, per second, per minute, second µs, minute µs]`): 0 once admitted, else the µs to
    /// wait.
    pub(crate) async fn rate_admit(
        &self,
        keys: &[String; 4],
        args: [u64; 5],
    ) -> Result<u64, TokenStoreError> {
        self.run(
            "admit a request into the rate budget",
            |mut connection, shared| async move {
                let mut invocation = shared.scripts.rate_admit.prepare_invoke();
                for key in keys {
                    invocation.key(key);
                }
                for arg in args {
                    invocation.arg(arg);
                }
                invocation.invoke_async::<u64>(&mut connection).await
            },
        )
        .await
    }

    /// Runs [`RATE_PAUSE`]: no request is admitted into the budget for `micros` µs.
    pub(crate) async fn rate_pause(&self, key: &str, micros: u64) -> Result<(), TokenStoreError> {
        self.run(
            "pause the rate budget",
            |mut connection, shared| async move {
                shared
                    .scripts
                    .rate_pause
                    .key(key)
                    .arg(micros)
                    .invoke_async::<i64>(&mut connection)
                    .await
            },
        )
        .await
        .map(drop)
    }

    /// How long one store operation may take before it fails as unreachable (10 s unless set).
    #[must_use]
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The record of one authorization, under the application's own key for it (a user id,
    /// an organization id): a [`TokenStore`] for a refreshing credential.
    pub fn record(&self, key: impl AsRef<str>) -> RedisTokenRecord {
        let key = key.as_ref();
        RedisTokenRecord {
            store: self.clone(),
            key: key.to_owned(),
            record_key: format!("cronofy:tokens:{{{key}}}"),
            lease_key: format!("cronofy:lease:{{{key}}}"),
        }
    }

    /// Runs one operation with the operation timeout, naming `what` in its error. A
    /// connection that let it time out is dropped, so the next operation connects afresh
    /// instead of queueing behind it (unless another caller has replaced it already).
    async fn run<T, F, Fut>(&self, what: &str, operation: F) -> Result<T, TokenStoreError>
    where
        F: FnOnce(ConnectionManager, Arc<Shared>) -> Fut,
        Fut: Future<Output = Result<T, RedisError>>,
    {
        let (number, connection) = self.connection().await?;
        let operation = operation(connection, Arc::clone(&self.shared));
        match tokio::time::timeout(self.timeout, operation).await {
            Ok(result) => result.map_err(|e| failed(what, &e)),
            Err(_) => {
                let mut slot = self.shared.connection.lock().await;
                if slot.as_ref().is_some_and(|(held, _)| *held == number) {
                    *slot = None;
                }
                Err(unreachable_after(self.timeout, what))
            }
        }
    }
}

impl fmt::Debug for RedisTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The URL may hold a password: not printed.
        f.debug_struct("RedisTokenStore")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// One authorization's record in a [`RedisTokenStore`]: the [`TokenStore`] a refreshing
/// credential is given.
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
#[derive(Clone)]
pub struct RedisTokenRecord {
    store: RedisTokenStore,
    key: String,
    record_key: String,
    lease_key: String,
}

impl RedisTokenRecord {
    /// The application's key of this record.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Deletes the tokens and the lease: the application disconnected this authorization.
    pub async fn delete(&self) -> Result<(), TokenStoreError> {
        let keys = [self.record_key.clone(), self.lease_key.clone()];
        self.store
            .run("delete the record", |mut connection, shared| async move {
                shared
                    .scripts
                    .delete
                    .key(&keys[0])
                    .key(&keys[1])
                    .invoke_async::<i64>(&mut connection)
                    .await
            })
            .await
            .map(drop)
    }
}

impl fmt::Debug for RedisTokenRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisTokenRecord")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl TokenStore for RedisTokenRecord {
    async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
        let record_key = self.record_key.clone();
        let (version, text, reauthorization_required): (
            Option<String>,
            Option<String>,
            Option<String>,
        ) = self
            .store
            .run("load the token set", |mut connection, _| async move {
                redis::cmd("HMGET")
                    .arg(&record_key)
                    .arg("version")
                    .arg("tokens")
                    .arg("reauthorization_required")
                    .query_async(&mut connection)
                    .await
            })
            .await?;
        let Some(text) = text else {
            return Ok(None);
        };
        let version = version_of(version.as_deref(), &self.key)?;
        let tokens = decode_record(&text).map_err(|e| failures::in_record(STORE, &self.key, e))?;
        Ok(Some(
            StoredTokens::new(tokens, version)
                .with_reauthorization_required(reauthorization_required.as_deref() == Some("1")),
        ))
    }

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        let record = encode_record(tokens);
        let (mode, expected) = match condition {
            SaveCondition::IfVersion(version) => ("version", version.get()),
            SaveCondition::IfAbsent => ("absent", 0),
            SaveCondition::Always => ("always", 0),
        };
        let record_key = self.record_key.clone();
        let version: i64 = self
            .store
            .run("save the token set", |mut connection, shared| async move {
                shared
                    .scripts
                    .save
                    .key(&record_key)
                    .arg(mode)
                    .arg(expected.to_string())
                    .arg(record.expose_secret())
                    .invoke_async(&mut connection)
                    .await
            })
            .await?;
        if version == 0 {
            return Ok(SaveOutcome::Conflict);
        }
        let version = version_of(Some(&version.to_string()), &self.key)?;
        Ok(SaveOutcome::Saved(version))
    }

    async fn acquire_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        let millis = millis_of(duration);
        let (lease_key, holder) = (self.lease_key.clone(), lease.holder().to_owned());
        let taken: Option<String> = self
            .store
            .run("take the refresh lease", |mut connection, _| async move {
                redis::cmd("SET")
                    .arg(&lease_key)
                    .arg(&holder)
                    .arg("NX")
                    .arg("PX")
                    .arg(millis)
                    .query_async(&mut connection)
                    .await
            })
            .await?;
        Ok(taken.is_some())
    }

    async fn renew_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        let millis = millis_of(duration);
        let (lease_key, holder) = (self.lease_key.clone(), lease.holder().to_owned());
        let renewed: i64 = self
            .store
            .run(
                "renew the refresh lease",
                |mut connection, shared| async move {
                    shared
                        .scripts
                        .renew
                        .key(&lease_key)
                        .arg(&holder)
                        .arg(millis)
                        .invoke_async(&mut connection)
                        .await
                },
            )
            .await?;
        Ok(renewed == 1)
    }

    async fn release_lease(&self, lease: &Lease) -> Result<(), TokenStoreError> {
        let (lease_key, holder) = (self.lease_key.clone(), lease.holder().to_owned());
        self.store
            .run(
                "release the refresh lease",
                |mut connection, shared| async move {
                    shared
                        .scripts
                        .release
                        .key(&lease_key)
                        .arg(&holder)
                        .invoke_async::<i64>(&mut connection)
                        .await
                },
            )
            .await
            .map(drop)
    }

    fn record_id(&self) -> Option<String> {
        Some(format!(
            "redis:{:p}:{}",
            Arc::as_ptr(&self.store.shared),
            self.key
        ))
    }

    async fn reauthorization_required(
        &self,
        rejected: Option<TokenVersion>,
    ) -> Result<(), TokenStoreError> {
        let Some(rejected) = rejected else {
            return Ok(());
        };
        let record_key = self.record_key.clone();
        self.store
            .run(
                "record that re-authorization is required",
                |mut connection, shared| async move {
                    shared
                        .scripts
                        .reauthorize
                        .key(&record_key)
                        .arg(rejected.get().to_string())
                        .invoke_async::<i64>(&mut connection)
                        .await
                },
            )
            .await
            .map(drop)
    }
}

/// A lease duration in whole milliseconds, at least one (Redis refuses `PX 0`).
fn millis_of(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis())
        .unwrap_or(u64::MAX)
        .max(1)
}

/// A version read from the hash: a positive integer, as the save script writes it.
fn version_of(value: Option<&str>, key: &str) -> Result<TokenVersion, TokenStoreError> {
    value
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&v| v > 0)
        .map(TokenVersion::new)
        .ok_or_else(|| {
            TokenStoreError::new(format!(
                "Redis token store, record {key:?}: the version is missing or not a positive \
                 integer, which no cronofy-rs writes: the record was changed by hand or is corrupt"
            ))
        })
}

/// A Redis error's kind and code only: Redis echoes the arguments of an unknown command in
/// its message, and the client adds the value to type errors; either could hold a token.
fn describe(error: &RedisError) -> String {
    match (error.kind(), error.code()) {
        // An I/O error's message is the operating system's (connection refused, reset).
        (redis::ErrorKind::Io, _) => format!("I/O error: {error}"),
        (kind, Some(code)) => format!("{kind:?} ({code})"),
        (kind, None) => format!("{kind:?}"),
    }
}

fn failed(what: &str, error: &RedisError) -> TokenStoreError {
    failures::could_not(STORE, what, describe(error))
}

fn unreachable_after(timeout: Duration, what: &str) -> TokenStoreError {
    failures::unreachable_after(STORE, timeout, what)
}
