//! The token lifecycle over real HTTP on loopback (mockito), with exact request counts:
//!
//! - single flight: 1,000 concurrent callers holding an expired token cause one token request;
//! - rotation is durable: the store sees the new token set before the new access token is sent;
//!   a store that fails leaves the old set in use, and the kept set is saved (not re-requested)
//!   on the next call; a response without a refresh token keeps the old one;
//! - a 401 is refreshed once and retried once, never looped; `invalid_grant` and
//!   `invalid_client` are typed, and `invalid_grant` is final;
//! - code exchange and revocation post the documented JSON;
//! - refreshing ahead of expiry follows tokio's clock; organization tokens refresh the same way
//!   when impersonating a member;
//! - 429 and 502/503/504 are retried for idempotent requests only, honouring `Retry-After`;
//! - paged reads follow `next_page` on the API origin only;
//! - no access token, refresh token, client secret or authorization code appears in any
//!   `Debug` or `Display` output, errors included.
//!
//! Time is tokio's paused clock. Real HTTP on a paused clock needs care: when the runtime is idle
//! waiting for a socket, tokio would auto-advance the clock to the next timer, which is the
//! request's own timeout. So timed tests hold the clock ([`hold_clock`]) and move it only by
//! explicit `tokio::time::advance` ([`drive`]).
//!
//! Needs tokio's `test-util` feature (for `start_paused`, `advance`).

#[macro_use]
#[path = "support/delegate_store.rs"]
mod delegate_store;

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use cronofy::events::{ReadEvents, ReadFreeBusy, UpsertEvent};
use cronofy::oauth::{
    AuthorizationCode, ExchangeCode, Lease, MemoryTokenStore, SaveCondition, SaveOutcome,
    StoredTokens, TokenSet, TokenStore, TokenStoreError, exchange_code,
};
use cronofy::oauth::{RefreshingOrgToken, RefreshingUserToken};
use cronofy::time::UtcTime;
use cronofy::{AppCredentials, Client, Error};
use mockito::{Matcher, Mock, Server, ServerGuard};
use serde_json::json;

const CLIENT_ID: &str = "cronofy-rs-lifecycle-client";
const CLIENT_SECRET: &str = "client-secret-Ua3WtE6yIo9PlKj2Qz";
const OLD_ACCESS: &str = "old-access-Zq8KdL2mW9xR4tYpVb3";
const NEW_ACCESS: &str = "new-access-Hb7NcV3sQ1aE6uJoWd8";
const OLD_REFRESH: &str = "old-refresh-Pf5GhT8kLw2DzX0mRt";
const NEW_REFRESH: &str = "new-refresh-Yc4RvB9nMq7SxK1eGh";
const ORG_OLD_ACCESS: &str = "org-old-access-Jd6TgE2kVp9LwQ4z";
const ORG_NEW_ACCESS: &str = "org-new-access-Rm3YcH8nBx5FsK7a";
const ORG_REFRESH: &str = "org-refresh-Wn2PdZ7qLc4HtV9s";
const ORG_NEW_REFRESH: &str = "org-new-refresh-Kq9XzT4wBn6MdS2c";
const CODE: &str = "auth-code-Ns5DfG8hJk1LzXc4Tq";
const REDIRECT_URI: &str = "https://app.example/cronofy/callback";
const MEMBER_SUB: &str = "acc_1";

const SECRETS: [&str; 10] = [
    CLIENT_SECRET,
    OLD_ACCESS,
    NEW_ACCESS,
    OLD_REFRESH,
    NEW_REFRESH,
    ORG_OLD_ACCESS,
    ORG_NEW_ACCESS,
    ORG_REFRESH,
    ORG_NEW_REFRESH,
    CODE,
];

const CALENDARS_BODY: &str = r#"{"calendars":[{"provider_name":"google","profile_id":"pro_1","profile_name":"a@example.com","calendar_id":"cal_1","calendar_name":"Work"}]}"#;
const MEMBERS_BODY: &str =
    r#"{"organizational_unit_members":[{"sub":"acc_1","email":"a@example.com"}]}"#;
const UNAUTHORIZED_BODY: &str = r#"{"error":"invalid_token"}"#;

/// When [`drive`] gives up on a call: real time, a watchdog only (nothing is timed by it).
const WATCHDOG: std::time::Duration = std::time::Duration::from_secs(60);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn client(server: &ServerGuard) -> Client {
    Client::builder().base_url(server.url()).build().unwrap()
}

/// A client for the timed tests: a timeout far beyond any time they advance, so that only the
/// behaviour under test (not the per-request timeout) can react to the clock.
fn patient_client(server: &ServerGuard) -> Client {
    Client::builder()
        .base_url(server.url())
        .timeout(Duration::from_secs(24 * 3600))
        .build()
        .unwrap()
}

fn app() -> AppCredentials {
    AppCredentials::new(CLIENT_ID, CLIENT_SECRET)
}

fn bearer(token: &str) -> Matcher {
    Matcher::Exact(format!("Bearer {token}"))
}

/// The token set of a user whose access token has expired.
fn expired_tokens() -> TokenSet {
    TokenSet::new(OLD_ACCESS, Some(OLD_REFRESH.to_owned()))
        .with_expires_at(SystemTime::now() - Duration::from_secs(60))
}

fn token_body(access: &str, refresh: Option<&str>, expires_in: u64) -> String {
    let mut body = json!({
        "token_type": "bearer",
        "access_token": access,
        "expires_in": expires_in,
        "scope": "read_events create_event list_calendars",
    });
    if let Some(refresh) = refresh {
        body["refresh_token"] = json!(refresh);
    }
    body.to_string()
}

/// The exact JSON of a refresh with `refresh_token`.
fn refresh_grant(refresh_token: &str) -> Matcher {
    Matcher::Json(json!({
        "grant_type": "refresh_token",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "refresh_token": refresh_token,
    }))
}

/// `POST /oauth/token` for a refresh with `refresh_token`, answering `body` with `status`.
async fn token_mock(
    server: &mut ServerGuard,
    refresh_token: &str,
    status: usize,
    body: &str,
    hits: usize,
) -> Mock {
    server
        .mock("POST", "/oauth/token")
        .match_header("content-type", "application/json")
        .match_body(refresh_grant(refresh_token))
        .with_status(status)
        .with_header("content-type", "application/json")
        .with_body(body)
        .expect(hits)
        .create_async()
        .await
}

/// `GET /v1/calendars` with `token` as bearer, answering `status`.
async fn calendars_mock(server: &mut ServerGuard, token: &str, status: usize, hits: usize) -> Mock {
    server
        .mock("GET", "/v1/calendars")
        .match_header("authorization", bearer(token))
        .with_status(status)
        .with_header("content-type", "application/json")
        .with_body(if status == 200 {
            CALENDARS_BODY
        } else {
            UNAUTHORIZED_BODY
        })
        .expect(hits)
        .create_async()
        .await
}

/// Fails if any secret shows in `text`.
fn assert_no_secret_in(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "a secret leaked into: {text}");
    }
}

/// Fails if any secret shows in `value`'s `Debug` or pretty `Debug`.
fn assert_debug_has_no_secret(value: &impl fmt::Debug) {
    assert_no_secret_in(&format!("{value:?}"));
    assert_no_secret_in(&format!("{value:#?}"));
}

/// Checks an error's `Display`, `Debug` and whole `source` chain for secrets, and hands it
/// back: every error of this file goes through here.
fn checked(error: Error) -> Error {
    assert_no_secret_in(&error.to_string());
    assert_debug_has_no_secret(&error);
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        assert_no_secret_in(&cause.to_string());
        assert_no_secret_in(&format!("{cause:?}"));
        source = cause.source();
    }
    error
}

/// The error of `result`, checked for secrets.
fn error_of<T: fmt::Debug>(result: Result<T, Error>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error) => checked(error),
    }
}

/// While alive, tokio's paused clock does not auto-advance (a blocking task inhibits it):
/// waiting on a socket then cannot fire the request's timeout. Time moves only by
/// `tokio::time::advance`.
struct ClockHold {
    _release: std::sync::mpsc::Sender<()>,
}

fn hold_clock() -> ClockHold {
    let (release, released) = std::sync::mpsc::channel::<()>();
    drop(tokio::task::spawn_blocking(move || {
        // Returns once the sender is dropped with the hold.
        let _ = released.recv();
    }));
    ClockHold { _release: release }
}

/// Runs `task` to completion on a held paused clock, advancing it by `step` whenever the test
/// gets a turn (`Duration::ZERO`: never). Panics (real-time watchdog) if it does not finish.
async fn drive<T>(task: tokio::task::JoinHandle<T>, step: Duration) -> T {
    let watchdog = std::time::Instant::now();
    while !task.is_finished() {
        assert!(
            watchdog.elapsed() < WATCHDOG,
            "the call did not finish: it waits for a timer the test does not advance to"
        );
        if step.is_zero() {
            tokio::task::yield_now().await;
        } else {
            tokio::time::advance(step).await;
        }
    }
    task.await.expect("the call panicked")
}

