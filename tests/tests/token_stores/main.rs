//! The PostgreSQL and Redis token stores against real servers (started by `servers.rs`), and
//! the refresh protocol across real processes (`src/bin/token_instance.rs`) against the fake
//! Cronofy, which rotates refresh tokens and refuses a replayed one with `invalid_grant`.

mod faults;
mod harness;
mod proxy;
mod servers;

use std::time::Duration;

use cronofy::oauth::{
    Lease, RefreshingUserToken, SaveCondition, SaveOutcome, TokenStore, TokenVersion,
};
use cronofy::{AppCredentials, Error, UserToken};
use cronofy_fake::Fault;

use harness::{Backend, Instance, Raw, fake_with_stored_tokens, on_both_stores, unique_key};
use proxy::Proxy;

fn app() -> AppCredentials {
    AppCredentials::new(harness::CLIENT_ID, harness::CLIENT_SECRET)
}

fn saved(outcome: SaveOutcome) -> TokenVersion {
    match outcome {
        SaveOutcome::Saved(version) => version,
        SaveOutcome::Conflict => panic!("expected the save to apply"),
    }
}

// ---------------------------------------------------------------------------------------------
// The contract, on each store
// ---------------------------------------------------------------------------------------------

async fn keeps_the_contract(backend: Backend) {
    let store = backend.connect().await;
    let key = unique_key("contract");
    let record = store.record(&key);
    let first = cronofy::oauth::TokenSet::new("access-1", Some("refresh-1".into()));
    let second = cronofy::oauth::TokenSet::new("access-2", Some("refresh-2".into()));

    assert!(record.load().await.unwrap().is_none());
    let v1 = saved(record.save(&first, SaveCondition::IfAbsent).await.unwrap());
    assert_eq!(
        record.save(&second, SaveCondition::IfAbsent).await.unwrap(),
        SaveOutcome::Conflict
    );
    let v2 = saved(
        record
            .save(&second, SaveCondition::IfVersion(v1))
            .await
            .unwrap(),
    );
    assert_ne!(v1, v2);
    // A compare-and-swap on a version that is gone changes nothing.
    assert_eq!(
        record
            .save(&first, SaveCondition::IfVersion(v1))
            .await
            .unwrap(),
        SaveOutcome::Conflict
    );
    let loaded = record.load().await.unwrap().unwrap();
    assert_eq!(loaded.version, v2);
    assert_eq!(loaded.tokens.access_token(), "access-2");
    assert_eq!(loaded.tokens.refresh_token(), Some("refresh-2"));
    assert!(!loaded.reauthorization_required);

    // Re-authorization is recorded only against the version that was refused, and a save
    // clears it.
    record.reauthorization_required(Some(v1)).await.unwrap();
    assert!(
        !record
            .load()
            .await
            .unwrap()
            .unwrap()
            .reauthorization_required
    );
    record.reauthorization_required(Some(v2)).await.unwrap();
    let flagged = record.load().await.unwrap().unwrap();
    assert!(flagged.reauthorization_required);
    assert_eq!(flagged.version, v2, "marking must not change the version");
    let v3 = saved(record.save(&first, SaveCondition::Always).await.unwrap());
    assert!(
        !record
            .load()
            .await
            .unwrap()
            .unwrap()
            .reauthorization_required
    );

    // A deleted record starts again with a version it never had.
    record.delete().await.unwrap();
    assert!(record.load().await.unwrap().is_none());
    let v4 = saved(record.save(&first, SaveCondition::IfAbsent).await.unwrap());
    assert!(![v1, v2, v3].contains(&v4));
    assert_eq!(
        record
            .save(&second, SaveCondition::IfVersion(v3))
            .await
            .unwrap(),
        SaveOutcome::Conflict
    );

    // Leases: one holder at a time, renewed and released only by its holder, free again once
    // expired.
    let take = |duration: Duration| {
        let record = record.clone();
        async move {
            let lease = Lease::new_random();
            let taken = record.acquire_lease(&lease, duration).await.unwrap();
            (lease, taken)
        }
    };
    let (lease, taken) = take(Duration::from_secs(30)).await;
    assert!(taken, "a free lease");
    assert!(!take(Duration::from_secs(30)).await.1, "held by another");
    let someone_else = Lease::with_holder("someone-else");
    record.release_lease(&someone_else).await.unwrap();
    assert!(
        !record
            .renew_lease(&someone_else, Duration::from_secs(30))
            .await
            .unwrap()
    );
    assert!(!take(Duration::from_secs(30)).await.1, "still held");
    assert!(
        record
            .renew_lease(&lease, Duration::from_secs(30))
            .await
            .unwrap()
    );
    record.release_lease(&lease).await.unwrap();
    assert!(
        !record
            .renew_lease(&lease, Duration::from_secs(30))
            .await
            .unwrap(),
        "released"
    );
    let (short, taken) = take(Duration::from_millis(300)).await;
    assert!(taken, "free after release");
    // Renewed before it expires, it outlives its first duration.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        record
            .renew_lease(&short, Duration::from_millis(400))
            .await
            .unwrap()
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        !take(Duration::from_secs(30)).await.1,
        "renewed, still held"
    );
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert!(
        !record
            .renew_lease(&short, Duration::from_secs(30))
            .await
            .unwrap(),
        "expired"
    );
    let (taken_over, taken) = take(Duration::from_secs(30)).await;
    assert!(taken, "free after expiry");
    // The expired holder can neither release nor renew the new holder's lease.
    record.release_lease(&short).await.unwrap();
    assert!(
        !record
            .renew_lease(&short, Duration::from_secs(30))
            .await
            .unwrap()
    );
    assert!(!take(Duration::from_secs(30)).await.1);
    record.release_lease(&taken_over).await.unwrap();
    // Two handles on one record name the same record; another key, another record.
    assert_eq!(record.record_id(), store.record(&key).record_id());
    assert_ne!(
        record.record_id(),
        store.record(&format!("{key}-other")).record_id()
    );
}

