//! Scheduling: real-time scheduling links, smart invites, scheduler requests.

use cronofy::availability::{
    AvailabilityBuffer, Member, Participants, QueryAvailability, QueryPeriod, SequenceStep,
};
use cronofy::events::{Conferencing, Reminder};
use cronofy::scheduling::{
    CreateAddToCalendar, CreateRealTimeScheduling, CreateRealTimeSequencing,
    CreateSchedulerRequest, DisableRealTimeScheduling, EventCreation, HourFormat,
    ReadRealTimeSchedulingByToken, ReadSmartInvite, RealTimeSchedulingEvent,
    RealTimeSchedulingStatus, SchedulerRecipient, SelectionMode, SmartInviteEvent,
    SmartInviteMethod, SmartInviteRecipientSpec, SmartInviteStatus, TargetCalendar,
    UpsertSmartInvite,
};
use cronofy::time::{EventTime, Minutes};
use cronofy::{AppCredentials, OrgToken};
use mockito::Server;
use serde_json::json;

use crate::support::*;

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
    assert_eq!(link.status.as_ref().map(|s| s.as_str()), Some("enabled"));
    let event = link.event.expect("event");
    assert_eq!(event.event_id.as_deref(), Some("booking-42"));
    assert_eq!(event.summary.as_deref(), Some("Intro call"));
    assert_eq!(event.tzid.as_deref(), Some("Europe/London"));
    assert_eq!(event.start, None);
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
    assert_eq!(link.status.as_ref().map(|s| s.as_str()), Some("completed"));
}

// ---------------------------------------------------------------------------------------------
// Real-time scheduling

#[tokio::test]
async fn create_real_time_scheduling_posts_the_link_with_the_client_secret() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/real_time_scheduling",
        CLIENT_SECRET,
        None,
        json!({
            "oauth": {
                "redirect_uri": "https://example.com/cronofy/done",
                "scope": "create_event read_free_busy",
                "state": "booking-42-state"
            },
            "event": {
                "event_id": "booking-42",
                "summary": "Product Manager Interview",
                "description": "With the hiring panel",
                "tzid": "Europe/London",
                "location": {"description": "Room 4"},
                "reminders": [{"minutes": 30}],
                "conferencing": {"profile_id": "default"},
                "event_private": true,
                "color": "#49BED8"
            },
            "availability": {
                "participants": [
                    {
                        "members": [{
                            "sub": "acc_5ba21743f408617d1269ea1e",
                            "calendar_ids": [CALENDAR_ID],
                            "managed_availability": true
                        }],
                        "required": "all"
                    }
                ],
                "required_duration": {"minutes": 60},
                "query_periods": [
                    {"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T18:00:00Z"}
                ],
                "buffer": {"before": {"minutes": 15}},
                "start_interval": {"minutes": 30}
            },
            "target_calendars": [
                {"sub": "acc_5ba21743f408617d1269ea1e", "calendar_id": CALENDAR_ID}
            ],
            "tzid": "Europe/London",
            "formatting": {"hour_format": "H"},
            "callback_urls": {
                "completed_url": "https://example.com/cronofy/callback",
                "no_times_suitable_url": "https://example.com/cronofy/no-times",
                "no_times_displayed_url": "https://example.com/cronofy/no-times-shown"
            },
            "redirect_urls": {"completed_url": "https://example.com/booked"},
            "minimum_notice": {"minutes": 120},
            "event_creation": "single",
            "selection_mode": "no_confirm",
            "callback_url": "https://example.com/cronofy/callback"
        }),
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_scheduling": {
                "real_time_scheduling_id": "sch_64b1859e8090ea21640c915f",
                "url": "https://app.cronofy.com/rts/ABCD1234"
            },
            "url": "https://app.cronofy.com/rts/ABCD1234"
        }),
    )
    .await;
    let availability = QueryAvailability::new(
        vec![Participants::all([Member::new(
            "acc_5ba21743f408617d1269ea1e",
        )
        .calendar_ids([CALENDAR_ID])
        .managed_availability(true)])],
        Minutes::new(60),
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T18:00:00Z"),
        )],
    )
    .buffer(AvailabilityBuffer::new().before(Minutes::new(15)))
    .start_interval(Minutes::new(30));
    let link = CreateRealTimeScheduling::new(
        "https://example.com/cronofy/done",
        RealTimeSchedulingEvent::new("booking-42", "Product Manager Interview")
            .description("With the hiring panel")
            .tzid("Europe/London")
            .location("Room 4")
            .reminders([Reminder::minutes_before(30)])
            .conferencing(Conferencing::provider_default())
            .event_private(true)
            .color("#49BED8"),
        availability,
        vec![TargetCalendar::new(
            "acc_5ba21743f408617d1269ea1e",
            CALENDAR_ID,
        )],
    )
    .scope([
        cronofy::oauth::Scope::CreateEvent,
        cronofy::oauth::Scope::ReadFreeBusy,
    ])
    .state("booking-42-state")
    .tzid("Europe/London")
    .completed_callback_url("https://example.com/cronofy/callback")
    .no_times_suitable_callback_url("https://example.com/cronofy/no-times")
    .no_times_displayed_callback_url("https://example.com/cronofy/no-times-shown")
    .completed_redirect_url("https://example.com/booked")
    .hour_format(HourFormat::TwentyFourHour)
    .minimum_notice(Minutes::hours(2))
    .event_creation(EventCreation::Single)
    .selection_mode(SelectionMode::NoConfirm)
    // The older name of `callback_urls.completed_url`, which some accounts still rely on.
    .field("callback_url", "https://example.com/cronofy/callback");
    // A name the builder models is refused, so a body never carries a key twice.
    let twice = link.clone().field("tzid", "America/Chicago");
    assert!(
        serde_json::to_string(&twice)
            .unwrap_err()
            .to_string()
            .contains("`tzid` is a field CreateRealTimeScheduling models")
    );

    let result =
        cronofy::scheduling::create_real_time_scheduling(&client(&server), &app(), &link).await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    assert_eq!(link.real_time_scheduling_id, "sch_64b1859e8090ea21640c915f");
    assert_eq!(
        link.url.as_deref(),
        Some("https://app.cronofy.com/rts/ABCD1234")
    );
    assert_eq!(link.status, None);
    assert_eq!(link.status.clone(), None);
    assert_eq!(link.event, None);
}

