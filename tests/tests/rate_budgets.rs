//! The rate budgets kept outside the process, in a real Redis and a real PostgreSQL (started
//! by the tests, as the token-store tests start theirs): each keeps the same sliding windows as
//! the in-memory budget, holds every governor back after a pause, and two governors naming the
//! same application (two processes, as far as the budget can tell: separate connections)
//! share one budget. The governor's pacing of real HTTP calls, and processes sharing a budget
//! in Redis, are in `rate_governor.rs`.

#[path = "token_stores/servers.rs"]
#[allow(dead_code)]
mod servers;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use cronofy::oauth::{PostgresTokenStore, RedisTokenStore};
use cronofy::rate::{RateGovernor, RateLimits, SharedBudget};

#[derive(Clone, Copy, Debug)]
enum Store {
    Redis,
    Postgres,
}

/// A fresh application name, so runs and tests do not share a budget.
fn application(test: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "{test}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A budget for `application` on a connection of its own.
async fn budget(store: Store, application: &str) -> SharedBudget {
    match store {
        Store::Redis => {
            let url = tokio::task::spawn_blocking(|| servers::redis().url.clone())
                .await
                .unwrap();
            RedisTokenStore::connect(&url)
                .await
                .unwrap()
                .rate_budget(application)
                .into()
        }
        Store::Postgres => {
            let params = tokio::task::spawn_blocking(|| servers::postgres().url.clone())
                .await
                .unwrap();
            let store = PostgresTokenStore::connect(&params).await.unwrap();
            store.migrate().await.unwrap();
            store.rate_budget(application).into()
        }
    }
}

const STORES: [Store; 2] = [Store::Redis, Store::Postgres];

#[tokio::test]
async fn each_shared_budget_keeps_both_windows() {
    for store in STORES {
        let limits =
            RateLimits::new(3, 5).windows(Duration::from_millis(400), Duration::from_secs(2));
        let governor = RateGovernor::shared(limits, budget(store, &application("windows")).await)
            .margin(Duration::ZERO);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(
                governor.admit(1).await.unwrap(),
                Duration::ZERO,
                "{store:?}"
            );
        }
        // The second's three are spent: the fourth waits for the first to leave it.
        governor.admit(1).await.unwrap();
        let fourth = start.elapsed();
        assert!(
            fourth >= Duration::from_millis(380),
            "{store:?}: {fourth:?}"
        );
        governor.admit(1).await.unwrap();
        // The minute's five are spent: the sixth waits for the first to leave the minute.
        governor.admit(1).await.unwrap();
        let sixth = start.elapsed();
        assert!(
            sixth >= Duration::from_millis(1_980),
            "{store:?}: {sixth:?}"
        );
        assert!(sixth < Duration::from_secs(10), "{store:?}: {sixth:?}");
        assert_eq!(governor.stats().admitted, 6);
    }
}

#[tokio::test]
async fn a_pause_holds_back_every_governor_sharing_the_budget() {
    for store in STORES {
        let application = application("pause");
        let limits = RateLimits::new(50, 500);
        let first = RateGovernor::shared(limits, budget(store, &application).await);
        let second = RateGovernor::shared(limits, budget(store, &application).await);
        first.back_off(Duration::from_millis(600)).await.unwrap();
        let start = Instant::now();
        second.admit(1).await.unwrap();
        let waited = start.elapsed();
        assert!(
            waited >= Duration::from_millis(550),
            "{store:?}: {waited:?}"
        );
        // A shorter pause does not cut a longer one short.
        first.back_off(Duration::from_millis(800)).await.unwrap();
        first.back_off(Duration::from_millis(100)).await.unwrap();
        let start = Instant::now();
        second.admit(1).await.unwrap();
        assert!(start.elapsed() >= Duration::from_millis(750), "{store:?}");
    }
}

