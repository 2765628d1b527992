//! The fake Cronofy's rate limits (`FakeCronofyBuilder::rate_limits`), over real HTTP on
//! loopback: what is refused, what `Retry-After` says, which requests count, and how the
//! `cronofy` client lives with them.

use std::time::Duration;

use cronofy_fake::{BatchCounting, FakeCronofy, RateLimits};
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use serde_json::{Value, json};

async fn fake_with(limits: RateLimits) -> FakeCronofy {
    FakeCronofy::builder()
        .rate_limits(limits)
        .start()
        .await
        .unwrap()
}

/// A read-write token of the fake's default user.
fn user_token(fake: &FakeCronofy) -> String {
    let alice = fake.default_user();
    fake.issue_user_token(&alice.sub, "read_write").access_token
}

fn client_id(fake: &FakeCronofy) -> String {
    fake.app_credentials().client_id().as_str().to_owned()
}

/// `GET /v1/calendars` with `bearer`: the status and `Retry-After` in seconds, if sent.
async fn list_calendars(
    http: &reqwest::Client,
    fake: &FakeCronofy,
    bearer: Option<&str>,
) -> (StatusCode, Option<u64>) {
    let mut request = http.get(format!("{}/v1/calendars", fake.base_url()));
    if let Some(bearer) = bearer {
        request = request.header(AUTHORIZATION, format!("Bearer {bearer}"));
    }
    let response = request.send().await.unwrap();
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
    (response.status(), retry_after)
}

