//! Events: reading (paged), upserting, deleting, bulk deletion, participation status, free/busy, and batches.

use cronofy::availability::Weekday;
use cronofy::events::{
    AttendeeStatus, BatchError, BulkDeleteEvents, Conferencing, ConferencingInteraction,
    ConferencingSubscription, DeleteEvent, EventStatus, ExecuteBatch, ExtendedTransparency,
    FreeBusyStatus, Frequency, Invitee, Location, ParticipationStatus, ReadEvents, ReadFreeBusy,
    Recurrence, RecurrenceRule, Reminder, Transparency, UpsertEvent,
};
use cronofy::time::UtcTime;
use cronofy::{AppCredentials, Method, OrgToken, UserToken};
use cronofy::{Error, ExtensibleBody};
use mockito::{Matcher, Server};
use serde_json::json;

use crate::support::*;

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
        &include_geo=true\
        &google_event_ids=false\
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
            .include_geo(true)
            .google_event_ids(false)
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
            retreat.participation_status.as_ref().map(|v| v.as_str()),
            Some("needs_action")
        );
        assert_eq!(
            retreat.transparency.as_ref().map(|v| v.as_str()),
            Some("opaque")
        );
        assert_eq!(
            retreat.status.as_ref().map(|v| v.as_str()),
            Some("confirmed")
        );

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
        &last_modified=2026-11-01T08%3A00%3A00Z\
        &include_ids=true\
        &include_free=true\
        &include_deleted=false\
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
                        "event_uid": "evt_external_54008b1a4a41730f8d5c6037",
                        "event_id": "booking-42",
                        "deleted": false,
                        "busy_reason": "meeting"
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
            .last_modified(utc("2026-11-01T08:00:00Z"))
            .include_ids(true)
            .include_free(true)
            .include_deleted(false)
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
        assert_eq!(
            busy.free_busy_status.as_ref().map(|v| v.as_str()),
            Some("busy")
        );
        assert_eq!(busy.free_busy_status, Some(FreeBusyStatus::Busy));
        assert_eq!(busy.event_id.as_deref(), Some("booking-42"));
        assert_eq!(
            busy.event_uid.as_deref(),
            Some("evt_external_54008b1a4a41730f8d5c6037")
        );
        assert_eq!(busy.deleted, Some(false));
        assert_eq!(busy.extra["busy_reason"], "meeting");
        let all_day = &page.items[1];
        assert_eq!(all_day.start, at("2026-11-27"));
        assert_eq!(all_day.free_busy_status, None);
        assert_eq!(
            (&all_day.event_id, &all_day.event_uid, all_day.deleted),
            (&None, &None, None)
        );
        assert!(all_day.extra.is_empty());
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
        .transparency(cronofy::events::Transparency::Opaque);

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

/// A day, `YYYY-MM-DD`.
fn day(text: &str) -> cronofy::time::Date {
    text.parse().unwrap()
}