#[tokio::test]
async fn create_real_time_scheduling_with_only_what_is_required() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/real_time_scheduling",
        CLIENT_SECRET,
        None,
        json!({
            "oauth": {"redirect_uri": "https://example.com/done"},
            "event": {"event_id": "booking-43", "summary": "Intro call"},
            "availability": {
                "participants": [{"members": [{"sub": MEMBER_SUB}], "required": "all"}],
                "required_duration": {"minutes": 30},
                "query_periods": [
                    {"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T18:00:00Z"}
                ]
            },
            "target_calendars": [{"sub": MEMBER_SUB, "calendar_id": CALENDAR_ID}]
        }),
    );
    let mock = respond_json(
        mock,
        json!({"real_time_scheduling": {"real_time_scheduling_id": "sch_2", "url": null}}),
    )
    .await;
    let link = CreateRealTimeScheduling::new(
        "https://example.com/done",
        RealTimeSchedulingEvent::new("booking-43", "Intro call"),
        QueryAvailability::new(
            vec![Participants::all([MEMBER_SUB])],
            Minutes::new(30),
            vec![QueryPeriod::new(
                utc("2026-11-23T09:00:00Z"),
                utc("2026-11-23T18:00:00Z"),
            )],
        ),
        vec![TargetCalendar::new(MEMBER_SUB, CALENDAR_ID)],
    );

    let result =
        cronofy::scheduling::create_real_time_scheduling(&client(&server), &app(), &link).await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    assert_eq!(link.real_time_scheduling_id, "sch_2");
    assert_eq!(link.url, None);
}

#[tokio::test]
async fn real_time_scheduling_status_by_token_sends_the_token_in_the_query() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/real_time_scheduling?token=ABCD%2F1234",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_scheduling": {
                "real_time_scheduling_id": "sch_123",
                "url": "https://app.cronofy.com/rts/ABCD1234",
                "status": "open",
                "event": {"summary": "event summary", "event_id": "event id", "event_private": false}
            }
        }),
    )
    .await;

    let result = cronofy::scheduling::read_real_time_scheduling_by_token(
        &client(&server),
        &app(),
        &ReadRealTimeSchedulingByToken::new("ABCD/1234"),
    )
    .await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    assert_eq!(link.real_time_scheduling_id, "sch_123");
    assert_eq!(link.status.clone(), Some(RealTimeSchedulingStatus::Open));
    assert_eq!(link.event.unwrap().event_id.as_deref(), Some("event id"));
}

#[tokio::test]
async fn real_time_scheduling_status_by_token_keeps_an_unknown_status() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/real_time_scheduling?token=ABCD1234",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_scheduling": {
                "real_time_scheduling_id": "sch_124",
                "status": "expired",
                "url": null,
                "event": null
            }
        }),
    )
    .await;
    let token =
        ReadRealTimeSchedulingByToken::from_url("https://app.cronofy.com/rts/ABCD1234").unwrap();

    let result =
        cronofy::scheduling::read_real_time_scheduling_by_token(&client(&server), &app(), &token)
            .await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    let status = link.status.clone().unwrap();
    assert_eq!(
        status,
        RealTimeSchedulingStatus::Unknown("expired".to_owned())
    );
    assert_eq!(status.as_str(), "expired");
    assert_eq!(link.event, None);
}