/// The test runtime's (paused) clock, readable from mockito's server thread.
#[derive(Clone)]
struct TestClock(tokio::runtime::Handle);

impl TestClock {
    fn current() -> Self {
        TestClock(tokio::runtime::Handle::current())
    }

    fn now(&self) -> tokio::time::Instant {
        let _runtime = self.0.enter();
        tokio::time::Instant::now()
    }
}

/// An ordered log shared by a store and mock responders.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, entry: impl Into<String>) {
        self.0.lock().unwrap().push(entry.into());
    }

    fn entries(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// The usual start: a credential restored from a store that holds its tokens (so the counts
/// of saves below are the refreshes' only).
async fn restored<S: TokenStore>(store: S) -> RefreshingUserToken<S> {
    RefreshingUserToken::from_store(&app(), store)
        .await
        .expect("the store holds tokens")
}

// ---------------------------------------------------------------------------------------------
// 1. Single flight
// ---------------------------------------------------------------------------------------------

// Proves single flight: 1,000 concurrent callers with an expired token -> exactly one token request.
#[tokio::test]
async fn a_thousand_concurrent_callers_with_an_expired_token_cause_one_token_request() {
    const CALLERS: usize = 1000;
    let mut server = Server::new_async().await;
    // join_all on this one thread polls every call once before any response is read, so every
    // caller sends the old token first: the counts are exact.
    let rejected = calendars_mock(&mut server, OLD_ACCESS, 401, CALLERS).await;
    let accepted = calendars_mock(&mut server, NEW_ACCESS, 200, CALLERS).await;
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;
    let client = client(&server);
    let user = restored(MemoryTokenStore::holding(expired_tokens())).await;

    let started = std::time::Instant::now();
    let results = futures::future::join_all((0..CALLERS).map(|_| {
        let (client, user) = (client.clone(), user.clone());
        async move { cronofy::calendars::list_calendars(&client, &user).await }
    }))
    .await;
    let wall = started.elapsed();
    println!(
        "1,000 concurrent callers (join_all, one thread): {wall:?} wall time, token requests: 1 (mock expect(1) asserted below)"
    );

    for result in results {
        assert_eq!(result.unwrap().calendars[0].calendar_id, "cal_1");
    }
    token.assert_async().await;
    rejected.assert_async().await;
    accepted.assert_async().await;
    assert_eq!(user.store().saves(), 1);
    assert_eq!(user.tokens().access_token(), NEW_ACCESS);
    assert_eq!(user.tokens().refresh_token(), Some(NEW_REFRESH));
}

// Proves single flight across worker threads: 1,000 spawned callers -> one token request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_spawned_callers_on_worker_threads_cause_one_token_request() {
    const CALLERS: usize = 1000;
    let mut server = Server::new_async().await;
    // How many callers raced the refresh with the old token depends on scheduling: 1..=1000.
    let rejected = server
        .mock("GET", "/v1/calendars")
        .match_header("authorization", bearer(OLD_ACCESS))
        .with_status(401)
        .with_body(UNAUTHORIZED_BODY)
        .expect_at_least(1)
        .expect_at_most(CALLERS)
        .create_async()
        .await;
    let accepted = calendars_mock(&mut server, NEW_ACCESS, 200, CALLERS).await;
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;
    let client = client(&server);
    let user = restored(MemoryTokenStore::holding(expired_tokens())).await;

    let started = std::time::Instant::now();
    let tasks: Vec<_> = (0..CALLERS)
        .map(|_| {
            let (client, user) = (client.clone(), user.clone());
            tokio::spawn(async move { cronofy::calendars::list_calendars(&client, &user).await })
        })
        .collect();
    let results = futures::future::join_all(tasks).await;
    let wall = started.elapsed();
    println!(
        "1,000 concurrent callers (tokio::spawn, 2 worker threads): {wall:?} wall time, token requests: 1 (mock expect(1) asserted below)"
    );

    for result in results {
        assert_eq!(result.unwrap().unwrap().calendars.len(), 1);
    }
    token.assert_async().await;
    rejected.assert_async().await;
    accepted.assert_async().await;
    assert_eq!(user.store().saves(), 1);
}

// ---------------------------------------------------------------------------------------------
// 2-4. Rotation and the token store
// ---------------------------------------------------------------------------------------------

/// A store that logs each save and what the server had seen of the new token by then.
#[derive(Clone)]
struct RecordingStore {
    memory: MemoryTokenStore,
    log: Log,
    saved_refresh_tokens: Arc<Mutex<Vec<Option<String>>>>,
    saved: Arc<AtomicBool>,
    new_bearer_requests: Arc<AtomicUsize>,
}

impl TokenStore for RecordingStore {
    delegate_store!(memory => load, acquire_lease, renew_lease, release_lease);

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        self.log.push(format!(
            "store: saved (new bearer requests so far: {})",
            self.new_bearer_requests.load(Ordering::SeqCst)
        ));
        self.saved_refresh_tokens
            .lock()
            .unwrap()
            .push(tokens.refresh_token().map(str::to_owned));
        self.saved.store(true, Ordering::SeqCst);
        self.memory.save(tokens, condition).await
    }
}

// Proves rotation order: the store holds the new refresh token before the retry reaches the server.
#[tokio::test]
async fn the_store_saves_the_rotated_tokens_before_the_retried_request_is_sent() {
    let mut server = Server::new_async().await;
    let log = Log::default();
    let saved = Arc::new(AtomicBool::new(false));
    let new_bearer_requests = Arc::new(AtomicUsize::new(0));

    let rejected = {
        let log = log.clone();
        server
            .mock("GET", "/v1/calendars")
            .match_header("authorization", bearer(OLD_ACCESS))
            .with_status(401)
            .with_body_from_request(move |_| {
                log.push("api: old bearer rejected");
                UNAUTHORIZED_BODY.into()
            })
            .expect(1)
            .create_async()
            .await
    };
    let retried = {
        let (log, saved, new_bearer_requests) =
            (log.clone(), saved.clone(), new_bearer_requests.clone());
        server
            .mock("GET", "/v1/calendars")
            .match_header("authorization", bearer(NEW_ACCESS))
            .with_body_from_request(move |_| {
                new_bearer_requests.fetch_add(1, Ordering::SeqCst);
                log.push(format!(
                    "api: new bearer served (saved already: {})",
                    saved.load(Ordering::SeqCst)
                ));
                CALENDARS_BODY.into()
            })
            .expect(1)
            .create_async()
            .await
    };
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;

    let store = RecordingStore {
        memory: MemoryTokenStore::holding(expired_tokens()),
        log: log.clone(),
        saved_refresh_tokens: Arc::default(),
        saved,
        new_bearer_requests,
    };
    let client = client(&server);
    let user = restored(store.clone()).await;

    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();

    rejected.assert_async().await;
    retried.assert_async().await;
    token.assert_async().await;
    assert_eq!(
        log.entries(),
        [
            "api: old bearer rejected",
            "store: saved (new bearer requests so far: 0)",
            "api: new bearer served (saved already: true)",
        ]
    );
    assert_eq!(
        *store.saved_refresh_tokens.lock().unwrap(),
        [Some(NEW_REFRESH.to_owned())]
    );
    assert_eq!(user.tokens().refresh_token(), Some(NEW_REFRESH));
}

/// A store whose first save waits until released, so a test can act while it is in progress.
#[derive(Clone, Default)]
struct SlowStore {
    memory: MemoryTokenStore,
    first_save_started: Arc<tokio::sync::Notify>,
    release_first_save: Arc<tokio::sync::Notify>,
    saves: Arc<Mutex<Vec<Option<String>>>>,
    started: Arc<AtomicBool>,
}

impl TokenStore for SlowStore {
    delegate_store!(memory => load, acquire_lease, renew_lease, release_lease);

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        if !self.started.swap(true, Ordering::SeqCst) {
            self.first_save_started.notify_one();
            self.release_first_save.notified().await;
        }
        self.saves
            .lock()
            .unwrap()
            .push(tokens.refresh_token().map(str::to_owned));
        self.memory.save(tokens, condition).await
    }
}

/// `GET /v1/calendars` with `token` as bearer, answering `status`, counting its requests.
async fn counted_calendars_mock(
    server: &mut ServerGuard,
    token: &str,
    status: usize,
    hits: usize,
) -> (Mock, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    let mock = server
        .mock("GET", "/v1/calendars")
        .match_header("authorization", bearer(token))
        .with_status(status)
        .with_body_from_request(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            if status == 200 {
                CALENDARS_BODY.into()
            } else {
                UNAUTHORIZED_BODY.into()
            }
        })
        .expect(hits)
        .create_async()
        .await;
    (mock, count)
}

