//! Property tests (proptest), bounded so the suite stays fast: hostile input from a server or a
//! caller gives a typed result, never a panic, and encodings round-trip.
//!
//! - Any bytes, with any status, as the answer to every kind of endpoint (and to the token
//!   endpoint): `Ok` or a typed [`Error`] carrying that status; never a panic, never the token
//!   in the error's `Display` or `Debug`.
//! - Any bytes and any status through [`Error::check_status`], the public error-body parser.
//! - Any string as a path parameter: one percent-encoded segment that decodes back to the
//!   string at the server; `""`, `.` and `..` are refused without a request.
//! - Any `state`, `redirect_uri` and client id through [`AuthorizationUrl`]: they come back out
//!   of the parsed URL unchanged.
//! - [`UtcTime`] and [`Date`]: parsing what was formatted gives the value back; parsing any
//!   text never panics.
//!
//! Each property runs `PROPTEST_CASES` cases (default 256) from a fixed seed, so CI sees the
//! same cases every run; `PROPERTIES_SEED=<u64>` picks other cases (the seed in use is printed
//! on failure), e.g. for a longer fuzzing run:
//! `PROPTEST_CASES=20000 PROPERTIES_SEED=$RANDOM cargo test -p cronofy-tests --test properties`.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use cronofy::events::{ReadEvents, ReadFreeBusy, UpsertEvent};
use cronofy::oauth::{AuthorizationUrl, RefreshAccessToken, Scope, refresh_access_token};
use cronofy::time::{Date, UtcTime};
use cronofy::{
    AppCredentials, Client, DataCenter, Error, OrgToken, RetryPolicy, ServiceAccountToken,
    UserToken,
};
use cronofy_fake::FakeCronofy;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use tokio::runtime::Runtime;

/// The token every call presents; a server may echo it, and no error may show it.
const TOKEN: &str = "Tok3nSecretValue0123456789abcdef";
const REFRESH_TOKEN: &str = "Refr3shSecretValue0123456789abcd";
const CLIENT_SECRET: &str = "Cl1entSecretValue0123456789abcde";

// ---- running properties ----

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn seed() -> u64 {
    std::env::var("PROPERTIES_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x00c2_0f0f_2026)
}

/// Runs `test` on `cases()` values of `strategy` from the fixed (or chosen) seed; on failure,
/// panics with the shrunk input and the seed.
fn check<S: Strategy>(
    name: &str,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let seed = seed();
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
    let mut runner = TestRunner::new_with_rng(config, rng);
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("property `{name}` failed (PROPERTIES_SEED={seed}): {failure}");
    }
}

// ---- a local server answering whatever the case says ----

/// What the server answers to every request, and what it saw.
#[derive(Default)]
struct Script {
    status: u16,
    body: Bytes,
    /// Paths (raw, percent-encoded) and queries of the requests received.
    seen: Vec<(String, Option<String>)>,
}

struct LocalServer {
    runtime: Runtime,
    base_url: String,
    script: Arc<Mutex<Script>>,
}

