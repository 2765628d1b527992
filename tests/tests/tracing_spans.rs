//! The spans of one endpoint call, captured as a tracing subscriber sees them: one span named
//! after the endpoint, covering a 401, the refresh it leads to (with its token-store and lease
//! spans, and the token request's own span), the retries and the final error; the fields of
//! each; and no token, secret, path id or body anywhere in them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cronofy::events::UpsertEvent;
use cronofy::oauth::{MemoryTokenStore, RefreshingUserToken, TokenSet};
use cronofy::time::EventTime;
use cronofy::{AppCredentials, Client, Error, RetryPolicy};
use mockito::Matcher;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Subscriber, subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

const CLIENT_SECRET: &str = "CLIENT-SECRET-77aa88bb99cc";
const FIRST_ACCESS: &str = "ACCESS-ONE-5f4e3d2c1b0a";
const FIRST_REFRESH: &str = "REFRESH-ONE-0a1b2c3d4e5f";
const SECOND_ACCESS: &str = "ACCESS-TWO-abcdef012345";
const SECOND_REFRESH: &str = "REFRESH-TWO-543210fedcba";
/// A calendar id that is also an address, as Google's are: never in a span.
const CALENDAR_ID: &str = "cal_person@example.org";
const EVENT_ID: &str = "event-id-in-the-body-9d8c7b";
const SUMMARY: &str = "Body text: quarterly review";

/// One span as the subscriber saw it.
#[derive(Debug, Clone)]
struct SeenSpan {
    name: &'static str,
    target: String,
    level: tracing::Level,
    parent: Option<u64>,
    fields: Fields,
}

/// The fields of a span or an event, as text.
type Fields = BTreeMap<String, String>;

/// Every span opened while it is the subscriber, in order, with its fields as recorded, and
/// every event with the span it is in.
#[derive(Clone, Default)]
struct SpanCapture {
    spans: Arc<Mutex<Vec<(u64, SeenSpan)>>>,
    events: Arc<Mutex<Vec<SeenEvent>>>,
}

/// An event: the id of the span it was in, and its fields.
type SeenEvent = (Option<u64>, Fields);

struct FieldText<'a>(&'a mut Fields);

impl Visit for FieldText<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for SpanCapture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let parent = ctx
            .span(id)
            .and_then(|span| span.parent())
            .map(|parent| parent.id().into_u64());
        let mut fields = BTreeMap::new();
        attrs.record(&mut FieldText(&mut fields));
        let meta = attrs.metadata();
        self.spans.lock().unwrap().push((
            id.into_u64(),
            SeenSpan {
                name: meta.name(),
                target: meta.target().to_owned(),
                level: *meta.level(),
                parent,
                fields,
            },
        ));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        let mut spans = self.spans.lock().unwrap();
        if let Some((_, span)) = spans.iter_mut().find(|(seen, _)| *seen == id.into_u64()) {
            values.record(&mut FieldText(&mut span.fields));
        }
    }

    fn on_event(&self, event: &tracing::Event<'_>, ctx: Context<'_, S>) {
        let parent = ctx.event_span(event).map(|span| span.id().into_u64());
        let mut fields = BTreeMap::new();
        event.record(&mut FieldText(&mut fields));
        self.events.lock().unwrap().push((parent, fields));
    }
}

impl SpanCapture {
    fn spans(&self) -> Vec<(u64, SeenSpan)> {
        self.spans.lock().unwrap().clone()
    }

    /// The client's spans as an indented tree, with their fields: what the closing note of
    /// issue 16 quotes, and what the test checks for secrets.
    fn tree(&self) -> String {
        fn write(text: &mut String, spans: &[(u64, SeenSpan)], parent: Option<u64>, depth: usize) {
            for (id, span) in spans.iter().filter(|(_, span)| span.parent == parent) {
                let fields: Vec<String> = span
                    .fields
                    .iter()
                    .map(|(name, value)| format!("{name}={value}"))
                    .collect();
                let indent = depth * 2;
                let _ = writeln!(
                    text,
                    "{:indent$}{} {} {{{}}}",
                    "",
                    span.level,
                    span.name,
                    fields.join(" ")
                );
                write(text, spans, Some(*id), depth + 1);
            }
        }
        let mut text = String::new();
        write(&mut text, &self.spans(), None, 0);
        text
    }
}