/// Yields until `done` holds; panics (real-time watchdog) if it never does.
async fn until(mut done: impl FnMut() -> bool) {
    let watchdog = std::time::Instant::now();
    while !done() {
        assert!(
            watchdog.elapsed() < WATCHDOG,
            "the awaited state never came"
        );
        tokio::task::yield_now().await;
    }
}

// Proves no caller sends the new access token while its save is still in progress.
#[tokio::test]
async fn no_caller_uses_the_new_access_token_before_the_save_returns() {
    let mut server = Server::new_async().await;
    let (old, old_count) = counted_calendars_mock(&mut server, OLD_ACCESS, 401, 2).await;
    let (new, new_count) = counted_calendars_mock(&mut server, NEW_ACCESS, 200, 2).await;
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;
    let store = SlowStore {
        memory: MemoryTokenStore::holding(expired_tokens()),
        ..SlowStore::default()
    };
    let client = client(&server);
    let user = restored(store.clone()).await;
    let call = || {
        let (client, user) = (client.clone(), user.clone());
        tokio::spawn(async move { cronofy::calendars::list_calendars(&client, &user).await })
    };

    let refreshing = call();
    store.first_save_started.notified().await;
    // A second caller while the save is pending: it may only send the old token.
    let concurrent = call();
    until(|| old_count.load(Ordering::SeqCst) == 2 || new_count.load(Ordering::SeqCst) > 0).await;
    assert_eq!(
        new_count.load(Ordering::SeqCst),
        0,
        "the new access token was sent before the store saved it"
    );
    store.release_first_save.notify_one();

    refreshing.await.unwrap().unwrap();
    concurrent.await.unwrap().unwrap();
    token.assert_async().await;
    old.assert_async().await;
    new.assert_async().await;
    assert_eq!(*store.saves.lock().unwrap(), [Some(NEW_REFRESH.to_owned())]);
}

/// What a store was given: the access token and the refresh token.
type SavedSet = (String, Option<String>);

/// A store whose saves fail until it is `repaired`; it records every set it is given.
#[derive(Clone, Default)]
struct FlakyStore {
    memory: MemoryTokenStore,
    attempts: Arc<Mutex<Vec<SavedSet>>>,
    repaired: Arc<AtomicBool>,
}

impl TokenStore for FlakyStore {
    delegate_store!(memory => load, acquire_lease, renew_lease, release_lease);

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        self.attempts.lock().unwrap().push((
            tokens.access_token().to_owned(),
            tokens.refresh_token().map(str::to_owned),
        ));
        if self.repaired.load(Ordering::SeqCst) {
            self.memory.save(tokens, condition).await
        } else {
            Err(TokenStoreError::new("the database is unavailable"))
        }
    }
}

// Proves a failing store loses nothing: old set kept, new token unused, kept set saved later without a new token request.
#[tokio::test]
async fn a_failing_store_keeps_the_old_tokens_and_the_kept_set_is_saved_once_it_is_back() {
    let mut server = Server::new_async().await;
    // The first call sends the token in use, and after the failed save still has only it.
    let rejected = calendars_mock(&mut server, OLD_ACCESS, 401, 1).await;
    let unused_new = calendars_mock(&mut server, NEW_ACCESS, 200, 0).await;
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;
    let store = FlakyStore {
        memory: MemoryTokenStore::holding(expired_tokens()),
        ..FlakyStore::default()
    };
    let client = client(&server);
    // A short lease: the failed save is retried only while the lease lasts.
    let user = RefreshingUserToken::builder(&app(), store.clone())
        .lease_duration(Duration::from_millis(1500))
        .from_store()
        .await
        .unwrap();

    // The first call: refreshed, but the save fails, and keeps failing while retried.
    let error = error_of(cronofy::calendars::list_calendars(&client, &user).await);
    assert!(matches!(error, Error::TokenStore(_)), "{error:?}");
    assert!(error.to_string().contains("the database is unavailable"));
    let in_use = user.tokens();
    assert_eq!(in_use.access_token(), OLD_ACCESS);
    assert_eq!(in_use.refresh_token(), Some(OLD_REFRESH));
    unused_new.assert_async().await;
    unused_new.remove_async().await;

    let failed_attempts = store.attempts.lock().unwrap().len();
    assert!(
        failed_attempts >= 2,
        "the save was retried: {failed_attempts} attempts"
    );

    // The store is back: the kept set is saved in the background, without waiting for a
    // call, and is then the one in use; no second token request.
    store.repaired.store(true, Ordering::SeqCst);
    let saved_by = tokio::time::Instant::now() + Duration::from_secs(10);
    while user.tokens().access_token() != NEW_ACCESS {
        assert!(tokio::time::Instant::now() < saved_by, "never saved");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        !store.memory.is_leased(),
        "the kept lease is released once saved"
    );
    let accepted = calendars_mock(&mut server, NEW_ACCESS, 200, 1).await;
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();

    token.assert_async().await;
    rejected.assert_async().await;
    accepted.assert_async().await;
    let new_set = (NEW_ACCESS.to_owned(), Some(NEW_REFRESH.to_owned()));
    let attempts = store.attempts.lock().unwrap().clone();
    assert_eq!(attempts.len(), failed_attempts + 1);
    assert!(
        attempts.iter().all(|attempt| *attempt == new_set),
        "the same refreshed set, saved again: {attempts:?}"
    );
    assert_eq!(user.tokens().access_token(), NEW_ACCESS);
    assert_eq!(user.tokens().refresh_token(), Some(NEW_REFRESH));
}

// Proves a token response without refresh_token keeps (and stores, and reuses) the old refresh token.
#[tokio::test]
async fn a_response_without_a_refresh_token_keeps_the_old_one() {
    let mut server = Server::new_async().await;
    let rejected = calendars_mock(&mut server, OLD_ACCESS, 401, 1).await;
    let accepted = calendars_mock(&mut server, NEW_ACCESS, 200, 1).await;
    // Both refreshes (the 401's and the explicit one) must send the original refresh token.
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, None, 3600),
        2,
    )
    .await;
    let client = client(&server);
    let user = restored(MemoryTokenStore::holding(expired_tokens())).await;

    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    assert_eq!(user.tokens().access_token(), NEW_ACCESS);
    assert_eq!(user.tokens().refresh_token(), Some(OLD_REFRESH));
    let saved = user.store().latest().expect("a token set was saved");
    assert_eq!(saved.access_token(), NEW_ACCESS);
    assert_eq!(saved.refresh_token(), Some(OLD_REFRESH));

    user.refresh(&client).await.unwrap();
    assert_eq!(user.tokens().refresh_token(), Some(OLD_REFRESH));

    token.assert_async().await;
    rejected.assert_async().await;
    accepted.assert_async().await;
    assert_eq!(user.store().saves(), 2);
}

// Proves a refreshing credential lent from an `Arc<dyn UserAuth>`, a `Box` or a `&&` still
// refreshes after a 401 and retries: the pointers forward every method of `Credential`.
#[tokio::test]
async fn a_refreshing_credential_behind_a_pointer_refreshes_after_a_401() {
    use std::sync::Arc;

    use cronofy::auth::UserAuth;

    for pointer in ["Arc<dyn UserAuth>", "Box", "&&"] {
        let mut server = Server::new_async().await;
        let rejected = calendars_mock(&mut server, OLD_ACCESS, 401, 1).await;
        let accepted = calendars_mock(&mut server, NEW_ACCESS, 200, 1).await;
        let token = token_mock(
            &mut server,
            OLD_REFRESH,
            200,
            &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
            1,
        )
        .await;
        let client = client(&server);
        let user = restored(MemoryTokenStore::holding(expired_tokens())).await;
        let result = match pointer {
            "Arc<dyn UserAuth>" => {
                let shared: Arc<dyn UserAuth> = Arc::new(user.clone());
                cronofy::calendars::list_calendars(&client, &shared).await
            }
            "Box" => {
                let boxed = Box::new(user.clone());
                cronofy::calendars::list_calendars(&client, &boxed).await
            }
            _ => {
                let lent = &user;
                cronofy::calendars::list_calendars(&client, &lent).await
            }
        };
        result.unwrap_or_else(|error| panic!("{pointer}: {error:?}"));
        assert_eq!(user.tokens().access_token(), NEW_ACCESS, "{pointer}");
        assert_eq!(user.store().saves(), 1, "{pointer}");
        rejected.assert_async().await;
        accepted.assert_async().await;
        token.assert_async().await;
    }
}

// ---------------------------------------------------------------------------------------------
// 5-6. 401 after a refresh; invalid_grant; invalid_client
// ---------------------------------------------------------------------------------------------

// Proves a 401 after the refresh is returned: one token request, two API attempts, no loop.
#[tokio::test]
async fn a_second_401_after_the_refresh_is_unauthorized_after_exactly_two_attempts() {
    let mut server = Server::new_async().await;
    let first = calendars_mock(&mut server, OLD_ACCESS, 401, 1).await;
    let second = calendars_mock(&mut server, NEW_ACCESS, 401, 1).await;
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;
    let client = client(&server);
    let user = restored(MemoryTokenStore::holding(expired_tokens())).await;

    let error = error_of(cronofy::calendars::list_calendars(&client, &user).await);

    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
    first.assert_async().await;
    second.assert_async().await;
    token.assert_async().await;
}