impl LocalServer {
    fn start() -> LocalServer {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let script = Arc::new(Mutex::new(Script {
            status: 200,
            ..Script::default()
        }));
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let serving = Arc::clone(&script);
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let script = Arc::clone(&serving);
                tokio::spawn(async move {
                    let service = service_fn(move |request| answer(Arc::clone(&script), request));
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        LocalServer {
            runtime,
            base_url,
            script,
        }
    }

    fn answer_with(&self, status: u16, body: impl Into<Bytes>) {
        let mut script = self.script.lock().unwrap();
        script.status = status;
        script.body = body.into();
        script.seen.clear();
    }

    fn seen(&self) -> Vec<(String, Option<String>)> {
        self.script.lock().unwrap().seen.clone()
    }

    /// A client for this server that never retries (a retried 429 would only wait).
    fn client(&self) -> Client {
        Client::builder()
            .base_url(self.base_url.as_str())
            .retry_policy(RetryPolicy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap()
    }
}

async fn answer(
    script: Arc<Mutex<Script>>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let _ = body.collect().await;
    let (status, body) = {
        let mut script = script.lock().unwrap();
        script.seen.push((
            parts.uri.path().to_owned(),
            parts.uri.query().map(str::to_owned),
        ));
        (script.status, script.body.clone())
    };
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    Ok(response)
}

// ---- what each endpoint kind answers ----

/// Calls one endpoint of every kind of return type (and the token endpoint) against the
/// server; each result is described for the assertion messages.
async fn call_every_decoder(client: &Client) -> Vec<(&'static str, Result<(), Error>)> {
    let user = UserToken::new(TOKEN);
    let org = OrgToken::new(TOKEN);
    let service_account = ServiceAccountToken::new(TOKEN);
    let app = AppCredentials::new("client-id", CLIENT_SECRET);
    let query = ReadEvents::new("Etc/UTC").include_managed(true);
    let event = upsert_body();
    let mut results: Vec<(&'static str, Result<(), Error>)> = vec![
        (
            "list_calendars",
            cronofy::calendars::list_calendars(client, &user)
                .await
                .map(drop),
        ),
        (
            "account",
            cronofy::identity::read_account(client, &user)
                .await
                .map(drop),
        ),
        (
            "userinfo",
            cronofy::identity::read_userinfo(client, &user)
                .await
                .map(drop),
        ),
        (
            "list_profiles",
            cronofy::identity::list_profiles(client, &user)
                .await
                .map(drop),
        ),
        (
            "list_channels",
            cronofy::notifications::list_channels(client, &user)
                .await
                .map(drop),
        ),
        (
            "list_availability_rules",
            cronofy::availability::list_availability_rules(client, &user)
                .await
                .map(drop),
        ),
        (
            "read_availability_rule",
            cronofy::availability::read_availability_rule(client, &user, "rule_1")
                .await
                .map(drop),
        ),
        (
            "read_events",
            cronofy::events::read_events(client, &user, &query)
                .await
                .map(drop),
        ),
        (
            "free_busy",
            cronofy::events::read_free_busy(client, &user, &ReadFreeBusy::new("Etc/UTC"))
                .await
                .map(drop),
        ),
        (
            "create_link_token",
            cronofy::oauth::create_link_token(client, &user)
                .await
                .map(drop),
        ),
        (
            "upsert_event (no declared return)",
            cronofy::events::upsert_event(client, &user, "cal_1", &event).await,
        ),
        (
            "list_organizational_unit_members",
            cronofy::organizations::list_organizational_unit_members(client, &org)
                .await
                .map(drop),
        ),
        (
            "list_resources",
            cronofy::organizations::list_resources(client, &service_account)
                .await
                .map(drop),
        ),
        (
            "read_real_time_scheduling",
            cronofy::scheduling::read_real_time_scheduling(client, &app, "rts_1")
                .await
                .map(drop),
        ),
        (
            "query_availability",
            cronofy::availability::query_availability(client, &app, &availability_query())
                .await
                .map(drop),
        ),
        (
            "upsert_availability_rule (optional body)",
            cronofy::availability::upsert_availability_rule(client, &user, &availability_rule())
                .await
                .map(drop),
        ),
        (
            "read_smart_invite",
            cronofy::scheduling::read_smart_invite(
                client,
                &app,
                &cronofy::scheduling::ReadSmartInvite::new("invite_1", "jane@example.com"),
            )
            .await
            .map(drop),
        ),
        (
            "read_bookable_event",
            cronofy::scheduling::read_bookable_event(client, &app, "kickoff")
                .await
                .map(drop),
        ),
        (
            "refresh_access_token (token endpoint)",
            refresh_access_token(client, &app, &RefreshAccessToken::new(REFRESH_TOKEN))
                .await
                .map(drop),
        ),
    ];
    // Paging: follows `next_page` while the answer has one on this origin; three pages at most.
    let mut pages = cronofy::events::read_all_events(client, &user, &query);
    let mut paged = Ok(());
    for _ in 0..3 {
        match pages.next_page().await {
            Some(Ok(_)) => {}
            Some(Err(error)) => {
                paged = Err(error);
                break;
            }
            None => break,
        }
    }
    results.push(("read_all_events (paged)", paged));
    results
}

fn availability_query() -> cronofy::availability::QueryAvailability {
    cronofy::availability::QueryAvailability::new(
        vec![cronofy::availability::Participants::all(["acc_1"])],
        cronofy::time::Minutes::new(30),
        vec![cronofy::availability::QueryPeriod::new(
            UtcTime::parse("2026-11-23T09:00:00Z").unwrap(),
            UtcTime::parse("2026-11-23T17:00:00Z").unwrap(),
        )],
    )
}

fn availability_rule() -> cronofy::availability::AvailabilityRule {
    cronofy::availability::AvailabilityRule::new("rule_1", "Etc/UTC", Vec::new())
}

fn upsert_body() -> UpsertEvent {
    UpsertEvent::new(
        "evt_1",
        "Property test",
        UtcTime::parse("2026-11-23T09:00:00Z").unwrap(),
        UtcTime::parse("2026-11-23T10:00:00Z").unwrap(),
    )
}

/// The error's text in every form a user could see or log.
fn shown(error: &Error) -> String {
    format!(
        "{error} | {error:?} | {:?}",
        std::error::Error::source(error)
    )
}

/// The secrets a call sent, which its error must never show: the bearer token, or for the
/// token endpoint the client secret and the refresh token. (A secret the call did not send is
/// unknown to it, and may be echoed like any other text.)
fn secrets_of(name: &str) -> &'static [&'static str] {
    if name.starts_with("refresh_access_token") {
        &[CLIENT_SECRET, REFRESH_TOKEN]
    } else if [
        "real_time_scheduling",
        "query_availability",
        "smart_invite",
        "bookable_event",
    ]
    .iter()
    .any(|app_endpoint| name.contains(app_endpoint))
    {
        // Called with the application's credentials.
        &[CLIENT_SECRET]
    } else {
        &[TOKEN]
    }
}

fn assert_no_secret(name: &str, error: &Error) -> Result<(), TestCaseError> {
    let text = shown(error);
    for secret in secrets_of(name) {
        prop_assert!(
            !text.contains(secret),
            "{name}: the error shows a secret it sent: {text}"
        );
    }
    Ok(())
}

/// A typed error for `status`: it carries that status (when it has one), and is not a
/// transport failure.
fn assert_typed(name: &str, status: u16, result: &Result<(), Error>) -> Result<(), TestCaseError> {
    let Err(error) = result else {
        prop_assert!(
            (200..300).contains(&status),
            "{name}: Ok for status {status}"
        );
        return Ok(());
    };
    assert_no_secret(name, error)?;
    prop_assert!(
        !matches!(error, Error::Transport(_) | Error::Timeout),
        "{name}: status {status} gave a transport error: {}",
        shown(error)
    );
    let token_endpoint = name.starts_with("refresh_access_token");
    match error.status() {
        Some(carried) => prop_assert_eq!(
            carried.as_u16(),
            status,
            "{}: the error carries another status: {}",
            name,
            shown(error)
        ),
        // The token endpoint's own OAuth errors have no status, nor has a refused paging
        // link; anything else must.
        None => prop_assert!(
            (token_endpoint
                && matches!(
                    error,
                    Error::OAuth { .. }
                        | Error::InvalidClient
                        | Error::ReauthorizationRequired { .. }
                ))
                || (name.starts_with("read_all_events")
                    && matches!(error, Error::UntrustedPageLink { .. })),
            "{name}: status {status} gave an error without it: {}",
            shown(error)
        ),
    }
    if (200..300).contains(&status) && !token_endpoint {
        prop_assert!(
            matches!(
                error,
                Error::Decode { .. } | Error::UntrustedPageLink { .. }
            ),
            "{name}: a {status} that does not decode should be Error::Decode: {}",
            shown(error)
        );
    }
    Ok(())
}

// ---- body strategies ----

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::from(TOKEN)),
        Just(serde_json::Value::from("2026-11-23T09:00:00Z")),
        Just(serde_json::Value::from("2026-11-23")),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(field_name(), inner, 0..6)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Field names Cronofy's answers use, so random objects get past the first missing field.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(vec![
            "calendars", "calendar_id", "calendar_name", "profile_id", "profile_name",
            "provider_name", "account", "account_id", "email", "name", "default_tzid",
            "events", "event_uid", "event_id", "summary", "start", "end", "pages", "current",
            "total", "next_page", "free_busy", "sub", "profiles", "channels", "channel",
            "availability_rules", "availability_rule", "link_token", "members", "resources",
            "real_time_scheduling", "access_token", "refresh_token", "token_type",
            "expires_in", "scope", "errors", "key", "description", "error",
            "error_description", "url",
        ])
        .prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

