//! The fake Cronofy (`cronofy_fake`) serves every endpoint the client declares: each one
//! through the crate's generated function (success with the decoded values, the state it
//! keeps, a credential of the wrong kind, a 422), plus raw requests for what the typed client
//! cannot send (missing credentials, malformed bodies).

use cronofy::auth::AuthKind;
use cronofy::availability::{
    AvailabilityBuffer, AvailabilityResponseFormat, AvailabilityRule, BufferRange, Member,
    Participants, QueryAvailability, QueryPeriod, QuerySequencedAvailability, ReadAvailablePeriods,
    SequenceBuffer, SequenceStep, TimeOfDay, UpsertAvailablePeriod, Weekday, WeeklyPeriod,
};
use cronofy::events::{
    AttendeeStatus, BulkDeleteEvents, Conferencing, DeleteEvent, Event, ExecuteBatch,
    ExtendedTransparency, Frequency, Invitee, Location, ParticipationStatus, ReadEvents,
    Recurrence, RecurrenceRule, Reminder, UpsertEvent,
};
use cronofy::notifications::CreateChannel;
use cronofy::oauth::Scope;
use cronofy::oauth::{
    AuthorizeConferencingService, CalendarPermission, ConferencingProvider, PermissionLevel,
    RequestPermissions,
};
use cronofy::organizations::AuthorizeViaServiceAccount;
use cronofy::scheduling::{
    CreateRealTimeScheduling, CreateSchedulerRequest, DisableRealTimeScheduling,
    ReadRealTimeSchedulingByToken, ReadSmartInvite, RealTimeSchedulingEvent,
    RealTimeSchedulingStatus, SchedulerRecipient, SmartInviteEvent, SmartInviteMethod,
    SmartInviteRecipientSpec, SmartInviteStatus, TargetCalendar, UpsertSmartInvite,
};
use cronofy::time::{EventTime, Minutes, UtcTime};
use cronofy::{AppCredentials, Error, OrgToken, ServiceAccountToken, UserToken};
use cronofy_fake::{CredentialKind, FakeCronofy, Fault, FaultKind, IssuedTokens};
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};

// ---- helpers ----

/// Sends a request with an optional bearer, `Cronofy-Impersonate` and JSON body; returns the
/// status and the body as JSON (`Null` when empty or not JSON).
async fn call(
    method: reqwest::Method,
    url: &str,
    bearer: Option<&str>,
    impersonate: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let mut request = reqwest::Client::new().request(method, url);
    if let Some(bearer) = bearer {
        request = request.header(AUTHORIZATION, format!("Bearer {bearer}"));
    }
    if let Some(sub) = impersonate {
        request = request.header("Cronofy-Impersonate", sub);
    }
    if let Some(body) = body {
        request = request
            .header(CONTENT_TYPE, "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let bytes = response.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn post(url: &str, bearer: &str, body: &Value) -> (StatusCode, Value) {
    call(reqwest::Method::POST, url, Some(bearer), None, Some(body)).await
}

async fn get(url: &str, bearer: &str) -> (StatusCode, Value) {
    call(reqwest::Method::GET, url, Some(bearer), None, None).await
}

async fn delete(url: &str, bearer: &str, body: &Value) -> (StatusCode, Value) {
    call(reqwest::Method::DELETE, url, Some(bearer), None, Some(body)).await
}

/// The `errors` keys of a 422 body, for each field.
fn error_key<'a>(body: &'a Value, field: &str) -> &'a str {
    body["errors"][field][0]["key"].as_str().unwrap_or_else(|| {
        panic!("no error for `{field}` in {body}");
    })
}

fn utc(text: &str) -> UtcTime {
    UtcTime::parse(text).unwrap()
}

fn event(id: &str, start: &str, end: &str) -> UpsertEvent {
    UpsertEvent::new(id, format!("Event {id}"), utc(start), utc(end))
}

#[track_caller]
fn assert_unauthorized<T: std::fmt::Debug>(result: Result<T, Error>) {
    match result {
        Err(Error::Unauthorized { .. }) => {}
        other => panic!("expected a 401, got {other:?}"),
    }
}

#[track_caller]
fn validation<T: std::fmt::Debug>(result: Result<T, Error>) -> cronofy::ValidationErrors {
    match result {
        Err(Error::Validation { errors }) => errors,
        other => panic!("expected a 422, got {other:?}"),
    }
}

/// A user token for the default user with `scope`.
fn alice_token(fake: &FakeCronofy, scope: &str) -> (cronofy_fake::TestUser, IssuedTokens) {
    let alice = fake.default_user();
    let tokens = fake.issue_user_token(&alice.sub, scope);
    (alice, tokens)
}

/// A credential that compiles as a user credential but is the application's secret.
fn secret_as_user(fake: &FakeCronofy) -> UserToken {
    UserToken::new(fake.app_credentials().client_secret())
}

/// Application credentials whose "secret" is a user's access token.
fn user_as_app(fake: &FakeCronofy, tokens: &IssuedTokens) -> AppCredentials {
    AppCredentials::new(
        fake.app_credentials().client_id().as_str(),
        tokens.access_token.as_str(),
    )
}

// ---- every endpoint: no credential, or the wrong kind, is a 401 ----

/// Fills each `{placeholder}` of a path template with `x`.
fn fill(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}').unwrap();
        out.push_str(&rest[..open]);
        out.push('x');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A refused credential: 401; for the endpoints that take client credentials in the body, the
/// OAuth `invalid_client` error (400 at the token endpoint, as Cronofy documents; 401 at
/// application calendars).
fn assert_refused(endpoint: &cronofy::Endpoint, status: StatusCode, answer: &Value, how: &str) {
    if endpoint.accepts(AuthKind::ClientCredentials) {
        assert!(
            status == StatusCode::UNAUTHORIZED || status == StatusCode::BAD_REQUEST,
            "{endpoint} {how}: {status} {answer}"
        );
        assert_eq!(answer["error"], "invalid_client", "{endpoint} {how}");
    } else {
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{endpoint} {how}: {answer}"
        );
    }
}

fn method_of(endpoint: &cronofy::Endpoint) -> reqwest::Method {
    reqwest::Method::from_bytes(endpoint.method.as_str().as_bytes()).unwrap()
}

/// Walks the client's table: every endpoint is routed, and a credential of a kind it takes is
/// let through to its handler (never 401, nor the 404/405 of an unrouted path, nor the 501 of
/// an endpoint the fake has no handler for), even with an empty body.
#[tokio::test]
async fn every_declared_endpoint_lets_each_kind_it_takes_through_to_its_handler() {
    let fake = FakeCronofy::start().await;
    let alice = fake.default_user();
    let user = fake.issue_user_token(&alice.sub, "read_write");
    let org = fake.issue_org_token(&fake.default_org().org_id);
    let service_account = fake.issue_service_account_token();
    let secret = fake.app_credentials().client_secret().to_owned();
    let member = fake.default_org().member_subs[0].clone();
    // (kind, bearer, impersonated member)
    let credentials = [
        (AuthKind::User, user.access_token.clone(), None),
        (AuthKind::User, org.access_token.clone(), Some(member)),
        (AuthKind::App, secret.clone(), None),
        (AuthKind::Org, org.access_token.clone(), None),
        (
            AuthKind::ServiceAccount,
            service_account.access_token.clone(),
            None,
        ),
    ];
    let mut checked = 0;
    for endpoint in cronofy::endpoints() {
        let url = format!("{}{}", fake.base_url(), fill(endpoint.path));
        let body = endpoint.has_body.then(|| json!({}));
        if endpoint.accepts(AuthKind::ClientCredentials) {
            // The credentials travel in the body: a body with them passes the client check
            // and is then judged on the rest of it.
            let app = fake.app_credentials();
            let with_credentials = json!({
                "client_id": app.client_id().as_str(),
                "client_secret": app.client_secret(),
            });
            let (status, answer) = call(
                method_of(endpoint),
                &url,
                None,
                None,
                Some(&with_credentials),
            )
            .await;
            assert_handled(endpoint, status, &answer, "with client credentials");
            checked += 1;
            continue;
        }
        for (kind, bearer, impersonate) in &credentials {
            if !endpoint.accepts(*kind) {
                continue;
            }
            let (status, answer) = call(
                method_of(endpoint),
                &url,
                Some(bearer),
                impersonate.as_deref(),
                body.as_ref(),
            )
            .await;
            assert_handled(
                endpoint,
                status,
                &answer,
                &format!("with a {kind} credential"),
            );
            checked += 1;
        }
    }
    assert!(checked >= cronofy::endpoints().len(), "{checked}");
}

/// An answer from the endpoint's own handler: a success or a complaint about the request (a
/// 404 for the made-up id in the path among them), not a refusal of the credential or a route
/// that does not exist.
fn assert_handled(endpoint: &cronofy::Endpoint, status: StatusCode, answer: &Value, how: &str) {
    assert!(
        !matches!(status.as_u16(), 401 | 405 | 501) && !status.is_server_error(),
        "{endpoint} {how}: {status} {answer}"
    );
    assert_ne!(
        answer["error"], "no_such_route",
        "{endpoint} {how}: {answer}"
    );
    if let Some(error) = answer.get("error").and_then(Value::as_str) {
        assert_ne!(error, "invalid_client", "{endpoint} {how}: {answer}");
    }
}

#[tokio::test]
async fn every_declared_endpoint_answers_a_missing_or_wrong_kind_credential_with_401() {
    let fake = FakeCronofy::start().await;
    let alice = fake.default_user();
    let user = fake.issue_user_token(&alice.sub, "read_write");
    let org = fake.issue_org_token(&fake.default_org().org_id);
    let service_account = fake.issue_service_account_token();
    let secret = fake.app_credentials().client_secret().to_owned();
    let kinds = [
        (AuthKind::User, user.access_token.as_str()),
        (AuthKind::App, secret.as_str()),
        (AuthKind::Org, org.access_token.as_str()),
        (
            AuthKind::ServiceAccount,
            service_account.access_token.as_str(),
        ),
    ];
    let endpoints = cronofy::endpoints();
    assert!(endpoints.len() >= 40);
    for endpoint in endpoints {
        let url = format!("{}{}", fake.base_url(), fill(endpoint.path));
        let body = endpoint.has_body.then(|| json!({}));
        let (status, answer) = call(method_of(endpoint), &url, None, None, body.as_ref()).await;
        assert_refused(endpoint, status, &answer, "without a credential");
        let mut wrong_kinds = 0;
        for (kind, bearer) in kinds {
            if endpoint.accepts(kind) {
                continue;
            }
            wrong_kinds += 1;
            let (status, answer) =
                call(method_of(endpoint), &url, Some(bearer), None, body.as_ref()).await;
            assert_refused(
                endpoint,
                status,
                &answer,
                &format!("with a {kind} credential"),
            );
        }
        assert!(wrong_kinds >= 2, "{endpoint}");
        // A bearer the fake never issued.
        let (status, answer) = call(
            method_of(endpoint),
            &url,
            Some("made-up-token"),
            None,
            body.as_ref(),
        )
        .await;
        assert_refused(endpoint, status, &answer, "with a made-up token");
    }
}