fn token_body(access: &str, refresh: &str) -> String {
    serde_json::json!({
        "token_type": "bearer", "access_token": access, "refresh_token": refresh,
        "expires_in": 3600, "scope": "read_write", "sub": "acc_1", "account_id": "acc_1"
    })
    .to_string()
}

fn event() -> UpsertEvent {
    let at = |text: &str| -> EventTime { serde_json::from_value(text.into()).unwrap() };
    UpsertEvent::new(
        EVENT_ID,
        SUMMARY,
        at("2026-12-01T09:00:00Z"),
        at("2026-12-01T10:00:00Z"),
    )
}

#[tokio::test]
async fn one_span_per_call_covers_the_refresh_the_retries_and_the_error() {
    let (capture, _default) = capture_spans();

    let mut server = mockito::Server::new_async().await;
    let path = "/v1/calendars/cal_person%40example.org/events";
    let rejected = server
        .mock("POST", path)
        .match_header("authorization", format!("Bearer {FIRST_ACCESS}").as_str())
        .with_status(401)
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
    let unavailable = server
        .mock("POST", path)
        .match_header("authorization", format!("Bearer {SECOND_ACCESS}").as_str())
        .with_status(503)
        .with_header("retry-after", "0")
        .with_body(format!("overloaded while handling {SECOND_ACCESS}"))
        .expect(3)
        .create_async()
        .await;

    let client = Client::builder()
        .base_url(server.url())
        .retry_policy(
            RetryPolicy::default()
                .max_retries(2)
                .initial_delay(std::time::Duration::from_millis(1))
                .max_delay(std::time::Duration::from_millis(5)),
        )
        .build()
        .unwrap();
    let app = AppCredentials::new("client-id", CLIENT_SECRET);
    let tokens: TokenSet = serde_json::from_str(&token_body(FIRST_ACCESS, FIRST_REFRESH)).unwrap();
    let user = RefreshingUserToken::from_new_authorization(&app, tokens, MemoryTokenStore::new())
        .await
        .unwrap();

    let error = cronofy::events::upsert_event(&client, &user, CALENDAR_ID, &event())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Server { .. }), "{error:?}");
    for mock in [rejected, refresh, unavailable] {
        mock.assert_async().await;
    }

    let spans = capture.spans();
    let tree = capture.tree();
    println!("{tree}");
    let named = |name: &str| -> Vec<(u64, SeenSpan)> {
        spans
            .iter()
            .filter(|(_, span)| span.name == name)
            .cloned()
            .collect()
    };

    // The call: one span, named after the endpoint, with the fields of an HTTP client span.
    let calls = named("upsert_event");
    assert_eq!(calls.len(), 1, "{tree}");
    let (call_id, call) = &calls[0];
    assert_eq!(call.target, "cronofy");
    assert_eq!(call.level, tracing::Level::INFO);
    let port = server.host_with_port();
    let port = port.rsplit(':').next().unwrap();
    for (field, value) in [
        ("otel.kind", "client"),
        ("cronofy.endpoint", "upsert_event"),
        ("http.request.method", "POST"),
        ("url.template", "/v1/calendars/{calendar_id}/events"),
        ("server.address", "127.0.0.1"),
        ("server.port", port),
        ("cronofy.data_center", "custom"),
        ("cronofy.credential_kind", "user"),
        ("http.response.status_code", "503"),
        // The 401, then the first 503 and its two retries.
        ("cronofy.attempts", "4"),
        ("cronofy.reauthorized", "true"),
        ("error.type", "503"),
        ("otel.status_code", "ERROR"),
    ] {
        assert_eq!(
            call.fields.get(field).map(String::as_str),
            Some(value),
            "{field} in {tree}"
        );
    }
    let delay: u64 = call.fields["cronofy.retry_delay_ms"].parse().unwrap();
    assert!(delay <= 10, "{tree}");
    assert_eq!(call.parent, None, "{tree}");

    // The refresh is the call's child, and the token request's own span is the refresh's.
    let refreshes = named("refresh");
    assert_eq!(refreshes.len(), 1, "{tree}");
    let (refresh_id, refresh) = &refreshes[0];
    assert_eq!(refresh.parent, Some(*call_id), "{tree}");
    assert_eq!(refresh.fields["cronofy.refresh.outcome"], "refreshed");
    let token_requests = named("refresh_access_token");
    assert_eq!(token_requests.len(), 1, "{tree}");
    let token_request = &token_requests[0].1;
    assert_eq!(token_request.parent, Some(*refresh_id), "{tree}");
    assert_eq!(
        token_request.fields["cronofy.credential_kind"],
        "client_credentials"
    );
    assert_eq!(token_request.fields["http.response.status_code"], "200");
    assert_eq!(token_request.fields["url.template"], "/oauth/token");
    assert!(!token_request.fields.contains_key("error.type"), "{tree}");

    // The lease and the store's operations are the refresh's children.
    let leases = named("refresh_lease");
    assert_eq!(leases.len(), 1, "{tree}");
    assert_eq!(leases[0].1.parent, Some(*refresh_id), "{tree}");
    assert_eq!(leases[0].1.fields["cronofy.lease.outcome"], "held");
    assert!(leases[0].1.fields.contains_key("cronofy.lease.waited_ms"));
    for operation in [
        "token_store.load",
        "token_store.acquire_lease",
        "token_store.renew_lease",
        "token_store.save",
        "token_store.release_lease",
    ] {
        let found = named(operation);
        assert!(!found.is_empty(), "no {operation} in {tree}");
        for (_, span) in found {
            let mut ancestor = span.parent;
            while let Some(id) = ancestor.filter(|id| id != refresh_id) {
                ancestor = spans.iter().find(|(seen, _)| *seen == id).unwrap().1.parent;
            }
            assert_eq!(
                ancestor,
                Some(*refresh_id),
                "{operation} outside the refresh: {tree}"
            );
        }
    }

    // Each retry is an event inside the call's span.
    let events = capture.events.lock().unwrap().clone();
    let retries = events
        .iter()
        .filter(|(parent, fields)| {
            *parent == Some(*call_id) && fields.get("message").is_some_and(|m| m == "retrying")
        })
        .count();
    assert_eq!(retries, 2, "{events:?}");

    // Nothing secret or personal in any span or event: no token, no client secret, no id from
    // the path, nothing from the body or the server's answer.
    let everything = format!("{tree}\n{spans:?}\n{events:?}");
    for secret in [
        CLIENT_SECRET,
        FIRST_ACCESS,
        FIRST_REFRESH,
        SECOND_ACCESS,
        SECOND_REFRESH,
        CALENDAR_ID,
        "person@example.org",
        "person%40example.org",
        EVENT_ID,
        SUMMARY,
        "overloaded",
    ] {
        assert!(
            !everything.contains(secret),
            "{secret} appears in:\n{everything}"
        );
    }
}