/// Known-good answers, each edited at a few random places.
fn mutated(samples: Arc<Vec<Vec<u8>>>) -> impl Strategy<Value = Vec<u8>> {
    let count = samples.len();
    (
        0..count,
        proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    )
        .prop_map(move |(which, edits)| {
            let mut body = samples[which].clone();
            for (at, byte, how) in edits {
                if body.is_empty() {
                    body.push(byte);
                    continue;
                }
                let i = at.index(body.len());
                match how {
                    0 => body[i] = byte,
                    1 => body.insert(i, byte),
                    _ => {
                        body.remove(i);
                    }
                }
            }
            body
        })
}

/// Bodies: raw bytes, random JSON, and edited real answers.
fn bodies(samples: Arc<Vec<Vec<u8>>>) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..600),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        mutated(Arc::clone(&samples)),
        (0..samples.len()).prop_map(move |i| samples[i].clone()),
    ]
}

/// Real answers of the fake Cronofy to the endpoints called, with links pointing at `base`.
fn sample_answers(runtime: &Runtime, base: &str) -> Vec<Vec<u8>> {
    runtime.block_on(async {
        let fake = FakeCronofy::builder().page_size(1).start().await.unwrap();
        let user = fake.default_user();
        for i in 0..3 {
            fake.insert_event(
                &user.sub,
                user.primary_calendar_id(),
                // Every detail the fake returns, so the mutated samples carry them.
                &UpsertEvent::new(
                    format!("evt_{i}"),
                    "Seeded",
                    UtcTime::parse("2026-11-23T09:00:00Z").unwrap(),
                    UtcTime::parse("2026-11-23T10:00:00Z").unwrap(),
                )
                .location_details(cronofy::events::Location::described("Office").at(51.5, -0.1))
                .invite([cronofy::events::Invitee::new("ada@example.com").display_name("Ada")])
                .reminders([cronofy::events::Reminder::minutes_before(10)])
                .conferencing(cronofy::events::Conferencing::provider_default())
                .event_private(true)
                .color("#49BED8"),
            );
        }
        let token = fake.issue_user_token(&user.sub, "read_write").access_token;
        let http = reqwest::Client::new();
        let mut samples = Vec::new();
        for path in [
            "/v1/calendars",
            "/v1/account",
            "/v1/userinfo",
            "/v1/profiles",
            "/v1/events?tzid=Etc%2FUTC&include_managed=true&include_geo=true",
            "/v1/free_busy?tzid=Etc%2FUTC&include_managed=true&include_ids=true",
        ] {
            let response = http
                .get(format!("{}{path}", fake.base_url()))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            assert!(response.status().is_success(), "{path}");
            let text = response.text().await.unwrap();
            samples.push(text.replace(fake.base_url(), base).into_bytes());
        }
        // Documented examples of the other decoders' answers.
        for sample in [
            serde_json::json!({
                "available_periods": [{"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T10:00:00Z", "participants": [{"sub": "acc_1"}]}],
                "available_slots": [],
                "member_statuses": [{"sub": "acc_1", "sync_status": "active"}]
            }),
            serde_json::json!({"availability_rule": {
                "availability_rule_id": "rule_1", "tzid": "Etc/UTC", "calendar_ids": ["cal_1"],
                "weekly_periods": [{"day": "monday", "start_time": "09:00", "end_time": "17:00"}]
            }}),
            serde_json::json!({
                "smart_invite_id": "invite_1",
                "callback_url": "https://example.com/cb",
                "recipient": {"email": "jane@example.com", "status": "tentative", "comment": "later?",
                    "proposal": {"start": {"time": "2026-11-23T11:00:00Z", "tzid": "Europe/London"},
                                 "end": {"time": "2026-11-23T11:30:00Z", "tzid": "Europe/London"}}},
                "event": {"summary": "Board", "start": {"time": "2026-11-23T09:30:00Z", "tzid": "Europe/London"},
                          "end": {"time": "2026-11-23T10:00:00Z", "tzid": "Europe/London"}},
                "attachments": {"icalendar": "BEGIN:VCALENDAR"}
            }),
            serde_json::json!({
                "bookable_event_id": "kickoff", "start": "2026-11-23T09:00:00Z", "end": "2026-11-23T10:00:00Z",
                "status": "confirmed",
                "registration": {"capacity": 10, "registered_count": 1, "total_count": 1,
                    "registrations": [{"registration_id": "r1", "status": "accepted", "metadata": {"email": "a@example.com"}}],
                    "pages": {"current": 1, "total": 1}}
            }),
        ] {
            samples.push(sample.to_string().into_bytes());
        }
        samples.push(
            serde_json::json!({
                "token_type": "bearer",
                "access_token": TOKEN,
                "refresh_token": REFRESH_TOKEN,
                "expires_in": 3600,
                "scope": "read_write",
                "sub": user.sub,
            })
            .to_string()
            .into_bytes(),
        );
        samples
    })
}

