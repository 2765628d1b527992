//! The refresh protocol across instances, with instances as separate credentials in one
//! process sharing a `MemoryTokenStore` (which keeps the store contract within a process),
//! against the fake Cronofy: it rotates refresh tokens and answers a replayed one with
//! `invalid_grant`. The same protocol across real processes and databases is in
//! `token_stores/`.

#[macro_use]
#[path = "support/delegate_store.rs"]
mod delegate_store;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cronofy::Error;
use cronofy::oauth::{
    Lease, MemoryTokenStore, SaveCondition, SaveOutcome, StoredTokens, TokenSet, TokenStore,
    TokenStoreError,
};
use cronofy::oauth::{RefreshingUserToken, RevokeAuthorization, revoke_authorization};
use cronofy_fake::FakeCronofy;

async fn fake_and_store() -> (FakeCronofy, MemoryTokenStore) {
    let fake = FakeCronofy::start().await;
    let issued = fake.issue_user_token(&fake.default_user().sub, "read_write");
    let store = MemoryTokenStore::holding(issued.token_set());
    (fake, store)
}

/// A credential as one instance of the application builds it, from the store: a
/// [`MemoryTokenStore`] handle made with `as_another_instance` is another process's handle on
/// the same record, sharing nothing with the others in this process but the record.
async fn instance<S: TokenStore>(fake: &FakeCronofy, store: S) -> RefreshingUserToken<S> {
    RefreshingUserToken::from_store(&fake.app_credentials(), store)
        .await
        .expect("the store holds tokens")
}

// Proves four instances x 250 callers across an expiry make exactly one token request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_instances_sharing_a_store_make_one_token_request_per_expiry() {
    let (fake, store) = fake_and_store().await;
    let mut instances = Vec::new();
    for _ in 0..4 {
        instances.push(instance(&fake, store.as_another_instance()).await);
    }
    for expiry in 1..=3u64 {
        fake.expire_all_access_tokens();
        let barrier = Arc::new(tokio::sync::Barrier::new(1000));
        let calls: Vec<_> = (0..1000)
            .map(|n| {
                let (client, user, barrier) = (
                    fake.client(),
                    instances[n % 4].clone(),
                    Arc::clone(&barrier),
                );
                tokio::spawn(async move {
                    barrier.wait().await;
                    cronofy::calendars::list_calendars(&client, &user)
                        .await
                        .map(drop)
                })
            })
            .collect();
        for call in calls {
            call.await.unwrap().expect("every call succeeds");
        }
        let counters = fake.counters();
        assert_eq!(counters.refreshes, expiry, "one token request per expiry");
        assert_eq!(counters.token_errors, 0, "no invalid_grant");
        assert_eq!(store.saves(), expiry as usize, "one save per refresh");
    }
    let stored = store.latest().unwrap();
    for user in &instances {
        assert_eq!(user.tokens().refresh_token(), stored.refresh_token());
    }
}

/// A store whose reads lag behind its writes once: the next `load` after `lag_next_load`
/// returns what the store held then (as a replica might).
#[derive(Clone)]
struct LaggingStore {
    memory: MemoryTokenStore,
    stale: Arc<Mutex<Vec<Option<StoredTokens>>>>,
}

impl LaggingStore {
    async fn lag_next_loads(&self, count: usize) {
        let snapshot = self.memory.load().await.unwrap();
        *self.stale.lock().unwrap() = vec![snapshot; count];
    }
}

impl TokenStore for LaggingStore {
    delegate_store!(
        memory => save, acquire_lease, renew_lease, release_lease, reauthorization_required
    );

    async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
        if let Some(stale) = self.stale.lock().unwrap().pop() {
            return Ok(stale);
        }
        self.memory.load().await
    }
}

