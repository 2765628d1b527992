//! Notifications: channels, and verifying and reading the notifications they send.

use cronofy::UserToken;
use cronofy::notifications::{
    CreateChannel, NOTIFICATION_SIGNATURE_HEADER, Notification, NotificationError,
    NotificationType, verify_notification, verify_notification_signature,
};
use mockito::Server;
use serde_json::json;

use crate::support::*;

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

/// The vector of Cronofy's SDKs: body, secret, signature.
const SDK_BODY: &[u8] = br#"{"example":"well-known"}"#;

const SDK_SECRET: &str = "pDY0Oi7TJSP2hfNmZNkm5";

const SDK_SIGNATURE: &str = "6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c=";

/// A well-formed HMAC-SHA256 (32 bytes) of something else, from cronofy-csharp's tests.
const OTHER_SIGNATURE: &str = "PNNVJ9J2e8N174koxcKDzktZ9Qkt8YUzP+V+l5lG8F4=";

const SECRET: &str = "client-secret-Nt9fKd03LsQ8mZ2xV7cB";

const CHANGE: &[u8] = br#"{"notification":{"type":"change","changes_since":"2026-11-23T09:24:16Z"},"channel":{"channel_id":"chn_54cf7c7cb4ad4c1027000001","callback_url":"https://example.com/cronofy/notifications","filters":{"calendar_ids":["cal_n23kjnwrw2_sakdnawerd3"],"only_managed":false}}}"#;

const CHANGE_SIGNATURE: &str = "00S+jpQ2dvI1hxGCkdbWKWQhpdvDNeSb+puufMHB7EU=";

/// [`CHANGE`] signed with a previous client secret, `previous-secret-Hw8dK2lQ`.
const CHANGE_SIGNATURE_PREVIOUS_SECRET: &str = "ZI3QK67bVntSLcq0okBjFbh3VOmS0ahvIA3pSlFViIQ=";

const VERIFICATION: &[u8] = br#"{"notification":{"type":"verification"},"channel":{"channel_id":"chn_54cf7c7cb4ad4c1027000001","callback_url":"https://example.com/cronofy/notifications","filters":{}}}"#;

const VERIFICATION_SIGNATURE: &str = "pM/M1tF7dT9bUQUr7dAk4OK3Rdw9l1YBhkzFYnvuf98=";

const DISCONNECTED: &[u8] = br#"{"notification":{"type":"profile_disconnected","profile_id":"pro_n23kjnwrw2","triggered_at":"2026-11-23T10:00:00Z"},"channel":{"channel_id":"chn_54cf7c7cb4ad4c1027000001","callback_url":"https://example.com/cronofy/notifications","filters":null},"account_id":"acc_5ba21743f408617d1269ea1e"}"#;

const DISCONNECTED_SIGNATURE: &str = "7xxy8Ak8gSauzEyznPQqV5WtuwXuhxOHQ2GFIw/kbZA=";

const UNKNOWN_KIND: &[u8] = br#"{"notification":{"type":"scheduling_conversation_joined","scheduling_conversation_id":"scv_55cfff7fb4af4c1027000005","changes_since":null},"channel":{"channel_id":"chn_54cf7c7cb4ad4c1027000001","callback_url":"https://example.com/cronofy/notifications","scheduling_conversations":{"enabled":true}}}"#;

const UNKNOWN_KIND_SIGNATURE: &str = "aVIaXCdUsFsdA2ouYKG263szsMg/fTbyKF+xCDXYeVI=";

#[test]
fn the_header_name_is_cronofys() {
    assert_eq!(NOTIFICATION_SIGNATURE_HEADER, "Cronofy-HMAC-SHA256");
}

#[test]
fn the_vector_of_cronofys_sdks_verifies() {
    verify_notification_signature(SDK_BODY, SDK_SIGNATURE, SDK_SECRET).unwrap();
    // It is not a notification, so reading it fails after the signature passed.
    assert!(matches!(
        verify_notification(SDK_BODY, SDK_SIGNATURE, SDK_SECRET),
        Err(NotificationError::InvalidBody { .. })
    ));
}

