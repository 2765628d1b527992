//! Every endpoint declared in the `cronofy` crate, called through its generated function against
//! a real HTTP server (mockito on loopback).
//!
//! For each endpoint the mock only answers when the request is exactly right: method, path (and
//! for Read Events the exact query string), `Authorization: Bearer` with the secret of the
//! credential passed, `Cronofy-Impersonate` present exactly when impersonating, a `User-Agent`
//! of `cronofy-rs/<version>`, and for body endpoints `Content-Type: application/json` with the
//! exact JSON body. Each mock expects one hit, and the decoded result is checked against a
//! realistic Cronofy body (from Cronofy's documentation) that also carries fields the models do
//! not know, leaves optional fields out, and sends `null` where Cronofy may.
//!
//! User endpoints are called three times: with a plain `UserToken`, and as a member through
//! `OrgToken::impersonate` and `AppCredentials::impersonate`.

use cronofy::availability::{Participants, QueryAvailability, QueryPeriod};
use cronofy::events::{DeleteEvent, ReadEvents, ReadFreeBusy, UpsertEvent};
use cronofy::{AppCredentials, OrgToken, UserToken};
use mockito::Server;
use serde_json::json;

#[macro_use]
mod support;
use support::*;

#[test]
fn every_declared_endpoint_is_covered_here() {
    // When an endpoint is added to `cronofy::endpoints()`, this fails until it has a test above.
    let covered = [
        "account",
        "userinfo",
        "list_calendars",
        "read_events",
        "upsert_event",
        "delete_event",
        "free_busy",
        "availability",
        "real_time_scheduling_status",
        "list_organizational_unit_members",
        // Covered in endpoints_group_a.rs, and `batch` in batch.rs:
        "list_profiles",
        "revoke_profile",
        "create_calendar",
        "bulk_delete_events",
        "change_participation_status",
        "create_channel",
        "list_channels",
        "close_channel",
        "batch",
        "request_permissions",
        "create_link_token",
        "authorize_conferencing_service",
        // Covered in endpoints_group_b.rs:
        "upsert_availability_rule",
        "list_availability_rules",
        "read_availability_rule",
        "delete_availability_rule",
        "upsert_available_period",
        "read_available_periods",
        "delete_available_period",
        "sequenced_availability",
        "create_real_time_scheduling",
        "real_time_scheduling_status_by_token",
        "disable_real_time_scheduling",
        "upsert_smart_invite",
        "smart_invite_status",
        "create_element_token",
        "list_organizational_unit_resources",
        "create_scheduler_request",
        // endpoints_enterprise.rs:
        "authorize_user_via_service_account",
        "list_resources",
    ];
    let mut declared: Vec<&str> = cronofy::endpoints().iter().map(|e| e.name).collect();
    declared.sort_unstable();
    let mut covered = covered.to_vec();
    covered.sort_unstable();
    assert_eq!(declared, covered);
}

#[tokio::test]
async fn account_sends_the_user_credential_and_decodes_the_account() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/account",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "account": {
                    "account_id": "acc_5ba21743f408617d1269ea1e",
                    "email": "janed@company.com",
                    "name": "Jane Doe",
                    "scope": "read_account list_calendars read_events create_event delete_event",
                    "default_tzid": "Europe/London",
                    "multi_calendar_enabled": true
                },
                "provider_sync_status": {"google": "ok"}
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::identity::read_account(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let account = result.unwrap_or_else(|e| panic!("{caller:?}: {e}")).account;
        assert_eq!(account.account_id, "acc_5ba21743f408617d1269ea1e");
        assert_eq!(account.email, "janed@company.com");
        assert_eq!(account.name.as_deref(), Some("Jane Doe"));
        assert_eq!(
            account.scope.as_deref(),
            Some("read_account list_calendars read_events create_event delete_event")
        );
        assert_eq!(account.default_tzid.as_deref(), Some("Europe/London"));
    }
}

