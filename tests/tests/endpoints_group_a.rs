//! The identity, calendar, event, channel, permission, link-token and conferencing endpoints
//! added for full coverage, called through their generated functions against mockito.
//!
//! As in `endpoints.rs`, each mock answers only the exact request: method, raw path (with
//! encoded parameters), `Authorization: Bearer` with the credential's secret, a
//! `Cronofy-Impersonate` exactly when impersonating, our `User-Agent`, and for body endpoints
//! `Content-Type: application/json` with the exact JSON body (`Matcher::Json` is an exact
//! comparison, so an unset optional field sent as `null` fails too). Responses are realistic
//! Cronofy bodies that also carry fields the models do not know, leave optional fields out, and
//! send `null` where Cronofy may. The batch endpoint has its own file, `batch.rs`.

use cronofy::UserToken;
use cronofy::calendars::CreateCalendar;
use cronofy::events::{BulkDeleteEvents, DeleteEvent, ParticipationStatus, UpsertEvent};
use cronofy::notifications::CreateChannel;
use cronofy::oauth::{
    AuthorizeConferencingService, CalendarPermission, ConferencingProvider, PermissionLevel,
    Provider, RequestPermissions,
};
use mockito::Server;
use serde_json::json;

#[macro_use]
mod support;
use support::*;

// ---------------------------------------------------------------------------------------------
// identity

#[tokio::test]
async fn list_profiles_sends_the_user_credential_and_decodes_every_profile() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/profiles",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "profiles": [
                    {
                        "provider_name": "google",
                        "provider_service": "gsuite",
                        "profile_id": "pro_n23kjnwrw2",
                        "profile_name": "example@cronofy.com",
                        "profile_connected": true,
                        "profile_initial_sync_required": false
                    },
                    {
                        "provider_name": "office365",
                        "profile_id": "pro_4j3kdkw0d3",
                        "profile_name": "example@company.com",
                        "profile_connected": false,
                        "profile_relink_url": "https://app.cronofy.com/relink/apple?email=example%40company.com"
                    },
                    {
                        "provider_name": "zimbra",
                        "provider_service": null,
                        "profile_id": "pro_zk3kdk3k3k",
                        "profile_name": "example@zimbra.test",
                        "profile_connected": null,
                        "profile_relink_url": null
                    }
                ],
                "unknown_top_level": {"kept": false}
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::identity::list_profiles(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let profiles = result
            .unwrap_or_else(|e| panic!("{caller:?}: {e}"))
            .profiles;
        assert_eq!(profiles.len(), 3);
        assert_eq!(profiles[0].provider_name, Provider::Google);
        assert_eq!(profiles[0].provider_service.as_deref(), Some("gsuite"));
        assert_eq!(profiles[0].profile_id, "pro_n23kjnwrw2");
        assert_eq!(profiles[0].profile_name, "example@cronofy.com");
        assert!(profiles[0].profile_connected);
        assert_eq!(profiles[0].profile_relink_url, None);

        assert_eq!(profiles[1].provider_name, Provider::Office365);
        assert!(!profiles[1].profile_connected);
        assert_eq!(
            profiles[1].profile_relink_url.as_deref(),
            Some("https://app.cronofy.com/relink/apple?email=example%40company.com")
        );

        // An unknown provider keeps its name; `null` reads as absent / false.
        assert_eq!(
            profiles[2].provider_name,
            Provider::Unknown("zimbra".to_owned())
        );
        assert_eq!(profiles[2].provider_name.to_string(), "zimbra");
        assert_eq!(profiles[2].provider_service, None);
        assert!(!profiles[2].profile_connected);
        assert_eq!(profiles[2].profile_relink_url, None);
    }
}

#[tokio::test]
async fn list_profiles_reads_a_null_list_as_empty() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(&mut server, "GET", "/v1/profiles", USER_TOKEN, None);
    let mock = respond_json(mock, json!({"profiles": null})).await;

    let result =
        cronofy::identity::list_profiles(&client(&server), &UserToken::new(USER_TOKEN)).await;

    mock.assert_async().await;
    assert!(result.unwrap().profiles.is_empty());
}