#[test]
fn a_change_notification_verifies_and_reads() {
    let notification = verify_notification(CHANGE, CHANGE_SIGNATURE, SECRET).unwrap();
    assert_eq!(notification.notification.kind, NotificationType::Change);
    assert_eq!(
        notification.notification.changes_since,
        Some("2026-11-23T09:24:16Z".parse().unwrap())
    );
    let channel = notification.channel.expect("the channel");
    assert_eq!(channel.channel_id, "chn_54cf7c7cb4ad4c1027000001");
    assert_eq!(
        channel.callback_url,
        "https://example.com/cronofy/notifications"
    );
    assert_eq!(channel.filters.calendar_ids, ["cal_n23kjnwrw2_sakdnawerd3"]);
    assert_eq!(channel.filters.only_managed, Some(false));
    assert!(notification.extra.is_empty());
}

#[test]
fn a_verification_notification_verifies_and_reads() {
    let notification = verify_notification(VERIFICATION, VERIFICATION_SIGNATURE, SECRET).unwrap();
    assert_eq!(
        notification.notification.kind,
        NotificationType::Verification
    );
    assert_eq!(notification.notification.changes_since, None);
    assert!(
        notification
            .channel
            .unwrap()
            .filters
            .calendar_ids
            .is_empty()
    );
}

#[test]
fn a_profile_disconnected_notification_keeps_the_fields_it_does_not_model() {
    let notification = verify_notification(DISCONNECTED, DISCONNECTED_SIGNATURE, SECRET).unwrap();
    let details = &notification.notification;
    assert_eq!(details.kind, NotificationType::ProfileDisconnected);
    assert_eq!(details.extra["profile_id"], "pro_n23kjnwrw2");
    assert_eq!(details.extra["triggered_at"], "2026-11-23T10:00:00Z");
    assert_eq!(
        notification.extra["account_id"],
        "acc_5ba21743f408617d1269ea1e"
    );
    // `"filters": null` reads as no filters.
    let channel = notification.channel.unwrap();
    assert!(channel.filters.calendar_ids.is_empty());
    assert_eq!(channel.filters.only_managed, None);
}

#[test]
fn an_unknown_kind_is_kept_with_its_name() {
    let notification = verify_notification(UNKNOWN_KIND, UNKNOWN_KIND_SIGNATURE, SECRET).unwrap();
    let details = &notification.notification;
    assert_eq!(
        details.kind,
        NotificationType::Unknown("scheduling_conversation_joined".to_owned())
    );
    assert_eq!(details.kind.as_str(), "scheduling_conversation_joined");
    assert_eq!(details.changes_since, None);
    assert_eq!(
        details.extra["scheduling_conversation_id"],
        "scv_55cfff7fb4af4c1027000005"
    );
}

#[test]
fn a_wrong_signature_is_refused() {
    for header in [OTHER_SIGNATURE, VERIFICATION_SIGNATURE, SDK_SIGNATURE] {
        assert_eq!(
            verify_notification(CHANGE, header, SECRET).unwrap_err(),
            NotificationError::SignatureMismatch,
            "{header}"
        );
    }
}

#[test]
fn the_right_signature_with_another_secret_is_refused() {
    assert_eq!(
        verify_notification(CHANGE, CHANGE_SIGNATURE, "client-secret-of-another-app").unwrap_err(),
        NotificationError::SignatureMismatch
    );
    // Nor is the secret trimmed, cased or otherwise "helped".
    assert_eq!(
        verify_notification(CHANGE, CHANGE_SIGNATURE, &format!("{SECRET} ")).unwrap_err(),
        NotificationError::SignatureMismatch
    );
}

#[test]
fn a_body_changed_after_signing_is_refused() {
    let mut with_newline = CHANGE.to_vec();
    with_newline.push(b'\n');
    let reformatted = String::from_utf8(CHANGE.to_vec())
        .unwrap()
        .replace("\":", "\": ");
    for body in [
        with_newline.as_slice(),
        reformatted.as_bytes(),
        b"".as_slice(),
    ] {
        assert_eq!(
            verify_notification(body, CHANGE_SIGNATURE, SECRET).unwrap_err(),
            NotificationError::SignatureMismatch
        );
    }
}

#[test]
fn a_missing_header_is_refused() {
    for header in ["", "   "] {
        assert_eq!(
            verify_notification(CHANGE, header, SECRET).unwrap_err(),
            NotificationError::MissingSignature,
            "{header:?}"
        );
    }
}

#[test]
fn malformed_base64_is_refused() {
    let truncated = &CHANGE_SIGNATURE[..20];
    let hex = "d344be8e943676f235871182 91d6d629642 1a5dbc335e49bfa9bae7cc1c1ec45";
    for header in [
        "not base64 at all!",
        "00S+jpQ2dvI1hxGCkdbWKWQhpdvDNeSb+puufMHB7EU",
        truncated,
        hex,
        ",,,",
        "sha256=00S+jpQ2dvI1hxGCkdbWKWQhpdvDNeSb+puufMHB7EU=",
    ] {
        assert_eq!(
            verify_notification(CHANGE, header, SECRET).unwrap_err(),
            NotificationError::MalformedSignature,
            "{header:?}"
        );
    }
}

