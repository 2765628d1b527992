//! A bounded soak against the fake Cronofy (loopback only): many users, several tasks each,
//! faults injected all along (429s, 5xx, dropped connections, malformed and slow answers) and
//! every access token expired once a second.
//!
//! Runs `SOAK_SECONDS` one-second rounds (default 5, so CI stays fast; `SOAK_SECONDS=60` for
//! the full run in BENCHMARKS.md). Between rounds every task waits at a barrier, so the fake is
//! quiet while the test reads and empties its request log, expires the tokens and clears the
//! faults left unused.
//!
//! The accounting is exact. Each user runs one task per *lane* (an endpoint: list calendars,
//! account, read events with paging, upsert event, delete event), one call at a time, so the
//! fake's log records of one (user, lane) are that task's attempts in order. Replaying them
//! through the retry rules (a 401 is refreshed and retried once; a 429 of any request, and a
//! 502/503/504 or a dropped connection of an idempotent one, are retried up to `max_retries`
//! unless `Retry-After` exceeds `max_delay`; a 500 never) splits them into calls and says how
//! each call ended. The lanes are idempotent (reads, a keyed upsert, a delete) but one,
//! creating a channel.
//! That replay must equal, call for call, what the task saw; so the failed calls equal the
//! injected faults the policy could not absorb, and a lost, extra or double-counted call
//! fails the test. Each round must also cost exactly one token request per user whose
//! token was refused, and at the end every user's token set (the one in use and the one its
//! store saved) must still work.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cronofy::events::{DeleteEvent, ReadEvents, UpsertEvent};
use cronofy::notifications::CreateChannel;
use cronofy::oauth::MemoryTokenStore;
use cronofy::oauth::RefreshingUserToken;
use cronofy::time::{Date, UtcTime};
use cronofy::{Client, Error, RetryPolicy};
use cronofy_fake::{FakeCronofy, Fault, FaultKind, RequestRecord};
use tokio::sync::Barrier;
use tokio::time::Instant;

const USERS: usize = 20;
const ROUND: Duration = Duration::from_secs(1);
/// Calls per task per round at most (reads of the events lane: see `reads_per_round`).
const CALLS_PER_ROUND: usize = 25;
const MAX_RETRIES: u32 = 2;
const MAX_DELAY: Duration = Duration::from_millis(50);
/// The fake keeps its latest 10,000 requests; a round must stay below that to be counted.
const LOG_CAPACITY: usize = 10_000;
/// The fake forgets every paging cursor at 10,000; the reads of the whole soak stay below.
const CURSOR_BUDGET: usize = 9_000;

fn soak_seconds() -> u64 {
    std::env::var("SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
        .max(1)
}

// ---- what a call can end as ----

#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Ok,
    RateLimited,
    Server(u16),
    /// The connection closed without an answer.
    Transport,
    Decode,
    Unauthorized,
    Other(String),
}

impl Outcome {
    fn of(result: &Result<(), Error>) -> Outcome {
        match result {
            Ok(()) => Outcome::Ok,
            Err(Error::RateLimited { .. }) => Outcome::RateLimited,
            Err(Error::Server { status, .. }) => Outcome::Server(status.as_u16()),
            Err(Error::Transport(_)) => Outcome::Transport,
            Err(Error::Decode { .. }) => Outcome::Decode,
            Err(Error::Unauthorized { .. }) => Outcome::Unauthorized,
            Err(other) => Outcome::Other(other.to_string()),
        }
    }

    fn failed(&self) -> bool {
        *self != Outcome::Ok
    }
}

// ---- lanes ----

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Lane {
    Calendars,
    Account,
    Events,
    Upsert,
    Delete,
    CreateChannel,
}

impl Lane {
    const ALL: [Lane; 6] = [
        Lane::Calendars,
        Lane::Account,
        Lane::Events,
        Lane::Upsert,
        Lane::Delete,
        Lane::CreateChannel,
    ];