#[tokio::test]
async fn disable_real_time_scheduling_posts_the_message_and_decodes_the_disabled_link() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/real_time_scheduling/sch_64b1859e8090ea21640c915f/disable",
        CLIENT_SECRET,
        None,
        json!({"display_message": "Let's hold off until next month."}),
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_scheduling": {
                "real_time_scheduling_id": "sch_64b1859e8090ea21640c915f",
                "url": "https://app.cronofy.com/rts/ABCD1234",
                "event": {"event_id": "booking-42", "summary": "Intro call"},
                "status": "disabled",
                "disabled_at": "2026-11-23T09:00:00Z"
            }
        }),
    )
    .await;

    let result = cronofy::scheduling::disable_real_time_scheduling(
        &client(&server),
        &app(),
        "sch_64b1859e8090ea21640c915f",
        &DisableRealTimeScheduling::new("Let's hold off until next month."),
    )
    .await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    assert_eq!(
        link.status.clone(),
        Some(RealTimeSchedulingStatus::Disabled)
    );
    assert_eq!(link.status.as_ref().map(|s| s.as_str()), Some("disabled"));
}

// ---------------------------------------------------------------------------------------------
// Smart invites

fn smart_invite_response() -> serde_json::Value {
    json!({
        "recipient": {"email": "cronofy@example.com", "status": "pending"},
        "smart_invite_id": "your-unique-identifier-for-invite",
        "smart_invite_uid": "sib_your-unique-identifier-for-invite",
        "callback_url": "https://yourapp.example.com/cronofy/smart_invite/notifications",
        "method": "request",
        "event": {
            "summary": "Board meeting",
            "description": "Discuss plans for the next quarter.",
            "start": {"time": "2026-10-15T09:30:00Z", "tzid": "Europe/London"},
            "end": {"time": "2026-10-15T10:00:00Z", "tzid": "Europe/London"},
            "location": {"description": "Board room"}
        },
        "attachments": {"icalendar": "BEGIN:VCALENDAR\nVERSION:2.0..."},
        "organizer": {"name": "Smart invite application"}
    })
}

#[tokio::test]
async fn upsert_smart_invite_posts_the_invite_and_decodes_the_attachment() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/smart_invites",
        CLIENT_SECRET,
        None,
        json!({
            "smart_invite_id": "your-unique-identifier-for-invite",
            "callback_url": "https://yourapp.example.com/cronofy/smart_invite/notifications",
            "recipient": {"email": "cronofy@example.com"},
            "event": {
                "summary": "Board meeting",
                "description": "Discuss plans for the next quarter.",
                "start": "2026-10-15T09:30:00Z",
                "end": "2026-10-15T10:00:00Z",
                "tzid": "Europe/London",
                "location": {"description": "Board room"}
            },
            "organizer": {"name": "Smart invite application"}
        }),
    );
    let mock = respond_json(mock, smart_invite_response()).await;
    let invite = UpsertSmartInvite::new(
        "your-unique-identifier-for-invite",
        "https://yourapp.example.com/cronofy/smart_invite/notifications",
        "cronofy@example.com",
        SmartInviteEvent::new(
            "Board meeting",
            utc("2026-10-15T09:30:00Z"),
            utc("2026-10-15T10:00:00Z"),
        )
        .description("Discuss plans for the next quarter.")
        .tzid("Europe/London")
        .location("Board room"),
    )
    .organizer("Smart invite application");

    let result = cronofy::scheduling::upsert_smart_invite(&client(&server), &app(), &invite).await;

    mock.assert_async().await;
    let invite = result.unwrap();
    assert_eq!(invite.smart_invite_id, "your-unique-identifier-for-invite");
    assert_eq!(
        invite.smart_invite_uid.as_deref(),
        Some("sib_your-unique-identifier-for-invite")
    );
    assert_eq!(
        invite.callback_url.as_deref(),
        Some("https://yourapp.example.com/cronofy/smart_invite/notifications")
    );
    assert_eq!(invite.method, Some(SmartInviteMethod::Request));
    let recipient = invite.recipient.as_ref().unwrap();
    assert_eq!(recipient.email, "cronofy@example.com");
    assert_eq!(recipient.status, Some(SmartInviteStatus::Pending));
    assert!(invite.recipients.is_empty());
    assert!(invite.replies.is_empty());
    let event = invite.event.as_ref().unwrap();
    assert_eq!(event.summary.as_deref(), Some("Board meeting"));
    assert_eq!(
        event.start,
        Some(EventTime::zoned(
            utc("2026-10-15T09:30:00Z"),
            "Europe/London"
        ))
    );
    assert_eq!(
        event
            .location
            .as_ref()
            .and_then(|l| l.description.as_deref()),
        Some("Board room")
    );
    assert_eq!(
        invite.attachments.unwrap().icalendar.as_deref(),
        Some("BEGIN:VCALENDAR\nVERSION:2.0...")
    );
}

