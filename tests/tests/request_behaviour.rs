//! How the runtime behaves under the generated endpoint functions, over real HTTP on loopback
//! (mockito, or a bare tokio `TcpListener` where mockito cannot misbehave enough):
//!
//! - a hostile path parameter stays one percent-encoded segment and cannot reach another
//!   endpoint, and `.`, `..` or empty parameters are refused before anything is sent;
//! - every error status maps to its typed [`cronofy::Error`] case, keeping what the caller
//!   needs (the `errors` map of a 422, `Retry-After`, status and a body excerpt);
//! - a success body that is not the documented JSON is a `Decode` error with status and excerpt;
//! - a server that never answers is a `Timeout`, one that hangs up is a `Transport` error;
//! - no secret (user token, org token, client secret) ever shows in the `Debug` of a credential
//!   or client, nor in the `Display`/`Debug` of any error, even when the server echoes it.

use std::fmt;
use std::time::{Duration, Instant};

use cronofy::availability::{Participants, QueryAvailability, QueryPeriod};
use cronofy::events::{DeleteEvent, UpsertEvent};
use cronofy::{AppCredentials, Client, Error, OrgToken, ResponseExcerpt, UserToken};
use mockito::{Matcher, Server, ServerGuard};
use serde_json::json;

const USER_TOKEN: &str = "user-token-aLUj9xZiXvKs2oAJkBCN3jMc";
const ORG_TOKEN: &str = "org-token-8dKd93kdLw0dkfj39dkDJ3kd";
const CLIENT_ID: &str = "cronofy-rs-tests-client";
const CLIENT_SECRET: &str = "client-secret-J2kdk39dD8slwPq0d9s8";
const MEMBER_SUB: &str = "acc_64b17d868090ea21640c914c";
const SECRETS: [&str; 3] = [USER_TOKEN, ORG_TOKEN, CLIENT_SECRET];

const RTS_BODY: &str =
    r#"{"real_time_scheduling":{"real_time_scheduling_id":"sch_1","status":"enabled"}}"#;

fn client(server: &ServerGuard) -> Client {
    Client::builder().base_url(server.url()).build().unwrap()
}

fn app() -> AppCredentials {
    AppCredentials::new(CLIENT_ID, CLIENT_SECRET)
}

/// Fails if any secret shows in `value`'s `Display`, `Debug` or pretty `Debug`.
fn assert_no_secret(value: &(impl fmt::Display + fmt::Debug)) {
    for text in [
        value.to_string(),
        format!("{value:?}"),
        format!("{value:#?}"),
    ] {
        assert_no_secret_in(&text);
    }
}

fn assert_no_secret_in(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "a secret leaked into: {text}");
    }
}

/// Checks an error for secrets (itself and its whole `source` chain) and hands it back.
fn checked(error: Error) -> Error {
    assert_no_secret(&error);
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        assert_no_secret_in(&cause.to_string());
        assert_no_secret_in(&format!("{cause:?}"));
        source = cause.source();
    }
    error
}

/// A small, valid Availability query.
fn availability_query() -> QueryAvailability {
    QueryAvailability::new(
        vec![Participants::all([MEMBER_SUB])],
        cronofy::time::Minutes::new(30),
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z"),
        )],
    )
}

/// Calls Availability with the user token against a server that answers `status` with `body`
/// and `headers`, checks the request arrived exactly once, and returns the (secret-free) error.
///
/// Availability is a `POST`, which the runtime never retries, so every status (429 and 5xx
/// included) is answered to exactly one attempt and comes back as is.
async fn error_for(status: usize, body: &str, headers: &[(&str, &str)]) -> Error {
    let mut server = Server::new_async().await;
    let mut mock = server
        .mock("POST", "/v1/availability")
        .match_header(
            "authorization",
            Matcher::Exact(format!("Bearer {USER_TOKEN}")),
        )
        .with_status(status)
        .with_body(body)
        .expect(1);
    for (name, value) in headers {
        mock = mock.with_header(*name, value);
    }
    let mock = mock.create_async().await;

    // Without retries: this maps one answer to its error (what is retried is tested with the
    // retry policy).
    let client = Client::builder()
        .base_url(server.url())
        .retry_policy(cronofy::RetryPolicy::none())
        .build()
        .unwrap();
    let result = cronofy::availability::query_availability(
        &client,
        &UserToken::new(USER_TOKEN),
        &availability_query(),
    )
    .await;

    mock.assert_async().await;
    match result {
        Ok(response) => panic!("expected an error for {status}, got {response:?}"),
        Err(error) => checked(error),
    }
}

