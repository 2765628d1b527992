//! The fake Cronofy's notifications, end to end: an application's axum server verifying them
//! with `cronofy::notifications::VerifiedCallback`, on loopback, receives what the fake sends
//! when its state changes through the client.

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::Redirect;
use axum::routing::post;
use cronofy::events::{DeleteEvent, UpsertEvent};
use cronofy::notifications::{
    Callback, CreateChannel, NOTIFICATION_SIGNATURE_HEADER, VerifiedCallback, WebhookSecrets,
};
use cronofy::scheduling::{
    ReadSmartInvite, SmartInviteEvent, SmartInviteStatus, UpsertSmartInvite,
};
use cronofy::time::UtcTime;
use cronofy_fake::{DeliveryOutcome, FakeCronofy};
use tokio::sync::mpsc;

/// The application: its secrets, and where its handler hands over what it received.
#[derive(Clone)]
struct Application {
    secrets: WebhookSecrets,
    received: mpsc::UnboundedSender<Callback>,
}

impl FromRef<Application> for WebhookSecrets {
    fn from_ref(app: &Application) -> WebhookSecrets {
        app.secrets.clone()
    }
}

async fn receive(
    State(app): State<Application>,
    VerifiedCallback(callback): VerifiedCallback,
) -> StatusCode {
    let _ = app.received.send(callback);
    StatusCode::OK
}

/// The application's server on a loopback port, verifying with the fake's client secret; its
/// base URL and what its handler receives.
async fn application(fake: &FakeCronofy) -> (String, mpsc::UnboundedReceiver<Callback>) {
    let (received, callbacks) = mpsc::unbounded_channel();
    let state = Application {
        secrets: WebhookSecrets::from(&fake.app_credentials()),
        received,
    };
    let app = Router::new()
        .route("/cronofy/notify/{channel_secret}", post(receive))
        .route("/cronofy/smart_invites", post(receive))
        .route(
            "/cronofy/moved",
            post(|| async { Redirect::temporary("/cronofy/smart_invites") }),
        )
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, callbacks)
}

/// Everything the handler received so far.
fn drain(callbacks: &mut mpsc::UnboundedReceiver<Callback>) -> Vec<Callback> {
    let mut all = Vec::new();
    while let Ok(callback) = callbacks.try_recv() {
        all.push(callback);
    }
    all
}

fn event(id: &str) -> UpsertEvent {
    UpsertEvent::new(
        id,
        "Intro call",
        UtcTime::parse("2026-11-23T09:00:00Z").unwrap(),
        UtcTime::parse("2026-11-23T09:30:00Z").unwrap(),
    )
}

fn channel_of(callback: &Callback) -> String {
    match callback {
        Callback::Verification(n) | Callback::Change(n) | Callback::ProfileDisconnected(n) => {
            n.channel.as_ref().expect("a channel").channel_id.clone()
        }
        other => panic!("not a push notification: {other:?}"),
    }
}

#[tokio::test]
async fn a_channel_gets_its_verification_then_a_verified_change_and_a_forgery_is_refused() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let alice = fake.default_user();
    let token = fake.issue_user_token(&alice.sub, "read_write").user_token();
    let (url, mut callbacks) = application(&fake).await;

    let request = CreateChannel::new(format!("{url}/cronofy/notify/k3J9dW2q"));
    let channel = cronofy::notifications::create_channel(&client, &token, &request)
        .await
        .unwrap()
        .channel;
    cronofy::events::upsert_event(&client, &token, alice.primary_calendar_id(), &event("e-1"))
        .await
        .unwrap();
    fake.notifications_delivered().await;

    let received = drain(&mut callbacks);
    assert_eq!(received.len(), 2, "{received:?}");
    assert!(
        matches!(received[0], Callback::Verification(_)),
        "{received:?}"
    );
    let Callback::Change(change) = &received[1] else {
        panic!("{received:?}")
    };
    assert!(change.notification.changes_since.is_some());
    for callback in &received {
        assert_eq!(channel_of(callback), channel.channel_id);
    }
    let sent = fake.notifications();
    let kinds: Vec<&str> = sent.iter().map(|d| d.kind.as_str()).collect();
    assert_eq!(kinds, ["verification", "change"]);
    assert!(
        sent.iter()
            .all(|d| d.outcome == DeliveryOutcome::Answered(200)),
        "{sent:?}"
    );

    // A copy of the fake's change with another channel, sent with the fake's signature.
    let original = &sent[1];
    let forged = original
        .body
        .replace(&channel.channel_id, "chn_forged0000000000000001");
    assert_ne!(forged, original.body);
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let response = http
        .post(&original.url)
        .header(NOTIFICATION_SIGNATURE_HEADER, &original.signature)
        .body(forged)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
    let text = response.text().await.unwrap();
    assert!(
        !text.contains("chn_forged") && !text.contains(&original.signature),
        "{text}"
    );
    assert!(drain(&mut callbacks).is_empty());

    // Deleting the event is a change too.
    cronofy::events::delete_event(
        &client,
        &token,
        alice.primary_calendar_id(),
        &DeleteEvent::new("e-1"),
    )
    .await
    .unwrap();
    fake.notifications_delivered().await;
    let received = drain(&mut callbacks);
    assert!(
        matches!(received.as_slice(), [Callback::Change(_)]),
        "{received:?}"
    );
}

