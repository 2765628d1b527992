//! Attachments (beta): files uploaded once, then attached to events by their id.
//!
//! [`create_attachment()`] uploads a file and returns its `attachment_id` (`att_...`), which
//! event bodies then list under `attachments`. Writing attachments to a user's calendar needs
//! the user to have granted Cronofy's attachment scopes, and a calendar whose
//! `calendar_attachments_available` is true.

use base64::Engine as _;
use serde::{Deserialize, Serialize, Serializer};

use crate::checks;
use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};

/// Uploads a file for attaching to events; returns its id.
///
/// Needs the application's credentials: Cronofy documents the API key
/// (`Authorization: Bearer {API_KEY}`, the client secret) for this call. Refused before
/// sending when the file name, content type or content is empty.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/attachments/create/)
///
/// ```no_run
/// use cronofy::attachments::{AttachmentInteraction, CreateAttachment};
/// use cronofy::{AppCredentials, Client};
///
/// async fn attach_job_description(
///     client: &Client,
///     app: &AppCredentials,
/// ) -> Result<(), cronofy::Error> {
///     let upload =
///         CreateAttachment::new("job_description.pdf", "application/pdf", b"%PDF-1.7 ...")
///             .webhook(
///                 "https://example.com/cronofy/attachments",
///                 [
///                     AttachmentInteraction::AttachmentApproved,
///                     AttachmentInteraction::AttachmentRejected,
///                 ],
///             );
///     let uploaded = cronofy::attachments::create_attachment(client, app, &upload).await?;
///     println!("attach {} to events", uploaded.attachment.attachment_id);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "app", method = "POST", path = "/v1/attachments")]
pub async fn create_attachment(#[body] attachment: &CreateAttachment) -> AttachmentResponse;

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[&CREATE_ATTACHMENT];

/// The body of [`create_attachment()`]: the file, and optional webhooks told whether it was
/// approved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct CreateAttachment {
    attachment: AttachmentFile,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subscriptions: Vec<AttachmentSubscription>,
    #[serde(flatten)]
    extra: ExtraFields,
}

#[derive(Clone, PartialEq, Serialize)]
struct AttachmentFile {
    #[serde(serialize_with = "file_name")]
    file_name: String,
    #[serde(serialize_with = "content_type")]
    content_type: String,
    #[serde(serialize_with = "base64_content")]
    base64_content: String,
}

impl std::fmt::Debug for AttachmentFile {
    /// The file's name and type, and the size of its content: never the content, which may be
    /// private.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttachmentFile")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field(
                "base64_content",
                &format_args!("[{} bytes]", self.base64_content.len()),
            )
            .finish()
    }
}

fn file_name<S: Serializer>(value: &str, serializer: S) -> Result<S::Ok, S::Error> {
    checks::not_blank("attachment.file_name", value)?;
    serializer.serialize_str(value)
}

fn content_type<S: Serializer>(value: &str, serializer: S) -> Result<S::Ok, S::Error> {
    checks::not_blank("attachment.content_type", value)?;
    serializer.serialize_str(value)
}

fn base64_content<S: Serializer>(value: &str, serializer: S) -> Result<S::Ok, S::Error> {
    checks::not_blank("attachment.base64_content", value)?;
    serializer.serialize_str(value)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct AttachmentSubscription {
    r#type: &'static str,
    uri: String,
    interactions: Vec<Interaction>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Interaction {
    r#type: AttachmentInteraction,
}

impl CreateAttachment {
    /// The file `file_name` of MIME type `content_type` (the name's extension must be one
    /// Cronofy expects for that type: `.pdf` for `application/pdf`), with its bytes, which are
    /// sent base64-encoded.
    pub fn new(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        content: impl AsRef<[u8]>,
    ) -> Self {
        let encoded = base64::engine::general_purpose::STANDARD.encode(content);
        CreateAttachment::from_base64(file_name, content_type, encoded)
    }

    /// As [`new`](Self::new), with the content already base64-encoded.
    pub fn from_base64(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        base64_content: impl Into<String>,
    ) -> Self {
        CreateAttachment {
            attachment: AttachmentFile {
                file_name: file_name.into(),
                content_type: content_type.into(),
                base64_content: base64_content.into(),
            },
            subscriptions: Vec::new(),
            extra: ExtraFields::default(),
        }
    }

    /// A webhook at `uri` (public http or https) told of these interactions with the file.
    /// May be given several times.
    pub fn webhook(
        mut self,
        uri: impl Into<String>,
        interactions: impl IntoIterator<Item = AttachmentInteraction>,
    ) -> Self {
        self.subscriptions.push(AttachmentSubscription {
            r#type: "webhook",
            uri: uri.into(),
            interactions: interactions
                .into_iter()
                .map(|r#type| Interaction { r#type })
                .collect(),
        });
        self
    }
}

extensible_body!(CreateAttachment {
    "attachment",
    "subscriptions"
});

cronofy_core::open_enum! {
    /// What happened to an uploaded file, as a webhook is told.
    pub enum AttachmentInteraction {
        /// The file was approved for attaching (`attachment_approved`).
        AttachmentApproved = "attachment_approved",
        /// The file was rejected (`attachment_rejected`).
        AttachmentRejected = "attachment_rejected",
    }
}

/// The body of [`create_attachment()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AttachmentResponse {
    /// The file uploaded.
    pub attachment: Attachment,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// An uploaded file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Attachment {
    /// Cronofy's id for it, e.g. `att_5e4d5a6668ed0f4b213e90fe`: what event bodies list.
    pub attachment_id: String,
    /// Its file name.
    #[serde(default)]
    pub file_name: Option<String>,
    /// Its MIME type.
    #[serde(default)]
    pub content_type: Option<String>,
    /// The MD5 digest of its content, in hex.
    #[serde(default)]
    pub md5: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