// ---- properties ----

#[test]
fn any_success_body_decodes_or_is_a_typed_decode_error() {
    let server = LocalServer::start();
    let client = server.client();
    let samples = Arc::new(sample_answers(&server.runtime, &server.base_url));
    let statuses =
        prop_oneof![4 => Just(200u16), 1 => Just(201u16), 1 => Just(202u16), 1 => 200u16..300];
    check(
        "any success body",
        (statuses, bodies(samples)),
        |(status, body)| {
            server.answer_with(status, body);
            let results = server.runtime.block_on(call_every_decoder(&client));
            for (name, result) in &results {
                assert_typed(name, status, result)?;
            }
            Ok(())
        },
    );
}

/// 422 bodies in Cronofy's `errors` shape, with fields and descriptions that may quote the
/// token; with `escaped_token`, sometimes JSON-escaped (see
/// `a_json_escaped_token_in_a_422_body_is_scrubbed`).
fn validation_body(escaped_token: bool) -> impl Strategy<Value = Vec<u8>> {
    let text = prop_oneof![
        any::<String>(),
        Just(TOKEN.to_owned()),
        any::<String>().prop_map(|s| format!("{s}{TOKEN}")),
    ];
    proptest::collection::btree_map(
        text.clone(),
        proptest::collection::vec((text.clone(), proptest::option::of(text)), 0..3),
        0..4,
    )
    .prop_flat_map(move |errors| {
        (
            Just(errors),
            any::<bool>().prop_map(move |b| b && escaped_token),
        )
    })
    .prop_map(|(errors, escape)| {
        let errors: serde_json::Map<String, serde_json::Value> = errors
            .into_iter()
            .map(|(field, issues)| {
                let issues = issues
                    .into_iter()
                    .map(|(key, description)| {
                        serde_json::json!({ "key": key, "description": description })
                    })
                    .collect();
                (field, serde_json::Value::Array(issues))
            })
            .collect();
        let text = serde_json::json!({ "errors": errors }).to_string();
        // The same text, but with the token's first letter written as a JSON escape: a
        // server may escape what it echoes, and the parsed value is then the token itself.
        let text = if escape {
            text.replace(TOKEN, &json_escaped(TOKEN))
        } else {
            text
        };
        text.into_bytes()
    })
}