#[tokio::test]
async fn account_accepts_a_null_name_and_a_missing_time_zone() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(&mut server, "GET", "/v1/account", USER_TOKEN, None);
    let mock = respond_json(
        mock,
        json!({
            "account": {
                "account_id": "acc_5ba21743f408617d1269ea1e",
                "email": "janed@company.com",
                "name": null,
                "scope": "read_account"
            }
        }),
    )
    .await;

    let result =
        cronofy::identity::read_account(&client(&server), &UserToken::new(USER_TOKEN)).await;

    mock.assert_async().await;
    let account = result.unwrap().account;
    assert_eq!(account.name, None);
    assert_eq!(account.default_tzid, None);
    assert_eq!(account.scope.as_deref(), Some("read_account"));
}

#[tokio::test]
async fn userinfo_sends_the_user_credential_and_decodes_the_dotted_cronofy_keys() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/userinfo",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "sub": "acc_5700a00eb0ccd07000000000",
                "email": "janed@company.com",
                "name": "Jane Doe",
                "zoneinfo": "Europe/London",
                "cronofy.type": "account",
                "cronofy.data": {
                    "authorization": {"scope": "read_write", "status": "active"},
                    "profiles": [{
                        "provider_name": "google",
                        "provider_service": "gsuite",
                        "profile_id": "pro_n23kjnwrw2",
                        "profile_name": "janed@company.com",
                        "profile_connected": true,
                        "profile_initial_sync_required": false
                    }]
                },
                "email_verified": true
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::identity::read_userinfo(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let info = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        assert_eq!(info.sub, "acc_5700a00eb0ccd07000000000");
        assert_eq!(info.email.as_deref(), Some("janed@company.com"));
        assert_eq!(info.name.as_deref(), Some("Jane Doe"));
        assert_eq!(info.zoneinfo.as_deref(), Some("Europe/London"));
        assert_eq!(info.cronofy_type.as_deref(), Some("account"));
        assert_eq!(
            info.cronofy_data["authorization"],
            json!({"scope": "read_write", "status": "active"})
        );
        assert_eq!(
            info.cronofy_data["profiles"][0]["profile_id"],
            "pro_n23kjnwrw2"
        );
    }
}

#[tokio::test]
async fn userinfo_of_a_service_account_has_only_sub_and_type() {
    // Optional fields absent and `null`: Cronofy leaves email and name out without the scope.
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(&mut server, "GET", "/v1/userinfo", USER_TOKEN, None);
    let mock = respond_json(
        mock,
        json!({
            "sub": "ser_5700a00eb0ccd07000000000",
            "zoneinfo": null,
            "cronofy.type": "service_account"
        }),
    )
    .await;

    let result =
        cronofy::identity::read_userinfo(&client(&server), &UserToken::new(USER_TOKEN)).await;

    mock.assert_async().await;
    let info = result.unwrap();
    assert_eq!(info.sub, "ser_5700a00eb0ccd07000000000");
    assert_eq!(info.email, None);
    assert_eq!(info.name, None);
    assert_eq!(info.zoneinfo, None);
    assert_eq!(info.cronofy_type.as_deref(), Some("service_account"));
    assert!(info.cronofy_data.is_empty());
}

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
                ]
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::calendars::list_calendars(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let calendars = result
            .unwrap_or_else(|e| panic!("{caller:?}: {e}"))
            .calendars;
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
        assert_eq!(home.permission_level.as_deref(), Some("unrestricted"));

        let holidays = &calendars[1];
        assert!(holidays.calendar_readonly);
        assert!(holidays.calendar_deleted);
        assert_eq!(holidays.calendar_primary, None);
        assert_eq!(holidays.permission_level.as_deref(), Some("free_busy"));

        let family = &calendars[2];
        assert_eq!(family.provider_name, "apple");
        assert_eq!(family.calendar_primary, None);
        assert_eq!(family.permission_level, None);
    }
}

