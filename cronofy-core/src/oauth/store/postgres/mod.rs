//! Token records in PostgreSQL, on tokio-postgres: one row per authorization, a version from
//! a sequence for compare-and-swap, and a lease row with an expiry.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use secrecy::ExposeSecret;
use tokio::sync::Mutex;
use tokio_postgres::tls::{MakeTlsConnect, TlsConnect};
use tokio_postgres::types::{IsNull, ToSql, Type};
use tokio_postgres::{Client, Config, NoTls, Row, Socket, Statement};

use crate::oauth::TokenSet;
use crate::oauth::store::failures;
use crate::oauth::store::{
    Lease, SaveCondition, SaveOutcome, StoredTokens, TokenStore, TokenStoreError, TokenVersion,
    decode_record, encode_record,
};

/// How errors name this store.
const STORE: &str = "PostgreSQL";

type Connecting = Pin<Box<dyn Future<Output = Result<Client, tokio_postgres::Error>> + Send>>;
type Connector = Arc<dyn Fn() -> Connecting + Send + Sync>;

/// The token records of many authorizations in one PostgreSQL database (tables
/// `cronofy_tokens` and `cronofy_token_leases`, see [`SCHEMA`](Self::SCHEMA)). Cheap to clone:
/// clones share one connection, which tokio-postgres pipelines for concurrent callers, and
/// which is opened again after it broke.
///
/// ```no_run
/// use cronofy::AppCredentials;
/// use cronofy::oauth::{PostgresTokenStore, RefreshingUserToken};
///
/// async fn shared_store() -> Result<(), Box<dyn std::error::Error>> {
///     let tokens = PostgresTokenStore::connect("host=127.0.0.1 user=app dbname=app").await?;
///     tokens.migrate().await?;
///     let app = AppCredentials::new("client-id", "client-secret");
///     // In any instance, for any request: every instance shares the record, and refreshes once.
///     let user = RefreshingUserToken::from_store(&app, tokens.record("user-42")).await?;
///     Ok(())
/// }
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "postgres")))]
#[derive(Clone)]
pub struct PostgresTokenStore {
    shared: Arc<Shared>,
}

struct Shared {
    connect: Connector,
    client: Mutex<Option<Arc<Connection>>>,
    /// The operation timeout in milliseconds, shared by every clone and record.
    /// Shared with the rate budgets taken from this store, which have connections of their
    /// own.
    timeout_millis: Arc<AtomicU64>,
}

impl Shared {
    fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_millis.load(Ordering::Relaxed))
    }
}

impl PostgresTokenStore {
    /// The schema the store needs, as SQL that can run again harmlessly.
    pub const SCHEMA: &'static str = include_str!("schema.sql");

    /// Connects without TLS, for a database on loopback or a private network.
    /// `params` is a tokio-postgres configuration: `host=... user=... dbname=...` or a
    /// `postgresql://` URL.
    pub async fn connect(params: &str) -> Result<Self, TokenStoreError> {
        PostgresTokenStore::connect_with_tls(params, NoTls).await
    }

    /// Connects with `tls` (e.g. from `tokio-postgres-rustls`), for a database across a
    /// network.
    pub async fn connect_with_tls<T>(params: &str, tls: T) -> Result<Self, TokenStoreError>
    where
        T: MakeTlsConnect<Socket> + Clone + Send + Sync + 'static,
        T::Stream: Send + 'static,
        T::TlsConnect: Send,
        <T::TlsConnect as TlsConnect<Socket>>::Future: Send,
    {
        let mut config: Config = params.parse().map_err(|e| {
            TokenStoreError::new(format!(
                "PostgreSQL token store: the connection parameters are invalid: {}",
                describe(&e)
            ))
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(5));
        }
        let connect: Connector = Arc::new(move || {
            let (config, tls) = (config.clone(), tls.clone());
            Box::pin(async move {
                let (client, connection) = config.connect(tls).await?;
                // The connection task ends when the socket breaks; the client then reports
                // `is_closed` and the next operation connects again.
                tokio::spawn(async move {
                    if let Err(error) = connection.await {
                        tracing::warn!(target: "cronofy", error = %describe(&error), "PostgreSQL token store connection ended");
                    }
                });
                Ok(client)
            })
        });
        let store = PostgresTokenStore {
            shared: Arc::new(Shared {
                connect,
                client: Mutex::new(None),
                timeout_millis: Arc::new(AtomicU64::new(10_000)),
            }),
        };
        store.client().await?;
        Ok(store)
    }

