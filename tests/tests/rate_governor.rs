//! The rate governor (`cronofy::rate`), end to end over real HTTP on loopback against a fake
//! Cronofy that enforces the same limits (sliding windows, `429` with `Retry-After`):
//!
//! - an in-memory governor keeps 1,000 concurrent callers of one client within the limits
//!   (no `429`, every call admitted once, no window at the fake over its limit), where the same
//!   load without a governor meets `429`s;
//! - a budget shared through a real Redis keeps several OS processes (this test binary run
//!   again as children) within one application's limits, where a governor per process does not;
//! - a `429` holds back every caller of the governor for `Retry-After`, not only the one that
//!   met it;
//! - a shared budget whose Redis cannot be reached fails the call with `Error::TokenStore`
//!   before anything is sent;
//! - a batch counts per entry when the limits say so (in full, even above the second's limit),
//!   and a governor counting one per call meets `429`s from a fake counting per entry;
//! - a call on an idle governor is not counted as having waited.
//!
//! What reached the fake, and when, is measured on the fake's own counters (requests admitted
//! and refused), sampled every millisecond from a thread of its own: the requests counted
//! between two samples less than a window apart all reached the fake within one window.
//!
//! The tests take a lock so that they run one at a time: each loads both cores of a small
//! machine, and the timing of one must not be the noise of another.

#[allow(dead_code)]
#[path = "token_stores/proxy.rs"]
mod proxy;
#[allow(dead_code)]
#[path = "token_stores/servers.rs"]
mod servers;

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use cronofy::events::{ExecuteBatch, UpsertEvent};
use cronofy::oauth::RedisTokenStore;
use cronofy::rate::{BatchCounting, RateGovernor, RateLimits};
use cronofy::time::UtcTime;
use cronofy::{Client, Error, RetryPolicy, UserToken};
use cronofy_fake::FakeCronofy;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

use proxy::Proxy;

/// Held by every test: one at a time (see the module docs).
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The margin of the governors that must meet no `429` (default 50 ms). Loopback here is an
/// uneven network: a burst of 100 requests released at once by the governor, run by 1,000 tasks
/// on two cores shared with other work, reaches the fake spread over more than 50 ms now and
/// then (one `429` in 1,000 calls in about one run of six with a second test binary loading
/// the cores), so the next burst, released a margin after the window, can reach it less than a
/// window after the last of the previous one.
const MARGIN: Duration = Duration::from_millis(150);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

async fn fake_with(limits: RateLimits) -> Arc<FakeCronofy> {
    Arc::new(
        FakeCronofy::builder()
            .rate_limits(limits)
            .start()
            .await
            .expect("the fake starts"),
    )
}

fn user_token(fake: &FakeCronofy) -> UserToken {
    fake.issue_user_token(&fake.default_user().sub, "read_write")
        .user_token()
}

fn client_id(fake: &FakeCronofy) -> String {
    fake.app_credentials().client_id().as_str().to_owned()
}

/// Requests of the fake's application that the limits admitted.
fn admitted(fake: &FakeCronofy) -> u64 {
    fake.admitted_requests()
        .get(&client_id(fake))
        .copied()
        .unwrap_or(0)
}

/// A client of the fake that never retries, so that a `429` is the call's answer; with
/// `governor`, if given.
fn client(fake: &FakeCronofy, governor: Option<&RateGovernor>) -> Client {
    let mut builder = Client::builder()
        .base_url(fake.base_url())
        .retry_policy(RetryPolicy::none());
    if let Some(governor) = governor {
        builder = builder.rate_governor(governor.clone());
    }
    builder.build().expect("a client of the fake")
}

fn event(id: &str) -> UpsertEvent {
    UpsertEvent::new(
        id,
        format!("Event {id}"),
        UtcTime::parse("2026-11-23T09:00:00Z").unwrap(),
        UtcTime::parse("2026-11-23T09:30:00Z").unwrap(),
    )
}

/// A key no earlier run used, for a Redis budget.
fn unique_key(name: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("rate-governor-test-{name}-{}-{nanos}", std::process::id())
}

/// How the calls of a run ended.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Outcomes {
    ok: u64,
    rate_limited: u64,
    other: u64,
}

impl Outcomes {
    fn add<T>(&mut self, result: &Result<T, Error>) {
        match result {
            Ok(_) => self.ok += 1,
            Err(Error::RateLimited { .. }) => self.rate_limited += 1,
            Err(_) => self.other += 1,
        }
    }
}