on_both_stores!(keeps_the_contract);

// ---------------------------------------------------------------------------------------------
// Several processes, one user's tokens
// ---------------------------------------------------------------------------------------------

const PROCESSES: usize = 4;
const TASKS_PER_PROCESS: usize = 250;
const EXPIRIES: usize = 3;

async fn many_processes_refresh_once_per_expiry(backend: Backend) {
    let store = backend.connect().await;
    let key = unique_key("multi-process");
    let record = store.record(&key);
    let fake = fake_with_stored_tokens(&record).await;
    let mut instances = Vec::new();
    for n in 0..PROCESSES {
        instances.push(
            Instance::spawn(
                &format!("instance {n}"),
                backend,
                &fake,
                &key,
                TASKS_PER_PROCESS,
                Duration::from_secs(30),
            )
            .await,
        );
    }

    // A round with valid tokens: no token request at all.
    let mut token_requests = Vec::new();
    for expiry in 0..=EXPIRIES {
        let before = fake.counters();
        if expiry > 0 {
            fake.expire_all_access_tokens();
        }
        for instance in &mut instances {
            instance.send("round").await;
        }
        let mut fingerprints = Vec::new();
        for instance in &mut instances {
            let report = instance.report().await;
            eprintln!(
                "{backend:?} expiry {expiry}, {}: {} ok in {} ms, errors {:?}",
                instance.name, report.ok, report.millis, report.errors
            );
            assert_eq!(
                report.ok, TASKS_PER_PROCESS,
                "{}: {:?}",
                instance.name, report.errors
            );
            assert!(report.errors.is_empty(), "{:?}", report.errors);
            fingerprints.push(report.refresh_token_fingerprint);
        }
        let after = fake.counters();
        let refreshes = after.refreshes - before.refreshes;
        token_requests.push(refreshes);
        assert_eq!(
            refreshes,
            u64::from(expiry > 0),
            "token requests for expiry {expiry}"
        );
        assert_eq!(
            after.token_errors, before.token_errors,
            "no invalid_grant (or any token error) at the fake"
        );
        fingerprints.dedup();
        assert_eq!(
            fingerprints.len(),
            1,
            "every instance holds the same refresh token"
        );
    }
    eprintln!(
        "{backend:?}: {PROCESSES} processes x {TASKS_PER_PROCESS} tasks, token requests per round (round 0 without expiry): {token_requests:?}"
    );

    // The stored set is the live one at the fake.
    let stored = record.load().await.unwrap().unwrap();
    let calendars = cronofy::calendars::list_calendars(
        &fake.client(),
        &UserToken::new(stored.tokens.access_token()),
    )
    .await
    .expect("the stored access token works");
    assert!(!calendars.calendars.is_empty());
    for instance in instances {
        instance.exit().await;
    }
}