    /// How long one store operation may take before it fails as unreachable (10 s unless
    /// set). Applies to every clone of this store and every record taken from it.
    #[must_use]
    pub fn operation_timeout(self, timeout: Duration) -> Self {
        let millis = u64::try_from(timeout.as_millis())
            .unwrap_or(u64::MAX)
            .max(1);
        self.shared.timeout_millis.store(millis, Ordering::Relaxed);
        self
    }

    /// Creates the tables and the sequence if they do not exist. Safe to run from every
    /// instance at start-up: an advisory lock makes concurrent runs take turns.
    pub async fn migrate(&self) -> Result<(), TokenStoreError> {
        let sql = format!(
            "BEGIN; SELECT pg_advisory_xact_lock({MIGRATION_LOCK}); {} COMMIT;",
            Self::SCHEMA
        );
        let timeout = self.shared.timeout();
        // A connection of its own: a statement that fails inside the transaction leaves that
        // connection in an aborted transaction, which must not be the shared one. It is
        // closed when dropped.
        let migrate = async {
            let client = (self.shared.connect)()
                .await
                .map_err(|e| failed("connect", &e))?;
            client
                .batch_execute(&sql)
                .await
                .map_err(|e| failed("migrate the schema", &e))
        };
        tokio::time::timeout(timeout.saturating_mul(3), migrate)
            .await
            .map_err(|_| unreachable_after(timeout.saturating_mul(3), "migrate the schema"))?
    }

    /// The record of one authorization, under the application's own key for it (a user id,
    /// an organization id): a [`TokenStore`] for a refreshing credential.
    pub fn record(&self, key: impl Into<String>) -> PostgresTokenRecord {
        PostgresTokenRecord {
            store: self.clone(),
            key: key.into(),
        }
    }

    /// An application's rate budget kept in this database (tables `cronofy_rate_admissions`
    /// and `cronofy_rate_pauses`, created by [`migrate`](Self::migrate); PostgreSQL 11 or
    /// later), for [`RateGovernor::shared`](crate::rate::RateGovernor::shared): every process
    /// that names the same `application` (its client id, say) shares one budget.
    ///
    /// Each budget opens a connection of its own, on first use: an admission may wait for
    /// another process's under a lock, and the token records' operations, pipelined on this
    /// store's connection, must not wait behind it. The operation timeout is this store's.
    pub fn rate_budget(&self, application: impl Into<String>) -> crate::rate::PostgresRateBudget {
        let own = PostgresTokenStore {
            shared: Arc::new(Shared {
                connect: Arc::clone(&self.shared.connect),
                client: Mutex::new(None),
                timeout_millis: Arc::clone(&self.shared.timeout_millis),
            }),
        };
        crate::rate::PostgresRateBudget::new(own, application.into())
    }

    /// Runs `cronofy_rate_admit` (see [`SCHEMA`](Self::SCHEMA)): 0 once admitted, else the µs
    /// to wait. `windows` are the second's and the minute's lengths in µs.
    pub(crate) async fn rate_admit(
        &self,
        application: &str,
        cost: i32,
        limits: [i32; 2],
        windows: [i64; 2],
    ) -> Result<u64, TokenStoreError> {
        let wait = self
            .run(
                "admit a request into the rate budget",
                |client| async move {
                    let row = client
                        .query_opt(
                            Sql::RateAdmit,
                            &[
                                &application,
                                &cost,
                                &limits[0],
                                &limits[1],
                                &windows[0],
                                &windows[1],
                            ],
                        )
                        .await?;
                    row.map(|row| row.try_get::<_, Option<i64>>(0)).transpose()
                },
            )
            .await?;
        // Anything but a wait of 0 or more is a function other than ours: refused, not
        // taken for an admission.
        match wait.flatten().map(u64::try_from) {
            Some(Ok(wait)) => Ok(wait),
            _ => Err(failures::could_not(
                STORE,
                "admit a request into the rate budget",
                "cronofy_rate_admit answered no wait, or a negative one: run migrate",
            )),
        }
    }