/// `calls` concurrent event upserts (ids `{prefix}-{i}`), each in a task of its own.
async fn upsert_concurrently(
    client: &Client,
    token: &UserToken,
    calendar: &str,
    prefix: &str,
    calls: usize,
) -> (Outcomes, Vec<String>) {
    let tasks: Vec<_> = (0..calls)
        .map(|i| {
            let (client, token, calendar) = (client.clone(), token.clone(), calendar.to_owned());
            let id = format!("{prefix}-{i}");
            tokio::spawn(async move {
                cronofy::events::upsert_event(&client, &token, &calendar, &event(&id)).await
            })
        })
        .collect();
    let mut outcomes = Outcomes::default();
    let mut unexpected = Vec::new();
    for task in tasks {
        let result = task.await.expect("the task ran");
        outcomes.add(&result);
        if let Err(error) = &result
            && !matches!(error, Error::RateLimited { .. })
        {
            unexpected.push(error.to_string());
        }
    }
    (outcomes, unexpected)
}

// ---- what reached the fake, and when ----

/// The fake's counters at one moment, read between `before` and `after`.
#[derive(Debug, Clone, Copy)]
struct Sample {
    before: Instant,
    after: Instant,
    /// Requests of the application that reached the limits: admitted and refused.
    arrived: u64,
    refused: u64,
}

/// Samples the fake's counters every millisecond, on a thread of its own, until stopped.
struct Sampler {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<Vec<Sample>>,
}