on_both_stores!(many_processes_refresh_once_per_expiry);

// ---------------------------------------------------------------------------------------------
// A lease holder killed mid-refresh
// ---------------------------------------------------------------------------------------------

async fn a_killed_lease_holder_is_taken_over_after_the_lease_expires(backend: Backend) {
    let store = backend.connect().await;
    let key = unique_key("killed-holder");
    let record = store.record(&key);
    let fake = fake_with_stored_tokens(&record).await;
    let version_before = record.load().await.unwrap().unwrap().version;
    let lease = Duration::from_millis(1500);
    let mut holder = Instance::spawn("holder", backend, &fake, &key, 1, lease).await;
    let mut other = Instance::spawn("other", backend, &fake, &key, 5, lease).await;

    // The holder's token request hangs at the fake, so it is killed while refreshing.
    fake.inject(
        Fault::delay(Duration::from_secs(120))
            .times(1)
            .on_path("/oauth/token"),
    );
    fake.expire_all_access_tokens();
    holder.send("round").await;
    let mut raw = Raw::connect(backend).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !raw.lease_held(&key).await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the holder never took the lease"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    holder.kill().await;
    assert!(
        raw.lease_held(&key).await,
        "a killed holder's lease stays until it expires"
    );

    other.send("round").await;
    let report = other.report().await;
    assert_eq!(report.ok, 5, "{:?}", report.errors);
    // It waited for the lease to expire (the rest of its 1.5 s: the holder took it at least
    // 200 ms and a few polls before), then refreshed itself.
    assert!(
        (700..1500 + 5000).contains(&report.millis),
        "took {} ms for a 1.5 s lease",
        report.millis
    );
    let counters = fake.counters();
    assert_eq!(
        counters.refreshes, 1,
        "one answered token request: the holder's never reached the token endpoint"
    );
    assert_eq!(counters.token_errors, 0);
    let stored = record.load().await.unwrap().unwrap();
    assert_ne!(stored.version, version_before, "the new set was saved");
    cronofy::calendars::list_calendars(
        &fake.client(),
        &UserToken::new(stored.tokens.access_token()),
    )
    .await
    .expect("no token lost: the stored set is live");
    other.exit().await;
}

on_both_stores!(a_killed_lease_holder_is_taken_over_after_the_lease_expires);

// ---------------------------------------------------------------------------------------------
// The store unreachable mid-run
// ---------------------------------------------------------------------------------------------

async fn an_unreachable_store_is_a_typed_error_and_recovers(backend: Backend) {
    let proxy = Proxy::start(backend.server().port).await;
    let store = backend
        .connect_to(&backend.url_via(proxy.port))
        .await
        .with_operation_timeout(Duration::from_secs(3));
    let key = unique_key("unreachable");
    let record = store.record(&key);
    let fake = fake_with_stored_tokens(&record).await;
    let client = fake.client();
    let user = RefreshingUserToken::from_store(&app(), record.clone())
        .await
        .unwrap();
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();

    proxy.cut();
    fake.expire_all_access_tokens();
    let before = user.tokens();
    let error = cronofy::calendars::list_calendars(&client, &user)
        .await
        .expect_err("the refresh needs the store");
    let message = error.to_string();
    assert!(
        matches!(error, Error::TokenStore(_)),
        "expected a token store error, got {error:?}"
    );
    assert!(message.contains("token store"), "{message}");
    for secret in [
        before.access_token(),
        before.refresh_token().unwrap(),
        harness::CLIENT_SECRET,
    ] {
        assert!(!message.contains(secret), "{message}");
    }
    assert_eq!(
        user.tokens().access_token(),
        before.access_token(),
        "in-memory state untouched"
    );
    assert_eq!(
        fake.counters().refreshes,
        0,
        "no token request without the store"
    );

    proxy.restore();
    // The first call after the store is back refreshes: the failure memory answered only the
    // callers queued behind the failed attempt.
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .expect("the first call after the store is back succeeds");
    assert_eq!(fake.counters().refreshes, 1);
    let stored = record.load().await.unwrap().unwrap();
    assert_eq!(stored.tokens.access_token(), user.tokens().access_token());
}