// Proves invalid_grant is ReauthorizationRequired, tells the store, and is final (no second token request).
#[tokio::test]
async fn invalid_grant_requires_reauthorization_and_is_not_asked_again() {
    let mut server = Server::new_async().await;
    let rejected = calendars_mock(&mut server, OLD_ACCESS, 401, 2).await;
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        400,
        r#"{"error":"invalid_grant","error_description":"The refresh token has been revoked"}"#,
        1,
    )
    .await;
    let client = client(&server);
    let user = restored(MemoryTokenStore::holding(expired_tokens())).await;

    for _ in 0..2 {
        let error = error_of(cronofy::calendars::list_calendars(&client, &user).await);
        match error {
            Error::ReauthorizationRequired { description } => {
                assert!(description.contains("revoked"), "{description}");
            }
            other => panic!("expected ReauthorizationRequired, got {other:?}"),
        }
        assert!(user.store().reauthorization_was_required());
    }
    let error = error_of(user.refresh(&client).await);
    assert!(
        matches!(error, Error::ReauthorizationRequired { .. }),
        "{error:?}"
    );

    token.assert_async().await;
    rejected.assert_async().await;
    assert_eq!(user.store().saves(), 0);
    assert_eq!(user.tokens().access_token(), OLD_ACCESS);
}

// Proves invalid_client (as 400 or 401) is InvalidClient, not a re-authorization.
#[tokio::test]
async fn invalid_client_is_its_own_error() {
    for status in [400, 401] {
        let mut server = Server::new_async().await;
        let rejected = calendars_mock(&mut server, OLD_ACCESS, 401, 1).await;
        let token = token_mock(
            &mut server,
            OLD_REFRESH,
            status,
            r#"{"error":"invalid_client"}"#,
            1,
        )
        .await;
        let client = client(&server);
        let user = restored(MemoryTokenStore::holding(expired_tokens())).await;

        let error = error_of(cronofy::calendars::list_calendars(&client, &user).await);

        assert!(matches!(error, Error::InvalidClient), "{status}: {error:?}");
        assert!(!user.store().reauthorization_was_required());
        token.assert_async().await;
        rejected.assert_async().await;
    }
}

// Proves a used code (invalid_grant) is ReauthorizationRequired, and an echoed code or secret is scrubbed.
#[tokio::test]
async fn a_used_code_requires_reauthorization_without_echoing_the_code() {
    let mut server = Server::new_async().await;
    let exchange = server
        .mock("POST", "/oauth/token")
        .with_status(400)
        .with_body(
            json!({
                "error": "invalid_grant",
                "error_description": format!("code {CODE} was already used by client {CLIENT_SECRET}"),
            })
            .to_string(),
        )
        .expect(1)
        .create_async()
        .await;

    let grant = ExchangeCode::without_state_check(AuthorizationCode::new(CODE), REDIRECT_URI);
    let error = error_of(exchange_code(&client(&server), &app(), &grant).await);

    assert!(
        matches!(error, Error::ReauthorizationRequired { ref description } if description.contains("already used")),
        "{error:?}"
    );
    exchange.assert_async().await;
}

// ---------------------------------------------------------------------------------------------
// 8. Refresh ahead of expiry (paused clock)
// ---------------------------------------------------------------------------------------------

/// Mocks a code exchange answering a token set that expires in an hour, and returns the set.
async fn exchanged_tokens(server: &mut ServerGuard, client: &Client) -> TokenSet {
    let exchange = server
        .mock("POST", "/oauth/token")
        .match_body(Matcher::PartialJson(
            json!({"grant_type": "authorization_code"}),
        ))
        .with_body(token_body(OLD_ACCESS, Some(OLD_REFRESH), 3600))
        .expect(1)
        .create_async()
        .await;
    let tokens = exchange_code(
        client,
        &app(),
        &ExchangeCode::without_state_check(AuthorizationCode::new(CODE), REDIRECT_URI),
    )
    .await
    .unwrap();
    exchange.assert_async().await;
    tokens
}

// Proves refresh-ahead follows tokio's clock: at 3550 s of 3600 (margin 60 s) the next call refreshes first.
#[tokio::test(start_paused = true)]
async fn refresh_ahead_of_expiry_refreshes_before_the_call_once_within_the_margin() {
    let _hold = hold_clock();
    let mut server = Server::new_async().await;
    let client = patient_client(&server);
    let tokens = exchanged_tokens(&mut server, &client).await;
    let old = calendars_mock(&mut server, OLD_ACCESS, 200, 2).await;
    let new = calendars_mock(&mut server, NEW_ACCESS, 200, 1).await;
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;
    let user = RefreshingUserToken::builder(&app(), MemoryTokenStore::holding(tokens))
        .refresh_ahead_of_expiry(Duration::from_secs(60))
        .from_store()
        .await
        .unwrap();

    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    tokio::time::advance(Duration::from_secs(3500)).await;
    // 100 s left: outside the margin, the old token is still used.
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    assert_eq!(user.store().saves(), 0);

    tokio::time::advance(Duration::from_secs(50)).await;
    // 50 s left: inside the margin; refreshed first, and only the new token reaches the API.
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();

    token.assert_async().await;
    old.assert_async().await;
    new.assert_async().await;
    assert_eq!(user.store().saves(), 1);
    assert_eq!(user.tokens().access_token(), NEW_ACCESS);
}

/// A store that fails every operation while `down`.
#[derive(Clone, Default)]
struct DownStore {
    memory: MemoryTokenStore,
    down: Arc<AtomicBool>,
}

impl DownStore {
    fn reachable(&self) -> Result<(), TokenStoreError> {
        if self.down.load(Ordering::SeqCst) {
            Err(TokenStoreError::new("the database is unavailable"))
        } else {
            Ok(())
        }
    }
}

impl TokenStore for DownStore {
    async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
        self.reachable()?;
        self.memory.load().await
    }

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        self.reachable()?;
        self.memory.save(tokens, condition).await
    }

    async fn acquire_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        self.reachable()?;
        self.memory.acquire_lease(lease, duration).await
    }

    async fn renew_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        self.reachable()?;
        self.memory.renew_lease(lease, duration).await
    }

    async fn release_lease(&self, lease: &Lease) -> Result<(), TokenStoreError> {
        self.reachable()?;
        self.memory.release_lease(lease).await
    }
}

// Proves a refresh ahead of expiry that fails because the store is down does not fail the
// call: the token in use is still valid for the rest of the margin, and is used; the refresh
// happens once the store is back.
#[tokio::test(start_paused = true)]
async fn refresh_ahead_with_the_store_down_keeps_using_the_valid_token() {
    let _hold = hold_clock();
    let mut server = Server::new_async().await;
    let client = patient_client(&server);
    let tokens = exchanged_tokens(&mut server, &client).await;
    let old = calendars_mock(&mut server, OLD_ACCESS, 200, 2).await;
    let new = calendars_mock(&mut server, NEW_ACCESS, 200, 1).await;
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;
    let store = DownStore {
        memory: MemoryTokenStore::holding(tokens),
        ..DownStore::default()
    };
    let user = RefreshingUserToken::builder(&app(), store.clone())
        .refresh_ahead_of_expiry(Duration::from_secs(60))
        .from_store()
        .await
        .unwrap();

    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    tokio::time::advance(Duration::from_secs(3550)).await;
    store.down.store(true, Ordering::SeqCst);
    // Inside the margin, the store down: the refresh cannot start, the valid token serves.
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .expect("the still-valid token is used");
    assert_eq!(user.tokens().access_token(), OLD_ACCESS);

    store.down.store(false, Ordering::SeqCst);
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    token.assert_async().await;
    old.assert_async().await;
    new.assert_async().await;
    assert_eq!(user.tokens().access_token(), NEW_ACCESS);
}

// Proves refresh-ahead is off by default: no token request until a 401, even past expiry.
#[tokio::test(start_paused = true)]
async fn without_refresh_ahead_nothing_is_refreshed_until_a_401() {
    let _hold = hold_clock();
    let mut server = Server::new_async().await;
    let client = patient_client(&server);
    let tokens = exchanged_tokens(&mut server, &client).await;
    // Accepted twice, then (the token having expired) rejected.
    let old_accepted = calendars_mock(&mut server, OLD_ACCESS, 200, 2).await;
    let old_rejected = calendars_mock(&mut server, OLD_ACCESS, 401, 1).await;
    let new = calendars_mock(&mut server, NEW_ACCESS, 200, 1).await;
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;
    let user = restored(MemoryTokenStore::holding(tokens)).await;

    tokio::time::advance(Duration::from_secs(3550)).await;
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    tokio::time::advance(Duration::from_secs(150)).await;
    // Past expiry on the clock, but only the server's 401 triggers the refresh.
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    assert!(!token.matched_async().await, "refreshed without a 401");
    assert_eq!(user.store().saves(), 0);

    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();

    token.assert_async().await;
    old_accepted.assert_async().await;
    old_rejected.assert_async().await;
    new.assert_async().await;
    assert_eq!(user.store().saves(), 1);
}

