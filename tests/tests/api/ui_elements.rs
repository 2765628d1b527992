//! UI Elements: element tokens.

use cronofy::ui_elements::{CreateElementToken, ElementPermission};
use mockito::Server;
use serde_json::json;

use crate::support::*;

// ---------------------------------------------------------------------------------------------
// Element tokens

#[tokio::test]
async fn create_element_token_posts_version_1_and_keeps_the_token_out_of_debug() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/element_tokens",
        CLIENT_SECRET,
        None,
        json!({
            "version": "1",
            "permissions": ["agenda", "availability", "some_new_element"],
            "subs": ["acc_123", "acc_456"],
            "bookable_event_ids": ["bke_kickoff"],
            "origin": "https://evenitron.com",
            "locale": "fr"
        }),
    );
    let mock = respond_json(
        mock,
        json!({
            "element_token": {
                "permissions": ["agenda", "availability", "some_new_element"],
                "origin": "https://evenitron.com",
                "token": "element-token-6a8b0c2d4e",
                "expires_in": 64800,
                "issued_at": "2026-11-23T09:00:00Z"
            }
        }),
    )
    .await;
    let request = CreateElementToken::new(
        [
            ElementPermission::Agenda,
            ElementPermission::Availability,
            ElementPermission::Unknown("some_new_element".to_owned()),
        ],
        "https://evenitron.com",
    )
    .subs(["acc_123", "acc_456"])
    .bookable_event_ids(["bke_kickoff"])
    .field("locale", "fr");

    let result =
        cronofy::ui_elements::create_element_token(&client(&server), &app(), &request).await;

    mock.assert_async().await;
    let token = result.unwrap().element_token;
    assert_eq!(token.token.secret(), "element-token-6a8b0c2d4e");
    assert_eq!(
        token.permissions,
        [
            ElementPermission::Agenda,
            ElementPermission::Availability,
            ElementPermission::Unknown("some_new_element".to_owned()),
        ]
    );
    assert_eq!(token.origin.as_deref(), Some("https://evenitron.com"));
    assert_eq!(token.expires_in, Some(64800));
    assert_eq!(token.extra["issued_at"], "2026-11-23T09:00:00Z");
    let printed = format!("{token:?}");
    assert!(!printed.contains("element-token-6a8b0c2d4e"), "{printed}");
    assert!(printed.contains("[redacted]"), "{printed}");
}

#[tokio::test]
async fn create_element_token_without_subs_and_a_minimal_answer() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/element_tokens",
        CLIENT_SECRET,
        None,
        json!({
            "version": "1",
            "permissions": ["managed_availability", "account_management"],
            "origin": "http://localhost"
        }),
    );
    let mock = respond_json(
        mock,
        json!({"element_token": {"token": "element-token-minimal", "permissions": null, "origin": null}}),
    )
    .await;
    let request = CreateElementToken::new(
        [
            ElementPermission::ManagedAvailability,
            ElementPermission::AccountManagement,
        ],
        "http://localhost",
    );

    let result =
        cronofy::ui_elements::create_element_token(&client(&server), &app(), &request).await;

    mock.assert_async().await;
    let token = result.unwrap().element_token;
    assert_eq!(token.token.secret(), "element-token-minimal");
    assert!(token.permissions.is_empty());
    assert_eq!(token.origin, None);
    assert_eq!(token.expires_in, None);
}