#[tokio::test]
async fn bad_input_on_any_endpoint_with_any_credential_is_never_a_server_error() {
    let fake = FakeCronofy::start().await;
    let alice = fake.default_user();
    let user = fake.issue_user_token(&alice.sub, "read_write change_participation_status");
    let org = fake.issue_org_token(&fake.default_org().org_id);
    let service_account = fake.issue_service_account_token();
    let secret = fake.app_credentials().client_secret().to_owned();
    let bearers = [
        user.access_token.as_str(),
        secret.as_str(),
        org.access_token.as_str(),
        service_account.access_token.as_str(),
    ];
    let bodies = [
        "",
        "{",
        "[]",
        "null",
        "{\"batch\":[{\"method\":\"POST\",\"relative_url\":\"/v1/calendars/%FF/events\",\"data\":[]},7,{\"method\":\"DELETE\",\"relative_url\":\"v1\"}]}",
        "{\"sequence\":[{\"sequence_id\":1,\"participants\":[{\"members\":[{\"sub\":7}]}],\"required_duration\":{\"minutes\":-5},\"start_interval\":{\"minutes\":0},\"buffer\":{\"before\":{\"minimum\":\"x\"}}}],\"query_periods\":[{\"start\":\"2026-11-23T13:00:00Z\",\"end\":\"2026-11-23T09:00:00Z\"}]}",
        "{\"required_duration\":{\"hours\":9223372036854775807,\"minutes\":9223372036854775807},\"participants\":[{\"members\":[{\"sub\":\"x\"}],\"required\":\"all\"}],\"query_periods\":[{\"start\":\"0001-01-01T00:00:00Z\",\"end\":\"9999-12-31T00:00:00Z\"}],\"sequence\":[{\"sequence_id\":\"a\",\"participants\":[{\"members\":[{\"sub\":\"x\"}]}],\"required_duration\":{\"hours\":9223372036854775807},\"buffer\":{\"after\":{\"minimum\":{\"hours\":9223372036854775807}}}}]}",
        "{\"weekly_periods\":[{\"day\":\"monday\",\"start_time\":\"é\",\"end_time\":7}],\"filters\":[],\"start\":{\"time\":5},\"recipients\":[{}],\"host\":{\"sub\":[]},\"permissions\":[1],\"delete_all\":\"yes\",\"calendar_ids\":[1]}",
    ];
    let mut paths = Vec::new();
    for endpoint in cronofy::endpoints() {
        for filler in ["x", "%2E%2E", "%FF%FE"] {
            paths.push((
                method_of(endpoint),
                endpoint
                    .path
                    .replace("{calendar_id}", filler)
                    .replace(['{', '}'], ""),
            ));
        }
    }
    paths.push((
        reqwest::Method::GET,
        "/v1/available_periods?tzid=X&from=2026-02-30&localized_times=maybe".to_owned(),
    ));
    paths.push((
        reqwest::Method::GET,
        "/v1/available_periods/pages/nope".to_owned(),
    ));
    paths.push((
        reqwest::Method::GET,
        "/v1/smart_invites?smart_invite_id=%FF&include_ics=2".to_owned(),
    ));
    paths.push((
        reqwest::Method::GET,
        "/v1/real_time_scheduling?token=".to_owned(),
    ));
    paths.push((
        reqwest::Method::POST,
        "/v1/application_calendars".to_owned(),
    ));
    for (method, path) in paths {
        for bearer in bearers {
            for body in bodies {
                let status = reqwest::Client::new()
                    .request(method.clone(), format!("{}{path}", fake.base_url()))
                    .header(AUTHORIZATION, format!("Bearer {bearer}"))
                    .header(CONTENT_TYPE, "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap()
                    .status();
                assert!(status.as_u16() < 500, "{method} {path} {body:?}: {status}");
            }
        }
    }
    cronofy::calendars::list_calendars(&fake.client(), &user.user_token())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_service_account_token_is_refused_everywhere_but_on_its_own_endpoints() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let service = fake.issue_service_account_token();
    assert!(service.sub.starts_with("ser_"));
    let as_user = UserToken::new(service.access_token.as_str());
    assert_unauthorized(cronofy::calendars::list_calendars(&client, &as_user).await);
    assert_unauthorized(cronofy::identity::read_userinfo(&client, &as_user).await);
    let as_org = OrgToken::new(service.access_token.as_str());
    assert_unauthorized(
        cronofy::organizations::list_organizational_unit_members(&client, &as_org).await,
    );
    let as_app = AppCredentials::new("id", service.access_token.as_str());
    assert_unauthorized(
        cronofy::scheduling::read_smart_invite(&client, &as_app, &ReadSmartInvite::new("x", "y"))
            .await,
    );

    // Its own endpoints, and the request log naming its kind.
    let token = service.service_account_token();
    cronofy::organizations::list_resources(&client, &token)
        .await
        .unwrap();
    let last = fake.requests().pop().unwrap();
    assert_eq!(last.credential, CredentialKind::ServiceAccount);
    assert_eq!(last.acting_for.as_deref(), Some(service.sub.as_str()));
}

// ---- identity ----

#[tokio::test]
async fn revoking_a_profile_disconnects_it_and_locks_its_calendars() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (alice, tokens) = alice_token(&fake, "read_write");
    let token = tokens.user_token();

    cronofy::identity::revoke_profile(&client, &token, &alice.profile_id)
        .await
        .unwrap();
    let profiles = cronofy::identity::list_profiles(&client, &token)
        .await
        .unwrap();
    let profile = &profiles.profiles[0];
    assert_eq!(profile.profile_id, alice.profile_id);
    assert!(!profile.profile_connected);
    assert!(profile.profile_relink_url.is_some());
    // Idempotent; the token still works; writes to its calendars are 423.
    cronofy::identity::revoke_profile(&client, &token, &alice.profile_id)
        .await
        .unwrap();
    let booking = event("e1", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z");
    match cronofy::events::upsert_event(&client, &token, alice.primary_calendar_id(), &booking)
        .await
    {
        Err(Error::Locked { .. }) => {}
        other => panic!("expected a 423, got {other:?}"),
    }
    // Another user's profile is not this user's to revoke.
    let bob = &fake.users()[1];
    match cronofy::identity::revoke_profile(&client, &token, &bob.profile_id).await {
        Err(Error::NotFound { .. }) => {}
        other => panic!("expected a 404, got {other:?}"),
    }
    assert_unauthorized(
        cronofy::identity::revoke_profile(&client, &secret_as_user(&fake), "x").await,
    );
}

// ---- events ----

#[tokio::test]
async fn bulk_delete_removes_managed_events_by_calendar_or_all_and_reads_honour_it() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (alice, tokens) = alice_token(&fake, "read_write");
    let token = tokens.user_token();
    let (primary, personal) = (&alice.calendar_ids[0], &alice.calendar_ids[1]);
    fake.insert_event(
        &alice.sub,
        primary,
        &event("p1", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"),
    );
    fake.insert_event(
        &alice.sub,
        personal,
        &event("q1", "2026-11-23T11:00:00Z", "2026-11-23T12:00:00Z"),
    );
    let bob = &fake.users()[1];
    fake.insert_event(
        &bob.sub,
        bob.primary_calendar_id(),
        &event("b1", "2026-11-23T11:00:00Z", "2026-11-23T12:00:00Z"),
    );
    let ids = |page: &cronofy::Page<cronofy::events::Event>| -> Vec<String> {
        page.items
            .iter()
            .filter_map(|e| e.event_id.clone())
            .collect()
    };
    let query = ReadEvents::new("Etc/UTC").include_managed(true);

    cronofy::events::bulk_delete_events(
        &client,
        &token,
        &BulkDeleteEvents::in_calendars([personal]),
    )
    .await
    .unwrap();
    let page = cronofy::events::read_events(&client, &token, &query)
        .await
        .unwrap();
    assert_eq!(ids(&page), ["p1"]);

    cronofy::events::bulk_delete_events(&client, &token, &BulkDeleteEvents::all())
        .await
        .unwrap();
    let page = cronofy::events::read_events(&client, &token, &query)
        .await
        .unwrap();
    assert!(page.items.is_empty());
    let deleted =
        cronofy::events::read_events(&client, &token, &query.clone().include_deleted(true))
            .await
            .unwrap();
    assert_eq!(deleted.items.len(), 2);
    assert!(deleted.items.iter().all(|e| e.deleted));
    // Another user's events are untouched.
    assert!(!fake.events(&bob.sub)[0].deleted);

    // 422s: neither field, both, a false delete_all, an unknown calendar.
    let url = format!("{}/v1/events", fake.base_url());
    let (status, body) = delete(&url, &tokens.access_token, &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "delete_all"), "errors.required");
    let (_, body) = delete(
        &url,
        &tokens.access_token,
        &json!({ "delete_all": true, "calendar_ids": [primary] }),
    )
    .await;
    assert_eq!(error_key(&body, "delete_all"), "errors.invalid");
    let (_, body) = delete(&url, &tokens.access_token, &json!({ "delete_all": false })).await;
    assert_eq!(error_key(&body, "delete_all"), "errors.invalid");
    let errors = validation(
        cronofy::events::bulk_delete_events(
            &client,
            &token,
            &BulkDeleteEvents::in_calendars(["cal_x"]),
        )
        .await,
    );
    assert_eq!(errors.field("calendar_ids")[0].key, "errors.not_found");

    // The delete_event scope; the credential kind.
    let reader = fake
        .issue_user_token(&alice.sub, "read_events")
        .user_token();
    match cronofy::events::bulk_delete_events(&client, &reader, &BulkDeleteEvents::all()).await {
        Err(Error::Forbidden { .. }) => {}
        other => panic!("expected a 403, got {other:?}"),
    }
    assert_unauthorized(
        cronofy::events::bulk_delete_events(
            &client,
            &secret_as_user(&fake),
            &BulkDeleteEvents::all(),
        )
        .await,
    );
}

#[tokio::test]
async fn query_booleans_take_any_case_and_digits() {
    let fake = FakeCronofy::start().await;
    let (alice, tokens) = alice_token(&fake, "read_write");
    fake.insert_event(
        &alice.sub,
        alice.primary_calendar_id(),
        &event("gone", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"),
    );
    cronofy::events::delete_event(
        &fake.client(),
        &tokens.user_token(),
        alice.primary_calendar_id(),
        &DeleteEvent::new("gone"),
    )
    .await
    .unwrap();
    let base = format!(
        "{}/v1/events?tzid=Etc/UTC&include_managed=1",
        fake.base_url()
    );
    for (value, shown) in [
        ("true", 1),
        ("True", 1),
        ("TRUE", 1),
        ("1", 1),
        ("false", 0),
        ("False", 0),
        ("0", 0),
    ] {
        let (status, body) = get(
            &format!("{base}&include_deleted={value}"),
            &tokens.access_token,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{value}");
        assert_eq!(body["events"].as_array().unwrap().len(), shown, "{value}");
    }
    let (status, body) = get(
        &format!("{base}&include_deleted=perhaps"),
        &tokens.access_token,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "include_deleted"), "errors.invalid");
}

#[tokio::test]
async fn participation_status_is_set_and_read_back() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (alice, tokens) = alice_token(&fake, "read_write change_participation_status");
    let token = tokens.user_token();
    let calendar = alice.primary_calendar_id();
    fake.insert_event(
        &alice.sub,
        calendar,
        &event("invite", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"),
    );
    let uid = fake.events(&alice.sub)[0].event_uid.clone().unwrap();
    assert_eq!(
        fake.events(&alice.sub)[0]
            .participation_status
            .as_ref()
            .map(|v| v.as_str()),
        Some("accepted")
    );

    let declined = ParticipationStatus::Declined.into();
    cronofy::events::change_participation_status(&client, &token, calendar, &uid, &declined)
        .await
        .unwrap();
    let page = cronofy::events::read_events(
        &client,
        &token,
        &ReadEvents::new("Etc/UTC").include_managed(true),
    )
    .await
    .unwrap();
    assert_eq!(
        page.items[0]
            .participation_status
            .as_ref()
            .map(|v| v.as_str()),
        Some("declined")
    );

    // 422s: the status, an unknown event.
    let url = format!(
        "{}/v1/calendars/{calendar}/events/{uid}/participation_status",
        fake.base_url()
    );
    let (status, body) = post(&url, &tokens.access_token, &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "status"), "errors.required");
    let (_, body) = post(&url, &tokens.access_token, &json!({ "status": "maybe" })).await;
    assert_eq!(error_key(&body, "status"), "errors.invalid");
    let errors = validation(
        cronofy::events::change_participation_status(
            &client, &token, calendar, "evt_nope", &declined,
        )
        .await,
    );
    assert_eq!(errors.field("event_uid")[0].key, "errors.not_found");

    // The scope, and the credential kind.
    let without = fake.issue_user_token(&alice.sub, "read_write").user_token();
    match cronofy::events::change_participation_status(&client, &without, calendar, &uid, &declined)
        .await
    {
        Err(Error::Forbidden { .. }) => {}
        other => panic!("expected a 403, got {other:?}"),
    }
    assert_unauthorized(
        cronofy::events::change_participation_status(
            &client,
            &secret_as_user(&fake),
            calendar,
            &uid,
            &declined,
        )
        .await,
    );
}

/// Reads every event of the token's user matching `query`, with the fake's pages followed.
async fn read(fake: &FakeCronofy, tokens: &IssuedTokens, query: &ReadEvents) -> Vec<Event> {
    cronofy::events::read_all_events(&fake.client(), &tokens.user_token(), query)
        .collect_items()
        .await
        .unwrap()
}

#[tokio::test]
async fn events_keep_attendees_reminders_and_conferencing_and_return_them_on_read() {
    let fake = FakeCronofy::start().await;
    let (alice, tokens) = alice_token(&fake, "read_write");
    let client = fake.client();
    let calendar = alice.primary_calendar_id();
    let sync = event("sync", "2026-11-23T09:00:00Z", "2026-11-23T09:30:00Z")
        .tzid("Europe/London")
        .location_details(Location::described("Head office").at(51.5072, -0.1276))
        .invite([
            Invitee::new("ada@example.com").display_name("Ada Lovelace"),
            Invitee::new("grace@example.com"),
        ])
        .reminders([Reminder::minutes_before(10), Reminder::minutes_before(60)])
        .conferencing(Conferencing::explicit("Zoom", "https://zoom.us/j/5551234"))
        .color("#49BED8")
        .event_private(true)
        .extended_transparency(ExtendedTransparency::WorkingElsewhere)
        .recurrence(Recurrence::new(
            RecurrenceRule::new(Frequency::Weekly).count(4),
        ));
    cronofy::events::upsert_event(&client, &tokens.user_token(), calendar, &sync)
        .await
        .unwrap();

    let query = ReadEvents::new("Etc/UTC")
        .include_managed(true)
        .include_geo(true);
    let read_back = read(&fake, &tokens, &query).await;
    let read_event = &read_back[0];
    let invited: Vec<(&str, Option<&str>, Option<&AttendeeStatus>)> = read_event
        .attendees
        .iter()
        .map(|a| {
            (
                a.email.as_str(),
                a.display_name.as_deref(),
                a.status.as_ref(),
            )
        })
        .collect();
    assert_eq!(
        invited,
        [
            (
                "ada@example.com",
                Some("Ada Lovelace"),
                Some(&AttendeeStatus::NeedsAction)
            ),
            (
                "grace@example.com",
                None,
                Some(&AttendeeStatus::NeedsAction)
            ),
        ]
    );
    assert_eq!(
        read_event.organizer.as_ref().unwrap().email.as_deref(),
        Some(alice.email.as_str())
    );
    assert_eq!(
        read_event.extra["reminders"],
        json!([{"minutes": 10}, {"minutes": 60}])
    );
    let conferencing = read_event.conferencing.as_ref().unwrap();
    assert_eq!(
        conferencing.join_url.as_deref(),
        Some("https://zoom.us/j/5551234")
    );
    assert_eq!(
        read_event.meeting_url.as_deref(),
        Some("https://zoom.us/j/5551234")
    );
    assert_eq!(read_event.extra["color"], "#49BED8");
    assert_eq!(read_event.event_private, Some(true));
    assert_eq!(
        read_event.extended_transparency,
        Some(ExtendedTransparency::WorkingElsewhere)
    );
    assert_eq!(read_event.recurring, Some(true));
    assert!(read_event.series_identifier.is_some());
    let location = read_event.location.as_ref().unwrap();
    assert_eq!(
        (location.lat.as_deref(), location.long.as_deref()),
        (Some("51.5072"), Some("-0.1276"))
    );

    // An update: one more invited, one removed, reminders kept as the user left them.
    let update = event("sync", "2026-11-23T09:00:00Z", "2026-11-23T09:30:00Z")
        .invite([Invitee::new("linus@example.com")])
        .remove_attendees([Invitee::new("grace@example.com")])
        .reminders([Reminder::minutes_before(5)])
        .reminders_create_only(true)
        .conferencing(Conferencing::provider_default());
    cronofy::events::upsert_event(&client, &tokens.user_token(), calendar, &update)
        .await
        .unwrap();
    let updated = &read(&fake, &tokens, &query).await[0];
    let emails: Vec<&str> = updated.attendees.iter().map(|a| a.email.as_str()).collect();
    assert_eq!(emails, ["ada@example.com", "linus@example.com"]);
    assert_eq!(
        updated.extra["reminders"],
        json!([{"minutes": 10}, {"minutes": 60}])
    );
    // The provider's own conferencing gets a join URL of the fake's.
    let join_url = updated
        .conferencing
        .as_ref()
        .unwrap()
        .join_url
        .clone()
        .unwrap();
    assert!(join_url.starts_with("https://"), "{join_url}");
    assert_ne!(join_url, "https://zoom.us/j/5551234");

    // What the client refuses itself, sent raw, is a 422 naming the field.
    let url = format!("{}/v1/calendars/{calendar}/events", fake.base_url());
    for (field, body) in [
        (
            "attendees",
            json!({"attendees": {"invite": [{"email": ""}]}}),
        ),
        ("reminders", json!({"reminders": [{"minutes": -5}]})),
        ("color", json!({"color": "blue-ish"})),
        (
            "conferencing",
            json!({"conferencing": {"profile_id": "explicit"}}),
        ),
        (
            "recurrence",
            json!({"recurrence": {"rules": [{"frequency": "hourly"}]}}),
        ),
    ] {
        let mut body = body;
        body["event_id"] = json!("sync");
        body["summary"] = json!("Sync");
        body["start"] = json!("2026-11-23T09:00:00Z");
        body["end"] = json!("2026-11-23T09:30:00Z");
        let (status, answer) = post(&url, &tokens.access_token, &body).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {answer}"
        );
        assert_eq!(error_key(&answer, field), "errors.invalid", "{field}");
    }
}