// ---------------------------------------------------------------------------------------------
// 9. Organization tokens
// ---------------------------------------------------------------------------------------------

// Proves an impersonating org token refreshes on 401 and retries with Cronofy-Impersonate, and the org itself uses the new token.
#[tokio::test]
async fn an_impersonating_org_token_refreshes_and_retries_with_the_impersonate_header() {
    let mut server = Server::new_async().await;
    let mut mock_as_member = |token: &str, status: usize| {
        server
            .mock("GET", "/v1/calendars")
            .match_header("authorization", bearer(token))
            .match_header("cronofy-impersonate", MEMBER_SUB)
            .with_status(status)
            .with_body(if status == 200 {
                CALENDARS_BODY
            } else {
                UNAUTHORIZED_BODY
            })
            .expect(1)
    };
    let rejected = mock_as_member(ORG_OLD_ACCESS, 401).create_async().await;
    let accepted = mock_as_member(ORG_NEW_ACCESS, 200).create_async().await;
    let without_header = server
        .mock("GET", "/v1/calendars")
        .match_header("cronofy-impersonate", Matcher::Missing)
        .expect(0)
        .create_async()
        .await;
    let members = server
        .mock("GET", "/v1/organizational_unit_members")
        .match_header("authorization", bearer(ORG_NEW_ACCESS))
        .match_header("cronofy-impersonate", Matcher::Missing)
        .with_body(MEMBERS_BODY)
        .expect(1)
        .create_async()
        .await;
    let token = token_mock(
        &mut server,
        ORG_REFRESH,
        200,
        &token_body(ORG_NEW_ACCESS, Some(ORG_NEW_REFRESH), 3600),
        1,
    )
    .await;
    let client = client(&server);
    let org = RefreshingOrgToken::from_store(
        &app(),
        MemoryTokenStore::holding(TokenSet::new(ORG_OLD_ACCESS, Some(ORG_REFRESH.to_owned()))),
    )
    .await
    .unwrap();

    let calendars = cronofy::calendars::list_calendars(&client, &org.impersonate(MEMBER_SUB))
        .await
        .unwrap();
    assert_eq!(calendars.calendars[0].calendar_id, "cal_1");
    let listed = cronofy::organizations::list_organizational_unit_members(&client, &org)
        .await
        .unwrap();
    assert_eq!(listed.items[0].sub, MEMBER_SUB);

    token.assert_async().await;
    rejected.assert_async().await;
    accepted.assert_async().await;
    without_header.assert_async().await;
    members.assert_async().await;
    assert_eq!(org.tokens().refresh_token(), Some(ORG_NEW_REFRESH));
    assert_eq!(org.store().saves(), 1);
    assert_debug_has_no_secret(&org);
    assert_debug_has_no_secret(&org.impersonate(MEMBER_SUB));
}

// ---------------------------------------------------------------------------------------------
// 10. Retry policy (paused clock)
// ---------------------------------------------------------------------------------------------

/// `GET /v1/calendars` answering `status` (with `headers`) and logging the paused-clock time
/// of each request it receives.
async fn timed_calendars_mock(
    server: &mut ServerGuard,
    status: usize,
    headers: &[(&str, &str)],
    hits: usize,
    arrivals: &Arc<Mutex<Vec<tokio::time::Instant>>>,
) -> Mock {
    let (clock, arrivals) = (TestClock::current(), Arc::clone(arrivals));
    let mut mock = server
        .mock("GET", "/v1/calendars")
        .with_status(status)
        .with_body_from_request(move |_| {
            arrivals.lock().unwrap().push(clock.now());
            if status == 200 {
                CALENDARS_BODY.into()
            } else {
                br#"{"error":"try later"}"#.to_vec()
            }
        })
        .expect(hits);
    for (name, value) in headers {
        mock = mock.with_header(*name, value);
    }
    mock.create_async().await
}

async fn user_token() -> RefreshingUserToken {
    restored(MemoryTokenStore::holding(TokenSet::new(
        OLD_ACCESS,
        Some(OLD_REFRESH.to_owned()),
    )))
    .await
}

// Proves a GET answered 429 with Retry-After: 2 is retried, and not before 2 s on tokio's clock.
#[tokio::test(start_paused = true)]
async fn a_429_with_retry_after_is_retried_after_the_asked_delay() {
    let _hold = hold_clock();
    let mut server = Server::new_async().await;
    let arrivals = Arc::default();
    let limited =
        timed_calendars_mock(&mut server, 429, &[("retry-after", "2")], 1, &arrivals).await;
    let accepted = timed_calendars_mock(&mut server, 200, &[], 1, &arrivals).await;
    let client = patient_client(&server);
    let user = user_token().await;

    let started = tokio::time::Instant::now();
    let call =
        tokio::spawn(async move { cronofy::calendars::list_calendars(&client, &user).await });
    let result = drive(call, Duration::from_millis(1)).await;

    assert_eq!(result.unwrap().calendars.len(), 1);
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 2);
    assert!(
        arrivals[1] - arrivals[0] >= Duration::from_secs(2),
        "retried {:?} after the 429",
        arrivals[1] - arrivals[0]
    );
    limited.assert_async().await;
    accepted.assert_async().await;
}

// Proves 503 is retried with growing backoff (250 ms then 500 ms, jittered to at least half): 3 attempts.
#[tokio::test(start_paused = true)]
async fn a_503_twice_then_200_succeeds_after_three_attempts_with_backoff() {
    let _hold = hold_clock();
    let mut server = Server::new_async().await;
    let arrivals = Arc::default();
    let unavailable = timed_calendars_mock(&mut server, 503, &[], 2, &arrivals).await;
    let accepted = timed_calendars_mock(&mut server, 200, &[], 1, &arrivals).await;
    let client = patient_client(&server);
    let user = user_token().await;

    let call =
        tokio::spawn(async move { cronofy::calendars::list_calendars(&client, &user).await });
    let result = drive(call, Duration::from_millis(1)).await;

    assert_eq!(result.unwrap().calendars.len(), 1);
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 3);
    assert!(arrivals[1] - arrivals[0] >= Duration::from_millis(125));
    assert!(arrivals[2] - arrivals[1] >= Duration::from_millis(250));
    unavailable.assert_async().await;
    accepted.assert_async().await;
}

/// `POST path` answering `status` `hits` times, then a success, on a patient client.
async fn post_mock(server: &mut ServerGuard, path: &str, status: usize, hits: usize) -> Mock {
    server
        .mock("POST", path)
        .with_status(status)
        .with_body("upstream unavailable")
        .expect(hits)
        .create_async()
        .await
}

fn booking() -> UpsertEvent {
    let at = |text| UtcTime::parse(text).unwrap();
    UpsertEvent::new(
        "booking-42",
        "Intro call",
        at("2026-11-23T09:00:00Z"),
        at("2026-11-23T09:30:00Z"),
    )
}

// Proves a POST that is not idempotent (create_calendar) answered 503 is not retried: one attempt.
#[tokio::test(start_paused = true)]
async fn a_post_that_may_have_been_applied_answered_503_is_not_retried() {
    let _hold = hold_clock();
    let mut server = Server::new_async().await;
    let unavailable = post_mock(&mut server, "/v1/calendars", 503, 1).await;
    let client = patient_client(&server);
    let user = user_token().await;

    let call = tokio::spawn(async move {
        let calendar = cronofy::calendars::CreateCalendar::new("pro_1", "Bookings");
        cronofy::calendars::create_calendar(&client, &user, &calendar).await
    });
    // The clock moves, so a (wrong) retry after a backoff would happen and be counted.
    let error = error_of(drive(call, Duration::from_millis(1)).await);

    assert!(
        matches!(error, Error::Server { status, .. } if status.as_u16() == 503),
        "{error:?}"
    );
    unavailable.assert_async().await;
}

// Proves an upsert keyed by the application's own id (upsert_event) answered 503 is retried.
#[tokio::test(start_paused = true)]
async fn a_keyed_upsert_answered_503_is_retried() {
    let _hold = hold_clock();
    let mut server = Server::new_async().await;
    let unavailable = post_mock(&mut server, "/v1/calendars/cal_1/events", 503, 1).await;
    let client = patient_client(&server);
    let user = user_token().await;
    const { assert!(cronofy::events::UPSERT_EVENT.idempotent) };

    let call = tokio::spawn({
        let (client, user) = (client.clone(), user.clone());
        async move { cronofy::events::upsert_event(&client, &user, "cal_1", &booking()).await }
    });
    // Once the 503 has been seen, the next attempt is answered 202.
    let accepted = server
        .mock("POST", "/v1/calendars/cal_1/events")
        .with_status(202)
        .expect(1)
        .create_async()
        .await;
    drive(call, Duration::from_millis(1))
        .await
        .expect("retried after the 503");
    unavailable.assert_async().await;
    accepted.assert_async().await;
}

