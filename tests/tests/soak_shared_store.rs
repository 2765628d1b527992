//! A bounded soak of the central promise: several instances of an application share each
//! user's token record, many callers per instance, and everything misbehaves at once: the
//! fake Cronofy answers random 401s, 429s, 5xx and dropped connections, its token endpoint is
//! slow or unavailable now and then, every access token expires several times a second, and
//! the token store goes down for moments (shorter than half the lease, as a lease needs to be
//! kept) and answers slowly.
//!
//! Runs `SOAK_SECONDS` seconds (default 5). Passes only with no refresh token lost (every
//! user's stored refresh token still works at the end, and Cronofy never refused one), no
//! re-authorization asked of anyone, and every failed call one of the typed, passing errors.
//! Prints the counts.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cronofy::oauth::{
    Lease, MemoryTokenStore, RefreshingUserToken, SaveCondition, SaveOutcome, StoredTokens,
    TokenSet, TokenStore, TokenStoreError, TokenVersion,
};
use cronofy::{Client, Error, RetryPolicy};
use cronofy_fake::{FakeCronofy, Fault};
use tokio::time::Instant;

const USERS: usize = 8;
const INSTANCES: usize = 3;
const CALLERS_PER_INSTANCE_AND_USER: usize = 3;
const LEASE: Duration = Duration::from_secs(2);

fn soak_seconds() -> u64 {
    std::env::var("SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
        .max(1)
}

/// Whether the shared store is down, and what it saw.
#[derive(Default)]
struct StoreWeather {
    down: AtomicBool,
    operations: AtomicU64,
    failures: AtomicU64,
}

/// One instance's handle on one user's record: the shared record in memory, behind a network
/// that adds a little latency and sometimes goes down.
#[derive(Clone)]
struct FlakyStore {
    record: MemoryTokenStore,
    weather: Arc<StoreWeather>,
}

impl FlakyStore {
    async fn reach(&self) -> Result<(), TokenStoreError> {
        self.weather.operations.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(fastrand::u64(0..3))).await;
        if self.weather.down.load(Ordering::SeqCst) {
            self.weather.failures.fetch_add(1, Ordering::Relaxed);
            return Err(TokenStoreError::new("the token store is unreachable"));
        }
        Ok(())
    }
}

impl TokenStore for FlakyStore {
    async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
        self.reach().await?;
        self.record.load().await
    }

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        self.reach().await?;
        self.record.save(tokens, condition).await
    }

    async fn acquire_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        self.reach().await?;
        self.record.acquire_lease(lease, duration).await
    }

    async fn renew_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        self.reach().await?;
        self.record.renew_lease(lease, duration).await
    }

    async fn release_lease(&self, lease: &Lease) -> Result<(), TokenStoreError> {
        self.reach().await?;
        self.record.release_lease(lease).await
    }

    fn record_id(&self) -> Option<String> {
        self.record.record_id()
    }

    async fn reauthorization_required(
        &self,
        rejected: Option<TokenVersion>,
    ) -> Result<(), TokenStoreError> {
        self.reach().await?;
        self.record.reauthorization_required(rejected).await
    }
}

/// How calls ended, by kind.
#[derive(Default)]
struct Tally {
    ok: AtomicU64,
    failed: Mutex<BTreeMap<&'static str, u64>>,
    forbidden: Mutex<Vec<String>>,
}