#[tokio::test]
async fn read_events_sends_every_filter_in_the_query_and_decodes_the_page() {
    // Field order is the model's; booleans are `true`/`false`; `calendar_ids[]` repeats, with
    // its brackets percent-encoded; `/` and `:` in values are encoded.
    const EXPECTED: &str = "/v1/events\
        ?tzid=Europe%2FLondon\
        &from=2026-11-23\
        &to=2026-11-30\
        &last_modified=2026-11-01T08%3A00%3A00Z\
        &include_deleted=true\
        &include_moved=false\
        &include_managed=true\
        &only_managed=false\
        &localized_times=true\
        &calendar_ids%5B%5D=cal_n23kjnwrw2_jsdfjksn234\
        &calendar_ids%5B%5D=cal_U9uuErStTG%40EAAAB_IsAsykA2DBTWqQTf-f0kJw";
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            EXPECTED,
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "pages": {
                    "current": 1,
                    "total": 2,
                    "next_page": "https://api.cronofy.com/v1/events/pages/08a07b034306679e"
                },
                "events": [
                    {
                        "calendar_id": "cal_U9uuErStTG@EAAAB_IsAsykA2DBTWqQTf-f0kJw",
                        "event_uid": "evt_external_54008b1a4a41730f8d5c6037",
                        "event_id": null,
                        "summary": "Company Retreat",
                        "description": "",
                        "start": "2026-11-27",
                        "end": "2026-11-29",
                        "deleted": false,
                        "created": "2026-11-01T08:00:01Z",
                        "updated": "2026-11-01T09:24:16Z",
                        "location": {"description": "Beach", "lat": "50.7", "long": "-3.5"},
                        "participation_status": "needs_action",
                        "attendees": [{
                            "email": "example@cronofy.com",
                            "display_name": "Example Person",
                            "status": "needs_action"
                        }],
                        "organizer": {
                            "email": "example@cronofy.com",
                            "display_name": "Example Person"
                        },
                        "transparency": "opaque",
                        "status": "confirmed",
                        "categories": [],
                        "recurring": false,
                        "event_private": false,
                        "options": {"delete": true, "update": true, "change_participation_status": true},
                        "meeting_url": null
                    },
                    {
                        "calendar_id": "cal_n23kjnwrw2_jsdfjksn234",
                        "event_uid": "evt_external_5a8d3b2c1e0f",
                        "event_id": "booking-42",
                        "summary": null,
                        "start": "2026-11-23T09:00:00+00:00",
                        "end": "2026-11-23T09:30:00+00:00",
                        "deleted": true,
                        "attendees": [],
                        "recurring": true
                    }
                ]
            }),
        )
        .await;
        let client = client(&server);
        let query = ReadEvents::new("Europe/London")
            .from(day("2026-11-23"))
            .to(day("2026-11-30"))
            .last_modified(utc("2026-11-01T08:00:00Z"))
            .include_deleted(true)
            .include_moved(false)
            .include_managed(true)
            .only_managed(false)
            .localized_times(true)
            .calendar_ids([
                "cal_n23kjnwrw2_jsdfjksn234",
                "cal_U9uuErStTG@EAAAB_IsAsykA2DBTWqQTf-f0kJw",
            ]);

        let result = as_caller!(caller, |credential| cronofy::events::read_events(
            &client, credential, &query
        )
        .await);

        mock.assert_async().await;
        let page = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        assert_eq!(page.pages.as_ref().unwrap().current, 1);
        assert_eq!(page.pages.as_ref().unwrap().total, 2);
        assert_eq!(
            page.next_page(),
            Some("https://api.cronofy.com/v1/events/pages/08a07b034306679e")
        );
        assert_eq!(page.items.len(), 2);

        let retreat = &page.items[0];
        assert_eq!(
            retreat.calendar_id,
            "cal_U9uuErStTG@EAAAB_IsAsykA2DBTWqQTf-f0kJw"
        );
        assert_eq!(
            retreat.event_uid.as_deref(),
            Some("evt_external_54008b1a4a41730f8d5c6037")
        );
        assert_eq!(retreat.event_id, None);
        assert_eq!(retreat.summary.as_deref(), Some("Company Retreat"));
        assert_eq!(retreat.description.as_deref(), Some(""));
        assert_eq!(retreat.start, at("2026-11-27"));
        assert_eq!(retreat.end, at("2026-11-29"));
        assert!(!retreat.deleted);
        assert_eq!(retreat.created, Some(utc("2026-11-01T08:00:01Z")));
        assert_eq!(retreat.updated, Some(utc("2026-11-01T09:24:16Z")));
        assert_eq!(
            retreat
                .location
                .as_ref()
                .and_then(|l| l.description.as_deref()),
            Some("Beach")
        );
        assert_eq!(
            retreat.participation_status.as_deref(),
            Some("needs_action")
        );
        assert_eq!(retreat.transparency.as_deref(), Some("opaque"));
        assert_eq!(retreat.status.as_deref(), Some("confirmed"));

        let booking = &page.items[1];
        assert_eq!(booking.event_id.as_deref(), Some("booking-42"));
        assert_eq!(booking.summary, None);
        assert_eq!(booking.description, None);
        assert_eq!(booking.start, at("2026-11-23T09:00:00+00:00"));
        assert!(booking.deleted);
        assert_eq!(booking.location, None);
        assert_eq!(booking.created, None);
    }
}

