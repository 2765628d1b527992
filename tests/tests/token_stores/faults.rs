//! The central promise under faults, on both stores, with the faults injected at the socket
//! by [`Proxy`] (a cut, a frozen connection) or at the fake Cronofy (a slow token endpoint):
//! a rotated refresh token is never lost, never replayed, and a deleted record stays deleted.
//! One test per promise and store; "another instance" is a real process
//! (`src/bin/token_instance.rs`) on its own connection.

use std::sync::Arc;
use std::time::Duration;

use cronofy::oauth::{RefreshingUserToken, SaveCondition, TokenStore};
use cronofy::{Error, UserToken};
use cronofy_fake::{FakeCronofy, Fault};
use tokio::time::Instant;

use crate::harness::{
    self, AnyRecord, Backend, Instance, Raw, fake_with_stored_tokens, on_both_stores, unique_key,
};
use crate::proxy::Proxy;

fn app() -> cronofy::AppCredentials {
    cronofy::AppCredentials::new(harness::CLIENT_ID, harness::CLIENT_SECRET)
}

/// Waits until someone holds the record's lease (the refresh under test has started).
async fn until_leased(raw: &mut Raw, key: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !raw.lease_held(key).await {
        assert!(Instant::now() < deadline, "nobody took the lease");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Makes the fake answer the next token request `delay` late.
fn slow_token_request(fake: &FakeCronofy, delay: Duration) {
    fake.inject(Fault::delay(delay).times(1).on_path("/oauth/token"));
}

/// Waits until the token request meets the fault injected for it, at the fake: it is in
/// flight.
async fn until_token_request_sent(fake: &FakeCronofy) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while fake.faults_waiting() > 0 {
        assert!(Instant::now() < deadline, "the token request never came");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// Waits until nobody holds the record's lease.
async fn until_released(raw: &mut Raw, key: &str, within: Duration) {
    let deadline = Instant::now() + within;
    while raw.lease_held(key).await {
        assert!(
            Instant::now() < deadline,
            "the lease was not given back within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The store's record through `proxy`, on a connection of its own (another "instance" than
/// any other store handle of this process), failing after `timeout` when the proxy stalls.
async fn record_via(backend: Backend, proxy: &Proxy, key: &str, timeout: Duration) -> AnyRecord {
    backend
        .connect_to(&backend.url_via(proxy.port))
        .await
        .with_operation_timeout(timeout)
        .record(key)
}

/// The stored set works at the fake: it is the live authorization.
async fn assert_stored_set_is_live(record: &AnyRecord, fake: &FakeCronofy) {
    let stored = record.load().await.unwrap().expect("a stored set");
    assert!(!stored.reauthorization_required);
    cronofy::calendars::list_calendars(
        &fake.client(),
        &UserToken::new(stored.tokens.access_token()),
    )
    .await
    .expect("the stored access token works: no token set was lost");
}

/// A call through `user`, spawned so that the test can act while it is in flight.
fn spawn_call<S: TokenStore>(
    fake: &FakeCronofy,
    user: &RefreshingUserToken<S>,
) -> tokio::task::JoinHandle<Result<(), Error>> {
    let (client, user) = (fake.client(), user.clone());
    tokio::spawn(async move {
        cronofy::calendars::list_calendars(&client, &user)
            .await
            .map(drop)
    })
}

// ---------------------------------------------------------------------------------------------
// Recovery after an outage
// ---------------------------------------------------------------------------------------------

/// The store is cut while Cronofy answers the token request: the rotated set cannot be saved.
/// Once the store is back, the very next call saves it (before anything else) and succeeds,
/// with no second token request.
async fn the_first_call_after_an_outage_saves_the_kept_set(backend: Backend) {
    let proxy = Proxy::start(backend.server().port).await;
    let key = unique_key("recovery");
    let record = record_via(backend, &proxy, &key, Duration::from_secs(1)).await;
    let fake = fake_with_stored_tokens(&record).await;
    let mut raw = Raw::connect(backend).await;
    let user = RefreshingUserToken::builder(&app(), record.clone())
        .lease_duration(Duration::from_secs(20))
        .from_store()
        .await
        .unwrap();
    slow_token_request(&fake, Duration::from_millis(500));
    fake.expire_all_access_tokens();
    let call = spawn_call(&fake, &user);
    until_token_request_sent(&fake).await;
    proxy.cut();
    let error = call
        .await
        .unwrap()
        .expect_err("the save cannot reach the store");
    assert!(matches!(error, Error::TokenStore(_)), "{error:?}");
    assert!(
        error.to_string().contains("kept in this process"),
        "says the tokens are kept: {error}"
    );
    assert_eq!(fake.counters().refreshes, 1);

    proxy.restore();
    cronofy::calendars::list_calendars(&fake.client(), &user)
        .await
        .expect("the first call after the store is back succeeds");
    let counters = fake.counters();
    assert_eq!(
        counters.refreshes, 1,
        "the kept set was saved, not re-requested"
    );
    assert_eq!(counters.token_errors, 0);
    assert_stored_set_is_live(&record, &fake).await;
    assert_eq!(
        record.load().await.unwrap().unwrap().tokens.access_token(),
        user.tokens().access_token()
    );
    until_released(&mut raw, &key, Duration::from_secs(5)).await;
}

on_both_stores!(the_first_call_after_an_outage_saves_the_kept_set);

// ---------------------------------------------------------------------------------------------
// A kept set outlives its credential
// ---------------------------------------------------------------------------------------------

/// The README's pattern: a credential per request. The store is cut while Cronofy rotates the
/// refresh token; the request fails and its credential is dropped. The rotated set lives on in
/// the process, is saved in the background once the store is back, and the kept lease holds
/// another instance off meanwhile: it then uses the saved set. One token request, no
/// `invalid_grant`, nothing lost.
async fn a_kept_set_outlives_its_credential(backend: Backend) {
    let proxy = Proxy::start(backend.server().port).await;
    let key = unique_key("outlives");
    let record = record_via(backend, &proxy, &key, Duration::from_secs(1)).await;
    let fake = fake_with_stored_tokens(&record).await;
    let mut raw = Raw::connect(backend).await;
    let lease = Duration::from_secs(12);
    let mut other = Instance::spawn("other", backend, &fake, &key, 5, lease).await;
    slow_token_request(&fake, Duration::from_millis(500));
    fake.expire_all_access_tokens();

    let per_request = RefreshingUserToken::builder(&app(), record.clone())
        .lease_duration(lease)
        .from_store()
        .await
        .unwrap();
    let call = spawn_call(&fake, &per_request);
    until_token_request_sent(&fake).await;
    proxy.cut();
    other.send("round").await;
    let error = call
        .await
        .unwrap()
        .expect_err("the save cannot reach the store");
    assert!(matches!(error, Error::TokenStore(_)), "{error:?}");
    // The request is over; so is its credential.
    drop(per_request);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        record.load().await.is_err(),
        "the store is still cut (a load fails)"
    );
    proxy.restore();

    let report = other.report().await;
    assert_eq!(report.ok, 5, "{:?}", report.errors);
    let counters = fake.counters();
    assert_eq!(counters.refreshes, 1, "one token request in all");
    assert_eq!(
        counters.token_errors, 0,
        "the other instance never replayed the dead refresh token"
    );
    assert_stored_set_is_live(&record, &fake).await;
    until_released(&mut raw, &key, Duration::from_secs(5)).await;
    other.exit().await;
}

on_both_stores!(a_kept_set_outlives_its_credential);

// ---------------------------------------------------------------------------------------------
// A half-open connection
// ---------------------------------------------------------------------------------------------

/// The store's connection freezes (it stays open and answers nothing) while Cronofy rotates
/// the refresh token: the save times out, the connection is replaced, and the rotated set is
/// saved on the new one within the same call.
async fn a_frozen_connection_is_replaced(backend: Backend) {
    let proxy = Proxy::start(backend.server().port).await;
    let key = unique_key("frozen");
    let store = backend
        .connect_to(&backend.url_via(proxy.port))
        .await
        .with_operation_timeout(Duration::from_millis(700));
    let record = store.record(&key);
    let fake = fake_with_stored_tokens(&record).await;

    // A frozen connection fails the operation in flight, not the next one.
    proxy.freeze();
    let error = record
        .load()
        .await
        .expect_err("the frozen connection answers nothing");
    assert!(error.to_string().contains("did not answer"), "{error}");
    record.load().await.expect("a new connection answers");
    if let harness::AnyStore::Redis(redis) = &store {
        assert_eq!(redis.connections_made(), 2);
    }

    let user = RefreshingUserToken::builder(&app(), record.clone())
        .lease_duration(Duration::from_secs(20))
        .from_store()
        .await
        .unwrap();
    slow_token_request(&fake, Duration::from_millis(500));
    fake.expire_all_access_tokens();
    let call = spawn_call(&fake, &user);
    until_token_request_sent(&fake).await;
    proxy.freeze();
    call.await
        .unwrap()
        .expect("the save is retried on a new connection");
    let counters = fake.counters();
    assert_eq!(counters.refreshes, 1);
    assert_eq!(counters.token_errors, 0);
    assert_stored_set_is_live(&record, &fake).await;
    if let harness::AnyStore::Redis(redis) = &store {
        assert_eq!(redis.connections_made(), 3);
    }
}

on_both_stores!(a_frozen_connection_is_replaced);

// ---------------------------------------------------------------------------------------------
// A holder stalled past its lease
// ---------------------------------------------------------------------------------------------

/// Cronofy takes more than two lease durations to answer the holder's token request. The
/// holder renews its lease meanwhile, so the other instance waits instead of refreshing with
/// the same refresh token: one token request, no `invalid_grant`.
async fn a_holder_stalled_past_its_lease_causes_one_token_request(backend: Backend) {
    let store = backend.connect().await;
    let key = unique_key("stalled");
    let record = store.record(&key);
    let fake = fake_with_stored_tokens(&record).await;
    let mut raw = Raw::connect(backend).await;
    let lease = Duration::from_millis(600);
    let holder = RefreshingUserToken::builder(&app(), record.clone())
        .lease_duration(lease)
        .from_store()
        .await
        .unwrap();
    let mut other = Instance::spawn("other", backend, &fake, &key, 5, lease).await;
    slow_token_request(&fake, Duration::from_millis(2000));
    fake.expire_all_access_tokens();
    let call = spawn_call(&fake, &holder);
    until_token_request_sent(&fake).await;
    other.send("round").await;

    call.await.unwrap().expect("the stalled holder finishes");
    let report = other.report().await;
    assert_eq!(report.ok, 5, "{:?}", report.errors);
    assert!(
        report.millis >= 1000,
        "the other instance waited for the holder ({} ms)",
        report.millis
    );
    let counters = fake.counters();
    assert_eq!(counters.refreshes, 1, "one token request");
    assert_eq!(counters.token_errors, 0, "no invalid_grant");
    assert_stored_set_is_live(&record, &fake).await;
    until_released(&mut raw, &key, Duration::from_secs(2)).await;
    other.exit().await;
}

on_both_stores!(a_holder_stalled_past_its_lease_causes_one_token_request);

/// Every read on one instance's store connection arrives 200 ms late, and Cronofy takes
/// 700 ms to answer its token request: its refresh (lease, load, token request, save) outlasts
/// its 900 ms lease. Its renewals, slow too, keep the lease; the other instance, arriving
/// meanwhile, waits and uses the saved set: one token request, no `invalid_grant`.
async fn a_slow_store_slows_the_refresh_without_doubling_it(backend: Backend) {
    let proxy = Proxy::start(backend.server().port).await;
    let key = unique_key("slow");
    let record = record_via(backend, &proxy, &key, Duration::from_secs(5)).await;
    let fake = fake_with_stored_tokens(&record).await;
    let mut raw = Raw::connect(backend).await;
    let lease = Duration::from_millis(900);
    let slow = RefreshingUserToken::builder(&app(), record.clone())
        .lease_duration(lease)
        .from_store()
        .await
        .unwrap();
    let mut other = Instance::spawn("other", backend, &fake, &key, 5, lease).await;
    proxy.delay(Duration::from_millis(200));
    slow_token_request(&fake, Duration::from_millis(700));
    fake.expire_all_access_tokens();
    let started = Instant::now();
    let call = spawn_call(&fake, &slow);
    until_leased(&mut raw, &key).await;
    other.send("round").await;
    call.await
        .unwrap()
        .expect("the slow instance's call succeeds");
    let report = other.report().await;
    assert_eq!(report.ok, 5, "{:?}", report.errors);
    eprintln!(
        "{backend:?}: slow holder done in {} ms, the other instance waited {} ms",
        started.elapsed().as_millis(),
        report.millis
    );
    let counters = fake.counters();
    assert_eq!(counters.refreshes, 1, "one token request");
    assert_eq!(counters.token_errors, 0, "no invalid_grant");
    proxy.delay(Duration::ZERO);
    assert_stored_set_is_live(&record, &fake).await;
    other.exit().await;
}

on_both_stores!(a_slow_store_slows_the_refresh_without_doubling_it);

// ---------------------------------------------------------------------------------------------
// Re-authorization and disconnection
// ---------------------------------------------------------------------------------------------

/// The user revoked the application; a call finds out and the store records it. The user
/// authorizes again: the credential of the new tokens saves them over the refused set, and
/// the credential built earlier in this process uses them too.
async fn fresh_tokens_win_over_the_stored_set(backend: Backend) {
    let store = backend.connect().await;
    let key = unique_key("fresh");
    let record = store.record(&key);
    let fake = fake_with_stored_tokens(&record).await;
    let earlier = RefreshingUserToken::from_store(&app(), record.clone())
        .await
        .unwrap();
    let refused = earlier.tokens().refresh_token().unwrap().to_owned();
    cronofy::oauth::revoke_authorization(
        &fake.client(),
        &app(),
        &cronofy::oauth::RevokeAuthorization::token(refused),
    )
    .await
    .unwrap();
    fake.expire_all_access_tokens();
    let error = cronofy::calendars::list_calendars(&fake.client(), &earlier)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ReauthorizationRequired { .. }),
        "{error:?}"
    );
    assert!(
        record
            .load()
            .await
            .unwrap()
            .unwrap()
            .reauthorization_required
    );

    let renewed = fake.issue_user_token(&fake.default_user().sub, "read_write");
    let fresh =
        RefreshingUserToken::from_new_authorization(&app(), renewed.token_set(), record.clone())
            .await
            .unwrap();
    let stored = record.load().await.unwrap().unwrap();
    assert_eq!(stored.tokens.access_token(), renewed.access_token);
    assert!(!stored.reauthorization_required);
    for user in [&fresh, &earlier] {
        cronofy::calendars::list_calendars(&fake.client(), user)
            .await
            .expect("the new authorization is in use");
    }
    fake.expire_all_access_tokens();
    cronofy::calendars::list_calendars(&fake.client(), &earlier)
        .await
        .expect("and refreshes like any other");
    assert_stored_set_is_live(&record, &fake).await;
    // Another instance starting now loads the new authorization.
    RefreshingUserToken::from_store(&app(), backend.connect().await.record(&key))
        .await
        .expect("the store holds the new authorization");
}

on_both_stores!(fresh_tokens_win_over_the_stored_set);

/// The application deletes the record (the user disconnected) while Cronofy answers a token
/// request: the rotated set is not written back, then or later, and the credential answers
/// `AuthorizationRemoved`.
async fn a_record_deleted_mid_refresh_stays_deleted(backend: Backend) {
    let store = backend.connect().await;
    let key = unique_key("deleted");
    let record = store.record(&key);
    let fake = fake_with_stored_tokens(&record).await;
    let mut raw = Raw::connect(backend).await;
    let user = RefreshingUserToken::from_store(&app(), record.clone())
        .await
        .unwrap();
    slow_token_request(&fake, Duration::from_millis(500));
    fake.expire_all_access_tokens();
    let call = spawn_call(&fake, &user);
    until_token_request_sent(&fake).await;
    // The application's own handle on the record, as its disconnect handler has it.
    let disconnect = backend.connect().await.record(&key);
    disconnect.delete().await.unwrap();

    let error = call.await.unwrap().unwrap_err();
    assert!(matches!(error, Error::AuthorizationRemoved), "{error:?}");
    assert!(record.load().await.unwrap().is_none());
    let error = cronofy::calendars::list_calendars(&fake.client(), &user)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::AuthorizationRemoved), "{error:?}");
    assert!(
        record.load().await.unwrap().is_none(),
        "not written back later"
    );
    assert!(!raw.lease_held(&key).await);
    assert_eq!(fake.counters().refreshes, 1);
    // A new authorization can be stored again.
    let renewed = fake.issue_user_token(&fake.default_user().sub, "read_write");
    record
        .save(&renewed.token_set(), SaveCondition::IfAbsent)
        .await
        .unwrap();
}

on_both_stores!(a_record_deleted_mid_refresh_stays_deleted);

// ---------------------------------------------------------------------------------------------
// Shutdown
// ---------------------------------------------------------------------------------------------

/// How an application instance ends in [`an_instance_shutting_down`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// `cronofy::oauth::shutdown` is awaited, then the runtime dropped.
    WaitsForRefreshes,
    /// The runtime is dropped at once (what an application without `shutdown` does).
    DropsTheRuntime,
}