/// `secret` as JSON string content with its first character written as a `\u` escape.
fn json_escaped(secret: &str) -> String {
    format!("\\u{:04x}{}", secret.as_bytes()[0], &secret[1..])
}

/// Found by `any_error_body_with_any_status_is_a_typed_error` with escaped tokens: the 422
/// parser scrubbed the request's secrets from the raw text only, *before* decoding the JSON,
/// so a token the server echoed JSON-escaped (`\u0054ok3n...`) was decoded back into the
/// token and shown by `Error::Validation`'s `Display` and `Debug`. Each decoded field name,
/// key and description is now scrubbed too (`ValidationErrors::scrubbed` in cronofy-core).
#[test]
fn a_json_escaped_token_in_a_422_body_is_scrubbed() {
    let server = LocalServer::start();
    let client = server.client();
    let body = format!(
        r#"{{"errors":{{"{}":[{{"key":"errors.invalid","description":"{} is not valid"}}]}}}}"#,
        json_escaped(TOKEN),
        json_escaped(TOKEN)
    );
    server.answer_with(422, body);
    let error = server
        .runtime
        .block_on(cronofy::calendars::list_calendars(
            &client,
            &UserToken::new(TOKEN),
        ))
        .unwrap_err();
    assert!(matches!(error, Error::Validation { .. }), "{error:?}");
    assert!(
        !shown(&error).contains(TOKEN),
        "the 422 error shows the token: {}",
        shown(&error)
    );
}

