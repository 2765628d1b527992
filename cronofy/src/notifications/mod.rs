//! Push notification channels: Cronofy calls your URL when a user's events change, and
//! how to verify and read those notifications and every other callback Cronofy sends.
//!
//! # Receiving notifications
//!
//! Cronofy `POST`s a small JSON body to the channel's callback URL, signed in the
//! `Cronofy-HMAC-SHA256` header with your application's client secret. Give
//! [`verify_notification`] the body exactly as received (before any JSON parsing) and the
//! header's value:
//!
//! ```
//! use cronofy::notifications::{NotificationError, NotificationType};
//!
//! fn handle(raw_body: &[u8], header: Option<&str>, client_secret: &str) -> u16 {
//!     // An absent header is passed as "", and is refused like a wrong one.
//!     match cronofy::notifications::verify_notification(
//!         raw_body,
//!         header.unwrap_or(""),
//!         client_secret,
//!     ) {
//!         Ok(notification) => {
//!             if notification.notification.kind == NotificationType::Change {
//!                 // Read the events changed since `changes_since` (a job, not in the handler).
//!             }
//!             200
//!         }
//!         Err(NotificationError::InvalidBody { .. }) => 400,
//!         Err(_) => 401,
//!     }
//! }
//!
//! // A notification without its signature, or with a wrong one, is refused.
//! let body = br#"{"notification":{"type":"verification"}}"#;
//! assert_eq!(handle(body, None, "secret"), 401);
//! assert_eq!(
//!     handle(
//!         body,
//!         Some("6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c="),
//!         "secret"
//!     ),
//!     401
//! );
//! ```
//!
//! # Every callback, and several secrets
//!
//! Cronofy signs every body it posts to your URLs the same way: push notifications, smart
//! invite replies, real-time scheduling outcomes, conferencing and attachment interactions,
//! and more. [`Callback`] reads any of them (a type it does not know is kept, not refused),
//! and [`WebhookSecrets`] checks the signature against any of your application's current
//! client secrets, so a secret rotation loses no callback:
//!
//! ```
//! use cronofy::notifications::{Callback, NotificationError, WebhookSecrets};
//!
//! fn handle(raw_body: &[u8], header: Option<&str>, secrets: &WebhookSecrets) -> u16 {
//!     match secrets.verify(raw_body, header.unwrap_or("")) {
//!         Ok(Callback::Change(change)) => {
//!             // Read the events changed since then, in a job: answer at once.
//!             println!("changes since {:?}", change.notification.changes_since);
//!             200
//!         }
//!         Ok(_) => 200,
//!         Err(NotificationError::InvalidBody { .. }) => 400,
//!         Err(_) => 401,
//!     }
//! }
//!
//! // During a rotation: the new secret, and the one it replaces.
//! let secrets = WebhookSecrets::new("the new secret").with("pDY0Oi7TJSP2hfNmZNkm5");
//! let body = br#"{"notification":{"type":"verification"},"channel":{"channel_id":"chn_1","callback_url":"https://example.com/cb"}}"#;
//! assert_eq!(
//!     handle(
//!         body,
//!         Some("fzlwxbACpEYWSzhPBkoY0rPFxXugwhzDhePTrHxw7F4="),
//!         &secrets
//!     ),
//!     200
//! );
//! assert_eq!(handle(body, None, &secrets), 401);
//! ```
//!
#![cfg_attr(
    feature = "axum",
    doc = r#"
With the `axum` feature, the `VerifiedCallback` extractor does all of it in a handler's
argument: it reads the body (size-limited), verifies it with the [`WebhookSecrets`] of
your state, decodes it, and answers `401` or `400` itself:

```
use axum::{Router, http::StatusCode, routing::post};
use cronofy::notifications::{Callback, VerifiedCallback, WebhookSecrets};

async fn callback(VerifiedCallback(callback): VerifiedCallback) -> StatusCode {
    if let Callback::Change(change) = callback {
        // The channel says which user's calendars changed.
        println!("{:?}", change.channel.map(|channel| channel.channel_id));
    }
    StatusCode::OK
}

// The state is the secrets themselves here; a larger state implements
// `FromRef<State> for WebhookSecrets`.
pub fn routes(secrets: WebhookSecrets) -> Router {
    Router::new().route("/cronofy", post(callback)).with_state(secrets)
}
```
"#
)]
//!
//! # What a valid signature does not prove
//!
//! The signature covers the body only, with the application's client secret: it proves the
//! body came from Cronofy for *some* channel of your application, and nothing about when or
//! where it was sent. Notifications carry no timestamp or nonce, so:
//!
//! - **They can be replayed.** Anyone who saw one (a proxy's log, say) can post it again, as
//!   often as they like. Make handling idempotent: a `change` notification means "read the
//!   events changed since `changes_since`", which is safe to do twice; never act on the
//!   notification's content as a one-time command, and rate-limit the work it triggers.
//! - **One channel's notification verifies at another channel's URL.** Check that
//!   `channel.channel_id` (and `channel.callback_url`) in the body are the channel you created
//!   for the user whose URL was called, and ignore it otherwise.
//! - **Put a secret in each channel's callback URL** (a random path segment or query value
//!   you store with the channel, e.g. `https://example.com/cronofy/notify/<random>`) and
//!   check it first: a URL nobody can guess is what binds a request to one channel.
//! - An empty client secret verifies nothing ([`NotificationError::EmptySecret`]): anyone can
//!   sign with an empty key.

#[cfg(feature = "axum")]
mod axum;
mod callbacks;
mod channels;
mod push;
mod verify;

#[cfg(feature = "axum")]
pub use self::axum::*;
pub use callbacks::*;
pub use channels::*;
pub use push::*;
pub use verify::*;

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] =
    &[&CREATE_CHANNEL, &LIST_CHANNELS, &CLOSE_CHANNEL];