/// An application instance in a runtime (and thread) of its own, which ends while its
/// refresh is saving: the store's connection froze after Cronofy rotated the refresh token,
/// so the save has to time out and be retried on a new connection. Returns what the store
/// holds afterwards.
fn an_instance_shutting_down(
    backend: Backend,
    proxy: Arc<Proxy>,
    fake: Arc<FakeCronofy>,
    key: String,
    ending: Ending,
) -> std::thread::JoinHandle<()> {
    let client = fake.client();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let record = backend
                .connect_to(&backend.url_via(proxy.port))
                .await
                .with_operation_timeout(Duration::from_secs(1))
                .record(&key);
            let user = RefreshingUserToken::builder(&app(), record)
                .lease_duration(Duration::from_secs(30))
                .from_store()
                .await
                .unwrap();
            let call = tokio::spawn(async move {
                cronofy::calendars::list_calendars(&client, &user)
                    .await
                    .map(drop)
            });
            until_token_request_sent(&fake).await;
            proxy.freeze();
            // Cronofy answers the token request; the save is now stuck on the frozen
            // connection, for up to its 1 s timeout.
            let deadline = Instant::now() + Duration::from_secs(10);
            while fake.counters().refreshes == 0 {
                assert!(Instant::now() < deadline, "the token request never came");
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
            // The process is told to stop: the web request gives up...
            call.abort();
            if ending == Ending::WaitsForRefreshes {
                cronofy::oauth::shutdown(Duration::from_secs(30))
                    .await
                    .expect("the refresh and its save finish");
            }
        });
        // ...and the runtime goes, with whatever was still running in it.
        drop(runtime);
    })
}

