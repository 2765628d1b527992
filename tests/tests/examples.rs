//! Every runnable example, run against the fake Cronofy, with what it did checked at the fake.
//!
//! Each example file is compiled here as a module (its `main` is unused) and its `run` called
//! with a fresh fake, so the tests run exactly the code a reader copies.

#![allow(dead_code)]

#[path = "../../examples/bulk_sync.rs"]
mod bulk_sync;
#[path = "../../examples/declare_endpoint.rs"]
mod declare_endpoint;
#[path = "../../examples/oauth_callback.rs"]
mod oauth_callback;
#[path = "../../examples/org_impersonation.rs"]
mod org_impersonation;
#[path = "../../examples/quickstart.rs"]
mod quickstart;

use cronofy_examples::Environment;
use cronofy_fake::CredentialKind;

#[tokio::test]
async fn quickstart_shows_every_kind_a_refresh_with_rotation_and_impersonation() {
    let env = Environment::fake().await;
    quickstart::run(&env).await.unwrap();

    let fake = env.fake.as_ref().unwrap();
    let counters = fake.counters();
    // One refresh by the credential after the forced expiry, plus the quickstart's deliberate
    // replay of the old refresh token, which the fake refused.
    assert_eq!(counters.refreshes, 2, "{counters:?}");
    assert_eq!(counters.token_errors, 1, "{counters:?}");
    assert_eq!(
        counters.code_exchanges, 2,
        "the user's and the organization's"
    );
    let kinds: Vec<_> = fake.requests().iter().map(|r| r.credential).collect();
    for kind in [
        CredentialKind::User,
        CredentialKind::App,
        CredentialKind::Org,
        CredentialKind::Impersonating,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} request in {kinds:?}");
    }
    let user = fake.default_user();
    assert!(
        !fake
            .events(&user.sub)
            .iter()
            .any(|e| e.event_id.as_deref() == Some("cronofy-rs-quickstart") && !e.deleted),
        "the quickstart deletes the event it created"
    );
    let written = fake
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/events"))
        .count();
    assert_eq!(written, 1, "one upsert");
}

#[tokio::test]
async fn declare_endpoint_calls_user_declared_endpoints_paged_too() {
    let env = Environment::fake().await;
    declare_endpoint::run(&env).await.unwrap();
    let fake = env.fake.as_ref().unwrap();
    let paths: Vec<String> = fake.requests().into_iter().map(|r| r.path).collect();
    assert!(paths.iter().any(|p| p == "/v1/profiles"), "{paths:?}");
    assert!(paths.iter().any(|p| p == "/v1/events"), "{paths:?}");
    assert_eq!(
        declare_endpoint::LIST_PROFILES.to_string(),
        "GET /v1/profiles (user)"
    );
    assert_eq!(declare_endpoint::READ_EVENTS.paged, Some("events"));
}

#[tokio::test]
async fn org_impersonation_acts_for_every_member() {
    let env = Environment::fake().await;
    let fake = env.fake.as_ref().unwrap();
    let org = fake.default_org();
    org_impersonation::run(&env).await.unwrap();

    let scheduled = org.member_subs.iter().find(|sub| {
        fake.events(sub)
            .iter()
            .any(|e| e.event_id.as_deref() == Some("org-scheduled-1"))
    });
    assert!(scheduled.is_some(), "the event is in a member's calendar");
    let impersonated: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.credential == CredentialKind::Impersonating)
        .filter_map(|r| r.acting_for)
        .collect();
    for member in &org.member_subs {
        assert!(
            impersonated.contains(member),
            "{member} not impersonated: {impersonated:?}"
        );
    }
}

/// A request to the listener from outside the flow: the status and page it got.
async fn get(url: &str) -> (u16, String) {
    let response = reqwest::get(url).await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn oauth_callback_survives_forged_idle_and_denied_requests_then_completes_the_real_one() {
    let env = Environment::fake().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let callback = format!("http://{}/callback", listener.local_addr().unwrap());
    let (opened, url) = tokio::sync::oneshot::channel();
    let flow = oauth_callback::authorize_through(&env, listener, move |url| {
        let _ = opened.send(url);
    });
    let visitors = async {
        let url: url::Url = url.await.unwrap();
        let state = url
            .query_pairs()
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v.into_owned())
            .unwrap();
        // A connection that never sends a request holds up nothing.
        let idle = tokio::net::TcpStream::connect(
            callback
                .trim_end_matches("/callback")
                .trim_start_matches("http://"),
        )
        .await
        .unwrap();

        // Any web page can make the browser load these.
        let (status, page) = get(&format!("{callback}?code=ATTACKER")).await;
        assert_eq!(status, 400, "{page}");
        assert!(!page.contains("authorized this application"), "{page}");
        let (status, page) = get(&format!(
            "{callback}?code=ATTACKER&state=evil&state={state}"
        ))
        .await;
        assert_eq!(status, 400, "{page}");
        // A denial with a hostile description: refused, and shown escaped.
        let (status, page) = get(&format!(
            "{callback}?error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state={state}"
        ))
        .await;
        assert_eq!(status, 400, "{page}");
        assert!(
            page.contains("&lt;script&gt;") && !page.contains("<script>"),
            "{page}"
        );
        assert_eq!(env.fake.as_ref().unwrap().counters().code_exchanges, 0);

        // The real browser, last: the flow still completes.
        let (status, page) = get(url.as_str()).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("authorized this application"), "{page}");
        drop(idle);
    };
    let (tokens, ()) = tokio::join!(flow, visitors);
    let tokens = tokens.unwrap();
    let fake = env.fake.as_ref().unwrap();
    assert_eq!(tokens.sub(), Some(fake.default_user().sub.as_str()));
    assert_eq!(fake.counters().code_exchanges, 1);
}

#[tokio::test]
async fn oauth_callback_completes_the_browser_flow_through_a_local_listener() {
    let env = Environment::fake().await;
    let tokens = oauth_callback::run(&env).await.unwrap();
    let fake = env.fake.as_ref().unwrap();
    assert_eq!(tokens.sub(), Some(fake.default_user().sub.as_str()));
    assert!(tokens.refresh_token().is_some());
    assert_eq!(fake.counters().code_exchanges, 1);
}

#[tokio::test]
async fn bulk_sync_writes_and_cancels_in_batches_within_the_rate_limits() {
    let fake = cronofy_fake::FakeCronofy::builder()
        .rate_limits(cronofy::rate::RateLimits::cronofy())
        .start()
        .await
        .unwrap();
    let env = Environment {
        client: fake.client(),
        app: fake.app_credentials(),
        fake: Some(fake),
    };
    bulk_sync::run(&env).await.unwrap();

    let fake = env.fake.as_ref().unwrap();
    assert_eq!(fake.rate_limited_count(), 0);
    let sub = fake.default_user().sub;
    let live: Vec<_> = fake
        .events(&sub)
        .into_iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| e.event_id)
        .filter(|id| id.starts_with("bulk-sync-"))
        .collect();
    assert_eq!(live.len(), bulk_sync::BOOKINGS - bulk_sync::CANCELLATIONS);
    assert!(!live.contains(&"bulk-sync-990".to_owned()));
    assert!(live.contains(&"bulk-sync-991".to_owned()));
    let batches = fake
        .requests()
        .iter()
        .filter(|r| r.path == "/v1/batch")
        .count();
    // 20 batches of bookings; the cancellations in a few batches, not 100 calls.
    assert!((21..=30).contains(&batches), "{batches} batches");
}