#[tokio::test]
async fn upsert_smart_invite_can_cancel_with_only_the_id_and_recipient() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/smart_invites",
        CLIENT_SECRET,
        None,
        json!({
            "method": "cancel",
            "smart_invite_id": "your-unique-identifier-for-invite",
            "recipient": {"email": "cronofy@example.com"}
        }),
    );
    let mut response = smart_invite_response();
    response["method"] = json!("cancel");
    response["recipient"]["status"] = json!("cancelled_by_organizer");
    response["callback_url"] = serde_json::Value::Null;
    let mock = respond_json(mock, response).await;

    let result = cronofy::scheduling::upsert_smart_invite(
        &client(&server),
        &app(),
        &UpsertSmartInvite::cancel("your-unique-identifier-for-invite", "cronofy@example.com"),
    )
    .await;

    mock.assert_async().await;
    let invite = result.unwrap();
    assert_eq!(invite.method, Some(SmartInviteMethod::Cancel));
    assert_eq!(invite.callback_url, None);
    let status = invite.recipient.unwrap().status.unwrap();
    assert_eq!(
        status,
        SmartInviteStatus::Unknown("cancelled_by_organizer".to_owned())
    );
    assert_eq!(status.as_str(), "cancelled_by_organizer");
}

#[test]
fn smart_invite_methods_are_sent_as_cronofy_names_them() {
    let event = SmartInviteEvent::new(
        "Board meeting",
        "2026-10-15".parse::<cronofy::time::Date>().unwrap(),
        "2026-10-16".parse::<cronofy::time::Date>().unwrap(),
    );
    let invite = UpsertSmartInvite::new("id", "https://example.com/cb", "a@example.com", event)
        .method(SmartInviteMethod::Request);
    let body = serde_json::to_value(&invite).unwrap();
    assert_eq!(body["method"], "request");
    assert_eq!(body["event"]["start"], "2026-10-15");
    assert_eq!(
        serde_json::to_value(SmartInviteMethod::Remove).unwrap(),
        json!("remove")
    );
}

#[tokio::test]
async fn smart_invite_status_sends_the_id_and_email_and_decodes_the_replies() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/smart_invites?smart_invite_id=example-event-id&recipient_email=cronofy%40example.com",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "recipient": {"email": "cronofy@example.com", "status": "pending"},
            "replies": [
                {"email": "person1@example.com", "status": "accepted"},
                {
                    "email": "person2@example.com",
                    "status": "declined",
                    "comment": "example comment",
                    "proposal": {
                        "start": {"time": "2026-09-13T23:00:00+02:00", "tzid": "Europe/Paris"},
                        "end": {"time": "2026-09-13T23:30:00+02:00", "tzid": "Europe/Paris"}
                    }
                }
            ],
            "smart_invite_id": "example-event-id",
            "callback_url": "https://yourapp.example.com/cronofy/smart_invite/notifications",
            "method": "request",
            "event": {
                "summary": "Board meeting",
                "start": "2026-10-05T09:30:00Z",
                "end": "2026-10-05T10:00:00Z",
                "tzid": "Europe/London"
            }
        }),
    )
    .await;

    let result = cronofy::scheduling::read_smart_invite(
        &client(&server),
        &app(),
        &ReadSmartInvite::new("example-event-id", "cronofy@example.com"),
    )
    .await;

    mock.assert_async().await;
    let invite = result.unwrap();
    assert_eq!(invite.smart_invite_id, "example-event-id");
    assert_eq!(invite.attachments, None);
    assert_eq!(invite.replies.len(), 2);
    assert_eq!(invite.replies[0].email, "person1@example.com");
    assert_eq!(invite.replies[0].status, Some(SmartInviteStatus::Accepted));
    assert_eq!(invite.replies[0].comment, None);
    let declined = &invite.replies[1];
    assert_eq!(declined.status, Some(SmartInviteStatus::Declined));
    assert_eq!(declined.comment.as_deref(), Some("example comment"));
    let proposal = declined.proposal.as_ref().unwrap();
    assert_eq!(
        proposal.start,
        EventTime::zoned(utc("2026-09-13T21:00:00Z"), "Europe/Paris")
    );
    let event = invite.event.unwrap();
    assert_eq!(event.start, Some(utc("2026-10-05T09:30:00Z").into()));
    assert_eq!(event.tzid.as_deref(), Some("Europe/London"));
    assert_eq!(event.description, None);
}

#[tokio::test]
async fn smart_invite_status_of_every_recipient_sends_no_email_and_can_ask_for_the_ics() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/smart_invites?smart_invite_id=example-event-id&include_ics=true",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "recipients": [
                {"email": "person1@example.com", "status": "accepted"},
                {"email": "person2@example.com", "status": "tentative"}
            ],
            "replies": null,
            "smart_invite_id": "example-event-id",
            "attachments": {"icalendar": "BEGIN:VCALENDAR\nVERSION:2.0..."}
        }),
    )
    .await;

    let result = cronofy::scheduling::read_smart_invite(
        &client(&server),
        &app(),
        &ReadSmartInvite::all_recipients("example-event-id").include_ics(true),
    )
    .await;

    mock.assert_async().await;
    let invite = result.unwrap();
    assert_eq!(invite.recipient, None);
    assert_eq!(invite.recipients.len(), 2);
    assert_eq!(
        invite.recipients[1].status,
        Some(SmartInviteStatus::Tentative)
    );
    assert!(invite.replies.is_empty());
    assert_eq!(invite.event, None);
    assert_eq!(
        invite.attachments.unwrap().icalendar.as_deref(),
        Some("BEGIN:VCALENDAR\nVERSION:2.0...")
    );
}