#[tokio::test]
async fn revoke_profile_posts_nothing_to_the_encoded_profile_path() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "POST",
            "/v1/profiles/pro_n23k%2Fjnw%3Frw2/revoke",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::identity::revoke_profile(
            &client,
            credential,
            "pro_n23k/jnw?rw2"
        )
        .await);

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
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

// ---------------------------------------------------------------------------------------------
// events

#[tokio::test]
async fn bulk_delete_events_sends_delete_all_or_the_calendar_ids() {
    let cases = [
        (BulkDeleteEvents::all(), json!({"delete_all": true})),
        (
            BulkDeleteEvents::in_calendars([CALENDAR_ID, "cal_n23kjnwrw2_sakdnawerd3"]),
            json!({"calendar_ids": [CALENDAR_ID, "cal_n23kjnwrw2_sakdnawerd3"]}),
        ),
    ];
    for (scope, body) in cases {
        for caller in Caller::ALL {
            let mut server = Server::new_async().await;
            let mock = expect_json(
                &mut server,
                "DELETE",
                "/v1/events",
                caller.bearer(),
                caller.impersonated(),
                body.clone(),
            );
            let mock = respond_accepted(mock).await;
            let client = client(&server);

            let result = as_caller!(caller, |credential| cronofy::events::bulk_delete_events(
                &client, credential, &scope
            )
            .await);

            mock.assert_async().await;
            result.unwrap_or_else(|e| panic!("{caller:?} {body}: {e}"));
        }
    }
}

#[tokio::test]
async fn change_participation_status_posts_each_status_to_the_encoded_event_path() {
    // External event uids can hold `@` and `/` (iCalendar UIDs): each stays in its segment.
    const EVENT_UID: &str = "evt_external_54008b1a4a41730f8d5c6037@google.com/1";
    const PATH: &str = "/v1/calendars/cal_n23kjnwrw2_jsdfjksn234/events/\
        evt_external_54008b1a4a41730f8d5c6037%40google.com%2F1/participation_status";
    let statuses = [
        (ParticipationStatus::Accepted, "accepted"),
        (ParticipationStatus::Tentative, "tentative"),
        (ParticipationStatus::Declined, "declined"),
    ];
    for (status, wire) in statuses {
        assert_eq!(status.as_str(), wire);
        for caller in Caller::ALL {
            let mut server = Server::new_async().await;
            let mock = expect_json(
                &mut server,
                "POST",
                PATH,
                caller.bearer(),
                caller.impersonated(),
                json!({"status": wire}),
            );
            let mock = respond_accepted(mock).await;
            let client = client(&server);

            let result = as_caller!(caller, |credential| {
                cronofy::events::change_participation_status(
                    &client,
                    credential,
                    CALENDAR_ID,
                    EVENT_UID,
                    &status.clone().into(),
                )
                .await
            });

            mock.assert_async().await;
            result.unwrap_or_else(|e| panic!("{caller:?} {wire}: {e}"));
        }
    }
}

#[tokio::test]
async fn delete_event_external_sends_only_the_event_uid() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "DELETE",
            "/v1/calendars/cal_n23kjnwrw2_jsdfjksn234/events",
            caller.bearer(),
            caller.impersonated(),
            json!({"event_uid": "evt_external_54008b1a4a41730f8d5c6037"}),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);
        let delete = DeleteEvent::external("evt_external_54008b1a4a41730f8d5c6037");
        assert_eq!(delete.event_id(), None);

        let result = as_caller!(caller, |credential| cronofy::events::delete_event(
            &client,
            credential,
            CALENDAR_ID,
            &delete
        )
        .await);

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

