//! Automatic batching (`cronofy::batching::Batcher`) and the bulk API (`batching::bulk`) against
//! the fake Cronofy over loopback HTTP: calls coalesced into `/v1/batch` requests, each caller
//! getting its own typed result (a failure inside a batch included), operations refused before
//! sending, the fill wait, and pacing by the rate governor.

use std::time::{Duration, Instant};

use cronofy::batching::{Batcher, BulkOptions, Operation, bulk};
use cronofy::events::{DeleteEvent, ParticipationStatus, UpsertEvent};
use cronofy::rate::{RateGovernor, RateLimits};
use cronofy::time::UtcTime;
use cronofy::{Client, Error, UserToken};
use cronofy_fake::FakeCronofy;
use futures::StreamExt as _;

struct Setup {
    fake: FakeCronofy,
    client: Client,
    token: UserToken,
    sub: String,
    calendar_id: String,
}

async fn setup() -> Setup {
    setup_with(FakeCronofy::start().await, None).await
}

async fn setup_with(fake: FakeCronofy, governor: Option<RateGovernor>) -> Setup {
    let mut builder = Client::builder().base_url(fake.base_url());
    if let Some(governor) = governor {
        builder = builder.rate_governor(governor);
    }
    let client = builder.build().unwrap();
    let alice = fake.default_user();
    let token = UserToken::new(fake.issue_user_token(&alice.sub, "read_write").access_token);
    Setup {
        client,
        token,
        sub: alice.sub.clone(),
        calendar_id: alice.calendar_ids[0].clone(),
        fake,
    }
}

fn upsert(calendar_id: &str, id: impl std::fmt::Display) -> Operation {
    Operation::upsert_event(
        calendar_id,
        UpsertEvent::new(
            format!("evt-{id}"),
            "Synced",
            UtcTime::parse("2026-11-23T09:00:00Z").unwrap(),
            UtcTime::parse("2026-11-23T09:30:00Z").unwrap(),
        ),
    )
}

fn batch_requests(fake: &FakeCronofy) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.path == "/v1/batch")
        .count()
}

fn live_events(fake: &FakeCronofy, sub: &str) -> usize {
    fake.events(sub).iter().filter(|e| !e.deleted).count()
}

#[tokio::test]
async fn concurrent_calls_are_sent_as_full_batches_and_each_gets_its_own_result() {
    let s = setup().await;
    let batcher = Batcher::builder(s.client.clone(), s.token.clone())
        .fill_wait(Duration::from_secs(5))
        .build();
    let calls = (0..120).map(|n| batcher.submit(upsert(&s.calendar_id, n)));
    let started = Instant::now();
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    // 50 + 50 went as soon as they were full; the last 20 waited out the fill wait.
    assert_eq!(batch_requests(&s.fake), 3);
    assert!(started.elapsed() >= Duration::from_secs(5));
    assert_eq!(live_events(&s.fake, &s.sub), 120);
    assert_eq!(
        s.fake.requests().len(),
        3,
        "nothing but the batches was sent"
    );
}

#[tokio::test]
async fn a_failure_inside_a_batch_reaches_only_its_caller_typed_as_a_single_call() {
    let s = setup().await;
    let batcher = Batcher::builder(s.client.clone(), s.token.clone())
        .fill_wait(Duration::from_secs(5))
        .build();
    let mut operations: Vec<Operation> = (0..48).map(|n| upsert(&s.calendar_id, n)).collect();
    // A calendar the user does not have: Cronofy answers that entry with 422.
    operations.insert(10, upsert("cal_nobody_has_this", "lost"));
    // Not a request a batch may hold: that entry alone fails.
    operations.insert(
        30,
        Operation::ChangeParticipationStatus {
            calendar_id: s.calendar_id.clone(),
            event_uid: "evt_external_1".into(),
            status: ParticipationStatus::Accepted,
        },
    );
    let results =
        futures::future::join_all(operations.into_iter().map(|op| batcher.submit(op))).await;
    assert_eq!(batch_requests(&s.fake), 1, "the 50 calls shared one batch");
    for (index, result) in results.iter().enumerate() {
        match index {
            10 => match result {
                Err(Error::Validation { errors, .. }) => {
                    assert!(!errors.field("calendar_id").is_empty(), "{errors:?}");
                }
                other => panic!("entry 10: {other:?}"),
            },
            30 => assert!(
                matches!(result, Err(Error::Validation { .. })),
                "entry 30: {result:?}"
            ),
            _ => assert!(result.is_ok(), "entry {index}: {result:?}"),
        }
    }
    assert_eq!(live_events(&s.fake, &s.sub), 48);
}

