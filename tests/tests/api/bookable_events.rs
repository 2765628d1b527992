//! Bookable events (scheduling): create or update, read, list, register, remove a
//! registration. All take the application's client secret as bearer.

use cronofy::scheduling::{
    BookableEventStatus, RegistrationStatus, UpsertBookableEvent, UpsertBookableEventRegistration,
};
use mockito::Server;
use serde_json::json;

use crate::support::*;

/// Cronofy's documented read example, with an unknown field at each level.
fn full_event() -> serde_json::Value {
    json!({
        "bookable_event_id": "83hi8qhfiaif",
        "start": "2026-09-17T15:30:00Z",
        "end": "2026-09-17T17:00:00Z",
        "status": "confirmed",
        "summary": "Yoga",
        "registration": {
            "capacity": 5,
            "registered_count": 1,
            "total_count": 2,
            "waitlist_count": 0,
            "registrations": [
                {
                    "registration_id": "328746",
                    "status": "accepted",
                    "metadata": {"name": "Lashmi Sundar"},
                    "created": "2026-09-01T10:00:00Z"
                },
                {
                    "registration_id": "247629",
                    "status": "waitlisted",
                    "metadata": null
                }
            ],
            "pages": {
                "current": 1,
                "total": 2,
                "next_page": "https://api.cronofy.com/v1/bookable_events/83hi8qhfiaif/registrations/pages/08a07b034306679e"
            }
        }
    })
}

fn assert_full_event(event: &cronofy::scheduling::BookableEvent) {
    assert_eq!(event.bookable_event_id, "83hi8qhfiaif");
    assert_eq!(event.start, utc("2026-09-17T15:30:00Z"));
    assert_eq!(event.end, utc("2026-09-17T17:00:00Z"));
    assert_eq!(event.status, BookableEventStatus::Confirmed);
    assert_eq!(event.extra["summary"], "Yoga");
    let registration = event.registration.as_ref().unwrap();
    assert_eq!(registration.capacity, Some(5));
    assert_eq!(registration.registered_count, Some(1));
    assert_eq!(registration.total_count, Some(2));
    assert_eq!(registration.extra["waitlist_count"], 0);
    let list = &registration.registrations;
    assert_eq!(list[0].registration_id, "328746");
    assert_eq!(list[0].status, RegistrationStatus::Accepted);
    assert_eq!(list[0].metadata.as_ref().unwrap()["name"], "Lashmi Sundar");
    assert_eq!(list[0].extra["created"], "2026-09-01T10:00:00Z");
    assert_eq!(
        list[1].status,
        RegistrationStatus::Unknown("waitlisted".to_owned())
    );
    assert_eq!(list[1].metadata, None);
    let pages = registration.pages.as_ref().unwrap();
    assert_eq!((pages.current, pages.total), (1, 2));
    assert!(
        pages
            .next_page
            .as_deref()
            .unwrap()
            .ends_with("/08a07b034306679e")
    );
}

/// Only what is always there: no registration object at all.
fn minimal_event() -> serde_json::Value {
    json!({
        "bookable_event_id": "83hi8qhfiaif",
        "start": "2026-09-17T15:30:00Z",
        "end": "2026-09-17T17:00:00Z",
        "status": "cancelled"
    })
}

fn assert_minimal_event(event: &cronofy::scheduling::BookableEvent) {
    assert_eq!(event.status, BookableEventStatus::Cancelled);
    assert_eq!(event.registration, None);
    assert!(event.extra.is_empty());
}

fn yoga() -> UpsertBookableEvent {
    UpsertBookableEvent::new(
        "83hi8qhfiaif",
        utc("2026-09-17T15:30:00Z"),
        utc("2026-09-17T17:00:00Z"),
        BookableEventStatus::Confirmed,
        5,
    )
}

#[tokio::test]
async fn upsert_bookable_event_posts_the_event_and_decodes_every_field() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/bookable_events",
        CLIENT_SECRET,
        None,
        json!({
            "bookable_event_id": "83hi8qhfiaif",
            "start": "2026-09-17T15:30:00Z",
            "end": "2026-09-17T17:00:00Z",
            "status": "confirmed",
            "registration": {"capacity": 5},
            "summary": "Yoga"
        }),
    );
    let mock = respond_json(mock, full_event()).await;

    let result = cronofy::scheduling::upsert_bookable_event(
        &client(&server),
        &app(),
        &yoga().field("summary", "Yoga"),
    )
    .await;

    mock.assert_async().await;
    assert_full_event(&result.unwrap());
}