// Proves invalid_grant with a newer refresh token in the store continues with it, not re-authorization.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_grant_continues_with_a_token_another_instance_rotated() {
    let (fake, memory) = fake_and_store().await;
    let lagging = LaggingStore {
        memory: memory.clone(),
        stale: Arc::default(),
    };
    let first = instance(&fake, memory.clone()).await;
    let second = instance(&fake, lagging.clone()).await;
    // The second instance will read the old record twice (before and under the lease), so
    // it refreshes with the refresh token that the first instance is about to rotate away.
    lagging.lag_next_loads(2).await;
    fake.expire_all_access_tokens();
    cronofy::calendars::list_calendars(&fake.client(), &first)
        .await
        .unwrap();
    assert_eq!(fake.counters().refreshes, 1);

    cronofy::calendars::list_calendars(&fake.client(), &second)
        .await
        .expect("the rotated token from the store is used");
    let counters = fake.counters();
    assert_eq!(
        counters.refreshes, 2,
        "the second instance did ask, with the dead token"
    );
    assert_eq!(counters.token_errors, 1, "and Cronofy refused it");
    assert!(!memory.reauthorization_was_required());
    assert_eq!(
        second.tokens().refresh_token(),
        memory.latest().unwrap().refresh_token()
    );
}

// Proves invalid_grant with the store still holding the refused token requires re-authorization, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_grant_with_the_refused_token_still_stored_requires_reauthorization() {
    let (fake, store) = fake_and_store().await;
    let first = instance(&fake, store.as_another_instance()).await;
    let second = instance(&fake, store.as_another_instance()).await;
    // The user revoked the application at Cronofy: the refresh token is dead.
    let refresh = store.latest().unwrap().refresh_token().unwrap().to_owned();
    let revocation = RevokeAuthorization::token(refresh);
    revoke_authorization(&fake.client(), &fake.app_credentials(), &revocation)
        .await
        .unwrap();
    fake.expire_all_access_tokens();

    let error = cronofy::calendars::list_calendars(&fake.client(), &first)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ReauthorizationRequired { .. }),
        "{error:?}"
    );
    assert!(store.reauthorization_was_required(), "the store records it");
    assert_eq!(fake.counters().token_errors, 1);

    // Another instance learns it from the store, without asking Cronofy again.
    let error = cronofy::calendars::list_calendars(&fake.client(), &second)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ReauthorizationRequired { .. }),
        "{error:?}"
    );
    assert_eq!(fake.counters().refreshes, 1);
    let error =
        RefreshingUserToken::from_store(&fake.app_credentials(), store.as_another_instance())
            .await
            .unwrap_err();
    assert!(
        matches!(error, Error::ReauthorizationRequired { .. }),
        "{error:?}"
    );

    // The user authorizes again; the application stores the new tokens; both instances
    // pick them up on their next call.
    let renewed = fake.issue_user_token(&fake.default_user().sub, "read_write");
    store
        .save(&renewed.token_set(), SaveCondition::Always)
        .await
        .unwrap();
    for user in [&first, &second] {
        cronofy::calendars::list_calendars(&fake.client(), user)
            .await
            .expect("the new authorization is used");
        assert_eq!(user.tokens().access_token(), renewed.access_token);
    }
    assert_eq!(fake.counters().refreshes, 1, "no token request was needed");
}