impl Sampler {
    fn start(fake: &Arc<FakeCronofy>) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let (fake, stopped) = (Arc::clone(fake), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            let mut samples = Vec::new();
            loop {
                let done = stopped.load(Ordering::SeqCst);
                let before = Instant::now();
                let refused = fake.rate_limited_count();
                let arrived = refused + admitted(&fake);
                samples.push(Sample {
                    before,
                    after: Instant::now(),
                    arrived,
                    refused,
                });
                if done {
                    return samples;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        Sampler { stop, thread }
    }

    fn stop(self) -> Samples {
        self.stop.store(true, Ordering::SeqCst);
        Samples(self.thread.join().expect("the sampler ran"))
    }
}

struct Samples(Vec<Sample>);

impl Samples {
    /// The most requests seen reaching the fake within less than `window`: those counted
    /// between two samples whose reads lie less than `window` apart. (A lower bound of the
    /// true most, as fine as the sampling.)
    fn most_within(&self, window: Duration) -> u64 {
        let samples = &self.0;
        let mut most = 0;
        let mut j = 0;
        for (i, first) in samples.iter().enumerate() {
            j = j.max(i);
            while j + 1 < samples.len()
                && samples[j + 1].after.duration_since(first.before) < window
            {
                j += 1;
            }
            most = most.max(samples[j].arrived - first.arrived);
        }
        most
    }

    /// Requests that reached the fake within `[from, to]` for sure: counted after a sample read
    /// no earlier than `from` and by one read no later than `to`.
    fn arrived_between(&self, from: Instant, to: Instant) -> u64 {
        let first = self.0.iter().find(|s| s.before >= from);
        let last = self.0.iter().rev().find(|s| s.after <= to);
        match (first, last) {
            (Some(first), Some(last)) if first.before <= last.before => {
                last.arrived - first.arrived
            }
            _ => 0,
        }
    }

    /// The sample that first saw a `429`, and the one before it: the first `429` was answered
    /// between the two.
    fn first_refusal(&self) -> Option<(Sample, Sample)> {
        let at = self.0.iter().position(|s| s.refused > 0)?;
        Some((self.0[at.checked_sub(1)?], self.0[at]))
    }
}

// ---------------------------------------------------------------------------------------------
// 1. One process, 1,000 concurrent callers
// ---------------------------------------------------------------------------------------------

/// 100 requests per 250 ms "second" and 400 per 2 s "minute": 1,000 calls take two full
/// "minutes" and some, about 5 s.
fn thousand_callers_limits() -> RateLimits {
    RateLimits::new(100, 400).windows(Duration::from_millis(250), Duration::from_secs(2))
}

const CALLERS: usize = 1_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_in_memory_governor_keeps_1000_concurrent_callers_within_the_limits() {
    let _one = ONE_AT_A_TIME.lock().await;
    let limits = thousand_callers_limits();
    let fake = fake_with(limits).await;
    let governor = RateGovernor::in_memory(limits).margin(MARGIN);
    let client = client(&fake, Some(&governor));
    let calendar = fake.default_user().primary_calendar_id().to_owned();

    let sampler = Sampler::start(&fake);
    let started = Instant::now();
    let (outcomes, unexpected) =
        upsert_concurrently(&client, &user_token(&fake), &calendar, "governed", CALLERS).await;
    let took = started.elapsed();
    let samples = sampler.stop();

    assert_eq!(unexpected, Vec::<String>::new());
    assert_eq!(
        outcomes,
        Outcomes {
            ok: CALLERS as u64,
            ..Outcomes::default()
        }
    );
    assert_eq!(fake.rate_limited_count(), 0, "429s at the fake");
    assert_eq!(admitted(&fake), CALLERS as u64);
    assert_eq!(fake.events(&fake.default_user().sub).len(), CALLERS);

    let (second, minute) = limits.window_lengths();
    let in_a_second = samples.most_within(second);
    let in_a_minute = samples.most_within(minute);
    assert!(
        in_a_second <= u64::from(limits.per_second()),
        "{in_a_second} requests reached the fake within one {second:?} window"
    );
    assert!(
        in_a_minute <= u64::from(limits.per_minute()),
        "{in_a_minute} requests reached the fake within one {minute:?} window"
    );
    // The governor did the pacing: the windows filled up, and callers waited for them.
    assert_eq!(in_a_second, u64::from(limits.per_second()));
    let stats = governor.stats();
    assert_eq!((stats.admitted, stats.back_offs), (CALLERS as u64, 0));
    assert!(stats.waited > 0 && !stats.waited_for.is_zero(), "{stats:?}");
    // At 400 per "minute", the 1st, 401st and 801st requests are a "minute" apart at least.
    assert!(took >= 2 * minute, "took {took:?}");
    println!(
        "1,000 governed callers: {took:?}; at most {in_a_second} per {second:?}, \
         {in_a_minute} per {minute:?}; {} samples; {stats:?}",
        samples.0.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_governor_the_same_1000_callers_meet_429s() {
    let _one = ONE_AT_A_TIME.lock().await;
    let limits = thousand_callers_limits();
    let fake = fake_with(limits).await;
    let client = client(&fake, None);
    let calendar = fake.default_user().primary_calendar_id().to_owned();

    let sampler = Sampler::start(&fake);
    let (outcomes, unexpected) = upsert_concurrently(
        &client,
        &user_token(&fake),
        &calendar,
        "ungoverned",
        CALLERS,
    )
    .await;
    let samples = sampler.stop();

    assert_eq!(unexpected, Vec::<String>::new());
    assert!(outcomes.rate_limited > 0, "{outcomes:?}");
    assert_eq!(fake.rate_limited_count(), outcomes.rate_limited);
    assert_eq!(outcomes.ok + outcomes.rate_limited, CALLERS as u64);
    // The measure of the governed test sees a load beyond the limits when there is one.
    let (second, _) = limits.window_lengths();
    let in_a_second = samples.most_within(second);
    assert!(
        in_a_second > u64::from(limits.per_second()),
        "only {in_a_second} requests seen within {second:?}"
    );
    println!("1,000 ungoverned callers: {outcomes:?}, up to {in_a_second} within {second:?}");
}

// ---------------------------------------------------------------------------------------------
// 2. Several processes sharing one budget through Redis
// ---------------------------------------------------------------------------------------------

/// The limits of the multi-process tests, in the parent's fake and every child's governor:
/// 30 per 300 ms "second", 120 per 1.2 s "minute". 3 × 150 calls take about 5 s.
fn process_limits() -> RateLimits {
    RateLimits::new(30, 120).windows(Duration::from_millis(300), Duration::from_millis(1_200))
}

const PROCESSES: usize = 3;
const CALLS_PER_PROCESS: usize = 150;

/// The name of the child test, run by its full path with `--exact`.
const CHILD_TEST: &str = "one_process_of_the_multi_process_tests";

/// Set in a child's environment: `shared` (a budget in Redis) or `memory` (its own).
const CHILD_MODE: &str = "CRONOFY_RATE_GOVERNOR_CHILD";
const CHILD_BASE_URL: &str = "CRONOFY_RATE_GOVERNOR_BASE_URL";
const CHILD_TOKEN: &str = "CRONOFY_RATE_GOVERNOR_TOKEN";
const CHILD_CALENDAR: &str = "CRONOFY_RATE_GOVERNOR_CALENDAR";
const CHILD_REDIS: &str = "CRONOFY_RATE_GOVERNOR_REDIS";
const CHILD_KEY: &str = "CRONOFY_RATE_GOVERNOR_KEY";
const CHILD_CALLS: &str = "CRONOFY_RATE_GOVERNOR_CALLS";
const CHILD_NAME: &str = "CRONOFY_RATE_GOVERNOR_NAME";

/// A child's last word: `DONE ok=.. rate_limited=.. other=..`.
fn done_line(outcomes: Outcomes) -> String {
    format!(
        "DONE ok={} rate_limited={} other={}",
        outcomes.ok, outcomes.rate_limited, outcomes.other
    )
}

fn parse_done(line: &str) -> Option<Outcomes> {
    let rest = &line[line.find("DONE ")? + 5..];
    let mut outcomes = Outcomes::default();
    for part in rest.split_whitespace() {
        let (name, value) = part.split_once('=')?;
        let value = value.parse().ok()?;
        match name {
            "ok" => outcomes.ok = value,
            "rate_limited" => outcomes.rate_limited = value,
            "other" => outcomes.other = value,
            _ => return None,
        }
    }
    Some(outcomes)
}

/// One application instance, run by the multi-process tests as a child process: it builds its
/// client and governor, says `READY`, waits for a line on stdin (so that every child starts
/// at once), makes its calls, and says `DONE` with their outcomes. Run on its own, without
/// the environment, it does nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_process_of_the_multi_process_tests() {
    let Ok(mode) = std::env::var(CHILD_MODE) else {
        return;
    };
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is set"));
    let limits = process_limits();
    let governor = match mode.as_str() {
        "shared" => {
            let store = RedisTokenStore::connect(&var(CHILD_REDIS))
                .await
                .expect("Redis is reachable");
            RateGovernor::shared(limits, store.rate_budget(var(CHILD_KEY))).margin(MARGIN)
        }
        "memory" => RateGovernor::in_memory(limits).margin(MARGIN),
        other => panic!("unknown mode {other}"),
    };
    let client = Client::builder()
        .base_url(var(CHILD_BASE_URL))
        .retry_policy(RetryPolicy::none())
        .rate_governor(governor)
        .build()
        .unwrap();
    let token = UserToken::new(var(CHILD_TOKEN));
    let calls: usize = var(CHILD_CALLS).parse().unwrap();

    println!("\nREADY");
    std::io::stdout().flush().unwrap();
    let go = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    })
    .await
    .unwrap()
    .unwrap();
    assert_eq!(go.trim(), "GO");

    let (outcomes, unexpected) = upsert_concurrently(
        &client,
        &token,
        &var(CHILD_CALENDAR),
        &var(CHILD_NAME),
        calls,
    )
    .await;
    for error in &unexpected {
        println!("\nERROR {error}");
    }
    println!("\n{}", done_line(outcomes));
    std::io::stdout().flush().unwrap();
}

/// What a child said, and how it ended.
#[derive(Debug)]
struct ChildReport {
    success: bool,
    outcomes: Option<Outcomes>,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for ChildReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit success: {}, outcomes: {:?}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.success, self.outcomes, self.stdout, self.stderr
        )
    }
}