    /// The lane of a logged request, `None` for a token request.
    fn of(record: &RequestRecord) -> Option<Result<Lane, String>> {
        let path = record.path.as_str();
        Some(Ok(match (record.method.as_str(), path) {
            ("POST", "/oauth/token") => return None,
            ("GET", "/v1/calendars") => Lane::Calendars,
            ("GET", "/v1/account") => Lane::Account,
            ("GET", p) if p == "/v1/events" || p.starts_with("/v1/events/pages/") => Lane::Events,
            ("POST", p) if p.starts_with("/v1/calendars/") && p.ends_with("/events") => {
                Lane::Upsert
            }
            ("DELETE", p) if p.starts_with("/v1/calendars/") && p.ends_with("/events") => {
                Lane::Delete
            }
            ("POST", "/v1/channels") => Lane::CreateChannel,
            (method, path) => return Some(Err(format!("unexpected request {method} {path}"))),
        }))
    }

    /// Idempotent (a keyed upsert counts), so retried after 502/503/504 and a dropped
    /// connection, as after a 429 like every lane.
    fn idempotent(self) -> bool {
        self != Lane::CreateChannel
    }

    /// Its success body is decoded (a malformed body fails the call).
    fn decodes(self) -> bool {
        matches!(
            self,
            Lane::Calendars | Lane::Account | Lane::Events | Lane::CreateChannel
        )
    }
}

// ---- replaying the log through the retry rules ----

/// What the replay of one lane found.
#[derive(Default, Debug)]
struct Replay {
    outcomes: Vec<Outcome>,
    /// Requests answered by an injected fault (slow answers excluded).
    faulted: usize,
    /// Faulted requests after which the call went on (retried, or a success anyway).
    absorbed: usize,
    /// Calls that failed on a faulted request: faults the policy could not absorb.
    unabsorbed: usize,
    /// Calls that failed on a request without a fault (must stay 0).
    failed_without_fault: usize,
    /// 401s, each followed by a refresh.
    unauthorized: usize,
}

/// One attempt as the fake logged it: its status (`None`: the connection was dropped) and the
/// injected fault that shaped it.
#[derive(Clone, Debug)]
struct Attempt {
    status: Option<u16>,
    fault: Option<FaultKind>,
}

impl From<&RequestRecord> for Attempt {
    fn from(record: &RequestRecord) -> Self {
        Attempt {
            status: record.status,
            fault: record.fault.clone(),
        }
    }
}

/// Splits `records` (one lane's attempts, in order) into calls, as `Request::send` would.
fn replay(lane: Lane, records: &[Attempt]) -> Replay {
    let mut replay = Replay::default();
    let mut retries = 0u32;
    let mut refreshed = false;
    for record in records {
        let fault = record.fault.as_ref();
        let injected = fault.is_some_and(|f| !matches!(f, FaultKind::Delay(_)));
        if injected {
            replay.faulted += 1;
        }
        let end = |replay: &mut Replay, outcome: Outcome| {
            if outcome.failed() {
                if injected {
                    replay.unabsorbed += 1;
                } else {
                    replay.failed_without_fault += 1;
                }
            } else if injected {
                replay.absorbed += 1;
            }
            replay.outcomes.push(outcome);
        };
        let Some(status) = record.status else {
            if lane.idempotent() && retries < MAX_RETRIES {
                retries += 1;
                if injected {
                    replay.absorbed += 1;
                }
                continue;
            }
            end(&mut replay, Outcome::Transport);
            (retries, refreshed) = (0, false);
            continue;
        };
        if (200..300).contains(&status) {
            let malformed = matches!(fault, Some(FaultKind::MalformedBody));
            let outcome = if malformed && lane.decodes() {
                Outcome::Decode
            } else {
                Outcome::Ok
            };
            end(&mut replay, outcome);
            (retries, refreshed) = (0, false);
            continue;
        }
        if status == 401 && !refreshed {
            refreshed = true;
            replay.unauthorized += 1;
            // A malformed body on a refused token's answer: refreshed and retried all the same.
            if injected {
                replay.absorbed += 1;
            }
            continue;
        }
        let retry_after_too_long = matches!(
            fault,
            Some(FaultKind::RateLimited { retry_after: Some(after) }) if *after > MAX_DELAY
        );
        let retryable = (status == 429 || (matches!(status, 502..=504) && lane.idempotent()))
            && retries < MAX_RETRIES
            && !retry_after_too_long;
        if retryable {
            retries += 1;
            if injected {
                replay.absorbed += 1;
            }
            continue;
        }
        let outcome = match status {
            429 => Outcome::RateLimited,
            401 => Outcome::Unauthorized,
            500..=599 => Outcome::Server(status),
            other => Outcome::Other(format!("status {other}")),
        };
        end(&mut replay, outcome);
        (retries, refreshed) = (0, false);
    }
    replay
}