#[tokio::test]
async fn a_batch_that_fails_as_a_whole_fails_each_of_its_callers() {
    let s = setup().await;
    let batcher = Batcher::builder(
        s.client.clone(),
        UserToken::new("not-a-token-the-fake-issued"),
    )
    .fill_wait(Duration::from_millis(50))
    .build();
    let results =
        futures::future::join_all((0..5).map(|n| batcher.submit(upsert(&s.calendar_id, n)))).await;
    for result in results {
        assert!(
            matches!(result, Err(Error::Unauthorized { .. })),
            "{result:?}"
        );
    }
    assert_eq!(batch_requests(&s.fake), 1);
}

#[tokio::test]
async fn an_operation_the_single_call_would_refuse_is_refused_at_once_and_never_sent() {
    let s = setup().await;
    let batcher = Batcher::builder(s.client.clone(), s.token.clone())
        .fill_wait(Duration::from_secs(30))
        .build();
    let started = Instant::now();
    let result = batcher
        .submit(Operation::delete_event("..", DeleteEvent::new("evt-1")))
        .await;
    assert!(
        matches!(
            result,
            Err(Error::InvalidPathParameter {
                name: "calendar_id",
                ..
            })
        ),
        "{result:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "it did not wait to fill a batch"
    );
    assert!(s.fake.requests().is_empty());
}

#[tokio::test]
async fn a_lone_call_is_sent_once_the_fill_wait_is_over() {
    let s = setup().await;
    let fill_wait = Duration::from_millis(300);
    let batcher = Batcher::builder(s.client.clone(), s.token.clone())
        .fill_wait(fill_wait)
        .build();
    let started = Instant::now();
    batcher.submit(upsert(&s.calendar_id, 1)).await.unwrap();
    let took = started.elapsed();
    // It waited for company (the fill wait), and then not for ever: the bound itself is
    // checked exactly, on tokio's paused clock, by the batcher's unit tests.
    assert!(took >= fill_wait, "{took:?}");
    assert!(took < fill_wait + Duration::from_secs(10), "{took:?}");
    assert_eq!(batch_requests(&s.fake), 1);
}

#[tokio::test]
async fn bulk_answers_every_operation_in_order_including_those_refused_before_sending() {
    let s = setup().await;
    let mut operations: Vec<Operation> = (0..1_000).map(|n| upsert(&s.calendar_id, n)).collect();
    operations[7] = Operation::delete_event("", DeleteEvent::new("evt-7"));
    operations[503] = upsert("cal_nobody_has_this", 503);
    let results: Vec<_> = bulk(
        &s.client,
        &s.token,
        futures::stream::iter(operations),
        BulkOptions::default(),
    )
    .collect()
    .await;
    assert_eq!(results.len(), 1_000);
    for (position, item) in results.iter().enumerate() {
        assert_eq!(item.index, position);
        match position {
            7 => assert!(matches!(
                item.result,
                Err(Error::InvalidPathParameter { .. })
            )),
            503 => assert!(matches!(item.result, Err(Error::Validation { .. }))),
            _ => assert!(item.result.is_ok(), "{position}: {:?}", item.result),
        }
    }
    assert_eq!(batch_requests(&s.fake), 20);
    assert_eq!(live_events(&s.fake, &s.sub), 998);
}