#[tokio::test]
async fn a_call_that_succeeds_records_its_status_and_no_error() {
    let (capture, _default) = capture_spans();
    let mut server = mockito::Server::new_async().await;
    let calendars = server
        .mock("GET", "/v1/calendars")
        .with_body(r#"{"calendars": []}"#)
        .create_async()
        .await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    let user = cronofy::UserToken::new("a-user-token-1234567890");
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    calendars.assert_async().await;

    let spans = capture.spans();
    let call = &spans
        .iter()
        .find(|(_, span)| span.name == "list_calendars")
        .expect("a span named after the endpoint")
        .1;
    assert_eq!(call.fields["http.response.status_code"], "200");
    assert_eq!(call.fields["cronofy.attempts"], "1");
    assert_eq!(call.fields["cronofy.reauthorized"], "false");
    assert_eq!(call.fields["cronofy.retry_delay_ms"], "0");
    assert!(!call.fields.contains_key("error.type"));
    assert!(!call.fields.contains_key("otel.status_code"));
    // A plain token refreshes nothing: no child spans.
    assert_eq!(spans.len(), 1, "{:?}", spans);
}

#[tokio::test]
async fn a_call_that_gets_no_answer_records_a_transport_error() {
    let (capture, _default) = capture_spans();
    // A port that was just free: the connection is refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let user = cronofy::UserToken::new("a-user-token-1234567890");
    let error = cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    let spans = capture.spans();
    let call = &spans[0].1;
    assert_eq!(call.name, "list_calendars");
    assert_eq!(call.fields["error.type"], "transport");
    assert_eq!(call.fields["otel.status_code"], "ERROR");
    assert_eq!(call.fields["cronofy.attempts"], "1");
    assert_eq!(call.fields["server.port"], port.to_string());
    assert!(!call.fields.contains_key("http.response.status_code"));
}

/// A capture of every span, installed as this thread's subscriber until the guard drops.
fn capture_spans() -> (SpanCapture, subscriber::DefaultGuard) {
    let capture = SpanCapture::default();
    let guard = subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));
    (capture, guard)
}