impl Tally {
    fn record(&self, result: Result<(), Error>) {
        let kind = match result {
            Ok(()) => {
                self.ok.fetch_add(1, Ordering::Relaxed);
                return;
            }
            Err(Error::RateLimited { .. }) => "rate limited",
            Err(Error::Server { .. }) => "server error",
            Err(Error::Transport(_)) => "connection dropped",
            Err(Error::Timeout) => "timed out",
            Err(Error::Unauthorized { .. }) => "unauthorized after a refresh",
            Err(Error::TokenStore(_)) => "token store unreachable",
            Err(error) => {
                // Re-authorization (nothing was revoked), a removed authorization (nothing
                // was deleted), or anything untyped: none may happen.
                self.forbidden.lock().unwrap().push(error.to_string());
                return;
            }
        };
        *self.failed.lock().unwrap().entry(kind).or_default() += 1;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_instances_sharing_a_flaky_store_lose_no_refresh_token() {
    let seconds = soak_seconds();
    // The protocol's warnings (a lease lost, a save retried) show the run's story.
    {
        use tracing_subscriber::Layer;
        use tracing_subscriber::layer::SubscriberExt;
        use tracing_subscriber::util::SubscriberInitExt;
        let ours = tracing_subscriber::filter::filter_fn(|meta| {
            meta.target() == "cronofy" && *meta.level() <= tracing::Level::WARN
        });
        let _ = tracing_subscriber::registry()
            .with(
                tracing_subscriber::fmt::layer()
                    .with_test_writer()
                    .with_filter(ours),
            )
            .try_init();
    }
    let fake = Arc::new(FakeCronofy::start().await);
    let app = fake.app_credentials();
    let client = Client::builder()
        .base_url(fake.base_url())
        .retry_policy(
            RetryPolicy::default()
                .max_retries(2)
                .initial_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(50)),
        )
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let weather = Arc::new(StoreWeather::default());

    // Each user's record, and each instance's credential on it.
    let mut records = Vec::new();
    let mut credentials = Vec::new();
    for n in 0..USERS {
        let user = if n == 0 {
            fake.default_user()
        } else {
            fake.add_user(&format!("shared{n}@example.test"), &format!("Shared {n}"))
        };
        let issued = fake.issue_user_token(&user.sub, "read_write");
        let record = MemoryTokenStore::holding(issued.token_set());
        for _ in 0..INSTANCES {
            let store = FlakyStore {
                record: record.as_another_instance(),
                weather: Arc::clone(&weather),
            };
            let credential = RefreshingUserToken::builder(&app, store)
                .lease_duration(LEASE)
                .from_store()
                .await
                .unwrap();
            credentials.push(credential);
        }
        records.push(record);
    }

    let tally = Arc::new(Tally::default());
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut callers = tokio::task::JoinSet::new();
    for credential in &credentials {
        for _ in 0..CALLERS_PER_INSTANCE_AND_USER {
            let (client, credential, tally) =
                (client.clone(), credential.clone(), Arc::clone(&tally));
            callers.spawn(async move {
                while Instant::now() < until {
                    let result = cronofy::calendars::list_calendars(&client, &credential)
                        .await
                        .map(drop);
                    tally.record(result);
                    tokio::time::sleep(Duration::from_millis(fastrand::u64(1..20))).await;
                }
            });
        }
    }

    // The weather: expiries, faults at the fake, store outages.
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    let mut last_outage = Instant::now();
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(fastrand::u64(5..25))).await;
        let (what, fault) = match fastrand::u32(0..100) {
            0..10 => {
                fake.expire_all_access_tokens();
                ("expiries", None)
            }
            10..20 => ("401s", Some(Fault::status(401).on_path("/v1/calendars"))),
            20..30 => (
                "429s",
                Some(Fault::rate_limited(None).on_path("/v1/calendars")),
            ),
            30..40 => ("503s", Some(Fault::unavailable().on_path("/v1/calendars"))),
            40..45 => ("500s", Some(Fault::server_error().on_path("/v1/calendars"))),
            45..55 => (
                "dropped connections",
                Some(Fault::drop_connection().on_path("/v1/calendars")),
            ),
            55..62 => (
                "slow token requests",
                Some(
                    Fault::delay(Duration::from_millis(fastrand::u64(100..1500)))
                        .on_path("/oauth/token"),
                ),
            ),
            62..66 => (
                "token endpoint 503s",
                Some(Fault::unavailable().on_path("/oauth/token")),
            ),
            66..70 if last_outage.elapsed() > LEASE / 2 => {
                // Down for less than half the lease, half a lease apart at least: what a
                // holder's renewals (every third of the lease, soon again after a failure)
                // ride through.
                weather.down.store(true, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(fastrand::u64(20..900))).await;
                weather.down.store(false, Ordering::SeqCst);
                last_outage = Instant::now();
                ("store outages", None)
            }
            _ => continue,
        };
        *counts.entry(what).or_default() += 1;
        if let Some(fault) = fault {
            fake.inject(fault);
        }
    }
    while let Some(joined) = callers.join_next().await {
        joined.expect("a caller panicked");
    }
    fake.clear_faults();
    weather.down.store(false, Ordering::SeqCst);
    // Kept sets are saved in the background; wait for them as an application exiting does.
    cronofy::oauth::shutdown(Duration::from_secs(30))
        .await
        .expect("every refresh and save finished");

    let counters = fake.counters();
    let failed = tally.failed.lock().unwrap().clone();
    let forbidden = tally.forbidden.lock().unwrap().clone();
    println!(
        "shared-store soak: {seconds} s, {USERS} users x {INSTANCES} instances x \
         {CALLERS_PER_INSTANCE_AND_USER} callers\n  weather: {counts:?}\n  calls: {} ok, \
         failed by kind {failed:?}, forbidden {}\n  token requests {}, refused by Cronofy {}\n  \
         store operations {}, failed {}",
        tally.ok.load(Ordering::Relaxed),
        forbidden.len(),
        counters.refreshes,
        counters.token_errors,
        weather.operations.load(Ordering::Relaxed),
        weather.failures.load(Ordering::Relaxed),
    );
    assert!(
        forbidden.is_empty(),
        "calls ended in errors that must not happen: {:?}",
        &forbidden[..forbidden.len().min(5)]
    );
    assert_eq!(
        counters.token_errors, 0,
        "Cronofy refused a refresh token: one was replayed after it was rotated"
    );
    assert!(tally.ok.load(Ordering::Relaxed) > 0);
    assert!(
        counters.refreshes > 0,
        "no refresh happened; the soak proved nothing"
    );
    assert!(
        weather.failures.load(Ordering::Relaxed) > 0,
        "the store never failed; the soak proved nothing"
    );

    // No refresh token was lost: each record holds one that Cronofy takes, and which every
    // instance then shares.
    fake.expire_all_access_tokens();
    for (n, record) in records.iter().enumerate() {
        let restarted = RefreshingUserToken::from_store(&app, record.as_another_instance())
            .await
            .unwrap_or_else(|e| panic!("user {n}: {e}"));
        cronofy::calendars::list_calendars(&client, &restarted)
            .await
            .unwrap_or_else(|e| panic!("user {n}: the stored refresh token does not work: {e}"));
    }
    assert_eq!(fake.counters().token_errors, 0);
}