// ---------------------------------------------------------------------------------------------
// Scheduler requests

fn scheduler_request() -> CreateSchedulerRequest {
    CreateSchedulerRequest::new(
        "Driving lessons - Marty & Doc",
        [
            SchedulerRecipient::new("doc@evenitron.com").display_name("Dr Emmet Brown"),
            SchedulerRecipient::new("marty@evenitron.com"),
        ],
    )
    .description("Don't forget your video camera")
    .location("Hill Valley")
    .duration(Minutes::new(60))
    .tag("Urgent")
}

fn scheduler_body(host: Option<&str>) -> serde_json::Value {
    let mut body = json!({
        "recipients": [
            {"email": "doc@evenitron.com", "display_name": "Dr Emmet Brown"},
            {"email": "marty@evenitron.com"}
        ],
        "event": {
            "summary": "Driving lessons - Marty & Doc",
            "description": "Don't forget your video camera",
            "location": {"description": "Hill Valley"},
            "duration": {"minutes": 60}
        },
        "tags": [{"value": "Urgent"}]
    });
    if let Some(sub) = host {
        body["host"] = json!({"sub": sub});
    }
    body
}

fn scheduler_response() -> serde_json::Value {
    json!({
        "scheduler_request": {
            "scheduler_request_id": "srq_64b17b558090ea21640c914a",
            "primary_select_url": "https://app.cronofy.com/r/234ebnd",
            "recipients": [
                {
                    "email": "doc@evenitron.com",
                    "display_name": "Dr Emmet Brown",
                    "select_url": "https://app.cronofy.com/r/234ebnd"
                },
                {"email": "marty@evenitron.com", "display_name": null}
            ],
            "dashboard_url": "https://app.cronofy.com/scheduler/requests/64b17b558090ea21640c914a"
        }
    })
}

fn assert_scheduler_request_decoded(response: cronofy::scheduling::SchedulerRequestResponse) {
    let request = response.scheduler_request;
    assert_eq!(request.scheduler_request_id, "srq_64b17b558090ea21640c914a");
    assert_eq!(
        request.primary_select_url.as_deref(),
        Some("https://app.cronofy.com/r/234ebnd")
    );
    assert_eq!(request.recipients.len(), 2);
    assert_eq!(
        request.recipients[0].display_name.as_deref(),
        Some("Dr Emmet Brown")
    );
    assert_eq!(
        request.recipients[0].select_url.as_deref(),
        Some("https://app.cronofy.com/r/234ebnd")
    );
    assert_eq!(request.recipients[1].email, "marty@evenitron.com");
    assert_eq!(request.recipients[1].display_name, None);
    assert_eq!(request.recipients[1].select_url, None);
    assert_eq!(
        request.extra["dashboard_url"],
        "https://app.cronofy.com/scheduler/requests/64b17b558090ea21640c914a"
    );
}

#[tokio::test]
async fn create_scheduler_request_with_the_org_token_names_the_host_in_the_body() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/scheduler_requests",
        ORG_TOKEN,
        None,
        scheduler_body(Some(MEMBER_SUB)),
    );
    let mock = respond_json(mock, scheduler_response()).await;
    let request = scheduler_request().host(MEMBER_SUB);

    let result = cronofy::scheduling::create_scheduler_request(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
        &request,
    )
    .await;

    mock.assert_async().await;
    assert_scheduler_request_decoded(result.unwrap());
}

#[tokio::test]
async fn create_scheduler_request_as_an_impersonated_member_hosts_it_as_them() {
    // The organization's token or an internal application's secret, plus the host's `sub`.
    for caller in [Caller::OrgMember, Caller::AppMember, Caller::User] {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/scheduler_requests",
            caller.bearer(),
            caller.impersonated(),
            scheduler_body(None),
        );
        let mock = respond_json(mock, scheduler_response()).await;
        let client = client(&server);
        let request = scheduler_request();

        let result = as_caller!(caller, |credential| {
            cronofy::scheduling::create_scheduler_request(&client, credential, &request).await
        });

        mock.assert_async().await;
        assert_scheduler_request_decoded(result.unwrap_or_else(|e| panic!("{caller:?}: {e}")));
    }
}

