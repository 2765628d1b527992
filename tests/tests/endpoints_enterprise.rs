//! Enterprise Connect endpoints (service account credential) and application calendars
//! (client credentials in the body), against mockito on loopback.

use cronofy::oauth::Scope;
use cronofy::organizations::AuthorizeViaServiceAccount;
use cronofy::{AppCredentials, Client, ServiceAccountToken};
use mockito::{Matcher, Server, ServerGuard};
use serde_json::json;

const SERVICE_TOKEN: &str = "service-account-token-Q2w3E4r5T6y7";
const CLIENT_SECRET: &str = "client-secret-Z9x8C7v6B5n4";

fn client(server: &ServerGuard) -> Client {
    Client::builder().base_url(server.url()).build().unwrap()
}

#[tokio::test]
async fn authorizing_a_user_through_the_service_account_posts_the_request() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/service_account_authorizations")
        .match_header("authorization", format!("Bearer {SERVICE_TOKEN}").as_str())
        .match_header("content-type", "application/json")
        .match_header("cronofy-impersonate", Matcher::Missing)
        .match_body(Matcher::Json(json!({
            "email": "grace@example.com",
            "callback_url": "https://example.com/cb",
            "scope": "read_write create_calendar",
            "state": "user-42"
        })))
        .with_status(202)
        .expect(1)
        .create_async()
        .await;
    let request = AuthorizeViaServiceAccount::new(
        "grace@example.com",
        "https://example.com/cb",
        [Scope::ReadWrite, Scope::CreateCalendar],
    )
    .state("user-42");
    cronofy::organizations::authorize_via_service_account(
        &client(&server),
        &ServiceAccountToken::new(SERVICE_TOKEN),
        &request,
    )
    .await
    .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn listing_resources_decodes_rooms_tolerating_nulls_and_new_fields() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("GET", "/v1/resources")
        .match_header("authorization", format!("Bearer {SERVICE_TOKEN}").as_str())
        .with_body(
            json!({"resources": [
                {"email": "board-room@example.com", "name": "Board room", "capacity": 12},
                {"email": "projector@example.com", "name": null}
            ], "pages": {"current": 1}})
            .to_string(),
        )
        .expect(1)
        .create_async()
        .await;
    let resources = cronofy::organizations::list_resources(
        &client(&server),
        &ServiceAccountToken::new(SERVICE_TOKEN),
    )
    .await
    .unwrap()
    .resources;
    assert_eq!(resources.len(), 2);
    assert_eq!(resources[0].email, "board-room@example.com");
    assert_eq!(resources[0].name.as_deref(), Some("Board room"));
    assert_eq!(resources[1].name, None);
    mock.assert_async().await;

    server
        .mock("GET", "/v1/resources")
        .with_body(r#"{"resources": null}"#)
        .create_async()
        .await;
    let none = cronofy::organizations::list_resources(
        &client(&server),
        &ServiceAccountToken::new(SERVICE_TOKEN),
    )
    .await
    .unwrap();
    assert!(none.resources.is_empty());
}

#[tokio::test]
async fn application_calendars_send_client_credentials_in_the_body_and_no_bearer() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/application_calendars")
        .match_header("authorization", Matcher::Missing)
        .match_body(Matcher::Json(json!({
            "client_id": "app-id",
            "client_secret": CLIENT_SECRET,
            "application_calendar_id": "bookings-room-1"
        })))
        .with_body(
            json!({
                "token_type": "bearer", "access_token": "app-cal-access", "expires_in": 3600,
                "refresh_token": "app-cal-refresh", "scope": "read_write",
                "sub": "apc_64b17d8680", "application_calendar_id": "bookings-room-1",
                "linking_profile": {"provider_name": "cronofy", "profile_id": "pro_1", "profile_name": "bookings-room-1"}
            })
            .to_string(),
        )
        .expect(1)
        .create_async()
        .await;
    let app = AppCredentials::new("app-id", CLIENT_SECRET);
    let calendar = cronofy::calendars::create_application_calendar(
        &client(&server),
        &app,
        &cronofy::calendars::CreateApplicationCalendar::new("bookings-room-1"),
    )
    .await
    .unwrap();
    assert_eq!(calendar.application_calendar_id, "bookings-room-1");
    assert_eq!(calendar.tokens.access_token(), "app-cal-access");
    assert_eq!(calendar.tokens.refresh_token(), Some("app-cal-refresh"));
    assert_eq!(calendar.tokens.sub(), Some("apc_64b17d8680"));
    assert!(!format!("{calendar:?}").contains("app-cal-access"));
    mock.assert_async().await;

    // Wrong client credentials are the typed error, with no secret in it.
    server
        .mock("POST", "/v1/application_calendars")
        .with_status(401)
        .with_body(r#"{"error":"invalid_client"}"#)
        .create_async()
        .await;
    let error = cronofy::calendars::create_application_calendar(
        &client(&server),
        &app,
        &cronofy::calendars::CreateApplicationCalendar::new("bookings-room-1"),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, cronofy::Error::InvalidClient), "{error:?}");
}