#[tokio::test]
async fn upsert_event_external_sends_the_event_uid_and_no_event_id() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/calendars/cal_n23kjnwrw2_jsdfjksn234/events",
            caller.bearer(),
            caller.impersonated(),
            json!({
                "event_uid": "evt_external_54008b1a4a41730f8d5c6037",
                "summary": "Board meeting",
                "description": "Discuss plans for the next quarter.",
                "start": "2026-11-23T15:30:00Z",
                "end": "2026-11-23T17:00:00Z",
                "location": {"description": "Board room"}
            }),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);
        let edit = UpsertEvent::external(
            "evt_external_54008b1a4a41730f8d5c6037",
            "Board meeting",
            utc("2026-11-23T15:30:00Z"),
            utc("2026-11-23T17:00:00Z"),
        )
        .description("Discuss plans for the next quarter.")
        .location("Board room");

        let result = as_caller!(caller, |credential| cronofy::events::upsert_event(
            &client,
            credential,
            CALENDAR_ID,
            &edit
        )
        .await);

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

#[test]
fn the_existing_event_constructors_still_send_the_event_id() {
    let upsert = UpsertEvent::new(
        "booking-42",
        "Intro call",
        utc("2026-11-23T09:00:00Z"),
        utc("2026-11-23T09:30:00Z"),
    );
    assert_eq!(upsert.event_id(), Some("booking-42"));
    assert_eq!(upsert.event_uid(), None);
    assert_eq!(
        serde_json::to_value(&upsert).unwrap(),
        json!({
            "event_id": "booking-42",
            "summary": "Intro call",
            "start": "2026-11-23T09:00:00Z",
            "end": "2026-11-23T09:30:00Z"
        })
    );
    let delete = DeleteEvent::new("booking-42");
    assert_eq!(delete.event_id(), Some("booking-42"));
    assert_eq!(delete.event_uid(), None);
    assert_eq!(
        serde_json::to_value(&delete).unwrap(),
        json!({"event_id": "booking-42"})
    );
}

// ---------------------------------------------------------------------------------------------
// channels

#[tokio::test]
async fn create_channel_posts_the_url_and_filters_and_decodes_the_channel() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/channels",
            caller.bearer(),
            caller.impersonated(),
            json!({
                "callback_url": "https://example.com/cronofy/notifications",
                "filters": {"calendar_ids": [CALENDAR_ID], "only_managed": true}
            }),
        );
        let mock = respond_json(
            mock,
            json!({
                "channel": {
                    "channel_id": "chn_54cf7c7cb4ad4c1027000001",
                    "callback_url": "https://example.com/cronofy/notifications",
                    "filters": {
                        "calendar_ids": [CALENDAR_ID],
                        "only_managed": true,
                        "include_declined": false
                    },
                    "created": "2026-11-23T09:24:16Z"
                }
            }),
        )
        .await;
        let client = client(&server);
        let request = CreateChannel::new("https://example.com/cronofy/notifications")
            .calendar_ids([CALENDAR_ID])
            .only_managed(true);

        let result = as_caller!(caller, |credential| cronofy::notifications::create_channel(
            &client, credential, &request
        )
        .await);

        mock.assert_async().await;
        let channel = result.unwrap_or_else(|e| panic!("{caller:?}: {e}")).channel;
        assert_eq!(channel.channel_id, "chn_54cf7c7cb4ad4c1027000001");
        assert_eq!(
            channel.callback_url,
            "https://example.com/cronofy/notifications"
        );
        assert_eq!(channel.filters.calendar_ids, [CALENDAR_ID]);
        assert_eq!(channel.filters.only_managed, Some(true));
    }
}

#[tokio::test]
async fn create_channel_without_filters_sends_only_the_url() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/channels",
        USER_TOKEN,
        None,
        json!({"callback_url": "https://example.com/cronofy/notifications"}),
    );
    let mock = respond_json(
        mock,
        json!({"channel": {
            "channel_id": "chn_54cf7c7cb4ad4c1027000001",
            "callback_url": "https://example.com/cronofy/notifications",
            "filters": {}
        }}),
    )
    .await;

    let result = cronofy::notifications::create_channel(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &CreateChannel::new("https://example.com/cronofy/notifications"),
    )
    .await;

    mock.assert_async().await;
    let channel = result.unwrap().channel;
    assert!(channel.filters.calendar_ids.is_empty());
    assert_eq!(channel.filters.only_managed, None);
}

