//! Refresh under load: 1,000 and 10,000 concurrent callers, clones of one
//! `RefreshingUserToken`, across an access-token expiry at the fake Cronofy.
//!
//! Each *round* releases N tasks at once (a barrier), each making one call (`list_calendars`).
//! A *refreshing* round starts right after the fake expired every access token, so every
//! caller's first attempt gets a 401 and the callers must share one refresh; a *normal* round
//! is the same without the expiry, its baseline. Rounds alternate (normal first, then
//! refreshing first, ...). For each round the bench checks the fake's counters: exactly one
//! token request for a refreshing round, none for a normal one, and no failed call; otherwise
//! it exits non-zero. It prints the latency the refresh adds (p50, p99, and the round's wall
//! time) over the normal round.
//!
//! The fake runs in a child process (this binary, re-run with `--serve-fake`): one process
//! holding both ends of 10,000 loopback connections would need more than the 20,000 file
//! descriptors this machine allows a process. Its counters and expiry are driven over the
//! child's stdin/stdout, a line per command.
//!
//! ```text
//! cargo bench -p cronofy-benches --bench refresh_under_load [-- --reps 3 --callers 1000,10000]
//! ```

use std::error::Error as StdError;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use cronofy::oauth::RefreshingUserToken;
use cronofy::oauth::{MemoryTokenStore, TokenSet};
use cronofy::{AppCredentials, Client};
use cronofy_benches::{args, stats};
use cronofy_fake::FakeCronofy;
use tokio::sync::Barrier;

type BoxError = Box<dyn StdError + Send + Sync>;

const CLIENT_ID: &str = "bench-client-id";
const CLIENT_SECRET: &str = "bench-client-secret";

fn main() -> ExitCode {
    let result = if args::flag("serve-fake") {
        serve_fake()
    } else {
        run()
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("refresh_under_load failed: {error}");
            ExitCode::FAILURE
        }
    }
}

// ---- the child: the fake Cronofy, driven a line at a time ----

/// Serves the fake until stdin closes. Commands: `tokens` (issue a user token: prints
/// `tokens ACCESS REFRESH EXPIRES_IN SUB`), `expire` (every access token stops working: prints
/// `ok`), `counters` (prints `counters REFRESHES CODE_EXCHANGES TOKEN_ERRORS`).
fn serve_fake() -> Result<(), BoxError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let fake = runtime.block_on(
        FakeCronofy::builder()
            .application(CLIENT_ID, CLIENT_SECRET)
            .start(),
    )?;
    println!("ready {}", fake.base_url());
    for line in std::io::stdin().lines() {
        match line?.trim() {
            "tokens" => {
                let sub = fake.default_user().sub;
                let issued = fake.issue_user_token(&sub, "read_write");
                println!(
                    "tokens {} {} {} {}",
                    issued.access_token, issued.refresh_token, issued.expires_in, issued.sub
                );
            }
            "expire" => {
                fake.expire_all_access_tokens();
                println!("ok");
            }
            "counters" => {
                let c = fake.counters();
                println!(
                    "counters {} {} {}",
                    c.refreshes, c.code_exchanges, c.token_errors
                );
            }
            other => println!("error unknown command {other:?}"),
        }
    }
    Ok(())
}

/// The parent's end of the child.
struct FakeProcess {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    base_url: String,
}

impl FakeProcess {
    fn spawn() -> Result<Self, BoxError> {
        let mut child = Command::new(std::env::current_exe()?)
            .arg("--serve-fake")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        let mut process = FakeProcess {
            child,
            stdin,
            stdout,
            base_url: String::new(),
        };
        let ready = process.read_line()?;
        process.base_url = ready
            .strip_prefix("ready ")
            .ok_or_else(|| format!("the fake said {ready:?}"))?
            .to_owned();
        Ok(process)
    }

    fn read_line(&mut self) -> Result<String, BoxError> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            return Err("the fake's process ended".into());
        }
        Ok(line.trim_end().to_owned())
    }

    fn ask(&mut self, command: &str) -> Result<Vec<String>, BoxError> {
        writeln!(self.stdin, "{command}")?;
        self.stdin.flush()?;
        let line = self.read_line()?;
        let words: Vec<String> = line.split(' ').map(str::to_owned).collect();
        if words.first().map(String::as_str) == Some("error") {
            return Err(line.into());
        }
        Ok(words)
    }

    /// Token requests the fake has answered or refused so far (refreshes, code exchanges).
    fn token_requests(&mut self) -> Result<u64, BoxError> {
        let words = self.ask("counters")?;
        let number = |i: usize| -> Result<u64, BoxError> {
            Ok(words.get(i).ok_or("short counters line")?.parse()?)
        };
        Ok(number(1)? + number(2)?)
    }
}