#[tokio::test]
async fn create_scheduler_request_with_a_minimal_answer() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/scheduler_requests",
        ORG_TOKEN,
        None,
        json!({
            "recipients": [{"email": "doc@evenitron.com"}],
            "event": {"summary": "Catch up"}
        }),
    );
    let mock = respond_json(
        mock,
        json!({"scheduler_request": {"scheduler_request_id": "srq_1", "recipients": null}}),
    )
    .await;
    let request =
        CreateSchedulerRequest::new("Catch up", [SchedulerRecipient::new("doc@evenitron.com")]);
    // Refused: the builder sets `event` itself.
    let twice = request
        .clone()
        .field("event", json!({"summary": "something else"}));
    assert!(serde_json::to_string(&twice).is_err());

    let result = cronofy::scheduling::create_scheduler_request(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
        &request,
    )
    .await;

    mock.assert_async().await;
    let request = result.unwrap().scheduler_request;
    assert_eq!(request.scheduler_request_id, "srq_1");
    assert_eq!(request.primary_select_url, None);
    assert!(request.recipients.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Real-time sequencing and Add to Calendar

#[tokio::test]
async fn create_real_time_sequencing_posts_the_steps_with_their_events() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/real_time_sequencing",
        CLIENT_SECRET,
        None,
        json!({
            "oauth": {"redirect_uri": "https://example.com/cronofy/done", "state": "loop-7"},
            "availability": {
                "sequence": [
                    {
                        "sequence_id": "screening",
                        "ordinal": 1,
                        "participants": [{"members": [{"sub": "acc_1"}], "required": "all"}],
                        "required_duration": {"minutes": 30},
                        "event": {"event_id": "loop-7-screening", "summary": "Screening call"}
                    },
                    {
                        "sequence_id": "technical",
                        "ordinal": 2,
                        "participants": [{"members": [{"sub": "acc_2"}], "required": "all"}],
                        "required_duration": {"minutes": 60},
                        "query_periods": [
                            {"start": "2026-11-24T09:00:00Z", "end": "2026-11-24T12:00:00Z"}
                        ],
                        "event": {
                            "event_id": "loop-7-technical",
                            "summary": "Technical interview",
                            "conferencing": {"profile_id": "default"}
                        }
                    }
                ],
                "query_periods": [
                    {"start": "2026-11-23T09:00:00Z", "end": "2026-11-27T17:00:00Z"}
                ]
            },
            "target_calendars": [{"sub": "acc_1", "calendar_id": CALENDAR_ID}],
            "tzid": "Europe/London",
            "formatting": {"hour_format": "h"},
            "callback_urls": {"completed_url": "https://example.com/cronofy/sequenced"},
            "minimum_notice": {"minutes": 240}
        }),
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_sequencing": {
                "real_time_sequencing_id": "seq_64b1859e8090ea21640c915f",
                "url": "https://app.cronofy.com/real_time_sequencing/ABCD1234"
            }
        }),
    )
    .await;
    let steps = vec![
        SequenceStep::new(
            "screening",
            1,
            vec![Participants::all(["acc_1"])],
            Minutes::new(30),
        )
        .event(RealTimeSchedulingEvent::new(
            "loop-7-screening",
            "Screening call",
        )),
        SequenceStep::new(
            "technical",
            2,
            vec![Participants::all(["acc_2"])],
            Minutes::new(60),
        )
        .query_periods([QueryPeriod::new(
            utc("2026-11-24T09:00:00Z"),
            utc("2026-11-24T12:00:00Z"),
        )])
        .event(
            RealTimeSchedulingEvent::new("loop-7-technical", "Technical interview")
                .conferencing(Conferencing::provider_default()),
        ),
    ];
    let link = CreateRealTimeSequencing::new(
        "https://example.com/cronofy/done",
        steps,
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-27T17:00:00Z"),
        )],
        vec![TargetCalendar::new("acc_1", CALENDAR_ID)],
    )
    .state("loop-7")
    .tzid("Europe/London")
    .hour_format(HourFormat::TwelveHour)
    .completed_callback_url("https://example.com/cronofy/sequenced")
    .minimum_notice(Minutes::hours(4));

    let result =
        cronofy::scheduling::create_real_time_sequencing(&client(&server), &app(), &link).await;

    mock.assert_async().await;
    let created = result.unwrap();
    let sequencing = created.real_time_sequencing.as_ref().unwrap();
    assert_eq!(
        sequencing.real_time_sequencing_id.as_deref(),
        Some("seq_64b1859e8090ea21640c915f")
    );
    assert_eq!(
        created.link_url(),
        Some("https://app.cronofy.com/real_time_sequencing/ABCD1234")
    );
}

#[test]
fn real_time_sequencing_reads_each_documented_response_shape() {
    // The docs wrap the link; one SDK reads a top-level `url`, another `oauth_url`.
    for body in [
        json!({"real_time_sequencing": {"real_time_sequencing_id": "seq_1", "url": "https://x.test/1"}}),
        json!({"url": "https://x.test/1"}),
        json!({"oauth_url": "https://x.test/1"}),
    ] {
        let response: cronofy::scheduling::RealTimeSequencingResponse =
            serde_json::from_value(body.clone()).unwrap();
        assert_eq!(response.link_url(), Some("https://x.test/1"), "{body}");
    }
    let empty: cronofy::scheduling::RealTimeSequencingResponse =
        serde_json::from_value(json!({})).unwrap();
    assert_eq!(empty.link_url(), None);
}