// Proves an instance waits for a lease holder and uses the tokens it saves, without a token request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_waits_for_the_lease_holder_and_uses_its_tokens() {
    let (fake, store) = fake_and_store().await;
    let user = instance(&fake, store.as_another_instance()).await;
    // Another instance holds the lease and is refreshing.
    let lease = Lease::new_random();
    assert!(
        store
            .acquire_lease(&lease, Duration::from_secs(30))
            .await
            .unwrap()
    );
    fake.expire_all_access_tokens();
    let call = tokio::spawn({
        let (client, user) = (fake.client(), user.clone());
        async move {
            cronofy::calendars::list_calendars(&client, &user)
                .await
                .map(drop)
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!call.is_finished(), "the call waits for the lease holder");
    // The holder saves its refreshed set and releases the lease.
    let version = store.version().unwrap();
    let refreshed = fake.issue_user_token(&fake.default_user().sub, "read_write");
    store
        .save(&refreshed.token_set(), SaveCondition::IfVersion(version))
        .await
        .unwrap();
    store.release_lease(&lease).await.unwrap();
    call.await
        .unwrap()
        .expect("the call goes on with the holder's tokens");
    assert_eq!(user.tokens().access_token(), refreshed.access_token);
    assert_eq!(fake.counters().refreshes, 0);
}

// Proves a lease left by a crashed holder is taken over once it expires.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lease_left_behind_is_taken_over_once_it_expires() {
    let (fake, store) = fake_and_store().await;
    let user = RefreshingUserToken::builder(&fake.app_credentials(), store.as_another_instance())
        .lease_duration(Duration::from_millis(500))
        .from_store()
        .await
        .unwrap();
    // A holder that crashed: it never saves nor releases.
    let crashed = Lease::new_random();
    assert!(
        store
            .acquire_lease(&crashed, Duration::from_millis(400))
            .await
            .unwrap()
    );
    fake.expire_all_access_tokens();
    let started = std::time::Instant::now();
    cronofy::calendars::list_calendars(&fake.client(), &user)
        .await
        .expect("taken over after expiry");
    assert!(
        started.elapsed() >= Duration::from_millis(350),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(fake.counters().refreshes, 1);
    assert_eq!(
        store.latest().unwrap().access_token(),
        user.tokens().access_token()
    );
}

/// The shared store as one instance sees it while its database is failing: saves fail until
/// `repaired`.
#[derive(Clone)]
struct FailingSaves {
    memory: MemoryTokenStore,
    repaired: Arc<std::sync::atomic::AtomicBool>,
    failed: Arc<std::sync::atomic::AtomicUsize>,
}

impl TokenStore for FailingSaves {
    delegate_store!(memory => load, acquire_lease, renew_lease, release_lease);

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        use std::sync::atomic::Ordering;
        if self.repaired.load(Ordering::SeqCst) {
            return self.memory.save(tokens, condition).await;
        }
        self.failed.fetch_add(1, Ordering::SeqCst);
        Err(TokenStoreError::new("the database is unavailable"))
    }
}

// Proves that while a rotated set waits to be saved, other instances wait too instead of replaying the dead refresh token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_instances_wait_while_a_rotated_set_is_not_saved_yet() {
    use std::sync::atomic::Ordering;
    let (fake, store) = fake_and_store().await;
    let failing = FailingSaves {
        memory: store.clone(),
        repaired: Arc::default(),
        failed: Arc::default(),
    };
    let first = RefreshingUserToken::builder(&fake.app_credentials(), failing.clone())
        .lease_duration(Duration::from_secs(3))
        .from_store()
        .await
        .unwrap();
    let second = instance(&fake, store.as_another_instance()).await;
    fake.expire_all_access_tokens();

    let first_call = tokio::spawn({
        let (client, user) = (fake.client(), first.clone());
        async move {
            cronofy::calendars::list_calendars(&client, &user)
                .await
                .map(drop)
        }
    });
    while failing.failed.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Cronofy has rotated the refresh token; only the first instance holds the new one.
    let second_call = tokio::spawn({
        let (client, user) = (fake.client(), second.clone());
        async move {
            cronofy::calendars::list_calendars(&client, &user)
                .await
                .map(drop)
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !second_call.is_finished(),
        "the second instance waits for the lease"
    );
    failing.repaired.store(true, Ordering::SeqCst);

    first_call
        .await
        .unwrap()
        .expect("the save is retried while the lease lasts");
    second_call
        .await
        .unwrap()
        .expect("the second instance uses the saved set");
    let counters = fake.counters();
    assert_eq!(counters.refreshes, 1);
    assert_eq!(
        counters.token_errors, 0,
        "the dead refresh token was never replayed"
    );
    assert!(failing.failed.load(Ordering::SeqCst) >= 1);
    let stored = store.latest().unwrap();
    assert_eq!(first.tokens().access_token(), stored.access_token());
    assert_eq!(second.tokens().access_token(), stored.access_token());
}

// Proves a fresh authorization handed to a credential wins over a refusal this process
// remembers for the old one: credentials built earlier on the record use it too, and refresh
// it later without asking the user again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_authorization_wins_over_a_refusal_remembered_in_the_process() {
    let (fake, store) = fake_and_store().await;
    let handle = store.as_another_instance();
    let old = instance(&fake, handle.clone()).await;
    let refresh = store.latest().unwrap().refresh_token().unwrap().to_owned();
    revoke_authorization(
        &fake.client(),
        &fake.app_credentials(),
        &RevokeAuthorization::token(refresh),
    )
    .await
    .unwrap();
    fake.expire_all_access_tokens();
    let error = cronofy::calendars::list_calendars(&fake.client(), &old)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ReauthorizationRequired { .. }),
        "{error:?}"
    );

    // The user authorizes again; this process builds the credential of the new tokens on the
    // same record.
    let renewed = fake.issue_user_token(&fake.default_user().sub, "read_write");
    let fresh = RefreshingUserToken::from_new_authorization(
        &fake.app_credentials(),
        renewed.token_set(),
        handle.clone(),
    )
    .await
    .unwrap();
    assert_eq!(store.latest().unwrap().access_token(), renewed.access_token);
    for user in [&fresh, &old] {
        cronofy::calendars::list_calendars(&fake.client(), user)
            .await
            .expect("the new authorization is used");
        assert_eq!(user.tokens().access_token(), renewed.access_token);
    }
    // When it expires, it is refreshed like any other.
    fake.expire_all_access_tokens();
    cronofy::calendars::list_calendars(&fake.client(), &old)
        .await
        .expect("the fresh authorization refreshes");
    let counters = fake.counters();
    assert_eq!(
        counters.refreshes, 2,
        "the revoked token's refused request, then one of the new refresh token"
    );
    assert_eq!(
        counters.token_errors, 1,
        "only the revoked token was refused"
    );
    assert_eq!(
        store.latest().unwrap().access_token(),
        fresh.tokens().access_token()
    );
}