// ---------------------------------------------------------------------------------------------
// Path parameters
// ---------------------------------------------------------------------------------------------

/// Mocks that must never be hit: anything under `/oauth` (where `../../oauth/token` would lead
/// if it escaped its segment), for every method the endpoints use.
async fn forbid_oauth(server: &mut ServerGuard) -> Vec<mockito::Mock> {
    let mut mocks = Vec::new();
    for method in ["GET", "POST", "DELETE"] {
        mocks.push(
            server
                .mock(method, Matcher::Regex("^/oauth".to_owned()))
                .expect(0)
                .create_async()
                .await,
        );
    }
    mocks
}

#[tokio::test]
async fn hostile_path_parameters_stay_one_percent_encoded_segment() {
    // value -> the exact segment that must reach the server.
    let cases = [
        ("../../oauth/token", "..%2F..%2Foauth%2Ftoken"),
        ("a/b?c#d", "a%2Fb%3Fc%23d"),
        ("sch with spaces", "sch%20with%20spaces"),
        // Already-encoded looking text is data: its `%` is encoded, so no parser sees `..`.
        ("%2e%2e", "%252e%252e"),
        ("%2e%2e%2foauth%2ftoken", "%252e%252e%252foauth%252ftoken"),
        ("..%2F..%2Foauth", "..%252F..%252Foauth"),
        ("...", "..."),
        ("été/日本", "%C3%A9t%C3%A9%2F%E6%97%A5%E6%9C%AC"),
        ("a\\b;c=d&e", "a%5Cb%3Bc%3Dd%26e"),
    ];
    for (value, encoded) in cases {
        let mut server = Server::new_async().await;
        let oauth = forbid_oauth(&mut server).await;
        let expected_path = format!("/v1/real_time_scheduling/{encoded}");
        // Matched against the raw request target: no decoding, no query.
        let mock = server
            .mock("GET", expected_path.as_str())
            .with_body(RTS_BODY)
            .expect(1)
            .create_async()
            .await;

        let result =
            cronofy::scheduling::read_real_time_scheduling(&client(&server), &app(), value).await;

        mock.assert_async().await;
        for oauth in &oauth {
            oauth.assert_async().await;
        }
        let status = result.unwrap_or_else(|e| panic!("{value:?}: {}", checked(e)));
        assert_eq!(status.real_time_scheduling.real_time_scheduling_id, "sch_1");
    }
}

#[tokio::test]
async fn hostile_calendar_id_stays_inside_the_events_path() {
    let mut server = Server::new_async().await;
    let oauth = forbid_oauth(&mut server).await;
    let upsert = server
        .mock("POST", "/v1/calendars/..%2F..%2Foauth%2Ftoken/events")
        .with_status(202)
        .expect(1)
        .create_async()
        .await;
    let delete = server
        .mock("DELETE", "/v1/calendars/a%2Fb%3Fc%23d/events")
        .with_status(202)
        .expect(1)
        .create_async()
        .await;
    let client = client(&server);
    let user = UserToken::new(USER_TOKEN);
    let event = UpsertEvent::new("e1", "x", at("2026-11-23"), at("2026-11-24"));

    let upserted = cronofy::events::upsert_event(&client, &user, "../../oauth/token", &event).await;
    let deleted =
        cronofy::events::delete_event(&client, &user, "a/b?c#d", &DeleteEvent::new("e1")).await;

    upsert.assert_async().await;
    delete.assert_async().await;
    for oauth in &oauth {
        oauth.assert_async().await;
    }
    upserted.unwrap();
    deleted.unwrap();
}