// Proves a 429 is retried for any request, a POST that is not idempotent included: Cronofy did not process it.
#[tokio::test(start_paused = true)]
async fn a_429_is_retried_even_for_a_post_that_is_not_idempotent() {
    let _hold = hold_clock();
    let mut server = Server::new_async().await;
    let limited = server
        .mock("POST", "/v1/calendars")
        .with_status(429)
        .with_header("retry-after", "1")
        .expect(1)
        .create_async()
        .await;
    let client = patient_client(&server);
    let user = user_token().await;
    let call = tokio::spawn({
        let (client, user) = (client.clone(), user.clone());
        async move {
            let calendar = cronofy::calendars::CreateCalendar::new("pro_1", "Bookings");
            cronofy::calendars::create_calendar(&client, &user, &calendar).await
        }
    });
    let created = server
        .mock("POST", "/v1/calendars")
        .with_body(
            r#"{"calendar":{"provider_name":"google","profile_id":"pro_1","profile_name":"a@b.c","calendar_id":"cal_2","calendar_name":"Bookings","calendar_readonly":false,"calendar_deleted":false}}"#,
        )
        .expect(1)
        .create_async()
        .await;
    let calendar = drive(call, Duration::from_millis(10))
        .await
        .expect("retried after the 429");
    assert_eq!(calendar.calendar.calendar_id, "cal_2");
    limited.assert_async().await;
    created.assert_async().await;
}

// Proves a Retry-After beyond the policy's longest wait is not waited for: RateLimited at once.
#[tokio::test(start_paused = true)]
async fn a_429_asking_for_an_hour_is_returned_at_once() {
    let _hold = hold_clock();
    let mut server = Server::new_async().await;
    let arrivals = Arc::default();
    let limited =
        timed_calendars_mock(&mut server, 429, &[("retry-after", "3600")], 1, &arrivals).await;
    let client = patient_client(&server);
    let user = user_token().await;

    let started = tokio::time::Instant::now();
    let call =
        tokio::spawn(async move { cronofy::calendars::list_calendars(&client, &user).await });
    // The clock is never advanced: the call must finish without waiting at all.
    let error = error_of(drive(call, Duration::ZERO).await);

    assert!(
        matches!(error, Error::RateLimited { retry_after: Some(after) } if after == Duration::from_secs(3600)),
        "{error:?}"
    );
    assert_eq!(started.elapsed(), Duration::ZERO);
    limited.assert_async().await;
}

// ---------------------------------------------------------------------------------------------
// 11. Paging
// ---------------------------------------------------------------------------------------------

fn event(uid: &str) -> serde_json::Value {
    json!({
        "calendar_id": "cal_1",
        "event_uid": uid,
        "summary": format!("Event {uid}"),
        "start": "2026-11-23T09:00:00Z",
        "end": "2026-11-23T09:30:00Z",
    })
}

fn events_page(current: u32, next_page: Option<String>, uids: &[&str]) -> String {
    json!({
        "pages": {"current": current, "total": 3, "next_page": next_page},
        "events": uids.iter().map(|uid| event(uid)).collect::<Vec<_>>(),
    })
    .to_string()
}

