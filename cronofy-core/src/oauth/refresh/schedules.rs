//! The refresh protocol explored under many randomized schedules: several instances of an
//! application share one token record; their callers meet expired tokens and refresh through
//! the real single flight ([`SharedRecord::replace`]) and store protocol; the token endpoint
//! and the store are in-process stand-ins that delay, fail, and (the store) go down, at
//! moments drawn from a seed.
//!
//! Each schedule runs on a current-thread runtime with tokio's clock paused, so delays cost no
//! real time and a seed replays the same interleaving (the protocol's jitter is drawn from the
//! same seeded generator). At every token request and at the end of each schedule it checks:
//!
//! - a dead refresh token (one Cronofy rotated away) is never sent again;
//! - at most one token request rotates the token per expiry;
//! - the rotated refresh token is never lost: once the store is reachable again, it holds the
//!   live one;
//! - no caller waits forever, and none is told to re-authorize (nothing was revoked).
//!
//! Faults drawn per schedule: slow store operations (each way), store outages shorter than
//! half the lease, half a lease apart (a holder's renewals, retried soon after a failure, keep
//! its lease through them; longer outages cost it, as the store contract says), failures whose
//! write was applied anyway, slow token requests (up to two and a
//! half leases: a holder stalled past its lease), token requests that fail before Cronofy
//! sees them, callers that give up, and instances that die while their token request is on
//! its way (their lease is left to expire).
//!
//! `CRONOFY_SCHEDULES=n` sets how many schedules the test explores (5,000 unless set);
//! `CRONOFY_SCHEDULE_SEED=s` replays one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::AbortHandle;
use tokio::time::Instant;

use crate::Error;
use crate::oauth::refresh::protocol::{Current, TokenSource};
use crate::oauth::refresh::record::SharedRecord;
use crate::oauth::{
    Lease, MemoryTokenStore, SaveCondition, SaveOutcome, StoredTokens, TokenSet, TokenStore,
    TokenStoreError, TokenVersion,
};

/// What one schedule is made of, drawn from its seed.
#[derive(Debug, Clone)]
struct Plan {
    seed: u64,
    instances: usize,
    callers_per_instance: usize,
    calls_per_caller: usize,
    expiries: usize,
    outages: usize,
    lease: Duration,
    /// Upper bounds of the delays drawn.
    store_delay: Duration,
    token_delay: Duration,
    /// Chances out of 100, per event.
    token_failure: u32,
    crash: u32,
    give_up: u32,
    applied_anyway: u32,
    /// A single operation failing (not a renewal: keeping a lease needs the store to answer
    /// renewals, which outages shorter than half the lease allow).
    op_failure: u32,
}

impl Plan {
    fn from_seed(seed: u64) -> Plan {
        let mut rng = fastrand::Rng::with_seed(seed);
        let lease = Duration::from_millis(*rng.choice(&[300u64, 1_000, 5_000, 90_000]).unwrap());
        Plan {
            seed,
            instances: rng.usize(1..=4),
            callers_per_instance: rng.usize(1..=5),
            calls_per_caller: rng.usize(2..=6),
            expiries: rng.usize(1..=4),
            outages: rng.usize(0..=3),
            lease,
            // A store operation (both ways) takes at most a tenth of the lease, so a renewal
            // comes at most every 0.43 lease and one missed renewal does not lose the lease.
            store_delay: lease / 20,
            token_delay: lease.mul_f64(*rng.choice(&[0.05, 0.5, 2.5]).unwrap()),
            token_failure: rng.u32(0..=20),
            crash: *rng.choice(&[0, 0, 5, 20]).unwrap(),
            give_up: rng.u32(0..=30),
            applied_anyway: rng.u32(0..=50),
            op_failure: *rng.choice(&[0, 2, 10]).unwrap(),
        }
    }
}

/// What the stand-ins share: Cronofy's view of the authorization, the store's availability,
/// the schedule's randomness, and what was observed.
struct World {
    rng: fastrand::Rng,
    /// The refresh token Cronofy accepts now, and the access token issued with it.
    live_refresh: String,
    live_access: String,
    /// Whether the live access token has expired (a call with it is answered 401).
    expired: bool,
    issued: u64,
    /// Refresh tokens Cronofy rotated away.
    dead: HashSet<String>,
    /// Expiries so far; rotations counted per expiry.
    epoch: usize,
    rotations: BTreeMap<usize, usize>,
    outage_until: Instant,
    /// Instances killed, and the abort handles of each instance's tasks.
    crashed: HashSet<usize>,
    tasks: HashMap<usize, Vec<AbortHandle>>,
    stats: Stats,
    violations: Vec<String>,
    /// What happened, in order, on tokio's clock: printed for a failing schedule replayed
    /// alone.
    trace: Vec<String>,
    started: Instant,
}