#[tokio::test]
async fn read_events_honours_every_documented_filter() {
    let fake = FakeCronofy::start().await;
    let (alice, tokens) = alice_token(&fake, "read_write");
    let client = fake.client();
    let calendar = alice.primary_calendar_id();
    let managed = event("managed", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z")
        .tzid("Europe/London")
        .location_details(Location::described("Office").at(51.5, -0.1));
    cronofy::events::upsert_event(&client, &tokens.user_token(), calendar, &managed)
        .await
        .unwrap();
    let all = read(
        &fake,
        &tokens,
        &ReadEvents::new("Etc/UTC").include_managed(true),
    )
    .await;
    let uid = all[0].event_uid.clone().unwrap();
    // An event of the user's own (not managed): edited as an external one to make it so is not
    // possible, so seed one through the handle without an event_id.
    fake.insert_event(
        &alice.sub,
        calendar,
        &UpsertEvent::external(
            uid.clone(),
            "Managed",
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T10:00:00Z"),
        ),
    );

    // Cronofy leaves managed events out unless asked.
    assert!(
        read(&fake, &tokens, &ReadEvents::new("Etc/UTC"))
            .await
            .is_empty()
    );
    assert_eq!(
        read(
            &fake,
            &tokens,
            &ReadEvents::new("Etc/UTC").only_managed(true)
        )
        .await
        .len(),
        1
    );
    let with_managed = ReadEvents::new("Etc/UTC").include_managed(true);

    // Coordinates only with include_geo; zoned times with localized_times; Google's id on
    // request (the default user's calendars are Google ones).
    let plain = &read(&fake, &tokens, &with_managed).await[0];
    let location = plain.location.as_ref().unwrap();
    assert_eq!((&location.lat, &location.long), (&None, &None));
    assert_eq!(plain.start, EventTime::from(utc("2026-11-23T09:00:00Z")));
    assert_eq!(plain.google_event_id, None);
    let detailed = &read(
        &fake,
        &tokens,
        &with_managed
            .clone()
            .include_geo(true)
            .localized_times(true)
            .google_event_ids(true),
    )
    .await[0];
    assert_eq!(
        detailed.location.as_ref().unwrap().lat.as_deref(),
        Some("51.5")
    );
    assert_eq!(
        detailed.start,
        EventTime::zoned(utc("2026-11-23T09:00:00Z"), "Europe/London")
    );
    assert!(detailed.google_event_id.is_some());

    // Moved out of the window: only include_moved still finds it there.
    let moved = event("managed", "2026-11-30T09:00:00Z", "2026-11-30T10:00:00Z");
    cronofy::events::upsert_event(&client, &tokens.user_token(), calendar, &moved)
        .await
        .unwrap();
    let window = with_managed
        .clone()
        .from(cronofy::time::Date::parse("2026-11-23").unwrap())
        .to(cronofy::time::Date::parse("2026-11-24").unwrap());
    assert!(read(&fake, &tokens, &window).await.is_empty());
    let found = read(&fake, &tokens, &window.clone().include_moved(true)).await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].start, EventTime::from(utc("2026-11-30T09:00:00Z")));
}

// ---- push notification channels ----

#[tokio::test]
async fn channels_are_created_listed_and_closed_per_user() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (alice, tokens) = alice_token(&fake, "read_write");
    let token = tokens.user_token();
    let request = CreateChannel::new("https://app.example.test/notifications")
        .calendar_ids([alice.primary_calendar_id()])
        .only_managed(true);

    let first = cronofy::notifications::create_channel(&client, &token, &request)
        .await
        .unwrap()
        .channel;
    assert!(first.channel_id.starts_with("chn_"));
    assert_eq!(first.callback_url, "https://app.example.test/notifications");
    assert_eq!(first.filters.calendar_ids, [alice.primary_calendar_id()]);
    assert_eq!(first.filters.only_managed, Some(true));
    // An identical request gives the same channel.
    let again = cronofy::notifications::create_channel(&client, &token, &request)
        .await
        .unwrap()
        .channel;
    assert_eq!(again.channel_id, first.channel_id);
    let plain = CreateChannel::new("https://app.example.test/all");
    let second = cronofy::notifications::create_channel(&client, &token, &plain)
        .await
        .unwrap()
        .channel;
    assert!(second.filters.calendar_ids.is_empty());
    assert_eq!(second.filters.only_managed, None);

    let listed = cronofy::notifications::list_channels(&client, &token)
        .await
        .unwrap();
    assert_eq!(listed.channels, [first.clone(), second.clone()]);
    // Another user has none, and cannot close this user's.
    let bob = fake
        .issue_user_token(&fake.users()[1].sub, "read_write")
        .user_token();
    assert!(
        cronofy::notifications::list_channels(&client, &bob)
            .await
            .unwrap()
            .channels
            .is_empty()
    );
    match cronofy::notifications::close_channel(&client, &bob, &first.channel_id).await {
        Err(Error::NotFound { .. }) => {}
        other => panic!("expected a 404, got {other:?}"),
    }

    cronofy::notifications::close_channel(&client, &token, &first.channel_id)
        .await
        .unwrap();
    let listed = cronofy::notifications::list_channels(&client, &token)
        .await
        .unwrap();
    assert_eq!(listed.channels, [second]);
    match cronofy::notifications::close_channel(&client, &token, &first.channel_id).await {
        Err(Error::NotFound { .. }) => {}
        other => panic!("expected a 404, got {other:?}"),
    }

    // 422s, the read_events scope, the credential kind.
    let errors = validation(
        cronofy::notifications::create_channel(&client, &token, &CreateChannel::new("not a url"))
            .await,
    );
    assert_eq!(errors.field("callback_url")[0].key, "errors.invalid");
    let (status, body) = post(
        &format!("{}/v1/channels", fake.base_url()),
        &tokens.access_token,
        &json!({ "filters": { "calendar_ids": ["cal_nope"] } }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "callback_url"), "errors.required");
    assert_eq!(error_key(&body, "filters.calendar_ids"), "errors.not_found");
    let writer = fake
        .issue_user_token(&alice.sub, "create_event")
        .user_token();
    match cronofy::notifications::create_channel(&client, &writer, &plain).await {
        Err(Error::Forbidden { .. }) => {}
        other => panic!("expected a 403, got {other:?}"),
    }
    assert_unauthorized(
        cronofy::notifications::list_channels(&client, &secret_as_user(&fake)).await,
    );
    assert_unauthorized(
        cronofy::notifications::create_channel(&client, &secret_as_user(&fake), &plain).await,
    );
    assert_unauthorized(
        cronofy::notifications::close_channel(&client, &secret_as_user(&fake), "chn_x").await,
    );
}

#[tokio::test]
async fn new_routes_keep_the_request_log_and_fault_injection() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (alice, tokens) = alice_token(&fake, "read_write");
    let token = tokens.user_token();
    fake.inject(Fault::server_error().on_path("/v1/channels"));
    let err = cronofy::notifications::list_channels(&client, &token)
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    cronofy::notifications::list_channels(&client, &token)
        .await
        .unwrap();
    let records = fake.requests();
    let channels: Vec<_> = records
        .iter()
        .filter(|r| r.path == "/v1/channels")
        .collect();
    assert_eq!(channels.len(), 2);
    assert_eq!(channels[0].fault, Some(FaultKind::Status(500)));
    assert_eq!(channels[1].status, Some(200));
    assert_eq!(channels[1].credential, CredentialKind::User);
    assert_eq!(channels[1].acting_for.as_deref(), Some(alice.sub.as_str()));
}

// ---- batch ----

#[tokio::test]
async fn batch_runs_each_entry_like_its_own_endpoint_and_applies_the_valid_ones() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (alice, tokens) = alice_token(&fake, "read_write change_participation_status");
    let token = tokens.user_token();
    let calendar = alice.primary_calendar_id();

    let mut batch = ExecuteBatch::new();
    batch
        .upsert_event(
            calendar,
            &event("good", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"),
        )
        .unwrap()
        .upsert_event(
            calendar,
            &event("backwards", "2026-11-23T10:00:00Z", "2026-11-23T09:00:00Z"),
        )
        .unwrap()
        .delete_event("cal_unknown", &DeleteEvent::new("good"))
        .unwrap()
        .change_participation_status(calendar, "evt_x", ParticipationStatus::Accepted)
        .unwrap();
    let response = cronofy::events::execute_batch(&client, &token, &batch)
        .await
        .unwrap();
    let statuses: Vec<u16> = response.batch.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [202, 422, 422, 422]);
    assert!(response.batch[0].data.is_none());
    let results = response.results();
    assert!(results[0].is_ok());
    let Err(Error::Validation { errors }) = &results[1] else {
        panic!("{:?}", results[1]);
    };
    assert_eq!(errors.field("end")[0].key, "errors.end_before_start");
    let failures = response.failures();
    assert_eq!(failures.len(), 3);
    assert_eq!(
        failures[1].1.errors.as_ref().unwrap().field("calendar_id")[0].key,
        "errors.not_found"
    );
    assert_eq!(
        failures[2].1.errors.as_ref().unwrap().field("relative_url")[0].key,
        "errors.invalid"
    );
    // Only the valid entry was applied.
    let events = fake.events(&alice.sub);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event_id.as_deref(), Some("good"));

    // Available periods and a deletion, in order, against the same state.
    let url = format!("{}/v1/batch", fake.base_url());
    let (status, body) = post(
        &url,
        &tokens.access_token,
        &json!({ "batch": [
            { "method": "POST", "relative_url": "/v1/available_periods",
              "data": { "available_period_id": "ap1", "start": "2026-11-23T09:00:00Z", "end": "2026-11-23T12:00:00Z" } },
            { "method": "POST", "relative_url": "/v1/available_periods", "data": { "available_period_id": "ap2" } },
            { "method": "DELETE", "relative_url": format!("/v1/calendars/{calendar}/events"), "data": { "event_id": "good" } },
            { "method": "PATCH", "relative_url": "/v1/available_periods", "data": {} },
            { "relative_url": "/v1/available_periods" },
            { "method": "POST", "relative_url": "/v1/available_periods", "data": "{\"available_period_id\":\"ap3\"}" },
        ] }),
    )
    .await;
    assert_eq!(status, StatusCode::MULTI_STATUS);
    let statuses: Vec<u64> = body["batch"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [202, 422, 202, 422, 422, 400]);
    assert_eq!(
        error_key(&body["batch"][1]["data"], "start"),
        "errors.required"
    );
    assert_eq!(
        error_key(&body["batch"][3]["data"], "method"),
        "errors.invalid"
    );
    assert_eq!(
        error_key(&body["batch"][4]["data"], "method"),
        "errors.required"
    );
    assert!(fake.events(&alice.sub)[0].deleted);
    let periods = cronofy::availability::read_available_periods(
        &client,
        &token,
        &ReadAvailablePeriods::new("Etc/UTC"),
    )
    .await
    .unwrap();
    assert_eq!(periods.items.len(), 1);
    assert_eq!(periods.items[0].available_period_id, "ap1");

    // Each entry needs its own scope.
    let reader = fake
        .issue_user_token(&alice.sub, "read_events")
        .user_token();
    let response = cronofy::events::execute_batch(&client, &reader, &batch)
        .await
        .unwrap();
    assert_eq!(response.batch[0].status, 403);

    // A malformed batch as a whole; the credential kind.
    let (status, body) = post(&url, &tokens.access_token, &json!({ "batch": [] })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "batch"), "errors.required");
    let too_many: Vec<Value> = (0..51)
        .map(|_| json!({ "method": "DELETE", "relative_url": "/v1/available_periods", "data": { "delete_all": true } }))
        .collect();
    let (status, body) = post(&url, &tokens.access_token, &json!({ "batch": too_many })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "batch"), "errors.invalid");
    assert_unauthorized(
        cronofy::events::execute_batch(&client, &secret_as_user(&fake), &batch).await,
    );
}

// ---- authorization helpers ----

#[tokio::test]
async fn permissions_link_tokens_and_conferencing_authorizations() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (alice, tokens) = alice_token(&fake, "read_write");
    let token = tokens.user_token();
    let base = fake.base_url();

    let request = RequestPermissions::new(
        [CalendarPermission::new(
            alice.primary_calendar_id(),
            PermissionLevel::Unrestricted,
        )],
        "https://app.example.test/permissions",
    );
    let answer = cronofy::oauth::request_permissions(&client, &token, &request)
        .await
        .unwrap();
    assert!(
        answer
            .permissions_request
            .and_then(|request| request.url)
            .unwrap()
            .starts_with(&format!("{base}/permissions/"))
    );
    let unknown = RequestPermissions::new(
        [CalendarPermission::new(
            "cal_nope",
            PermissionLevel::Unknown("everything".to_owned()),
        )],
        "not a url",
    );
    let errors = validation(cronofy::oauth::request_permissions(&client, &token, &unknown).await);
    assert_eq!(
        errors.field("permissions.calendar_id")[0].key,
        "errors.not_found"
    );
    assert_eq!(
        errors.field("permissions.permission_level")[0].key,
        "errors.invalid"
    );
    assert_eq!(errors.field("redirect_uri")[0].key, "errors.invalid");
    let (status, body) = post(
        &format!("{base}/v1/permissions"),
        &tokens.access_token,
        &json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "permissions"), "errors.required");
    assert_eq!(error_key(&body, "redirect_uri"), "errors.required");
    assert_unauthorized(
        cronofy::oauth::request_permissions(&client, &secret_as_user(&fake), &request).await,
    );

    let first = cronofy::oauth::create_link_token(&client, &token)
        .await
        .unwrap();
    let second = cronofy::oauth::create_link_token(&client, &token)
        .await
        .unwrap();
    assert_eq!(first.link_token.len(), 32);
    assert_ne!(first.link_token, second.link_token);
    assert_unauthorized(cronofy::oauth::create_link_token(&client, &secret_as_user(&fake)).await);

    let request = AuthorizeConferencingService::new("https://app.example.test/conferencing")
        .provider_name(ConferencingProvider::Zoom);
    let answer = cronofy::oauth::authorize_conferencing_service(&client, &token, &request)
        .await
        .unwrap();
    assert!(answer.authorization_request.url.starts_with(base));
    let bad = AuthorizeConferencingService::new("nowhere")
        .provider_name(ConferencingProvider::Unknown("carrier_pigeon".to_owned()));
    let errors =
        validation(cronofy::oauth::authorize_conferencing_service(&client, &token, &bad).await);
    assert_eq!(errors.field("redirect_uri")[0].key, "errors.invalid");
    assert_eq!(errors.field("provider_name")[0].key, "errors.invalid");
    let (status, body) = post(
        &format!("{base}/v1/conferencing_service_authorizations"),
        &tokens.access_token,
        &json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "redirect_uri"), "errors.required");
    assert_unauthorized(
        cronofy::oauth::authorize_conferencing_service(&client, &secret_as_user(&fake), &request)
            .await,
    );
}

// ---- availability rules and available periods ----

fn time_of_day(hour: u8, minute: u8) -> TimeOfDay {
    TimeOfDay::new(hour, minute).unwrap()
}

