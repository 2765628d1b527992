//! Tests of the fake Cronofy itself (`cronofy_fake`), through the crate's generated
//! endpoint functions where one exists and plain reqwest otherwise.

use std::time::{Duration, Instant};

use cronofy::Error;
use cronofy::UserToken;
use cronofy::availability::{Participants, QueryAvailability, QueryPeriod};
use cronofy::events::UpsertEvent;
use cronofy::events::{DeleteEvent, ReadEvents};
use cronofy_fake::{CredentialKind, FakeCronofy, Fault, FaultKind, IssuedTokens};
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, LOCATION};
use serde_json::{Value, json};

const REDIRECT_URI: &str = "https://app.example.test/callback";

/// A client that does not follow redirects, so a test can read the authorization redirect.
fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Sends a request with an optional bearer, `Cronofy-Impersonate` and JSON body; returns the
/// status and the body as JSON (`Null` when empty or not JSON).
async fn call(
    method: reqwest::Method,
    url: &str,
    bearer: Option<&str>,
    impersonate: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let mut request = http().request(method, url);
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

async fn get(url: &str, bearer: Option<&str>, impersonate: Option<&str>) -> (StatusCode, Value) {
    call(reqwest::Method::GET, url, bearer, impersonate, None).await
}

async fn post(url: &str, bearer: Option<&str>, body: &Value) -> (StatusCode, Value) {
    call(reqwest::Method::POST, url, bearer, None, Some(body)).await
}

/// Follows the authorization URL; returns the `Location` it redirects to.
async fn authorize(
    fake: &FakeCronofy,
    redirect_uri: &str,
    scope: &str,
    state: &str,
) -> reqwest::Url {
    let response = http()
        .get(fake.authorization_url(redirect_uri, scope, state))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()[LOCATION].to_str().unwrap();
    reqwest::Url::parse(location).unwrap()
}

fn query_param(url: &reqwest::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

async fn code_for(fake: &FakeCronofy, scope: &str) -> String {
    let location = authorize(fake, REDIRECT_URI, scope, "xyz").await;
    query_param(&location, "code").unwrap()
}

async fn token_request(fake: &FakeCronofy, body: Value) -> (StatusCode, Value) {
    post(&format!("{}/oauth/token", fake.base_url()), None, &body).await
}

fn code_grant(fake: &FakeCronofy, code: &str, redirect_uri: &str) -> Value {
    let app = fake.app_credentials();
    json!({
        "client_id": app.client_id().as_str(),
        "client_secret": app.client_secret(),
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
    })
}

fn refresh_grant(fake: &FakeCronofy, refresh_token: &str) -> Value {
    let app = fake.app_credentials();
    json!({
        "client_id": app.client_id().as_str(),
        "client_secret": app.client_secret(),
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
    })
}

/// `application/x-www-form-urlencoded` text of these pairs.
fn form(pairs: &[(&str, &str)]) -> String {
    let mut url = reqwest::Url::parse("http://form.invalid/").unwrap();
    url.query_pairs_mut().extend_pairs(pairs);
    url.query().unwrap_or_default().to_owned()
}

fn str_of<'a>(value: &'a Value, field: &str) -> &'a str {
    value[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {value}"))
}

fn event(id: &str, start: &str, end: &str) -> UpsertEvent {
    UpsertEvent::new(id, format!("Event {id}"), at(start), at(end))
}

fn status_of<T: std::fmt::Debug>(result: Result<T, Error>) -> u16 {
    result.unwrap_err().status().unwrap().as_u16()
}

// ---- OAuth ----

#[tokio::test]
async fn authorize_redirects_to_the_callback_with_a_code_and_the_state() {
    let fake = FakeCronofy::start().await;
    let location = authorize(
        &fake,
        "https://app.example.test/callback?keep=1",
        "read_events",
        "st@te 1",
    )
    .await;
    assert_eq!(location.host_str(), Some("app.example.test"));
    assert_eq!(location.path(), "/callback");
    assert_eq!(query_param(&location, "keep").as_deref(), Some("1"));
    assert_eq!(query_param(&location, "state").as_deref(), Some("st@te 1"));
    let code = query_param(&location, "code").unwrap();
    assert_eq!(code.len(), 32);
    assert_eq!(fake.counters().authorizations, 1);

    fake.deny_authorizations(true);
    let denied = authorize(&fake, REDIRECT_URI, "read_events", "s2").await;
    assert_eq!(
        query_param(&denied, "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(query_param(&denied, "state").as_deref(), Some("s2"));
    assert_eq!(query_param(&denied, "code"), None);

    fake.deny_authorizations(false);
    let bad_scope = authorize(&fake, REDIRECT_URI, "read_everything", "s3").await;
    assert_eq!(
        query_param(&bad_scope, "error").as_deref(),
        Some("invalid_scope")
    );

    // An unknown client is not redirected anywhere.
    let url = format!(
        "{}/oauth/authorize?response_type=code&client_id=nope&redirect_uri={REDIRECT_URI}&scope=read_events",
        fake.base_url()
    );
    assert_eq!(get(&url, None, None).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_code_is_exchanged_once_for_tokens_of_cronofys_shape() {
    let fake = FakeCronofy::start().await;
    let alice = fake.default_user();
    let code = code_for(&fake, "read_account read_events").await;

    let (status, tokens) = token_request(&fake, code_grant(&fake, &code, REDIRECT_URI)).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["token_type"], "bearer");
    assert_eq!(str_of(&tokens, "access_token").len(), 32);
    assert_eq!(str_of(&tokens, "refresh_token").len(), 32);
    assert_eq!(tokens["expires_in"], 3600);
    assert_eq!(tokens["scope"], "read_account read_events");
    assert_eq!(tokens["account_id"], alice.sub.as_str());
    assert_eq!(tokens["sub"], alice.sub.as_str());
    assert_eq!(
        tokens["linking_profile"]["profile_id"],
        alice.profile_id.as_str()
    );

    let token = UserToken::new(str_of(&tokens, "access_token"));
    let account = cronofy::identity::read_account(&fake.client(), &token)
        .await
        .unwrap();
    assert_eq!(account.account.email, Some(alice.email));

    let (status, replay) = token_request(&fake, code_grant(&fake, &code, REDIRECT_URI)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(replay["error"], "invalid_grant");
    assert_eq!(fake.counters().code_exchanges, 2);
    assert_eq!(fake.counters().token_errors, 1);
}

#[tokio::test]
async fn a_code_is_bound_to_its_redirect_uri_and_form_bodies_work() {
    let fake = FakeCronofy::start().await;
    let bob = fake.users()[1].clone();
    fake.authorize_as(&bob.sub);
    let code = code_for(&fake, "read_only").await;

    let (status, body) = token_request(
        &fake,
        code_grant(&fake, &code, "https://elsewhere.example.test/callback"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");

    // The same exchange as a form, with the right redirect_uri.
    let app = fake.app_credentials();
    let response = http()
        .post(format!("{}/oauth/token", fake.base_url()))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form(&[
            ("client_id", app.client_id().as_str()),
            ("client_secret", app.client_secret()),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT_URI),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let tokens: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(tokens["sub"], bob.sub.as_str());
}

#[tokio::test]
async fn refresh_rotates_and_a_replayed_refresh_token_is_invalid_grant() {
    let fake = FakeCronofy::start().await;
    let code = code_for(&fake, "read_write").await;
    let (_, first) = token_request(&fake, code_grant(&fake, &code, REDIRECT_URI)).await;
    let first_refresh = str_of(&first, "refresh_token");

    let (status, second) = token_request(&fake, refresh_grant(&fake, first_refresh)).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    let second_refresh = str_of(&second, "refresh_token");
    assert_ne!(second_refresh, first_refresh);
    assert_ne!(second["access_token"], first["access_token"]);
    assert_eq!(second["scope"], "read_write");
    let token = UserToken::new(str_of(&second, "access_token"));
    cronofy::calendars::list_calendars(&fake.client(), &token)
        .await
        .unwrap();

    let (status, replay) = token_request(&fake, refresh_grant(&fake, first_refresh)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(replay["error"], "invalid_grant");

    let (status, third) = token_request(&fake, refresh_grant(&fake, second_refresh)).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(third["refresh_token"], second["refresh_token"]);

    let counters = fake.counters();
    assert_eq!((counters.code_exchanges, counters.refreshes), (1, 3));
    assert_eq!(counters.token_errors, 1);
}

#[tokio::test]
async fn wrong_client_credentials_are_invalid_client() {
    let fake = FakeCronofy::start().await;
    let code = code_for(&fake, "read_events").await;

    let mut wrong_secret = code_grant(&fake, &code, REDIRECT_URI);
    wrong_secret["client_secret"] = json!("not the secret");
    let (status, body) = token_request(&fake, wrong_secret).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_client");

    let mut unknown_client = code_grant(&fake, &code, REDIRECT_URI);
    unknown_client["client_id"] = json!("someone-else");
    assert_eq!(
        token_request(&fake, unknown_client).await.1["error"],
        "invalid_client"
    );

    // The code survived the failed attempts.
    let (status, tokens) = token_request(&fake, code_grant(&fake, &code, REDIRECT_URI)).await;
    assert_eq!(status, StatusCode::OK);

    let mut refresh = refresh_grant(&fake, str_of(&tokens, "refresh_token"));
    refresh.as_object_mut().unwrap().remove("client_secret");
    assert_eq!(
        token_request(&fake, refresh).await.1["error"],
        "invalid_client"
    );

    let (status, body) = post(
        &format!("{}/oauth/token/revoke", fake.base_url()),
        None,
        &json!({ "client_id": "x", "client_secret": "y", "token": "z" }),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_client"))
    );

    let (status, body) = token_request(&fake, json!({ "grant_type": "password" })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_client");
}

#[tokio::test]
async fn revocation_by_token_or_sub_ends_the_grant_and_is_idempotent() {
    let fake = FakeCronofy::start().await;
    let alice = fake.default_user();
    let app = fake.app_credentials();
    let revoke_url = format!("{}/oauth/token/revoke", fake.base_url());
    let client = fake.client();

    let by_token = fake.issue_user_token(&alice.sub, "read_events");
    let other = fake.issue_user_token(&alice.sub, "list_calendars");
    let body = json!({
        "client_id": app.client_id().as_str(),
        "client_secret": app.client_secret(),
        "token": by_token.refresh_token,
    });
    assert_eq!(post(&revoke_url, None, &body).await.0, StatusCode::OK);
    assert_eq!(post(&revoke_url, None, &body).await.0, StatusCode::OK);
    let read = ReadEvents::new("Etc/UTC");
    assert_eq!(
        status_of(cronofy::events::read_events(&client, &by_token.user_token(), &read).await),
        401
    );
    let (_, replay) = token_request(&fake, refresh_grant(&fake, &by_token.refresh_token)).await;
    assert_eq!(replay["error"], "invalid_grant");
    cronofy::calendars::list_calendars(&client, &other.user_token())
        .await
        .unwrap();

    let body = json!({
        "client_id": app.client_id().as_str(),
        "client_secret": app.client_secret(),
        "sub": alice.sub,
    });
    assert_eq!(post(&revoke_url, None, &body).await.0, StatusCode::OK);
    assert_eq!(
        status_of(cronofy::calendars::list_calendars(&client, &other.user_token()).await),
        401
    );
    assert_eq!(fake.counters().revocations, 3);
}

// ---- clock, scopes ----

#[tokio::test]
async fn access_tokens_expire_on_the_fakes_clock() {
    let fake = FakeCronofy::builder()
        .access_token_lifetime(Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let client = fake.client();
    let tokens = fake.issue_user_token(&fake.default_user().sub, "read_account");
    assert_eq!(tokens.expires_in, 60);
    cronofy::identity::read_account(&client, &tokens.user_token())
        .await
        .unwrap();

    fake.advance(Duration::from_secs(50));
    cronofy::identity::read_account(&client, &tokens.user_token())
        .await
        .unwrap();
    fake.advance(Duration::from_secs(11));
    let err = cronofy::identity::read_account(&client, &tokens.user_token())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err}");

    // The refresh token outlives the access token.
    let (status, refreshed) =
        token_request(&fake, refresh_grant(&fake, &tokens.refresh_token)).await;
    assert_eq!(status, StatusCode::OK);
    let fresh = UserToken::new(str_of(&refreshed, "access_token"));
    cronofy::identity::read_account(&client, &fresh)
        .await
        .unwrap();

    fake.expire_all_access_tokens();
    assert_eq!(
        status_of(cronofy::identity::read_account(&client, &fresh).await),
        401
    );
}

#[tokio::test]
async fn a_token_without_the_needed_scope_gets_403() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let alice = fake.default_user();
    let calendar = alice.primary_calendar_id();
    let token = fake
        .issue_user_token(&alice.sub, "read_events create_event")
        .user_token();

    let created = event("e1", "2026-11-23T09:00:00Z", "2026-11-23T09:30:00Z");
    cronofy::events::upsert_event(&client, &token, calendar, &created)
        .await
        .unwrap();
    let err = cronofy::events::delete_event(&client, &token, calendar, &DeleteEvent::new("e1"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err}");
    assert_eq!(
        status_of(cronofy::calendars::list_calendars(&client, &token).await),
        403
    );
    assert_eq!(
        status_of(cronofy::identity::read_account(&client, &token).await),
        403
    );
    assert_eq!(fake.events(&alice.sub).len(), 1);
}

// ---- calendars and events ----

#[tokio::test]
async fn calendars_are_listed_and_created() {
    let fake = FakeCronofy::start().await;
    let alice = fake.default_user();
    let token = fake.issue_user_token(&alice.sub, "list_calendars create_calendar");
    let calendars = cronofy::calendars::list_calendars(&fake.client(), &token.user_token())
        .await
        .unwrap();
    let names: Vec<&str> = calendars
        .calendars
        .iter()
        .map(|c| c.calendar_name.as_str())
        .collect();
    assert_eq!(names, ["Calendar", "Personal"]);
    assert_eq!(calendars.calendars[0].calendar_primary, Some(true));
    assert_eq!(calendars.calendars[0].profile_id, alice.profile_id);

    let url = format!("{}/v1/calendars", fake.base_url());
    let body = json!({ "profile_id": alice.profile_id, "name": "Team", "unknown_field": [1] });
    let (status, created) = post(&url, Some(&token.access_token), &body).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!(created["calendar"]["calendar_name"], "Team");
    let (status, duplicate) = post(&url, Some(&token.access_token), &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        duplicate["errors"]["name"][0]["key"],
        "errors.duplicate_calendar_name"
    );
    assert_eq!(fake.user(&alice.sub).unwrap().calendar_ids.len(), 3);
}

#[tokio::test]
async fn events_are_upserted_by_event_id_filtered_and_deleted() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let alice = fake.default_user();
    let (work, personal) = (&alice.calendar_ids[0], &alice.calendar_ids[1]);
    let token = fake.issue_user_token(&alice.sub, "read_write").user_token();

    let first = event("e1", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z").tzid("Europe/London");
    cronofy::events::upsert_event(&client, &token, work, &first)
        .await
        .unwrap();
    let renamed = UpsertEvent::new(
        "e1",
        "Renamed",
        at("2026-11-23T09:00:00Z"),
        at("2026-11-23T10:00:00Z"),
    )
    .location("Room 1");
    cronofy::events::upsert_event(&client, &token, work, &renamed)
        .await
        .unwrap();
    let later = event("e2", "2026-11-30", "2026-12-01");
    cronofy::events::upsert_event(&client, &token, personal, &later)
        .await
        .unwrap();

    let all = cronofy::events::read_events(
        &client,
        &token,
        &ReadEvents::new("Etc/UTC").include_managed(true),
    )
    .await
    .unwrap();
    assert_eq!(all.items.len(), 2);
    assert_eq!(all.items[0].summary.as_deref(), Some("Renamed"));
    assert_eq!(all.items[0].event_id.as_deref(), Some("e1"));
    let location = format!("{:?}", all.items[0].location);
    assert!(location.contains("Room 1"), "{location}");
    assert_eq!(all.items[1].start, at("2026-11-30"));

    let only_work = ReadEvents::new("Etc/UTC")
        .include_managed(true)
        .calendar_ids([work.as_str()]);
    let page = cronofy::events::read_events(&client, &token, &only_work)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    let window = ReadEvents::new("Etc/UTC")
        .include_managed(true)
        .from(day("2026-11-24"))
        .to(day("2026-12-31"));
    let page = cronofy::events::read_events(&client, &token, &window)
        .await
        .unwrap();
    assert_eq!(page.items[0].event_id.as_deref(), Some("e2"));
    assert_eq!(page.items.len(), 1);

    cronofy::events::delete_event(&client, &token, work, &DeleteEvent::new("e1"))
        .await
        .unwrap();
    // Deleting again (or something that never existed) is still accepted.
    cronofy::events::delete_event(&client, &token, work, &DeleteEvent::new("e1"))
        .await
        .unwrap();
    let page = cronofy::events::read_events(
        &client,
        &token,
        &ReadEvents::new("Etc/UTC").include_managed(true),
    )
    .await
    .unwrap();
    assert_eq!(page.items.len(), 1);
    let with_deleted = ReadEvents::new("Etc/UTC")
        .include_managed(true)
        .include_deleted(true);
    let page = cronofy::events::read_events(&client, &token, &with_deleted)
        .await
        .unwrap();
    assert!(page.items.iter().any(|e| e.deleted));

    let url = format!(
        "{}/v1/free_busy?tzid=Etc/UTC&from=2026-11-01&to=2026-12-31&include_managed=True",
        fake.base_url()
    );
    let (status, free_busy) = get(&url, Some(token.secret()), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(free_busy["free_busy"][0]["free_busy_status"], "busy");
    assert_eq!(free_busy["free_busy"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn read_events_pages_through_absolute_next_page_urls() {
    let fake = FakeCronofy::builder().page_size(2).start().await.unwrap();
    let client = fake.client();
    let alice = fake.default_user();
    for day in 1..=5 {
        let start = format!("2026-11-0{day}T09:00:00Z");
        let end = format!("2026-11-0{day}T10:00:00Z");
        fake.insert_event(
            &alice.sub,
            alice.primary_calendar_id(),
            &event(&format!("e{day}"), &start, &end),
        );
    }
    let token = fake.issue_user_token(&alice.sub, "read_events");

    let first = cronofy::events::read_events(
        &client,
        &token.user_token(),
        &ReadEvents::new("Etc/UTC").include_managed(true),
    )
    .await
    .unwrap();
    let pages = first.pages.clone().unwrap();
    assert_eq!((pages.current, pages.total), (1, 3));
    let mut ids: Vec<String> = first
        .items
        .iter()
        .filter_map(|e| e.event_id.clone())
        .collect();
    let mut next = first.next_page().map(str::to_owned);
    let mut pages_seen = 1;
    while let Some(url) = next {
        assert!(
            url.starts_with(&format!("{}/v1/events/pages/", fake.base_url())),
            "{url}"
        );
        let (status, page) = get(&url, Some(&token.access_token), None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        pages_seen += 1;
        assert_eq!(page["pages"]["current"], pages_seen);
        ids.extend(
            page["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| str_of(e, "event_id").to_owned()),
        );
        next = page["pages"]["next_page"].as_str().map(str::to_owned);
    }
    assert_eq!(pages_seen, 3);
    assert_eq!(ids, ["e1", "e2", "e3", "e4", "e5"]);

    // A page belongs to whoever asked for the first one.
    let next_page = first.next_page().unwrap().to_owned();
    let bob = fake.issue_user_token(&fake.users()[1].sub, "read_events");
    assert_eq!(
        get(&next_page, Some(&bob.access_token), None).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&next_page, None, None).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn invalid_requests_get_422_with_the_errors_map_or_400() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let alice = fake.default_user();
    let calendar = alice.primary_calendar_id();
    let token = fake.issue_user_token(&alice.sub, "read_write");
    let user = token.user_token();

    let backwards = event("e1", "2026-11-23T10:00:00Z", "2026-11-23T09:00:00Z");
    let Err(Error::Validation { errors }) =
        cronofy::events::upsert_event(&client, &user, calendar, &backwards).await
    else {
        panic!("start after end must be a 422");
    };
    assert_eq!(errors.field("end")[0].key, "errors.end_before_start");

    let unknown = event("e1", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z");
    let Err(Error::Validation { errors }) =
        cronofy::events::upsert_event(&client, &user, "cal_nope", &unknown).await
    else {
        panic!("an unknown calendar must be a 422");
    };
    assert_eq!(errors.field("calendar_id")[0].key, "errors.not_found");

    let url = format!("{}/v1/calendars/{calendar}/events", fake.base_url());
    let (status, body) = post(
        &url,
        Some(&token.access_token),
        &json!({ "start": "2026-11-23" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let expected = json!([{ "key": "errors.required", "description": "required" }]);
    assert_eq!(body["errors"]["summary"], expected);
    assert_eq!(body["errors"]["event_id"], expected);
    assert_eq!(body["errors"]["end"], expected);

    let (status, body) = call(
        reqwest::Method::DELETE,
        &url,
        Some(&token.access_token),
        None,
        Some(&json!({})),
    )
    .await;
    assert_eq!(
        (status, &body["errors"]["event_id"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &expected)
    );

    let (status, _) = get(
        &format!("{}/v1/events", fake.base_url()),
        Some(&token.access_token),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    for garbage in ["{\"summary\":", "[1,2]", "\u{0}\u{1}", "null"] {
        let response = http()
            .post(&url)
            .header(AUTHORIZATION, format!("Bearer {}", token.access_token))
            .header(CONTENT_TYPE, "application/json")
            .body(garbage)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{garbage:?}");
    }
    assert!(fake.events(&alice.sub).is_empty());
}

#[tokio::test]
async fn bad_input_anywhere_never_takes_the_fake_down() {
    let fake = FakeCronofy::start().await;
    let alice = fake.default_user();
    let user = fake.issue_user_token(&alice.sub, "read_write create_calendar");
    let org = fake.issue_org_token(&fake.default_org().org_id);
    let secret = fake.app_credentials().client_secret().to_owned();
    let paths = [
        "/oauth/authorize?client_id=%FF&redirect_uri=%00",
        "/oauth/token",
        "/oauth/token/revoke",
        "/v1/account",
        "/v1/userinfo",
        "/v1/profiles",
        "/v1/calendars",
        "/v1/calendars/%2E%2E/events",
        "/v1/calendars/%FF%FE/events",
        "/v1/events?tzid=X&from=2026-02-30&calendar_ids[]=%FF",
        "/v1/events/pages/nope",
        "/v1/free_busy?tzid=X&to=yesterday",
        "/v1/availability",
        "/v1/real_time_scheduling",
        "/v1/real_time_scheduling/sch_nope",
        "/v1/real_time_scheduling/sch_nope/disable",
        "/v1/smart_invites",
        "/v1/element_tokens",
        "/v1/organizational_unit_members",
        "/not/a/path",
    ];
    let bodies = [
        "",
        "{",
        "[]",
        "{\"participants\":[{\"members\":[7],\"required\":-1}],\"required_duration\":\"x\",\"query_periods\":[{}]}",
        "{\"event\":[],\"start\":{\"time\":5},\"end\":true,\"permissions\":{},\"location\":1}",
        "\u{7f}\u{0}",
    ];
    for path in paths {
        for bearer in [
            None,
            Some(user.access_token.as_str()),
            Some(org.access_token.as_str()),
            Some(secret.as_str()),
        ] {
            for method in [
                reqwest::Method::GET,
                reqwest::Method::POST,
                reqwest::Method::DELETE,
            ] {
                for body in bodies {
                    let mut request = http()
                        .request(method.clone(), format!("{}{path}", fake.base_url()))
                        .body(body);
                    if let Some(bearer) = bearer {
                        request = request.header(AUTHORIZATION, format!("Bearer {bearer}"));
                    }
                    let status = request.send().await.unwrap().status();
                    assert!(status.as_u16() < 500, "{method} {path} {body:?}: {status}");
                }
            }
        }
    }
    // Still serving.
    cronofy::calendars::list_calendars(&fake.client(), &user.user_token())
        .await
        .unwrap();
}

// ---- credential kinds ----

#[tokio::test]
async fn app_endpoints_take_only_the_client_secret_and_user_endpoints_only_user_tokens() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let app = fake.app_credentials();
    let secret = app.client_secret().to_owned();
    let alice = fake.default_user();
    let user = fake.issue_user_token(&alice.sub, "read_write");
    let org = fake.issue_org_token(&fake.default_org().org_id);
    let base = fake.base_url();

    // Real-time scheduling: created and read with the secret; a user token is refused.
    let body = json!({
        "oauth": { "redirect_uri": REDIRECT_URI },
        "event": { "event_id": "booking-1", "summary": "Intro call" },
        "availability": {},
    });
    let url = format!("{base}/v1/real_time_scheduling");
    assert_eq!(
        post(&url, Some(&user.access_token), &body).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post(&url, Some(&org.access_token), &body).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(post(&url, None, &body).await.0, StatusCode::UNAUTHORIZED);
    let (status, created) = post(&url, Some(&secret), &body).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let id = str_of(&created["real_time_scheduling"], "real_time_scheduling_id");
    let link = cronofy::scheduling::read_real_time_scheduling(&client, &app, id)
        .await
        .unwrap();
    assert_eq!(
        link.real_time_scheduling
            .status
            .as_ref()
            .map(|s| s.as_str()),
        Some("open")
    );
    let status_url = format!("{base}/v1/real_time_scheduling/{id}");
    assert_eq!(
        get(&status_url, Some(&user.access_token), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        status_of(
            cronofy::scheduling::read_real_time_scheduling(&client, &app, "sch_unknown").await
        ),
        404
    );

    // Smart invites and element tokens.
    let invite = json!({
        "smart_invite_id": "inv-1",
        "callback_url": "https://app.example.test/invites",
        "recipient": { "email": "guest@example.com" },
        "event": { "summary": "Lunch", "start": "2026-11-23T12:00:00Z", "end": "2026-11-23T13:00:00Z" },
    });
    let url = format!("{base}/v1/smart_invites");
    assert_eq!(
        post(&url, Some(&user.access_token), &invite).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, answer) = post(&url, Some(&secret), &invite).await;
    assert_eq!(
        (status, &answer["recipient"]["status"]),
        (StatusCode::OK, &json!("pending"))
    );
    let request = json!({ "version": "1", "permissions": ["agenda"], "subs": [alice.sub], "origin": "https://app.example.test" });
    let url = format!("{base}/v1/element_tokens");
    assert_eq!(
        post(&url, Some(&user.access_token), &request).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, answer) = post(&url, Some(&secret), &request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(str_of(&answer["element_token"], "token").len(), 32);

    // User endpoints refuse the secret and a bare org token.
    let calendars = format!("{base}/v1/calendars");
    assert_eq!(
        get(&calendars, Some(&secret), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(&calendars, Some(&org.access_token), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(&calendars, Some("made-up-token"), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(&calendars, None, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    // A non-internal application cannot impersonate.
    assert_eq!(
        get(&calendars, Some(&secret), Some(&alice.sub)).await.0,
        StatusCode::UNAUTHORIZED
    );
    // The org endpoint refuses user tokens and the secret.
    let members = format!("{base}/v1/organizational_unit_members");
    assert_eq!(
        get(&members, Some(&user.access_token), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(&members, Some(&secret), None).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn availability_takes_the_app_or_a_user_and_subtracts_busy_time() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let users = fake.users();
    let (alice, bob) = (&users[0], &users[1]);
    fake.insert_event(
        &alice.sub,
        alice.primary_calendar_id(),
        &event("a", "2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z"),
    );
    fake.insert_event(
        &bob.sub,
        bob.primary_calendar_id(),
        &event("b", "2026-11-23T13:00:00Z", "2026-11-23T14:00:00Z"),
    );
    let query = QueryAvailability::new(
        vec![Participants::all([alice.sub.as_str(), bob.sub.as_str()])],
        cronofy::time::Minutes::new(60),
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z"),
        )],
    );
    let by_app =
        cronofy::availability::query_availability(&client, &fake.app_credentials(), &query)
            .await
            .unwrap();
    let periods: Vec<(String, String)> = by_app
        .available_periods
        .iter()
        .map(|p| (p.start.to_string(), p.end.to_string()))
        .collect();
    assert_eq!(
        periods,
        [
            ("2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"),
            ("2026-11-23T11:00:00Z", "2026-11-23T13:00:00Z"),
            ("2026-11-23T14:00:00Z", "2026-11-23T17:00:00Z"),
        ]
        .map(|(start, end)| (start.to_owned(), end.to_owned()))
    );
    assert_eq!(by_app.available_periods[0].participants.len(), 2);

    let token = fake
        .issue_user_token(&alice.sub, "read_free_busy")
        .user_token();
    let one_of = QueryAvailability::new(
        vec![Participants::at_least(
            1,
            [alice.sub.as_str(), bob.sub.as_str()],
        )],
        cronofy::time::Minutes::new(30),
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z"),
        )],
    );
    let by_user = cronofy::availability::query_availability(&client, &token, &one_of)
        .await
        .unwrap();
    assert_eq!(
        by_user.available_periods[0].start,
        utc("2026-11-23T09:00:00Z")
    );
    assert_eq!(
        by_user.available_periods.last().unwrap().end,
        utc("2026-11-23T17:00:00Z")
    );

    let org = fake.issue_org_token(&fake.default_org().org_id);
    let url = format!("{}/v1/availability", fake.base_url());
    assert_eq!(
        post(&url, Some(&org.access_token), &json!({})).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_org_token_lists_members_and_impersonates_one_of_them() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let org = fake.default_org();
    let org_token = fake.issue_org_token(&org.org_id).org_token();

    let members = cronofy::organizations::list_organizational_unit_members(&client, &org_token)
        .await
        .unwrap();
    let subs: Vec<&str> = members.items.iter().map(|m| m.sub.as_str()).collect();
    assert_eq!(
        subs,
        org.member_subs
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    assert_eq!(members.items[0].roles, ["admin"]);

    let bob = fake.user(&org.member_subs[1]).unwrap();
    let as_bob = org_token.impersonate(&bob.sub);
    let calendars = cronofy::calendars::list_calendars(&client, &as_bob)
        .await
        .unwrap();
    assert_eq!(
        calendars.calendars[0].calendar_id,
        bob.primary_calendar_id()
    );
    let booked = event("org-1", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z");
    cronofy::events::upsert_event(&client, &as_bob, bob.primary_calendar_id(), &booked)
        .await
        .unwrap();
    assert_eq!(fake.events(&bob.sub)[0].event_id.as_deref(), Some("org-1"));

    let outsider = fake.add_user("carol@example.com", "Carol");
    let as_outsider = org_token.impersonate(&outsider.sub);
    assert_eq!(
        status_of(cronofy::calendars::list_calendars(&client, &as_outsider).await),
        403
    );
    fake.add_org_member(&org.org_id, &outsider.sub);
    cronofy::calendars::list_calendars(&client, &as_outsider)
        .await
        .unwrap();

    // A user's token cannot impersonate; an org token acting as a member is not the org.
    let alice = fake.issue_user_token(&org.member_subs[0], "read_write");
    let calendars_url = format!("{}/v1/calendars", fake.base_url());
    assert_eq!(
        get(&calendars_url, Some(&alice.access_token), Some(&bob.sub))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    let members_url = format!("{}/v1/organizational_unit_members", fake.base_url());
    assert_eq!(
        get(&members_url, Some(org_token.secret()), Some(&bob.sub))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn organization_connect_and_internal_applications() {
    let fake = FakeCronofy::builder()
        .internal_application(true)
        .start()
        .await
        .unwrap();
    let org = fake.default_org();
    let code = code_for(&fake, "organizational_unit_scheduler").await;
    let (status, tokens) = token_request(&fake, code_grant(&fake, &code, REDIRECT_URI)).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["sub"], org.org_id.as_str());
    assert_eq!(tokens["account_id"], Value::Null);
    let org_token = cronofy::OrgToken::new(str_of(&tokens, "access_token"));
    cronofy::organizations::list_organizational_unit_members(&fake.client(), &org_token)
        .await
        .unwrap();

    // Only an admin can connect the organization.
    fake.authorize_as(&org.member_subs[1]);
    let refused = authorize(&fake, REDIRECT_URI, "organizational_unit_scheduler", "s").await;
    assert_eq!(
        query_param(&refused, "error").as_deref(),
        Some("access_denied")
    );

    // An internal application acts as a member with its secret.
    let app = fake.app_credentials();
    let as_member = app.impersonate(&org.member_subs[1]);
    let calendars = cronofy::calendars::list_calendars(&fake.client(), &as_member)
        .await
        .unwrap();
    assert_eq!(calendars.calendars.len(), 1);
}

// ---- faults ----

async fn user_setup(fake: &FakeCronofy) -> (cronofy::Client, IssuedTokens) {
    let tokens = fake.issue_user_token(&fake.default_user().sub, "read_write");
    (fake.client(), tokens)
}

// Status faults are checked with plain requests: the client may retry 429 and 5xx answers,
// which would hide what the fake sent.

/// Status and `Retry-After` of a plain `GET` with a bearer.
async fn status_and_retry_after(url: &str, bearer: &str) -> (u16, Option<String>) {
    let response = http()
        .get(url)
        .header(AUTHORIZATION, format!("Bearer {bearer}"))
        .send()
        .await
        .unwrap();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().to_owned());
    (response.status().as_u16(), retry_after)
}

#[tokio::test]
async fn fault_rate_limited_with_retry_after_on_one_path() {
    let fake = FakeCronofy::start().await;
    let (_, tokens) = user_setup(&fake).await;
    let calendars = format!("{}/v1/calendars", fake.base_url());
    let account = format!("{}/v1/account", fake.base_url());
    fake.inject(Fault::rate_limited(Some(Duration::from_secs(7))).on_path("/v1/calendars"));

    let token = tokens.access_token.as_str();
    assert_eq!(status_and_retry_after(&account, token).await, (200, None));
    assert_eq!(
        status_and_retry_after(&calendars, token).await,
        (429, Some("7".to_owned()))
    );
    assert_eq!(status_and_retry_after(&calendars, token).await, (200, None));

    fake.inject(Fault::rate_limited(None));
    assert_eq!(status_and_retry_after(&account, token).await, (429, None));
    let log = fake.requests();
    assert_eq!(
        log[1].fault,
        Some(FaultKind::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        })
    );
}

#[tokio::test]
async fn fault_server_errors_for_the_next_n_requests() {
    let fake = FakeCronofy::start().await;
    let (client, tokens) = user_setup(&fake).await;
    let token = tokens.access_token.as_str();
    let calendars = format!("{}/v1/calendars", fake.base_url());
    fake.inject(Fault::unavailable().times(2));
    fake.inject(Fault::server_error());
    assert_eq!(status_and_retry_after(&calendars, token).await.0, 503);
    assert_eq!(status_and_retry_after(&calendars, token).await.0, 503);
    // 500 is not one a client retries: the generated function reports it.
    let err = cronofy::calendars::list_calendars(&client, &tokens.user_token())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Server { .. })
            && err.status() == Some(StatusCode::INTERNAL_SERVER_ERROR),
        "{err}"
    );
    assert_eq!(status_and_retry_after(&calendars, token).await.0, 200);

    // Faults on the token endpoint too, and they can be cleared.
    fake.inject(Fault::status(502).on_path("/oauth/token"));
    let (status, _) = token_request(&fake, refresh_grant(&fake, &tokens.refresh_token)).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    fake.inject(Fault::server_error().times(5));
    fake.clear_faults();
    assert_eq!(status_and_retry_after(&calendars, token).await.0, 200);
}

#[tokio::test]
async fn fault_delay_slows_the_real_answer() {
    let fake = FakeCronofy::start().await;
    let (client, tokens) = user_setup(&fake).await;
    let user = tokens.user_token();
    fake.inject(Fault::delay(Duration::from_millis(300)));
    let started = Instant::now();
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));

    let impatient = cronofy::Client::builder()
        .base_url(fake.base_url())
        .timeout(Duration::from_millis(100))
        .retry_policy(cronofy::RetryPolicy::none())
        .build()
        .unwrap();
    fake.inject(Fault::delay(Duration::from_secs(2)));
    let err = cronofy::calendars::list_calendars(&impatient, &user)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err}");
}

#[tokio::test]
async fn fault_dropped_connection_answers_nothing() {
    let fake = FakeCronofy::start().await;
    let (client, tokens) = user_setup(&fake).await;
    let user = tokens.user_token();
    fake.inject(Fault::drop_connection());
    let without_retries = cronofy::Client::builder()
        .base_url(fake.base_url())
        .retry_policy(cronofy::RetryPolicy::none())
        .build()
        .unwrap();
    let err = cronofy::calendars::list_calendars(&without_retries, &user)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err}");
    let log = fake.requests();
    let dropped: Vec<_> = log
        .iter()
        .filter(|r| r.fault == Some(FaultKind::DropConnection))
        .collect();
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].status, None);

    // With the default policy, a GET whose connection was dropped is sent again.
    fake.clear_requests();
    fake.inject(Fault::drop_connection());
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .expect("retried after the dropped connection");
    let statuses: Vec<_> = fake.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [None, Some(200)]);
}

#[tokio::test]
async fn fault_malformed_body_is_truncated_json() {
    let fake = FakeCronofy::start().await;
    let (client, tokens) = user_setup(&fake).await;
    let user = tokens.user_token();
    fake.inject(Fault::malformed_body().on_path("/v1/calendars"));
    let err = cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Decode { status, .. } if status == StatusCode::OK),
        "{err}"
    );
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
}

// ---- the request log ----

#[tokio::test]
async fn the_request_log_names_credential_kinds_and_never_holds_a_secret() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let app = fake.app_credentials();
    let alice = fake.default_user();
    let org = fake.default_org();

    let code = code_for(&fake, "read_write").await;
    let (_, tokens) = token_request(&fake, code_grant(&fake, &code, REDIRECT_URI)).await;
    let (_, refreshed) = token_request(
        &fake,
        refresh_grant(&fake, str_of(&tokens, "refresh_token")),
    )
    .await;
    let user = UserToken::new(str_of(&refreshed, "access_token"));
    cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap();
    let query = QueryAvailability::new(
        vec![Participants::all([alice.sub.as_str()])],
        cronofy::time::Minutes::new(30),
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z"),
        )],
    );
    cronofy::availability::query_availability(&client, &app, &query)
        .await
        .unwrap();
    let org_tokens = fake.issue_org_token(&org.org_id);
    let org_token = org_tokens.org_token();
    cronofy::organizations::list_organizational_unit_members(&client, &org_token)
        .await
        .unwrap();
    cronofy::identity::read_account(&client, &org_token.impersonate(&org.member_subs[1]))
        .await
        .unwrap();
    let _ = cronofy::identity::read_account(&client, &UserToken::new("made-up")).await;
    get(&format!("{}/v1/account", fake.base_url()), None, None).await;

    let log = fake.requests();
    let summary: Vec<(&str, &str, CredentialKind, Option<u16>)> = log
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str(), r.credential, r.status))
        .collect();
    assert_eq!(
        summary,
        [
            ("GET", "/oauth/authorize", CredentialKind::None, Some(302)),
            ("POST", "/oauth/token", CredentialKind::None, Some(200)),
            ("POST", "/oauth/token", CredentialKind::None, Some(200)),
            ("GET", "/v1/calendars", CredentialKind::User, Some(200)),
            ("POST", "/v1/availability", CredentialKind::App, Some(200)),
            (
                "GET",
                "/v1/organizational_unit_members",
                CredentialKind::Org,
                Some(200)
            ),
            (
                "GET",
                "/v1/account",
                CredentialKind::Impersonating,
                Some(200)
            ),
            ("GET", "/v1/account", CredentialKind::Unknown, Some(401)),
            ("GET", "/v1/account", CredentialKind::None, Some(401)),
        ]
    );
    assert_eq!(log[3].acting_for.as_deref(), Some(alice.sub.as_str()));
    assert_eq!(log[4].acting_for, None);
    assert_eq!(
        log[6].acting_for.as_deref(),
        Some(org.member_subs[1].as_str())
    );

    let everything = format!("{log:?}");
    for secret in [
        app.client_secret(),
        &code,
        str_of(&tokens, "access_token"),
        str_of(&tokens, "refresh_token"),
        str_of(&refreshed, "access_token"),
        str_of(&refreshed, "refresh_token"),
        &org_tokens.access_token,
        "made-up",
    ] {
        assert!(!everything.contains(secret), "the log holds a secret");
    }
    assert!(!format!("{org_tokens:?}").contains(&org_tokens.access_token));
    assert!(!format!("{fake:?}").contains(app.client_secret()));

    fake.clear_requests();
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let fake = FakeCronofy::start().await;
    let url = format!("{}/v1/account", fake.base_url());
    assert_eq!(get(&url, None, None).await.0, StatusCode::UNAUTHORIZED);
    fake.shutdown().await;
    assert!(http().get(&url).send().await.is_err());
}

/// A time written the way Cronofy writes it.
fn utc(text: &str) -> cronofy::time::UtcTime {
    text.parse().unwrap()
}

/// A day, `YYYY-MM-DD`.
fn day(text: &str) -> cronofy::time::Date {
    text.parse().unwrap()
}

/// An event's start or end: a day, a time, as Cronofy writes them.
fn at(text: &str) -> cronofy::time::EventTime {
    serde_json::from_value(serde_json::Value::from(text)).unwrap()
}