#[tokio::test]
async fn read_events_sends_only_the_time_zone_when_no_filter_is_set() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/events?tzid=Etc%2FUTC",
        USER_TOKEN,
        None,
    );
    // The last page: no `next_page`.
    let mock = respond_json(
        mock,
        json!({"pages": {"current": 2, "total": 2}, "events": []}),
    )
    .await;

    let result = cronofy::events::read_events(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &ReadEvents::new("Etc/UTC"),
    )
    .await;

    mock.assert_async().await;
    let page = result.unwrap();
    assert_eq!(page.pages.as_ref().unwrap().current, 2);
    assert_eq!(page.next_page(), None);
    assert!(page.items.is_empty());
}

#[tokio::test]
async fn free_busy_sends_every_filter_in_the_query_and_decodes_the_blocks() {
    const EXPECTED: &str = "/v1/free_busy\
        ?tzid=America%2FNew_York\
        &from=2026-11-23\
        &to=2026-11-30\
        &include_managed=false\
        &localized_times=true\
        &calendar_ids%5B%5D=cal_n23kjnwrw2_jsdfjksn234\
        &calendar_ids%5B%5D=cal_n23kjnwrw2_n1k323nkj23";
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            EXPECTED,
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "pages": {
                    "current": 1,
                    "total": 2,
                    "next_page": "https://api.cronofy.com/v1/free_busy/pages/08a07b034306679e"
                },
                "free_busy": [
                    {
                        "calendar_id": "cal_n23kjnwrw2_jsdfjksn234",
                        "start": "2026-11-23T09:00:00-05:00",
                        "end": "2026-11-23T10:00:00-05:00",
                        "free_busy_status": "busy",
                        "event_uid": "evt_external_54008b1a4a41730f8d5c6037"
                    },
                    {
                        "calendar_id": "cal_n23kjnwrw2_n1k323nkj23",
                        "start": "2026-11-27",
                        "end": "2026-11-28",
                        "free_busy_status": null
                    }
                ]
            }),
        )
        .await;
        let client = client(&server);
        let query = ReadFreeBusy::new("America/New_York")
            .from(day("2026-11-23"))
            .to(day("2026-11-30"))
            .include_managed(false)
            .localized_times(true)
            .calendar_ids(["cal_n23kjnwrw2_jsdfjksn234", "cal_n23kjnwrw2_n1k323nkj23"]);

        let result = as_caller!(caller, |credential| cronofy::events::read_free_busy(
            &client, credential, &query
        )
        .await);

        mock.assert_async().await;
        let page = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        assert_eq!(
            (
                page.pages.as_ref().unwrap().current,
                page.pages.as_ref().unwrap().total
            ),
            (1, 2)
        );
        assert_eq!(
            page.next_page(),
            Some("https://api.cronofy.com/v1/free_busy/pages/08a07b034306679e")
        );
        assert_eq!(page.items.len(), 2);
        let busy = &page.items[0];
        assert_eq!(busy.calendar_id, "cal_n23kjnwrw2_jsdfjksn234");
        assert_eq!(busy.start, at("2026-11-23T09:00:00-05:00"));
        assert_eq!(busy.end, at("2026-11-23T10:00:00-05:00"));
        assert_eq!(busy.free_busy_status.as_deref(), Some("busy"));
        let all_day = &page.items[1];
        assert_eq!(all_day.start, at("2026-11-27"));
        assert_eq!(all_day.free_busy_status, None);
    }
}