// Proves a record the application deletes stays deleted: the credential answers
// AuthorizationRemoved, asks Cronofy nothing, and never writes the authorization back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_record_stays_deleted() {
    let (fake, store) = fake_and_store().await;
    let user = instance(&fake, store.as_another_instance()).await;
    store.delete();
    fake.expire_all_access_tokens();
    for _ in 0..2 {
        let error = cronofy::calendars::list_calendars(&fake.client(), &user)
            .await
            .unwrap_err();
        assert!(matches!(error, Error::AuthorizationRemoved), "{error:?}");
        assert!(store.latest().is_none(), "the record stays deleted");
    }
    assert_eq!(fake.counters().refreshes, 0);
}

// Proves a record deleted while its refresh is in flight stays deleted: the rotated set is not
// written back (not even later, by the next call), and the credential answers
// AuthorizationRemoved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_deleted_during_a_refresh_stays_deleted() {
    let (fake, store) = fake_and_store().await;
    let user = instance(&fake, store.as_another_instance()).await;
    fake.inject(
        cronofy_fake::Fault::delay(Duration::from_millis(500))
            .times(1)
            .on_path("/oauth/token"),
    );
    fake.expire_all_access_tokens();
    let call = tokio::spawn({
        let (client, user) = (fake.client(), user.clone());
        async move { cronofy::calendars::list_calendars(&client, &user).await }
    });
    while !store.is_leased() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // The user disconnects while Cronofy is answering the token request.
    store.delete();
    let error = call.await.unwrap().unwrap_err();
    assert!(matches!(error, Error::AuthorizationRemoved), "{error:?}");
    assert!(store.latest().is_none());
    let error = cronofy::calendars::list_calendars(&fake.client(), &user)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::AuthorizationRemoved), "{error:?}");
    assert!(store.latest().is_none(), "not written back by a later call");
    assert!(!store.is_leased(), "the lease was given back");
    assert_eq!(fake.counters().refreshes, 1);
}

/// A record whose store fails over to a replica that lags behind: every operation goes to the
/// store in use, which the test switches.
#[derive(Clone)]
struct FailingOver {
    in_use: Arc<Mutex<MemoryTokenStore>>,
}

impl FailingOver {
    fn store(&self) -> MemoryTokenStore {
        self.in_use.lock().unwrap().clone()
    }
}