#[tokio::test]
async fn availability_rules_are_upserted_listed_read_and_deleted_per_user() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (alice, tokens) = alice_token(&fake, "read_write");
    let token = tokens.user_token();
    let working_hours = AvailabilityRule::new(
        "working_hours",
        "Europe/London",
        vec![
            WeeklyPeriod::new(Weekday::Monday, time_of_day(9, 30), time_of_day(12, 30)),
            WeeklyPeriod::new(Weekday::Monday, time_of_day(14, 0), time_of_day(24, 0)),
        ],
    )
    .calendar_ids([alice.primary_calendar_id()]);
    cronofy::availability::upsert_availability_rule(&client, &token, &working_hours)
        .await
        .unwrap();
    let read = cronofy::availability::read_availability_rule(&client, &token, "working_hours")
        .await
        .unwrap();
    assert_eq!(read.availability_rule, working_hours);

    // Upserting the same id replaces it in place; another id adds one.
    let replaced = AvailabilityRule::new(
        "working_hours",
        "Europe/Paris",
        vec![WeeklyPeriod::new(
            Weekday::Friday,
            time_of_day(8, 0),
            time_of_day(16, 0),
        )],
    );
    cronofy::availability::upsert_availability_rule(&client, &token, &replaced)
        .await
        .unwrap();
    let weekend = AvailabilityRule::new(
        "weekend",
        "Europe/London",
        vec![WeeklyPeriod::new(
            Weekday::Saturday,
            time_of_day(10, 0),
            time_of_day(11, 0),
        )],
    );
    cronofy::availability::upsert_availability_rule(&client, &token, &weekend)
        .await
        .unwrap();
    let listed = cronofy::availability::list_availability_rules(&client, &token)
        .await
        .unwrap();
    assert_eq!(listed.availability_rules, [replaced, weekend.clone()]);
    let bob = fake
        .issue_user_token(&fake.users()[1].sub, "read_write")
        .user_token();
    assert!(
        cronofy::availability::list_availability_rules(&client, &bob)
            .await
            .unwrap()
            .availability_rules
            .is_empty()
    );

    cronofy::availability::delete_availability_rule(&client, &token, "working_hours")
        .await
        .unwrap();
    let listed = cronofy::availability::list_availability_rules(&client, &token)
        .await
        .unwrap();
    assert_eq!(listed.availability_rules, [weekend]);
    for result in [
        cronofy::availability::read_availability_rule(&client, &token, "working_hours")
            .await
            .map(drop),
        cronofy::availability::delete_availability_rule(&client, &token, "working_hours").await,
    ] {
        match result {
            Err(Error::NotFound { .. }) => {}
            other => panic!("expected a 404, got {other:?}"),
        }
    }

    // 422s; the credential kind.
    let backwards = AvailabilityRule::new(
        "backwards",
        "Europe/London",
        vec![WeeklyPeriod::new(
            Weekday::Monday,
            time_of_day(12, 0),
            time_of_day(9, 0),
        )],
    )
    .calendar_ids(["cal_nope"]);
    let errors = validation(
        cronofy::availability::upsert_availability_rule(&client, &token, &backwards).await,
    );
    assert_eq!(
        errors.field("weekly_periods")[0].key,
        "errors.end_before_start"
    );
    assert_eq!(errors.field("calendar_ids")[0].key, "errors.not_found");
    let (status, body) = post(
        &format!("{}/v1/availability_rules", fake.base_url()),
        &tokens.access_token,
        &json!({ "weekly_periods": [{ "day": "funday", "start_time": "09:00", "end_time": "10:00" }] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "availability_rule_id"), "errors.required");
    assert_eq!(error_key(&body, "tzid"), "errors.required");
    assert_eq!(error_key(&body, "weekly_periods"), "errors.invalid");
    assert_unauthorized(
        cronofy::availability::list_availability_rules(&client, &secret_as_user(&fake)).await,
    );
    assert_unauthorized(
        cronofy::availability::upsert_availability_rule(
            &client,
            &secret_as_user(&fake),
            &backwards,
        )
        .await,
    );
}

#[tokio::test]
async fn available_periods_are_upserted_read_in_pages_and_deleted() {
    let fake = FakeCronofy::builder().page_size(2).start().await.unwrap();
    let client = fake.client();
    let (_, tokens) = alice_token(&fake, "read_write");
    let token = tokens.user_token();
    let period = |id: &str, start: &str, end: &str| {
        UpsertAvailablePeriod::new(id, utc(start), utc(end)).tzid("Europe/London")
    };
    for (id, start, end) in [
        ("ap3", "2026-11-25T09:00:00Z", "2026-11-25T10:00:00Z"),
        ("ap1", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"),
        ("ap2", "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z"),
        ("ap4", "2026-11-26T09:00:00Z", "2026-11-26T10:00:00Z"),
        // Moved later by a second upsert of the same id.
        ("ap5", "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z"),
        ("ap5", "2026-11-27T09:00:00Z", "2026-11-27T10:00:00Z"),
    ] {
        cronofy::availability::upsert_available_period(&client, &token, &period(id, start, end))
            .await
            .unwrap();
    }
    let query = ReadAvailablePeriods::new("Europe/London");
    let first = cronofy::availability::read_available_periods(&client, &token, &query)
        .await
        .unwrap();
    let pages = first.pages.clone().unwrap();
    assert_eq!((pages.current, pages.total), (1, 3));
    assert!(
        pages
            .next_page
            .unwrap()
            .starts_with(&format!("{}/v1/available_periods/pages/", fake.base_url()))
    );
    assert_eq!(first.items[0].available_period_id, "ap1");
    assert_eq!(
        first.items[0].start,
        EventTime::Time(utc("2026-11-23T09:00:00Z"))
    );

    let mut all =
        cronofy::availability::read_all_available_periods(&client, &token, &query).items();
    let mut ids = Vec::new();
    while let Some(period) = all.next_item().await {
        ids.push(period.unwrap().available_period_id);
    }
    assert_eq!(ids, ["ap1", "ap2", "ap3", "ap4", "ap5"]);

    let window = ReadAvailablePeriods::new("Europe/London")
        .from("2026-11-24".parse().unwrap())
        .to("2026-11-26".parse().unwrap());
    let page = cronofy::availability::read_available_periods(&client, &token, &window)
        .await
        .unwrap();
    let ids: Vec<&str> = page
        .items
        .iter()
        .map(|p| p.available_period_id.as_str())
        .collect();
    assert_eq!(ids, ["ap2", "ap3"]);
    let (status, _) = get(
        &format!(
            "{}/v1/available_periods?tzid=Europe/London&localized_times=True",
            fake.base_url()
        ),
        &tokens.access_token,
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    cronofy::availability::delete_available_period(
        &client,
        &token,
        &cronofy::availability::DeleteAvailablePeriod::new("ap1"),
    )
    .await
    .unwrap();
    let page = cronofy::availability::read_available_periods(&client, &token, &query)
        .await
        .unwrap();
    assert_eq!(page.items[0].available_period_id, "ap2");
    let url = format!("{}/v1/available_periods", fake.base_url());
    let (status, _) = delete(&url, &tokens.access_token, &json!({ "delete_all": true })).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let page = cronofy::availability::read_available_periods(&client, &token, &query)
        .await
        .unwrap();
    assert!(page.items.is_empty());

    // 422s; the credential kind.
    let backwards = period("bad", "2026-11-23T10:00:00Z", "2026-11-23T09:00:00Z");
    let errors = validation(
        cronofy::availability::upsert_available_period(&client, &token, &backwards).await,
    );
    assert_eq!(errors.field("end")[0].key, "errors.end_before_start");
    let (status, body) = post(
        &url,
        &tokens.access_token,
        &json!({ "start": "2026-11-23" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "available_period_id"), "errors.required");
    assert_eq!(error_key(&body, "start"), "errors.invalid");
    assert_eq!(error_key(&body, "end"), "errors.required");
    let (status, body) = delete(&url, &tokens.access_token, &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "available_period_id"), "errors.required");
    let (_, body) = get(&format!("{url}?from=2026-11-23"), &tokens.access_token).await;
    assert_eq!(error_key(&body, "tzid"), "errors.required");
    assert_unauthorized(
        cronofy::availability::read_available_periods(&client, &secret_as_user(&fake), &query)
            .await,
    );
    assert_unauthorized(
        cronofy::availability::upsert_available_period(&client, &secret_as_user(&fake), &backwards)
            .await,
    );
}

// ---- sequenced availability ----

#[tokio::test]
async fn sequenced_availability_places_steps_one_after_another_around_busy_time() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let users = fake.users();
    let (alice, bob) = (&users[0], &users[1]);
    fake.insert_event(
        &alice.sub,
        alice.primary_calendar_id(),
        &event("busy", "2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z"),
    );
    let period = vec![QueryPeriod::new(
        utc("2026-11-23T09:00:00Z"),
        utc("2026-11-23T13:00:00Z"),
    )];
    let query = QuerySequencedAvailability::new(
        vec![
            SequenceStep::new(
                "technical",
                2,
                vec![Participants::all([bob.sub.as_str()])],
                Minutes::new(30),
            ),
            SequenceStep::new(
                "screening",
                1,
                vec![Participants::all([alice.sub.as_str()])],
                Minutes::new(60),
            )
            .start_interval(Minutes::new(60)),
        ],
        period.clone(),
    );
    let answer = cronofy::availability::query_sequenced_availability(
        &client,
        &fake.app_credentials(),
        &query,
    )
    .await
    .unwrap();
    let times: Vec<Vec<(String, String, String)>> = answer
        .sequences
        .iter()
        .map(|option| {
            option
                .sequence
                .iter()
                .map(|step| {
                    (
                        step.sequence_id.clone(),
                        step.start.to_string(),
                        step.end.to_string(),
                    )
                })
                .collect()
        })
        .collect();
    let step = |id: &str, start: &str, end: &str| (id.to_owned(), start.to_owned(), end.to_owned());
    assert_eq!(
        times,
        [
            vec![
                step("screening", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"),
                step("technical", "2026-11-23T10:00:00Z", "2026-11-23T10:30:00Z"),
            ],
            vec![
                step("screening", "2026-11-23T11:00:00Z", "2026-11-23T12:00:00Z"),
                step("technical", "2026-11-23T12:00:00Z", "2026-11-23T12:30:00Z"),
            ],
        ]
    );
    assert_eq!(
        answer.sequences[0].sequence[0].participants[0].sub,
        alice.sub
    );

    // A minimum gap before the second step; a user's own token works too.
    let gap = QuerySequencedAvailability::new(
        vec![
            SequenceStep::new(
                "screening",
                1,
                vec![Participants::all([alice.sub.as_str()])],
                Minutes::new(60),
            )
            .start_interval(Minutes::new(60)),
            SequenceStep::new(
                "technical",
                2,
                vec![Participants::all([bob.sub.as_str()])],
                Minutes::new(30),
            )
            .buffer(SequenceBuffer::new().before(BufferRange::new().minimum(Minutes::new(15)))),
        ],
        period,
    );
    let token = fake
        .issue_user_token(&alice.sub, "read_free_busy")
        .user_token();
    let answer = cronofy::availability::query_sequenced_availability(&client, &token, &gap)
        .await
        .unwrap();
    assert_eq!(
        answer.sequences[0].sequence[1].start,
        utc("2026-11-23T10:15:00Z")
    );

    // A search over thousands of years in which nothing fits ends, with nothing found.
    let step = |id: &str, buffer: Value| {
        json!({
            "sequence_id": id,
            "participants": [{ "members": [{ "sub": alice.sub }], "required": "all" }],
            "required_duration": { "minutes": 30 },
            "buffer": buffer,
        })
    };
    let (status, body) = post(
        &format!("{}/v1/sequenced_availability", fake.base_url()),
        fake.app_credentials().client_secret(),
        &json!({
            "sequence": [
                step("a", json!({ "after": { "minimum": { "minutes": 60 } } })),
                step("b", json!({ "before": { "maximum": { "minutes": 0 } } })),
            ],
            "query_periods": [{ "start": "0001-01-01T00:00:00Z", "end": "9999-12-31T00:00:00Z" }],
        }),
    )
    .await;
    assert_eq!((status, &body["sequences"]), (StatusCode::OK, &json!([])));

    // 422s; the credential kind.
    let (status, body) = post(
        &format!("{}/v1/sequenced_availability", fake.base_url()),
        fake.app_credentials().client_secret(),
        &json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "sequence"), "errors.required");
    assert_eq!(error_key(&body, "query_periods"), "errors.required");
    let unknown = QuerySequencedAvailability::new(
        vec![SequenceStep::new(
            "x",
            1,
            vec![Participants::all(["acc_nobody"])],
            Minutes::new(30),
        )],
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T13:00:00Z"),
        )],
    );
    let errors = validation(
        cronofy::availability::query_sequenced_availability(
            &client,
            &fake.app_credentials(),
            &unknown,
        )
        .await,
    );
    assert_eq!(errors.field("participants")[0].key, "errors.not_found");
    let org = fake.issue_org_token(&fake.default_org().org_id);
    assert_unauthorized(
        cronofy::availability::query_sequenced_availability(
            &client,
            &UserToken::new(org.access_token.as_str()),
            &gap,
        )
        .await,
    );
}

// ---- app endpoints ----

#[tokio::test]
async fn real_time_scheduling_status_is_read_by_the_token_ending_the_link() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let app = fake.app_credentials();
    let alice = fake.default_user();
    let availability = QueryAvailability::new(
        vec![Participants::all([alice.sub.as_str()])],
        Minutes::new(60),
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z"),
        )],
    );
    let request = CreateRealTimeScheduling::new(
        "https://app.example.test/done",
        RealTimeSchedulingEvent::new("booking-1", "Intro call").tzid("Europe/London"),
        availability,
        vec![TargetCalendar::new(&alice.sub, alice.primary_calendar_id())],
    );
    let created = cronofy::scheduling::create_real_time_scheduling(&client, &app, &request)
        .await
        .unwrap()
        .real_time_scheduling;
    let url = created.url.clone().unwrap();
    let token = ReadRealTimeSchedulingByToken::from_url(&url).unwrap();
    let by_token = cronofy::scheduling::read_real_time_scheduling_by_token(&client, &app, &token)
        .await
        .unwrap()
        .real_time_scheduling;
    assert_eq!(
        by_token.real_time_scheduling_id,
        created.real_time_scheduling_id
    );
    assert_eq!(
        by_token.status.clone(),
        Some(RealTimeSchedulingStatus::Open)
    );

    cronofy::scheduling::disable_real_time_scheduling(
        &client,
        &app,
        &created.real_time_scheduling_id,
        &DisableRealTimeScheduling::new("Booked elsewhere"),
    )
    .await
    .unwrap();
    let by_token = cronofy::scheduling::read_real_time_scheduling_by_token(&client, &app, &token)
        .await
        .unwrap();
    assert_eq!(
        by_token.real_time_scheduling.status.clone(),
        Some(RealTimeSchedulingStatus::Disabled)
    );
    match cronofy::scheduling::read_real_time_scheduling_by_token(
        &client,
        &app,
        &ReadRealTimeSchedulingByToken::new("nope"),
    )
    .await
    {
        Err(Error::NotFound { .. }) => {}
        other => panic!("expected a 404, got {other:?}"),
    }

    // 422; the credential kind.
    let (status, body) = get(
        &format!("{}/v1/real_time_scheduling", fake.base_url()),
        app.client_secret(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "token"), "errors.required");
    let user = fake.issue_user_token(&alice.sub, "read_write");
    assert_unauthorized(
        cronofy::scheduling::read_real_time_scheduling_by_token(
            &client,
            &user_as_app(&fake, &user),
            &token,
        )
        .await,
    );
}