#[tokio::test]
async fn create_add_to_calendar_posts_the_event_and_reads_either_url_name() {
    for answer in [
        json!({"url": "https://app.cronofy.com/add_to_calendar/ABCD"}),
        json!({"oauth_url": "https://app.cronofy.com/add_to_calendar/ABCD", "expires_at": "2026-11-24T00:00:00Z"}),
    ] {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/add_to_calendar",
            CLIENT_SECRET,
            None,
            json!({
                "oauth": {
                    "redirect_uri": "https://example.com/added",
                    "scope": "create_event",
                    "state": "webinar"
                },
                "event": {
                    "event_id": "webinar-2026-11",
                    "summary": "Webinar",
                    "start": "2026-11-26T16:00:00Z",
                    "end": "2026-11-26T17:00:00Z",
                    "description": "Scheduling at scale",
                    "tzid": "Europe/London"
                },
                "target_calendars": [{"sub": "acc_1", "calendar_id": CALENDAR_ID}],
                "formatting": {"hour_format": "H"}
            }),
        );
        let mock = respond_json(mock, answer.clone()).await;
        let event = cronofy::events::UpsertEvent::new(
            "webinar-2026-11",
            "Webinar",
            utc("2026-11-26T16:00:00Z"),
            utc("2026-11-26T17:00:00Z"),
        )
        .description("Scheduling at scale")
        .tzid("Europe/London");
        let link = CreateAddToCalendar::new("https://example.com/added", event)
            .scope([cronofy::oauth::Scope::CreateEvent])
            .state("webinar")
            .target_calendars([TargetCalendar::new("acc_1", CALENDAR_ID)])
            .hour_format(HourFormat::TwentyFourHour);

        let result =
            cronofy::scheduling::create_add_to_calendar(&client(&server), &app(), &link).await;

        mock.assert_async().await;
        let created = result.unwrap();
        assert_eq!(
            created.url.as_deref(),
            Some("https://app.cronofy.com/add_to_calendar/ABCD")
        );
        assert_eq!(
            created.extra.contains_key("expires_at"),
            answer.get("expires_at").is_some()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Smart invites with several recipients

#[tokio::test]
async fn upsert_smart_invite_sends_several_recipients_and_every_event_detail() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/smart_invites",
        CLIENT_SECRET,
        None,
        json!({
            "smart_invite_id": "board-2026-11",
            "callback_url": "https://example.com/invites",
            "recipients": [
                {"email": "jane@example.com"},
                {"email": "ada@example.com", "status": "accepted"}
            ],
            "event": {
                "summary": "Board meeting",
                "start": "2026-11-23T09:30:00Z",
                "end": "2026-11-23T10:00:00Z",
                "description": "Quarterly",
                "tzid": "Europe/London",
                "url": "https://example.com/board",
                "reminders": [{"minutes": 60}],
                "transparency": "opaque",
                "color": "#49BED8"
            },
            "organizer": {"name": "Example Ltd", "email": "board@example.com"}
        }),
    );
    let mock = respond_json(
        mock,
        json!({
            "smart_invite_id": "board-2026-11",
            "callback_url": "https://example.com/invites",
            "recipients": [
                {"email": "jane@example.com", "status": "pending"},
                {"email": "ada@example.com", "status": "accepted"}
            ],
            "event": {
                "summary": "Board meeting",
                "start": {"time": "2026-11-23T09:30:00Z", "tzid": "Europe/London"},
                "end": {"time": "2026-11-23T10:00:00Z", "tzid": "Europe/London"},
                "url": "https://example.com/board",
                "reminders": [{"minutes": 60}]
            },
            "attachments": {"icalendar": "BEGIN:VCALENDAR\nEND:VCALENDAR"}
        }),
    )
    .await;
    let invite = UpsertSmartInvite::for_recipients(
        "board-2026-11",
        [
            SmartInviteRecipientSpec::new("jane@example.com"),
            SmartInviteRecipientSpec::new("ada@example.com").status(SmartInviteStatus::Accepted),
        ],
        SmartInviteEvent::new(
            "Board meeting",
            utc("2026-11-23T09:30:00Z"),
            utc("2026-11-23T10:00:00Z"),
        )
        .description("Quarterly")
        .tzid("Europe/London")
        .url("https://example.com/board")
        .reminders([Reminder::minutes_before(60)])
        .transparency(cronofy::events::Transparency::Opaque)
        .color("#49BED8"),
    )
    .callback_url("https://example.com/invites")
    .organizer_with_email("Example Ltd", "board@example.com");

    let result = cronofy::scheduling::upsert_smart_invite(&client(&server), &app(), &invite).await;

    mock.assert_async().await;
    let sent = result.unwrap();
    assert_eq!(sent.recipient, None);
    assert_eq!(sent.recipients.len(), 2);
    assert_eq!(sent.recipients[1].status, Some(SmartInviteStatus::Accepted));
    let event = sent.event.unwrap();
    assert_eq!(event.url.as_deref(), Some("https://example.com/board"));
    assert_eq!(event.extra["reminders"], json!([{"minutes": 60}]));
}

