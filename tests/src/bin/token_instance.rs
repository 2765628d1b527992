//! One "instance of the application" for the multi-process token store tests
//! (`tests/tests/token_stores`): its own process, its own client and credential, sharing one
//! user's tokens with the other instances only through a PostgreSQL or Redis store.
//!
//! Configured by environment variables (`CRONOFY_BASE_URL`, `CRONOFY_CLIENT_ID`,
//! `CRONOFY_CLIENT_SECRET`, `STORE_KIND` = `postgres` | `redis`, `STORE_URL`, `STORE_KEY`,
//! `TASKS`, `LEASE_MS`). It prints `ready` once its credential is loaded from the store, then
//! answers each `round` line on stdin with one JSON line: how many of `TASKS` concurrent calls
//! succeeded, and the errors of the others. `exit` (or the end of stdin) ends it.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cronofy::oauth::RefreshingUserToken;
use cronofy::oauth::{PostgresTokenStore, RedisTokenStore, TokenStore};
use cronofy::{AppCredentials, Client, Error};

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    if let Err(message) = runtime.block_on(run()) {
        eprintln!("token_instance: {message}");
        std::process::exit(2);
    }
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

async fn run() -> Result<(), String> {
    let kind = env("STORE_KIND")?;
    let url = env("STORE_URL")?;
    let key = env("STORE_KEY")?;
    match kind.as_str() {
        "postgres" => {
            let store = PostgresTokenStore::connect(&url)
                .await
                .map_err(|e| e.to_string())?;
            serve(store.record(key)).await
        }
        "redis" => {
            let store = RedisTokenStore::connect(&url)
                .await
                .map_err(|e| e.to_string())?;
            serve(store.record(key)).await
        }
        other => Err(format!("unknown STORE_KIND {other:?}")),
    }
}

async fn serve<S: TokenStore>(record: S) -> Result<(), String> {
    let client = Client::builder()
        .base_url(env("CRONOFY_BASE_URL")?)
        .build()
        .map_err(|e| e.to_string())?;
    let app = AppCredentials::new(env("CRONOFY_CLIENT_ID")?, env("CRONOFY_CLIENT_SECRET")?);
    let tasks: usize = env("TASKS")?.parse().map_err(|_| "TASKS is not a number")?;
    let lease = Duration::from_millis(env("LEASE_MS")?.parse().map_err(|_| "LEASE_MS")?);
    let user = RefreshingUserToken::builder(&app, record)
        .lease_duration(lease)
        .from_store()
        .await
        .map_err(|e| format!("loading the tokens from the store: {e}"))?;
    say("ready");

    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while let Some(Ok(line)) = lines.next() {
        match line.trim() {
            "round" => {
                let report = round(&client, &user, tasks).await;
                say(&report.to_string());
            }
            "exit" => break,
            other => return Err(format!("unknown command {other:?}")),
        }
    }
    Ok(())
}

/// `tasks` concurrent calls, released together.
async fn round<S: TokenStore>(
    client: &Client,
    user: &RefreshingUserToken<S>,
    tasks: usize,
) -> serde_json::Value {
    let barrier = Arc::new(tokio::sync::Barrier::new(tasks));
    let started = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let (client, user, barrier) = (client.clone(), user.clone(), Arc::clone(&barrier));
            tokio::spawn(async move {
                barrier.wait().await;
                cronofy::calendars::list_calendars(&client, &user)
                    .await
                    .map(drop)
            })
        })
        .collect();
    let mut ok = 0;
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    for handle in handles {
        match handle.await {
            Ok(Ok(())) => ok += 1,
            Ok(Err(error)) => *errors.entry(classify(&error)).or_default() += 1,
            Err(panic) => *errors.entry(format!("task panicked: {panic}")).or_default() += 1,
        }
    }
    serde_json::json!({
        "ok": ok,
        "errors": errors,
        "millis": started.elapsed().as_millis() as u64,
        "refresh_token_fingerprint": fingerprint(user.tokens().refresh_token()),
    })
}

/// The error's kind and message (messages carry no secret).
fn classify(error: &Error) -> String {
    let kind = match error {
        Error::ReauthorizationRequired { .. } => "reauthorization_required",
        Error::TokenStore(_) => "token_store",
        Error::Unauthorized { .. } => "unauthorized",
        _ => "other",
    };
    format!("{kind}: {error}")
}

/// A hash of the refresh token in use: enough for the parent to see that all instances hold
/// the same one, without printing a secret.
fn fingerprint(token: Option<&str>) -> String {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    token.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

fn say(line: &str) {
    let mut stdout = std::io::stdout().lock();
    // The parent reads line by line; a closed pipe means it is gone, and so should we be.
    if writeln!(stdout, "{line}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        std::process::exit(3);
    }
}
