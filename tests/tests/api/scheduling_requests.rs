//! Scheduling Requests: creating one (the organization naming a host or host group, or a
//! member impersonated as the host) and querying them.

use cronofy::scheduling::{
    CollaboratorGroup, CreateSchedulingRequest, HostGroup, QuerySchedulingRequests,
    SchedulerRecipient, SlotSelection,
};
use cronofy::time::Minutes;
use cronofy::{AppCredentials, OrgToken};
use mockito::Server;
use serde_json::json;

use crate::support::*;

fn full_request() -> CreateSchedulingRequest {
    CreateSchedulingRequest::new(
        "Driving lessons - Marty & Doc",
        [
            SchedulerRecipient::new("marty@evenitron.com")
                .display_name("Marty McFly")
                .slot_selector(true),
            SchedulerRecipient::new("doc@evenitron.com").slot_selector(false),
        ],
    )
    .host(MEMBER_SUB)
    .collaborator_group(CollaboratorGroup::new(
        "Technical Assistant Pool",
        [
            "acc_61815034636bd5c5ce4fwd",
            "acc_61815034636bd5c5ce48a4",
            "acc_61815034636bd5c5ce29c7",
        ],
        1,
    ))
    .description("Don't forget your video camera")
    .location("Hill Valley")
    .duration(Minutes::new(60))
    .locale("en")
    .tag("Urgent")
    .tag("In-person")
    .availability_mode("next_14_days")
    .field("callback_url", "https://example.com/scheduling")
}

fn full_body() -> serde_json::Value {
    json!({
        "host": {"sub": MEMBER_SUB},
        "recipients": [
            {"email": "marty@evenitron.com", "display_name": "Marty McFly", "slot_selector": true},
            {"email": "doc@evenitron.com", "slot_selector": false}
        ],
        "collaborator_groups": [
            {
                "name": "Technical Assistant Pool",
                "members": [
                    {"sub": "acc_61815034636bd5c5ce4fwd"},
                    {"sub": "acc_61815034636bd5c5ce48a4"},
                    {"sub": "acc_61815034636bd5c5ce29c7"}
                ],
                "required": 1
            }
        ],
        "event": {
            "summary": "Driving lessons - Marty & Doc",
            "description": "Don't forget your video camera",
            "location": {"description": "Hill Valley"},
            "duration": {"minutes": 60},
            "locale": "en"
        },
        "tags": [{"value": "Urgent"}, {"value": "In-person"}],
        "availability_mode": "next_14_days",
        "callback_url": "https://example.com/scheduling"
    })
}

/// Cronofy's query example, every documented field present, plus unknown ones.
fn full_scheduling_request() -> serde_json::Value {
    json!({
        "scheduling_request_id": "srq_52b65401a5d87bb4f0bee44e",
        "slot_selection": "pending",
        "primary_select_url": "https://app.cronofy.com/rts/VFbnUVCv",
        "dashboard_url": "https://app.cronofy.com/scheduler/requests/52b65401a5d87bb4f0bee44e",
        "summary": "Driving test - Marty & Doc",
        "duration": {"minutes": 30},
        "buffer": {"before": {"minutes": 10}, "after": {"minutes": 5}, "unit": "minutes"},
        "recipient_operations": {
            "view_url": "https://app.cronofy.com/rts/VFbnUVCv",
            "decline_url": "https://app.cronofy.com/rts/VFbnUVCv/decline",
            "reschedule_url": "https://app.cronofy.com/rts/VFbnUVCv/reschedule"
        },
        "recipients": [
            {
                "email": "marty@evenitron.com",
                "display_name": "Marty McFly",
                "slot_selector": true,
                "select_url": "https://app.cronofy.com/rts/VFbnUVCv",
                "status": "invited"
            }
        ],
        "collaborator_groups": [
            {
                "name": "Driving Examiners",
                "members": [
                    {"sub": "acc_61815034636bd5c5ce4fwd", "name": "Examiner"},
                    {"sub": "acc_61815034636bd5c5ce48a4"}
                ],
                "required": 1,
                "kind": "pool"
            }
        ],
        "event": {
            "summary": "Driving test - Marty & Doc",
            "description": "Bring your licence",
            "location": {"description": "Hill Valley"},
            "event_id": "evt_1"
        },
        "created": "2026-11-01T09:00:00Z"
    })
}