impl World {
    fn note(&mut self, event: String) {
        let at = self.started.elapsed().as_millis();
        self.trace.push(format!("{at:>7} ms  {event}"));
    }
}

/// Counts over all schedules, for the report.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    schedules: u64,
    calls: u64,
    token_requests: u64,
    rotations: u64,
    failed_token_requests: u64,
    store_operations: u64,
    store_failures: u64,
    outages: u64,
    crashes: u64,
    gave_up: u64,
    caller_errors: u64,
    virtual_seconds: u64,
}

impl Stats {
    fn add(&mut self, other: Stats) {
        self.schedules += other.schedules;
        self.calls += other.calls;
        self.token_requests += other.token_requests;
        self.rotations += other.rotations;
        self.failed_token_requests += other.failed_token_requests;
        self.store_operations += other.store_operations;
        self.store_failures += other.store_failures;
        self.outages += other.outages;
        self.crashes += other.crashes;
        self.gave_up += other.gave_up;
        self.caller_errors += other.caller_errors;
        self.virtual_seconds += other.virtual_seconds;
    }
}

type Shared = Arc<Mutex<World>>;

fn lock(world: &Shared) -> std::sync::MutexGuard<'_, World> {
    world.lock().unwrap_or_else(|p| p.into_inner())
}

/// A duration up to `max`, drawn from the schedule.
fn draw(world: &Shared, max: Duration) -> Duration {
    let mut world = lock(world);
    max.mul_f64(world.rng.f64())
}

fn chance(world: &Shared, percent: u32) -> bool {
    lock(world).rng.u32(0..100) < percent
}

/// Cronofy's token endpoint, as one instance reaches it.
struct Endpoint {
    world: Shared,
    plan: Plan,
    instance: usize,
}

impl TokenSource for Endpoint {
    fn refresh<'a>(
        &'a self,
        refresh_token: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<TokenSet, Error>> + Send + 'a>> {
        Box::pin(async move {
            let on_the_way = draw(&self.world, self.plan.token_delay);
            let back = draw(&self.world, self.plan.token_delay / 4);
            let fails = chance(&self.world, self.plan.token_failure);
            let dies = chance(&self.world, self.plan.crash);
            if dies {
                // The instance dies with its request on the way: Cronofy never sees it, and
                // the lease it holds is left to expire.
                {
                    let mut world = lock(&self.world);
                    world.note(format!("instance {} dies", self.instance));
                    world.crashed.insert(self.instance);
                    world.stats.crashes += 1;
                    for task in world.tasks.remove(&self.instance).unwrap_or_default() {
                        task.abort();
                    }
                }
                std::future::pending::<()>().await;
            }
            tokio::time::sleep(on_the_way).await;
            let answer = {
                let mut world = lock(&self.world);
                world.stats.token_requests += 1;
                let what = format!(
                    "instance {} token request with {refresh_token}",
                    self.instance
                );
                world.note(what);
                if fails {
                    // Lost before Cronofy saw it: nothing rotated.
                    world.stats.failed_token_requests += 1;
                    Err(Error::Timeout)
                } else if refresh_token == world.live_refresh {
                    let world = &mut *world;
                    world.issued += 1;
                    let next = format!("refresh-{}", world.issued);
                    let old = std::mem::replace(&mut world.live_refresh, next);
                    world.dead.insert(old);
                    world.live_access = format!("access-{}", world.issued);
                    world.expired = false;
                    world.stats.rotations += 1;
                    let epoch = world.epoch;
                    let rotations = world.rotations.entry(epoch).or_default();
                    *rotations += 1;
                    if *rotations > 1 {
                        let message = format!("{} rotations after expiry {epoch}", *rotations);
                        world.violations.push(message);
                    }
                    Ok(TokenSet::new(
                        world.live_access.clone(),
                        Some(world.live_refresh.clone()),
                    ))
                } else {
                    let what = if world.dead.contains(refresh_token) {
                        "a dead refresh token was sent again"
                    } else {
                        "an unknown refresh token was sent"
                    };
                    world.violations.push(what.to_owned());
                    Err(Error::ReauthorizationRequired {
                        description: what.to_owned(),
                    })
                }
            };
            tokio::time::sleep(back).await;
            answer
        })
    }
}

