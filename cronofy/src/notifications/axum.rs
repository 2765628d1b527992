//! Receiving callbacks in an axum application: the [`VerifiedCallback`] extractor.

use std::future::poll_fn;
use std::pin::Pin;

use axum::body::{Body, HttpBody as _};
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::{Callback, NOTIFICATION_SIGNATURE_HEADER, NotificationError, WebhookSecrets};

/// The largest callback body [`VerifiedCallback`] reads: Cronofy's callbacks are a few
/// kilobytes, so anything larger is refused (`413`) before it fills memory.
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub const MAX_CALLBACK_BODY_BYTES: usize = 256 * 1024;

/// An axum extractor for a callback from Cronofy: reads the body once (at most
/// [`MAX_CALLBACK_BODY_BYTES`]), checks its `Cronofy-HMAC-SHA256` signature against the
/// [`WebhookSecrets`] of your application's state, and decodes it as `T` ([`Callback`]
/// unless said otherwise: any `DeserializeOwned` type, [`Notification`](super::Notification)
/// or your own, works).
///
/// Refusals are [`CallbackRejection`]s: `401` for a missing or wrong signature, `400` for a
/// signed body that does not decode, `413` for a body over the limit, `500` when the state
/// holds no usable secret. Their bodies are fixed texts: never the request's body, header or
/// a secret. As the extractor reads the body, it must be the handler's last argument.
///
/// ```
/// use axum::Router;
/// use axum::extract::FromRef;
/// use axum::http::StatusCode;
/// use axum::routing::post;
/// use cronofy::notifications::{Callback, VerifiedCallback, WebhookSecrets};
///
/// #[derive(Clone)]
/// struct AppState {
///     cronofy_secrets: WebhookSecrets,
/// }
///
/// impl FromRef<AppState> for WebhookSecrets {
///     fn from_ref(state: &AppState) -> WebhookSecrets {
///         state.cronofy_secrets.clone()
///     }
/// }
///
/// async fn cronofy_callback(VerifiedCallback(callback): VerifiedCallback) -> StatusCode {
///     match callback {
///         Callback::Change(change) => {
///             // Queue a read of the events changed since `changes_since`; answer at once.
///             println!("changes since {:?}", change.notification.changes_since);
///         }
///         Callback::SmartInvite(reply) => {
///             println!("reply to {}", reply.smart_invite.smart_invite_id);
///         }
///         _ => {}
///     }
///     StatusCode::OK
/// }
///
/// pub fn app(client_secret: String) -> Router {
///     // During a rotation: WebhookSecrets::new(new_secret).with(old_secret)
///     let state = AppState {
///         cronofy_secrets: WebhookSecrets::new(client_secret),
///     };
///     Router::new()
///         .route("/cronofy/callbacks", post(cronofy_callback))
///         .with_state(state)
/// }
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedCallback<T = Callback>(pub T);

impl<S, T> FromRequest<S> for VerifiedCallback<T>
where
    WebhookSecrets: FromRef<S>,
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = CallbackRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let secrets = WebhookSecrets::from_ref(state);
        // A configuration error first, as `verify_signature_with_any` reports it: it must not
        // hide behind the 401 of a request that happens to be unsigned.
        if !secrets.is_usable() {
            return Err(CallbackRejection::NotConfigured);
        }
        let header = signature_header(request.headers());
        if header.trim().is_empty() {
            // Refused before the body is read: an unsigned request costs nothing more.
            return Err(CallbackRejection::Signature(
                NotificationError::MissingSignature,
            ));
        }
        let body = read_limited(request.into_body(), MAX_CALLBACK_BODY_BYTES).await?;
        secrets
            .verify_signature(&body, &header)
            .map_err(|e| match e {
                NotificationError::EmptySecret => CallbackRejection::NotConfigured,
                other => CallbackRejection::Signature(other),
            })?;
        serde_json::from_slice(&body)
            .map(VerifiedCallback)
            .map_err(|e| CallbackRejection::Body(NotificationError::invalid_body(&e)))
    }
}

/// Every `Cronofy-HMAC-SHA256` value of the request, comma-separated: a proxy may have split
/// the one header into several lines. A value that is not visible ASCII cannot be base64 and
/// is left out.
fn signature_header(headers: &HeaderMap) -> String {
    headers
        .get_all(NOTIFICATION_SIGNATURE_HEADER)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(",")
}

/// The body, refused as soon as it grows past `limit`.
async fn read_limited(mut body: Body, limit: usize) -> Result<Vec<u8>, CallbackRejection> {
    let mut bytes = Vec::new();
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|_| CallbackRejection::Unreadable)?;
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > limit {
                return Err(CallbackRejection::TooLarge);
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

/// Why [`VerifiedCallback`] refused a request; as a response, its status and a fixed text.
///
/// Take `Result<VerifiedCallback, CallbackRejection>` in a handler to log or count refusals
/// yourself; the cases hold no secret, no header value and nothing of the body.
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackRejection {
    /// No signature, or none matching the body and a secret: `401 Unauthorized`.
    #[error("{0}")]
    Signature(NotificationError),
    /// The signature is valid but the body does not decode: `400 Bad Request`.
    #[error("{0}")]
    Body(NotificationError),
    /// The body is over [`MAX_CALLBACK_BODY_BYTES`]: `413 Payload Too Large`.
    #[error("the callback's body is over {MAX_CALLBACK_BODY_BYTES} bytes")]
    TooLarge,
    /// The body could not be read (the connection failed): `400 Bad Request`.
    #[error("the callback's body could not be read")]
    Unreadable,
    /// The [`WebhookSecrets`] of the state are empty, or one of them is: nothing can be
    /// verified, a configuration error of the server (`500 Internal Server Error`).
    #[error(
        "no client secret is configured to verify Cronofy's callbacks with (WebhookSecrets is empty or holds an empty secret)"
    )]
    NotConfigured,
}

impl CallbackRejection {
    /// The status it is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            CallbackRejection::Signature(_) => StatusCode::UNAUTHORIZED,
            CallbackRejection::Body(_) | CallbackRejection::Unreadable => StatusCode::BAD_REQUEST,
            CallbackRejection::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            CallbackRejection::NotConfigured => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for CallbackRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        // The sender learns what is wrong with its request, never how the server is
        // configured.
        let text = match self {
            CallbackRejection::NotConfigured => "the callback could not be verified".to_owned(),
            other => other.to_string(),
        };
        (status, text).into_response()
    }
}