#[tokio::test]
async fn removing_and_cancelling_recipients_send_the_documented_bodies() {
    let cases = [
        (
            UpsertSmartInvite::remove("board-2026-11", "jane@example.com"),
            json!({"method": "remove", "smart_invite_id": "board-2026-11", "recipients": [{"email": "jane@example.com"}]}),
        ),
        (
            UpsertSmartInvite::cancel_for_recipients(
                "board-2026-11",
                ["jane@example.com", "ada@example.com"],
            ),
            json!({"method": "cancel", "smart_invite_id": "board-2026-11", "recipients": [{"email": "jane@example.com"}, {"email": "ada@example.com"}]}),
        ),
    ];
    for (invite, body) in cases {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/smart_invites",
            CLIENT_SECRET,
            None,
            body,
        );
        let mock = respond_json(
            mock,
            json!({
                "smart_invite_id": "board-2026-11",
                "method": "remove",
                "recipients": [{"email": "ada@example.com", "status": "accepted"}],
                "attachments": {"removed": {"email": "jane@example.com"}}
            }),
        )
        .await;
        let result =
            cronofy::scheduling::upsert_smart_invite(&client(&server), &app(), &invite).await;
        mock.assert_async().await;
        let answer = result.unwrap();
        let removed = answer.attachments.unwrap().removed.unwrap();
        assert_eq!(removed.email.as_deref(), Some("jane@example.com"));
    }
}

#[tokio::test]
async fn smart_invites_and_links_with_invalid_values_are_refused_before_sending() {
    let mut server = Server::new_async().await;
    let invites = server
        .mock("POST", "/v1/smart_invites")
        .expect(0)
        .create_async()
        .await;
    let disable = server
        .mock("POST", mockito::Matcher::Regex("disable".to_owned()))
        .expect(0)
        .create_async()
        .await;
    let client = client(&server);
    let empty = UpsertSmartInvite::for_recipients(
        "x",
        [SmartInviteRecipientSpec::new("  ")],
        SmartInviteEvent::new(
            "Lunch",
            utc("2026-11-23T12:00:00Z"),
            utc("2026-11-23T13:00:00Z"),
        ),
    );
    match cronofy::scheduling::upsert_smart_invite(&client, &app(), &empty).await {
        Err(cronofy::Error::InvalidRequest { reason }) => {
            assert_eq!(reason, "`recipient.email` must not be empty");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    let long = DisableRealTimeScheduling::new("x".repeat(501));
    match cronofy::scheduling::disable_real_time_scheduling(&client, &app(), "sch_1", &long).await {
        Err(cronofy::Error::InvalidRequest { reason }) => {
            assert_eq!(
                reason,
                "`display_message` is 501 characters long; Cronofy takes at most 500"
            );
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    invites.assert_async().await;
    disable.assert_async().await;
}

// ---------------------------------------------------------------------------------------------
// Scheduler requests: every field Cronofy documents, shared with Scheduling Requests (one
// block, appended; `scheduling_requests.rs` tests the shared parts through its endpoint).

#[tokio::test]
async fn create_scheduler_request_sends_groups_locale_tags_mode_and_group_rule() {
    use cronofy::scheduling::{CollaboratorGroup, HostGroup};
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/scheduler_requests",
        ORG_TOKEN,
        None,
        json!({
            "host_group": {"name": "Instructors", "members": [{"sub": "acc_1"}, {"sub": "acc_2"}], "required": 1},
            "recipients": [{"email": "marty@evenitron.com", "display_name": "Marty McFly", "slot_selector": true}],
            "collaborator_groups": [{"name": "Examiners", "members": [{"sub": "acc_3"}], "required": 1}],
            "event": {"summary": "Driving test", "duration": {"minutes": 30}, "locale": "en"},
            "tags": [{"value": "Urgent"}, {"value": "In-person"}],
            "availability_mode": "next_14_days",
            "scheduler_group_rule": {"id": "sgr_1"}
        }),
    );
    let mock = respond_json(
        mock,
        json!({"scheduler_request": {
            "scheduler_request_id": "srq_2",
            "recipients": [{"email": "marty@evenitron.com", "slot_selector": true, "select_url": "https://app.cronofy.com/r/x", "opened": false}]
        }}),
    )
    .await;
    let request = CreateSchedulerRequest::new(
        "Driving test",
        [SchedulerRecipient::new("marty@evenitron.com")
            .display_name("Marty McFly")
            .slot_selector(true)],
    )
    .host_group(HostGroup::members("Instructors", ["acc_1", "acc_2"], 1))
    .collaborator_group(CollaboratorGroup::new("Examiners", ["acc_3"], 1))
    .duration(Minutes::new(30))
    .locale("en")
    .tag("Urgent")
    .tag("In-person")
    .availability_mode("next_14_days")
    .scheduler_group_rule("sgr_1");

    let result = cronofy::scheduling::create_scheduler_request(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
        &request,
    )
    .await;

    mock.assert_async().await;
    let response = result.unwrap();
    let recipient = &response.scheduler_request.recipients[0];
    assert_eq!(recipient.slot_selector, Some(true));
    assert_eq!(recipient.extra["opened"], false);
    assert!(response.extra.is_empty());
    let refused = cronofy::scheduling::create_scheduler_request(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
        &request.field("scheduler_group_rule", json!({})),
    )
    .await;
    assert!(
        matches!(&refused, Err(cronofy::Error::InvalidRequest { reason }) if reason.starts_with("`scheduler_group_rule` is a field")),
        "{refused:?}"
    );
}