#[tokio::test]
async fn a_request_beyond_the_second_is_refused_until_retry_after_has_passed() {
    let fake = fake_with(RateLimits::new(5, 20)).await;
    let token = user_token(&fake);
    let http = reqwest::Client::new();
    for _ in 0..5 {
        let (status, _) = list_calendars(&http, &fake, Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
    }

    let response = http
        .get(format!("{}/v1/calendars", fake.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = response.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after >= 1, "Retry-After: {retry_after}");
    let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["error"], "rate_limited");
    // Logged like any other answer.
    let last = fake.requests().pop().unwrap();
    assert_eq!(
        (last.path.as_str(), last.status),
        ("/v1/calendars", Some(429))
    );
    assert_eq!(last.fault, None);

    tokio::time::sleep(Duration::from_secs(retry_after)).await;
    let (status, _) = list_calendars(&http, &fake, Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fake.rate_limited_count(), 1);
    assert_eq!(fake.admitted_requests().get(&client_id(&fake)), Some(&6));
}

#[tokio::test]
async fn the_minute_refuses_beyond_its_limit_while_every_second_stays_under_its_own() {
    // A 300 ms "second" and a 5 s "minute", so the test lasts under two seconds.
    let limits = RateLimits::new(5, 20).windows(Duration::from_millis(300), Duration::from_secs(5));
    let fake = fake_with(limits).await;
    let token = user_token(&fake);
    let http = reqwest::Client::new();
    for _ in 0..5 {
        for _ in 0..4 {
            let (status, _) = list_calendars(&http, &fake, Some(&token)).await;
            assert_eq!(status, StatusCode::OK);
        }
        tokio::time::sleep(Duration::from_millis(320)).await;
    }
    // The "second" is empty now; the "minute" holds 20.
    let (status, retry_after) = list_calendars(&http, &fake, Some(&token)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let retry_after = retry_after.unwrap();
    assert!((1..=5).contains(&retry_after), "Retry-After: {retry_after}");
    assert_eq!(fake.admitted_requests().get(&client_id(&fake)), Some(&20));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_200_concurrent_requests_exactly_the_limit_is_admitted() {
    // Cronofy's 50 per second, over a 5 s "second" so that a slow machine still sends all 200
    // within one window.
    let limits = RateLimits::cronofy().windows(Duration::from_secs(5), Duration::from_secs(60));
    let fake = fake_with(limits).await;
    let token = user_token(&fake);
    let http = reqwest::Client::new();
    let statuses = futures::future::join_all(
        (0..200).map(|_| async { list_calendars(&http, &fake, Some(&token)).await.0 }),
    )
    .await;
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((ok, refused), (50, 150));
    assert_eq!(fake.admitted_requests().get(&client_id(&fake)), Some(&50));
    assert_eq!(fake.rate_limited_count(), 150);
}

/// Posts one batch of ten event upserts; returns its status.
async fn post_batch_of_ten(fake: &FakeCronofy, token: &str) -> StatusCode {
    let calendar = fake.default_user().primary_calendar_id().to_owned();
    let entries: Vec<Value> = (0..10)
        .map(|i| {
            json!({
                "method": "POST",
                "relative_url": format!("/v1/calendars/{calendar}/events"),
                "data": {
                    "event_id": format!("batch-{i}"),
                    "summary": "Batched",
                    "start": "2026-11-23T09:00:00Z",
                    "end": "2026-11-23T09:30:00Z",
                },
            })
        })
        .collect();
    reqwest::Client::new()
        .post(format!("{}/v1/batch", fake.base_url()))
        .bearer_auth(token)
        .header(CONTENT_TYPE, "application/json")
        .body(json!({ "batch": entries }).to_string())
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_batch_counts_once_by_default_and_per_entry_when_asked() {
    let fake = fake_with(RateLimits::cronofy()).await;
    let token = user_token(&fake);
    assert_eq!(
        post_batch_of_ten(&fake, &token).await,
        StatusCode::MULTI_STATUS
    );
    assert_eq!(fake.admitted_requests().get(&client_id(&fake)), Some(&1));

    let fake = fake_with(RateLimits::cronofy().batch(BatchCounting::PerEntry)).await;
    let token = user_token(&fake);
    // The body read to count the entries still reaches the batch endpoint whole.
    assert_eq!(
        post_batch_of_ten(&fake, &token).await,
        StatusCode::MULTI_STATUS
    );
    assert_eq!(fake.admitted_requests().get(&client_id(&fake)), Some(&10));
    assert_eq!(fake.events(&fake.default_user().sub).len(), 10);

    // Ten entries against a limit of 5: admitted into an empty window, then nothing more.
    let fake = fake_with(RateLimits::new(5, 500).batch(BatchCounting::PerEntry)).await;
    let token = user_token(&fake);
    assert_eq!(
        post_batch_of_ten(&fake, &token).await,
        StatusCode::MULTI_STATUS
    );
    let (status, _) = list_calendars(&reqwest::Client::new(), &fake, Some(&token)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn without_limits_nothing_is_refused() {
    let fake = FakeCronofy::start().await;
    let token = user_token(&fake);
    let http = reqwest::Client::new();
    for _ in 0..100 {
        let (status, _) = list_calendars(&http, &fake, Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
    }
    assert_eq!(fake.rate_limited_count(), 0);
    assert!(fake.admitted_requests().is_empty());
}

#[tokio::test]
async fn every_credential_of_the_application_shares_its_budget_and_unknown_ones_use_none() {
    let fake = fake_with(RateLimits::new(2, 100)).await;
    let token = user_token(&fake);
    let secret = fake.app_credentials().client_secret().to_owned();
    let http = reqwest::Client::new();

    // Unknown credentials and none at all: answered 401, never counted.
    for _ in 0..5 {
        let (status, _) = list_calendars(&http, &fake, Some("made-up")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = list_calendars(&http, &fake, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert!(fake.admitted_requests().is_empty());

    // The user's token and the application's secret (the wrong kind here, still counted).
    assert_eq!(
        list_calendars(&http, &fake, Some(&token)).await.0,
        StatusCode::OK
    );
    assert_eq!(
        list_calendars(&http, &fake, Some(&secret)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        list_calendars(&http, &fake, Some(&token)).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(fake.admitted_requests().get(&client_id(&fake)), Some(&2));
}

#[tokio::test]
async fn the_client_retries_a_refused_call_once_the_window_frees_up() {
    let fake = fake_with(RateLimits::new(5, 20)).await;
    let token = user_token(&fake);
    let http = reqwest::Client::new();
    for _ in 0..5 {
        assert_eq!(
            list_calendars(&http, &fake, Some(&token)).await.0,
            StatusCode::OK
        );
    }
    // The default RetryPolicy honours Retry-After: the call waits and succeeds by itself.
    let user = fake.issue_user_token(&fake.default_user().sub, "read_write");
    let calendars = cronofy::calendars::list_calendars(&fake.client(), &user.user_token())
        .await
        .unwrap();
    assert!(!calendars.calendars.is_empty());
    let statuses: Vec<Option<u16>> = fake.requests().iter().map(|r| r.status).collect();
    assert_eq!(&statuses[statuses.len() - 2..], &[Some(429), Some(200)]);
    assert_eq!(fake.rate_limited_count(), 1);
}

#[tokio::test]
async fn a_refused_request_leaves_injected_faults_for_the_next_admitted_one() {
    let fake = fake_with(RateLimits::new(1, 100)).await;
    let token = user_token(&fake);
    let http = reqwest::Client::new();
    assert_eq!(
        list_calendars(&http, &fake, Some(&token)).await.0,
        StatusCode::OK
    );
    fake.inject(cronofy_fake::Fault::server_error());
    let (status, retry_after) = list_calendars(&http, &fake, Some(&token)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(fake.faults_waiting(), 1);
    tokio::time::sleep(Duration::from_secs(retry_after.unwrap())).await;
    assert_eq!(
        list_calendars(&http, &fake, Some(&token)).await.0,
        StatusCode::INTERNAL_SERVER_ERROR
    );
}