    /// Runs `cronofy_rate_pause`: no request of `application` is admitted for `micros` µs.
    pub(crate) async fn rate_pause(
        &self,
        application: &str,
        micros: i64,
    ) -> Result<(), TokenStoreError> {
        self.run("pause the rate budget", |client| async move {
            client
                .query_opt(Sql::RatePause, &[&application, &micros])
                .await
                .map(drop)
        })
        .await
    }

    /// The open connection, or a new one if there is none or it broke. One caller connects
    /// while the others wait for it.
    async fn client(&self) -> Result<Arc<Connection>, TokenStoreError> {
        let mut slot = self.shared.client.lock().await;
        if let Some(client) = slot.as_ref().filter(|held| !held.client.is_closed()) {
            return Ok(Arc::clone(client));
        }
        *slot = None;
        let timeout = self.shared.timeout();
        let client = tokio::time::timeout(timeout, (self.shared.connect)())
            .await
            .map_err(|_| unreachable_after(timeout, "connect"))?
            .map_err(|e| failed("connect", &e))?;
        let client = Arc::new(Connection::new(client));
        *slot = Some(Arc::clone(&client));
        Ok(client)
    }

    /// Runs one operation with the operation timeout, naming `what` in its error.
    async fn run<T, F, Fut>(&self, what: &str, operation: F) -> Result<T, TokenStoreError>
    where
        F: FnOnce(Arc<Connection>) -> Fut,
        Fut: Future<Output = Result<T, tokio_postgres::Error>>,
    {
        let timeout = self.shared.timeout();
        let client = tokio::time::timeout(timeout, self.client())
            .await
            .map_err(|_| unreachable_after(timeout, what))??;
        match tokio::time::timeout(timeout, operation(Arc::clone(&client))).await {
            Ok(result) => result.map_err(|e| failed(what, &e)),
            Err(_) => {
                // A connection that stopped answering is dropped, so the next operation
                // starts afresh instead of queueing behind it; unless another caller has
                // already replaced it.
                let mut slot = self.shared.client.lock().await;
                if slot.as_ref().is_some_and(|held| Arc::ptr_eq(held, &client)) {
                    *slot = None;
                }
                Err(unreachable_after(timeout, what))
            }
        }
    }
}

impl fmt::Debug for PostgresTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The connection parameters may hold a password: not printed.
        f.debug_struct("PostgresTokenStore")
            .field("timeout", &self.shared.timeout())
            .finish_non_exhaustive()
    }
}

/// The key of the advisory lock that serializes migrations (an arbitrary constant: "cronofy"
/// in ASCII).
const MIGRATION_LOCK: i64 = 0x63_72_6f_6e_6f_66_79;

/// One authorization's row in a [`PostgresTokenStore`]: the [`TokenStore`] a refreshing
/// credential is given.
#[cfg_attr(docsrs, doc(cfg(feature = "postgres")))]
#[derive(Clone)]
pub struct PostgresTokenRecord {
    store: PostgresTokenStore,
    key: String,
}

impl PostgresTokenRecord {
    /// The application's key of this record.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Deletes the record and its lease: the application disconnected this authorization.
    pub async fn delete(&self) -> Result<(), TokenStoreError> {
        let key = self.key.clone();
        self.store
            .run("delete the record", |client| async move {
                // One statement, so it is atomic without a transaction (the connection is
                // shared, so a BEGIN would take other callers' statements in).
                client.execute(Sql::Delete, &[&key]).await
            })
            .await
            .map(drop)
    }
}