// ---- the soak ----

/// A small deterministic generator (splitmix64) for the fault schedule.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random fault, on one of the lanes' paths.
fn random_fault(rng: &mut Rng, calendar_paths: &[String]) -> Fault {
    let fault = match rng.below(10) {
        0 => Fault::rate_limited(None),
        1 => Fault::rate_limited(Some(Duration::ZERO)),
        // Longer than the policy waits: not retried.
        2 => Fault::rate_limited(Some(Duration::from_secs(60))),
        3 => Fault::unavailable(),
        4 => Fault::status(502),
        5 => Fault::status(504),
        6 => Fault::server_error(),
        7 => Fault::drop_connection(),
        8 => Fault::malformed_body(),
        _ => Fault::delay(Duration::from_millis(5)),
    };
    let path = match rng.below(4) {
        0 => "/v1/calendars".to_owned(),
        1 => "/v1/account".to_owned(),
        2 => "/v1/events".to_owned(),
        _ => calendar_paths[rng.below(calendar_paths.len() as u64) as usize].clone(),
    };
    fault.times(1 + rng.below(3) as u32).on_path(path)
}

struct User {
    sub: String,
    calendar_id: String,
    token: RefreshingUserToken,
}

/// What every task of a round shares.
struct Shared {
    fake: FakeCronofy,
    client: Client,
    barrier: Barrier,
    /// The current round's end, and whether the soak is over.
    round: Mutex<(Instant, bool)>,
    /// What each (user, lane) saw this round, in order.
    outcomes: Mutex<BTreeMap<(String, Lane), Vec<Outcome>>>,
    reads_per_round: usize,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soak_with_faults_and_expiries_accounts_for_every_call() {
    let rounds = soak_seconds();
    let fake = FakeCronofy::builder()
        .page_size(2)
        .start()
        .await
        .expect("the fake starts");
    let client = Client::builder()
        .base_url(fake.base_url())
        .retry_policy(
            RetryPolicy::default()
                .max_retries(MAX_RETRIES)
                .initial_delay(Duration::from_millis(1))
                .max_delay(MAX_DELAY),
        )
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let app = fake.app_credentials();

    let mut users = Vec::new();
    for i in 0..USERS {
        let test_user = if i == 0 {
            fake.default_user()
        } else {
            fake.add_user(&format!("soak{i}@example.test"), &format!("Soak User {i}"))
        };
        let calendar_id = test_user.primary_calendar_id().to_owned();
        // Three events in the read window: two pages of two.
        for e in 0..3 {
            fake.insert_event(
                &test_user.sub,
                &calendar_id,
                &UpsertEvent::new(
                    format!("seeded-{e}"),
                    "Seeded",
                    UtcTime::parse(&format!("2026-11-24T0{e}:00:00Z")).unwrap(),
                    UtcTime::parse(&format!("2026-11-24T0{e}:30:00Z")).unwrap(),
                ),
            );
        }
        let issued = fake.issue_user_token(&test_user.sub, "read_write");
        let token = RefreshingUserToken::from_new_authorization(
            &app,
            issued.token_set(),
            MemoryTokenStore::new(),
        )
        .await
        .unwrap();
        users.push(User {
            sub: test_user.sub,
            calendar_id,
            token,
        });
    }
    let calendar_paths: Vec<String> = users
        .iter()
        .map(|u| format!("/v1/calendars/{}/events", u.calendar_id))
        .collect();
    fake.clear_requests();

    let tasks = USERS * Lane::ALL.len();
    let shared = Arc::new(Shared {
        fake,
        client,
        barrier: Barrier::new(tasks + 1),
        round: Mutex::new((Instant::now(), false)),
        outcomes: Mutex::new(BTreeMap::new()),
        reads_per_round: (CURSOR_BUDGET / (USERS * rounds as usize)).clamp(1, 6),
    });
    let mut workers = tokio::task::JoinSet::new();
    for user in &users {
        for lane in Lane::ALL {
            let shared = Arc::clone(&shared);
            let (sub, calendar_id, token) = (
                user.sub.clone(),
                user.calendar_id.clone(),
                user.token.clone(),
            );
            workers.spawn(async move { work(shared, lane, sub, calendar_id, token).await });
        }
    }

    let seed = std::env::var("SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x50a4_2026_u64);
    let mut rng = Rng(seed);
    let mut totals = Totals::default();
    for round in 0..rounds {
        // Between rounds, the fake is quiet: expire every token, then start the round.
        let refreshes_before = shared.fake.counters().refreshes;
        shared.fake.expire_all_access_tokens();
        let deadline = Instant::now() + ROUND;
        *shared.round.lock().unwrap() = (deadline, false);
        shared.barrier.wait().await;

        // Faults all along the round, at random moments and paths.
        while Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(5 + rng.below(20))).await;
            shared.fake.inject(random_fault(&mut rng, &calendar_paths));
        }

        shared.barrier.wait().await;
        shared.fake.clear_faults();
        let records = shared.fake.requests();
        shared.fake.clear_requests();
        assert!(
            records.len() < LOG_CAPACITY,
            "round {round}: {} requests reached the fake's log capacity; some were not kept",
            records.len()
        );
        let refreshes = shared.fake.counters().refreshes - refreshes_before;
        let outcomes = std::mem::take(&mut *shared.outcomes.lock().unwrap());
        totals.add(round, &records, refreshes, &outcomes);
    }
    *shared.round.lock().unwrap() = (Instant::now(), true);
    shared.barrier.wait().await;
    while let Some(joined) = workers.join_next().await {
        joined.expect("a soak task panicked");
    }