#[tokio::test]
async fn a_channel_hears_only_of_the_calendars_its_filters_cover() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let alice = fake.default_user();
    let token = fake.issue_user_token(&alice.sub, "read_write").user_token();
    let (url, mut callbacks) = application(&fake).await;
    let personal = alice.calendar_ids[1].clone();

    let request =
        CreateChannel::new(format!("{url}/cronofy/notify/personal")).calendar_ids([&personal]);
    cronofy::notifications::create_channel(&client, &token, &request)
        .await
        .unwrap();
    cronofy::events::upsert_event(&client, &token, alice.primary_calendar_id(), &event("work"))
        .await
        .unwrap();
    fake.notifications_delivered().await;
    assert!(matches!(
        drain(&mut callbacks).as_slice(),
        [Callback::Verification(_)]
    ));

    // Through the handle too: its events go through the same code as the endpoint's.
    fake.insert_event(&alice.sub, &personal, &event("home"));
    fake.notifications_delivered().await;
    assert!(matches!(
        drain(&mut callbacks).as_slice(),
        [Callback::Change(_)]
    ));
}

#[tokio::test]
async fn a_revoked_profile_is_told_once_to_every_channel() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let alice = fake.default_user();
    let token = fake.issue_user_token(&alice.sub, "read_write").user_token();
    let (url, mut callbacks) = application(&fake).await;
    for name in ["a", "b"] {
        let request = CreateChannel::new(format!("{url}/cronofy/notify/{name}"));
        cronofy::notifications::create_channel(&client, &token, &request)
            .await
            .unwrap();
    }
    fake.notifications_delivered().await;
    assert_eq!(drain(&mut callbacks).len(), 2);

    cronofy::identity::revoke_profile(&client, &token, &alice.profile_id)
        .await
        .unwrap();
    // Revoked already: nothing changes, nothing is sent.
    fake.disconnect_profile(&alice.sub, &alice.profile_id);
    fake.notifications_delivered().await;
    let received = drain(&mut callbacks);
    assert_eq!(received.len(), 2, "{received:?}");
    assert!(
        received
            .iter()
            .all(|c| matches!(c, Callback::ProfileDisconnected(_)))
    );
}

#[tokio::test]
async fn a_smart_invite_reply_reaches_the_invites_callback_url() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let app = fake.app_credentials();
    let (url, mut callbacks) = application(&fake).await;
    let invite = UpsertSmartInvite::new(
        "booking-42",
        format!("{url}/cronofy/smart_invites"),
        "jane@example.com",
        SmartInviteEvent::new(
            "Board meeting",
            UtcTime::parse("2026-11-23T09:30:00Z").unwrap(),
            UtcTime::parse("2026-11-23T10:00:00Z").unwrap(),
        ),
    );
    cronofy::scheduling::upsert_smart_invite(&client, &app, &invite)
        .await
        .unwrap();

    fake.answer_smart_invite(
        "booking-42",
        "jane@example.com",
        &SmartInviteStatus::Accepted,
        Some("See you there"),
    );
    fake.notifications_delivered().await;

    let received = drain(&mut callbacks);
    let [Callback::SmartInvite(reply)] = received.as_slice() else {
        panic!("{received:?}")
    };
    assert_eq!(reply.smart_invite.smart_invite_id, "booking-42");
    let answer = reply.smart_invite.reply.as_ref().unwrap();
    assert_eq!(answer.status, Some(SmartInviteStatus::Accepted));
    assert_eq!(answer.comment.as_deref(), Some("See you there"));
    let status = cronofy::scheduling::read_smart_invite(
        &client,
        &app,
        &ReadSmartInvite::new("booking-42", "jane@example.com"),
    )
    .await
    .unwrap();
    assert_eq!(
        status.recipient.unwrap().status,
        Some(SmartInviteStatus::Accepted)
    );
}

#[tokio::test]
async fn a_failing_callback_never_fails_the_call_and_nothing_leaves_loopback() {
    let fake = FakeCronofy::start().await;
    let client = fake.client();
    let alice = fake.default_user();
    let token = fake.issue_user_token(&alice.sub, "read_write").user_token();
    let (url, mut callbacks) = application(&fake).await;
    // A port nobody listens on any more.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    for callback_url in [
        format!("http://127.0.0.1:{closed}/cronofy"),
        format!("{url}/cronofy/moved"),
        "http://app.example.test/cronofy".to_owned(),
        "https://app.example.test/cronofy".to_owned(),
    ] {
        cronofy::notifications::create_channel(&client, &token, &CreateChannel::new(callback_url))
            .await
            .unwrap();
    }
    cronofy::events::upsert_event(&client, &token, alice.primary_calendar_id(), &event("e-1"))
        .await
        .unwrap();
    fake.notifications_delivered().await;

    let sent = fake.notifications();
    assert_eq!(sent.len(), 8, "{sent:?}");
    for delivery in &sent {
        let expected_failure = delivery.url.contains(&format!(":{closed}/"));
        match &delivery.outcome {
            DeliveryOutcome::Failed(_) => assert!(expected_failure, "{delivery:?}"),
            // A redirect is an answer, not followed: the handler behind it never ran.
            DeliveryOutcome::Answered(307) => assert!(delivery.url.ends_with("/moved")),
            DeliveryOutcome::Skipped(_) => assert!(delivery.url.contains("example.test")),
            other => panic!("{other:?} for {delivery:?}"),
        }
    }
    assert!(drain(&mut callbacks).is_empty());
}