/// The spans named `name`, with their fields.
fn spans_named(capture: &SpanCapture, name: &str) -> Vec<SeenSpan> {
    capture
        .spans()
        .into_iter()
        .filter(|(_, span)| span.name == name)
        .map(|(_, span)| span)
        .collect()
}

#[tokio::test]
async fn a_success_whose_body_does_not_decode_is_a_failed_call() {
    let (capture, _default) = capture_spans();
    let mut server = mockito::Server::new_async().await;
    let calendars = server
        .mock("GET", "/v1/calendars")
        .with_body(r#"{"calendars": 5}"#)
        .create_async()
        .await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    let user = cronofy::UserToken::new("a-user-token-1234567890");
    let error = cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap_err();
    calendars.assert_async().await;
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");

    let calls = spans_named(&capture, "list_calendars");
    assert_eq!(calls.len(), 1);
    let call = &calls[0].fields;
    assert_eq!(call["http.response.status_code"], "200");
    assert_eq!(call["error.type"], "decode");
    assert_eq!(call["otel.status_code"], "ERROR");
}

#[tokio::test]
async fn a_call_refused_before_sending_has_a_span_with_no_attempt() {
    let (capture, _default) = capture_spans();
    let mut server = mockito::Server::new_async().await;
    let nothing = server
        .mock("POST", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    let user = cronofy::UserToken::new("a-user-token-1234567890");
    let error = cronofy::events::upsert_event(&client, &user, "..", &event())
        .await
        .unwrap_err();
    nothing.assert_async().await;
    assert!(
        matches!(error, Error::InvalidPathParameter { .. }),
        "{error:?}"
    );

    let calls = spans_named(&capture, "upsert_event");
    assert_eq!(calls.len(), 1, "{:?}", capture.spans());
    let call = &calls[0].fields;
    assert_eq!(call["cronofy.attempts"], "0");
    assert_eq!(call["error.type"], "invalid_path_parameter");
    assert_eq!(call["otel.status_code"], "ERROR");
    assert_eq!(call["url.template"], "/v1/calendars/{calendar_id}/events");
    assert!(!call.contains_key("http.response.status_code"));
}

#[tokio::test]
async fn every_page_of_a_paged_read_is_a_call_of_its_own() {
    let (capture, _default) = capture_spans();
    let fake = cronofy_fake::FakeCronofy::builder()
        .page_size(2)
        .start()
        .await
        .unwrap();
    let alice = fake.default_user();
    for n in 0..5 {
        let at = |minute: u32| -> EventTime {
            serde_json::from_value(format!("2026-11-2{n}T09:{minute:02}:00Z").into()).unwrap()
        };
        let event = UpsertEvent::new(format!("e{n}"), "Seeded", at(0), at(30));
        fake.insert_event(&alice.sub, alice.primary_calendar_id(), &event);
    }
    let user = fake
        .issue_user_token(&alice.sub, "read_events")
        .user_token();
    let query = cronofy::events::ReadEvents::new("Etc/UTC").include_managed(true);
    let events = cronofy::events::read_all_events(&fake.client(), &user, &query)
        .collect_items()
        .await
        .unwrap();
    assert_eq!(events.len(), 5);

    let pages = spans_named(&capture, "read_events");
    assert_eq!(pages.len(), 3, "five events at two a page");
    for page in &pages {
        assert_eq!(page.fields["http.response.status_code"], "200");
        assert_eq!(page.fields["url.template"], "/v1/events");
        assert_eq!(page.parent, None);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_run_on_another_thread_is_still_traced_under_its_call() {
    // `set_default` makes the subscriber this thread's only: the refresh runs in a task,
    // which a multi-threaded runtime may put on another thread.
    let (capture, _default) = capture_spans();
    let mut server = mockito::Server::new_async().await;
    let path = "/v1/calendars";
    let rejected = server
        .mock("GET", path)
        .match_header("authorization", format!("Bearer {FIRST_ACCESS}").as_str())
        .with_status(401)
        .create_async()
        .await;
    let refresh = server
        .mock("POST", "/oauth/token")
        .with_body(token_body(SECOND_ACCESS, SECOND_REFRESH))
        .create_async()
        .await;
    let accepted = server
        .mock("GET", path)
        .match_header("authorization", format!("Bearer {SECOND_ACCESS}").as_str())
        .with_body(r#"{"calendars": []}"#)
        .create_async()
        .await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    let app = AppCredentials::new("client-id", CLIENT_SECRET);
    let tokens: TokenSet = serde_json::from_str(&token_body(FIRST_ACCESS, FIRST_REFRESH)).unwrap();
    let user = RefreshingUserToken::from_new_authorization(&app, tokens, MemoryTokenStore::new())
        .await
        .unwrap();
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    for mock in [rejected, refresh, accepted] {
        mock.assert_async().await;
    }

    let spans = capture.spans();
    let (call_id, _) = spans
        .iter()
        .find(|(_, span)| span.name == "list_calendars")
        .expect("the call's span");
    let refresh = spans
        .iter()
        .find(|(_, span)| span.name == "refresh")
        .expect("the refresh's span, from whichever thread ran it");
    assert_eq!(refresh.1.parent, Some(*call_id));
    assert!(
        spans
            .iter()
            .any(|(_, span)| span.name == "refresh_access_token" && span.parent == Some(refresh.0)),
        "{}",
        capture.tree()
    );
}

#[tokio::test]
async fn a_governed_call_records_its_wait_for_the_rate_budget() {
    let (capture, _default) = capture_spans();
    let mut server = mockito::Server::new_async().await;
    let calendars = server
        .mock("GET", "/v1/calendars")
        .with_body(r#"{"calendars": []}"#)
        .expect(2)
        .create_async()
        .await;
    // One request per second: the second call waits that long, less the first's round trip.
    let limits = cronofy::rate::RateLimits::new(1, 100);
    let governor = cronofy::rate::RateGovernor::in_memory(limits).margin(Duration::ZERO);
    let client = Client::builder()
        .base_url(server.url())
        .rate_governor(governor)
        .build()
        .unwrap();
    let user = cronofy::UserToken::new("a-user-token-1234567890");
    for _ in 0..2 {
        cronofy::calendars::list_calendars(&client, &user)
            .await
            .unwrap();
    }
    calendars.assert_async().await;

    let calls = spans_named(&capture, "list_calendars");
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].fields["cronofy.rate_wait_ms"], "0");
    let waited: u64 = calls[1].fields["cronofy.rate_wait_ms"].parse().unwrap();
    assert!((500..5_000).contains(&waited), "{waited} ms");
    // Without a governor the field is left out.
    let plain = Client::builder().base_url(server.url()).build().unwrap();
    let _ = cronofy::calendars::list_calendars(&plain, &user).await;
    let calls = spans_named(&capture, "list_calendars");
    assert!(!calls[2].fields.contains_key("cronofy.rate_wait_ms"));
}

#[tokio::test]
async fn a_retry_the_governor_refuses_is_not_an_attempt_and_the_call_ends_as_the_one_sent() {
    let (capture, _default) = capture_spans();
    let mut server = mockito::Server::new_async().await;
    let unavailable = server
        .mock("GET", "/v1/calendars")
        .with_status(503)
        .expect(1)
        .create_async()
        .await;
    // One request per second, and no call waits more than 100 ms for it.
    let governor = cronofy::rate::RateGovernor::in_memory(cronofy::rate::RateLimits::new(1, 100))
        .max_wait(Duration::from_millis(100));
    let client = Client::builder()
        .base_url(server.url())
        .retry_policy(RetryPolicy::default().initial_delay(Duration::from_millis(1)))
        .rate_governor(governor.clone())
        .build()
        .unwrap();
    let user = cronofy::UserToken::new("a-user-token-1234567890");
    // The 503 was sent; its retry was not: the call fails as the attempt that went out did.
    let error = cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Server { status, .. } if status.as_u16() == 503),
        "{error:?}"
    );
    // A call that sends nothing is refused as such.
    let error = cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::RateBudgetExhausted { .. }),
        "{error:?}"
    );
    unavailable.assert_async().await;
    assert_eq!(governor.stats().admitted, 1);

    let calls = spans_named(&capture, "list_calendars");
    assert_eq!(calls.len(), 2);
    let retried = &calls[0].fields;
    assert_eq!(
        retried["cronofy.attempts"], "1",
        "the refused retry was not sent"
    );
    assert_eq!(retried["http.response.status_code"], "503");
    assert_eq!(retried["error.type"], "503");
    let refused = &calls[1].fields;
    assert_eq!(refused["cronofy.attempts"], "0");
    assert_eq!(refused["error.type"], "rate_budget_exhausted");
}