#[tokio::test]
async fn smart_invites_keep_their_status_and_cancel_without_a_callback_url() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let app = fake.app_credentials();
    let invite = UpsertSmartInvite::new(
        "inv-1",
        "https://app.example.test/invites",
        "guest@example.com",
        SmartInviteEvent::new(
            "Lunch",
            utc("2026-11-23T12:00:00Z"),
            utc("2026-11-23T13:00:00Z"),
        )
        .tzid("Europe/London"),
    )
    .organizer("Example Ltd");
    let sent = cronofy::scheduling::upsert_smart_invite(&client, &app, &invite)
        .await
        .unwrap();
    assert_eq!(sent.smart_invite_id, "inv-1");
    assert!(
        sent.attachments
            .unwrap()
            .icalendar
            .unwrap()
            .contains("METHOD:REQUEST")
    );

    let query = ReadSmartInvite::new("inv-1", "guest@example.com");
    let status = cronofy::scheduling::read_smart_invite(&client, &app, &query)
        .await
        .unwrap();
    let recipient = status.recipient.unwrap();
    assert_eq!(recipient.email, "guest@example.com");
    assert_eq!(recipient.status, Some(SmartInviteStatus::Pending));
    assert_eq!(
        status.callback_url.as_deref(),
        Some("https://app.example.test/invites")
    );
    assert_eq!(status.event.unwrap().summary.as_deref(), Some("Lunch"));
    assert!(status.attachments.is_none());
    let with_ics =
        cronofy::scheduling::read_smart_invite(&client, &app, &query.clone().include_ics(true))
            .await
            .unwrap();
    assert!(with_ics.attachments.unwrap().icalendar.is_some());

    // A second recipient; the status of every recipient at once.
    let other = UpsertSmartInvite::new(
        "inv-1",
        "https://app.example.test/invites",
        "other@example.com",
        SmartInviteEvent::new(
            "Lunch",
            utc("2026-11-23T12:00:00Z"),
            utc("2026-11-23T13:00:00Z"),
        ),
    );
    cronofy::scheduling::upsert_smart_invite(&client, &app, &other)
        .await
        .unwrap();
    let all = cronofy::scheduling::read_smart_invite(
        &client,
        &app,
        &ReadSmartInvite::all_recipients("inv-1"),
    )
    .await
    .unwrap();
    let mut emails: Vec<&str> = all.recipients.iter().map(|r| r.email.as_str()).collect();
    emails.sort_unstable();
    assert_eq!(emails, ["guest@example.com", "other@example.com"]);

    // Cancelling sends no callback_url and no event.
    let cancel = UpsertSmartInvite::cancel("inv-1", "guest@example.com");
    let cancelled = cronofy::scheduling::upsert_smart_invite(&client, &app, &cancel)
        .await
        .unwrap();
    assert_eq!(cancelled.method, Some(SmartInviteMethod::Cancel));
    assert!(
        cancelled
            .attachments
            .unwrap()
            .icalendar
            .unwrap()
            .contains("METHOD:CANCEL")
    );
    let status = cronofy::scheduling::read_smart_invite(&client, &app, &query)
        .await
        .unwrap();
    assert_eq!(status.method, Some(SmartInviteMethod::Cancel));
    assert_eq!(
        status.callback_url.as_deref(),
        Some("https://app.example.test/invites")
    );

    // 422s and 404s; the credential kind.
    let errors = validation(
        cronofy::scheduling::upsert_smart_invite(
            &client,
            &app,
            &UpsertSmartInvite::cancel("inv-unknown", "guest@example.com"),
        )
        .await,
    );
    assert_eq!(errors.field("smart_invite_id")[0].key, "errors.not_found");
    let url = format!("{}/v1/smart_invites", fake.base_url());
    let (status, body) = post(
        &url,
        app.client_secret(),
        &json!({ "smart_invite_id": "inv-2", "recipient": { "email": "a@example.com" }, "event": { "summary": "x" } }),
    )
    .await;
    // The callback URL is optional (Cronofy's docs); the event's times are not.
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"].get("callback_url").is_none(), "{body}");
    assert_eq!(error_key(&body, "event.start"), "errors.required");
    let (status, body) = get(&url, app.client_secret()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "smart_invite_id"), "errors.required");
    match cronofy::scheduling::read_smart_invite(
        &client,
        &app,
        &ReadSmartInvite::new("inv-1", "nobody@example.com"),
    )
    .await
    {
        Err(Error::NotFound { .. }) => {}
        other => panic!("expected a 404, got {other:?}"),
    }
    let user = fake.issue_user_token(&fake.default_user().sub, "read_write");
    assert_unauthorized(
        cronofy::scheduling::read_smart_invite(&client, &user_as_app(&fake, &user), &query).await,
    );
}

#[tokio::test]
async fn availability_honours_member_options_slots_buffers_and_statuses() {
    let fake = FakeCronofy::start().await;
    let (alice, tokens) = alice_token(&fake, "read_write");
    let app = fake.app_credentials();
    let client = fake.client();
    let calendar = alice.primary_calendar_id();
    cronofy::events::upsert_event(
        &client,
        &tokens.user_token(),
        calendar,
        &event("busy", "2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z"),
    )
    .await
    .unwrap();
    let morning = || {
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T12:00:00Z"),
        )]
    };
    let periods =
        |response: &cronofy::availability::AvailabilityResponse| -> Vec<(String, String)> {
            response
                .available_periods
                .iter()
                .chain(&response.available_slots)
                .map(|p| (p.start.to_string(), p.end.to_string()))
                .collect()
        };

    // Plain: free 09-10 and 11-12.
    let query = QueryAvailability::new(
        vec![Participants::all([alice.sub.as_str()])],
        Minutes::new(30),
        morning(),
    );
    let found = cronofy::availability::query_availability(&client, &app, &query)
        .await
        .unwrap();
    assert_eq!(
        periods(&found),
        [
            (
                "2026-11-23T09:00:00Z".to_owned(),
                "2026-11-23T10:00:00Z".to_owned()
            ),
            (
                "2026-11-23T11:00:00Z".to_owned(),
                "2026-11-23T12:00:00Z".to_owned()
            ),
        ]
    );
    // Another calendar only: the busy event does not count.
    let other_calendar = Member::new(alice.sub.as_str()).calendar_ids(["cal_not_this_one"]);
    let query = QueryAvailability::new(
        vec![Participants::all([other_calendar])],
        Minutes::new(30),
        morning(),
    );
    let found = cronofy::availability::query_availability(&client, &app, &query)
        .await
        .unwrap();
    assert_eq!(
        periods(&found),
        [(
            "2026-11-23T09:00:00Z".to_owned(),
            "2026-11-23T12:00:00Z".to_owned()
        )]
    );
    // The member's own available periods narrow it.
    let narrowed = Member::new(alice.sub.as_str()).available_periods([QueryPeriod::new(
        utc("2026-11-23T11:30:00Z"),
        utc("2026-11-23T12:00:00Z"),
    )]);
    let query = QueryAvailability::new(
        vec![Participants::all([narrowed])],
        Minutes::new(30),
        morning(),
    );
    let found = cronofy::availability::query_availability(&client, &app, &query)
        .await
        .unwrap();
    assert_eq!(
        periods(&found),
        [(
            "2026-11-23T11:30:00Z".to_owned(),
            "2026-11-23T12:00:00Z".to_owned()
        )]
    );
    // Slots of the required duration, with a 15-minute buffer after each: the one before the
    // busy event loses its second half hour to the buffer.
    let query = QueryAvailability::new(
        vec![Participants::all([alice.sub.as_str()])],
        Minutes::new(30),
        morning(),
    )
    .response_format(AvailabilityResponseFormat::Slots)
    .buffer(AvailabilityBuffer::new().after(Minutes::new(15)))
    .include_member_statuses(true);
    let found = cronofy::availability::query_availability(&client, &app, &query)
        .await
        .unwrap();
    assert!(found.available_periods.is_empty());
    assert_eq!(
        periods(&found),
        [
            (
                "2026-11-23T09:00:00Z".to_owned(),
                "2026-11-23T09:30:00Z".to_owned()
            ),
            (
                "2026-11-23T11:00:00Z".to_owned(),
                "2026-11-23T11:30:00Z".to_owned()
            ),
            // Its buffer falls after the period, which is free.
            (
                "2026-11-23T11:30:00Z".to_owned(),
                "2026-11-23T12:00:00Z".to_owned()
            ),
        ]
    );
    assert_eq!(found.member_statuses[0].sub, alice.sub);
    assert_eq!(
        found.member_statuses[0].sync_status,
        Some(cronofy::availability::SyncStatus::Active)
    );
    // Given start times: only the free one is returned.
    let query = QueryAvailability::at_slots(
        vec![Participants::all([alice.sub.as_str()])],
        Minutes::new(30),
        [utc("2026-11-23T09:15:00Z"), utc("2026-11-23T10:15:00Z")],
    );
    let found = cronofy::availability::query_availability(&client, &app, &query)
        .await
        .unwrap();
    assert_eq!(
        periods(&found),
        [(
            "2026-11-23T09:15:00Z".to_owned(),
            "2026-11-23T09:45:00Z".to_owned()
        )]
    );
    // A buffer may fall outside the period: only the meeting must be inside it.
    let query = QueryAvailability::new(
        vec![Participants::all([alice.sub.as_str()])],
        Minutes::new(30),
        vec![QueryPeriod::new(
            utc("2026-11-23T11:30:00Z"),
            utc("2026-11-23T12:00:00Z"),
        )],
    )
    .buffer(AvailabilityBuffer::new().after(Minutes::new(15)));
    let found = cronofy::availability::query_availability(&client, &app, &query)
        .await
        .unwrap();
    assert_eq!(
        periods(&found),
        [(
            "2026-11-23T11:30:00Z".to_owned(),
            "2026-11-23T12:00:00Z".to_owned()
        )]
    );

    // Managed availability: the member's own rules (read in UTC) and available periods.
    let monday_morning = cronofy::availability::AvailabilityRule::new(
        "mornings",
        "Etc/UTC",
        vec![WeeklyPeriod::new(
            Weekday::Monday,
            time_of_day(9, 0),
            time_of_day(9, 45),
        )],
    );
    cronofy::availability::upsert_availability_rule(&client, &tokens.user_token(), &monday_morning)
        .await
        .unwrap();
    cronofy::availability::upsert_available_period(
        &client,
        &tokens.user_token(),
        &UpsertAvailablePeriod::new(
            "late",
            utc("2026-11-23T11:30:00Z"),
            utc("2026-11-23T12:00:00Z"),
        ),
    )
    .await
    .unwrap();
    let managed = Member::new(alice.sub.as_str()).managed_availability(true);
    let query = QueryAvailability::new(
        vec![Participants::all([managed])],
        Minutes::new(30),
        morning(),
    );
    let found = cronofy::availability::query_availability(&client, &app, &query)
        .await
        .unwrap();
    assert_eq!(
        periods(&found),
        [
            (
                "2026-11-23T09:00:00Z".to_owned(),
                "2026-11-23T09:45:00Z".to_owned()
            ),
            (
                "2026-11-23T11:30:00Z".to_owned(),
                "2026-11-23T12:00:00Z".to_owned()
            ),
        ]
    );
    // A constraint of one event a day: the busy event fills the day.
    let capped = Member::new(alice.sub.as_str()).availability_constraints([
        cronofy::availability::AvailabilityConstraint::new(
            1,
            cronofy::availability::ConstraintPeriod::Day,
        ),
    ]);
    let query = QueryAvailability::new(
        vec![Participants::all([capped])],
        Minutes::new(30),
        morning(),
    );
    let found = cronofy::availability::query_availability(&client, &app, &query)
        .await
        .unwrap();
    assert!(periods(&found).is_empty(), "{:?}", periods(&found));

    // The older name of `query_periods` is still taken.
    let url = format!("{}/v1/availability", fake.base_url());
    let (status, answer) = post(
        &url,
        app.client_secret(),
        &json!({
            "participants": [{"members": [{"sub": alice.sub}], "required": "all"}],
            "required_duration": {"minutes": 30},
            "available_periods": [{"start": "2026-11-23T11:00:00Z", "end": "2026-11-23T12:00:00Z"}]
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        answer["available_periods"][0]["start"],
        "2026-11-23T11:00:00Z"
    );
}

#[tokio::test]
async fn a_sequence_step_with_its_own_periods_is_placed_inside_them() {
    let fake = FakeCronofy::start().await;
    let alice = fake.default_user();
    let app = fake.app_credentials();
    let afternoon = QueryPeriod::new(utc("2026-11-23T14:00:00Z"), utc("2026-11-23T17:00:00Z"));
    let query = QuerySequencedAvailability::new(
        vec![
            SequenceStep::new(
                "first",
                1,
                vec![Participants::all([alice.sub.as_str()])],
                Minutes::new(30),
            ),
            SequenceStep::new(
                "second",
                2,
                vec![Participants::all([alice.sub.as_str()])],
                Minutes::new(30),
            )
            .query_periods([afternoon]),
        ],
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z"),
        )],
    )
    .field("max_results", 1);
    let found = cronofy::availability::query_sequenced_availability(&fake.client(), &app, &query)
        .await
        .unwrap();
    let steps = &found.sequences[0].sequence;
    assert_eq!(steps[0].start, utc("2026-11-23T09:00:00Z"));
    assert_eq!(steps[1].sequence_id, "second");
    assert_eq!(steps[1].start, utc("2026-11-23T14:00:00Z"));
}