#[tokio::test]
async fn upsert_bookable_event_decodes_an_event_without_registrations() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/bookable_events",
        CLIENT_SECRET,
        None,
        json!({
            "bookable_event_id": "83hi8qhfiaif",
            "start": "2026-09-17T15:30:00Z",
            "end": "2026-09-17T17:00:00Z",
            "status": "cancelled",
            "registration": {"capacity": 256}
        }),
    );
    let mock = respond_json(mock, minimal_event()).await;
    let event = UpsertBookableEvent::new(
        "83hi8qhfiaif",
        utc("2026-09-17T15:30:00Z"),
        utc("2026-09-17T17:00:00Z"),
        BookableEventStatus::Cancelled,
        256,
    );

    let result = cronofy::scheduling::upsert_bookable_event(&client(&server), &app(), &event).await;

    mock.assert_async().await;
    assert_minimal_event(&result.unwrap());
}

#[tokio::test]
async fn upsert_bookable_event_refuses_a_bad_capacity_id_or_modeled_field_before_sending() {
    let mut server = Server::new_async().await;
    let nothing = expect_nothing_sent(&mut server, "POST").await;
    let client = client(&server);
    let app = app();
    let at = |id: &str, capacity| {
        UpsertBookableEvent::new(
            id,
            utc("2026-09-17T15:30:00Z"),
            utc("2026-09-17T17:00:00Z"),
            BookableEventStatus::Confirmed,
            capacity,
        )
    };
    for (event, expected) in [
        (
            at("a", 0),
            "`registration.capacity` must be between 1 and 256, not 0",
        ),
        (
            at("a", 257),
            "`registration.capacity` must be between 1 and 256, not 257",
        ),
        (
            at("a.b", 5),
            "`bookable_event_id` may only contain letters, digits, `_` and `-`, not '.'",
        ),
        (at("", 5), "`bookable_event_id` must not be empty"),
        (
            yoga().field("status", "cancelled"),
            "`status` is a field UpsertBookableEvent models: set it with UpsertBookableEvent's own method, not `.field()`",
        ),
    ] {
        let reason =
            refusal(cronofy::scheduling::upsert_bookable_event(&client, &app, &event).await);
        assert_eq!(reason, expected);
    }
    nothing.assert_async().await;
}

#[tokio::test]
async fn read_bookable_event_gets_it_by_id() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/bookable_events/83hi8qhfiaif",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(mock, full_event()).await;

    let result =
        cronofy::scheduling::read_bookable_event(&client(&server), &app(), "83hi8qhfiaif").await;

    mock.assert_async().await;
    assert_full_event(&result.unwrap());
}

#[tokio::test]
async fn read_bookable_event_with_only_what_is_always_there() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/bookable_events/yoga%2F1",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(mock, minimal_event()).await;

    let result = cronofy::scheduling::read_bookable_event(&client(&server), &app(), "yoga/1").await;

    mock.assert_async().await;
    assert_minimal_event(&result.unwrap());
}

#[tokio::test]
async fn list_bookable_events_reads_a_page_of_them() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/bookable_events",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "bookable_events": [full_event(), minimal_event()],
            "pages": {"current": 1, "total": 1}
        }),
    )
    .await;

    let result = cronofy::scheduling::list_bookable_events(&client(&server), &app()).await;

    mock.assert_async().await;
    let page = result.unwrap();
    assert_full_event(&page.items[0]);
    assert_minimal_event(&page.items[1]);
    assert_eq!(page.next_page(), None);
}

#[tokio::test]
async fn list_bookable_events_with_none() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/bookable_events",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(mock, json!({"bookable_events": null})).await;

    let result = cronofy::scheduling::list_bookable_events(&client(&server), &app()).await;

    mock.assert_async().await;
    let page = result.unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.pages, None);
}

