//! Throughput under Cronofy's rate limits: 10,000 event upserts for one user against the fake
//! Cronofy enforcing the documented limits (50 requests per second, 500 per minute, sliding
//! windows), five ways:
//!
//! - **a**: one call each, sequential, no governor (what the official SDKs do): the client's
//!   default retry policy meets the 429s;
//! - **b**: one call each, 32 concurrent callers, an in-memory rate governor;
//! - **c**: the same 32 callers through a `Batcher` (automatic batching), governor on;
//! - **d**: the bulk API over all 10,000, governor on;
//! - **e**: 4 OS processes (this binary re-run), 2,500 upserts each through the bulk API,
//!   sharing one governor budget in Redis (`--shared postgres`: in PostgreSQL), a server
//!   started for the run as the token-store tests start theirs.
//!
//! And **admit**: how many admissions per second each budget (memory, Redis, PostgreSQL) can
//! grant with limits too high to bind, one caller at a time and 32 at once: the headroom of the
//! governor itself over Cronofy's 50 requests per second.
//!
//! Each scenario gets a fresh fake. For each it prints the wall time, the 429s the fake sent,
//! the requests it admitted (counted as the limits count them) as a fraction of the budget of
//! the wall time, the calls that succeeded and the events present in the fake afterwards. The
//! *budget* of a run lasting `D` seconds is `min(50 x (floor(D) + 1), 500 x (floor(D / 60) + 1))`:
//! the most the sliding windows admit in `D`, a second's 50 (and a minute's 500) being
//! available at once. Ratios are against the time the
//! documented budget needs for 10,000 one-call upserts (20 minutes) and against scenario a.
//!
//! Cronofy does not document how a batch counts. `--counting call` (default) has the fake count
//! a batch call once; `--counting entry` has it count every entry, and tells the governors the
//! same.
//!
//! ```text
//! cargo bench -p cronofy-benches --bench throughput_budget -- [--upserts 10000]
//!     [--scenarios a,b,c,d,e,admit] [--counting call|entry] [--shared redis|postgres]
//! ```
//!
//! It exits non-zero if an upsert is missing from the fake after c, d or e, or if c, d or e
//! met a 429.

use std::error::Error as StdError;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use cronofy::batching::{Batcher, BulkOptions, Operation, bulk};
use cronofy::events::UpsertEvent;
use cronofy::oauth::{PostgresTokenStore, RedisTokenStore};
use cronofy::rate::{BatchCounting, RateGovernor, RateLimits};
use cronofy::time::UtcTime;
use cronofy::{Client, UserToken};
use cronofy_benches::args;
use cronofy_fake::FakeCronofy;
use futures_util::StreamExt as _;

#[path = "../../tests/tests/token_stores/servers.rs"]
#[allow(dead_code)]
mod servers;

type BoxError = Box<dyn StdError + Send + Sync>;

/// Set in the environment of a child of scenario e: its task, as `key=value` pairs.
const CHILD: &str = "CRONOFY_BENCH_THROUGHPUT_CHILD";
const CALLERS: usize = 32;
const PROCESSES: usize = 4;

fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    if let Ok(task) = std::env::var(CHILD) {
        return match runtime.block_on(child(&task)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("child: {error}");
                ExitCode::FAILURE
            }
        };
    }
    let upserts: usize = args::value("upserts", 10_000);
    let scenarios: String = args::value("scenarios", "a,b,c,d,e".to_owned());
    let counting = match args::value("counting", "call".to_owned()).as_str() {
        "entry" => BatchCounting::PerEntry,
        _ => BatchCounting::OnePerCall,
    };
    let limits = RateLimits::cronofy().batch(counting);
    println!(
        "throughput_budget: {upserts} upserts, limits {}/s {}/min, a batch counting {}",
        limits.per_second(),
        limits.per_minute(),
        match counting {
            BatchCounting::PerEntry => "per entry",
            _ => "once per call",
        }
    );
    let mut outcomes = Vec::new();
    for scenario in scenarios.split(',') {
        if scenario.trim() == "admit" {
            if let Err(error) = runtime.block_on(admissions()) {
                eprintln!("scenario admit: {error}");
                return ExitCode::FAILURE;
            }
            continue;
        }
        let outcome = runtime.block_on(run(scenario.trim(), upserts, limits));
        match outcome {
            Ok(outcome) => {
                outcome.print(upserts, outcomes.first());
                outcomes.push(outcome);
            }
            Err(error) => {
                eprintln!("scenario {scenario}: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    // Every governed scenario must meet no 429 and leave every upsert in the fake.
    let missed: Vec<_> = outcomes
        .iter()
        .filter(|o| o.name != "a")
        .filter(|o| o.rate_limited > 0 || o.present != upserts || o.succeeded != upserts)
        .map(|o| o.name)
        .collect();
    if missed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("missed: scenarios {missed:?} met a 429, or lost or failed an upsert");
        ExitCode::FAILURE
    }
}

/// What one scenario did.
struct Outcome {
    name: &'static str,
    wall: Duration,
    rate_limited: u64,
    admitted: u64,
    succeeded: usize,
    present: usize,
}

impl Outcome {
    fn print(&self, upserts: usize, first: Option<&Outcome>) {
        let secs = self.wall.as_secs_f64();
        // Sliding windows admit a second's 50 at once, again a second later, and so on: at
        // most 50 x (floor(D) + 1) in D, and likewise 500 x (floor(D / 60) + 1).
        let budget = (50.0 * (secs.floor() + 1.0)).min(500.0 * ((secs / 60.0).floor() + 1.0));
        let one_call_each = upserts as f64 / 500.0 * 60.0;
        let against_a = first
            .filter(|a| a.name == "a" && self.name != "a")
            .map(|a| format!(", {:.2}x the wall time of a", secs / a.wall.as_secs_f64()))
            .unwrap_or_default();
        println!(
            "  {}: {secs:.1} s ({:.3}x the {one_call_each:.0} s the budget needs one call each{against_a}); 429s {}; admitted {} = {:.1}% of the budget; succeeded {}/{upserts}; present {}/{upserts}",
            self.name,
            secs / one_call_each,
            self.rate_limited,
            self.admitted,
            100.0 * self.admitted as f64 / budget,
            self.succeeded,
            self.present,
        );
    }
}

struct Fixture {
    fake: FakeCronofy,
    token: UserToken,
    sub: String,
    calendar_id: String,
}

async fn fixture(limits: RateLimits) -> Result<Fixture, BoxError> {
    let fake = FakeCronofy::builder().rate_limits(limits).start().await?;
    let alice = fake.default_user();
    let token = UserToken::new(fake.issue_user_token(&alice.sub, "read_write").access_token);
    Ok(Fixture {
        token,
        sub: alice.sub.clone(),
        calendar_id: alice.calendar_ids[0].clone(),
        fake,
    })
}

fn client(fake: &FakeCronofy, governor: Option<RateGovernor>) -> Result<Client, BoxError> {
    let mut builder = Client::builder().base_url(fake.base_url());
    if let Some(governor) = governor {
        builder = builder.rate_governor(governor);
    }
    Ok(builder.build()?)
}

fn upsert(calendar_id: &str, n: usize) -> Operation {
    let start = UtcTime::parse("2026-12-01T09:00:00Z").expect("a valid time");
    let end = UtcTime::parse("2026-12-01T09:30:00Z").expect("a valid time");
    Operation::upsert_event(
        calendar_id,
        UpsertEvent::new(format!("sync-{n}"), "Synced", start, end),
    )
}

async fn run(name: &str, upserts: usize, limits: RateLimits) -> Result<Outcome, BoxError> {
    let f = fixture(limits).await?;
    let governor = || Some(RateGovernor::in_memory(limits));
    let started = Instant::now();
    let (name, succeeded, wall) = match name {
        "a" => {
            let client = client(&f.fake, None)?;
            let mut succeeded = 0;
            for n in 0..upserts {
                let Operation::UpsertEvent { calendar_id, event } = upsert(&f.calendar_id, n)
                else {
                    unreachable!()
                };
                let result =
                    cronofy::events::upsert_event(&client, &f.token, &calendar_id, &event).await;
                succeeded += usize::from(result.is_ok());
            }
            ("a", succeeded, started.elapsed())
        }
        "b" => {
            let client = client(&f.fake, governor())?;
            let succeeded = callers(upserts, |n| {
                let (client, token, calendar_id) =
                    (client.clone(), f.token.clone(), f.calendar_id.clone());
                async move {
                    let Operation::UpsertEvent { calendar_id, event } = upsert(&calendar_id, n)
                    else {
                        unreachable!()
                    };
                    cronofy::events::upsert_event(&client, &token, &calendar_id, &event)
                        .await
                        .is_ok()
                }
            })
            .await;
            ("b", succeeded, started.elapsed())
        }
        "c" => {
            let batcher = Batcher::new(client(&f.fake, governor())?, f.token.clone());
            let succeeded = callers(upserts, |n| {
                let (batcher, calendar_id) = (batcher.clone(), f.calendar_id.clone());
                async move { batcher.submit(upsert(&calendar_id, n)).await.is_ok() }
            })
            .await;
            ("c", succeeded, started.elapsed())
        }
        "d" => {
            let client = client(&f.fake, governor())?;
            let operations = (0..upserts).map(|n| upsert(&f.calendar_id, n));
            let succeeded = bulk(
                &client,
                &f.token,
                futures_util::stream::iter(operations),
                BulkOptions::default(),
            )
            .filter(|item| std::future::ready(item.result.is_ok()))
            .count()
            .await;
            ("d", succeeded, started.elapsed())
        }
        "e" => {
            let (succeeded, wall) = processes(&f, upserts, limits).await?;
            ("e", succeeded, wall)
        }
        other => return Err(format!("no scenario `{other}` (a, b, c, d or e)").into()),
    };
    Ok(Outcome {
        name,
        wall,
        rate_limited: f.fake.rate_limited_count(),
        admitted: f.fake.admitted_requests().values().sum(),
        succeeded,
        present: f.fake.events(&f.sub).iter().filter(|e| !e.deleted).count(),
    })
}

/// The admit scenario: admissions per second of each budget, one caller and 32 at once.
async fn admissions() -> Result<(), BoxError> {
    const ADMISSIONS: u32 = 3_000;
    let (redis, postgres) = tokio::task::spawn_blocking(|| {
        (
            servers::redis().url.clone(),
            servers::postgres().url.clone(),
        )
    })
    .await?;
    let postgres_store = PostgresTokenStore::connect(&postgres).await?;
    postgres_store.migrate().await?;
    let redis_store = RedisTokenStore::connect(&redis).await?;
    let unbound = RateLimits::new(1_000_000, 1_000_000);
    let key = format!("bench-admit-{}", epoch_ms());
    let governors = [
        ("memory", RateGovernor::in_memory(unbound)),
        (
            "redis",
            RateGovernor::shared(unbound, redis_store.rate_budget(format!("{key}-r"))),
        ),
        (
            "postgres",
            RateGovernor::shared(unbound, postgres_store.rate_budget(format!("{key}-p"))),
        ),
    ];
    println!("  admit: admissions per second with limits that do not bind ({ADMISSIONS} each way)");
    for (name, governor) in governors {
        let started = Instant::now();
        for _ in 0..ADMISSIONS {
            governor.admit(1).await?;
        }
        let one = f64::from(ADMISSIONS) / started.elapsed().as_secs_f64();
        let started = Instant::now();
        let next = Arc::new(AtomicUsize::new(0));
        let tasks = (0..CALLERS).map(|_| {
            let (governor, next) = (governor.clone(), next.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < ADMISSIONS as usize {
                    governor.admit(1).await?;
                }
                Ok::<_, cronofy::Error>(())
            })
        });
        for task in futures_util::future::join_all(tasks).await {
            task??;
        }
        let many = f64::from(ADMISSIONS) / started.elapsed().as_secs_f64();
        println!(
            "    {name:<8}: {one:>9.0}/s one caller, {many:>9.0}/s with {CALLERS} callers ({:.0}x and {:.0}x Cronofy's 50/s)",
            one / 50.0,
            many / 50.0
        );
    }
    Ok(())
}

/// Runs `call(n)` for every `n` below `upserts` from [`CALLERS`] concurrent tasks; how many
/// returned `true`.
async fn callers<F, Fut>(upserts: usize, call: F) -> usize
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = bool> + Send + 'static,
{
    let next = Arc::new(AtomicUsize::new(0));
    let succeeded = Arc::new(AtomicUsize::new(0));
    let call = Arc::new(call);
    let tasks = (0..CALLERS).map(|_| {
        let (next, succeeded, call) = (next.clone(), succeeded.clone(), call.clone());
        async move {
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= upserts {
                    break;
                }
                // Spawned, so the calls run on every worker thread.
                let ok = tokio::spawn(call(n)).await.unwrap_or(false);
                succeeded.fetch_add(usize::from(ok), Ordering::Relaxed);
            }
        }
    });
    futures_util::future::join_all(tasks).await;
    succeeded.load(Ordering::Relaxed)
}