fn assert_full(request: &cronofy::scheduling::SchedulingRequest) {
    assert_eq!(
        request.scheduling_request_id,
        "srq_52b65401a5d87bb4f0bee44e"
    );
    assert_eq!(request.slot_selection, Some(SlotSelection::Pending));
    assert_eq!(
        request.primary_select_url.as_deref(),
        Some("https://app.cronofy.com/rts/VFbnUVCv")
    );
    assert!(
        request
            .dashboard_url
            .as_deref()
            .unwrap()
            .ends_with("0bee44e")
    );
    assert_eq!(
        request.summary.as_deref(),
        Some("Driving test - Marty & Doc")
    );
    assert_eq!(request.duration, Some(Minutes::new(30)));
    let buffer = request.buffer.as_ref().unwrap();
    assert_eq!(buffer.before, Some(Minutes::new(10)));
    assert_eq!(buffer.after, Some(Minutes::new(5)));
    assert_eq!(buffer.extra["unit"], "minutes");
    let operations = request.recipient_operations.as_ref().unwrap();
    assert_eq!(
        operations.view_url.as_deref(),
        Some("https://app.cronofy.com/rts/VFbnUVCv")
    );
    assert!(
        operations
            .decline_url
            .as_deref()
            .unwrap()
            .ends_with("/decline")
    );
    assert!(operations.extra["reschedule_url"].is_string());
    let recipient = &request.recipients[0];
    assert_eq!(recipient.email, "marty@evenitron.com");
    assert_eq!(recipient.display_name.as_deref(), Some("Marty McFly"));
    assert_eq!(recipient.slot_selector, Some(true));
    assert!(recipient.select_url.is_some());
    assert_eq!(recipient.extra["status"], "invited");
    let group = &request.collaborator_groups[0];
    assert_eq!(group.name.as_deref(), Some("Driving Examiners"));
    assert_eq!(group.members[0].sub, "acc_61815034636bd5c5ce4fwd");
    assert_eq!(group.members[0].extra["name"], "Examiner");
    assert_eq!(group.required, Some(1));
    assert_eq!(group.extra["kind"], "pool");
    let event = request.event.as_ref().unwrap();
    assert_eq!(event.summary.as_deref(), Some("Driving test - Marty & Doc"));
    assert_eq!(event.description.as_deref(), Some("Bring your licence"));
    assert_eq!(
        event.location.as_ref().unwrap().description.as_deref(),
        Some("Hill Valley")
    );
    assert_eq!(event.extra["event_id"], "evt_1");
    assert_eq!(request.extra["created"], "2026-11-01T09:00:00Z");
}

#[tokio::test]
async fn create_scheduling_request_with_the_org_token_sends_every_field() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/scheduling_requests",
        ORG_TOKEN,
        None,
        full_body(),
    );
    let mock = respond_json(
        mock,
        json!({"scheduling_request": full_scheduling_request(), "request_id": "r1"}),
    )
    .await;

    let result = cronofy::scheduling::create_scheduling_request(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
        &full_request(),
    )
    .await;

    mock.assert_async().await;
    let response = result.unwrap();
    assert_full(&response.scheduling_request);
    assert_eq!(response.extra["request_id"], "r1");
}

#[tokio::test]
async fn create_scheduling_request_as_a_member_with_a_host_group_and_a_minimal_answer() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/scheduling_requests",
            caller.bearer(),
            caller.impersonated(),
            json!({
                "host_group": {"sub": "sel_61815034636bd5c5ce40d"},
                "recipients": [{"email": "marty@evenitron.com"}],
                "event": {"summary": "Catch up"}
            }),
        );
        let mock = respond_json(
            mock,
            json!({"scheduling_request": {"scheduling_request_id": "srq_1", "recipients": null}}),
        )
        .await;
        let client = client(&server);
        let request = CreateSchedulingRequest::new(
            "Catch up",
            [SchedulerRecipient::new("marty@evenitron.com")],
        )
        .host_group(HostGroup::selection_rule("sel_61815034636bd5c5ce40d"));

        let result = as_caller!(caller, |credential| {
            cronofy::scheduling::create_scheduling_request(&client, credential, &request).await
        });

        mock.assert_async().await;
        let created = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        let request = created.scheduling_request;
        assert_eq!(request.scheduling_request_id, "srq_1");
        assert_eq!(request.slot_selection, None);
        assert_eq!(request.primary_select_url, None);
        assert_eq!(request.duration, None);
        assert_eq!(request.buffer, None);
        assert_eq!(request.recipient_operations, None);
        assert!(request.recipients.is_empty());
        assert!(request.collaborator_groups.is_empty());
        assert_eq!(request.event, None);
        assert!(request.extra.is_empty());
    }
}

#[tokio::test]
async fn create_scheduling_request_sends_a_host_group_of_members() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/scheduling_requests",
        ORG_TOKEN,
        None,
        json!({
            "host_group": {
                "name": "Support team",
                "members": [{"sub": "acc_1"}, {"sub": "acc_2"}],
                "required": 1
            },
            "recipients": [{"email": "marty@evenitron.com"}],
            "event": {"summary": "Support call"}
        }),
    );
    let mock = respond_json(
        mock,
        json!({"scheduling_request": {"scheduling_request_id": "srq_2"}}),
    )
    .await;
    let request = CreateSchedulingRequest::new(
        "Support call",
        [SchedulerRecipient::new("marty@evenitron.com")],
    )
    .host_group(HostGroup::members("Support team", ["acc_1", "acc_2"], 1));

    let result = cronofy::scheduling::create_scheduling_request(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
        &request,
    )
    .await;

    mock.assert_async().await;
    assert_eq!(
        result.unwrap().scheduling_request.scheduling_request_id,
        "srq_2"
    );
}