on_both_stores!(an_unreachable_store_is_a_typed_error_and_recovers);

// ---------------------------------------------------------------------------------------------
// Bad records
// ---------------------------------------------------------------------------------------------

async fn bad_records_are_clear_errors(backend: Backend) {
    let store = backend.connect().await;
    let mut raw = Raw::connect(backend).await;
    let secret = "access-secret-in-a-broken-record";
    let cases: [(&str, String, &str); 4] = [
        (
            "cut-short JSON",
            format!("{{\"format\":1,\"access_token\":\"{secret}\""),
            "is not valid JSON",
        ),
        (
            "a later format",
            format!("{{\"format\":2,\"access_token\":\"{secret}\",\"sealed\":true}}"),
            "record format 2",
        ),
        (
            "a mistyped field",
            format!("{{\"format\":1,\"access_token\":[\"{secret}\"]}}"),
            "mistyped field",
        ),
        ("not JSON at all", secret.to_owned(), "is not valid JSON"),
    ];
    for (what, text, expected) in cases {
        let key = unique_key("bad-record");
        let record = store.record(&key);
        let fake = fake_with_stored_tokens(&record).await;
        let client = fake.client();
        let user = RefreshingUserToken::from_store(&app(), record.clone())
            .await
            .unwrap();
        raw.set_tokens_text(&key, &text).await;

        let error = record.load().await.expect_err(what).to_string();
        assert!(error.contains(expected), "{what}: {error}");
        assert!(error.contains(&key), "{what}: names the record: {error}");
        assert!(!error.contains(secret), "{what}: {error}");

        let error = RefreshingUserToken::from_store(&app(), record.clone())
            .await
            .expect_err(what);
        assert!(matches!(error, Error::TokenStore(_)), "{what}: {error:?}");

        // A credential in use meets the broken record when it refreshes.
        fake.expire_all_access_tokens();
        let before = user.tokens().access_token().to_owned();
        let error = cronofy::calendars::list_calendars(&client, &user)
            .await
            .expect_err(what);
        assert!(matches!(error, Error::TokenStore(_)), "{what}: {error:?}");
        assert_eq!(user.tokens().access_token(), before);
        assert_eq!(
            fake.counters().refreshes,
            0,
            "{what}: no refresh from a broken record"
        );
    }

    let key = unique_key("bad-version");
    let record = store.record(&key);
    let _fake = fake_with_stored_tokens(&record).await;
    raw.break_version(&key).await;
    let error = record
        .load()
        .await
        .expect_err("a broken version")
        .to_string();
    assert!(error.contains("no cronofy-rs writes"), "{error}");
}

on_both_stores!(bad_records_are_clear_errors);

/// Debug output of a store and its records shows no connection secret.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_prints_no_connection_secret() {
    // The throwaway server trusts loopback, so it ignores the password, which only has to be
    // kept out of sight.
    let url = format!(
        "{} password=db-password-8Hq2",
        Backend::Postgres.server().url
    );
    let store = Backend::Postgres.connect_to(&url).await;
    let harness::AnyStore::Postgres(postgres) = &store else {
        unreachable!()
    };
    let printed = format!("{postgres:?} {:?}", postgres.record("debug-key"));
    assert!(printed.contains("debug-key"), "{printed}");
    assert!(!printed.contains("db-password"), "{printed}");
}
