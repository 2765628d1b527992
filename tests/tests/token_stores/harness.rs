//! What the store tests share: the two backends behind one type, unique keys, raw access to
//! the servers, and application instances in child processes.

use std::process::Stdio;
use std::time::{Duration, Instant};

use cronofy::oauth::{
    Lease, PostgresTokenRecord, PostgresTokenStore, RedisTokenRecord, RedisTokenStore,
    SaveCondition, SaveOutcome, StoredTokens, TokenSet, TokenStore, TokenStoreError, TokenVersion,
};
use cronofy_fake::FakeCronofy;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

use crate::servers::{self, Server};

pub const CLIENT_ID: &str = "cronofy-rs-store-tests";
pub const CLIENT_SECRET: &str = "client-secret-Zq81mTT4kd0wP2vX9s";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Redis,
}

impl Backend {
    pub fn server(self) -> &'static Server {
        match self {
            Backend::Postgres => servers::postgres(),
            Backend::Redis => servers::redis(),
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Backend::Postgres => "postgres",
            Backend::Redis => "redis",
        }
    }

    /// The server's URL with another port, to go through a proxy.
    pub fn url_via(self, port: u16) -> String {
        let server = self.server();
        server.url.replace(
            &match self {
                Backend::Postgres => format!("port={}", server.port),
                Backend::Redis => format!(":{}/", server.port),
            },
            &match self {
                Backend::Postgres => format!("port={port}"),
                Backend::Redis => format!(":{port}/"),
            },
        )
    }

    /// A store on the server (the schema migrated), retrying while a server that was just
    /// started finishes starting.
    pub async fn connect(self) -> AnyStore {
        self.connect_to(&self.server().url).await
    }

    pub async fn connect_to(self, url: &str) -> AnyStore {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let attempt = match self {
                Backend::Postgres => match PostgresTokenStore::connect(url).await {
                    Ok(store) => store.migrate().await.map(|()| AnyStore::Postgres(store)),
                    Err(error) => Err(error),
                },
                Backend::Redis => RedisTokenStore::connect(url).await.map(AnyStore::Redis),
            };
            match attempt {
                Ok(store) => return store,
                Err(error) if Instant::now() < deadline => {
                    eprintln!("{self:?} not ready yet: {error}");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(error) => panic!("{self:?} store unreachable: {error}"),
            }
        }
    }
}

/// A store of either backend.
#[derive(Clone)]
pub enum AnyStore {
    Postgres(PostgresTokenStore),
    Redis(RedisTokenStore),
}

impl AnyStore {
    pub fn record(&self, key: &str) -> AnyRecord {
        match self {
            AnyStore::Postgres(store) => AnyRecord::Postgres(store.record(key)),
            AnyStore::Redis(store) => AnyRecord::Redis(store.record(key)),
        }
    }

    pub fn with_operation_timeout(self, timeout: Duration) -> Self {
        match self {
            AnyStore::Postgres(store) => AnyStore::Postgres(store.operation_timeout(timeout)),
            AnyStore::Redis(store) => AnyStore::Redis(store.operation_timeout(timeout)),
        }
    }
}

/// One record of either backend, a `TokenStore` by delegation.
#[derive(Clone, Debug)]
pub enum AnyRecord {
    Postgres(PostgresTokenRecord),
    Redis(RedisTokenRecord),
}

macro_rules! delegate {
    ($self:ident, $record:ident => $call:expr) => {
        match $self {
            AnyRecord::Postgres($record) => $call.await,
            AnyRecord::Redis($record) => $call.await,
        }
    };
}

impl AnyRecord {
    pub async fn delete(&self) -> Result<(), TokenStoreError> {
        delegate!(self, r => r.delete())
    }
}

impl TokenStore for AnyRecord {
    async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
        delegate!(self, r => r.load())
    }

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        delegate!(self, r => r.save(tokens, condition))
    }

    async fn acquire_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        delegate!(self, r => r.acquire_lease(lease, duration))
    }

    async fn renew_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        delegate!(self, r => r.renew_lease(lease, duration))
    }

    async fn release_lease(&self, lease: &Lease) -> Result<(), TokenStoreError> {
        delegate!(self, r => r.release_lease(lease))
    }

    fn record_id(&self) -> Option<String> {
        match self {
            AnyRecord::Postgres(r) => r.record_id(),
            AnyRecord::Redis(r) => r.record_id(),
        }
    }

    async fn reauthorization_required(
        &self,
        rejected: Option<TokenVersion>,
    ) -> Result<(), TokenStoreError> {
        delegate!(self, r => r.reauthorization_required(rejected))
    }
}

/// The tests of `scenario` (an `async fn(Backend)`) on each store: a module named after it
/// with a `postgres` and a `redis` test.
macro_rules! on_both_stores {
    ($scenario:ident) => {
        mod $scenario {
            use crate::harness::Backend;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$scenario(Backend::Postgres).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn redis() {
                super::$scenario(Backend::Redis).await;
            }
        }
    };
}
pub(crate) use on_both_stores;

/// A key no other test or run uses.
pub fn unique_key(test: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{test}-{}-{nanos}", std::process::id())
}

/// Statements and commands on the server itself, around the store: to break a record, or
/// to look at a lease.
pub enum Raw {
    Postgres(tokio_postgres::Client),
    Redis(redis::aio::MultiplexedConnection),
}

impl Raw {
    pub async fn connect(backend: Backend) -> Raw {
        let url = &backend.server().url;
        match backend {
            Backend::Postgres => {
                let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                    .await
                    .expect("raw PostgreSQL connection");
                tokio::spawn(connection);
                Raw::Postgres(client)
            }
            Backend::Redis => Raw::Redis(
                redis::Client::open(url.as_str())
                    .unwrap()
                    .get_multiplexed_async_connection()
                    .await
                    .expect("raw Redis connection"),
            ),
        }
    }