fn free_busy_page(current: u32, next_page: Option<String>, starts: &[&str]) -> String {
    json!({
        "pages": {"current": current, "total": 3, "next_page": next_page},
        "free_busy": starts.iter().map(|start| json!({
            "calendar_id": "cal_1",
            "start": start,
            "end": "2026-11-23T18:00:00Z",
            "free_busy_status": "busy",
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

/// `GET path` (exact path and query, or `query` on the path) with `token`, answering `body`.
async fn page_mock(
    server: &mut ServerGuard,
    path: &str,
    query: Option<Matcher>,
    token: &str,
    body: String,
    hits: usize,
) -> Mock {
    let mut mock = server
        .mock("GET", path)
        .match_header("authorization", bearer(token));
    if let Some(query) = query {
        mock = mock.match_query(query);
    }
    mock.with_body(body).expect(hits).create_async().await
}

fn tzid() -> Option<Matcher> {
    Some(Matcher::UrlEncoded("tzid".into(), "Europe/London".into()))
}

/// A mock on another server that must never be reached.
async fn forbidden_server() -> (ServerGuard, Mock) {
    let mut other = Server::new_async().await;
    let mock = other
        .mock("GET", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    (other, mock)
}

// Proves read_all_events follows absolute next_page links on the API origin: all events, in order.
#[tokio::test]
async fn read_all_events_follows_three_pages_in_order() {
    let mut server = Server::new_async().await;
    let url = server.url();
    let pages = [
        page_mock(
            &mut server,
            "/v1/events",
            tzid(),
            OLD_ACCESS,
            events_page(
                1,
                Some(format!("{url}/v1/events/pages/p2")),
                &["ev_1", "ev_2"],
            ),
            1,
        )
        .await,
        page_mock(
            &mut server,
            "/v1/events/pages/p2",
            None,
            OLD_ACCESS,
            events_page(
                2,
                Some(format!("{url}/v1/events/pages/p3?cursor=a%2Fb")),
                &["ev_3", "ev_4"],
            ),
            1,
        )
        .await,
        page_mock(
            &mut server,
            "/v1/events/pages/p3?cursor=a%2Fb",
            None,
            OLD_ACCESS,
            events_page(3, None, &["ev_5"]),
            1,
        )
        .await,
    ];
    let client = client(&server);
    let user = user_token().await;

    let events =
        cronofy::events::read_all_events(&client, &user, &ReadEvents::new("Europe/London"))
            .collect_items()
            .await
            .unwrap();

    let uids: Vec<_> = events
        .iter()
        .map(|e| e.event_uid.as_deref().unwrap())
        .collect();
    assert_eq!(uids, ["ev_1", "ev_2", "ev_3", "ev_4", "ev_5"]);
    for page in pages {
        page.assert_async().await;
    }
}

// Proves a 401 mid-paging refreshes once and the remaining pages use the new token.
#[tokio::test]
async fn a_token_expiring_mid_paging_is_refreshed_and_paging_continues() {
    let mut server = Server::new_async().await;
    let url = server.url();
    let first = page_mock(
        &mut server,
        "/v1/events",
        tzid(),
        OLD_ACCESS,
        events_page(1, Some(format!("{url}/v1/events/pages/p2")), &["ev_1"]),
        1,
    )
    .await;
    let second_rejected = server
        .mock("GET", "/v1/events/pages/p2")
        .match_header("authorization", bearer(OLD_ACCESS))
        .with_status(401)
        .expect(1)
        .create_async()
        .await;
    let second = page_mock(
        &mut server,
        "/v1/events/pages/p2",
        None,
        NEW_ACCESS,
        events_page(2, Some(format!("{url}/v1/events/pages/p3")), &["ev_2"]),
        1,
    )
    .await;
    let third = page_mock(
        &mut server,
        "/v1/events/pages/p3",
        None,
        NEW_ACCESS,
        events_page(3, None, &["ev_3"]),
        1,
    )
    .await;
    let token = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;
    let client = client(&server);
    let user = user_token().await;

    let events =
        cronofy::events::read_all_events(&client, &user, &ReadEvents::new("Europe/London"))
            .collect_items()
            .await
            .unwrap();

    assert_eq!(events.len(), 3);
    for mock in [first, second_rejected, second, third, token] {
        mock.assert_async().await;
    }
}

// Proves a next_page on another origin ends read_all_events with UntrustedPageLink and sends nothing there.
#[tokio::test]
async fn read_all_events_refuses_a_next_page_on_another_origin() {
    let (other, never) = forbidden_server().await;
    let mut server = Server::new_async().await;
    let port = server.socket_address().port();
    for hostile in [
        format!("{}/v1/events/pages/p2", other.url()),
        format!("http://127.0.0.2:{port}/v1/events/pages/p2"),
        format!("https://127.0.0.1:{port}/v1/events/pages/p2"),
    ] {
        let first = page_mock(
            &mut server,
            "/v1/events",
            tzid(),
            OLD_ACCESS,
            events_page(1, Some(hostile.clone()), &["ev_1"]),
            1,
        )
        .await;
        let second = server
            .mock("GET", Matcher::Regex("^/v1/events/pages".into()))
            .expect(0)
            .create_async()
            .await;
        let client = client(&server);
        let user = user_token().await;

        let mut pages =
            cronofy::events::read_all_events(&client, &user, &ReadEvents::new("Europe/London"));
        let page = pages.next_page().await.unwrap().unwrap();
        assert_eq!(page.items[0].event_uid.as_deref(), Some("ev_1"));
        let error = error_of(pages.next_page().await.unwrap());
        match &error {
            Error::UntrustedPageLink { url, expected } => {
                assert_eq!(url, &hostile);
                assert_eq!(expected, &server.url());
            }
            other => panic!("{hostile}: expected UntrustedPageLink, got {other:?}"),
        }
        assert!(
            pages.next_page().await.is_none(),
            "the stream ends after the error"
        );

        first.assert_async().await;
        second.assert_async().await;
        first.remove_async().await;
        second.remove_async().await;
    }
    never.assert_async().await;
}

// Proves read_all_free_busy follows three pages in order and refuses a next_page on another origin.
#[tokio::test]
async fn read_all_free_busy_follows_pages_and_refuses_another_origin() {
    let mut server = Server::new_async().await;
    let url = server.url();
    let pages = [
        page_mock(
            &mut server,
            "/v1/free_busy",
            tzid(),
            OLD_ACCESS,
            free_busy_page(
                1,
                Some(format!("{url}/v1/free_busy/pages/p2")),
                &["2026-11-23T09:00:00Z"],
            ),
            1,
        )
        .await,
        page_mock(
            &mut server,
            "/v1/free_busy/pages/p2",
            None,
            OLD_ACCESS,
            free_busy_page(
                2,
                Some(format!("{url}/v1/free_busy/pages/p3")),
                &["2026-11-23T10:00:00Z"],
            ),
            1,
        )
        .await,
        page_mock(
            &mut server,
            "/v1/free_busy/pages/p3",
            None,
            OLD_ACCESS,
            free_busy_page(3, None, &["2026-11-23T11:00:00Z", "2026-11-23T12:00:00Z"]),
            1,
        )
        .await,
    ];
    let client = client(&server);
    let user = user_token().await;
    let query = ReadFreeBusy::new("Europe/London");

    let blocks = cronofy::events::read_all_free_busy(&client, &user, &query)
        .collect_items()
        .await
        .unwrap();
    let starts: Vec<_> = blocks.iter().map(|b| b.start.to_string()).collect();
    assert_eq!(
        starts,
        [
            "2026-11-23T09:00:00Z",
            "2026-11-23T10:00:00Z",
            "2026-11-23T11:00:00Z",
            "2026-11-23T12:00:00Z"
        ]
    );
    for page in pages {
        page.assert_async().await;
        page.remove_async().await;
    }

    // A hostile link on page one: the items of page one, then the error, then the end.
    let (other, never) = forbidden_server().await;
    let hostile = format!("{}/v1/free_busy/pages/p2", other.url());
    let first = page_mock(
        &mut server,
        "/v1/free_busy",
        tzid(),
        OLD_ACCESS,
        free_busy_page(1, Some(hostile.clone()), &["2026-11-23T09:00:00Z"]),
        1,
    )
    .await;
    let mut items = cronofy::events::read_all_free_busy(&client, &user, &query).items();
    assert_eq!(
        items.next_item().await.unwrap().unwrap().start.to_string(),
        "2026-11-23T09:00:00Z"
    );
    let error = error_of(items.next_item().await.unwrap());
    assert!(
        matches!(error, Error::UntrustedPageLink { ref url, .. } if *url == hostile),
        "{error:?}"
    );
    assert!(items.next_item().await.is_none());
    first.assert_async().await;
    never.assert_async().await;
}

/// A call through a client, to its result.
type ThroughClient<T> = for<'a> fn(&'a Client) -> futures::future::BoxFuture<'a, T>;

/// One built-in paged endpoint: its path, its items' field, one item, and its all-pages
/// function, counted or collected up to an error.
struct PagedEndpoint {
    path: &'static str,
    field: &'static str,
    item: serde_json::Value,
    count: ThroughClient<Result<usize, Error>>,
    until_error: ThroughClient<(usize, Option<Error>)>,
}

fn paged_endpoints() -> Vec<PagedEndpoint> {
    use cronofy::availability::ReadAvailablePeriods;
    use cronofy::organizations::{
        list_all_organizational_unit_members, list_all_organizational_unit_resources,
    };
    use cronofy::{OrgToken, UserToken};
    use futures::FutureExt;
    macro_rules! paged {
        ($path:literal, $field:literal, $item:expr, |$client:ident| { $(let $name:ident = $value:expr;)* $pages:expr }) => {
            PagedEndpoint {
                path: $path,
                field: $field,
                item: $item,
                count: |$client| {
                    async move {
                        $(let $name = $value;)*
                        $pages.collect_items().await.map(|items| items.len())
                    }
                    .boxed()
                },
                until_error: |$client| {
                    async move {
                        $(let $name = $value;)*
                        let (items, error) = $pages.collect_until_error().await;
                        (items.len(), error)
                    }
                    .boxed()
                },
            }
        };
    }
    vec![
        paged!("/v1/events", "events", event("ev_1"), |client| {
            let user = UserToken::new(OLD_ACCESS);
            let query = ReadEvents::new("Europe/London");
            cronofy::events::read_all_events(client, &user, &query)
        }),
        paged!(
            "/v1/free_busy",
            "free_busy",
            json!({"calendar_id": "cal_1", "start": "2026-11-23T09:00:00Z", "end": "2026-11-23T10:00:00Z", "free_busy_status": "busy"}),
            |client| {
                let user = UserToken::new(OLD_ACCESS);
                let query = ReadFreeBusy::new("Europe/London");
                cronofy::events::read_all_free_busy(client, &user, &query)
            }
        ),
        paged!(
            "/v1/available_periods",
            "available_periods",
            json!({"available_period_id": "ap_1", "start": "2026-11-23T09:00:00Z", "end": "2026-11-23T10:00:00Z"}),
            |client| {
                let user = UserToken::new(OLD_ACCESS);
                let query = ReadAvailablePeriods::new("Europe/London");
                cronofy::availability::read_all_available_periods(client, &user, &query)
            }
        ),
        paged!(
            "/v1/organizational_unit_members",
            "organizational_unit_members",
            json!({"sub": "acc_1"}),
            |client| {
                let org = OrgToken::new(OLD_ACCESS);
                list_all_organizational_unit_members(client, &org)
            }
        ),
        paged!(
            "/v1/organizational_unit_resources",
            "organizational_unit_resources",
            json!({"sub": "res_1"}),
            |client| {
                let org = OrgToken::new(OLD_ACCESS);
                list_all_organizational_unit_resources(client, &org)
            }
        ),
    ]
}

/// A page of `endpoint` with one item and the `pages` object given.
fn page_body(endpoint: &PagedEndpoint, pages: serde_json::Value) -> String {
    let mut body = json!({ "pages": pages });
    body[endpoint.field] = json!([endpoint.item]);
    body.to_string()
}

// Proves every built-in paged endpoint ends cleanly on a last page whose next_page is empty,
// null or absent (Cronofy's own fixtures show an empty string), after every item.
#[tokio::test]
async fn every_paged_endpoint_ends_on_an_empty_null_or_absent_next_page() {
    let mut server = Server::new_async().await;
    let client = client(&server);
    for endpoint in paged_endpoints() {
        let last_pages = [
            ("empty", json!({"current": 2, "total": 2, "next_page": ""})),
            ("null", json!({"current": 2, "total": 2, "next_page": null})),
            ("absent", json!({"current": 2, "total": 2})),
        ];
        for (how, last) in last_pages {
            let second = format!("{}/pages/p2-{how}", endpoint.path);
            let next = format!("{}{second}", server.url());
            let first = server
                .mock("GET", endpoint.path)
                .match_query(Matcher::Any)
                .with_body(page_body(
                    &endpoint,
                    json!({"current": 1, "total": 2, "next_page": next}),
                ))
                .expect(1)
                .create_async()
                .await;
            let last = server
                .mock("GET", second.as_str())
                .with_body(page_body(&endpoint, last))
                .expect(1)
                .create_async()
                .await;
            let counted = (endpoint.count)(&client).await;
            assert_eq!(
                counted.as_ref().ok(),
                Some(&2),
                "{} with a {how} next_page: {counted:?}",
                endpoint.path
            );
            first.assert_async().await;
            last.assert_async().await;
            first.remove_async().await;
            last.remove_async().await;
        }
    }
}

// Proves a page failing after others keeps the items already fetched for a caller that asks
// (collect_until_error), with the page's typed error, on every built-in paged endpoint.
#[tokio::test]
async fn an_error_after_some_pages_keeps_the_items_fetched() {
    let mut server = Server::new_async().await;
    let client = client(&server);
    for endpoint in paged_endpoints() {
        let second = format!("{}/pages/p2", endpoint.path);
        let first = server
            .mock("GET", endpoint.path)
            .match_query(Matcher::Any)
            .with_body(page_body(
                &endpoint,
                json!({"current": 1, "total": 2, "next_page": format!("{}{second}", server.url())}),
            ))
            .expect(2)
            .create_async()
            .await;
        let failing = server
            .mock("GET", second.as_str())
            .with_status(500)
            .with_body(r#"{"error":"boom"}"#)
            .expect(2)
            .create_async()
            .await;
        let (kept, error) = (endpoint.until_error)(&client).await;
        assert_eq!(kept, 1, "{}: the first page's item is kept", endpoint.path);
        assert!(
            matches!(error, Some(Error::Server { status, .. }) if status.as_u16() == 500),
            "{}: {error:?}",
            endpoint.path
        );
        // collect_items reports the same error (and drops the items, as documented).
        let counted = (endpoint.count)(&client).await;
        assert!(
            matches!(counted, Err(Error::Server { status, .. }) if status.as_u16() == 500),
            "{}: {counted:?}",
            endpoint.path
        );
        first.assert_async().await;
        failing.assert_async().await;
        first.remove_async().await;
        failing.remove_async().await;
    }
}

// ---------------------------------------------------------------------------------------------
// 12. Secrets
// ---------------------------------------------------------------------------------------------

// Proves no secret shows in the Debug of token sets, refreshing credentials, codes and stores.
#[tokio::test]
async fn token_types_never_show_a_secret_in_debug() {
    let tokens = TokenSet::new(OLD_ACCESS, Some(OLD_REFRESH.to_owned())).with_sub("acc_1");
    let store = MemoryTokenStore::new();
    store
        .save(
            &TokenSet::new(NEW_ACCESS, Some(NEW_REFRESH.to_owned())),
            SaveCondition::Always,
        )
        .await
        .unwrap();
    let user = restored(store.clone()).await;
    let org = RefreshingOrgToken::from_store(
        &app(),
        MemoryTokenStore::holding(TokenSet::new(ORG_OLD_ACCESS, Some(ORG_REFRESH.to_owned()))),
    )
    .await
    .unwrap();
    let code = AuthorizationCode::new(CODE);

    assert_debug_has_no_secret(&tokens);
    assert_debug_has_no_secret(&user);
    assert_debug_has_no_secret(&org);
    assert_debug_has_no_secret(&code);
    assert_debug_has_no_secret(&store);
    assert_debug_has_no_secret(&store.latest());
    assert_debug_has_no_secret(&app());
    // Redacted, not dropped: the output still says what is there.
    assert!(format!("{tokens:?}").contains("[redacted]"));
    assert!(format!("{tokens:?}").contains("acc_1"));
    assert!(format!("{user:?}").contains("[redacted]"));
    assert!(format!("{store:?}").contains("[redacted]"));
    assert!(format!("{code:?}").contains("[redacted]"));
    // The secrets are still reachable, by asking.
    assert_eq!(user.tokens().access_token(), NEW_ACCESS);
    assert_eq!(code.secret(), CODE);
}

// Proves token-endpoint errors never carry the secrets the request sent, even when the server echoes them.
#[tokio::test]
async fn token_endpoint_errors_scrub_echoed_secrets() {
    let echo = format!("client_secret={CLIENT_SECRET} refresh_token={OLD_REFRESH}");
    type Case = (usize, String, fn(&Error) -> bool);
    let cases: [Case; 4] = [
        (500, echo.clone(), |e| matches!(e, Error::Server { .. })),
        (
            400,
            json!({"error": "invalid_request", "error_description": echo}).to_string(),
            |e| matches!(e, Error::OAuth { .. }),
        ),
        (
            400,
            json!({"error": "invalid_grant", "error_description": echo}).to_string(),
            |e| matches!(e, Error::ReauthorizationRequired { .. }),
        ),
        // A 200 that is not a token set: the body (with a new token in it) is withheld.
        (
            200,
            json!({"access_token": 42, "refresh_token": NEW_REFRESH, "echo": echo}).to_string(),
            |e| matches!(e, Error::Decode { .. }),
        ),
    ];
    for (status, body, expected) in cases {
        let mut server = Server::new_async().await;
        let token = token_mock(&mut server, OLD_REFRESH, status, &body, 1).await;
        let client = client(&server);
        let user = restored(MemoryTokenStore::holding(expired_tokens())).await;

        let error = error_of(user.refresh(&client).await);

        assert!(expected(&error), "{status}: {error:?}");
        token.assert_async().await;
        assert_eq!(user.tokens().access_token(), OLD_ACCESS);
    }
}

// ---------------------------------------------------------------------------------------------
// Cancellation
// ---------------------------------------------------------------------------------------------

// Proves a call cancelled while its refresh is being saved does not lose the rotated refresh token.
#[tokio::test]
async fn a_call_cancelled_during_the_save_does_not_lose_the_rotated_refresh_token() {
    let mut server = Server::new_async().await;
    // The first use of the old refresh token rotates it; Cronofy refuses any later use of it.
    let rotation = token_mock(
        &mut server,
        OLD_REFRESH,
        200,
        &token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600),
        1,
    )
    .await;
    let reuse = token_mock(
        &mut server,
        OLD_REFRESH,
        400,
        r#"{"error":"invalid_grant","error_description":"refresh token already used"}"#,
        0,
    )
    .await;
    let old = server
        .mock("GET", "/v1/calendars")
        .match_header("authorization", bearer(OLD_ACCESS))
        .with_status(401)
        .expect_at_least(1)
        .expect_at_most(2)
        .create_async()
        .await;
    let new = calendars_mock(&mut server, NEW_ACCESS, 200, 1).await;
    let store = SlowStore {
        memory: MemoryTokenStore::holding(expired_tokens()),
        ..SlowStore::default()
    };
    let client = client(&server);
    let user = restored(store.clone()).await;

    // The caller gives up (a timeout, a `select!`, a dropped web handler) during the save.
    let cancelled = tokio::spawn({
        let (client, user) = (client.clone(), user.clone());
        async move { cronofy::calendars::list_calendars(&client, &user).await }
    });
    store.first_save_started.notified().await;
    cancelled.abort();
    assert!(cancelled.await.unwrap_err().is_cancelled());
    store.release_first_save.notify_one();

    let result = cronofy::calendars::list_calendars(&client, &user)
        .await
        .map_err(checked);

    assert!(
        result.is_ok(),
        "the rotated refresh token was lost: {result:?}"
    );
    assert_eq!(
        store.saves.lock().unwrap().last(),
        Some(&Some(NEW_REFRESH.to_owned()))
    );
    rotation.assert_async().await;
    reuse.assert_async().await;
    old.assert_async().await;
    new.assert_async().await;
}

// Proves a call cancelled while its refresh request is still in flight does not lose the
// rotated refresh token: the refresh finishes, and is saved, in its own task.
#[tokio::test]
async fn a_call_cancelled_during_the_token_request_does_not_lose_the_rotated_refresh_token() {
    let mut server = Server::new_async().await;
    let (request_arrived, arrived) = std::sync::mpsc::channel::<()>();
    let request_arrived = std::sync::Mutex::new(request_arrived);
    let rotation = server
        .mock("POST", "/oauth/token")
        .match_body(Matcher::PartialJson(
            json!({"grant_type": "refresh_token", "refresh_token": OLD_REFRESH}),
        ))
        .with_body_from_request(move |_| {
            request_arrived.lock().unwrap().send(()).unwrap();
            // Cronofy takes its time answering; the caller gives up meanwhile.
            std::thread::sleep(std::time::Duration::from_millis(300));
            token_body(NEW_ACCESS, Some(NEW_REFRESH), 3600).into_bytes()
        })
        .expect(1)
        .create_async()
        .await;
    let reuse = token_mock(
        &mut server,
        OLD_REFRESH,
        400,
        r#"{"error":"invalid_grant","error_description":"refresh token already used"}"#,
        0,
    )
    .await;
    let old = server
        .mock("GET", "/v1/calendars")
        .match_header("authorization", bearer(OLD_ACCESS))
        .with_status(401)
        // The cancelled call's, and the next call's: it starts before the refresh has
        // finished, then waits for that refresh rather than starting another.
        .expect(2)
        .create_async()
        .await;
    let new = calendars_mock(&mut server, NEW_ACCESS, 200, 1).await;
    let store = MemoryTokenStore::holding(expired_tokens());
    let client = client(&server);
    let user = restored(store.clone()).await;

    let cancelled = tokio::spawn({
        let (client, user) = (client.clone(), user.clone());
        async move { cronofy::calendars::list_calendars(&client, &user).await }
    });
    tokio::task::spawn_blocking(move || arrived.recv().unwrap())
        .await
        .unwrap();
    cancelled.abort();
    assert!(cancelled.await.unwrap_err().is_cancelled());

    // The next call waits for the refresh still running, then uses its token.
    let result = cronofy::calendars::list_calendars(&client, &user)
        .await
        .map_err(checked);
    assert!(
        result.is_ok(),
        "the rotated refresh token was lost: {result:?}"
    );
    assert_eq!(
        store
            .latest()
            .and_then(|t| t.refresh_token().map(str::to_owned)),
        Some(NEW_REFRESH.to_owned())
    );
    rotation.assert_async().await;
    reuse.assert_async().await;
    old.assert_async().await;
    new.assert_async().await;
}