    println!(
        "soak: {rounds} rounds, seed {seed}, {USERS} users x {} lanes",
        Lane::ALL.len()
    );
    println!("{totals:#?}");
    assert!(totals.calls > 0, "no call was made");
    assert!(
        totals.faulted > 0,
        "no fault was injected; the soak proved nothing"
    );
    assert_eq!(
        totals.failed, totals.unabsorbed,
        "failed calls must equal the injected faults the retry policy could not absorb"
    );
    assert_eq!(totals.failed_without_fault, 0);
    assert_eq!(
        totals.faulted,
        totals.absorbed + totals.unabsorbed,
        "every injected fault is either absorbed or fails its call"
    );

    // No refresh token was lost: every user's token set still works after one more expiry,
    // and so does the set its store saved last (what an application would load on restart).
    shared.fake.expire_all_access_tokens();
    for user in &users {
        cronofy::calendars::list_calendars(&shared.client, &user.token)
            .await
            .unwrap_or_else(|e| panic!("{}: the final token set does not work: {e}", user.sub));
        let saved = user
            .token
            .store()
            .latest()
            .expect("every user refreshed at least once");
        assert_eq!(
            saved.refresh_token(),
            user.token.tokens().refresh_token(),
            "{}: the store does not hold the refresh token in use",
            user.sub
        );
    }
    shared.fake.expire_all_access_tokens();
    for user in &users {
        let saved = user.token.store().latest().unwrap();
        let restored = RefreshingUserToken::from_store(&app, MemoryTokenStore::holding(saved))
            .await
            .unwrap();
        cronofy::calendars::list_calendars(&shared.client, &restored)
            .await
            .unwrap_or_else(|e| panic!("{}: the saved token set does not work: {e}", user.sub));
    }
}