impl fmt::Debug for PostgresTokenRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresTokenRecord")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl TokenStore for PostgresTokenRecord {
    async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
        let key = self.key.clone();
        let row = self
            .store
            .run("load the token set", |client| async move {
                client.query_opt(Sql::Load, &[&key]).await
            })
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let version = version_of(row.try_get(0).map_err(|e| failed("read the row", &e))?)?;
        let text: String = row.try_get(1).map_err(|e| failed("read the row", &e))?;
        let reauthorization_required: bool =
            row.try_get(2).map_err(|e| failed("read the row", &e))?;
        let tokens = decode_record(&text).map_err(|e| failures::in_record(STORE, &self.key, e))?;
        Ok(Some(
            StoredTokens::new(tokens, version)
                .with_reauthorization_required(reauthorization_required),
        ))
    }

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        let record = encode_record(tokens);
        let key = self.key.clone();
        let version = self
            .store
            .run("save the token set", |client| async move {
                // Wrapped so that the driver's debug log of parameters shows no token.
                let text = Redacted(record.expose_secret());
                let row = match condition {
                    SaveCondition::IfVersion(expected) => {
                        let expected = i64::try_from(expected.get()).unwrap_or(-1);
                        client
                            .query_opt(Sql::SaveIfVersion, &[&key, &text, &expected])
                            .await?
                    }
                    SaveCondition::IfAbsent => {
                        client.query_opt(Sql::SaveIfAbsent, &[&key, &text]).await?
                    }
                    SaveCondition::Always => {
                        client.query_opt(Sql::SaveAlways, &[&key, &text]).await?
                    }
                };
                row.map(|row| row.try_get::<_, i64>(0)).transpose()
            })
            .await?;
        match version {
            Some(version) => Ok(SaveOutcome::Saved(version_of(version)?)),
            None => Ok(SaveOutcome::Conflict),
        }
    }

    async fn acquire_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        let millis = i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
        let (key, holder) = (self.key.clone(), lease.holder().to_owned());
        // The database's clock decides expiry, so instances with skewed clocks agree.
        let taken = self
            .store
            .run("take the refresh lease", |client| async move {
                client
                    .query_opt(Sql::TakeLease, &[&key, &holder, &millis])
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
        let millis = i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
        let (key, holder) = (self.key.clone(), lease.holder().to_owned());
        let renewed = self
            .store
            .run("renew the refresh lease", |client| async move {
                client
                    .execute(Sql::RenewLease, &[&key, &holder, &millis])
                    .await
            })
            .await?;
        Ok(renewed == 1)
    }

    async fn release_lease(&self, lease: &Lease) -> Result<(), TokenStoreError> {
        let (key, holder) = (self.key.clone(), lease.holder().to_owned());
        self.store
            .run("release the refresh lease", |client| async move {
                client.execute(Sql::ReleaseLease, &[&key, &holder]).await
            })
            .await
            .map(drop)
    }

    fn record_id(&self) -> Option<String> {
        Some(format!(
            "postgres:{:p}:{}",
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
        let key = self.key.clone();
        let rejected = i64::try_from(rejected.get()).unwrap_or(-1);
        self.store
            .run(
                "record that re-authorization is required",
                |client| async move { client.execute(Sql::Reauthorize, &[&key, &rejected]).await },
            )
            .await
            .map(drop)
    }
}

/// The statements the store runs, each prepared once per connection: an operation is then one
/// round trip (a statement given as text is prepared again each time, which takes two).
#[derive(Clone, Copy)]
enum Sql {
    Delete,
    Load,
    SaveIfVersion,
    SaveIfAbsent,
    SaveAlways,
    TakeLease,
    RenewLease,
    ReleaseLease,
    Reauthorize,
    RateAdmit,
    RatePause,
}

impl Sql {
    const COUNT: usize = 11;

    fn text(self) -> &'static str {
        match self {
            Sql::Delete => {
                "WITH lease AS (DELETE FROM cronofy_token_leases WHERE key = $1) \
                         DELETE FROM cronofy_tokens WHERE key = $1"
            }
            Sql::Load => {
                "SELECT version, tokens, reauthorization_required \
                         FROM cronofy_tokens WHERE key = $1"
            }
            Sql::SaveIfVersion => {
                "UPDATE cronofy_tokens SET tokens = $2, \
                                 version = nextval('cronofy_token_versions'), \
                                 reauthorization_required = false, updated_at = now() \
                                 WHERE key = $1 AND version = $3 RETURNING version"
            }
            Sql::SaveIfAbsent => {
                "INSERT INTO cronofy_tokens (key, version, tokens) \
                                 VALUES ($1, nextval('cronofy_token_versions'), $2) \
                                 ON CONFLICT (key) DO NOTHING RETURNING version"
            }
            Sql::SaveAlways => {
                "INSERT INTO cronofy_tokens (key, version, tokens) \
                                 VALUES ($1, nextval('cronofy_token_versions'), $2) \
                                 ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, \
                                 version = excluded.version, reauthorization_required = false, \
                                 updated_at = now() RETURNING version"
            }
            Sql::TakeLease => {
                "INSERT INTO cronofy_token_leases (key, holder, expires_at) \
                         VALUES ($1, $2, now() + $3::bigint * interval '1 millisecond') \
                         ON CONFLICT (key) DO UPDATE \
                         SET holder = excluded.holder, expires_at = excluded.expires_at \
                         WHERE cronofy_token_leases.expires_at <= now() RETURNING holder"
            }
            Sql::RenewLease => {
                "UPDATE cronofy_token_leases \
                         SET expires_at = now() + $3::bigint * interval '1 millisecond' \
                         WHERE key = $1 AND holder = $2 AND expires_at > now()"
            }
            Sql::ReleaseLease => "DELETE FROM cronofy_token_leases WHERE key = $1 AND holder = $2",
            Sql::Reauthorize => {
                "UPDATE cronofy_tokens SET reauthorization_required = true \
                         WHERE key = $1 AND version = $2"
            }
            Sql::RateAdmit => "SELECT cronofy_rate_admit($1, $2, $3, $4, $5, $6)",
            Sql::RatePause => "SELECT cronofy_rate_pause($1, $2)",
        }
    }
}

/// An open connection and the statements prepared on it so far.
struct Connection {
    client: Client,
    prepared: [tokio::sync::OnceCell<Statement>; Sql::COUNT],
}

impl Connection {
    fn new(client: Client) -> Self {
        Connection {
            client,
            prepared: Default::default(),
        }
    }

    async fn statement(&self, sql: Sql) -> Result<Statement, tokio_postgres::Error> {
        self.prepared[sql as usize]
            .get_or_try_init(|| self.client.prepare(sql.text()))
            .await
            .cloned()
    }

    async fn query_opt(
        &self,
        sql: Sql,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<Row>, tokio_postgres::Error> {
        let statement = self.statement(sql).await?;
        self.client.query_opt(&statement, params).await
    }

    async fn execute(
        &self,
        sql: Sql,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<u64, tokio_postgres::Error> {
        let statement = self.statement(sql).await?;
        self.client.execute(&statement, params).await
    }
}

/// A text parameter that the driver sends as it is, and that its debug log of a statement's
/// parameters (tokio-postgres logs them through `log` at debug) prints as `[redacted]`: the
/// stored record holds the tokens.
#[derive(Clone, Copy)]
struct Redacted<'a>(&'a str);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl ToSql for Redacted<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        self.0.to_sql(ty, out)
    }

    fn accepts(ty: &Type) -> bool {
        <&str as ToSql>::accepts(ty)
    }

    tokio_postgres::types::to_sql_checked!();
}

