//! Calendars: listing and creating them, and application calendars (client credentials in the body).

use cronofy::UserToken;
use cronofy::calendars::CreateCalendar;
use cronofy::oauth::Provider;
use mockito::{Matcher, Server};
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn list_calendars_sends_the_user_credential_and_decodes_every_calendar() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/calendars",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "calendars": [
                    {
                        "provider_name": "google",
                        "profile_id": "pro_n23kjnwrw2",
                        "profile_name": "example@cronofy.com",
                        "calendar_id": "cal_n23kjnwrw2_jsdfjksn234",
                        "calendar_name": "Home",
                        "calendar_readonly": false,
                        "calendar_deleted": false,
                        "calendar_primary": true,
                        "calendar_integrated_conferencing_available": true,
                        "calendar_attachments_available": false,
                        "calendar_attendee_type": "person",
                        "calendar_color": "#49BED8",
                        "permission_level": "unrestricted"
                    },
                    {
                        "provider_name": "google",
                        "profile_id": "pro_n23kjnwrw2",
                        "profile_name": "example@cronofy.com",
                        "calendar_id": "cal_n23kjnwrw2_n1k323nkj23",
                        "calendar_name": "Holidays",
                        "calendar_readonly": true,
                        "calendar_deleted": true,
                        "calendar_primary": null,
                        "permission_level": "free_busy"
                    },
                    {
                        "provider_name": "apple",
                        "profile_id": "pro_ak3b9dkw0d",
                        "profile_name": "example@icloud.com",
                        "calendar_id": "cal_ak3b9dkw0d_8dk3nd9dkw",
                        "calendar_name": "Family",
                        "calendar_readonly": false,
                        "calendar_deleted": false
                    }
                ],
                "sub": "acc_5700a00eb0ccd07000000000"
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::calendars::list_calendars(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let list = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        assert_eq!(list.sub.as_deref(), Some("acc_5700a00eb0ccd07000000000"));
        let calendars = list.calendars;
        assert_eq!(calendars.len(), 3);

        let home = &calendars[0];
        assert_eq!(home.provider_name, "google");
        assert_eq!(home.profile_id, "pro_n23kjnwrw2");
        assert_eq!(home.profile_name, "example@cronofy.com");
        assert_eq!(home.calendar_id, "cal_n23kjnwrw2_jsdfjksn234");
        assert_eq!(home.calendar_name, "Home");
        assert!(!home.calendar_readonly);
        assert!(!home.calendar_deleted);
        assert_eq!(home.calendar_primary, Some(true));
        assert_eq!(
            home.permission_level,
            Some(cronofy::oauth::PermissionLevel::Unrestricted)
        );
        assert_eq!(home.calendar_integrated_conferencing_available, Some(true));
        assert_eq!(home.calendar_attachments_available, Some(false));
        // Fields this crate does not model are kept.
        assert_eq!(home.extra["calendar_attendee_type"], "person");
        assert_eq!(home.extra["calendar_color"], "#49BED8");

        let holidays = &calendars[1];
        assert!(holidays.calendar_readonly);
        assert!(holidays.calendar_deleted);
        assert_eq!(holidays.calendar_primary, None);
        assert_eq!(
            holidays.permission_level.as_ref().map(|v| v.as_str()),
            Some("free_busy")
        );

        let family = &calendars[2];
        assert_eq!(family.permission_level, None);
        assert_eq!(family.calendar_integrated_conferencing_available, None);
        assert_eq!(family.calendar_attachments_available, None);
        assert!(family.extra.is_empty());
        assert_eq!(family.provider_name, "apple");
        assert_eq!(family.calendar_primary, None);
        assert_eq!(family.permission_level, None);
    }
}

/// Cronofy may send `null` where a field is usually absent; defaulted fields read it as their
/// default instead of failing the whole response.
#[tokio::test]
async fn list_calendars_reads_null_in_defaulted_fields_as_the_default() {
    let mut server = Server::new_async().await;
    let client = client(&server);
    let user = UserToken::new("null-tolerance-token");
    let calendars = server
        .mock("GET", "/v1/calendars")
        .with_body(
            json!({"calendars": [{
                "provider_name": "apple", "profile_id": "pro_1", "profile_name": "a@b.c",
                "calendar_id": "cal_1", "calendar_name": "Home",
                "calendar_readonly": null, "calendar_deleted": null,
                "calendar_primary": null, "permission_level": null
            }]})
            .to_string(),
        )
        .create_async()
        .await;

    let calendar = &cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap()
        .calendars[0];
    assert!(!calendar.calendar_readonly && !calendar.calendar_deleted);
    assert_eq!(calendar.calendar_primary, None);
    calendars.assert_async().await;
}

// ---------------------------------------------------------------------------------------------
// calendars

