//! Attachments: uploading a file to attach to events, with the client secret as bearer.

use cronofy::attachments::{AttachmentInteraction, CreateAttachment};
use mockito::Server;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn create_attachment_posts_the_file_base64_encoded_with_its_webhooks() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/attachments",
        CLIENT_SECRET,
        None,
        json!({
            "attachment": {
                "file_name": "job_description.pdf",
                "content_type": "application/pdf",
                "base64_content": "TmV2ZXIgZ29ubmEgZ2l2ZSB5b3UgdXAK"
            },
            "subscriptions": [
                {
                    "type": "webhook",
                    "uri": "https://example.com/customer_123/webhooks",
                    "interactions": [
                        {"type": "attachment_approved"},
                        {"type": "attachment_rejected"}
                    ]
                }
            ],
            "expires_in_days": 30
        }),
    );
    let mock = respond_json(
        mock,
        json!({
            "attachment": {
                "attachment_id": "att_5e4d5a6668ed0f4b213e90fe",
                "file_name": "job_description.pdf",
                "content_type": "application/pdf",
                "md5": "344aab9758bb0d018b93739e7893fb3a",
                "size": 25
            },
            "request_id": "req_1"
        }),
    )
    .await;
    let upload = CreateAttachment::new(
        "job_description.pdf",
        "application/pdf",
        b"Never gonna give you up\n",
    )
    .webhook(
        "https://example.com/customer_123/webhooks",
        [
            AttachmentInteraction::AttachmentApproved,
            AttachmentInteraction::AttachmentRejected,
        ],
    )
    .field("expires_in_days", 30);

    let result = cronofy::attachments::create_attachment(&client(&server), &app(), &upload).await;

    mock.assert_async().await;
    let response = result.unwrap();
    let attachment = &response.attachment;
    assert_eq!(attachment.attachment_id, "att_5e4d5a6668ed0f4b213e90fe");
    assert_eq!(attachment.file_name.as_deref(), Some("job_description.pdf"));
    assert_eq!(attachment.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(
        attachment.md5.as_deref(),
        Some("344aab9758bb0d018b93739e7893fb3a")
    );
    assert_eq!(attachment.extra["size"], 25);
    assert_eq!(response.extra["request_id"], "req_1");
}

#[tokio::test]
async fn create_attachment_with_only_the_file_reads_only_the_id() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/attachments",
        CLIENT_SECRET,
        None,
        json!({
            "attachment": {
                "file_name": "notes.txt",
                "content_type": "text/plain",
                "base64_content": "aGk="
            }
        }),
    );
    let mock = respond_json(
        mock,
        json!({"attachment": {"attachment_id": "att_1", "file_name": null}}),
    )
    .await;
    let upload = CreateAttachment::from_base64("notes.txt", "text/plain", "aGk=");

    let result = cronofy::attachments::create_attachment(&client(&server), &app(), &upload).await;

    mock.assert_async().await;
    let attachment = result.unwrap().attachment;
    assert_eq!(attachment.attachment_id, "att_1");
    assert_eq!(attachment.file_name, None);
    assert_eq!(attachment.content_type, None);
    assert_eq!(attachment.md5, None);
    assert!(attachment.extra.is_empty());
}

#[tokio::test]
async fn create_attachment_refuses_an_empty_file_or_a_modeled_field_before_sending() {
    let mut server = Server::new_async().await;
    let nothing = expect_nothing_sent(&mut server, "POST").await;
    let client = client(&server);
    for (upload, expected) in [
        (
            CreateAttachment::new(" ", "application/pdf", b"x"),
            "`attachment.file_name` must not be empty",
        ),
        (
            CreateAttachment::new("a.pdf", "", b"x"),
            "`attachment.content_type` must not be empty",
        ),
        (
            CreateAttachment::new("a.pdf", "application/pdf", b""),
            "`attachment.base64_content` must not be empty",
        ),
        (
            CreateAttachment::new("a.pdf", "application/pdf", b"x")
                .field("subscriptions", json!([])),
            "`subscriptions` is a field CreateAttachment models: set it with CreateAttachment's own method, not `.field()`",
        ),
    ] {
        let reason =
            refusal(cronofy::attachments::create_attachment(&client, &app(), &upload).await);
        assert_eq!(reason, expected);
    }
    nothing.assert_async().await;
}