#[test]
fn several_values_pass_when_one_matches() {
    let headers = [
        format!("{CHANGE_SIGNATURE_PREVIOUS_SECRET},{CHANGE_SIGNATURE}"),
        format!("{CHANGE_SIGNATURE},{CHANGE_SIGNATURE_PREVIOUS_SECRET}"),
        format!("{OTHER_SIGNATURE}, {CHANGE_SIGNATURE} ,{SDK_SIGNATURE}"),
        format!("not base64!,{CHANGE_SIGNATURE}"),
    ];
    for header in &headers {
        let notification =
            verify_notification(CHANGE, header, SECRET).unwrap_or_else(|e| panic!("{header}: {e}"));
        assert_eq!(notification.notification.kind, NotificationType::Change);
    }
    // The previous secret's value matches with the previous secret.
    verify_notification_signature(
        CHANGE,
        &format!("{CHANGE_SIGNATURE},{CHANGE_SIGNATURE_PREVIOUS_SECRET}"),
        "previous-secret-Hw8dK2lQ",
    )
    .unwrap();
}

#[test]
fn several_values_are_refused_when_none_matches() {
    let header = format!("{CHANGE_SIGNATURE_PREVIOUS_SECRET},{OTHER_SIGNATURE}");
    assert_eq!(
        verify_notification(CHANGE, &header, SECRET).unwrap_err(),
        NotificationError::SignatureMismatch
    );
}

#[test]
fn a_signed_body_that_is_not_a_notification_is_an_invalid_body() {
    assert!(matches!(
        Notification::parse(br#"{"channel":{}}"#),
        Err(NotificationError::InvalidBody { .. })
    ));
    assert!(matches!(
        Notification::parse(b"not json"),
        Err(NotificationError::InvalidBody { .. })
    ));
}

#[test]
fn errors_never_show_the_secret_or_the_signatures() {
    let errors = [
        verify_notification(CHANGE, "", SECRET).unwrap_err(),
        verify_notification(CHANGE, "garbage", SECRET).unwrap_err(),
        verify_notification(CHANGE, OTHER_SIGNATURE, SECRET).unwrap_err(),
        verify_notification(SDK_BODY, SDK_SIGNATURE, SDK_SECRET).unwrap_err(),
    ];
    for error in errors {
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(!text.contains(SECRET), "{text}");
            assert!(!text.contains(SDK_SECRET), "{text}");
            assert!(!text.contains(OTHER_SIGNATURE), "{text}");
            assert!(!text.contains(SDK_SIGNATURE), "{text}");
        }
    }
}

#[test]
fn a_smart_invite_callback_reads_the_recipient_and_their_reply() {
    // The body Cronofy posts to a smart invite's `callback_url` when the recipient answers.
    let body = br#"{
        "notification": {"type": "smart_invite"},
        "smart_invite": {
            "smart_invite_id": "booking-42",
            "callback_url": "https://example.com/cronofy/smart_invite/notifications",
            "recipient": {"email": "jane@example.com", "status": "tentative"},
            "reply": {
                "email": "jane@example.com",
                "status": "tentative",
                "comment": "Could we move it later?",
                "proposal": {
                    "start": {"time": "2026-11-23T11:00:00Z", "tzid": "Europe/London"},
                    "end": {"time": "2026-11-23T11:30:00Z", "tzid": "Europe/London"}
                }
            }
        }
    }"#;
    let notification = cronofy::notifications::Notification::parse(body).unwrap();
    assert_eq!(
        notification.notification.kind,
        NotificationType::SmartInvite
    );
    assert_eq!(notification.channel, None);
    let invite = notification.smart_invite.expect("the smart invite");
    assert_eq!(invite.smart_invite_id, "booking-42");
    let reply = invite.reply.expect("the reply");
    assert_eq!(
        reply.status,
        Some(cronofy::scheduling::SmartInviteStatus::Tentative)
    );
    assert_eq!(reply.comment.as_deref(), Some("Could we move it later?"));
    let proposal = reply.proposal.expect("the proposal");
    assert_eq!(
        proposal.start,
        cronofy::time::EventTime::zoned("2026-11-23T11:00:00Z".parse().unwrap(), "Europe/London")
    );
}