/// An event's start or end: a day, a time, as Cronofy writes them.
fn at(text: &str) -> cronofy::time::EventTime {
    serde_json::from_value(serde_json::Value::from(text)).unwrap()
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

const USER_TOKEN: &str = "user-token-B4tch9dkL3mQ0pZ8xV2nC7sA";

const ORG_TOKEN: &str = "org-token-B4tch3kdL0qP9sM2nX7vZ1cA";

const CLIENT_ID: &str = "cronofy-rs-batch-client";

const CLIENT_SECRET: &str = "client-secret-B4tchQ0dk39sLm2Zx8Vn";

const MEMBER_SUB: &str = "acc_64b17d868090ea21640c914c";

/// A real-world calendar id with `@`, which must be encoded inside its segment.
const CALENDAR_WITH_AT: &str = "cal_U9uuErStTG@EAAAB_IsAsykA2DBTWqQTf-f0kJw";

const CALENDAR_PATH: &str = "/v1/calendars/cal_U9uuErStTG%40EAAAB_IsAsykA2DBTWqQTf-f0kJw/events";

fn utc(text: &str) -> UtcTime {
    text.parse().unwrap()
}

/// One of each operation the builder offers.
fn every_operation() -> ExecuteBatch {
    let mut batch = ExecuteBatch::new();
    batch
        .upsert_event(
            CALENDAR_WITH_AT,
            &UpsertEvent::new(
                "booking-42",
                "Intro call",
                utc("2026-11-23T09:00:00Z"),
                utc("2026-11-23T09:30:00Z"),
            )
            .location("Board room"),
        )
        .unwrap()
        .upsert_event(
            CALENDAR_WITH_AT,
            &UpsertEvent::external(
                "evt_external_54008b1a4a41730f8d5c6037",
                "Board meeting",
                utc("2026-11-23T15:30:00Z"),
                utc("2026-11-23T17:00:00Z"),
            ),
        )
        .unwrap()
        .delete_event(CALENDAR_WITH_AT, &DeleteEvent::new("booking-41"))
        .unwrap()
        .delete_event(
            CALENDAR_WITH_AT,
            &DeleteEvent::external("evt_external_54008b1a4a41730f8d5c6038"),
        )
        .unwrap()
        .change_participation_status(
            CALENDAR_WITH_AT,
            "evt_external_54008b1a4a41730f8d5c6039@google.com",
            ParticipationStatus::Tentative,
        )
        .unwrap();
    batch
}

/// What [`every_operation`] must send.
fn every_operation_json() -> serde_json::Value {
    json!({"batch": [
        {
            "method": "POST",
            "relative_url": CALENDAR_PATH,
            "data": {
                "event_id": "booking-42",
                "summary": "Intro call",
                "start": "2026-11-23T09:00:00Z",
                "end": "2026-11-23T09:30:00Z",
                "location": {"description": "Board room"}
            }
        },
        {
            "method": "POST",
            "relative_url": CALENDAR_PATH,
            "data": {
                "event_uid": "evt_external_54008b1a4a41730f8d5c6037",
                "summary": "Board meeting",
                "start": "2026-11-23T15:30:00Z",
                "end": "2026-11-23T17:00:00Z"
            }
        },
        {
            "method": "DELETE",
            "relative_url": CALENDAR_PATH,
            "data": {"event_id": "booking-41"}
        },
        {
            "method": "DELETE",
            "relative_url": CALENDAR_PATH,
            "data": {"event_uid": "evt_external_54008b1a4a41730f8d5c6038"}
        },
        {
            "method": "POST",
            "relative_url": "/v1/calendars/cal_U9uuErStTG%40EAAAB_IsAsykA2DBTWqQTf-f0kJw/events/evt_external_54008b1a4a41730f8d5c6039%40google.com/participation_status",
            "data": {"status": "tentative"}
        }
    ]})
}

#[test]
fn the_builder_serializes_each_operation_as_method_relative_url_and_data() {
    let batch = every_operation();
    assert_eq!(batch.len(), 5);
    assert_eq!(
        serde_json::to_value(&batch).unwrap(),
        every_operation_json()
    );
    let methods: Vec<Method> = batch.entries().iter().map(|e| e.method()).collect();
    assert_eq!(
        methods,
        [
            Method::Post,
            Method::Post,
            Method::Delete,
            Method::Delete,
            Method::Post
        ]
    );
    assert_eq!(batch.entries()[2].relative_url(), CALENDAR_PATH);
    assert_eq!(
        batch.entries()[2].data(),
        &json!({"event_id": "booking-41"})
    );
}

#[test]
fn the_51st_operation_is_refused_and_the_batch_keeps_its_50() {
    let mut batch = ExecuteBatch::new();
    assert!(batch.is_empty());
    for i in 0..ExecuteBatch::MAX_ENTRIES {
        batch
            .delete_event("cal_1", &DeleteEvent::new(format!("booking-{i}")))
            .unwrap_or_else(|e| panic!("operation {}: {e}", i + 1));
    }
    assert_eq!(batch.len(), 50);

    let refused = batch.delete_event("cal_1", &DeleteEvent::new("booking-50"));
    assert_eq!(refused.unwrap_err(), BatchError::Full { max: 50 });
    let refused =
        batch.change_participation_status("cal_1", "evt_1", ParticipationStatus::Declined);
    assert_eq!(refused.unwrap_err(), BatchError::Full { max: 50 });
    assert_eq!(batch.len(), 50);
    assert_eq!(
        serde_json::to_value(&batch).unwrap()["batch"]
            .as_array()
            .unwrap()
            .len(),
        50
    );
    assert!(
        BatchError::Full { max: 50 }
            .to_string()
            .contains("send it and start another")
    );
}

#[test]
fn a_path_parameter_that_cannot_be_one_segment_is_refused() {
    let mut batch = ExecuteBatch::new();
    for bad in ["", ".", ".."] {
        let refused = batch.delete_event(bad, &DeleteEvent::new("booking-1"));
        assert!(
            matches!(
                refused,
                Err(BatchError::InvalidPathParameter {
                    name: "calendar_id",
                    ..
                })
            ),
            "{bad:?}"
        );
    }
    let refused = batch.change_participation_status("cal_1", "..", ParticipationStatus::Accepted);
    assert!(matches!(
        refused,
        Err(BatchError::InvalidPathParameter {
            name: "event_uid",
            ..
        })
    ));
    assert!(batch.is_empty());
}

#[tokio::test]
async fn batch_posts_every_operation_and_maps_each_answer_to_success_or_error() {
    #[derive(Debug, Clone, Copy)]
    enum Caller {
        User,
        OrgMember,
        AppMember,
    }
    for caller in [Caller::User, Caller::OrgMember, Caller::AppMember] {
        let (bearer, impersonated) = match caller {
            Caller::User => (USER_TOKEN, None),
            Caller::OrgMember => (ORG_TOKEN, Some(MEMBER_SUB)),
            Caller::AppMember => (CLIENT_SECRET, Some(MEMBER_SUB)),
        };
        let mut server = Server::new_async().await;
        let mock = server
            .mock("POST", "/v1/batch")
            .match_header("authorization", Matcher::Exact(format!("Bearer {bearer}")))
            .match_header(
                "cronofy-impersonate",
                impersonated.map_or(Matcher::Missing, |sub| Matcher::Exact(sub.to_owned())),
            )
            .match_header("content-type", "application/json")
            .match_body(Matcher::Json(every_operation_json()))
            .expect(1)
            .with_status(207)
            .with_header("content-type", "application/json; charset=utf-8")
            .with_body(
                json!({"batch": [
                    {"status": 202},
                    {
                        "status": 422,
                        "data": {"errors": {"summary": [
                            {"key": "errors.required", "description": "summary must be specified"}
                        ]}}
                    },
                    {"status": 202, "data": null, "headers": {"x-request-id": "abc"}},
                    {"status": 404, "data": {"message": "event not found"}},
                    {"status": 503}
                ], "request_id": "unknown-extra"})
                .to_string(),
            )
            .create_async()
            .await;
        let client = client(&server);
        let batch = every_operation();

        let result = match caller {
            Caller::User => {
                cronofy::events::execute_batch(&client, &UserToken::new(USER_TOKEN), &batch).await
            }
            Caller::OrgMember => {
                let org = OrgToken::new(ORG_TOKEN);
                cronofy::events::execute_batch(&client, &org.impersonate(MEMBER_SUB), &batch).await
            }
            Caller::AppMember => {
                let app = AppCredentials::new(CLIENT_ID, CLIENT_SECRET);
                cronofy::events::execute_batch(&client, &app.impersonate(MEMBER_SUB), &batch).await
            }
        };

        mock.assert_async().await;
        let response = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        assert_eq!(response.batch.len(), batch.len());
        assert!(!response.all_succeeded());
        let results = response.results();
        assert!(results[0].is_ok());
        assert!(results[2].is_ok());
        // Each failed entry is the typed error a single call would have returned.
        match &results[1] {
            Err(cronofy::Error::Validation { errors }) => {
                assert_eq!(errors.field("summary")[0].key, "errors.required");
            }
            other => panic!("expected a validation error, got {other:?}"),
        }

        let failures = response.failures();
        let invalid = &failures[0].1;
        assert_eq!(failures[0].0, 1);
        assert_eq!(invalid.status, 422);
        let errors = invalid.errors.as_ref().expect("the 422's errors map");
        assert_eq!(errors.field("summary")[0].key, "errors.required");
        assert_eq!(
            errors.field("summary")[0].description.as_deref(),
            Some("summary must be specified")
        );
        assert_eq!(
            invalid.to_string(),
            "Cronofy rejected this operation's content (422): summary: summary must be specified (errors.required)"
        );

        match &results[3] {
            Err(cronofy::Error::NotFound { body }) => {
                assert!(body.as_str().contains("event not found"), "{body}");
            }
            other => panic!("expected NotFound, got {other:?}"),
        }
        let missing = &failures[1].1;
        assert_eq!(missing.status, 404);
        assert_eq!(missing.errors, None);
        assert_eq!(missing.data, Some(json!({"message": "event not found"})));
        assert!(missing.to_string().contains("404"));

        match &results[4] {
            Err(cronofy::Error::Server { status, .. }) => assert_eq!(status.as_u16(), 503),
            other => panic!("expected a server error, got {other:?}"),
        }
        let unavailable = &failures[2].1;
        assert_eq!(unavailable.status, 503);
        assert_eq!(unavailable.data, None);
        assert!(unavailable.to_string().contains("503"));

        let failed: Vec<(usize, u16)> = response
            .failures()
            .into_iter()
            .map(|(i, e)| (i, e.status))
            .collect();
        assert_eq!(failed, [(1, 422), (3, 404), (4, 503)]);
    }
}

#[tokio::test]
async fn a_batch_that_all_succeeds_and_a_null_batch_decode() {
    let mut server = Server::new_async().await;
    let all_ok = server
        .mock("POST", "/v1/batch")
        .match_header(
            "authorization",
            Matcher::Exact(format!("Bearer {USER_TOKEN}")),
        )
        .expect(1)
        .with_status(207)
        .with_body(json!({"batch": [{"status": 202}, {"status": 200, "data": {}}]}).to_string())
        .create_async()
        .await;
    let mut batch = ExecuteBatch::new();
    batch
        .delete_event("cal_1", &DeleteEvent::new("a"))
        .unwrap()
        .delete_event("cal_1", &DeleteEvent::new("b"))
        .unwrap();

    let response =
        cronofy::events::execute_batch(&client(&server), &UserToken::new(USER_TOKEN), &batch)
            .await
            .unwrap();

    all_ok.assert_async().await;
    assert!(response.all_succeeded());
    assert!(response.failures().is_empty());
    assert!(response.results().iter().all(Result::is_ok));

    let mut server = Server::new_async().await;
    let null = server
        .mock("POST", "/v1/batch")
        .with_status(207)
        .with_body(r#"{"batch": null}"#)
        .create_async()
        .await;
    let response =
        cronofy::events::execute_batch(&client(&server), &UserToken::new(USER_TOKEN), &batch)
            .await
            .unwrap();
    null.assert_async().await;
    assert!(response.batch.is_empty());
}

#[tokio::test]
async fn a_422_for_the_whole_batch_is_the_ordinary_validation_error() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/batch")
        .expect(1)
        .with_status(422)
        .with_body(
            json!({"errors": {"batch": [{"key": "errors.required", "description": "required"}]}})
                .to_string(),
        )
        .create_async()
        .await;

    let result = cronofy::events::execute_batch(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &ExecuteBatch::new(),
    )
    .await;

    mock.assert_async().await;
    match result {
        Err(cronofy::Error::Validation { errors }) => {
            assert_eq!(errors.field("batch")[0].key, "errors.required");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Every documented field of an event, written and read
// ---------------------------------------------------------------------------------------------

/// An upsert with every field Cronofy documents set.
fn every_field_event() -> UpsertEvent {
    UpsertEvent::new(
        "booking-44",
        "Weekly sync",
        cronofy::time::EventTime::zoned(utc("2026-11-23T09:00:00Z"), "Europe/London"),
        cronofy::time::EventTime::zoned(utc("2026-11-23T09:30:00Z"), "America/New_York"),
    )
    .description("Agenda: status")
    .tzid("Europe/London")
    .location_details(Location::described("Head office").at(51.5072, -0.1276))
    .url("https://example.com/syncs/44")
    .reminders([Reminder::minutes_before(0), Reminder::minutes_before(15)])
    .reminders_create_only(true)
    .transparency(Transparency::Opaque)
    .extended_transparency(ExtendedTransparency::WorkingElsewhere)
    .color("#49BED8")
    .event_private(true)
    .conferencing(Conferencing::explicit("Zoom", "https://zoom.us/j/5551234"))
    .subscriptions([ConferencingSubscription::webhook(
        "https://example.com/conferencing",
        [
            ConferencingInteraction::Assigned,
            ConferencingInteraction::Failing,
        ],
    )])
    .locale("en")
    .invite([
        Invitee::new("ada@example.com").display_name("Ada Lovelace"),
        Invitee::new("grace@example.com"),
    ])
    .remove_attendees([Invitee::new("charles@example.com")])
    .recurrence(Recurrence::new(
        RecurrenceRule::new(Frequency::Weekly)
            .by_day([Weekday::Monday])
            .interval(1)
            .count(10),
    ))
    .attachments(["att_3f6b0cd5c2"])
}

fn every_field_event_json() -> serde_json::Value {
    json!({
        "event_id": "booking-44",
        "summary": "Weekly sync",
        "start": {"time": "2026-11-23T09:00:00Z", "tzid": "Europe/London"},
        "end": {"time": "2026-11-23T09:30:00Z", "tzid": "America/New_York"},
        "description": "Agenda: status",
        "tzid": "Europe/London",
        "location": {"description": "Head office", "lat": "51.5072", "long": "-0.1276"},
        "url": "https://example.com/syncs/44",
        "reminders": [{"minutes": 0}, {"minutes": 15}],
        "reminders_create_only": true,
        "transparency": "opaque",
        "extended_transparency": "working_elsewhere",
        "color": "#49BED8",
        "event_private": true,
        "conferencing": {
            "profile_id": "explicit",
            "provider_description": "Zoom",
            "join_url": "https://zoom.us/j/5551234"
        },
        "subscriptions": [{
            "type": "webhook",
            "uri": "https://example.com/conferencing",
            "interactions": [{"type": "conferencing_assigned"}, {"type": "conferencing_failing"}]
        }],
        "locale": "en",
        "attendees": {
            "invite": [
                {"email": "ada@example.com", "display_name": "Ada Lovelace"},
                {"email": "grace@example.com"}
            ],
            "remove": [{"email": "charles@example.com"}]
        },
        "recurrence": {"rules": [{"frequency": "weekly", "by_day": ["monday"], "interval": 1, "count": 10}]},
        "attachments": [{"attachment_id": "att_3f6b0cd5c2"}],
        "event_classes": "work"
    })
}

#[tokio::test]
async fn upsert_event_sends_every_documented_field_and_others_through_field() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/calendars/cal_n23kjnwrw2_jsdfjksn234/events",
            caller.bearer(),
            caller.impersonated(),
            every_field_event_json(),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);
        // `event_classes` is documented by one source only, with no type: the escape hatch.
        let event = every_field_event().field("event_classes", "work");

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

#[test]
fn every_name_upsert_event_models_is_sent_by_some_setter_and_field_refuses_each() {
    let mut sent: Vec<String> = every_field_event_json()
        .as_object()
        .unwrap()
        .keys()
        .filter(|name| *name != "event_classes")
        .cloned()
        .collect();
    // The external form sends `event_uid` instead of `event_id`.
    sent.push("event_uid".to_owned());
    sent.sort_unstable();
    let mut modeled: Vec<String> = UpsertEvent::MODELED
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    modeled.sort_unstable();
    assert_eq!(sent, modeled);
    for name in UpsertEvent::MODELED {
        let refused = serde_json::to_string(&every_field_event().field(*name, "x")).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains(&format!("`{name}` is a field UpsertEvent models")),
            "{name}: {refused}"
        );
    }
}

/// Runs `upsert_event` with `event` against a server that must see no request, and returns
/// the error.
async fn refused_upsert(event: &UpsertEvent) -> Error {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let result = cronofy::events::upsert_event(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        CALENDAR_ID,
        event,
    )
    .await;
    mock.assert_async().await;
    result.expect_err("the request must be refused before it is sent")
}

#[tokio::test]
async fn documented_rules_refuse_an_upsert_before_anything_is_sent() {
    let base = || {
        UpsertEvent::new(
            "booking-45",
            "Call",
            at("2026-11-23T09:00:00Z"),
            at("2026-11-23T09:30:00Z"),
        )
    };
    let cases: Vec<(UpsertEvent, &str)> = vec![
        (
            base().invite([Invitee::new("")]),
            "`attendees.email` must not be empty",
        ),
        (
            base().remove_attendees([Invitee::new("not-an-address")]),
            "`attendees.email` must be an email address, not \"not-an-address\"",
        ),
        (
            base().reminders([Reminder::minutes_before(-5)]),
            "a reminder of -5 minutes: Cronofy takes 0 to 40320 minutes before the start",
        ),
        (
            base().reminders([Reminder::minutes_before(40_321)]),
            "a reminder of 40321 minutes: Cronofy takes 0 to 40320 minutes before the start",
        ),
        (
            base().description("d".repeat(4097)),
            "`description` is 4097 characters long; Cronofy takes at most 4096",
        ),
        (
            UpsertEvent::new("x", "s".repeat(1025), at("2026-11-23"), at("2026-11-24")),
            "`summary` is 1025 characters long; Cronofy takes at most 1024",
        ),
        (
            base().recurrence(Recurrence::new(
                RecurrenceRule::new(Frequency::Daily).count(0),
            )),
            "a recurrence rule's `count` is 0; it must be at least 1",
        ),
        (
            base().field("summary", "Other"),
            "`summary` is a field UpsertEvent models: set it with UpsertEvent's own method, not `.field()`",
        ),
    ];
    for (event, reason) in cases {
        match refused_upsert(&event).await {
            Error::InvalidRequest { reason: got } => assert_eq!(got, reason),
            other => panic!("expected InvalidRequest({reason}), got {other:?}"),
        }
    }
    // Exactly at the limits is fine.
    let at_limits = base()
        .reminders([
            Reminder::minutes_before(0),
            Reminder::minutes_before(40_320),
        ])
        .description("d".repeat(4096));
    assert!(serde_json::to_value(&at_limits).is_ok());
}

#[test]
fn a_batch_refuses_an_invalid_upsert_and_keeps_its_other_operations() {
    let mut batch = ExecuteBatch::new();
    batch
        .upsert_event(
            CALENDAR_ID,
            &UpsertEvent::new("ok", "Fine", at("2026-11-23"), at("2026-11-24")),
        )
        .unwrap();
    let refused = batch.upsert_event(
        CALENDAR_ID,
        &UpsertEvent::new("bad", "Reminder", at("2026-11-23"), at("2026-11-24"))
            .reminders([Reminder::minutes_before(-5)]),
    );
    assert_eq!(
        refused.unwrap_err(),
        BatchError::InvalidRequest {
            reason: "a reminder of -5 minutes: Cronofy takes 0 to 40320 minutes before the start"
                .to_owned()
        }
    );
    assert_eq!(batch.len(), 1);
}

#[tokio::test]
async fn read_events_decodes_every_documented_field_and_keeps_unknown_ones() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/events?tzid=Etc%2FUTC",
        USER_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "pages": {"current": 1, "total": 1},
            "events": [
                {
                    "calendar_id": "cal_n23kjnwrw2_jsdfjksn234",
                    "event_uid": "evt_external_54008b1a4a41730f8d5c6037",
                    "event_id": "booking-44",
                    "google_event_id": "5qn1b3ocfn9f3v0o3p6ha4gl4k",
                    "summary": "Weekly sync",
                    "description": "Agenda: status",
                    "start": {"time": "2026-11-23T09:00:00Z", "tzid": "Europe/London"},
                    "end": {"time": "2026-11-23T09:30:00Z", "tzid": "Europe/London"},
                    "deleted": false,
                    "created": "2026-11-01T08:00:01Z",
                    "updated": "2026-11-01T09:24:16Z",
                    "location": {"description": "Head office", "lat": "51.5072", "long": "-0.1276", "room": "4.02"},
                    "participation_status": "accepted",
                    "attendees": [
                        {"email": "ada@example.com", "display_name": "Ada Lovelace", "status": "accepted"},
                        {"email": "grace@example.com", "display_name": null, "status": "maybe_later"}
                    ],
                    "organizer": {"email": "jane@example.com", "display_name": "Jane Doe"},
                    "transparency": "opaque",
                    "extended_transparency": "working_elsewhere",
                    "status": "confirmed",
                    "categories": ["Blue category"],
                    "recurring": true,
                    "series_identifier": "ser_7ad0c2e1",
                    "event_private": true,
                    "options": {"delete": true, "update": false, "change_participation_status": true, "reschedule": false},
                    "conferencing": {"provider_name": "zoom", "join_url": "https://zoom.us/j/5551234"},
                    "meeting_url": "https://zoom.us/j/5551234",
                    "added_next_year": {"nested": [1, 2]}
                },
                {
                    "calendar_id": "cal_n23kjnwrw2_jsdfjksn234",
                    "start": "2026-11-27",
                    "end": "2026-11-28"
                },
                {
                    "calendar_id": "cal_n23kjnwrw2_jsdfjksn234",
                    "event_uid": "evt_external_6b7c",
                    "start": "2026-11-29",
                    "end": "2026-11-30",
                    "deleted": null,
                    "attendees": null,
                    "categories": null,
                    "event_status": "cancelled",
                    "location": {"description": "Old office", "latitude": "51.0", "longitude": "-0.5"}
                }
            ]
        }),
    )
    .await;

    let page = cronofy::events::read_events(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &ReadEvents::new("Etc/UTC"),
    )
    .await;

    mock.assert_async().await;
    let page = page.unwrap();
    // Every optional field present.
    let full = &page.items[0];
    assert_eq!(full.event_id.as_deref(), Some("booking-44"));
    assert_eq!(
        full.google_event_id.as_deref(),
        Some("5qn1b3ocfn9f3v0o3p6ha4gl4k")
    );
    assert_eq!(full.description.as_deref(), Some("Agenda: status"));
    assert_eq!(
        full.start,
        cronofy::time::EventTime::zoned(utc("2026-11-23T09:00:00Z"), "Europe/London")
    );
    assert_eq!(full.created, Some(utc("2026-11-01T08:00:01Z")));
    assert_eq!(full.updated, Some(utc("2026-11-01T09:24:16Z")));
    let location = full.location.as_ref().unwrap();
    assert_eq!(
        (
            location.description.as_deref(),
            location.lat.as_deref(),
            location.long.as_deref()
        ),
        (Some("Head office"), Some("51.5072"), Some("-0.1276"))
    );
    assert_eq!(location.extra["room"], "4.02");
    assert_eq!(full.participation_status, Some(AttendeeStatus::Accepted));
    assert_eq!(full.attendees.len(), 2);
    assert_eq!(full.attendees[0].email, "ada@example.com");
    assert_eq!(
        full.attendees[0].display_name.as_deref(),
        Some("Ada Lovelace")
    );
    assert_eq!(full.attendees[0].status, Some(AttendeeStatus::Accepted));
    assert_eq!(full.attendees[1].display_name, None);
    // A status this crate does not know yet is kept, not an error.
    assert_eq!(
        full.attendees[1].status,
        Some(AttendeeStatus::Unknown("maybe_later".to_owned()))
    );
    let organizer = full.organizer.as_ref().unwrap();
    assert_eq!(organizer.email.as_deref(), Some("jane@example.com"));
    assert_eq!(organizer.display_name.as_deref(), Some("Jane Doe"));
    assert_eq!(full.transparency, Some(Transparency::Opaque));
    assert_eq!(
        full.extended_transparency,
        Some(ExtendedTransparency::WorkingElsewhere)
    );
    assert_eq!(full.status, Some(EventStatus::Confirmed));
    assert_eq!(full.categories, ["Blue category"]);
    assert_eq!(full.recurring, Some(true));
    assert_eq!(full.series_identifier.as_deref(), Some("ser_7ad0c2e1"));
    assert_eq!(full.event_private, Some(true));
    let options = full.options.as_ref().unwrap();
    assert_eq!(
        (
            options.delete,
            options.update,
            options.change_participation_status
        ),
        (Some(true), Some(false), Some(true))
    );
    assert_eq!(options.extra["reschedule"], false);
    let conferencing = full.conferencing.as_ref().unwrap();
    assert_eq!(conferencing.provider_name.as_deref(), Some("zoom"));
    assert_eq!(
        conferencing.join_url.as_deref(),
        Some("https://zoom.us/j/5551234")
    );
    assert_eq!(
        full.meeting_url.as_deref(),
        Some("https://zoom.us/j/5551234")
    );
    assert_eq!(full.extra["added_next_year"], json!({"nested": [1, 2]}));
    assert_eq!(full.extra.len(), 1);

    // Every optional field absent.
    let bare = &page.items[1];
    assert_eq!(bare.start, at("2026-11-27"));
    assert_eq!(
        (
            &bare.event_uid,
            &bare.event_id,
            &bare.google_event_id,
            &bare.summary,
            &bare.description
        ),
        (&None, &None, &None, &None, &None)
    );
    assert!(!bare.deleted);
    assert_eq!((bare.created, bare.updated), (None, None));
    assert_eq!(bare.location, None);
    assert_eq!(bare.participation_status, None);
    assert!(bare.attendees.is_empty());
    assert_eq!(bare.organizer, None);
    assert_eq!(
        (
            &bare.transparency,
            &bare.extended_transparency,
            &bare.status
        ),
        (&None, &None, &None)
    );
    assert!(bare.categories.is_empty());
    assert_eq!(
        (bare.recurring, &bare.series_identifier, bare.event_private),
        (None, &None, None)
    );
    assert_eq!(
        (&bare.options, &bare.conferencing, &bare.meeting_url),
        (&None, &None, &None)
    );
    assert!(bare.extra.is_empty());

    // `null`s, and the older names `event_status`, `latitude` and `longitude`.
    let older = &page.items[2];
    assert!(!older.deleted);
    assert!(older.attendees.is_empty() && older.categories.is_empty());
    assert_eq!(older.status, Some(EventStatus::Cancelled));
    let location = older.location.as_ref().unwrap();
    assert_eq!(
        (location.lat.as_deref(), location.long.as_deref()),
        (Some("51.0"), Some("-0.5"))
    );
}

