//! Attachments: files an application uploads to attach to events. The fake checks the file
//! (name, MIME type matching the name's extension for the types it knows, base64 content)
//! and the webhooks, and answers with a new `att_...` id and the content's MD5; it keeps no
//! copy and sends no webhook.

use axum::Extension;
use axum::body::Bytes;
use axum::response::Response;
use base64::Engine as _;
use md5::{Digest, Md5};
use serde_json::{Map, Value, json};

use crate::auth::{self, Presented};
use crate::ids;
use crate::reply::{self, FieldErrors, Rejection};

/// The extensions the fake expects for the MIME types it knows; any extension goes for others.
const EXTENSIONS: &[(&str, &[&str])] = &[
    ("application/pdf", &["pdf"]),
    ("text/plain", &["txt"]),
    ("text/calendar", &["ics"]),
    ("text/csv", &["csv"]),
    ("image/png", &["png"]),
    ("image/jpeg", &["jpg", "jpeg"]),
    ("image/gif", &["gif"]),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &["docx"],
    ),
    ("application/msword", &["doc"]),
];

const INTERACTIONS: [&str; 2] = ["attachment_approved", "attachment_rejected"];

/// `POST /v1/attachments`: `{attachment: {file_name, content_type, base64_content},
/// subscriptions?: [{type: "webhook", uri, interactions: [{type}]}]}` -> `{attachment:
/// {attachment_id, file_name, content_type, md5}}`.
pub(crate) async fn create(
    Extension(presented): Extension<Presented>,
    body: Bytes,
) -> Result<Response, Rejection> {
    auth::app(&presented)?;
    let body = reply::json_object(&body)?;
    let mut errors = FieldErrors::default();
    let empty = Map::new();
    let (attachment, sent) = match body.get("attachment") {
        Some(Value::Object(attachment)) => (attachment, true),
        None | Some(Value::Null) => {
            errors.required("attachment");
            (&empty, false)
        }
        Some(_) => {
            errors.invalid("attachment", "must be an object");
            (&empty, false)
        }
    };
    let mut text = |field: &str| {
        let value = reply::string(attachment, field);
        if value.is_none() && sent {
            errors.required(&format!("attachment.{field}"));
        }
        value
    };
    let file_name = text("file_name");
    let content_type = text("content_type");
    let content = text("base64_content");
    if let (Some(name), Some(content_type)) = (file_name, content_type) {
        let extension = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase());
        let expected = EXTENSIONS
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(content_type.trim()));
        if let Some((_, extensions)) = expected
            && !extension.is_some_and(|ext| extensions.contains(&ext.as_str()))
        {
            errors.invalid(
                "attachment.file_name",
                "the extension does not match the content type",
            );
        }
        if name.contains(['/', '\\', '\0']) {
            errors.invalid("attachment.file_name", "has characters a file name may not");
        }
    }
    let bytes = content.and_then(|content| {
        let decoded = base64::engine::general_purpose::STANDARD.decode(content.trim());
        if decoded.is_err() {
            errors.invalid("attachment.base64_content", "must be base64");
        }
        decoded.ok()
    });
    check_subscriptions(&body, &mut errors);
    errors.check()?;
    let (Some(file_name), Some(content_type), Some(bytes)) = (file_name, content_type, bytes)
    else {
        return Err(Rejection::BadRequest(
            "the attachment is incomplete".to_owned(),
        ));
    };
    let md5: String = Md5::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(reply::ok(&json!({
        "attachment": {
            "attachment_id": ids::id("att_"),
            "file_name": file_name,
            "content_type": content_type,
            "md5": md5,
        }
    })))
}

fn check_subscriptions(body: &Map<String, Value>, errors: &mut FieldErrors) {
    let subscriptions = match body.get("subscriptions") {
        None | Some(Value::Null) => return,
        Some(Value::Array(list)) => list,
        Some(_) => {
            errors.invalid("subscriptions", "must be an array");
            return;
        }
    };
    for subscription in subscriptions {
        if subscription.get("type").and_then(Value::as_str) != Some("webhook") {
            errors.invalid("subscriptions.type", "must be webhook");
        }
        match subscription.get("uri").and_then(Value::as_str) {
            None => errors.required("subscriptions.uri"),
            Some(uri) if !reply::is_web_url(uri) => {
                errors.invalid("subscriptions.uri", "must be an absolute http or https URL");
            }
            Some(_) => {}
        }
        let known = subscription
            .get("interactions")
            .and_then(Value::as_array)
            .is_some_and(|list| {
                list.iter().all(|interaction| {
                    interaction
                        .get("type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| INTERACTIONS.contains(&t))
                })
            });
        if !known {
            errors.invalid(
                "subscriptions.interactions",
                "must be [{type}] with attachment_approved or attachment_rejected",
            );
        }
    }
}