/// A version read from the table; versions come from a sequence and are positive.
fn version_of(value: i64) -> Result<TokenVersion, TokenStoreError> {
    u64::try_from(value)
        .ok()
        .filter(|&v| v > 0)
        .map(TokenVersion::new)
        .ok_or_else(|| {
            TokenStoreError::new(format!(
                "PostgreSQL token store: the row has version {value}, which no cronofy-rs \
                 writes (versions are positive): the row was changed by hand or is corrupt"
            ))
        })
}

/// An error's message without what could hold a token: for a database error, only its
/// message and SQLSTATE, never its detail (which can quote a whole row); for others, the
/// client's message and its cause (an I/O error, a protocol error).
fn describe(error: &tokio_postgres::Error) -> String {
    use std::error::Error as _;
    match (error.as_db_error(), error.source()) {
        (Some(db), _) => format!("{} (SQLSTATE {})", db.message(), db.code().code()),
        (None, Some(cause)) => format!("{error}: {cause}"),
        (None, None) => error.to_string(),
    }
}

fn failed(what: &str, error: &tokio_postgres::Error) -> TokenStoreError {
    failures::could_not(STORE, what, describe(error))
}

fn unreachable_after(timeout: Duration, what: &str) -> TokenStoreError {
    failures::unreachable_after(STORE, timeout, what)
}