/// OAuth error bodies as the token endpoint sends them.
fn oauth_body() -> impl Strategy<Value = Vec<u8>> {
    (
        prop_oneof![
            Just("invalid_grant".to_owned()),
            Just("invalid_client".to_owned()),
            any::<String>()
        ],
        proptest::option::of(prop_oneof![
            any::<String>(),
            Just(format!("refresh token {REFRESH_TOKEN} is revoked"))
        ]),
    )
        .prop_map(|(error, description)| {
            serde_json::json!({ "error": error, "error_description": description })
                .to_string()
                .into_bytes()
        })
}

fn error_statuses() -> impl Strategy<Value = u16> {
    prop_oneof![
        2 => proptest::sample::select(vec![400u16, 401, 402, 403, 404, 409, 422, 423, 429, 500, 502, 503, 504]),
        1 => 300u16..1000,
    ]
    // 1xx cannot be a final answer, and 304 and 204 carry no body; all else goes.
    .prop_filter("informational", |s| *s >= 200)
}

#[test]
fn any_error_body_with_any_status_is_a_typed_error() {
    let server = LocalServer::start();
    let client = server.client();
    let body = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..600),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        validation_body(true),
        oauth_body(),
        Just(format!("echo: {TOKEN} {REFRESH_TOKEN} {CLIENT_SECRET}").into_bytes()),
    ];
    check(
        "any error body",
        (error_statuses(), body),
        |(status, body)| {
            server.answer_with(status, body);
            let user = UserToken::new(TOKEN);
            let app = AppCredentials::new("client-id", CLIENT_SECRET);
            let results = server.runtime.block_on(async {
                vec![
                    (
                        "list_calendars",
                        cronofy::calendars::list_calendars(&client, &user)
                            .await
                            .map(drop),
                    ),
                    (
                        "upsert_event",
                        cronofy::events::upsert_event(&client, &user, "cal_1", &upsert_body())
                            .await,
                    ),
                    (
                        "refresh_access_token (token endpoint)",
                        refresh_access_token(
                            &client,
                            &app,
                            &RefreshAccessToken::new(REFRESH_TOKEN),
                        )
                        .await
                        .map(drop),
                    ),
                ]
            });
            for (name, result) in &results {
                assert_typed(name, status, result)?;
            }
            Ok(())
        },
    );
}