#[tokio::test]
async fn two_governors_naming_one_application_share_its_budget() {
    for store in STORES {
        let application = application("shared");
        let limits =
            RateLimits::new(4, 1_000).windows(Duration::from_millis(300), Duration::from_secs(60));
        let governors = [
            RateGovernor::shared(limits, budget(store, &application).await),
            RateGovernor::shared(limits, budget(store, &application).await),
        ];
        let start = Instant::now();
        let admissions = futures::future::join_all(governors.iter().flat_map(|governor| {
            (0..8).map(move |_| async move {
                governor.admit(1).await.unwrap();
                start.elapsed()
            })
        }))
        .await;
        let mut admitted = admissions;
        admitted.sort();
        // 16 admissions, 4 per 300 ms: the last three windows' worth each waited for one.
        assert!(
            admitted[15] >= Duration::from_millis(900),
            "{store:?}: {admitted:?}"
        );
        // Seen from here, after each call returned: never more than 4 within 250 ms (the
        // window less a margin for when each admission was seen).
        for pair in admitted.windows(5) {
            assert!(
                pair[4] - pair[0] >= Duration::from_millis(250),
                "{store:?}: five admissions within {:?}: {admitted:?}",
                pair[4] - pair[0]
            );
        }
    }
}

#[tokio::test]
async fn a_request_counting_more_than_a_window_holds_waits_for_an_empty_window_and_counts_in_full()
{
    for store in STORES {
        let limits =
            RateLimits::new(3, 10).windows(Duration::from_millis(300), Duration::from_secs(3));
        let governor = RateGovernor::shared(limits, budget(store, &application("oversized")).await)
            .margin(Duration::ZERO);
        let start = Instant::now();
        // Five at once: more than the second's three, admitted into the empty window.
        assert_eq!(
            governor.admit(5).await.unwrap(),
            Duration::ZERO,
            "{store:?}"
        );
        governor.admit(1).await.unwrap();
        assert!(start.elapsed() >= Duration::from_millis(280), "{store:?}");
        // Six of the minute's ten are used: five more must wait for the first five to leave.
        governor.admit(5).await.unwrap();
        let third = start.elapsed();
        assert!(
            third >= Duration::from_millis(2_950),
            "{store:?}: {third:?}"
        );
        assert!(third < Duration::from_secs(10), "{store:?}: {third:?}");
    }
}

#[tokio::test]
async fn a_huge_cost_keeps_redis_small_and_names_do_not_share_budgets() {
    let url = tokio::task::spawn_blocking(|| servers::redis().url.clone())
        .await
        .unwrap();
    let store = RedisTokenStore::connect(&url).await.unwrap();
    let limits = RateLimits::new(5, 20);
    let name = application("huge");
    let governor = RateGovernor::shared(limits, store.rate_budget(&name));
    // A million requests at once: admitted into the empty windows, kept as a window's worth.
    assert_eq!(governor.admit(1_000_000).await.unwrap(), Duration::ZERO);
    let mut raw = redis::Client::open(url.as_str())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    for (part, limit) in [("second", 5), ("minute", 20)] {
        let members: u64 = redis::cmd("ZCARD")
            .arg(format!("cronofy:rate:{{app:{name}}}:{part}"))
            .query_async(&mut raw)
            .await
            .unwrap();
        assert_eq!(members, limit, "{part}");
    }

    // "" and "_" are two applications with a budget each.
    let limits = RateLimits::new(1, 1).windows(Duration::from_secs(60), Duration::from_secs(60));
    let empty =
        RateGovernor::shared(limits, store.rate_budget("")).max_wait(Duration::from_millis(10));
    let underscore =
        RateGovernor::shared(limits, store.rate_budget("_")).max_wait(Duration::from_millis(10));
    // Earlier runs may have spent either budget: clear both first.
    let _: () = redis::cmd("DEL")
        .arg("cronofy:rate:{app:}:second")
        .arg("cronofy:rate:{app:}:minute")
        .arg("cronofy:rate:{app:_}:second")
        .arg("cronofy:rate:{app:_}:minute")
        .query_async(&mut raw)
        .await
        .unwrap();
    assert!(empty.admit(1).await.is_ok());
    assert!(underscore.admit(1).await.is_ok(), "a budget of its own");
    assert!(empty.admit(1).await.is_err(), "the first is spent");
}
