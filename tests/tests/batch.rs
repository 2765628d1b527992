//! The batch endpoint: the typed builder (operations, encoding, the 50-operation limit), the
//! request it sends, and the 207 answer mapped per operation to success or error.

use cronofy::events::{BatchError, DeleteEvent, ExecuteBatch, ParticipationStatus, UpsertEvent};
use cronofy::time::UtcTime;
use cronofy::{AppCredentials, Client, Method, OrgToken, UserToken};
use mockito::{Matcher, Server, ServerGuard};
use serde_json::json;

const USER_TOKEN: &str = "user-token-B4tch9dkL3mQ0pZ8xV2nC7sA";
const ORG_TOKEN: &str = "org-token-B4tch3kdL0qP9sM2nX7vZ1cA";
const CLIENT_ID: &str = "cronofy-rs-batch-client";
const CLIENT_SECRET: &str = "client-secret-B4tchQ0dk39sLm2Zx8Vn";
const MEMBER_SUB: &str = "acc_64b17d868090ea21640c914c";

/// A real-world calendar id with `@`, which must be encoded inside its segment.
const CALENDAR_WITH_AT: &str = "cal_U9uuErStTG@EAAAB_IsAsykA2DBTWqQTf-f0kJw";
const CALENDAR_PATH: &str = "/v1/calendars/cal_U9uuErStTG%40EAAAB_IsAsykA2DBTWqQTf-f0kJw/events";

fn client(server: &ServerGuard) -> Client {
    Client::builder().base_url(server.url()).build().unwrap()
}

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