#[test]
fn check_status_parses_any_status_and_body_into_a_typed_result() {
    let body = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2000),
        validation_body(true),
        json_value().prop_map(|v| v.to_string().into_bytes()),
    ];
    check(
        "Error::check_status",
        (any::<u16>(), body),
        |(status, body)| {
            let result = Error::check_status(status, &body);
            let success = (200..300).contains(&status);
            prop_assert_eq!(result.is_ok(), success, "status {}", status);
            if let Err(error) = result {
                let _ = shown(&error);
                if (100..1000).contains(&status) {
                    prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
                }
                if let Error::Decode { body: excerpt, .. }
                | Error::Server { body: excerpt, .. }
                | Error::UnexpectedStatus { body: excerpt, .. }
                | Error::NotFound { body: excerpt } = &error
                {
                    prop_assert!(excerpt.as_str().len() <= cronofy::ResponseExcerpt::MAX_LEN);
                }
            }
            Ok(())
        },
    );
}

/// Strings rich in what could escape a path segment.
fn path_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            proptest::sample::select(vec![
                '.', '/', '\\', '%', '?', '#', ';', '&', '=', '+', ' ', 'a', 'Z', '0', '~', '-',
                '_', ':', '@', '\u{0}', '\t', '\n', 'é', '\u{202e}', '\u{ff0e}', '2', 'e', 'E',
            ]),
            0..8,
        )
        .prop_map(String::from_iter),
        Just(String::new()),
        Just(".".to_owned()),
        Just("..".to_owned()),
    ]
}

#[test]
fn any_path_parameter_is_one_segment_that_round_trips() {
    let server = LocalServer::start();
    let client = server.client();
    let user = UserToken::new(TOKEN);
    let event = upsert_body();
    check("path parameter", path_value(), |value| {
        // A POST (`/v1/calendars/{calendar_id}/events`) and a GET
        // (`/v1/availability_rules/{availability_rule_id}`).
        for (prefix, suffix) in [
            ("/v1/calendars/", "/events"),
            ("/v1/availability_rules/", ""),
        ] {
            server.answer_with(202, "{}");
            let result = server.runtime.block_on(async {
                if suffix.is_empty() {
                    cronofy::availability::read_availability_rule(&client, &user, &value)
                        .await
                        .map(drop)
                } else {
                    cronofy::events::upsert_event(&client, &user, &value, &event).await
                }
            });
            let seen = server.seen();
            if value.is_empty() || value == "." || value == ".." {
                prop_assert!(
                    matches!(result, Err(Error::InvalidPathParameter { .. })),
                    "{:?} was not refused: {:?}",
                    value,
                    result
                );
                prop_assert!(
                    seen.is_empty(),
                    "a refused value was still sent: {:?}",
                    seen
                );
                continue;
            }
            if suffix.is_empty() {
                // `{}` is no availability rule; only the path matters here.
                prop_assert!(
                    matches!(result, Ok(()) | Err(Error::Decode { .. })),
                    "{:?}",
                    result
                );
            } else {
                prop_assert!(result.is_ok(), "{:?}: {:?}", value, result);
            }
            prop_assert_eq!(seen.len(), 1);
            let (path, query) = &seen[0];
            prop_assert_eq!(query, &None, "a query appeared for {:?}", value);
            let segment = path
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(suffix))
                .ok_or_else(|| TestCaseError::fail(format!("{value:?} gave the path {path}")))?;
            prop_assert!(
                !segment.contains('/'),
                "{:?} left its segment: {}",
                value,
                path
            );
            let decoded = percent_decode_str(segment)
                .decode_utf8()
                .map_err(|e| TestCaseError::fail(format!("{path}: not UTF-8 once decoded: {e}")))?;
            prop_assert_eq!(decoded.as_ref(), value.as_str(), "path {}", path);
        }
        Ok(())
    });
}