#[tokio::test]
async fn dot_and_empty_path_parameters_are_refused_before_any_request() {
    let mut server = Server::new_async().await;
    // Catches every request whatever its path: none may arrive.
    let mut any_request = Vec::new();
    for method in ["GET", "POST", "DELETE"] {
        any_request.push(
            server
                .mock(method, Matcher::Any)
                .expect(0)
                .create_async()
                .await,
        );
    }
    let client = client(&server);
    let user = UserToken::new(USER_TOKEN);
    let event = UpsertEvent::new("e1", "x", at("2026-11-23"), at("2026-11-24"));

    for bad in ["", ".", ".."] {
        // `.map(drop)`: the endpoints return different success types.
        let errors = [
            (
                "id",
                cronofy::scheduling::read_real_time_scheduling(&client, &app(), bad)
                    .await
                    .map(drop),
            ),
            (
                "calendar_id",
                cronofy::events::upsert_event(&client, &user, bad, &event).await,
            ),
            (
                "calendar_id",
                cronofy::events::delete_event(&client, &user, bad, &DeleteEvent::new("e1")).await,
            ),
        ];
        for (expected_name, result) in errors {
            let error = checked(result.expect_err(bad));
            match &error {
                Error::InvalidPathParameter { name, .. } => {
                    assert_eq!(*name, expected_name, "{bad:?}")
                }
                other => panic!("{bad:?}: expected InvalidPathParameter, got {other:?}"),
            }
            assert_eq!(error.status(), None);
            assert!(error.to_string().contains(expected_name), "{error}");
        }
    }

    for mock in &any_request {
        mock.assert_async().await;
    }
}

// ---------------------------------------------------------------------------------------------
// Error statuses
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn status_401_is_unauthorized_with_the_body_kept() {
    let error = error_for(401, r#"{"error":"invalid_token"}"#, &[]).await;
    let Error::Unauthorized { body } = &error else {
        panic!("expected Unauthorized, got {error:?}");
    };
    assert_eq!(body.as_str(), r#"{"error":"invalid_token"}"#);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn status_402_is_payment_required() {
    let error = error_for(402, "", &[]).await;
    let Error::PaymentRequired { body } = &error else {
        panic!("expected PaymentRequired, got {error:?}");
    };
    assert_eq!(body.to_string(), "(empty body)");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(402));
}

#[tokio::test]
async fn status_403_is_forbidden() {
    let error = error_for(403, "missing scope read_free_busy", &[]).await;
    let Error::Forbidden { body } = &error else {
        panic!("expected Forbidden, got {error:?}");
    };
    assert_eq!(body.as_str(), "missing scope read_free_busy");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
}

#[tokio::test]
async fn status_404_is_not_found() {
    let error = error_for(404, "Not Found", &[]).await;
    let Error::NotFound { body } = &error else {
        panic!("expected NotFound, got {error:?}");
    };
    assert_eq!(body.as_str(), "Not Found");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn status_422_is_validation_with_the_errors_map_readable_by_field() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/calendars/cal_1/events")
        .with_status(422)
        .with_header("content-type", "application/json")
        .with_body(
            json!({
                "errors": {
                    "summary": [{"key": "errors.required", "description": "summary must be specified"}],
                    "end": [
                        {"key": "errors.must_be_after_start", "description": "end must be after start"},
                        {"key": "errors.invalid_time"}
                    ]
                }
            })
            .to_string(),
        )
        .expect(1)
        .create_async()
        .await;
    let event = UpsertEvent::new(
        "e1",
        "",
        at("2026-11-23T10:00:00Z"),
        at("2026-11-23T09:00:00Z"),
    );

    let result = cronofy::events::upsert_event(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        "cal_1",
        &event,
    )
    .await;

    mock.assert_async().await;
    let error = checked(result.unwrap_err());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422));
    let Error::Validation { errors } = &error else {
        panic!("expected Validation, got {error:?}");
    };
    let summary = errors.field("summary");
    assert_eq!(summary.len(), 1);
    assert_eq!(summary[0].key, "errors.required");
    assert_eq!(
        summary[0].description.as_deref(),
        Some("summary must be specified")
    );
    let end = errors.field("end");
    assert_eq!(end.len(), 2);
    assert_eq!(end[0].key, "errors.must_be_after_start");
    assert_eq!(end[1].key, "errors.invalid_time");
    assert_eq!(end[1].description, None);
    assert!(errors.field("start").is_empty());
    let message = error.to_string();
    assert!(
        message.contains("summary: summary must be specified (errors.required)"),
        "{message}"
    );
}