/// One task: one user, one lane, one call at a time, until the soak is over.
async fn work(
    shared: Arc<Shared>,
    lane: Lane,
    sub: String,
    calendar_id: String,
    token: RefreshingUserToken,
) {
    let query = ReadEvents::new("Etc/UTC")
        .include_managed(true)
        .from(Date::parse("2026-11-23").unwrap())
        .to(Date::parse("2026-11-30").unwrap());
    let mut n = 0usize;
    loop {
        shared.barrier.wait().await;
        let (deadline, over) = *shared.round.lock().unwrap();
        if over {
            return;
        }
        let mut seen = Vec::new();
        let budget = if lane == Lane::Events {
            shared.reads_per_round
        } else {
            CALLS_PER_ROUND
        };
        for _ in 0..budget {
            n += 1;
            let client = &shared.client;
            match lane {
                Lane::Calendars => seen.push(Outcome::of(
                    &cronofy::calendars::list_calendars(client, &token)
                        .await
                        .map(drop),
                )),
                Lane::Account => seen.push(Outcome::of(
                    &cronofy::identity::read_account(client, &token)
                        .await
                        .map(drop),
                )),
                Lane::Events => {
                    // Every page is a call of its own; the stream ends at the first error.
                    let mut pages = cronofy::events::read_all_events(client, &token, &query);
                    while let Some(page) = pages.next_page().await {
                        seen.push(Outcome::of(&page.map(drop)));
                    }
                }
                Lane::Upsert => {
                    let event = UpsertEvent::new(
                        format!("soak-{}", n % 4),
                        "Soak",
                        UtcTime::parse("2026-12-15T09:00:00Z").unwrap(),
                        UtcTime::parse("2026-12-15T10:00:00Z").unwrap(),
                    );
                    seen.push(Outcome::of(
                        &cronofy::events::upsert_event(client, &token, &calendar_id, &event).await,
                    ));
                }
                Lane::Delete => {
                    let event = DeleteEvent::new(format!("soak-{}", (n + 2) % 4));
                    seen.push(Outcome::of(
                        &cronofy::events::delete_event(client, &token, &calendar_id, &event).await,
                    ));
                }
                Lane::CreateChannel => {
                    let channel = CreateChannel::new(format!("https://example.com/soak/{n}"));
                    seen.push(Outcome::of(
                        &cronofy::notifications::create_channel(client, &token, &channel)
                            .await
                            .map(drop),
                    ));
                }
            }
            if Instant::now() >= deadline {
                break;
            }
        }
        shared
            .outcomes
            .lock()
            .unwrap()
            .insert((sub.clone(), lane), seen);
        shared.barrier.wait().await;
    }
}

/// The soak's accounting, summed over rounds.
#[derive(Default, Debug)]
struct Totals {
    calls: usize,
    failed: usize,
    requests: usize,
    faulted: usize,
    absorbed: usize,
    unabsorbed: usize,
    failed_without_fault: usize,
    token_requests: u64,
    faults_by_kind: BTreeMap<String, usize>,
    failures_by_outcome: BTreeMap<String, usize>,
}

impl Totals {
    /// Checks one round: the replay of every lane equals what its task saw, and exactly one
    /// token request was made per user whose token was refused.
    fn add(
        &mut self,
        round: u64,
        records: &[RequestRecord],
        refreshes: u64,
        outcomes: &BTreeMap<(String, Lane), Vec<Outcome>>,
    ) {
        let mut by_lane: BTreeMap<(String, Lane), Vec<Attempt>> = BTreeMap::new();
        let mut token_requests = 0u64;
        for record in records {
            match Lane::of(record) {
                None => token_requests += 1,
                Some(Err(unexpected)) => panic!("round {round}: {unexpected}"),
                Some(Ok(lane)) => {
                    let sub = record
                        .acting_for
                        .clone()
                        .unwrap_or_else(|| panic!("round {round}: {record:?} acts for nobody"));
                    by_lane.entry((sub, lane)).or_default().push(record.into());
                }
            }
            if let Some(kind) = &record.fault {
                *self.faults_by_kind.entry(fault_name(kind)).or_default() += 1;
            }
        }
        self.requests += records.len();

        let mut users_refused = std::collections::BTreeSet::new();
        for (key, seen) in outcomes {
            let logged = by_lane.remove(key).unwrap_or_default();
            let replayed = replay(key.1, &logged);
            assert_eq!(
                &replayed.outcomes, seen,
                "round {round}, user {} lane {:?}: the fake's log replayed through the retry \
                 rules gives other calls than the task saw\nlog: {logged:#?}",
                key.0, key.1
            );
            if replayed.unauthorized > 0 {
                users_refused.insert(key.0.clone());
            }
            self.calls += seen.len();
            for outcome in seen.iter().filter(|o| o.failed()) {
                self.failed += 1;
                *self
                    .failures_by_outcome
                    .entry(format!("{outcome:?}"))
                    .or_default() += 1;
            }
            self.faulted += replayed.faulted;
            self.absorbed += replayed.absorbed;
            self.unabsorbed += replayed.unabsorbed;
            self.failed_without_fault += replayed.failed_without_fault;
        }
        assert!(
            by_lane.is_empty(),
            "round {round}: requests no task made: {by_lane:#?}"
        );
        assert_eq!(
            token_requests, refreshes,
            "round {round}: token requests in the log and the fake's refresh counter disagree"
        );
        assert_eq!(
            refreshes,
            users_refused.len() as u64,
            "round {round}: expected exactly one refresh per user whose token was refused"
        );
        self.token_requests += refreshes;
    }
}