/// Runs `PROCESSES` children in `mode` against `fake`, started together; their reports.
async fn run_children(fake: &FakeCronofy, mode: &str, redis: &str, key: &str) -> Vec<ChildReport> {
    let exe = std::env::current_exe().expect("the test binary's path");
    let token = fake
        .issue_user_token(&fake.default_user().sub, "read_write")
        .access_token;
    let calendar = fake.default_user().primary_calendar_id().to_owned();
    let mut children = Vec::new();
    for n in 0..PROCESSES {
        let mut child = tokio::process::Command::new(&exe)
            .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
            .env(CHILD_MODE, mode)
            .env(CHILD_BASE_URL, fake.base_url())
            .env(CHILD_TOKEN, &token)
            .env(CHILD_CALENDAR, &calendar)
            .env(CHILD_REDIS, redis)
            .env(CHILD_KEY, key)
            .env(CHILD_CALLS, CALLS_PER_PROCESS.to_string())
            .env(CHILD_NAME, format!("{mode}-process-{n}"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the test binary runs again");
        let mut stderr = child.stderr.take().unwrap();
        let stderr = tokio::spawn(async move {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text).await;
            text
        });
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        children.push((child, lines_until_ready(&mut lines).await, lines, stderr));
    }
    // Every child is ready: they start their calls together.
    for (child, ..) in &mut children {
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"GO\n").await.unwrap();
    }
    let mut reports = Vec::new();
    for (mut child, mut stdout, mut lines, stderr) in children {
        while let Some(line) = lines.next_line().await.unwrap() {
            stdout.push_str(&line);
            stdout.push('\n');
        }
        let status = tokio::time::timeout(Duration::from_secs(120), child.wait())
            .await
            .expect("the child ends")
            .unwrap();
        reports.push(ChildReport {
            success: status.success(),
            outcomes: stdout.lines().find_map(parse_done),
            stdout,
            stderr: stderr.await.unwrap(),
        });
    }
    reports
}