#[tokio::test]
async fn bulk_through_a_governor_stays_within_the_limits() {
    let limits = RateLimits::new(5, 20).windows(Duration::from_millis(500), Duration::from_secs(3));
    let fake = FakeCronofy::builder()
        .rate_limits(limits)
        .start()
        .await
        .unwrap();
    let s = setup_with(fake, Some(RateGovernor::in_memory(limits))).await;
    let operations = (0..1_500).map(|n| upsert(&s.calendar_id, n));
    let results: Vec<_> = bulk(
        &s.client,
        &s.token,
        futures::stream::iter(operations),
        BulkOptions::default().in_flight(8),
    )
    .collect()
    .await;
    assert!(results.iter().all(|item| item.result.is_ok()));
    assert_eq!(s.fake.rate_limited_count(), 0);
    assert_eq!(batch_requests(&s.fake), 30);
    assert_eq!(live_events(&s.fake, &s.sub), 1_500);
}

#[tokio::test]
async fn a_batch_answered_with_fewer_results_than_operations_fails_each_caller_as_undecodable() {
    let mut server = mockito::Server::new_async().await;
    let short = server
        .mock("POST", "/v1/batch")
        .with_status(207)
        .with_body(r#"{"batch": [{"status": 202}]}"#)
        .expect(1)
        .create_async()
        .await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    let batcher = Batcher::builder(client, UserToken::new("a-user-token-123"))
        .fill_wait(Duration::from_secs(5))
        .max_entries(3)
        .build();
    let results =
        futures::future::join_all((0..3).map(|n| batcher.submit(upsert("cal_1", n)))).await;
    short.assert_async().await;
    for result in results {
        assert!(matches!(result, Err(Error::Decode { .. })), "{result:?}");
    }
}

#[test]
fn a_batcher_whose_runtime_shut_down_starts_again_on_the_next_one() {
    // The fake on a runtime of its own, alive throughout.
    let fake_runtime = tokio::runtime::Runtime::new().unwrap();
    let s = fake_runtime.block_on(setup());
    // No idle connections kept: one opened on a runtime that is gone cannot serve another.
    let http = reqwest::Client::builder().pool_max_idle_per_host(0);
    let client = Client::builder()
        .base_url(s.fake.base_url())
        .http_client(http)
        .build()
        .unwrap();
    let batcher = Batcher::builder(client, s.token.clone())
        .fill_wait(Duration::from_millis(10))
        .build();
    for n in 0..3 {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let result = runtime.block_on(batcher.submit(upsert(&s.calendar_id, n)));
        assert!(result.is_ok(), "runtime {n}: {result:?}");
        // The batcher's task ends with this runtime.
        drop(runtime);
    }
    assert_eq!(live_events(&s.fake, &s.sub), 3);
    assert_eq!(batch_requests(&s.fake), 3);
}

#[tokio::test]
async fn bulk_over_a_live_stream_sends_what_it_has_without_waiting_for_a_full_batch() {
    let s = setup().await;
    let (operations, input) = futures::channel::mpsc::unbounded();
    let mut results = bulk(&s.client, &s.token, input, BulkOptions::default());
    operations
        .unbounded_send(upsert(&s.calendar_id, 1))
        .unwrap();
    // The first is answered while the stream is still open and nothing else has come.
    let first = tokio::time::timeout(Duration::from_secs(10), results.next())
        .await
        .expect("the lone operation was sent without waiting for 49 more")
        .unwrap();
    assert_eq!(first.index, 0);
    assert!(first.result.is_ok(), "{:?}", first.result);
    operations
        .unbounded_send(upsert(&s.calendar_id, 2))
        .unwrap();
    drop(operations);
    let rest: Vec<_> = results.collect().await;
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].index, 1);
    assert_eq!(live_events(&s.fake, &s.sub), 2);
}