impl Drop for FakeProcess {
    fn drop(&mut self) {
        // The child is ours (by handle): stop it and wait, so no process is left behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---- the parent: the callers ----

struct Round {
    /// Each caller's latency (from its call to its answer), in milliseconds.
    latencies: Vec<f64>,
    /// Each caller's wait from the release of all callers to its answer, in milliseconds:
    /// what a burst of callers experiences, queueing included.
    completions: Vec<f64>,
    wall: Duration,
    failures: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Normal,
    Refreshing,
}

fn run() -> Result<(), BoxError> {
    let reps: usize = args::value("reps", 3);
    let callers: String = args::value("callers", "1000,10000".to_owned());
    let callers: Vec<usize> = callers
        .split(',')
        .map(|n| n.trim().parse())
        .collect::<Result<_, _>>()?;

    let mut fake = FakeProcess::spawn()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let client = Client::builder().base_url(fake.base_url.as_str()).build()?;
    let app = AppCredentials::new(CLIENT_ID, CLIENT_SECRET);
    let words = fake.ask("tokens")?;
    let [_, access, refresh, expires_in, sub] = words.as_slice() else {
        return Err(format!("unexpected tokens line {words:?}").into());
    };
    let tokens = TokenSet::new(access.clone(), Some(refresh.clone()))
        .with_expires_at(SystemTime::now() + Duration::from_secs(expires_in.parse()?))
        .with_sub(sub.clone());
    let user = runtime.block_on(RefreshingUserToken::from_new_authorization(
        &app,
        tokens,
        MemoryTokenStore::new(),
    ))?;

    println!(
        "refresh_under_load: the fake in a child process, {reps} normal and {reps} refreshing rounds per size, alternating"
    );
    let mut all_ok = single_caller(&runtime, &mut fake, &client, &user, reps * 20)?;
    for &n in &callers {
        // Warm-up: opens the n connections the rounds reuse (the first burst of connects can
        // overflow the listen backlog and wait for SYN retransmits; not measured).
        for _ in 0..2 {
            let warm = runtime.block_on(round(&client, &user, n));
            if !warm.failures.is_empty() {
                println!(
                    "  warm-up with {n} callers: {} failed calls, e.g. {}",
                    warm.failures.len(),
                    warm.failures[0]
                );
            }
        }
        let mut normal = Vec::new();
        let mut refreshing = Vec::new();
        for rep in 0..reps {
            let order = if rep % 2 == 0 {
                [Kind::Normal, Kind::Refreshing]
            } else {
                [Kind::Refreshing, Kind::Normal]
            };
            for kind in order {
                let saves_before = user.store().saves();
                let before = fake.token_requests()?;
                if kind == Kind::Refreshing {
                    fake.ask("expire")?;
                }
                let result = runtime.block_on(round(&client, &user, n));
                let token_requests = fake.token_requests()? - before;
                let saves = user.store().saves() - saves_before;
                let expected = u64::from(kind == Kind::Refreshing);
                let ok = token_requests == expected
                    && saves as u64 == expected
                    && result.failures.is_empty();
                all_ok &= ok;
                println!(
                    "  {n:>6} callers, {:<10} round: {token_requests} token request(s) (expected {expected}), {saves} store save(s), {} failed calls, p50 {:.1} ms, p99 {:.1} ms, wall {:.1} ms{}",
                    format!("{kind:?}").to_lowercase(),
                    result.failures.len(),
                    stats::percentile(&result.latencies, 50.0),
                    stats::percentile(&result.latencies, 99.0),
                    stats::ms(result.wall),
                    if ok { "" } else { "  <-- FAILED" }
                );
                if let Some(first) = result.failures.first() {
                    println!("      first failure: {first}");
                }
                match kind {
                    Kind::Normal => normal.push(result),
                    Kind::Refreshing => refreshing.push(result),
                }
            }
        }
        summarize(n, &normal, &refreshing);
    }
    drop(fake);
    if all_ok {
        println!("every refreshing round made exactly one token request");
        Ok(())
    } else {
        Err("a round did not make exactly the expected token requests, or a call failed".into())
    }
}

/// One caller, alternating a normal call with a call right after an expiry (a 401, the token
/// request, the retry): the latency a refresh adds to the call that makes it.
fn single_caller(
    runtime: &tokio::runtime::Runtime,
    fake: &mut FakeProcess,
    client: &Client,
    user: &RefreshingUserToken,
    pairs: usize,
) -> Result<bool, BoxError> {
    let mut normal = Vec::new();
    let mut refreshing = Vec::new();
    let before = fake.token_requests()?;
    let mut failures = 0;
    for i in 0..pairs * 2 {
        let kind = if i % 2 == 0 {
            Kind::Normal
        } else {
            Kind::Refreshing
        };
        if kind == Kind::Refreshing {
            fake.ask("expire")?;
        }
        let started = Instant::now();
        let result = runtime.block_on(cronofy::calendars::list_calendars(client, user));
        let latency = stats::ms(started.elapsed());
        failures += usize::from(result.is_err());
        match kind {
            Kind::Normal => normal.push(latency),
            Kind::Refreshing => refreshing.push(latency),
        }
    }
    let token_requests = fake.token_requests()? - before;
    let ok = token_requests == pairs as u64 && failures == 0;
    let (base, with_refresh) = (stats::median(&normal), stats::median(&refreshing));
    println!(
        "  1 caller, {pairs} normal and {pairs} refreshing calls: {token_requests} token requests (expected {pairs}), {failures} failed; \
         median {base:.2} ms normal, {with_refresh:.2} ms refreshing: added {:+.2} ms (x{:.2}){}",
        with_refresh - base,
        if base > 0.0 { with_refresh / base } else { 0.0 },
        if ok { "" } else { "  <-- FAILED" }
    );
    Ok(ok)
}

/// Medians over the rounds of each kind, and the difference.
fn summarize(n: usize, normal: &[Round], refreshing: &[Round]) {
    let figure = |rounds: &[Round], f: &dyn Fn(&Round) -> f64| {
        stats::median(&rounds.iter().map(f).collect::<Vec<_>>())
    };
    let p50 = |r: &Round| stats::percentile(&r.latencies, 50.0);
    let p99 = |r: &Round| stats::percentile(&r.latencies, 99.0);
    let done50 = |r: &Round| stats::percentile(&r.completions, 50.0);
    let done99 = |r: &Round| stats::percentile(&r.completions, 99.0);
    let wall = |r: &Round| stats::ms(r.wall);
    println!(
        "  {n} callers, medians over rounds (call latency p50/p99; answered-since-release p50/p99; wall):"
    );
    for (name, f) in [
        ("call p50", &p50 as &dyn Fn(&Round) -> f64),
        ("call p99", &p99),
        ("done p50", &done50),
        ("done p99", &done99),
        ("wall", &wall),
    ] {
        let (base, with_refresh) = (figure(normal, f), figure(refreshing, f));
        println!(
            "    {name:<8} normal {base:>8.1} ms   refreshing {with_refresh:>8.1} ms   added {:>+8.1} ms (x{:.2})",
            with_refresh - base,
            if base > 0.0 { with_refresh / base } else { 0.0 }
        );
    }
}

/// N callers, released together, one call each.
async fn round(client: &Client, user: &RefreshingUserToken, n: usize) -> Round {
    let barrier = Arc::new(Barrier::new(n + 1));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let (client, user, barrier) = (client.clone(), user.clone(), Arc::clone(&barrier));
        tasks.spawn(async move {
            barrier.wait().await;
            let started = Instant::now();
            let result = cronofy::calendars::list_calendars(&client, &user).await;
            let done = Instant::now();
            (done - started, done, result.err().map(|e| e.to_string()))
        });
    }
    barrier.wait().await;
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(n);
    let mut completions = Vec::with_capacity(n);
    let mut failures = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((latency, done, error)) => {
                latencies.push(stats::ms(latency));
                completions.push(stats::ms(done.saturating_duration_since(started)));
                failures.extend(error);
            }
            Err(panic) => failures.push(format!("a caller panicked: {panic}")),
        }
    }
    Round {
        latencies,
        completions,
        wall: started.elapsed(),
        failures,
    }
}