/// Scenario e: [`PROCESSES`] children share the upserts and one budget in Redis (or
/// PostgreSQL). The wall time runs from the moment they were told to start to the last one's
/// end.
async fn processes(
    f: &Fixture,
    upserts: usize,
    limits: RateLimits,
) -> Result<(usize, Duration), BoxError> {
    let postgres = args::value("shared", "redis".to_owned()) == "postgres";
    let store_url = tokio::task::spawn_blocking(move || {
        if postgres {
            servers::postgres().url.clone()
        } else {
            servers::redis().url.clone()
        }
    })
    .await?;
    if postgres {
        // Created once, before the children race to create it.
        PostgresTokenStore::connect(&store_url)
            .await?
            .migrate()
            .await?;
    }
    let key = format!("bench-{}", epoch_ms());
    // Time for every child to start and connect before the first request.
    let start_at = epoch_ms() + 3_000;
    let per_process = upserts / PROCESSES;
    let exe = std::env::current_exe()?;
    let mut children = Vec::new();
    for p in 0..PROCESSES {
        let count = if p + 1 == PROCESSES {
            upserts - per_process * p
        } else {
            per_process
        };
        // One `name=value` per line: PostgreSQL's connection parameters hold spaces.
        let task = format!(
            "base_url={}\ntoken={}\ncalendar_id={}\nstore={}\nurl={store_url}\nkey={key}\nfrom={}\ncount={count}\nstart_at={start_at}\nper_entry={}",
            f.fake.base_url(),
            f.token.secret(),
            f.calendar_id,
            if postgres { "postgres" } else { "redis" },
            per_process * p,
            limits.batch_counting() == BatchCounting::PerEntry,
        );
        let child = Command::new(&exe)
            .env(CHILD, task)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        children.push(child);
    }
    let outputs = tokio::task::spawn_blocking(move || {
        children
            .into_iter()
            .map(|child| child.wait_with_output())
            .collect::<Result<Vec<_>, _>>()
    })
    .await??;
    let (mut succeeded, mut finished) = (0, start_at);
    for output in outputs {
        let text = String::from_utf8_lossy(&output.stdout);
        let field = |name: &str| -> Option<u64> {
            text.split_whitespace()
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))?
                .parse()
                .ok()
        };
        if !output.status.success() {
            return Err(format!("a child failed: {text}").into());
        }
        let (Some(ok), Some(at)) = (field("succeeded"), field("finished_at")) else {
            return Err(format!("a child did not report its outcome: {text}").into());
        };
        succeeded += usize::try_from(ok)?;
        finished = finished.max(at);
    }
    Ok((succeeded, Duration::from_millis(finished - start_at)))
}