#[tokio::test]
async fn create_calendar_posts_profile_name_and_color_and_decodes_the_calendar() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/calendars",
            caller.bearer(),
            caller.impersonated(),
            json!({"profile_id": "pro_n23kjnwrw2", "name": "Bookings", "color": "#49BED8"}),
        );
        let mock = respond_json(
            mock,
            json!({
                "calendar": {
                    "provider_name": "google",
                    "profile_id": "pro_n23kjnwrw2",
                    "profile_name": "example@cronofy.com",
                    "calendar_id": "cal_n23kjnwrw2_sakdnawerd3",
                    "calendar_name": "Bookings",
                    "calendar_readonly": false,
                    "calendar_deleted": false,
                    "calendar_primary": false,
                    "calendar_integrated_conferencing_available": true,
                    "calendar_color": "#49BED8"
                }
            }),
        )
        .await;
        let client = client(&server);
        let request = CreateCalendar::new("pro_n23kjnwrw2", "Bookings").color("#49BED8");

        let result = as_caller!(caller, |credential| cronofy::calendars::create_calendar(
            &client, credential, &request
        )
        .await);

        mock.assert_async().await;
        let calendar = result
            .unwrap_or_else(|e| panic!("{caller:?}: {e}"))
            .calendar;
        assert_eq!(calendar.provider_name, Provider::Google);
        assert_eq!(calendar.calendar_id, "cal_n23kjnwrw2_sakdnawerd3");
        assert_eq!(calendar.calendar_name, "Bookings");
        assert!(!calendar.calendar_readonly && !calendar.calendar_deleted);
        assert_eq!(calendar.calendar_primary, Some(false));
        assert_eq!(calendar.permission_level, None);
    }
}

#[tokio::test]
async fn create_calendar_without_color_leaves_it_out_and_reads_a_duplicate_name_as_validation() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/calendars",
        USER_TOKEN,
        None,
        json!({"profile_id": "pro_n23kjnwrw2", "name": "Home"}),
    )
    .with_status(422)
    .with_header("content-type", "application/json; charset=utf-8")
    .with_body(
        json!({"errors": {"name": [{
            "key": "errors.duplicate_calendar_name",
            "description": "A calendar with this name already exists"
        }]}})
        .to_string(),
    )
    .create_async()
    .await;

    let result = cronofy::calendars::create_calendar(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &CreateCalendar::new("pro_n23kjnwrw2", "Home"),
    )
    .await;

    mock.assert_async().await;
    match result {
        Err(cronofy::Error::Validation { errors }) => {
            assert_eq!(
                errors.field("name")[0].key,
                "errors.duplicate_calendar_name"
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn create_application_calendar_sends_client_credentials_in_the_body_and_decodes_the_token_set()
 {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/application_calendars")
        .match_header("authorization", Matcher::Missing)
        .match_header("content-type", "application/json")
        .match_body(Matcher::Json(json!({
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "application_calendar_id": "my-unique-string"
        })))
        .with_body(
            json!({
                "token_type": "bearer",
                "access_token": "apc-access-token-P531x88i05Ld2yXHIQ7W",
                "expires_in": 3600,
                "refresh_token": "apc-refresh-token-3gBYG1XamYDUEXUyybbummQWEe5YqPmf",
                "scope": "read_write",
                "application_calendar_id": "my-unique-string",
                "sub": "apc_64b17fbb8090ea21640c9152",
                "linking_profile": {
                    "provider_name": "cronofy",
                    "profile_id": "pro_n23kjnwrw2",
                    "profile_name": "n23kjnwrw2"
                },
                "new_field": true
            })
            .to_string(),
        )
        .expect(1)
        .create_async()
        .await;
    let app = app();
    let calendar = cronofy::calendars::create_application_calendar(
        &client(&server),
        &app,
        &cronofy::calendars::CreateApplicationCalendar::new("my-unique-string"),
    )
    .await
    .unwrap();

    assert_eq!(calendar.application_calendar_id, "my-unique-string");
    let tokens = &calendar.tokens;
    assert_eq!(tokens.sub(), Some("apc_64b17fbb8090ea21640c9152"));
    assert_eq!(
        tokens
            .linking_profile()
            .and_then(|p| p.provider_name.as_deref()),
        Some("cronofy")
    );
    assert_eq!(
        tokens.access_token(),
        "apc-access-token-P531x88i05Ld2yXHIQ7W"
    );
    assert_eq!(
        tokens.refresh_token(),
        Some("apc-refresh-token-3gBYG1XamYDUEXUyybbummQWEe5YqPmf")
    );
    assert_eq!(tokens.scope(), [cronofy::oauth::Scope::ReadWrite]);
    assert!(tokens.expires_at().is_some());
    let printed = format!("{calendar:?}");
    assert!(!printed.contains("apc-access-token"), "{printed}");
    assert!(!printed.contains("apc-refresh-token"), "{printed}");
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
        &cronofy::calendars::CreateApplicationCalendar::new("my-unique-string"),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, cronofy::Error::InvalidClient), "{error:?}");
}