#[test]
fn any_state_and_redirect_uri_round_trip_through_the_authorization_url() {
    let clients = [
        Client::new(DataCenter::Uk).unwrap(),
        Client::builder()
            .base_url("http://127.0.0.1:8080/prefix")
            .build()
            .unwrap(),
    ];
    check(
        "authorization URL",
        (
            any::<String>(),
            any::<String>(),
            // Every state one may choose: 22 or more letters, digits, `-`, `.`, `_`, `~`.
            "[A-Za-z0-9._~-]{22,64}",
            any::<bool>(),
            0usize..2,
        ),
        |(client_id, redirect_uri, state, org, which)| {
            let client = &clients[which];
            let builder = if org {
                AuthorizationUrl::organization_connect(client_id.as_str(), redirect_uri.as_str())
            } else {
                AuthorizationUrl::new(client_id.as_str(), redirect_uri.as_str())
                    .scope([Scope::ReadWrite])
            };
            let chosen = cronofy::oauth::AuthorizationState::new(state.as_str()).unwrap();
            let (built, pending) = builder.state(chosen).build(client);
            prop_assert_eq!(pending.state().as_str(), state.as_str());
            prop_assert_eq!(pending.redirect_uri(), redirect_uri.as_str());
            let reparsed = url::Url::parse(built.as_str())
                .map_err(|e| TestCaseError::fail(format!("{built}: does not parse: {e}")))?;
            prop_assert_eq!(&reparsed, &built);
            prop_assert_eq!(reparsed.fragment(), None);
            prop_assert_eq!(reparsed.host_str(), client.app_base().host_str());
            prop_assert!(reparsed.path().ends_with("/oauth/authorize"));
            let pairs: Vec<(String, String)> = reparsed.query_pairs().into_owned().collect();
            let value = |name: &str| {
                let found: Vec<&String> = pairs
                    .iter()
                    .filter(|(k, _)| k == name)
                    .map(|(_, v)| v)
                    .collect();
                found
            };
            prop_assert_eq!(value("state"), vec![&state]);
            prop_assert_eq!(value("redirect_uri"), vec![&redirect_uri]);
            prop_assert_eq!(value("client_id"), vec![&client_id]);
            prop_assert_eq!(value("response_type"), vec!["code"]);
            Ok(())
        },
    );
}

/// Unix seconds of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years RFC 3339 writes.
const FIRST_SECOND: i64 = -62_167_219_200;
const LAST_SECOND: i64 = 253_402_300_799;

#[test]
fn utc_times_parse_what_they_format() {
    check("UtcTime", FIRST_SECOND..=LAST_SECOND, |seconds| {
        let time = UtcTime::from_unix_seconds(seconds)
            .map_err(|e| TestCaseError::fail(format!("{seconds}: {e}")))?;
        let text = time.to_string();
        let parsed = UtcTime::parse(&text)
            .map_err(|e| TestCaseError::fail(format!("{text} does not parse back: {e}")))?;
        prop_assert_eq!(parsed, time, "{}", text);
        let json = serde_json::to_string(&time).unwrap();
        prop_assert_eq!(serde_json::from_str::<UtcTime>(&json).ok(), Some(time));
        Ok(())
    });
}

#[test]
fn dates_parse_what_they_format() {
    check(
        "Date",
        (0i32..=9999, 1u8..=12, 1u8..=31),
        |(year, month, day)| {
            let Ok(date) = Date::from_ymd(year, month, day) else {
                // 2026-02-30 and the like: refused, not a panic.
                return Ok(());
            };
            let text = date.to_string();
            prop_assert_eq!(text.len(), 10, "{}", text);
            prop_assert_eq!(Date::parse(&text).ok(), Some(date), "{}", text);
            let json = serde_json::to_string(&date).unwrap();
            prop_assert_eq!(serde_json::from_str::<Date>(&json).ok(), Some(date));
            Ok(())
        },
    );
}

#[test]
fn parsing_any_text_as_a_time_or_date_never_panics_and_is_stable() {
    let text = prop_oneof![
        any::<String>(),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})",
    ];
    check("parse any text", text, |text| {
        if let Ok(date) = Date::parse(&text) {
            prop_assert_eq!(Date::parse(&date.to_string()).ok(), Some(date), "{}", text);
        }
        if let Ok(time) = UtcTime::parse(&text) {
            // Written at whole seconds: the reparsed value is the same second.
            let again = UtcTime::parse(&time.to_string())
                .map_err(|e| TestCaseError::fail(format!("{text}: {time} does not parse: {e}")))?;
            prop_assert_eq!(again.unix_seconds(), time.unix_seconds(), "{}", text);
        }
        Ok(())
    });
}