/// The shared store as one instance reaches it: every operation slow both ways, failing
/// during an outage, sometimes after its write was applied.
#[derive(Clone)]
struct Store {
    memory: MemoryTokenStore,
    world: Shared,
    plan: Plan,
    id: String,
}

impl Store {
    /// Runs `operation`, which may fail on its own unless it is a renewal.
    async fn run<T: std::fmt::Debug, F>(
        &self,
        name: &str,
        operation: impl FnOnce(MemoryTokenStore) -> F,
    ) -> Result<T, TokenStoreError>
    where
        F: Future<Output = Result<T, TokenStoreError>>,
    {
        self.run_failing(name, self.plan.op_failure, operation)
            .await
    }

    async fn run_failing<T: std::fmt::Debug, F>(
        &self,
        name: &str,
        op_failure: u32,
        operation: impl FnOnce(MemoryTokenStore) -> F,
    ) -> Result<T, TokenStoreError>
    where
        F: Future<Output = Result<T, TokenStoreError>>,
    {
        let result = self.attempt(op_failure, operation).await;
        let outcome = match &result {
            Ok(value) => format!("{value:?}"),
            Err(error) => format!("failed: {error}"),
        };
        lock(&self.world).note(format!("{} {name}: {outcome}", self.id));
        result
    }

    async fn attempt<T, F>(
        &self,
        op_failure: u32,
        operation: impl FnOnce(MemoryTokenStore) -> F,
    ) -> Result<T, TokenStoreError>
    where
        F: Future<Output = Result<T, TokenStoreError>>,
    {
        let down = |world: &Shared| {
            let mut world = lock(world);
            world.stats.store_operations += 1;
            let down = Instant::now() < world.outage_until || world.rng.u32(0..100) < op_failure;
            if down {
                world.stats.store_failures += 1;
            }
            down
        };
        tokio::time::sleep(draw(&self.world, self.plan.store_delay)).await;
        if down(&self.world) {
            if chance(&self.world, self.plan.applied_anyway) {
                let _applied = operation(self.memory.clone()).await;
            }
            return Err(TokenStoreError::new("the store is down"));
        }
        let result = operation(self.memory.clone()).await;
        tokio::time::sleep(draw(&self.world, self.plan.store_delay)).await;
        // The answer was lost on its way back: the write stands, the caller cannot know.
        if Instant::now() < lock(&self.world).outage_until {
            lock(&self.world).stats.store_failures += 1;
            return Err(TokenStoreError::new("the store went down before answering"));
        }
        result
    }
}

impl TokenStore for Store {
    async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
        let loaded = self
            .run("load", |memory| async move { memory.load().await })
            .await;
        if let Ok(Some(stored)) = &loaded {
            let what = format!(
                "{}   loaded version {} with {}",
                self.id,
                stored.version,
                stored.tokens.refresh_token().unwrap_or("-")
            );
            lock(&self.world).note(what);
        }
        loaded
    }

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        let tokens = tokens.clone();
        self.run(
            &format!("save {} {condition:?}", tokens.access_token()),
            |memory| async move { memory.save(&tokens, condition).await },
        )
        .await
    }

    async fn acquire_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        self.run(
            &format!("acquire {}", lease.holder()),
            |memory| async move { memory.acquire_lease(lease, duration).await },
        )
        .await
    }

    async fn renew_lease(
        &self,
        lease: &Lease,
        duration: Duration,
    ) -> Result<bool, TokenStoreError> {
        self.run_failing(
            &format!("renew {}", lease.holder()),
            0,
            |memory| async move { memory.renew_lease(lease, duration).await },
        )
        .await
    }

    async fn release_lease(&self, lease: &Lease) -> Result<(), TokenStoreError> {
        self.run(
            &format!("release {}", lease.holder()),
            |memory| async move { memory.release_lease(lease).await },
        )
        .await
    }

    fn record_id(&self) -> Option<String> {
        Some(self.id.clone())
    }

    async fn reauthorization_required(
        &self,
        rejected: Option<TokenVersion>,
    ) -> Result<(), TokenStoreError> {
        self.run("mark reauthorization", |memory| async move {
            memory.reauthorization_required(rejected).await
        })
        .await
    }
}