#[tokio::test]
async fn free_busy_sends_only_the_time_zone_when_no_filter_is_set() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/free_busy?tzid=Europe%2FLondon",
        USER_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({"pages": {"current": 1, "total": 1}, "free_busy": []}),
    )
    .await;

    let result = cronofy::events::read_free_busy(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &ReadFreeBusy::new("Europe/London"),
    )
    .await;

    mock.assert_async().await;
    let page = result.unwrap();
    assert_eq!(page.next_page(), None);
    assert!(page.items.is_empty());
}

#[tokio::test]
async fn upsert_event_posts_the_whole_event_as_json() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/calendars/cal_n23kjnwrw2_jsdfjksn234/events",
            caller.bearer(),
            caller.impersonated(),
            json!({
                "event_id": "booking-42",
                "summary": "Intro call",
                "start": "2026-11-23T09:00:00Z",
                "end": "2026-11-23T09:30:00Z",
                "description": "Agenda: introductions",
                "tzid": "Europe/London",
                "location": {"description": "Café Müller, Room 1"},
                "url": "https://example.com/bookings/42",
                "transparency": "opaque"
            }),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);
        let event = UpsertEvent::new(
            "booking-42",
            "Intro call",
            at("2026-11-23T09:00:00Z"),
            at("2026-11-23T09:30:00Z"),
        )
        .description("Agenda: introductions")
        .tzid("Europe/London")
        .location("Café Müller, Room 1")
        .url("https://example.com/bookings/42")
        .transparency("opaque");

        let result = as_caller!(caller, |credential| cronofy::events::upsert_event(
            &client,
            credential,
            CALENDAR_ID,
            &event
        )
        .await);

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

#[tokio::test]
async fn upsert_event_leaves_unset_optional_fields_out_of_the_body() {
    let mut server = Server::new_async().await;
    // `Matcher::Json` is an exact comparison: a `"description": null` would not match.
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/calendars/cal_n23kjnwrw2_jsdfjksn234/events",
        USER_TOKEN,
        None,
        json!({
            "event_id": "booking-43",
            "summary": "Offsite",
            "start": "2026-11-27",
            "end": "2026-11-28"
        }),
    );
    let mock = respond_accepted(mock).await;
    let event = UpsertEvent::new("booking-43", "Offsite", at("2026-11-27"), at("2026-11-28"));

    let result = cronofy::events::upsert_event(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        CALENDAR_ID,
        &event,
    )
    .await;

    mock.assert_async().await;
    result.unwrap();
}

#[tokio::test]
async fn delete_event_sends_the_event_id_as_a_json_body_to_the_encoded_calendar_path() {
    // Real calendar ids may contain `@`, which is encoded inside its segment.
    const CALENDAR_WITH_AT: &str = "cal_U9uuErStTG@EAAAB_IsAsykA2DBTWqQTf-f0kJw";
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "DELETE",
            "/v1/calendars/cal_U9uuErStTG%40EAAAB_IsAsykA2DBTWqQTf-f0kJw/events",
            caller.bearer(),
            caller.impersonated(),
            json!({"event_id": "booking-42"}),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::events::delete_event(
            &client,
            credential,
            CALENDAR_WITH_AT,
            &DeleteEvent::new("booking-42")
        )
        .await);

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

fn availability_query() -> QueryAvailability {
    QueryAvailability::new(
        vec![
            Participants::all(["acc_5ba21743f408617d1269ea1e"]),
            Participants::at_least(1, [MEMBER_SUB, "acc_64b17d868090ea21640c9999"]),
        ],
        cronofy::time::Minutes::new(60),
        vec![
            QueryPeriod::new(utc("2026-11-23T09:00:00Z"), utc("2026-11-23T17:00:00Z")),
            QueryPeriod::new(utc("2026-11-24T09:00:00Z"), utc("2026-11-24T17:00:00Z")),
        ],
    )
    .max_results(5)
}