#[tokio::test]
async fn list_channels_decodes_channels_with_absent_and_null_filters() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/channels",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "channels": [
                    {
                        "channel_id": "chn_54cf7c7cb4ad4c1027000001",
                        "callback_url": "https://example.com/a",
                        "filters": {"calendar_ids": null, "only_managed": null}
                    },
                    {
                        "channel_id": "chn_54cf7c7cb4ad4c1027000002",
                        "callback_url": "https://example.com/b"
                    },
                    {
                        "channel_id": "chn_54cf7c7cb4ad4c1027000003",
                        "callback_url": "https://example.com/c",
                        "filters": null,
                        "scheduling_conversations": {"enabled": true}
                    }
                ]
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::notifications::list_channels(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let channels = result
            .unwrap_or_else(|e| panic!("{caller:?}: {e}"))
            .channels;
        assert_eq!(channels.len(), 3);
        for channel in &channels {
            assert!(channel.filters.calendar_ids.is_empty());
            assert_eq!(channel.filters.only_managed, None);
        }
        assert_eq!(channels[2].channel_id, "chn_54cf7c7cb4ad4c1027000003");
    }
}

#[tokio::test]
async fn close_channel_deletes_the_encoded_channel_path_without_a_body() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "DELETE",
            "/v1/channels/chn_54cf7c7cb4ad4c1027000001",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::notifications::close_channel(
            &client,
            credential,
            "chn_54cf7c7cb4ad4c1027000001"
        )
        .await);

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

// ---------------------------------------------------------------------------------------------
// permissions, link tokens, conferencing

#[tokio::test]
async fn request_permissions_posts_the_calendars_and_decodes_the_url() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/permissions",
            caller.bearer(),
            caller.impersonated(),
            json!({
                "permissions": [
                    {"calendar_id": CALENDAR_ID, "permission_level": "unrestricted"},
                    {"calendar_id": "cal_n23kjnwrw2_sakdnawerd3", "permission_level": "sandbox"}
                ],
                "redirect_uri": "https://example.com/permissions"
            }),
        );
        let mock = respond_json(
            mock,
            json!({"permissions_request": {
                "url": "https://app.cronofy.com/permissions/8dk39dk",
                "expires_at": "2026-11-23T10:00:00Z"
            }}),
        )
        .await;
        let client = client(&server);
        let request = RequestPermissions::new(
            [
                CalendarPermission::new(CALENDAR_ID, PermissionLevel::Unrestricted),
                CalendarPermission::new(
                    "cal_n23kjnwrw2_sakdnawerd3",
                    PermissionLevel::Unknown("sandbox".to_owned()),
                ),
            ],
            "https://example.com/permissions",
        );

        let result = as_caller!(caller, |credential| cronofy::oauth::request_permissions(
            &client, credential, &request
        )
        .await);

        mock.assert_async().await;
        let answer = result
            .unwrap_or_else(|e| panic!("{caller:?}: {e}"))
            .permissions_request;
        assert_eq!(
            answer.url.as_deref(),
            Some("https://app.cronofy.com/permissions/8dk39dk")
        );
        assert_eq!(answer.accepted, None);
    }
}

#[tokio::test]
async fn request_permissions_of_an_enterprise_connect_account_is_accepted_without_url() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/permissions",
        USER_TOKEN,
        None,
        json!({
            "permissions": [{"calendar_id": CALENDAR_ID, "permission_level": "unrestricted"}],
            "redirect_uri": "https://example.com/permissions"
        }),
    );
    let mock = respond_json(
        mock,
        json!({"permissions_request": {"accepted": true, "url": null}}),
    )
    .await;
    let request = RequestPermissions::new(
        [CalendarPermission::new(
            CALENDAR_ID,
            PermissionLevel::Unrestricted,
        )],
        "https://example.com/permissions",
    );

    let result = cronofy::oauth::request_permissions(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &request,
    )
    .await;

    mock.assert_async().await;
    let answer = result.unwrap().permissions_request;
    assert_eq!(answer.accepted, Some(true));
    assert_eq!(answer.url, None);
}