impl TokenStore for FailingOver {
    async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
        self.store().load().await
    }

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        self.store().save(tokens, condition).await
    }

    async fn acquire_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        self.store().acquire_lease(lease, duration).await
    }

    async fn renew_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        self.store().renew_lease(lease, duration).await
    }

    async fn release_lease(&self, lease: &Lease) -> Result<(), TokenStoreError> {
        self.store().release_lease(lease).await
    }

    fn record_id(&self) -> Option<String> {
        Some(format!("failing-over:{:p}", Arc::as_ptr(&self.in_use)))
    }
}

// Proves a store that goes back to an older version (a lagging replica promoted) does not
// replace the live set in use: it is neither adopted by the credentials of this process nor
// refreshed from, and the next refresh continues the live chain.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_gone_back_to_an_older_version_does_not_replace_the_live_set() {
    let fake = FakeCronofy::start().await;
    let issued = fake.issue_user_token(&fake.default_user().sub, "read_write");
    let primary = MemoryTokenStore::holding(issued.token_set());
    // The replica stopped replicating here: it will only ever hold version 1.
    let replica = MemoryTokenStore::holding(issued.token_set());
    let record = FailingOver {
        in_use: Arc::new(Mutex::new(primary.clone())),
    };
    let user = instance(&fake, record.clone()).await;
    fake.expire_all_access_tokens();
    cronofy::calendars::list_calendars(&fake.client(), &user)
        .await
        .unwrap();
    let live = user.tokens();
    assert_eq!(
        primary.version(),
        Some(cronofy::oauth::TokenVersion::new(2))
    );

    *record.in_use.lock().unwrap() = replica.clone();
    // A credential built now on the failed-over store holds version 1; the process keeps
    // using the live set.
    let late = instance(&fake, record.clone()).await;
    for user in [&user, &late] {
        cronofy::calendars::list_calendars(&fake.client(), user)
            .await
            .expect("the live set is still in use");
        assert_eq!(user.tokens().access_token(), live.access_token());
    }
    // The next refresh sends the live refresh token, not the replica's dead one.
    fake.expire_all_access_tokens();
    cronofy::calendars::list_calendars(&fake.client(), &user)
        .await
        .expect("refreshed from the live set");
    let counters = fake.counters();
    assert_eq!(counters.refreshes, 2);
    assert_eq!(
        counters.token_errors, 0,
        "the dead refresh token was never sent"
    );
    assert_eq!(
        replica.latest().unwrap().access_token(),
        user.tokens().access_token(),
        "the live chain continues in the store in use"
    );
}

/// A store whose lease requests are applied but answered with a timeout, as a database that
/// took the lease and then stopped answering does.
#[derive(Clone)]
struct LeaseAnswerLost {
    memory: MemoryTokenStore,
}

impl TokenStore for LeaseAnswerLost {
    delegate_store!(memory => load, save, renew_lease, release_lease);

    async fn acquire_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        let _taken = self.memory.acquire_lease(lease, duration).await;
        Err(TokenStoreError::new("the database did not answer in time"))
    }
}

// Proves a lease taken by a call that then timed out is given back at once: another instance
// refreshes right away instead of waiting for it to expire.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lease_whose_answer_was_lost_is_given_back() {
    let (fake, store) = fake_and_store().await;
    let unlucky = RefreshingUserToken::builder(
        &fake.app_credentials(),
        LeaseAnswerLost {
            memory: store.as_another_instance(),
        },
    )
    .lease_duration(Duration::from_secs(60))
    .from_store()
    .await
    .unwrap();
    let other = instance(&fake, store.as_another_instance()).await;
    fake.expire_all_access_tokens();

    let error = cronofy::calendars::list_calendars(&fake.client(), &unlucky)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::TokenStore(_)), "{error:?}");
    assert!(!store.is_leased(), "the lease taken unawares was released");
    let started = std::time::Instant::now();
    cronofy::calendars::list_calendars(&fake.client(), &other)
        .await
        .expect("the other instance refreshes");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "it did not wait for the 60 s lease"
    );
    assert_eq!(fake.counters().refreshes, 1);
}