/// With `shutdown` awaited before the runtime is dropped, the rotated set reaches the store;
/// without, it is lost and the store holds a dead refresh token (which shows that the
/// scenario does cut a save short).
async fn shutdown_waits_for_a_save_in_flight(backend: Backend) {
    for ending in [Ending::WaitsForRefreshes, Ending::DropsTheRuntime] {
        let proxy = Arc::new(Proxy::start(backend.server().port).await);
        let key = unique_key("shutdown");
        let record = backend.connect().await.record(&key);
        let fake = Arc::new(fake_with_stored_tokens(&record).await);
        let before = record.load().await.unwrap().unwrap();
        slow_token_request(&fake, Duration::from_millis(600));
        fake.expire_all_access_tokens();
        let instance = an_instance_shutting_down(
            backend,
            Arc::clone(&proxy),
            Arc::clone(&fake),
            key.clone(),
            ending,
        );
        tokio::task::spawn_blocking(move || instance.join().expect("the instance ran"))
            .await
            .unwrap();

        let after = record.load().await.unwrap().unwrap();
        assert_eq!(fake.counters().refreshes, 1);
        match ending {
            Ending::WaitsForRefreshes => {
                assert!(after.version > before.version, "the rotated set was saved");
                assert_stored_set_is_live(&record, &fake).await;
            }
            Ending::DropsTheRuntime => {
                assert_eq!(after.version, before.version, "the save was cut short");
                let replay = cronofy::oauth::refresh_access_token(
                    &fake.client(),
                    &app(),
                    &cronofy::oauth::RefreshAccessToken::new(after.tokens.refresh_token().unwrap()),
                )
                .await;
                assert!(
                    matches!(replay, Err(Error::ReauthorizationRequired { .. })),
                    "without shutdown, the stored refresh token is dead: {replay:?}"
                );
            }
        }
    }
}

on_both_stores!(shutdown_waits_for_a_save_in_flight);