#[tokio::test]
async fn create_link_token_posts_nothing_and_keeps_the_token_out_of_debug() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "POST",
            "/v1/link_tokens",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({"link_token": "lnk-4Kd9dk3LdQ0", "expires_in": 600}),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::oauth::create_link_token(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let token = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        assert_eq!(token.link_token, "lnk-4Kd9dk3LdQ0");
        assert!(!format!("{token:?}").contains("lnk-4Kd9dk3LdQ0"));
    }
}

#[tokio::test]
async fn authorize_conferencing_service_posts_the_redirect_and_provider_and_decodes_the_url() {
    let cases = [
        (
            AuthorizeConferencingService::new("https://example.com/conferencing")
                .provider_name(ConferencingProvider::MsTeams),
            json!({"redirect_uri": "https://example.com/conferencing", "provider_name": "ms_teams"}),
        ),
        (
            AuthorizeConferencingService::new("https://example.com/conferencing")
                .provider_name(ConferencingProvider::Unknown("webex".to_owned())),
            json!({"redirect_uri": "https://example.com/conferencing", "provider_name": "webex"}),
        ),
        (
            AuthorizeConferencingService::new("https://example.com/conferencing"),
            json!({"redirect_uri": "https://example.com/conferencing"}),
        ),
    ];
    for (request, body) in cases {
        for caller in Caller::ALL {
            let mut server = Server::new_async().await;
            let mock = expect_json(
                &mut server,
                "POST",
                "/v1/conferencing_service_authorizations",
                caller.bearer(),
                caller.impersonated(),
                body.clone(),
            );
            let mock = respond_json(
                mock,
                json!({"authorization_request": {
                    "url": "https://app.cronofy.com/conferencing_services/xxxxx",
                    "state": null
                }}),
            )
            .await;
            let client = client(&server);

            let result = as_caller!(caller, |credential| {
                cronofy::oauth::authorize_conferencing_service(&client, credential, &request).await
            });

            mock.assert_async().await;
            let answer = result.unwrap_or_else(|e| panic!("{caller:?} {body}: {e}"));
            assert_eq!(
                answer.authorization_request.url,
                "https://app.cronofy.com/conferencing_services/xxxxx"
            );
        }
    }
}

#[test]
fn every_group_a_endpoint_is_declared_with_its_method_path_and_user_auth() {
    use cronofy::Method::{Delete, Get, Post};
    let expected = [
        ("list_profiles", Get, "/v1/profiles"),
        ("revoke_profile", Post, "/v1/profiles/{profile_id}/revoke"),
        ("create_calendar", Post, "/v1/calendars"),
        ("bulk_delete_events", Delete, "/v1/events"),
        (
            "change_participation_status",
            Post,
            "/v1/calendars/{calendar_id}/events/{event_uid}/participation_status",
        ),
        ("create_channel", Post, "/v1/channels"),
        ("list_channels", Get, "/v1/channels"),
        ("close_channel", Delete, "/v1/channels/{channel_id}"),
        ("batch", Post, "/v1/batch"),
        ("request_permissions", Post, "/v1/permissions"),
        ("create_link_token", Post, "/v1/link_tokens"),
        (
            "authorize_conferencing_service",
            Post,
            "/v1/conferencing_service_authorizations",
        ),
    ];
    let declared = cronofy::endpoints();
    for (name, method, path) in expected {
        let endpoint = declared
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} is not in cronofy::endpoints()"));
        assert_eq!(endpoint.method, method, "{name}");
        assert_eq!(endpoint.path, path, "{name}");
        assert_eq!(endpoint.auth, [cronofy::auth::AuthKind::User], "{name}");
    }
}