/// Reads a child's output up to its `READY` (what it read, for the report).
async fn lines_until_ready(
    lines: &mut tokio::io::Lines<BufReader<tokio::process::ChildStdout>>,
) -> String {
    let mut seen = String::new();
    let ready = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            seen.push_str(&line);
            seen.push('\n');
            if line.trim() == "READY" {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(ready, Ok(true), "the child never said READY:\n{seen}");
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_sharing_a_redis_budget_stay_within_the_limits_together() {
    let _one = ONE_AT_A_TIME.lock().await;
    let redis = tokio::task::spawn_blocking(servers::redis).await.unwrap();
    let limits = process_limits();
    let fake = fake_with(limits).await;
    let key = unique_key("processes");

    let sampler = Sampler::start(&fake);
    let started = Instant::now();
    let reports = run_children(&fake, "shared", &redis.url, &key).await;
    let took = started.elapsed();
    let samples = sampler.stop();

    let total = (PROCESSES * CALLS_PER_PROCESS) as u64;
    for report in &reports {
        assert!(report.success, "a child failed: {report}");
        assert_eq!(
            report.outcomes,
            Some(Outcomes {
                ok: CALLS_PER_PROCESS as u64,
                ..Outcomes::default()
            }),
            "{report}"
        );
    }
    assert_eq!(fake.rate_limited_count(), 0, "429s at the fake");
    assert_eq!(admitted(&fake), total);
    assert_eq!(fake.events(&fake.default_user().sub).len(), total as usize);
    let (second, minute) = limits.window_lengths();
    let in_a_second = samples.most_within(second);
    let in_a_minute = samples.most_within(minute);
    assert!(
        in_a_second <= u64::from(limits.per_second()),
        "{in_a_second}"
    );
    assert!(
        in_a_minute <= u64::from(limits.per_minute()),
        "{in_a_minute}"
    );
    println!(
        "{PROCESSES} processes sharing {key}: {took:?} (with their start-up); at most \
         {in_a_second} per {second:?}, {in_a_minute} per {minute:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_each_with_a_budget_of_its_own_meet_429s() {
    let _one = ONE_AT_A_TIME.lock().await;
    let fake = fake_with(process_limits()).await;

    let reports = run_children(&fake, "memory", "", "").await;

    let mut rate_limited = 0;
    for report in &reports {
        assert!(report.success, "a child failed: {report}");
        let outcomes = report.outcomes.expect("the child said DONE");
        assert_eq!(outcomes.other, 0, "{report}");
        rate_limited += outcomes.rate_limited;
    }
    assert!(
        rate_limited > 0,
        "{}",
        reports
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(fake.rate_limited_count(), rate_limited);
    println!("{PROCESSES} processes, a budget each: {rate_limited} calls met a 429");
}

// ---------------------------------------------------------------------------------------------
// 3. A 429 holds back every caller
// ---------------------------------------------------------------------------------------------

/// The fake's limits: 10 per second (`Retry-After: 1`), as good as none per minute.
fn fake_limits_below_the_governors() -> RateLimits {
    RateLimits::new(10, 100_000)
}

const LOOPING_CALLERS: usize = 20;
const LOOPING_FOR: Duration = Duration::from_millis(2_500);

/// `LOOPING_CALLERS` tasks each calling `list_calendars` one call after another for
/// `LOOPING_FOR`; how the calls ended.
async fn call_in_loops(client: &Client, token: &UserToken) -> Outcomes {
    let deadline = Instant::now() + LOOPING_FOR;
    let tasks: Vec<_> = (0..LOOPING_CALLERS)
        .map(|_| {
            let (client, token) = (client.clone(), token.clone());
            tokio::spawn(async move {
                let mut outcomes = Outcomes::default();
                while Instant::now() < deadline {
                    outcomes.add(&cronofy::calendars::list_calendars(&client, &token).await);
                }
                outcomes
            })
        })
        .collect();
    let mut all = Outcomes::default();
    for task in tasks {
        let outcomes = task.await.unwrap();
        all.ok += outcomes.ok;
        all.rate_limited += outcomes.rate_limited;
        all.other += outcomes.other;
    }
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_holds_back_every_caller_of_the_governor_for_retry_after() {
    let _one = ONE_AT_A_TIME.lock().await;
    // Without the back-off: the same callers on a client without a governor.
    let fake = fake_with(fake_limits_below_the_governors()).await;
    let ungoverned = call_in_loops(&client(&fake, None), &user_token(&fake)).await;
    assert_eq!(ungoverned.other, 0, "{ungoverned:?}");

    // With it: a governor whose limits never bind (far above the fake's), so that only the
    // back-off after a 429 can hold the callers back.
    let fake = fake_with(fake_limits_below_the_governors()).await;
    let governor = RateGovernor::in_memory(RateLimits::new(100_000, 1_000_000));
    let sampler = Sampler::start(&fake);
    let governed = call_in_loops(&client(&fake, Some(&governor)), &user_token(&fake)).await;
    let samples = sampler.stop();

    assert_eq!(governed.other, 0, "{governed:?}");
    assert_eq!(fake.rate_limited_count(), governed.rate_limited);
    let stats = governor.stats();
    assert!(stats.back_offs >= 1, "{stats:?}");
    assert_eq!(
        stats.back_offs, governed.rate_limited,
        "one back-off per 429"
    );

    // After the first 429 (Retry-After: 1), nothing reached the fake for the rest of that
    // second: 300 ms allowed on either side for the requests already on their way and for the
    // client to read the 429.
    let (before, after) = samples.first_refusal().expect("the fake refused a request");
    let quiet = samples.arrived_between(
        after.after + Duration::from_millis(300),
        before.before + Duration::from_millis(700),
    );
    assert_eq!(
        quiet, 0,
        "requests reached the fake while every caller was held back"
    );

    // Over the whole run, the callers were held back about a second after each round of
    // 429s (some 20 calls each): a few rounds, where the same callers without the back-off
    // meet a 429 on every call beyond the fake's 10 per second.
    let rounds = LOOPING_FOR.as_secs() + 2;
    assert!(
        governed.rate_limited <= rounds * LOOPING_CALLERS as u64,
        "{governed:?}"
    );
    assert!(
        ungoverned.rate_limited >= 5 * governed.rate_limited.max(1),
        "without the back-off {ungoverned:?}, with it {governed:?}"
    );
    println!("without the back-off {ungoverned:?}; with it {governed:?}, {stats:?}");
}

// ---------------------------------------------------------------------------------------------
// 4. Redis unreachable
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_budget_whose_redis_is_unreachable_fails_the_call_before_sending_it() {
    let _one = ONE_AT_A_TIME.lock().await;
    let redis = tokio::task::spawn_blocking(servers::redis).await.unwrap();
    let proxy = Proxy::start(redis.port).await;
    let store = RedisTokenStore::connect(&format!("redis://127.0.0.1:{}/", proxy.port))
        .await
        .unwrap()
        .operation_timeout(Duration::from_secs(3));
    let limits = RateLimits::cronofy();
    let governor = RateGovernor::shared(limits, store.rate_budget(unique_key("unreachable")));
    let fake = fake_with(limits).await;
    let client = client(&fake, Some(&governor));
    let token = user_token(&fake);

    cronofy::calendars::list_calendars(&client, &token)
        .await
        .expect("admitted through Redis");
    assert_eq!((admitted(&fake), fake.requests().len()), (1, 1));

    proxy.cut();
    let started = Instant::now();
    let error = cronofy::calendars::list_calendars(&client, &token)
        .await
        .expect_err("no admission without Redis");
    assert!(matches!(error, Error::TokenStore(_)), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    // Nothing was sent unaccounted.
    assert_eq!((admitted(&fake), fake.requests().len()), (1, 1));
    assert_eq!(governor.stats().admitted, 1);

    // Redis back: the budget is used again.
    proxy.restore();
    cronofy::calendars::list_calendars(&client, &token)
        .await
        .expect("admitted through Redis again");
    assert_eq!(admitted(&fake), 2);
}

// ---------------------------------------------------------------------------------------------
// 5. Batches
// ---------------------------------------------------------------------------------------------

/// 20 per 250 ms "second", 100 per 1.5 s "minute", a batch counting per entry.
fn per_entry_limits() -> RateLimits {
    RateLimits::new(20, 100)
        .windows(Duration::from_millis(250), Duration::from_millis(1_500))
        .batch(BatchCounting::PerEntry)
}

const BATCHES: usize = 30;
const ENTRIES: usize = 10;

/// `BATCHES` concurrent batches of `ENTRIES` event upserts each.
async fn batches_concurrently(fake: &FakeCronofy, client: &Client) -> Outcomes {
    let token = user_token(fake);
    let calendar = fake.default_user().primary_calendar_id().to_owned();
    let tasks: Vec<_> = (0..BATCHES)
        .map(|b| {
            let mut batch = ExecuteBatch::new();
            for e in 0..ENTRIES {
                batch
                    .upsert_event(&calendar, &event(&format!("batch-{b}-{e}")))
                    .unwrap();
            }
            let (client, token) = (client.clone(), token.clone());
            tokio::spawn(async move {
                let response = cronofy::events::execute_batch(&client, &token, &batch).await?;
                assert_eq!(response.failures().len(), 0);
                Ok::<_, Error>(())
            })
        })
        .collect();
    let mut outcomes = Outcomes::default();
    for task in tasks {
        outcomes.add(&task.await.unwrap());
    }
    outcomes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_are_paced_per_entry_when_the_limits_count_entries() {
    let _one = ONE_AT_A_TIME.lock().await;
    let limits = per_entry_limits();
    let fake = fake_with(limits).await;
    let governor = RateGovernor::in_memory(limits).margin(MARGIN);
    let sampler = Sampler::start(&fake);
    let started = Instant::now();
    let outcomes = batches_concurrently(&fake, &client(&fake, Some(&governor))).await;
    let took = started.elapsed();
    let samples = sampler.stop();

    assert_eq!(
        outcomes,
        Outcomes {
            ok: BATCHES as u64,
            ..Outcomes::default()
        }
    );
    assert_eq!(fake.rate_limited_count(), 0);
    let entries = (BATCHES * ENTRIES) as u64;
    assert_eq!(admitted(&fake), entries, "entries admitted");
    assert_eq!(
        fake.events(&fake.default_user().sub).len(),
        entries as usize
    );
    assert_eq!(governor.stats().admitted, BATCHES as u64);
    let (second, minute) = limits.window_lengths();
    assert!(samples.most_within(second) <= u64::from(limits.per_second()));
    assert!(samples.most_within(minute) <= u64::from(limits.per_minute()));
    // At 100 per "minute", the 1st, 101st and 201st entries are a "minute" apart at least.
    assert!(took >= 2 * minute, "took {took:?}");
    println!("{BATCHES} batches of {ENTRIES}, per entry: {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_governor_counting_one_per_batch_meets_429s_from_limits_counting_entries() {
    let _one = ONE_AT_A_TIME.lock().await;
    let fake = fake_with(per_entry_limits()).await;
    let one_per_call = per_entry_limits().batch(BatchCounting::OnePerCall);
    let governor = RateGovernor::in_memory(one_per_call);
    let outcomes = batches_concurrently(&fake, &client(&fake, Some(&governor))).await;

    assert_eq!(outcomes.other, 0, "{outcomes:?}");
    assert!(outcomes.rate_limited > 0, "{outcomes:?}");
    assert_eq!(fake.rate_limited_count(), outcomes.rate_limited);
}

// ---------------------------------------------------------------------------------------------
// What a review found wrong in the governor, and now holds: an idle governor's call did not
// wait; a batch counting more than the second's limit still counts in full in the minute
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_on_an_idle_governor_is_not_counted_as_having_waited() {
    let _one = ONE_AT_A_TIME.lock().await;
    let fake = fake_with(RateLimits::cronofy()).await;
    let governor = RateGovernor::in_memory(RateLimits::cronofy());
    cronofy::calendars::list_calendars(&client(&fake, Some(&governor)), &user_token(&fake))
        .await
        .unwrap();

    let stats = governor.stats();
    assert_eq!(stats.admitted, 1);
    assert_eq!(
        (stats.waited, stats.waited_for),
        (0, Duration::ZERO),
        "an empty budget made the call wait: {stats:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_larger_than_the_second_still_counts_every_entry_in_the_minute() {
    let _one = ONE_AT_A_TIME.lock().await;
    // 5 per 300 ms "second", 30 per 10 s "minute", per entry: a batch of 10 fills an empty
    // "second" (as the fake admits it) and takes 10 of the "minute"'s 30.
    let limits = RateLimits::new(5, 30)
        .windows(Duration::from_millis(300), Duration::from_secs(10))
        .batch(BatchCounting::PerEntry);
    let fake = fake_with(limits).await;
    let governor = RateGovernor::in_memory(limits);
    let client = client(&fake, Some(&governor));
    let token = user_token(&fake);
    let calendar = fake.default_user().primary_calendar_id().to_owned();

    // The fourth batch does not fit the "minute" before 10 s: the governor should make it
    // wait, not send it.
    let mut outcomes = Outcomes::default();
    for b in 0..4 {
        let mut batch = ExecuteBatch::new();
        for e in 0..10 {
            batch
                .upsert_event(&calendar, &event(&format!("big-{b}-{e}")))
                .unwrap();
        }
        let started = Instant::now();
        let result = cronofy::events::execute_batch(&client, &token, &batch).await;
        println!(
            "batch {b}: {:?} after {:?}",
            result.as_ref().map(drop),
            started.elapsed()
        );
        outcomes.add(&result);
    }
    assert_eq!(fake.rate_limited_count(), 0, "{outcomes:?}");
    assert_eq!(outcomes.ok, 4);
}

// ---------------------------------------------------------------------------------------------
// The pipeline's use of the governor: what a server's `Retry-After` may ask, token requests
// (a retry the governor will not admit is in `tracing_spans.rs`, which sees its span too)
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_retry_after_neither_panics_nor_holds_the_budget_longer_than_its_windows() {
    let _one = ONE_AT_A_TIME.lock().await;
    let redis_url = tokio::task::spawn_blocking(|| servers::redis().url.clone())
        .await
        .unwrap();
    let limits =
        RateLimits::new(50, 500).windows(Duration::from_millis(200), Duration::from_millis(400));
    let store = RedisTokenStore::connect(&redis_url).await.unwrap();
    let governors = [
        ("memory", RateGovernor::in_memory(limits)),
        (
            "redis",
            RateGovernor::shared(limits, store.rate_budget(unique_key("hostile"))),
        ),
    ];
    for (name, governor) in governors {
        let governor = governor.margin(Duration::ZERO);
        let mut server = mockito::Server::new_async().await;
        // u64::MAX seconds: as much as a `Retry-After` can say.
        let refused = server
            .mock("GET", "/v1/calendars")
            .with_status(429)
            .with_header("retry-after", "18446744073709551615")
            .expect(1)
            .create_async()
            .await;
        let client = Client::builder()
            .base_url(server.url())
            .retry_policy(RetryPolicy::none())
            .rate_governor(governor.clone())
            .build()
            .unwrap();
        // Before the call: the pause starts when its answer comes.
        let started = Instant::now();
        let result =
            cronofy::calendars::list_calendars(&client, &UserToken::new("a-user-token-123")).await;
        refused.assert_async().await;
        assert!(
            matches!(result, Err(Error::RateLimited { .. })),
            "{name}: {result:?}"
        );
        assert_eq!(governor.stats().back_offs, 1, "{name}");
        // Held back for the longer window (400 ms), not for ever.
        tokio::time::timeout(Duration::from_secs(5), governor.admit(1))
            .await
            .unwrap_or_else(|_| panic!("{name}: still held back after 5 s"))
            .unwrap();
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(400), "{name}: {waited:?}");
    }
}

#[tokio::test]
async fn token_requests_do_not_wait_for_the_budget() {
    let _one = ONE_AT_A_TIME.lock().await;
    let fake = fake_with(RateLimits::cronofy()).await;
    let limits = RateLimits::new(1, 1).windows(Duration::from_secs(60), Duration::from_secs(60));
    let governor = RateGovernor::in_memory(limits).max_wait(Duration::from_millis(50));
    governor.admit(1).await.unwrap();
    let client = client(&fake, Some(&governor));
    let issued = fake.issue_user_token(&fake.default_user().sub, "read_write");
    let refreshed = cronofy::oauth::refresh_access_token(
        &client,
        &fake.app_credentials(),
        &cronofy::oauth::RefreshAccessToken::new(issued.refresh_token),
    )
    .await;
    assert!(refreshed.is_ok(), "{refreshed:?}");
    // The budget really is spent: an API call is refused.
    let listed = cronofy::calendars::list_calendars(&client, &user_token(&fake)).await;
    assert!(
        matches!(listed, Err(Error::RateBudgetExhausted { .. })),
        "{listed:?}"
    );
}
