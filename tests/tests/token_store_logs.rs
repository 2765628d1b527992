//! No store writes a token or the client secret to any log, at the most verbose level,
//! through `tracing` and through `log` (the database drivers log there: tokio-postgres prints
//! every statement's parameters at debug), on real PostgreSQL and Redis servers: a refresh and
//! its save, a save that fails because the store is cut, and the kept set saved afterwards.
//!
//! Its own test binary, because it installs the process-wide subscriber; it shares the store
//! tests' servers and harness.

#[path = "support/captured_log.rs"]
mod captured_log;
#[path = "token_stores/harness.rs"]
#[allow(dead_code, unused_macros, unused_imports)]
mod harness;
#[path = "token_stores/proxy.rs"]
#[allow(dead_code)]
mod proxy;
#[path = "token_stores/servers.rs"]
#[allow(dead_code)]
mod servers;

use std::time::Duration;

use cronofy::Error;
use cronofy::oauth::{RefreshingUserToken, TokenStore};
use cronofy_fake::Fault;
use tracing_subscriber::Layer;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use captured_log::Captured;
use harness::{Backend, fake_with_stored_tokens, unique_key};
use proxy::Proxy;

/// A refresh whose save fails with the store cut, then succeeds once it is back; returns
/// every token the run saw.
async fn refresh_through_an_outage(backend: Backend) -> Vec<String> {
    let proxy = Proxy::start(backend.server().port).await;
    let record = backend
        .connect_to(&backend.url_via(proxy.port))
        .await
        .with_operation_timeout(Duration::from_secs(1))
        .record(&unique_key("logs"));
    let fake = fake_with_stored_tokens(&record).await;
    let app = cronofy::AppCredentials::new(harness::CLIENT_ID, harness::CLIENT_SECRET);
    let user = RefreshingUserToken::from_store(&app, record.clone())
        .await
        .unwrap();
    let mut seen = vec![user.tokens()];

    // A refresh saved at once.
    fake.expire_all_access_tokens();
    cronofy::calendars::list_calendars(&fake.client(), &user)
        .await
        .unwrap();
    seen.push(user.tokens());

    // A refresh whose save meets a cut store, and the kept set saved once it is back.
    fake.inject(
        Fault::delay(Duration::from_millis(300))
            .times(1)
            .on_path("/oauth/token"),
    );
    fake.expire_all_access_tokens();
    let call = tokio::spawn({
        let (client, user) = (fake.client(), user.clone());
        async move { cronofy::calendars::list_calendars(&client, &user).await }
    });
    while fake.faults_waiting() > 0 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    proxy.cut();
    let error = call.await.unwrap().unwrap_err();
    assert!(matches!(error, Error::TokenStore(_)), "{error:?}");
    tracing::error!(%error, ?error, "a store failure as an application would log it");
    proxy.restore();
    cronofy::calendars::list_calendars(&fake.client(), &user)
        .await
        .unwrap();
    seen.push(user.tokens());
    let stored = record.load().await.unwrap().unwrap();
    tracing::info!(
        ?stored,
        ?record,
        "the record as an application would log it"
    );
    assert_eq!(fake.counters().refreshes, 2);

    seen.iter()
        .flat_map(|tokens| {
            [
                Some(tokens.access_token().to_owned()),
                tokens.refresh_token().map(str::to_owned),
            ]
        })
        .flatten()
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_store_writes_a_secret_to_any_log() {
    let captured = Captured::default();
    // Everything at TRACE except the fake Cronofy's own log (it is the server: it sees the
    // tokens). `init` also bridges `log` records, the drivers', into this subscriber.
    let client_side =
        tracing_subscriber::filter::filter_fn(|meta| !meta.target().starts_with("cronofy_fake"));
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(captured.clone())
                .with_ansi(false)
                .with_filter(tracing_subscriber::filter::LevelFilter::TRACE)
                .with_filter(client_side),
        )
        .init();

    let mut secrets = vec![harness::CLIENT_SECRET.to_owned()];
    for backend in [Backend::Postgres, Backend::Redis] {
        secrets.extend(refresh_through_an_outage(backend).await);
    }

    let output = captured.text();
    // The capture must have seen the drivers at work, or the absence of secrets proves
    // nothing: tokio-postgres's statement log (parameters included) and redis's connection.
    assert!(
        output.contains("executing statement"),
        "the PostgreSQL driver's debug log was not captured"
    );
    assert!(
        output.contains("[redacted]"),
        "the saved record appears in the driver's log, redacted"
    );
    assert!(output.contains("a store failure as an application would log it"));
    assert!(output.contains("a kept token set was saved"));
    assert_eq!(secrets.len(), 1 + 2 * 6);
    for secret in &secrets {
        assert!(
            !output.contains(secret.as_str()),
            "a secret leaked into the log ({} bytes of output)",
            output.len()
        );
    }
}