    /// Replaces the stored text of the record.
    pub async fn set_tokens_text(&mut self, key: &str, text: &str) {
        match self {
            Raw::Postgres(client) => {
                let changed = client
                    .execute(
                        "UPDATE cronofy_tokens SET tokens = $2 WHERE key = $1",
                        &[&key, &text],
                    )
                    .await
                    .unwrap();
                assert_eq!(changed, 1);
            }
            Raw::Redis(connection) => {
                let () = redis::cmd("HSET")
                    .arg(format!("cronofy:tokens:{{{key}}}"))
                    .arg("tokens")
                    .arg(text)
                    .query_async::<i64>(connection)
                    .await
                    .map(drop)
                    .unwrap();
            }
        }
    }

    /// Replaces the stored version with something no store writes.
    pub async fn break_version(&mut self, key: &str) {
        match self {
            Raw::Postgres(client) => {
                client
                    .execute(
                        "UPDATE cronofy_tokens SET version = -5 WHERE key = $1",
                        &[&key],
                    )
                    .await
                    .unwrap();
            }
            Raw::Redis(connection) => {
                redis::cmd("HSET")
                    .arg(format!("cronofy:tokens:{{{key}}}"))
                    .arg("version")
                    .arg("five")
                    .query_async::<i64>(connection)
                    .await
                    .unwrap();
            }
        }
    }

    /// Whether someone holds an unexpired lease on the record.
    pub async fn lease_held(&mut self, key: &str) -> bool {
        match self {
            Raw::Postgres(client) => client
                .query_opt(
                    "SELECT 1 FROM cronofy_token_leases WHERE key = $1 AND expires_at > now()",
                    &[&key],
                )
                .await
                .unwrap()
                .is_some(),
            Raw::Redis(connection) => {
                redis::cmd("EXISTS")
                    .arg(format!("cronofy:lease:{{{key}}}"))
                    .query_async::<i64>(connection)
                    .await
                    .unwrap()
                    == 1
            }
        }
    }
}

/// A fake Cronofy with known application credentials, and tokens for its default user saved
/// to `record`.
pub async fn fake_with_stored_tokens(record: &AnyRecord) -> FakeCronofy {
    let fake = FakeCronofy::builder()
        .application(CLIENT_ID, CLIENT_SECRET)
        .start()
        .await
        .unwrap();
    let user = fake.default_user();
    let issued = fake.issue_user_token(&user.sub, "read_write");
    let outcome = record
        .save(&issued.token_set(), SaveCondition::Always)
        .await
        .unwrap();
    assert!(matches!(outcome, SaveOutcome::Saved(_)));
    fake
}

/// An application instance in its own process (`src/bin/token_instance.rs`).
pub struct Instance {
    pub name: String,
    child: Child,
    stdin: ChildStdin,
    stdout: Lines<BufReader<ChildStdout>>,
}

impl Instance {
    pub async fn spawn(
        name: &str,
        backend: Backend,
        fake: &FakeCronofy,
        key: &str,
        tasks: usize,
        lease: Duration,
    ) -> Instance {
        let mut child = Command::new(env!("CARGO_BIN_EXE_token_instance"))
            .env("CRONOFY_BASE_URL", fake.base_url())
            .env("CRONOFY_CLIENT_ID", CLIENT_ID)
            .env("CRONOFY_CLIENT_SECRET", CLIENT_SECRET)
            .env("STORE_KIND", backend.kind())
            .env("STORE_URL", &backend.server().url)
            .env("STORE_KEY", key)
            .env("TASKS", tasks.to_string())
            .env("LEASE_MS", lease.as_millis().to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("the token_instance binary starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut instance = Instance {
            name: name.to_owned(),
            child,
            stdin,
            stdout,
        };
        let line = instance.read_line().await;
        assert_eq!(line, "ready", "{name} did not start");
        instance
    }

    pub async fn send(&mut self, command: &str) {
        self.stdin
            .write_all(format!("{command}\n").as_bytes())
            .await
            .unwrap_or_else(|e| panic!("{} is gone: {e}", self.name));
        self.stdin.flush().await.unwrap();
    }

    pub async fn read_line(&mut self) -> String {
        match tokio::time::timeout(Duration::from_secs(120), self.stdout.next_line()).await {
            Ok(Ok(Some(line))) => line,
            Ok(Ok(None)) => panic!("{} exited: {:?}", self.name, self.child.try_wait()),
            Ok(Err(e)) => panic!("reading from {}: {e}", self.name),
            Err(_) => panic!("{} did not answer within 120 s", self.name),
        }
    }

    /// The report of one round, sent with `round`.
    pub async fn report(&mut self) -> Report {
        let line = self.read_line().await;
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{} sent {line:?}: {e}", self.name))
    }

    /// SIGKILL: the instance dies without any chance to release what it holds.
    pub async fn kill(mut self) {
        self.child.kill().await.expect("the child can be killed");
    }

    pub async fn exit(mut self) {
        self.send("exit").await;
        let status = tokio::time::timeout(Duration::from_secs(30), self.child.wait())
            .await
            .expect("the instance exits")
            .unwrap();
        assert!(status.success(), "{} exited with {status}", self.name);
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct Report {
    pub ok: usize,
    pub errors: std::collections::BTreeMap<String, usize>,
    pub millis: u64,
    pub refresh_token_fingerprint: String,
}