fn availability_body() -> serde_json::Value {
    json!({
        "participants": [
            {"members": [{"sub": "acc_5ba21743f408617d1269ea1e"}], "required": "all"},
            {
                "members": [{"sub": MEMBER_SUB}, {"sub": "acc_64b17d868090ea21640c9999"}],
                "required": 1
            }
        ],
        "required_duration": {"minutes": 60},
        "query_periods": [
            {"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T17:00:00Z"},
            {"start": "2026-11-24T09:00:00Z", "end": "2026-11-24T17:00:00Z"}
        ],
        "max_results": 5
    })
}

fn availability_response() -> serde_json::Value {
    json!({
        "available_periods": [
            {
                "start": "2026-11-23T09:00:00Z",
                "end": "2026-11-23T11:00:00Z",
                "participants": [
                    {"sub": "acc_5ba21743f408617d1269ea1e"},
                    {"sub": MEMBER_SUB}
                ]
            },
            {"start": "2026-11-24T14:00:00Z", "end": "2026-11-24T15:00:00Z"}
        ],
        "query_id": "avq_6410b9d1b2a4"
    })
}

fn assert_availability_decoded(response: &cronofy::availability::AvailabilityResponse) {
    let periods = &response.available_periods;
    assert_eq!(periods.len(), 2);
    assert_eq!(periods[0].start, utc("2026-11-23T09:00:00Z"));
    assert_eq!(periods[0].end, utc("2026-11-23T11:00:00Z"));
    let subs: Vec<&str> = periods[0]
        .participants
        .iter()
        .map(|p| p.sub.as_str())
        .collect();
    assert_eq!(subs, ["acc_5ba21743f408617d1269ea1e", MEMBER_SUB]);
    assert_eq!(periods[1].start, utc("2026-11-24T14:00:00Z"));
    assert!(periods[1].participants.is_empty());
}

#[tokio::test]
async fn availability_with_a_user_credential_posts_the_query() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/availability",
            caller.bearer(),
            caller.impersonated(),
            availability_body(),
        );
        let mock = respond_json(mock, availability_response()).await;
        let client = client(&server);
        let query = availability_query();

        let result = as_caller!(caller, |credential| {
            cronofy::availability::query_availability(&client, credential, &query).await
        });

        mock.assert_async().await;
        assert_availability_decoded(&result.unwrap_or_else(|e| panic!("{caller:?}: {e}")));
    }
}

#[tokio::test]
async fn availability_with_app_credentials_sends_the_client_secret_without_impersonating() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/availability",
        CLIENT_SECRET,
        None,
        availability_body(),
    );
    let mock = respond_json(mock, availability_response()).await;

    let result = cronofy::availability::query_availability(
        &client(&server),
        &AppCredentials::new(CLIENT_ID, CLIENT_SECRET),
        &availability_query(),
    )
    .await;

    mock.assert_async().await;
    assert_availability_decoded(&result.unwrap());
}

#[tokio::test]
async fn availability_with_no_period_found_decodes_an_empty_list() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/availability",
        CLIENT_SECRET,
        None,
        availability_body(),
    );
    let mock = respond_json(mock, json!({"available_periods": []})).await;

    let result = cronofy::availability::query_availability(
        &client(&server),
        &AppCredentials::new(CLIENT_ID, CLIENT_SECRET),
        &availability_query(),
    )
    .await;

    mock.assert_async().await;
    assert!(result.unwrap().available_periods.is_empty());
}

#[tokio::test]
async fn real_time_scheduling_status_sends_the_client_secret_and_decodes_the_link() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/real_time_scheduling/sch_4353945880944395",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_scheduling": {
                "real_time_scheduling_id": "sch_4353945880944395",
                "url": "https://app.cronofy.com/rts/ABCD1234",
                "event": {
                    "event_id": "booking-42",
                    "summary": "Intro call",
                    "tzid": "Europe/London"
                },
                "status": "enabled",
                "slot_selection_count": 0
            }
        }),
    )
    .await;

    let result = cronofy::scheduling::read_real_time_scheduling(
        &client(&server),
        &AppCredentials::new(CLIENT_ID, CLIENT_SECRET),
        "sch_4353945880944395",
    )
    .await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    assert_eq!(link.real_time_scheduling_id, "sch_4353945880944395");
    assert_eq!(
        link.url.as_deref(),
        Some("https://app.cronofy.com/rts/ABCD1234")
    );
    assert_eq!(link.status.as_deref(), Some("enabled"));
    assert_eq!(
        link.event,
        Some(json!({"event_id": "booking-42", "summary": "Intro call", "tzid": "Europe/London"}))
    );
}