/// Runs one schedule; returns its counts, or what went wrong.
fn explore(seed: u64) -> Result<Stats, String> {
    let plan = Plan::from_seed(seed);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        // The protocol's jitter comes from this thread's generator: seeded, the schedule
        // replays exactly.
        fastrand::seed(seed);
        run(plan).await
    })
}

/// Makes each schedule's records distinct from every other's in this process.
static RUNS: AtomicU64 = AtomicU64::new(0);

async fn run(plan: Plan) -> Result<Stats, String> {
    let started = Instant::now();
    let world: Shared = Arc::new(Mutex::new(World {
        rng: fastrand::Rng::with_seed(plan.seed ^ 0x5eed),
        live_refresh: "refresh-0".into(),
        live_access: "access-0".into(),
        expired: false,
        issued: 0,
        dead: HashSet::new(),
        epoch: 0,
        rotations: BTreeMap::new(),
        outage_until: Instant::now(),
        crashed: HashSet::new(),
        tasks: HashMap::new(),
        stats: Stats {
            schedules: 1,
            ..Stats::default()
        },
        violations: Vec::new(),
        trace: Vec::new(),
        started,
    }));
    let memory = MemoryTokenStore::holding(TokenSet::new("access-0", Some("refresh-0".into())));
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let mut callers = Vec::new();
    for instance in 0..plan.instances {
        let store = Store {
            memory: memory.as_another_instance(),
            world: Arc::clone(&world),
            plan: plan.clone(),
            id: format!("schedule-{run}-instance-{instance}"),
        };
        let record = SharedRecord::of(
            store,
            Current::new(
                TokenSet::new("access-0", Some("refresh-0".into())),
                TokenVersion::new(1),
            ),
        );
        for _ in 0..plan.callers_per_instance {
            let caller = tokio::spawn(calls(
                Arc::clone(&record),
                Arc::clone(&world),
                plan.clone(),
                instance,
            ));
            lock(&world)
                .tasks
                .entry(instance)
                .or_default()
                .push(caller.abort_handle());
            callers.push(caller);
        }
    }
    let expiries = tokio::spawn(expire(Arc::clone(&world), plan.clone()));
    let outages = tokio::spawn(outages(Arc::clone(&world), plan.clone()));

    for caller in callers {
        match caller.await {
            Ok(()) => {}
            Err(error) if error.is_cancelled() => {} // its instance died
            Err(error) => return Err(format!("a caller panicked: {error}")),
        }
    }
    expiries.await.map_err(|e| format!("expiries: {e}"))?;
    outages.await.map_err(|e| format!("outages: {e}"))?;

    // The store is back for good; kept sets are saved in the background and leases left by
    // dead instances expire.
    lock(&world).outage_until = Instant::now();
    tokio::time::sleep(plan.lease * 4 + Duration::from_secs(120)).await;

    let stored = memory.latest().ok_or("the record disappeared")?;
    let mut world = lock(&world);
    if stored.refresh_token() != Some(world.live_refresh.as_str()) {
        let lost = world.dead.contains(stored.refresh_token().unwrap_or(""));
        world.violations.push(format!(
            "the store holds {} refresh token, not the live one: the rotated one was lost",
            if lost { "a dead" } else { "an unknown" }
        ));
    }
    if memory.reauthorization_was_required() {
        world
            .violations
            .push("the store records that re-authorization is required".into());
    }
    world.stats.virtual_seconds = started.elapsed().as_secs();
    if world.violations.is_empty() {
        Ok(world.stats)
    } else {
        if schedules().1 == 1 {
            eprintln!("{}", world.trace.join("\n"));
        }
        Err(world.violations.join("; "))
    }
}

/// One caller's calls: each meets a 401 when the token in use is not the live, unexpired one,
/// then refreshes (in a task of its own, as credentials do) and tries again once.
async fn calls(record: Arc<SharedRecord<Store>>, world: Shared, plan: Plan, instance: usize) {
    for _ in 0..plan.calls_per_caller {
        tokio::time::sleep(draw(&world, plan.lease)).await;
        lock(&world).stats.calls += 1;
        let patience = Duration::from_secs(600);
        if tokio::time::timeout(patience, call(&record, &world, &plan, instance))
            .await
            .is_err()
        {
            lock(&world)
                .violations
                .push(format!("a caller waited more than {patience:?}"));
            return;
        }
    }
}