#[tokio::test]
async fn upsert_bookable_event_registration_posts_the_registration_with_its_metadata() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/bookable_events/83hi8qhfiaif/registrations",
        CLIENT_SECRET,
        None,
        json!({
            "registration_id": "87326",
            "status": "accepted",
            "metadata": {
                "email": "a@company.com",
                "name": "Bill the One",
                "locale": "en-US",
                "zoneinfo": "America/Chicago"
            },
            "notes": "front row"
        }),
    );
    let mock = respond_json(mock, full_event()).await;
    let registration = UpsertBookableEventRegistration::new("87326", RegistrationStatus::Accepted)
        .metadata("email", "a@company.com")
        .metadata("name", "Bill the One")
        .metadata("locale", "en-US")
        .metadata("zoneinfo", "America/Chicago")
        .field("notes", "front row");

    let result = cronofy::scheduling::upsert_bookable_event_registration(
        &client(&server),
        &app(),
        "83hi8qhfiaif",
        &registration,
    )
    .await;

    mock.assert_async().await;
    assert_full_event(&result.unwrap());
}

#[tokio::test]
async fn upsert_bookable_event_registration_without_metadata() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/bookable_events/83hi8qhfiaif/registrations",
        CLIENT_SECRET,
        None,
        json!({"registration_id": "87326", "status": "pending"}),
    );
    let mock = respond_json(mock, minimal_event()).await;

    let result = cronofy::scheduling::upsert_bookable_event_registration(
        &client(&server),
        &app(),
        "83hi8qhfiaif",
        &UpsertBookableEventRegistration::new("87326", RegistrationStatus::Pending),
    )
    .await;

    mock.assert_async().await;
    assert_minimal_event(&result.unwrap());
}

#[tokio::test]
async fn upsert_bookable_event_registration_refuses_too_much_metadata_or_a_bad_id() {
    let mut server = Server::new_async().await;
    let nothing = expect_nothing_sent(&mut server, "POST").await;
    let client = client(&server);
    let mut crowded = UpsertBookableEventRegistration::new("r1", RegistrationStatus::Accepted);
    for i in 0..11 {
        crowded = crowded.metadata(format!("key{i}"), i);
    }
    for (registration, expected) in [
        (crowded, "`metadata` may have at most 10 entries, not 11"),
        (
            UpsertBookableEventRegistration::new("r 1", RegistrationStatus::Accepted),
            "`registration_id` may only contain letters, digits, `_` and `-`, not ' '",
        ),
        (
            UpsertBookableEventRegistration::new("r1", RegistrationStatus::Accepted)
                .field("metadata", json!({})),
            "`metadata` is a field UpsertBookableEventRegistration models: set it with UpsertBookableEventRegistration's own method, not `.field()`",
        ),
    ] {
        let reason = refusal(
            cronofy::scheduling::upsert_bookable_event_registration(
                &client,
                &app(),
                "yoga",
                &registration,
            )
            .await,
        );
        assert_eq!(reason, expected);
    }
    nothing.assert_async().await;
}

#[tokio::test]
async fn delete_bookable_event_registration_deletes_it_by_both_ids() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "DELETE",
        "/v1/bookable_events/83hi8qhfiaif/registrations/87326",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "bookable_event_id": "83hi8qhfiaif",
            "start": "2026-09-17T12:30:00Z",
            "end": "2026-09-17T17:00:00Z",
            "status": "confirmed",
            "registration": {
                "capacity": null,
                "registered_count": 0,
                "total_count": 1,
                "registrations": [
                    {"registration_id": "87326", "status": "removed", "metadata": null}
                ]
            }
        }),
    )
    .await;

    let result = cronofy::scheduling::delete_bookable_event_registration(
        &client(&server),
        &app(),
        "83hi8qhfiaif",
        "87326",
    )
    .await;

    mock.assert_async().await;
    let registration = result.unwrap().registration.unwrap();
    assert_eq!(registration.capacity, None, "null is unlimited");
    assert_eq!(registration.registered_count, Some(0));
    assert_eq!(
        registration.registrations[0].status,
        RegistrationStatus::Removed
    );
    assert_eq!(registration.registrations[0].metadata, None);
    assert_eq!(registration.pages, None);
}