#[tokio::test]
async fn real_time_scheduling_status_of_a_completed_link_without_url_or_event() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/real_time_scheduling/sch_4353945880944396",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_scheduling": {
                "real_time_scheduling_id": "sch_4353945880944396",
                "status": "completed",
                "url": null
            }
        }),
    )
    .await;

    let result = cronofy::scheduling::read_real_time_scheduling(
        &client(&server),
        &AppCredentials::new(CLIENT_ID, CLIENT_SECRET),
        "sch_4353945880944396",
    )
    .await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    assert_eq!(link.url, None);
    assert_eq!(link.event, None);
    assert_eq!(link.status.as_deref(), Some("completed"));
}

#[tokio::test]
async fn list_organizational_unit_members_sends_the_org_token_without_impersonating() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/organizational_unit_members",
        ORG_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "organizational_unit_members": [
                {
                    "sub": "acc_5ba21743f408617d1269ea1e",
                    "email": "jane@example.com",
                    "roles": ["admin", "scheduler"],
                    "scheduler": true,
                    "display_name": "Jane Doe"
                },
                {
                    "sub": MEMBER_SUB,
                    "roles": [],
                    "scheduler": null
                }
            ],
            "pages": {"current": 1, "total": 1}
        }),
    )
    .await;

    let result = cronofy::organizations::list_organizational_unit_members(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
    )
    .await;

    mock.assert_async().await;
    let members = result.unwrap();
    let list = &members.items;
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].sub, "acc_5ba21743f408617d1269ea1e");
    assert_eq!(list[0].email.as_deref(), Some("jane@example.com"));
    assert_eq!(list[0].roles, ["admin", "scheduler"]);
    assert_eq!(list[0].scheduler, Some(true));
    assert_eq!(list[1].sub, MEMBER_SUB);
    assert_eq!(list[1].email, None);
    assert!(list[1].roles.is_empty());
    assert_eq!(list[1].scheduler, None);
    let pages = members.pages.expect("the pages Cronofy sent");
    assert_eq!((pages.current, pages.total), (1, 1));
    assert_eq!(pages.next_page, None);
}

#[tokio::test]
async fn list_organizational_unit_members_without_pages() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/organizational_unit_members",
        ORG_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({"organizational_unit_members": [{"sub": MEMBER_SUB}]}),
    )
    .await;

    let result = cronofy::organizations::list_organizational_unit_members(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
    )
    .await;

    mock.assert_async().await;
    let members = result.unwrap();
    assert_eq!(members.items[0].sub, MEMBER_SUB);
    assert!(members.items[0].roles.is_empty());
    assert_eq!(members.pages, None);
}

/// Cronofy may send `null` where a field is usually absent; defaulted fields read it as their
/// default instead of failing the whole response.
#[tokio::test]
async fn null_in_defaulted_fields_reads_as_the_default() {
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
    let members = server
        .mock("GET", "/v1/organizational_unit_members")
        .with_body(
            json!({"organizational_unit_members": [{"sub": "acc_1", "roles": null}], "pages": null})
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
    let org = cronofy::OrgToken::new("null-tolerance-org");
    let listed = cronofy::organizations::list_organizational_unit_members(&client, &org)
        .await
        .unwrap();
    assert!(listed.items[0].roles.is_empty());
    assert_eq!(listed.pages, None);
    calendars.assert_async().await;
    members.assert_async().await;
}

/// A day, `YYYY-MM-DD`.
fn day(text: &str) -> cronofy::time::Date {
    text.parse().unwrap()
}

/// An event's start or end: a day, a time, as Cronofy writes them.
fn at(text: &str) -> cronofy::time::EventTime {
    serde_json::from_value(serde_json::Value::from(text)).unwrap()
}