#[tokio::test]
async fn create_scheduling_request_refuses_a_bad_email_or_a_modeled_field() {
    let mut server = Server::new_async().await;
    let nothing = expect_nothing_sent(&mut server, "POST").await;
    let client = client(&server);
    let org = OrgToken::new(ORG_TOKEN);
    for (request, expected) in [
        (
            CreateSchedulingRequest::new("x", [SchedulerRecipient::new("")]),
            "`recipients.email` must not be empty",
        ),
        (
            CreateSchedulingRequest::new("x", [SchedulerRecipient::new("marty")]),
            "`recipients.email` must be an email address, not \"marty\"",
        ),
        (
            CreateSchedulingRequest::new("x", [SchedulerRecipient::new("a@b.c")])
                .field("tags", json!([])),
            "`tags` is a field CreateSchedulingRequest models: set it with CreateSchedulingRequest's own method, not `.field()`",
        ),
    ] {
        let reason =
            refusal(cronofy::scheduling::create_scheduling_request(&client, &org, &request).await);
        assert_eq!(reason, expected);
    }
    nothing.assert_async().await;
}

#[tokio::test]
async fn query_scheduling_requests_posts_the_ids_with_the_org_token_or_the_app_secret() {
    for org in [true, false] {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/scheduling_requests/query",
            if org { ORG_TOKEN } else { CLIENT_SECRET },
            None,
            json!({
                "scheduling_request_ids": [
                    "srq_52b65401a5d87bb4f0bee44e",
                    "srq_d6f3f8165239d662963fc09b"
                ],
                "include": "everything"
            }),
        );
        let mock = respond_json(
            mock,
            json!({
                "scheduling_requests": [
                    {"scheduling_request": full_scheduling_request(), "fetched": true},
                    {"scheduling_request": {
                        "scheduling_request_id": "srq_d6f3f8165239d662963fc09b",
                        "slot_selection": "cancelled"
                    }}
                ]
            }),
        )
        .await;
        let client = client(&server);
        let query = QuerySchedulingRequests::new([
            "srq_52b65401a5d87bb4f0bee44e",
            "srq_d6f3f8165239d662963fc09b",
        ])
        .field("include", "everything");

        let result = if org {
            cronofy::scheduling::query_scheduling_requests(
                &client,
                &OrgToken::new(ORG_TOKEN),
                &query,
            )
            .await
        } else {
            let app = AppCredentials::new(CLIENT_ID, CLIENT_SECRET);
            cronofy::scheduling::query_scheduling_requests(&client, &app, &query).await
        };

        mock.assert_async().await;
        let list = result.unwrap().scheduling_requests;
        assert_full(&list[0].scheduling_request);
        assert_eq!(list[0].extra["fetched"], true);
        assert_eq!(
            list[1].scheduling_request.slot_selection,
            Some(SlotSelection::Unknown("cancelled".to_owned()))
        );
    }
}

#[tokio::test]
async fn query_scheduling_requests_with_none_found_and_refusals() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/scheduling_requests/query",
        ORG_TOKEN,
        None,
        json!({"scheduling_request_ids": ["srq_gone"]}),
    );
    let mock = respond_json(mock, json!({"scheduling_requests": null})).await;
    let org = OrgToken::new(ORG_TOKEN);
    let result = cronofy::scheduling::query_scheduling_requests(
        &client(&server),
        &org,
        &QuerySchedulingRequests::new(["srq_gone"]),
    )
    .await;
    mock.assert_async().await;
    let list = result.unwrap();
    assert!(list.scheduling_requests.is_empty());
    assert!(list.extra.is_empty());

    let mut server = Server::new_async().await;
    let nothing = expect_nothing_sent(&mut server, "POST").await;
    let client = client(&server);
    let reason = refusal(
        cronofy::scheduling::query_scheduling_requests(
            &client,
            &org,
            &QuerySchedulingRequests::new(Vec::<String>::new()),
        )
        .await,
    );
    assert_eq!(reason, "`scheduling_request_ids` needs at least one id");
    let reason = refusal(
        cronofy::scheduling::query_scheduling_requests(
            &client,
            &org,
            &QuerySchedulingRequests::new(["srq_1"]).field("scheduling_request_ids", json!([])),
        )
        .await,
    );
    assert!(
        reason.starts_with("`scheduling_request_ids` is a field QuerySchedulingRequests models")
    );
    nothing.assert_async().await;
}