/// A child of scenario e: its upserts through the bulk API, with a governor sharing the
/// budget in Redis; prints `succeeded=N finished_at=MS`.
async fn child(task: &str) -> Result<(), BoxError> {
    let get = |name: &str| -> Result<&str, BoxError> {
        task.lines()
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
            .ok_or_else(|| format!("{name} missing from the task").into())
    };
    let per_entry = get("per_entry")? == "true";
    let limits = RateLimits::cronofy().batch(if per_entry {
        BatchCounting::PerEntry
    } else {
        BatchCounting::OnePerCall
    });
    let governor = if get("store")? == "postgres" {
        let store = PostgresTokenStore::connect(get("url")?).await?;
        RateGovernor::shared(limits, store.rate_budget(get("key")?))
    } else {
        let store = RedisTokenStore::connect(get("url")?).await?;
        RateGovernor::shared(limits, store.rate_budget(get("key")?))
    };
    let client = Client::builder()
        .base_url(get("base_url")?)
        .rate_governor(governor)
        .build()?;
    let token = UserToken::new(get("token")?);
    let calendar_id = get("calendar_id")?.to_owned();
    let from: usize = get("from")?.parse()?;
    let count: usize = get("count")?.parse()?;
    let start_at: u64 = get("start_at")?.parse()?;
    let now = epoch_ms();
    if start_at > now {
        tokio::time::sleep(Duration::from_millis(start_at - now)).await;
    }
    let operations = (from..from + count).map(|n| upsert(&calendar_id, n));
    let succeeded = bulk(
        &client,
        &token,
        futures_util::stream::iter(operations),
        BulkOptions::default(),
    )
    .filter(|item| std::future::ready(item.result.is_ok()))
    .count()
    .await;
    println!("succeeded={succeeded} finished_at={}", epoch_ms());
    Ok(())
}

fn epoch_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