#[tokio::test]
async fn status_422_with_a_body_that_is_not_json_is_decode() {
    let error = error_for(422, "<html><body>Unprocessable</body></html>", &[]).await;
    let Error::Decode { status, body, .. } = &error else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(status.as_u16(), 422);
    assert_eq!(body.as_str(), "<html><body>Unprocessable</body></html>");
}

#[tokio::test]
async fn status_422_with_json_but_no_errors_map_is_decode() {
    // A 422 whose JSON lacks `errors` says nothing about fields: an empty `Validation` would
    // hide the actual message, so it must be a `Decode` that keeps the body.
    let error = error_for(422, r#"{"message":"Unprocessable Entity"}"#, &[]).await;
    let Error::Decode { status, body, .. } = &error else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(status.as_u16(), 422);
    assert_eq!(body.as_str(), r#"{"message":"Unprocessable Entity"}"#);
}

#[tokio::test]
async fn status_423_is_locked() {
    let error = error_for(423, r#"{"message":"profile disconnected"}"#, &[]).await;
    let Error::Locked { body } = &error else {
        panic!("expected Locked, got {error:?}");
    };
    assert_eq!(body.as_str(), r#"{"message":"profile disconnected"}"#);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(423));
}

#[tokio::test]
async fn status_429_is_rate_limited_with_retry_after_seconds() {
    let error = error_for(429, "", &[("retry-after", "7")]).await;
    let Error::RateLimited { retry_after } = &error else {
        panic!("expected RateLimited, got {error:?}");
    };
    assert_eq!(*retry_after, Some(Duration::from_secs(7)));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert!(error.to_string().contains("retry after 7 s"), "{error}");
}

#[tokio::test]
async fn status_429_without_retry_after_is_rate_limited_without_a_delay() {
    let error = error_for(429, "Too Many Requests", &[]).await;
    let Error::RateLimited { retry_after } = &error else {
        panic!("expected RateLimited, got {error:?}");
    };
    assert_eq!(*retry_after, None);
    assert!(!error.to_string().contains("retry after"), "{error}");
}

#[tokio::test]
async fn status_5xx_is_server_with_the_status() {
    for code in [500, 502, 503, 504] {
        let error = error_for(code, "upstream failure", &[]).await;
        let Error::Server { status, body } = &error else {
            panic!("{code}: expected Server, got {error:?}");
        };
        assert_eq!(status.as_u16(), code as u16);
        assert_eq!(body.as_str(), "upstream failure");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(code as u16));
    }
}

#[tokio::test]
async fn an_unexpected_status_keeps_status_and_body() {
    let error = error_for(418, "I'm a teapot", &[]).await;
    let Error::UnexpectedStatus { status, body } = &error else {
        panic!("expected UnexpectedStatus, got {error:?}");
    };
    assert_eq!(status.as_u16(), 418);
    assert_eq!(body.as_str(), "I'm a teapot");
    assert!(error.to_string().contains("I'm a teapot"), "{error}");
}

// ---------------------------------------------------------------------------------------------
// Success bodies that do not decode
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_html_page_with_200_is_decode_with_status_and_excerpt() {
    let page =
        "<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon</body></html>";
    let error = error_for(200, page, &[("content-type", "text/html")]).await;
    let Error::Decode {
        status,
        reason,
        body,
    } = &error
    else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(status.as_u16(), 200);
    assert!(!reason.is_empty());
    assert_eq!(body.as_str(), page);
    assert!(!body.is_truncated());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert!(error.to_string().contains("<!DOCTYPE html>"), "{error}");
}

#[tokio::test]
async fn truncated_json_with_200_is_decode_with_status_and_excerpt() {
    let truncated = r#"{"available_periods":[{"start":"2026-11-23T09:00:00Z","en"#;
    let error = error_for(200, truncated, &[("content-type", "application/json")]).await;
    let Error::Decode {
        status,
        reason,
        body,
    } = &error
    else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(status.as_u16(), 200);
    assert!(reason.contains("EOF"), "{reason}");
    assert_eq!(body.as_str(), truncated);
}

#[tokio::test]
async fn a_long_undecodable_body_is_cut_to_the_excerpt_length() {
    let long = format!("<html>{}</html>", "x".repeat(10 * ResponseExcerpt::MAX_LEN));
    let error = error_for(200, &long, &[]).await;
    let Error::Decode { body, .. } = &error else {
        panic!("expected Decode, got {error:?}");
    };
    assert!(body.is_truncated());
    assert!(body.as_str().len() <= ResponseExcerpt::MAX_LEN);
    assert!(long.starts_with(body.as_str()));
}

// ---------------------------------------------------------------------------------------------
// Secrets echoed by the server
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_echoed_user_token_is_redacted_in_every_error_carrying_a_body() {
    // Not JSON, so 200 and 422 are `Decode` errors that keep the (scrubbed) body; a 422 with a
    // JSON body echoing the token is covered by `a_token_echoed_in_validation_errors_is_redacted`.
    let echo = format!("token {USER_TOKEN} is not valid (token={USER_TOKEN})");
    for status in [401, 402, 403, 404, 423, 418, 500, 200, 422] {
        // `checked` already fails on any leak; the excerpt must also show where it was cut out.
        let error = error_for(status, &echo, &[]).await;
        let debug = format!("{error:?}");
        assert!(debug.contains("[redacted]"), "{status}: {debug}");
        if matches!(status, 418 | 200 | 422) {
            // These print the body in their message.
            assert!(
                error.to_string().contains("[redacted]"),
                "{status}: {error}"
            );
        }
    }
}

#[tokio::test]
async fn a_token_echoed_in_a_decode_reason_is_redacted() {
    // serde quotes the unexpected string in its message: `invalid type: string "..."`.
    let echo = format!(r#"{{"available_periods":"{USER_TOKEN}"}}"#);
    let error = error_for(200, &echo, &[]).await;
    let Error::Decode { reason, .. } = &error else {
        panic!("expected Decode, got {error:?}");
    };
    assert!(reason.contains("[redacted]"), "{reason}");
}

#[tokio::test]
async fn echoed_org_token_and_client_secret_are_redacted() {
    let mut server = Server::new_async().await;
    let org_echo = format!("bad bearer {ORG_TOKEN}");
    let app_echo = format!("bad bearer {CLIENT_SECRET}");
    let members = server
        .mock("GET", "/v1/organizational_unit_members")
        .with_status(401)
        .with_body(&org_echo)
        .expect(1)
        .create_async()
        .await;
    // As a member: the org token is the bearer, and is what must be scrubbed.
    let calendars_as_member = server
        .mock("GET", "/v1/calendars")
        .match_header("cronofy-impersonate", MEMBER_SUB)
        .match_header(
            "authorization",
            Matcher::Exact(format!("Bearer {ORG_TOKEN}")),
        )
        .with_status(418)
        .with_body(&org_echo)
        .expect(1)
        .create_async()
        .await;
    let rts = server
        .mock("GET", "/v1/real_time_scheduling/sch_1")
        .with_status(403)
        .with_body(&app_echo)
        .expect(1)
        .create_async()
        .await;
    let account_as_app_member = server
        .mock("GET", "/v1/account")
        .match_header("cronofy-impersonate", MEMBER_SUB)
        .with_status(200)
        .with_body(&app_echo)
        .expect(1)
        .create_async()
        .await;
    let client = client(&server);
    let org = OrgToken::new(ORG_TOKEN);
    let app = app();

    let errors = [
        cronofy::organizations::list_organizational_unit_members(&client, &org)
            .await
            .map(drop),
        cronofy::calendars::list_calendars(&client, &org.impersonate(MEMBER_SUB))
            .await
            .map(drop),
        cronofy::scheduling::read_real_time_scheduling(&client, &app, "sch_1")
            .await
            .map(drop),
        cronofy::identity::read_account(&client, &app.impersonate(MEMBER_SUB))
            .await
            .map(drop),
    ];

    for mock in [&members, &calendars_as_member, &rts, &account_as_app_member] {
        mock.assert_async().await;
    }
    for result in errors {
        let error = checked(result.unwrap_err());
        assert!(
            format!("{error:?}").contains("bad bearer [redacted]"),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn a_token_echoed_in_validation_errors_is_redacted() {
    // The `errors` map is printed in full by the 422 message, so it must be scrubbed too.
    let echo = json!({
        "errors": {"token": [{"key": "errors.invalid", "description": format!("{USER_TOKEN} is not valid")}]}
    })
    .to_string();
    let error = error_for(422, &echo, &[]).await;
    let Error::Validation { errors } = &error else {
        panic!("expected Validation, got {error:?}");
    };
    assert_eq!(
        errors.field("token")[0].description.as_deref(),
        Some("[redacted] is not valid")
    );
}

// ---------------------------------------------------------------------------------------------
// Timeout and transport failures
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_server_that_never_answers_is_a_timeout() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    // Accepts and keeps every connection open without ever writing a byte.
    let server = tokio::spawn(async move {
        let mut open = Vec::new();
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            open.push(stream);
        }
    });
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let started = Instant::now();
    let result = cronofy::identity::read_account(&client, &UserToken::new(USER_TOKEN)).await;
    let elapsed = started.elapsed();

    server.abort();
    let error = checked(result.unwrap_err());
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert_eq!(error.status(), None);
    assert!(
        elapsed >= Duration::from_millis(200) && elapsed < Duration::from_secs(5),
        "gave up after {elapsed:?}"
    );
}

#[tokio::test]
async fn a_connection_closed_without_a_response_is_a_transport_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    // Accepts and hangs up at once, every time.
    let server = tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            drop(stream);
        }
    });
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();

    let result = cronofy::identity::read_account(&client, &UserToken::new(USER_TOKEN)).await;

    server.abort();
    let error = checked(result.unwrap_err());
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(error.status(), None);
    assert!(
        error.to_string().starts_with("could not reach Cronofy"),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------------
// Debug output of credentials and client
// ---------------------------------------------------------------------------------------------

#[test]
fn credentials_and_client_never_show_a_secret_in_debug() {
    let user = UserToken::new(USER_TOKEN);
    let org = OrgToken::new(ORG_TOKEN);
    let app = app();
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let debug_outputs = [
        format!("{user:?}"),
        format!("{user:#?}"),
        format!("{org:?}"),
        format!("{org:#?}"),
        format!("{app:?}"),
        format!("{app:#?}"),
        format!("{:?}", org.impersonate(MEMBER_SUB)),
        format!("{:#?}", org.impersonate(MEMBER_SUB)),
        format!("{:?}", app.impersonate(MEMBER_SUB)),
        format!("{:#?}", app.impersonate(MEMBER_SUB)),
        format!("{client:?}"),
        format!("{client:#?}"),
    ];
    for debug in &debug_outputs {
        assert_no_secret_in(debug);
    }
    // Redacted, not simply empty: the output still says what the value is.
    assert!(debug_outputs[0].contains("[redacted]"));
    assert!(debug_outputs[2].contains("[redacted]"));
    assert!(debug_outputs[4].contains(CLIENT_ID) && debug_outputs[4].contains("[redacted]"));
    assert!(debug_outputs[6].contains(MEMBER_SUB) && debug_outputs[6].contains("[redacted]"));
    assert!(debug_outputs[8].contains(MEMBER_SUB) && debug_outputs[8].contains(CLIENT_ID));
    // The secrets themselves are still reachable, but only by asking.
    assert_eq!(user.secret(), USER_TOKEN);
    assert_eq!(org.secret(), ORG_TOKEN);
    assert_eq!(app.client_secret(), CLIENT_SECRET);
}

/// A time written the way Cronofy writes it.
fn utc(text: &str) -> cronofy::time::UtcTime {
    text.parse().unwrap()
}

/// An event's start or end: a day, a time, as Cronofy writes them.
fn at(text: &str) -> cronofy::time::EventTime {
    serde_json::from_value(serde_json::Value::from(text)).unwrap()
}