fn fault_name(kind: &FaultKind) -> String {
    match kind {
        FaultKind::RateLimited { retry_after: None } => "429".to_owned(),
        FaultKind::RateLimited {
            retry_after: Some(after),
        } => format!("429 Retry-After {}s", after.as_secs()),
        FaultKind::Status(code) => code.to_string(),
        FaultKind::Delay(_) => "slow".to_owned(),
        FaultKind::DropConnection => "dropped connection".to_owned(),
        FaultKind::MalformedBody => "malformed body".to_owned(),
        other => format!("{other:?}"),
    }
}

#[test]
fn replay_splits_attempts_into_calls_as_the_retry_policy_does() {
    let record = |status: Option<u16>, fault: Option<FaultKind>| Attempt { status, fault };
    let busy = || Some(FaultKind::Status(503));
    let records = [
        // A refused token, refreshed, then two 503s absorbed: one successful call.
        record(Some(401), None),
        record(Some(503), busy()),
        record(Some(503), busy()),
        record(Some(200), None),
        // Three 503s: the third is past max_retries.
        record(Some(503), busy()),
        record(Some(503), busy()),
        record(Some(503), busy()),
        // A dropped connection of a GET is retried like a 503; three in a row are one too many.
        record(None, Some(FaultKind::DropConnection)),
        record(None, Some(FaultKind::DropConnection)),
        record(None, Some(FaultKind::DropConnection)),
    ];
    let replayed = replay(Lane::Calendars, &records);
    assert_eq!(
        replayed.outcomes,
        [Outcome::Ok, Outcome::Server(503), Outcome::Transport]
    );
    assert_eq!(
        (replayed.faulted, replayed.absorbed, replayed.unabsorbed),
        (8, 6, 2)
    );
    assert_eq!(replayed.unauthorized, 1);

    // A keyed upsert is idempotent: its 503 is retried; and a malformed body does not fail a
    // call that decodes nothing.
    let upsert = [
        record(Some(503), busy()),
        record(Some(202), Some(FaultKind::MalformedBody)),
    ];
    let replayed = replay(Lane::Upsert, &upsert);
    assert_eq!(replayed.outcomes, [Outcome::Ok]);
    assert_eq!((replayed.absorbed, replayed.unabsorbed), (2, 0));

    // A POST that may have been applied: its 503 and its dropped connection are final; its
    // 429 (not processed) is retried.
    let create = [
        record(Some(503), busy()),
        record(None, Some(FaultKind::DropConnection)),
        record(
            Some(429),
            Some(FaultKind::RateLimited { retry_after: None }),
        ),
        record(Some(200), None),
    ];
    let replayed = replay(Lane::CreateChannel, &create);
    assert_eq!(
        replayed.outcomes,
        [Outcome::Server(503), Outcome::Transport, Outcome::Ok]
    );
    assert_eq!((replayed.absorbed, replayed.unabsorbed), (1, 2));

    // A malformed body on a 401 changes nothing: refreshed and retried; a 401 after the
    // refresh is final; a Retry-After beyond the policy's wait is not retried.
    let refused = [
        record(Some(401), Some(FaultKind::MalformedBody)),
        record(Some(200), None),
        record(Some(401), None),
        record(Some(401), None),
        record(
            Some(429),
            Some(FaultKind::RateLimited {
                retry_after: Some(Duration::from_secs(60)),
            }),
        ),
    ];
    let replayed = replay(Lane::Account, &refused);
    assert_eq!(
        replayed.outcomes,
        [Outcome::Ok, Outcome::Unauthorized, Outcome::RateLimited]
    );
    assert_eq!(
        (
            replayed.faulted,
            replayed.absorbed,
            replayed.unabsorbed,
            replayed.failed_without_fault
        ),
        (2, 1, 1, 1)
    );
}