async fn call(record: &Arc<SharedRecord<Store>>, world: &Shared, plan: &Plan, instance: usize) {
    let accepted = |access: &str| {
        let world = lock(world);
        access == world.live_access && !world.expired
    };
    let (access, seen) = record
        .cache
        .read(|current, generation| (current.tokens.access_token().to_owned(), generation));
    if accepted(&access) {
        return;
    }
    let refresh = {
        let (record, endpoint) = (
            Arc::clone(record),
            Endpoint {
                world: Arc::clone(world),
                plan: plan.clone(),
                instance,
            },
        );
        let lease = plan.lease;
        super::tasks::spawn(async move { record.replace(&endpoint, lease, seen).await })
    };
    {
        let mut world = lock(world);
        if world.crashed.contains(&instance) {
            refresh.abort();
            return;
        }
        world
            .tasks
            .entry(instance)
            .or_default()
            .push(refresh.abort_handle());
    }
    let outcome = if chance(world, plan.give_up) {
        // The caller gives up (a web request timed out); the refresh goes on without it.
        match tokio::time::timeout(draw(world, plan.lease), refresh).await {
            Ok(outcome) => outcome,
            Err(_) => {
                lock(world).stats.gave_up += 1;
                return;
            }
        }
    } else {
        refresh.await
    };
    lock(world).note(format!(
        "instance {instance} refresh of generation {seen}: {outcome:?}"
    ));
    match outcome {
        Err(_cancelled) => {} // its instance died
        Ok(Ok(())) => {}
        Ok(Err(error @ (Error::ReauthorizationRequired { .. } | Error::AuthorizationRemoved))) => {
            lock(world)
                .violations
                .push(format!("a caller was told: {error}"));
        }
        Ok(Err(_passing)) => lock(world).stats.caller_errors += 1,
    }
}

/// Expires the live access token now and then.
async fn expire(world: Shared, plan: Plan) {
    for _ in 0..plan.expiries {
        tokio::time::sleep(draw(&world, plan.lease * 3)).await;
        let mut world = lock(&world);
        world.expired = true;
        world.epoch += 1;
        let epoch = world.epoch;
        world.note(format!("expiry {epoch}"));
    }
}

/// Takes the store down now and then, each time for less than half the lease, at least half
/// a lease apart.
async fn outages(world: Shared, plan: Plan) {
    for _ in 0..plan.outages {
        tokio::time::sleep(plan.lease / 2 + draw(&world, plan.lease * 3)).await;
        let length = draw(&world, plan.lease / 2);
        let mut world = lock(&world);
        world.outage_until = Instant::now() + length;
        world.stats.outages += 1;
        world.note(format!("outage for {} ms", length.as_millis()));
    }
}

/// How many schedules to explore, and from which seed.
fn schedules() -> (u64, u64) {
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    match var("CRONOFY_SCHEDULE_SEED") {
        Some(seed) => (seed, 1),
        None => (0, var("CRONOFY_SCHEDULES").unwrap_or(5_000)),
    }
}

#[test]
fn the_refresh_protocol_keeps_its_promises_under_many_schedules() {
    let (first, count) = schedules();
    let mut total = Stats::default();
    let mut failures = Vec::new();
    for seed in first..first + count {
        match explore(seed) {
            Ok(stats) => total.add(stats),
            Err(violation) => failures.push(format!(
                "seed {seed} ({:?}): {violation}",
                Plan::from_seed(seed)
            )),
        }
    }
    eprintln!(
        "refresh schedules explored: {total:?}; failing: {}",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {count} schedules broke a promise (replay one with CRONOFY_SCHEDULE_SEED):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(total.schedules, count);
    // The schedules did reach the situations they are for.
    if count >= 100 {
        for (what, seen) in [
            ("token requests", total.rotations),
            ("store failures", total.store_failures),
            ("crashes", total.crashes),
            ("callers giving up", total.gave_up),
            ("failed token requests", total.failed_token_requests),
        ] {
            assert!(seen > 0, "no {what} in {count} schedules");
        }
    }
}

#[test]
fn a_seed_replays_the_same_schedule() {
    for seed in [3, 17, 99] {
        let first = explore(seed).map(|stats| format!("{stats:?}"));
        let again = explore(seed).map(|stats| format!("{stats:?}"));
        assert_eq!(first, again, "seed {seed}");
    }
}