#[tokio::test]
async fn smart_invites_to_several_recipients_are_kept_cancelled_and_removed_each() {
    let fake = FakeCronofy::start().await;
    let app = fake.app_credentials();
    let client = fake.client();
    let lunch = || {
        SmartInviteEvent::new(
            "Lunch",
            utc("2026-11-23T12:00:00Z"),
            utc("2026-11-23T13:00:00Z"),
        )
    };
    let invite = UpsertSmartInvite::for_recipients(
        "team-lunch",
        [
            SmartInviteRecipientSpec::new("jane@example.com"),
            SmartInviteRecipientSpec::new("ada@example.com").status(SmartInviteStatus::Accepted),
        ],
        lunch(),
    );
    let sent = cronofy::scheduling::upsert_smart_invite(&client, &app, &invite)
        .await
        .unwrap();
    assert_eq!(sent.recipient, None);
    let statuses: Vec<(&str, Option<&SmartInviteStatus>)> = sent
        .recipients
        .iter()
        .map(|r| (r.email.as_str(), r.status.as_ref()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("jane@example.com", Some(&SmartInviteStatus::Pending)),
            ("ada@example.com", Some(&SmartInviteStatus::Accepted)),
        ]
    );
    let removed = cronofy::scheduling::upsert_smart_invite(
        &client,
        &app,
        &UpsertSmartInvite::remove("team-lunch", "jane@example.com"),
    )
    .await
    .unwrap();
    assert_eq!(removed.method, Some(SmartInviteMethod::Remove));
    assert_eq!(
        removed
            .attachments
            .unwrap()
            .removed
            .unwrap()
            .email
            .as_deref(),
        Some("jane@example.com")
    );
    let ada = cronofy::scheduling::read_smart_invite(
        &client,
        &app,
        &ReadSmartInvite::new("team-lunch", "ada@example.com"),
    )
    .await
    .unwrap();
    assert_eq!(ada.method, Some(SmartInviteMethod::Request));
    assert_eq!(
        ada.recipient.unwrap().status,
        Some(SmartInviteStatus::Accepted)
    );
    let cancelled = cronofy::scheduling::upsert_smart_invite(
        &client,
        &app,
        &UpsertSmartInvite::cancel_for_recipients("team-lunch", ["ada@example.com"]),
    )
    .await
    .unwrap();
    assert_eq!(cancelled.method, Some(SmartInviteMethod::Cancel));
    // Both forms at once are refused.
    let url = format!("{}/v1/smart_invites", fake.base_url());
    let (status, answer) = post(
        &url,
        app.client_secret(),
        &json!({
            "smart_invite_id": "x",
            "recipient": {"email": "a@example.com"},
            "recipients": [{"email": "b@example.com"}],
            "event": {"summary": "x", "start": "2026-11-23T12:00:00Z", "end": "2026-11-23T13:00:00Z"}
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&answer, "recipients"), "errors.invalid");
}

#[tokio::test]
async fn real_time_sequencing_and_add_to_calendar_links_are_made_and_validated() {
    let fake = FakeCronofy::start().await;
    let app = fake.app_credentials();
    let client = fake.client();
    let alice = fake.default_user();
    let step = SequenceStep::new(
        "only",
        1,
        vec![Participants::all([alice.sub.as_str()])],
        Minutes::new(30),
    )
    .event(RealTimeSchedulingEvent::new("seq-1", "Interview"));
    let link = cronofy::scheduling::CreateRealTimeSequencing::new(
        "https://app.example.test/done",
        vec![step],
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z"),
        )],
        vec![TargetCalendar::new(
            alice.sub.as_str(),
            alice.primary_calendar_id(),
        )],
    );
    let created = cronofy::scheduling::create_real_time_sequencing(&client, &app, &link)
        .await
        .unwrap();
    let sequencing = created.real_time_sequencing.as_ref().unwrap();
    assert!(
        sequencing
            .real_time_sequencing_id
            .as_deref()
            .unwrap()
            .starts_with("seq_")
    );
    assert!(created.link_url().unwrap().starts_with(fake.base_url()));
    // A step without its event.
    let bare = SequenceStep::new(
        "only",
        1,
        vec![Participants::all([alice.sub.as_str()])],
        Minutes::new(30),
    );
    let no_event = cronofy::scheduling::CreateRealTimeSequencing::new(
        "https://app.example.test/done",
        vec![bare],
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z"),
        )],
        vec![],
    );
    let errors = validation(
        cronofy::scheduling::create_real_time_sequencing(&client, &app, &no_event).await,
    );
    assert_eq!(
        errors.field("availability.sequence.event")[0].key,
        "errors.required"
    );

    let added = cronofy::scheduling::create_add_to_calendar(
        &client,
        &app,
        &cronofy::scheduling::CreateAddToCalendar::new(
            "https://app.example.test/added",
            event("webinar", "2026-11-26T16:00:00Z", "2026-11-26T17:00:00Z"),
        ),
    )
    .await
    .unwrap();
    assert!(added.url.unwrap().starts_with(fake.base_url()));
    let errors = validation(
        cronofy::scheduling::create_add_to_calendar(
            &client,
            &app,
            &cronofy::scheduling::CreateAddToCalendar::new(
                "not a url",
                event("w", "2026-11-26T16:00:00Z", "2026-11-26T17:00:00Z"),
            ),
        )
        .await,
    );
    assert_eq!(errors.field("oauth.redirect_uri")[0].key, "errors.invalid");
    let user = fake.issue_user_token(&alice.sub, "read_write");
    assert_unauthorized(
        cronofy::scheduling::create_real_time_sequencing(
            &client,
            &user_as_app(&fake, &user),
            &link,
        )
        .await,
    );
}

#[tokio::test]
async fn a_refreshing_service_account_token_renews_itself_past_its_1800_seconds() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let issued = fake.issue_service_account_token();
    assert_eq!(issued.expires_in, 1800);
    let store = cronofy::oauth::MemoryTokenStore::new();
    let service_account = cronofy::oauth::RefreshingServiceAccountToken::from_new_authorization(
        &fake.app_credentials(),
        issued.token_set(),
        store.clone(),
    )
    .await
    .unwrap();
    let before = cronofy::organizations::list_resources(&client, &service_account)
        .await
        .unwrap();
    assert!(!before.resources.is_empty());
    fake.advance(std::time::Duration::from_secs(1801));
    // The old token is expired at the fake: the 401 leads to one refresh, and the call passes.
    let plain = ServiceAccountToken::new(issued.access_token.clone());
    assert_unauthorized(cronofy::organizations::list_resources(&client, &plain).await);
    let after = cronofy::organizations::list_resources(&client, &service_account)
        .await
        .unwrap();
    assert_eq!(after.resources.len(), before.resources.len());
    assert_ne!(
        service_account.tokens().access_token(),
        issued.access_token.as_str()
    );
    assert_ne!(
        service_account.tokens().refresh_token(),
        Some(issued.refresh_token.as_str())
    );
    assert_eq!(store.saves(), 2);
    let printed = format!("{service_account:?}");
    let tokens = service_account.tokens();
    assert!(!printed.contains(tokens.access_token()), "{printed}");
    assert!(
        !printed.contains(tokens.refresh_token().unwrap()),
        "{printed}"
    );
}

// ---- organizations ----

