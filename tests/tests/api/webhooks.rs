//! Webhooks: every callback body Cronofy sends, read as a typed [`Callback`], and the axum
//! extractor `VerifiedCallback` on a real axum server on loopback.
//!
//! No endpoint is called here: callbacks go the other way, from Cronofy to the application.

use axum::Router;
use axum::extract::FromRef;
use axum::routing::post;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use cronofy::attachments::AttachmentInteraction;
use cronofy::events::ConferencingInteraction;
use cronofy::notifications::{
    Callback, CallbackRejection, NOTIFICATION_SIGNATURE_HEADER, Notification, NotificationError,
    NotificationType, VerifiedCallback, WebhookSecrets,
};
use cronofy::scheduling::{RealTimeSchedulingStatus, RegistrationStatus, SmartInviteStatus};
use hmac::{Hmac, KeyInit as _, Mac as _};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::support::CLIENT_SECRET;

/// The signature computed the straightforward way, independently of the code under test.
fn sign(body: &[u8], secret: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    BASE64.encode(mac.finalize().into_bytes())
}

fn parse(body: Value) -> Callback {
    Callback::parse(body.to_string().as_bytes()).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn channel() -> Value {
    json!({
        "channel_id": "chn_54cf7c7cb4ad4c1027000001",
        "callback_url": "https://example.com/cronofy/notifications",
        "filters": {}
    })
}

// ---------------------------------------------------------------------------------------------
// every callback kind, from the bodies Cronofy documents

#[test]
fn push_notifications_of_each_type_are_read_with_their_channel() {
    let verification =
        parse(json!({"notification": {"type": "verification"}, "channel": channel()}));
    let Callback::Verification(verification) = verification else {
        panic!("{verification:?}")
    };
    assert_eq!(
        verification.channel.unwrap().channel_id,
        "chn_54cf7c7cb4ad4c1027000001"
    );

    let change = parse(json!({
        "notification": {"type": "change", "changes_since": "2026-11-23T09:24:16Z"},
        "channel": channel(),
        "sent_at": "2026-11-23T09:24:17Z"
    }));
    let Callback::Change(change) = change else {
        panic!("{change:?}")
    };
    assert_eq!(
        change.notification.changes_since,
        Some(crate::support::utc("2026-11-23T09:24:16Z"))
    );
    // A field no model names is kept.
    assert_eq!(change.extra["sent_at"], "2026-11-23T09:24:17Z");

    let disconnected =
        parse(json!({"notification": {"type": "profile_disconnected"}, "channel": channel()}));
    assert!(matches!(disconnected, Callback::ProfileDisconnected(_)));
    assert_eq!(disconnected.kind(), NotificationType::ProfileDisconnected);
}

#[test]
fn a_smart_invite_reply_is_read_with_the_recipient_and_the_reply() {
    let callback = parse(json!({
        "notification": {"type": "smart_invite"},
        "smart_invite": {
            "smart_invite_id": "booking-42",
            "callback_url": "https://example.com/cronofy/smart_invite/notifications",
            "recipient": {"email": "jane@example.com", "status": "declined"},
            "reply": {
                "email": "jane@example.com",
                "status": "declined",
                "comment": "Away that week",
                "proposal": {
                    "start": {"time": "2026-11-30T11:00:00Z", "tzid": "Europe/London"},
                    "end": {"time": "2026-11-30T11:30:00Z", "tzid": "Europe/London"}
                }
            }
        }
    }));
    let Callback::SmartInvite(invite) = callback else {
        panic!("{callback:?}")
    };
    assert_eq!(invite.smart_invite.smart_invite_id, "booking-42");
    let reply = invite.smart_invite.reply.unwrap();
    assert_eq!(reply.status, Some(SmartInviteStatus::Declined));
    assert_eq!(reply.comment.as_deref(), Some("Away that week"));
    assert!(reply.proposal.is_some());
}

#[test]
fn real_time_scheduling_outcomes_are_read_with_the_link() {
    let link = json!({
        "real_time_scheduling_id": "sch_4353945880944395",
        "url": "https://app.cronofy.com/rts/abc123",
        "status": "open",
        "event": {"event_id": "booking-7", "summary": "Intro call"}
    });
    for (kind, expected) in [
        ("no_times_suitable", NotificationType::NoTimesSuitable),
        ("no_times_displayed", NotificationType::NoTimesDisplayed),
    ] {
        let callback = parse(json!({"notification": {"type": kind}, "real_time_scheduling": link}));
        let Callback::RealTimeScheduling(outcome) = callback else {
            panic!("{callback:?}")
        };
        assert_eq!(outcome.notification.kind, expected);
        let link = outcome.real_time_scheduling.unwrap();
        assert_eq!(link.real_time_scheduling_id, "sch_4353945880944395");
        assert_eq!(link.event.unwrap().event_id.as_deref(), Some("booking-7"));
    }

    // The completed link's callback: whatever its type is called, the link it carries says.
    let completed = parse(json!({
        "notification": {"type": "real_time_scheduling_completed"},
        "real_time_scheduling": {
            "real_time_scheduling_id": "sch_4353945880944395",
            "status": "completed",
            "event": {
                "event_id": "booking-7",
                "start": {"time": "2026-11-23T09:30:00Z", "tzid": "Europe/London"},
                "end": {"time": "2026-11-23T10:00:00Z", "tzid": "Europe/London"}
            }
        }
    }));
    let Callback::RealTimeScheduling(outcome) = completed else {
        panic!("{completed:?}")
    };
    let link = outcome.real_time_scheduling.unwrap();
    assert_eq!(link.status, Some(RealTimeSchedulingStatus::Completed));
    assert!(link.event.unwrap().start.is_some());
}

#[test]
fn scheduling_requests_and_bookable_events_are_told_by_what_they_carry() {
    let request = parse(json!({
        "notification": {"type": "scheduling_request_slot_selected"},
        "scheduling_request": {
            "scheduling_request_id": "srq_52b65401a5d87bb4f0bee44e",
            "slot_selection": "complete",
            "summary": "Interview"
        }
    }));
    let Callback::SchedulingRequest(request) = request else {
        panic!("{request:?}")
    };
    assert_eq!(
        request.scheduling_request.unwrap().scheduling_request_id,
        "srq_52b65401a5d87bb4f0bee44e"
    );

    let registration = parse(json!({
        "notification": {"type": "bookable_event_registration"},
        "bookable_event": {
            "bookable_event_id": "webinar-1",
            "start": "2026-11-24T12:30:00Z",
            "end": "2026-11-24T13:30:00Z",
            "status": "confirmed",
            "registration": {"capacity": 20, "registered_count": 1, "total_count": 1}
        },
        "registration": {"registration_id": "reg-1", "status": "accepted", "metadata": {"email": "ada@example.com"}}
    }));
    let Callback::BookableEvent(booked) = registration else {
        panic!("{registration:?}")
    };
    assert_eq!(
        booked.bookable_event.unwrap().bookable_event_id,
        "webinar-1"
    );
    assert_eq!(
        booked.registration.unwrap().status,
        RegistrationStatus::Accepted
    );
}

#[test]
fn conferencing_interactions_read_the_older_success_as_assigned() {
    for (kind, expected) in [
        ("conferencing_assigned", ConferencingInteraction::Assigned),
        ("conferencing_success", ConferencingInteraction::Assigned),
        ("conferencing_failing", ConferencingInteraction::Failing),
    ] {
        let callback = parse(json!({
            "notification": {"type": kind},
            "event": {"event_id": "booking-7", "summary": "Intro call"},
            "conferencing": {"provider_name": "zoom", "join_url": "https://zoom.us/j/123"}
        }));
        let Callback::Conferencing(conferencing) = callback else {
            panic!("{callback:?}")
        };
        assert_eq!(conferencing.interaction(), expected, "{kind}");
        assert_eq!(
            conferencing.conferencing.unwrap().join_url.as_deref(),
            Some("https://zoom.us/j/123")
        );
    }
}

#[test]
fn attachment_interactions_are_read_with_the_file() {
    for (kind, expected) in [
        (
            "attachment_approved",
            AttachmentInteraction::AttachmentApproved,
        ),
        (
            "attachment_rejected",
            AttachmentInteraction::AttachmentRejected,
        ),
    ] {
        let callback = parse(json!({
            "notification": {"type": kind},
            "attachment": {"attachment_id": "att_5e4d5a6668ed0f4b213e90fe", "file_name": "agenda.pdf"}
        }));
        let Callback::Attachment(attachment) = callback else {
            panic!("{callback:?}")
        };
        assert_eq!(attachment.interaction(), expected);
        assert_eq!(
            attachment.attachment.unwrap().attachment_id,
            "att_5e4d5a6668ed0f4b213e90fe"
        );
    }
}

#[test]
fn an_unknown_type_is_kept_whole_not_refused() {
    let body =
        json!({"notification": {"type": "calendar_weather_changed"}, "forecast": {"rain": true}});
    let callback = parse(body.clone());
    let Callback::Unknown(unknown) = &callback else {
        panic!("{callback:?}")
    };
    assert_eq!(unknown.kind, "calendar_weather_changed");
    assert_eq!(unknown.body, body);
    assert_eq!(
        callback.kind(),
        NotificationType::Unknown("calendar_weather_changed".to_owned())
    );

    // An object Cronofy may send under a new type that does not read as this crate's model
    // is kept too.
    let odd = json!({"notification": {"type": "new_kind"}, "real_time_scheduling": {"id": 1}});
    assert!(matches!(parse(odd), Callback::Unknown(_)));
}

#[test]
fn a_body_without_a_type_or_with_a_wrong_field_is_invalid_without_quoting_it() {
    for body in [
        json!({"channel": channel()}),
        json!({"notification": {"type": "change", "changes_since": "tuesday-ish-marker"}}),
    ] {
        let error = Callback::parse(body.to_string().as_bytes()).unwrap_err();
        assert!(
            matches!(error, NotificationError::InvalidBody { .. }),
            "{error}"
        );
        assert!(!error.to_string().contains("marker"), "{error}");
    }
}

// ---------------------------------------------------------------------------------------------
// the axum extractor, on a real server

#[derive(Clone)]
struct AppState {
    secrets: WebhookSecrets,
}

impl FromRef<AppState> for WebhookSecrets {
    fn from_ref(state: &AppState) -> WebhookSecrets {
        state.secrets.clone()
    }
}

/// Answers with what it read: the callback's type and its channel, if any.
async fn receive(VerifiedCallback(callback): VerifiedCallback) -> String {
    let channel = match &callback {
        Callback::Verification(n) | Callback::Change(n) | Callback::ProfileDisconnected(n) => n
            .channel
            .as_ref()
            .map(|c| c.channel_id.clone())
            .unwrap_or_default(),
        _ => String::new(),
    };
    format!("{} {channel}", callback.kind().as_str())
}

/// The same, read as the push notification struct (any `DeserializeOwned` works).
async fn receive_notification(VerifiedCallback(n): VerifiedCallback<Notification>) -> String {
    n.notification.kind.as_str().to_owned()
}

/// Reports refusals itself, as an application counting them would.
async fn receive_or_report(
    callback: Result<VerifiedCallback, CallbackRejection>,
) -> (axum::http::StatusCode, String) {
    match callback {
        Ok(_) => (axum::http::StatusCode::OK, "ok".to_owned()),
        Err(rejection) => (rejection.status(), format!("refused: {rejection}")),
    }
}

/// An application's server on a loopback port, accepting `secrets`; its base URL.
async fn application(secrets: WebhookSecrets) -> String {
    let app = Router::new()
        .route("/cronofy", post(receive))
        .route("/cronofy/notification", post(receive_notification))
        .route("/cronofy/reported", post(receive_or_report))
        .with_state(AppState { secrets });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// Posts `body` with the signature header `signature` (none when `None`): status and text.
async fn deliver(url: &str, body: &[u8], signature: Option<&str>) -> (u16, String) {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut request = client
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_vec());
    if let Some(signature) = signature {
        request = request.header(NOTIFICATION_SIGNATURE_HEADER, signature);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// A change notification with a marker that must never come back in an answer.
const MARKER: &str = "zz-body-marker-8d1f";

fn change_body() -> Vec<u8> {
    json!({
        "notification": {"type": "change", "changes_since": "2026-11-23T09:24:16Z"},
        "channel": {
            "channel_id": "chn_54cf7c7cb4ad4c1027000001",
            "callback_url": format!("https://example.com/cronofy/{MARKER}"),
        }
    })
    .to_string()
    .into_bytes()
}

/// Checks an answer shows neither the body nor the header nor a secret.
fn assert_discreet(text: &str, header: &str) {
    assert!(!text.contains(MARKER), "the body came back: {text}");
    assert!(!text.contains("chn_54cf7c7cb4ad4c1027000001"), "{text}");
    assert!(
        header.is_empty() || !text.contains(header),
        "the header came back: {text}"
    );
    assert!(!text.contains(CLIENT_SECRET), "{text}");
}

#[tokio::test]
async fn a_valid_signature_yields_the_typed_callback() {
    let url = application(WebhookSecrets::new(CLIENT_SECRET)).await;
    let body = change_body();
    let signature = sign(&body, CLIENT_SECRET);

    let (status, text) = deliver(&format!("{url}/cronofy"), &body, Some(&signature)).await;
    assert_eq!(
        (status, text.as_str()),
        (200, "change chn_54cf7c7cb4ad4c1027000001")
    );

    let (status, text) = deliver(
        &format!("{url}/cronofy/notification"),
        &body,
        Some(&signature),
    )
    .await;
    assert_eq!((status, text.as_str()), (200, "change"));
}

#[tokio::test]
async fn a_tampered_body_or_a_missing_header_is_401_without_echo() {
    let url = application(WebhookSecrets::new(CLIENT_SECRET)).await;
    let body = change_body();
    let signature = sign(&body, CLIENT_SECRET);
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace(
            "chn_54cf7c7cb4ad4c1027000001",
            "chn_attacker00000000000000001",
        )
        .into_bytes();

    let (status, text) = deliver(&format!("{url}/cronofy"), &tampered, Some(&signature)).await;
    assert_eq!(status, 401, "{text}");
    assert_discreet(&text, &signature);
    assert!(!text.contains("attacker"), "{text}");

    let (status, text) = deliver(&format!("{url}/cronofy"), &body, None).await;
    assert_eq!(status, 401, "{text}");
    assert_discreet(&text, "");

    let (status, text) = deliver(&format!("{url}/cronofy"), &body, Some("not base64 at all")).await;
    assert_eq!(status, 401, "{text}");
    assert_discreet(&text, "not base64 at all");

    // The application sees the reason when it asks for it, and still nothing of the request.
    let (status, text) = deliver(
        &format!("{url}/cronofy/reported"),
        &tampered,
        Some(&signature),
    )
    .await;
    assert_eq!(status, 401);
    assert!(text.starts_with("refused: "), "{text}");
    assert_discreet(&text, &signature);
}

#[tokio::test]
async fn one_valid_value_among_several_in_the_header_is_enough() {
    let url = application(WebhookSecrets::new(CLIENT_SECRET)).await;
    let body = change_body();
    let header = format!(
        "{},{}, {}",
        sign(&body, "an-old-secret"),
        sign(b"another body", CLIENT_SECRET),
        sign(&body, CLIENT_SECRET)
    );
    let (status, text) = deliver(&format!("{url}/cronofy"), &body, Some(&header)).await;
    assert_eq!(
        (status, text.as_str()),
        (200, "change chn_54cf7c7cb4ad4c1027000001")
    );
}

#[tokio::test]
async fn any_of_several_secrets_is_accepted_and_no_other() {
    let url = application(WebhookSecrets::new("the-new-secret-7Hd8").with(CLIENT_SECRET)).await;
    let body = change_body();
    for secret in ["the-new-secret-7Hd8", CLIENT_SECRET] {
        let (status, text) =
            deliver(&format!("{url}/cronofy"), &body, Some(&sign(&body, secret))).await;
        assert_eq!(status, 200, "{secret}: {text}");
    }
    let (status, _) = deliver(
        &format!("{url}/cronofy"),
        &body,
        Some(&sign(&body, "a-revoked-secret")),
    )
    .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_signed_body_that_does_not_decode_is_400_without_echo() {
    let url = application(WebhookSecrets::new(CLIENT_SECRET)).await;
    let not_json = format!("{{\"notification\": {MARKER}").into_bytes();
    let wrong_field = json!({
        "notification": {"type": "change", "changes_since": MARKER},
        "channel": channel()
    })
    .to_string()
    .into_bytes();
    for body in [not_json, wrong_field] {
        let signature = sign(&body, CLIENT_SECRET);
        let (status, text) = deliver(&format!("{url}/cronofy"), &body, Some(&signature)).await;
        assert_eq!(status, 400, "{text}");
        assert_discreet(&text, &signature);
    }
}

#[tokio::test]
async fn an_oversized_body_is_413_and_no_secret_is_500() {
    let url = application(WebhookSecrets::new(CLIENT_SECRET)).await;
    let huge = vec![b' '; cronofy::notifications::MAX_CALLBACK_BODY_BYTES + 1];
    let (status, _) = deliver(
        &format!("{url}/cronofy"),
        &huge,
        Some(&sign(&huge, CLIENT_SECRET)),
    )
    .await;
    assert_eq!(status, 413);

    // A server configured without a secret verifies nothing, not even a body "signed" with
    // the empty key, and says only that it could not verify.
    let unconfigured = application(WebhookSecrets::several(Vec::<String>::new())).await;
    let body = change_body();
    let (status, text) = deliver(
        &format!("{unconfigured}/cronofy"),
        &body,
        Some(&sign(&body, "")),
    )
    .await;
    assert_eq!(status, 500);
    assert_discreet(&text, "");

    // A configuration error is reported as one even for an unsigned request, and so is one
    // empty secret among good ones (an unset setting in a rotation).
    let (status, _) = deliver(&format!("{unconfigured}/cronofy"), &body, None).await;
    assert_eq!(status, 500);
    let half_set = application(WebhookSecrets::new(CLIENT_SECRET).with("  ")).await;
    let (status, _) = deliver(
        &format!("{half_set}/cronofy"),
        &body,
        Some(&sign(&body, CLIENT_SECRET)),
    )
    .await;
    assert_eq!(status, 500);
}

#[tokio::test]
async fn an_empty_or_blank_signature_header_is_a_missing_one() {
    let url = application(WebhookSecrets::new(CLIENT_SECRET)).await;
    let body = change_body();
    for header in ["", "   ", ",", " , "] {
        let (status, text) = deliver(&format!("{url}/cronofy"), &body, Some(header)).await;
        assert_eq!(status, 401, "{header:?}: {text}");
        assert_discreet(&text, "");
    }
}

#[tokio::test]
async fn a_refusal_names_what_is_missing_without_quoting_the_body() {
    let url = application(WebhookSecrets::new(CLIENT_SECRET)).await;
    let body = json!({"channel": {"channel_id": MARKER}})
        .to_string()
        .into_bytes();
    let signature = sign(&body, CLIENT_SECRET);
    let (status, text) = deliver(&format!("{url}/cronofy"), &body, Some(&signature)).await;
    assert_eq!(status, 400);
    assert!(text.contains("no notification.type"), "{text}");
    assert!(!text.contains(MARKER), "{text}");
}
