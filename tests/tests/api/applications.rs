//! The Admin API: verifying the application, with its client secret as bearer.

use cronofy::applications::VerifyApplication;
use mockito::Server;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn verify_application_posts_the_redirect_uris_and_contact() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/application_verification",
        CLIENT_SECRET,
        None,
        json!({
            "redirect_uris": [
                "https://example.com/cronofy/callback",
                "https://staging.example.com/cronofy/callback"
            ],
            "contact": {"email": "developers@example.com", "display_name": "Example developers"},
            "company_name": "Example Ltd"
        }),
    );
    // Cronofy documents `202 Accepted` with `{}`.
    let mock = mock
        .with_status(202)
        .with_header("content-type", "application/json; charset=utf-8")
        .with_body("{}")
        .create_async()
        .await;
    let request = VerifyApplication::new(
        [
            "https://example.com/cronofy/callback",
            "https://staging.example.com/cronofy/callback",
        ],
        "developers@example.com",
    )
    .contact_display_name("Example developers")
    .field("company_name", "Example Ltd");

    let result =
        cronofy::applications::verify_application(&client(&server), &app(), &request).await;

    mock.assert_async().await;
    result.unwrap();
}

#[tokio::test]
async fn verify_application_with_only_what_is_required_and_an_empty_answer() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/application_verification",
        CLIENT_SECRET,
        None,
        json!({
            "redirect_uris": ["https://example.com/cb"],
            "contact": {"email": "dev@example.com"}
        }),
    );
    let mock = respond_accepted(mock).await;
    let request = VerifyApplication::new(["https://example.com/cb"], "dev@example.com");

    let result =
        cronofy::applications::verify_application(&client(&server), &app(), &request).await;

    mock.assert_async().await;
    result.unwrap();
}

#[tokio::test]
async fn verify_application_refuses_no_uri_a_bad_email_or_a_modeled_field() {
    let mut server = Server::new_async().await;
    let nothing = expect_nothing_sent(&mut server, "POST").await;
    let client = client(&server);
    for (request, expected) in [
        (
            VerifyApplication::new(Vec::<String>::new(), "dev@example.com"),
            "`redirect_uris` needs at least one URI",
        ),
        (
            VerifyApplication::new([""], "dev@example.com"),
            "`redirect_uris` must not be empty",
        ),
        (
            VerifyApplication::new(["https://example.com/cb"], "dev"),
            "`contact.email` must be an email address, not \"dev\"",
        ),
        (
            VerifyApplication::new(["https://example.com/cb"], "dev@example.com")
                .field("contact", json!({})),
            "`contact` is a field VerifyApplication models: set it with VerifyApplication's own method, not `.field()`",
        ),
    ] {
        let reason =
            refusal(cronofy::applications::verify_application(&client, &app(), &request).await);
        assert_eq!(reason, expected);
    }
    nothing.assert_async().await;
}