#[tokio::test]
async fn organizational_unit_resources_are_listed_with_an_org_token_only() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let org = fake.issue_org_token(&fake.default_org().org_id);
    let resources =
        cronofy::organizations::list_organizational_unit_resources(&client, &org.org_token())
            .await
            .unwrap();
    let found: Vec<(&str, Option<&str>, Option<bool>)> = resources
        .items
        .iter()
        .map(|r| {
            (
                r.email.as_deref().unwrap(),
                r.name.as_deref(),
                r.scheduler_enabled(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("board-room@example.com", Some("Board Room"), Some(true)),
            ("projector@example.com", Some("Projector"), Some(false)),
        ]
    );
    assert!(resources.items.iter().all(|r| r.sub.starts_with("res_")));
    assert_eq!(resources.pages.unwrap().total, 1);

    let user = fake.issue_user_token(&fake.default_user().sub, "read_write");
    assert_unauthorized(
        cronofy::organizations::list_organizational_unit_resources(
            &client,
            &OrgToken::new(user.access_token.as_str()),
        )
        .await,
    );
    // The organization acting as a member is not the organization.
    let (status, _) = call(
        reqwest::Method::GET,
        &format!("{}/v1/organizational_unit_resources", fake.base_url()),
        Some(&org.access_token),
        Some(&fake.default_user().sub),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn scheduler_requests_take_the_org_naming_a_host_or_a_user_who_is_the_host() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let org = fake.default_org();
    let org_token = fake.issue_org_token(&org.org_id).org_token();
    let host = &org.member_subs[1];
    let request = CreateSchedulerRequest::new(
        "Driving lessons",
        [SchedulerRecipient::new("doc@example.com").display_name("Dr Emmet Brown")],
    )
    .duration(Minutes::new(45))
    .host(host);
    let created = cronofy::scheduling::create_scheduler_request(&client, &org_token, &request)
        .await
        .unwrap()
        .scheduler_request;
    assert!(created.scheduler_request_id.starts_with("srq_"));
    assert_eq!(created.recipients[0].email, "doc@example.com");
    assert_eq!(
        created.recipients[0].display_name.as_deref(),
        Some("Dr Emmet Brown")
    );
    assert!(created.recipients[0].select_url.is_some());
    assert_eq!(created.extra["host"]["sub"], host.as_str());

    // Impersonating a member, or a user's own token: that user hosts.
    let without_host =
        CreateSchedulerRequest::new("Chat", [SchedulerRecipient::new("marty@example.com")]);
    let as_member = org_token.impersonate(host);
    let created = cronofy::scheduling::create_scheduler_request(&client, &as_member, &without_host)
        .await
        .unwrap();
    assert_eq!(
        created.scheduler_request.extra["host"]["sub"],
        host.as_str()
    );
    let alice = fake.issue_user_token(&org.member_subs[0], "read_write");
    let created =
        cronofy::scheduling::create_scheduler_request(&client, &alice.user_token(), &without_host)
            .await
            .unwrap();
    assert_eq!(
        created.scheduler_request.extra["host"]["sub"],
        org.member_subs[0].as_str()
    );

    // 422s; the credential kind.
    let errors = validation(
        cronofy::scheduling::create_scheduler_request(&client, &org_token, &without_host).await,
    );
    assert_eq!(errors.field("host")[0].key, "errors.required");
    let outsider = without_host.clone().host("acc_outsider");
    let errors = validation(
        cronofy::scheduling::create_scheduler_request(&client, &org_token, &outsider).await,
    );
    assert_eq!(errors.field("host")[0].key, "errors.not_found");
    let nobody = CreateSchedulerRequest::new("", Vec::<SchedulerRecipient>::new());
    let errors = validation(
        cronofy::scheduling::create_scheduler_request(&client, &as_member, &nobody).await,
    );
    assert_eq!(errors.field("recipients")[0].key, "errors.required");
    assert_eq!(errors.field("event.summary")[0].key, "errors.required");
    assert_unauthorized(
        cronofy::scheduling::create_scheduler_request(
            &client,
            &secret_as_user(&fake),
            &without_host,
        )
        .await,
    );
    let service = fake.issue_service_account_token();
    assert_unauthorized(
        cronofy::scheduling::create_scheduler_request(
            &client,
            &OrgToken::new(service.access_token.as_str()),
            &request,
        )
        .await,
    );
}

// ---- Enterprise Connect ----

#[tokio::test]
async fn a_service_account_authorizes_users_and_lists_resources() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let service = fake.issue_service_account_token();
    assert_eq!(
        service.scope,
        "service_account/accounts/manage service_account/resources/manage"
    );
    let token = service.service_account_token();

    let resources = cronofy::organizations::list_resources(&client, &token)
        .await
        .unwrap();
    let emails: Vec<(&str, Option<&str>)> = resources
        .resources
        .iter()
        .map(|r| (r.email.as_str(), r.name.as_deref()))
        .collect();
    assert_eq!(
        emails,
        [
            ("board-room@example.com", Some("Board Room")),
            ("projector@example.com", Some("Projector")),
        ]
    );

    let request = AuthorizeViaServiceAccount::new(
        "grace@example.com",
        "https://app.example.test/service-account",
        [Scope::ReadWrite],
    )
    .state("user-42");
    cronofy::organizations::authorize_via_service_account(&client, &token, &request)
        .await
        .unwrap();
    let last = fake.requests().pop().unwrap();
    assert_eq!(last.status, Some(202));

    // Several at once; but never mixed with the single form, nor twice the same email.
    let url = format!("{}/v1/service_account_authorizations", fake.base_url());
    let one = json!({ "email": "a@example.com", "callback_url": "https://app.example.test/cb", "scope": "read_events" });
    let mut two = one.clone();
    two["email"] = json!("b@example.com");
    let (status, _) = post(
        &url,
        &service.access_token,
        &json!({ "service_account_authorizations": [one.clone(), two] }),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let (status, body) = post(
        &url,
        &service.access_token,
        &json!({ "service_account_authorizations": [one.clone(), one.clone()] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "email"), "errors.invalid");
    let mut mixed = one.clone();
    mixed["service_account_authorizations"] = json!([one]);
    let (_, body) = post(&url, &service.access_token, &mixed).await;
    assert_eq!(
        error_key(&body, "service_account_authorizations"),
        "errors.invalid"
    );

    // 422s (the typed client refuses this body before sending); the credential kind.
    let bad = AuthorizeViaServiceAccount::new("not-an-email", "nowhere", Vec::<Scope>::new());
    let refused =
        cronofy::organizations::authorize_via_service_account(&client, &token, &bad).await;
    assert!(
        matches!(refused, Err(Error::InvalidRequest { .. })),
        "{refused:?}"
    );
    let (status, body) = post(
        &url,
        &service.access_token,
        &json!({ "email": "not-an-email", "callback_url": "nowhere", "scope": "" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "email"), "errors.invalid");
    assert_eq!(error_key(&body, "callback_url"), "errors.invalid");
    assert_eq!(error_key(&body, "scope"), "errors.required");
    let user = fake.issue_user_token(&fake.default_user().sub, "read_write");
    let user_as_service = ServiceAccountToken::new(user.access_token.as_str());
    assert_unauthorized(cronofy::organizations::list_resources(&client, &user_as_service).await);
    assert_unauthorized(
        cronofy::organizations::authorize_via_service_account(&client, &user_as_service, &request)
            .await,
    );
    let secret_as_service = ServiceAccountToken::new(fake.app_credentials().client_secret());
    assert_unauthorized(cronofy::organizations::list_resources(&client, &secret_as_service).await);
}

// ---- application calendars ----

#[tokio::test]
async fn application_calendars_give_tokens_for_their_own_account_and_calendar() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let app = fake.app_credentials();

    let created = cronofy::calendars::create_application_calendar(
        &client,
        &app,
        &cronofy::calendars::CreateApplicationCalendar::new("room-bookings"),
    )
    .await
    .unwrap();
    assert_eq!(created.application_calendar_id, "room-bookings");
    let tokens = &created.tokens;
    let sub = tokens.sub().unwrap().to_owned();
    assert!(sub.starts_with("apc_"));
    let profile = tokens.linking_profile().unwrap();
    assert_eq!(profile.provider_name.as_deref(), Some("cronofy"));
    assert!(profile.profile_id.is_some());
    assert!(tokens.refresh_token().is_some());

    // The tokens act as a user whose calendar list holds the calendar.
    let owner = UserToken::new(tokens.access_token());
    let account = cronofy::identity::read_account(&client, &owner)
        .await
        .unwrap()
        .account;
    assert_eq!(account.account_id, sub);
    let userinfo = cronofy::identity::read_userinfo(&client, &owner)
        .await
        .unwrap();
    assert_eq!(userinfo.sub, sub);
    assert_eq!(userinfo.email, None);
    let calendars = cronofy::calendars::list_calendars(&client, &owner)
        .await
        .unwrap();
    assert_eq!(calendars.calendars.len(), 1);
    let calendar = &calendars.calendars[0];
    assert_eq!(calendar.calendar_name, "room-bookings");
    assert_eq!(calendar.provider_name.as_str(), "cronofy");
    cronofy::events::upsert_event(
        &client,
        &owner,
        &calendar.calendar_id,
        &event("booking", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"),
    )
    .await
    .unwrap();
    assert_eq!(fake.events(&sub).len(), 1);

    // The same id is the same calendar, with fresh tokens; another id another calendar.
    let again = cronofy::calendars::create_application_calendar(
        &client,
        &app,
        &cronofy::calendars::CreateApplicationCalendar::new("room-bookings"),
    )
    .await
    .unwrap();
    assert_eq!(again.tokens.sub(), Some(sub.as_str()));
    assert_ne!(again.tokens.access_token(), tokens.access_token());
    let same =
        cronofy::calendars::list_calendars(&client, &UserToken::new(again.tokens.access_token()))
            .await
            .unwrap();
    assert_eq!(same.calendars[0].calendar_id, calendar.calendar_id);
    let other = cronofy::calendars::create_application_calendar(
        &client,
        &app,
        &cronofy::calendars::CreateApplicationCalendar::new("desk-bookings"),
    )
    .await
    .unwrap();
    assert_ne!(other.tokens.sub(), Some(sub.as_str()));
    // Its refresh token works at the token endpoint.
    let grant = cronofy::oauth::RefreshAccessToken::new(tokens.refresh_token().unwrap());
    let refreshed = cronofy::oauth::refresh_access_token(&client, &app, &grant)
        .await
        .unwrap();
    cronofy::calendars::list_calendars(&client, &UserToken::new(refreshed.access_token()))
        .await
        .unwrap();

    // Wrong client credentials; no id; a bearer instead of body credentials.
    let wrong = AppCredentials::new(app.client_id().as_str(), "not the secret");
    match cronofy::calendars::create_application_calendar(
        &client,
        &wrong,
        &cronofy::calendars::CreateApplicationCalendar::new("room-bookings"),
    )
    .await
    {
        Err(Error::InvalidClient) => {}
        other => panic!("expected invalid_client, got {other:?}"),
    }
    let url = format!("{}/v1/application_calendars", fake.base_url());
    let (status, body) = call(
        reqwest::Method::POST,
        &url,
        Some(app.client_secret()),
        None,
        Some(&json!({ "application_calendar_id": "room-bookings" })),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "invalid_client");
    let (status, body) = call(
        reqwest::Method::POST,
        &url,
        None,
        None,
        Some(
            &json!({ "client_id": app.client_id().as_str(), "client_secret": app.client_secret() }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_key(&body, "application_calendar_id"),
        "errors.required"
    );
}

// ---- bookable events ----

#[tokio::test]
async fn bookable_events_are_kept_per_application_with_their_registrations() {
    use cronofy::scheduling::{
        BookableEventStatus, RegistrationStatus, UpsertBookableEvent,
        UpsertBookableEventRegistration,
    };
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let app = fake.app_credentials();
    let class = |capacity| {
        UpsertBookableEvent::new(
            "yoga-1",
            utc("2026-11-24T12:30:00Z"),
            utc("2026-11-24T13:30:00Z"),
            BookableEventStatus::Confirmed,
            capacity,
        )
    };
    let created = cronofy::scheduling::upsert_bookable_event(&client, &app, &class(2))
        .await
        .unwrap();
    assert_eq!(created.bookable_event_id, "yoga-1");
    assert_eq!(created.start, utc("2026-11-24T12:30:00Z"));
    let registration = created.registration.unwrap();
    assert_eq!(registration.capacity, Some(2));
    assert_eq!(registration.registered_count, Some(0));
    assert!(registration.registrations.is_empty());

    // Register two; a third finds no place; a declined one frees its place.
    let register = |id: &str, status| {
        UpsertBookableEventRegistration::new(id, status).metadata("name", format!("Person {id}"))
    };
    for id in ["r1", "r2"] {
        cronofy::scheduling::upsert_bookable_event_registration(
            &client,
            &app,
            "yoga-1",
            &register(id, RegistrationStatus::Accepted),
        )
        .await
        .unwrap();
    }
    let errors = validation(
        cronofy::scheduling::upsert_bookable_event_registration(
            &client,
            &app,
            "yoga-1",
            &register("r3", RegistrationStatus::Pending),
        )
        .await,
    );
    assert_eq!(
        errors.field("registration_id")[0].key,
        "errors.capacity_reached"
    );
    let event = cronofy::scheduling::upsert_bookable_event_registration(
        &client,
        &app,
        "yoga-1",
        &register("r2", RegistrationStatus::Declined),
    )
    .await
    .unwrap();
    let registration = event.registration.unwrap();
    assert_eq!(registration.registered_count, Some(1));
    assert_eq!(registration.total_count, Some(2));
    assert_eq!(
        registration.registrations[1].status,
        RegistrationStatus::Declined
    );
    cronofy::scheduling::upsert_bookable_event_registration(
        &client,
        &app,
        "yoga-1",
        &register("r3", RegistrationStatus::Tentative),
    )
    .await
    .unwrap();

    // Removing one: status removed, metadata gone; the read shows it.
    let event =
        cronofy::scheduling::delete_bookable_event_registration(&client, &app, "yoga-1", "r1")
            .await
            .unwrap();
    let removed = &event.registration.unwrap().registrations[0];
    assert_eq!(removed.registration_id, "r1");
    assert_eq!(removed.status, RegistrationStatus::Removed);
    assert_eq!(removed.metadata, None);
    let read = cronofy::scheduling::read_bookable_event(&client, &app, "yoga-1")
        .await
        .unwrap();
    let registration = read.registration.unwrap();
    assert_eq!(registration.registered_count, Some(1));
    assert_eq!(registration.total_count, Some(3));
    assert_eq!(
        registration.registrations[2].metadata.as_ref().unwrap()["name"],
        "Person r3"
    );

    // Updating the event keeps its registrations; the list has every event of the app.
    let cancelled = UpsertBookableEvent::new(
        "yoga-1",
        utc("2026-11-24T12:30:00Z"),
        utc("2026-11-24T13:30:00Z"),
        BookableEventStatus::Cancelled,
        10,
    );
    let updated = cronofy::scheduling::upsert_bookable_event(&client, &app, &cancelled)
        .await
        .unwrap();
    assert_eq!(updated.status, BookableEventStatus::Cancelled);
    assert_eq!(updated.registration.unwrap().total_count, Some(3));
    let other = UpsertBookableEvent::new(
        "pilates-1",
        utc("2026-11-25T12:30:00Z"),
        utc("2026-11-25T13:30:00Z"),
        BookableEventStatus::Confirmed,
        1,
    );
    cronofy::scheduling::upsert_bookable_event(&client, &app, &other)
        .await
        .unwrap();
    let all = cronofy::scheduling::list_all_bookable_events(&client, &app)
        .collect_items()
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|e| e.bookable_event_id.as_str()).collect();
    assert_eq!(ids, ["pilates-1", "yoga-1"]);

    // Unknown ids are 404s.
    assert!(matches!(
        cronofy::scheduling::read_bookable_event(&client, &app, "nope").await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        cronofy::scheduling::delete_bookable_event_registration(&client, &app, "yoga-1", "r9")
            .await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        cronofy::scheduling::upsert_bookable_event_registration(
            &client,
            &app,
            "nope",
            &register("r1", RegistrationStatus::Accepted),
        )
        .await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn bookable_events_are_validated_like_cronofy_and_take_only_the_api_key() {
    let fake = FakeCronofy::start().await;
    let secret = fake.app_credentials().client_secret().to_owned();
    let url = format!("{}/v1/bookable_events", fake.base_url());
    let (status, body) = post(&url, &secret, &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in [
        "bookable_event_id",
        "start",
        "end",
        "status",
        "registration.capacity",
    ] {
        assert_eq!(error_key(&body, field), "errors.required", "{field}");
    }
    let (status, body) = post(
        &url,
        &secret,
        &json!({
            "bookable_event_id": "a b",
            "start": "2026-11-24T13:30:00Z",
            "end": "2026-11-24T12:30:00Z",
            "status": "maybe",
            "registration": {"capacity": 257}
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "bookable_event_id"), "errors.invalid");
    assert_eq!(error_key(&body, "end"), "errors.end_before_start");
    assert_eq!(error_key(&body, "status"), "errors.invalid");
    assert_eq!(error_key(&body, "registration.capacity"), "errors.invalid");

    let event = json!({
        "bookable_event_id": "e1",
        "start": "2026-11-24T12:30:00Z",
        "end": "2026-11-24T13:30:00Z",
        "status": "confirmed",
        "registration": {"capacity": 5}
    });
    let (status, _) = post(&url, &secret, &event).await;
    assert_eq!(status, StatusCode::OK);
    let registrations = format!("{url}/e1/registrations");
    let (status, body) = post(&registrations, &secret, &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "registration_id"), "errors.required");
    assert_eq!(error_key(&body, "status"), "errors.required");
    let eleven: serde_json::Map<String, Value> =
        (0..11).map(|i| (format!("k{i}"), json!(i))).collect();
    let (status, body) = post(
        &registrations,
        &secret,
        &json!({"registration_id": "r/1", "status": "accepted", "metadata": eleven}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "registration_id"), "errors.invalid");
    assert_eq!(error_key(&body, "metadata"), "errors.invalid");

    // Another application's events do not exist for this one; a user token is refused.
    let alice = fake.default_user();
    let user = fake.issue_user_token(&alice.sub, "read_write");
    let (status, _) = get(&format!("{url}/e1"), &user.access_token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let as_app = user_as_app(&fake, &user);
    assert_unauthorized(cronofy::scheduling::list_bookable_events(&fake.client(), &as_app).await);
}

// ---- available periods: deleting all ----

#[tokio::test]
async fn deleting_all_available_periods_empties_the_users_periods_only() {
    use cronofy::availability::DeleteAvailablePeriod;
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (_, alice) = alice_token(&fake, "read_write");
    let alice = alice.user_token();
    let bob = fake.users()[1].sub.clone();
    let bob = fake.issue_user_token(&bob, "read_write").user_token();
    for (token, id) in [(&alice, "a1"), (&alice, "a2"), (&bob, "b1")] {
        let period = UpsertAvailablePeriod::new(
            id,
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T10:00:00Z"),
        );
        cronofy::availability::upsert_available_period(&client, token, &period)
            .await
            .unwrap();
    }
    cronofy::availability::delete_available_period(&client, &alice, &DeleteAvailablePeriod::all())
        .await
        .unwrap();
    let query = ReadAvailablePeriods::new("Europe/London");
    let left = cronofy::availability::read_available_periods(&client, &alice, &query)
        .await
        .unwrap();
    assert!(left.items.is_empty());
    let left = cronofy::availability::read_available_periods(&client, &bob, &query)
        .await
        .unwrap();
    assert_eq!(left.items[0].available_period_id, "b1");
    // Both forms at once cannot be sent: `delete_all` is a name the body models.
    let both = DeleteAvailablePeriod::new("b1").field("delete_all", true);
    let refused = cronofy::availability::delete_available_period(&client, &bob, &both).await;
    assert!(
        matches!(refused, Err(Error::InvalidRequest { .. })),
        "{refused:?}"
    );
}

// ---- attachments, application verification ----

#[tokio::test]
async fn attachments_are_checked_and_answered_with_an_id_and_the_contents_md5() {
    use cronofy::attachments::{AttachmentInteraction, CreateAttachment};
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let app = fake.app_credentials();
    let upload = CreateAttachment::new("notes.txt", "text/plain", b"hello").webhook(
        "https://example.com/attachments",
        [AttachmentInteraction::AttachmentApproved],
    );
    let uploaded = cronofy::attachments::create_attachment(&client, &app, &upload)
        .await
        .unwrap()
        .attachment;
    assert!(uploaded.attachment_id.starts_with("att_"));
    assert_eq!(uploaded.file_name.as_deref(), Some("notes.txt"));
    assert_eq!(uploaded.content_type.as_deref(), Some("text/plain"));
    assert_eq!(
        uploaded.md5.as_deref(),
        Some("5d41402abc4b2a76b9719d911017c592")
    );
    let again = cronofy::attachments::create_attachment(&client, &app, &upload)
        .await
        .unwrap()
        .attachment;
    assert_ne!(again.attachment_id, uploaded.attachment_id);

    let mismatched = CreateAttachment::new("notes.pdf", "text/plain", b"hello");
    let errors =
        validation(cronofy::attachments::create_attachment(&client, &app, &mismatched).await);
    assert_eq!(
        errors.field("attachment.file_name")[0].key,
        "errors.invalid"
    );
    let not_base64 = CreateAttachment::from_base64("a.pdf", "application/pdf", "%%%");
    let errors =
        validation(cronofy::attachments::create_attachment(&client, &app, &not_base64).await);
    assert_eq!(
        errors.field("attachment.base64_content")[0].key,
        "errors.invalid"
    );
    let url = format!("{}/v1/attachments", fake.base_url());
    let (status, body) = post(&url, app.client_secret(), &json!({"attachment": {}})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["file_name", "content_type", "base64_content"] {
        assert_eq!(
            error_key(&body, &format!("attachment.{field}")),
            "errors.required"
        );
    }
    let (_, body) = post(
        &url,
        app.client_secret(),
        &json!({
            "attachment": {"file_name": "a.txt", "content_type": "text/plain", "base64_content": "aGk="},
            "subscriptions": [{"type": "email", "uri": "ftp://x", "interactions": [{"type": "opened"}]}]
        }),
    )
    .await;
    assert_eq!(error_key(&body, "subscriptions.type"), "errors.invalid");
    assert_eq!(error_key(&body, "subscriptions.uri"), "errors.invalid");
    assert_eq!(
        error_key(&body, "subscriptions.interactions"),
        "errors.invalid"
    );
    let (_, user) = alice_token(&fake, "read_write");
    assert_unauthorized(
        cronofy::attachments::create_attachment(&client, &user_as_app(&fake, &user), &upload).await,
    );
}

#[tokio::test]
async fn application_verification_takes_redirect_uris_and_a_contact() {
    use cronofy::applications::VerifyApplication;
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let app = fake.app_credentials();
    let request = VerifyApplication::new(["https://example.com/cb"], "dev@example.com")
        .contact_display_name("Developers");
    cronofy::applications::verify_application(&client, &app, &request)
        .await
        .unwrap();
    let url = format!("{}/v1/application_verification", fake.base_url());
    let (status, body) = post(&url, app.client_secret(), &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "redirect_uris"), "errors.required");
    assert_eq!(error_key(&body, "contact.email"), "errors.required");
    let (_, body) = post(
        &url,
        app.client_secret(),
        &json!({"redirect_uris": ["not a url"], "contact": {"email": "x", "display_name": 3}}),
    )
    .await;
    assert_eq!(error_key(&body, "redirect_uris"), "errors.invalid");
    assert_eq!(error_key(&body, "contact.email"), "errors.invalid");
    assert_eq!(error_key(&body, "contact.display_name"), "errors.invalid");
    let (_, user) = alice_token(&fake, "read_write");
    assert_unauthorized(
        cronofy::applications::verify_application(&client, &user_as_app(&fake, &user), &request)
            .await,
    );
}

// ---- Business Connect; several service account authorizations; member schedulers ----

#[tokio::test]
async fn business_connect_lists_the_rooms_a_profile_reaches_and_asks_for_them() {
    use cronofy::organizations::{
        AccessibleCalendarType, ListAccessibleCalendars, RequestDelegatedAuthorization,
    };
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (alice, tokens) = alice_token(&fake, "read_write");
    let token = tokens.user_token();
    let rooms = cronofy::organizations::list_accessible_calendars(
        &client,
        &token,
        &ListAccessibleCalendars::new(&alice.profile_id),
    )
    .await
    .unwrap()
    .accessible_calendars;
    let emails: Vec<&str> = rooms.iter().map(|r| r.email.as_str()).collect();
    assert_eq!(emails, ["board-room@example.com", "projector@example.com"]);
    assert_eq!(
        rooms[0].calendar_type,
        Some(AccessibleCalendarType::Resource)
    );
    assert_eq!(rooms[0].name.as_deref(), Some("Board Room"));
    let none = cronofy::organizations::list_accessible_calendars(
        &client,
        &token,
        &ListAccessibleCalendars::new(&alice.profile_id)
            .calendar_type(AccessibleCalendarType::Undetermined),
    )
    .await
    .unwrap();
    assert!(none.accessible_calendars.is_empty());
    // A user outside the organization reaches no room.
    let carol = fake.add_user("carol@example.com", "Carol");
    let carol_token = fake.issue_user_token(&carol.sub, "read_write").user_token();
    let rooms = cronofy::organizations::list_accessible_calendars(
        &client,
        &carol_token,
        &ListAccessibleCalendars::new(&carol.profile_id),
    )
    .await
    .unwrap();
    assert!(rooms.accessible_calendars.is_empty());

    let ask = |profile: &str, email: &str| {
        RequestDelegatedAuthorization::new(
            profile,
            email,
            "https://example.com/delegated",
            [Scope::ReadOnly],
        )
    };
    cronofy::organizations::request_delegated_authorization(
        &client,
        &token,
        &ask(&alice.profile_id, "board-room@example.com").state("s"),
    )
    .await
    .unwrap();
    let errors = validation(
        cronofy::organizations::request_delegated_authorization(
            &client,
            &token,
            &ask("pro_other", "nobody@example.com"),
        )
        .await,
    );
    assert_eq!(errors.field("profile_id")[0].key, "errors.not_found");
    assert_eq!(errors.field("email")[0].key, "errors.not_found");
    let errors = validation(
        cronofy::organizations::list_accessible_calendars(
            &client,
            &token,
            &ListAccessibleCalendars::new("pro_other"),
        )
        .await,
    );
    assert_eq!(errors.field("profile_id")[0].key, "errors.not_found");
    let url = format!("{}/v1/delegated_authorizations", fake.base_url());
    let (status, body) = post(&url, &tokens.access_token, &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["profile_id", "email", "callback_url", "scope"] {
        assert_eq!(error_key(&body, field), "errors.required", "{field}");
    }
    let (_, body) = get(
        &format!("{}/v1/accessible_calendars", fake.base_url()),
        &tokens.access_token,
    )
    .await;
    assert_eq!(error_key(&body, "profile_id"), "errors.required");
    assert_unauthorized(
        cronofy::organizations::list_accessible_calendars(
            &client,
            &secret_as_user(&fake),
            &ListAccessibleCalendars::new(&alice.profile_id),
        )
        .await,
    );
}

#[tokio::test]
async fn a_service_account_authorizes_several_users_in_one_request() {
    use cronofy::organizations::ServiceAccountAuthorization;
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let token = fake.issue_service_account_token().service_account_token();
    let one = |email: &str| {
        ServiceAccountAuthorization::new(email, "https://example.com/cb", [Scope::ReadWrite])
    };
    let several = AuthorizeViaServiceAccount::many([one("a@example.com"), one("b@example.com")])
        .state("batch-1");
    cronofy::organizations::authorize_via_service_account(&client, &token, &several)
        .await
        .unwrap();
    assert!(
        several
            .authorizations()
            .iter()
            .all(|a| serde_json::to_value(a).unwrap()["state"] == "batch-1")
    );
    // The fake judges each entry like a single request.
    let bad = AuthorizeViaServiceAccount::many([
        one("a@example.com"),
        ServiceAccountAuthorization::new("b@example.com", "not a url", [Scope::ReadWrite]),
    ]);
    let errors = validation(
        cronofy::organizations::authorize_via_service_account(&client, &token, &bad).await,
    );
    assert_eq!(errors.field("callback_url")[0].key, "errors.invalid");
}

#[tokio::test]
async fn organization_members_carry_their_scheduler_object() {
    let fake = FakeCronofy::start().await;
    let org = fake.default_org();
    let token = fake.issue_org_token(&org.org_id).org_token();
    let members = cronofy::organizations::list_organizational_unit_members(&fake.client(), &token)
        .await
        .unwrap()
        .items;
    assert_eq!(members[0].scheduler_enabled(), Some(true));
    let url = members[0].scheduler_public_url().unwrap();
    assert!(url.ends_with(&members[0].sub), "{url}");
    assert_eq!(members[1].scheduler_enabled(), Some(false));
    assert_eq!(members[1].scheduler_public_url(), None);
    assert!(members[1].extra.is_empty());
}

// ---- Scheduling Requests and scheduling conversations ----

#[tokio::test]
async fn scheduling_requests_are_kept_for_their_organization_to_query() {
    use cronofy::scheduling::{
        CollaboratorGroup, CreateSchedulingRequest, HostGroup, QuerySchedulingRequests,
        SlotSelection,
    };
    let fake = FakeCronofy::builder()
        .internal_application(true)
        .start()
        .await
        .unwrap();
    let client = fake.client();
    let org = fake.default_org();
    let org_token = fake.issue_org_token(&org.org_id).org_token();
    let (host, other) = (&org.member_subs[0], &org.member_subs[1]);
    let request = CreateSchedulingRequest::new(
        "Driving test",
        [SchedulerRecipient::new("marty@example.com")
            .display_name("Marty")
            .slot_selector(true)],
    )
    .host(host)
    .collaborator_group(CollaboratorGroup::new("Examiners", [other], 1))
    .duration(Minutes::new(30))
    .tag("Urgent");
    let created = cronofy::scheduling::create_scheduling_request(&client, &org_token, &request)
        .await
        .unwrap()
        .scheduling_request;
    assert!(created.scheduling_request_id.starts_with("srq_"));
    assert_eq!(created.slot_selection, Some(SlotSelection::Pending));
    assert_eq!(created.duration, Some(Minutes::new(30)));
    assert_eq!(created.summary.as_deref(), Some("Driving test"));
    assert_eq!(created.recipients[0].slot_selector, Some(true));
    assert_eq!(created.recipients[0].select_url, created.primary_select_url);
    assert_eq!(created.collaborator_groups[0].members[0].sub, *other);
    assert_eq!(created.extra["host"]["sub"], host.as_str());

    // A member impersonated hosts it; a host group names possible hosts instead.
    let as_member = org_token.impersonate(other);
    let plain = CreateSchedulingRequest::new("Chat", [SchedulerRecipient::new("doc@example.com")]);
    let by_member = cronofy::scheduling::create_scheduling_request(&client, &as_member, &plain)
        .await
        .unwrap()
        .scheduling_request;
    assert_eq!(by_member.extra["host"]["sub"], other.as_str());
    let grouped = plain
        .clone()
        .host_group(HostGroup::members("Team", [host, other], 1));
    let by_group = cronofy::scheduling::create_scheduling_request(&client, &org_token, &grouped)
        .await
        .unwrap()
        .scheduling_request;
    assert_eq!(by_group.extra["host_group"]["name"], "Team");

    // The organization, or its internal application, queries them; unknown ids are left out.
    let ids = [
        created.scheduling_request_id.as_str(),
        "srq_unknown",
        by_member.scheduling_request_id.as_str(),
    ];
    let found = cronofy::scheduling::query_scheduling_requests(
        &client,
        &org_token,
        &QuerySchedulingRequests::new(ids),
    )
    .await
    .unwrap()
    .scheduling_requests;
    let found_ids: Vec<&str> = found
        .iter()
        .map(|r| r.scheduling_request.scheduling_request_id.as_str())
        .collect();
    assert_eq!(found_ids, [ids[0], ids[2]]);
    let by_app = cronofy::scheduling::query_scheduling_requests(
        &client,
        &fake.app_credentials(),
        &QuerySchedulingRequests::new([ids[0]]),
    )
    .await
    .unwrap();
    assert_eq!(by_app.scheduling_requests.len(), 1);

    // 422s.
    let errors = validation(
        cronofy::scheduling::create_scheduling_request(&client, &org_token, &plain).await,
    );
    assert_eq!(errors.field("host")[0].key, "errors.required");
    let strangers = plain
        .clone()
        .host_group(HostGroup::members("Strangers", ["acc_nobody"], 2));
    let errors = validation(
        cronofy::scheduling::create_scheduling_request(&client, &org_token, &strangers).await,
    );
    assert_eq!(
        errors.field("host_group.members")[0].key,
        "errors.not_found"
    );
    assert_eq!(errors.field("host_group.required")[0].key, "errors.invalid");
    let url = format!("{}/v1/scheduling_requests/query", fake.base_url());
    let org_bearer = fake.issue_org_token(&org.org_id).access_token;
    let (status, body) = post(&url, &org_bearer, &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_key(&body, "scheduling_request_ids"),
        "errors.required"
    );
}

#[tokio::test]
async fn only_an_internal_application_queries_scheduling_requests_with_its_secret() {
    use cronofy::scheduling::QuerySchedulingRequests;
    let fake = FakeCronofy::start().await;
    let result = cronofy::scheduling::query_scheduling_requests(
        &fake.client(),
        &fake.app_credentials(),
        &QuerySchedulingRequests::new(["srq_1"]),
    )
    .await;
    assert!(matches!(result, Err(Error::Forbidden { .. })), "{result:?}");
}

#[tokio::test]
async fn scheduling_conversations_are_read_by_their_creator_or_a_participants_token() {
    use cronofy::availability::QueryPeriod;
    use cronofy::scheduling::{
        ConversationParticipant, CreateSchedulingConversation, ReadSchedulingConversationByToken,
        SlotSelectionMethod,
    };
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let (alice, tokens) = alice_token(&fake, "read_write");
    let token = tokens.user_token();
    let conversation = CreateSchedulingConversation::new([
        ConversationParticipant::with_id("@alice")
            .sub(&alice.sub)
            .managed_availability(true)
            .auto_select_slots(),
        ConversationParticipant::with_email("karl@example.com").common_name("Karl"),
    ])
    .subject("Review")
    .tzid("Europe/London")
    .required_duration(Minutes::new(30))
    .available_period(QueryPeriod::new(
        utc("2026-11-23T09:00:00Z"),
        utc("2026-11-23T17:00:00Z"),
    ));
    let created =
        cronofy::scheduling::create_scheduling_conversation(&client, &token, &conversation)
            .await
            .unwrap()
            .scheduling_conversation;
    let id = created.scheduling_conversation_id.clone();
    assert_eq!(created.extra["subject"], "Review");
    let organizer = &created.participants[0];
    assert_eq!(organizer.participant_id.as_deref(), Some("@alice"));
    assert_eq!(
        organizer.slots.as_ref().unwrap().selection_method,
        Some(SlotSelectionMethod::Auto)
    );
    let karl = &created.participants[1];
    assert!(
        karl.participant_id.is_some(),
        "the fake names unnamed participants"
    );
    assert_eq!(karl.common_name.as_deref(), Some("Karl"));

    let read = cronofy::scheduling::read_scheduling_conversation(&client, &token, &id)
        .await
        .unwrap();
    assert_eq!(read.scheduling_conversation, created);
    // Karl's token, from the query of his slots URL, finds him.
    let karl_url = &karl.slots_list.as_ref().unwrap().url;
    let karl_token = karl_url
        .split_once("/slots?token=")
        .map(|(_, token)| token)
        .unwrap();
    let bob = fake.users()[1].sub.clone();
    let bob_token = fake.issue_user_token(&bob, "read_write").user_token();
    let found = cronofy::scheduling::read_scheduling_conversation_by_token(
        &client,
        &bob_token,
        &ReadSchedulingConversationByToken::new(karl_token),
    )
    .await
    .unwrap();
    assert_eq!(
        found.participant.unwrap().common_name.as_deref(),
        Some("Karl")
    );
    assert_eq!(found.scheduling_conversation.scheduling_conversation_id, id);
    // Only the creator reads it by id; unknown tokens and ids are 404s.
    for result in [
        cronofy::scheduling::read_scheduling_conversation(&client, &bob_token, &id).await,
        cronofy::scheduling::read_scheduling_conversation(&client, &token, "scv_none").await,
    ] {
        assert!(matches!(result, Err(Error::NotFound { .. })), "{result:?}");
    }
    let unknown = cronofy::scheduling::read_scheduling_conversation_by_token(
        &client,
        &token,
        &ReadSchedulingConversationByToken::new("nope"),
    )
    .await;
    assert!(
        matches!(unknown, Err(Error::NotFound { .. })),
        "{unknown:?}"
    );

    // 422s.
    let url = format!("{}/v1/scheduling_conversations", fake.base_url());
    let (status, body) = post(&url, &tokens.access_token, &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_key(&body, "participants"), "errors.required");
    let (_, body) = post(
        &url,
        &tokens.access_token,
        &json!({
            "participants": [{"common_name": "Nobody"}, {"sub": "acc_unknown", "slots": {"selection_method": "manual"}}],
            "required_duration": {"minutes": 0},
            "available_periods": [{"start": "2026-11-23T10:00:00Z", "end": "2026-11-23T09:00:00Z"}]
        }),
    )
    .await;
    assert_eq!(
        error_key(&body, "participants.participant_id"),
        "errors.required"
    );
    assert_eq!(error_key(&body, "participants.sub"), "errors.not_found");
    assert_eq!(
        error_key(&body, "participants.slots.selection_method"),
        "errors.invalid"
    );
    assert_eq!(error_key(&body, "required_duration"), "errors.invalid");
    assert_eq!(error_key(&body, "available_periods"), "errors.invalid");
    let (_, body) = get(&url, &tokens.access_token).await;
    assert_eq!(error_key(&body, "token"), "errors.required");
    assert_unauthorized(
        cronofy::scheduling::read_scheduling_conversation(&client, &secret_as_user(&fake), &id)
            .await,
    );
}
