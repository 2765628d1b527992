//! No token or client secret reaches tracing output, at the most verbose level, through a whole
//! OAuth flow: code exchange, a request, a 401, a refresh with rotation, the retried request,
//! and an error. `log` records (reqwest's) are bridged in too.
//!
//! Its own test binary, because it installs the process-wide subscriber.

#[path = "support/captured_log.rs"]
mod captured_log;

use cronofy::oauth::RefreshingUserToken;
use cronofy::oauth::{AuthorizationCode, ExchangeCode, MemoryTokenStore, exchange_code};
use cronofy::{AppCredentials, Client};
use mockito::Matcher;
use tracing_subscriber::Layer;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use captured_log::Captured;

const CLIENT_SECRET: &str = "CLIENT-SECRET-a1b2c3d4e5f6";
const CODE: &str = "AUTH-CODE-0f9e8d7c6b5a";
const FIRST_ACCESS: &str = "ACCESS-ONE-112233445566778899";
const FIRST_REFRESH: &str = "REFRESH-ONE-998877665544332211";
const SECOND_ACCESS: &str = "ACCESS-TWO-aabbccddeeff001122";
const SECOND_REFRESH: &str = "REFRESH-TWO-221100ffeeddccbbaa";

#[tokio::test]
async fn no_secret_appears_in_trace_output() {
    let captured = Captured::default();
    // Everything at TRACE except the stand-in server's own log, which records the requests
    // it receives (Cronofy itself sees the secrets, of course). `init` also bridges `log`
    // records (reqwest's) into this subscriber.
    let client_side =
        tracing_subscriber::filter::filter_fn(|meta| !meta.target().starts_with("mockito"));
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(captured.clone())
                .with_ansi(false)
                .with_filter(tracing_subscriber::filter::LevelFilter::TRACE)
                .with_filter(client_side),
        )
        .init();

    let mut server = mockito::Server::new_async().await;
    let token_body = |access: &str, refresh: &str| {
        serde_json::json!({
            "token_type": "bearer", "access_token": access, "refresh_token": refresh,
            "expires_in": 3600, "scope": "read_write", "sub": "acc_1", "account_id": "acc_1"
        })
        .to_string()
    };
    let exchange = server
        .mock("POST", "/oauth/token")
        .match_body(Matcher::PartialJson(
            serde_json::json!({"grant_type": "authorization_code"}),
        ))
        .with_body(token_body(FIRST_ACCESS, FIRST_REFRESH))
        .expect(1)
        .create_async()
        .await;
    let refresh = server
        .mock("POST", "/oauth/token")
        .match_body(Matcher::PartialJson(
            serde_json::json!({"grant_type": "refresh_token", "refresh_token": FIRST_REFRESH}),
        ))
        .with_body(token_body(SECOND_ACCESS, SECOND_REFRESH))
        .expect(1)
        .create_async()
        .await;
    let rejected = server
        .mock("GET", "/v1/calendars")
        .match_header("authorization", format!("Bearer {FIRST_ACCESS}").as_str())
        // The server echoes the token, as a careless proxy might.
        .with_status(401)
        .with_body(format!("token {FIRST_ACCESS} is expired"))
        .expect(1)
        .create_async()
        .await;
    let accepted = server
        .mock("GET", "/v1/calendars")
        .match_header("authorization", format!("Bearer {SECOND_ACCESS}").as_str())
        .with_body(r#"{"calendars": []}"#)
        .expect(1)
        .create_async()
        .await;
    let failing = server
        .mock("GET", "/v1/account")
        .with_status(500)
        .with_body(format!("internal error near {SECOND_ACCESS}"))
        .create_async()
        .await;

    let client = Client::builder()
        .base_url(server.url())
        .retry_policy(cronofy::RetryPolicy::none())
        .build()
        .unwrap();
    let app = AppCredentials::new("client-id", CLIENT_SECRET);
    let grant =
        ExchangeCode::without_state_check(AuthorizationCode::new(CODE), "https://example.com/cb");
    let tokens = exchange_code(&client, &app, &grant).await.unwrap();
    let store = MemoryTokenStore::new();
    let user = RefreshingUserToken::from_new_authorization(&app, tokens, store.clone())
        .await
        .unwrap();
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    let error = cronofy::identity::read_account(&client, &user)
        .await
        .unwrap_err();
    tracing::info!(error = %error, debug = ?error, "the error as an application would log it");
    tracing::info!(credential = ?user, store = ?store, "the credential as an application would log it");

    for mock in [exchange, refresh, rejected, accepted, failing] {
        mock.assert_async().await;
    }
    assert_eq!(
        store.latest().unwrap().refresh_token(),
        Some(SECOND_REFRESH)
    );

    let output = captured.text();
    // The capture must have seen the traffic, or the absence of secrets proves nothing.
    assert!(output.contains("cronofy request"), "{output}");
    assert!(
        output.contains("access token refreshed and stored"),
        "{output}"
    );
    assert!(output.contains("the error as an application would log it"));
    for secret in [
        CLIENT_SECRET,
        CODE,
        FIRST_ACCESS,
        FIRST_REFRESH,
        SECOND_ACCESS,
        SECOND_REFRESH,
    ] {
        assert!(!output.contains(secret), "{secret} leaked into:\n{output}");
    }
}