#[tokio::test]
async fn a_response_that_breaks_the_documented_shape_is_a_decode_error_not_a_panic() {
    for body in [
        json!({"events": [{"calendar_id": "cal_1", "start": "2026-11-23", "end": "2026-11-24", "attendees": [{"display_name": "no email"}]}]}),
        json!({"events": [{"calendar_id": "cal_1", "start": "2026-11-23", "end": "2026-11-24", "status": 7}]}),
        json!({"events": [{"calendar_id": "cal_1", "start": "not a time", "end": "2026-11-24"}]}),
    ] {
        let mut server = Server::new_async().await;
        let mock = respond_json(
            expect_bodyless(
                &mut server,
                "GET",
                "/v1/events?tzid=Etc%2FUTC",
                USER_TOKEN,
                None,
            ),
            body,
        )
        .await;
        let result = cronofy::events::read_events(
            &client(&server),
            &UserToken::new(USER_TOKEN),
            &ReadEvents::new("Etc/UTC"),
        )
        .await;
        mock.assert_async().await;
        assert!(matches!(result, Err(Error::Decode { .. })), "{result:?}");
    }
}

#[test]
fn a_batch_carries_available_period_upserts_and_deletions() {
    use cronofy::availability::{DeleteAvailablePeriod, UpsertAvailablePeriod};
    let mut batch = ExecuteBatch::new();
    batch
        .upsert_available_period(&UpsertAvailablePeriod::new(
            "qTtZdczOccgaPncGJaCiLg",
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z"),
        ))
        .unwrap()
        .delete_available_period(&DeleteAvailablePeriod::new("qTtZdczOccgaPncGJaCiLg"))
        .unwrap()
        .delete_available_period(&DeleteAvailablePeriod::all())
        .unwrap();
    assert_eq!(
        serde_json::to_value(&batch).unwrap(),
        json!({"batch": [
            {
                "method": "POST",
                "relative_url": "/v1/available_periods",
                "data": {
                    "available_period_id": "qTtZdczOccgaPncGJaCiLg",
                    "start": "2026-11-23T09:00:00Z",
                    "end": "2026-11-23T17:00:00Z"
                }
            },
            {
                "method": "DELETE",
                "relative_url": "/v1/available_periods",
                "data": {"available_period_id": "qTtZdczOccgaPncGJaCiLg"}
            },
            {"method": "DELETE", "relative_url": "/v1/available_periods", "data": {"delete_all": true}}
        ]})
    );
}
