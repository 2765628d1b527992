//! Push notification channels: Cronofy calls your URL when a user's events change, and
//! how to verify and read those notifications.
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
//!     match cronofy::notifications::verify_notification(raw_body, header.unwrap_or(""), client_secret) {
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
//! # let body = br#"{"notification":{"type":"verification"}}"#;
//! # assert_eq!(handle(body, None, "secret"), 401);
//! # assert_eq!(handle(body, Some("6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c="), "secret"), 401);
//! ```
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

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit as _, Mac as _};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};
use crate::time::UtcTime;

/// Creates a notification channel: Cronofy will `POST` to `callback_url` when the user's
/// calendars change (and once right away, a `verification` notification).
///
/// Needs a user credential with the `read_events` scope. Notifications are verified with
/// [`verify_notification`].
/// [Cronofy docs](https://docs.cronofy.com/developers/api/push-notifications/create-channel/)
///
/// ```no_run
/// # async fn run(client: cronofy::Client, user: cronofy::UserToken) -> Result<(), cronofy::Error> {
/// let request = cronofy::notifications::CreateChannel::new("https://example.com/cronofy/notifications")
///     .calendar_ids(["cal_n23kjnwrw2_jsdfjksn234"])
///     .only_managed(false);
/// let channel = cronofy::notifications::create_channel(&client, &user, &request).await?.channel;
/// println!("channel {}", channel.channel_id);
/// # Ok(()) }
/// ```
#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/channels")]
pub async fn create_channel(#[body] channel: &CreateChannel) -> ChannelResponse;

/// Lists the user's open notification channels.
///
/// Needs a user credential.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/push-notifications/list-channels/)
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/channels")]
pub async fn list_channels() -> ChannelList;

/// Closes a notification channel: Cronofy stops calling its URL.
///
/// Needs a user credential. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/push-notifications/close-channel/)
#[cronofy_endpoint(auth = "user", method = "DELETE", path = "/v1/channels/{channel_id}")]
pub async fn close_channel(channel_id: &str);

/// The body of [`create_channel()`]: the URL to call, and optional filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct CreateChannel {
    callback_url: String,
    #[serde(skip_serializing_if = "ChannelFilters::is_empty")]
    filters: ChannelFilters,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(CreateChannel {
    "callback_url",
    "filters"
});

impl CreateChannel {
    /// A channel calling `callback_url` (HTTPS, reachable from the internet) for changes in
    /// every calendar of the user.
    pub fn new(callback_url: impl Into<String>) -> Self {
        CreateChannel {
            callback_url: callback_url.into(),
            filters: ChannelFilters::default(),
            extra: ExtraFields::default(),
        }
    }

    /// Only notify of changes in these calendars.
    pub fn calendar_ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.filters.calendar_ids = ids.into_iter().map(Into::into).collect();
        self
    }

    /// With `true`, only notify of changes to events your application manages.
    pub fn only_managed(mut self, yes: bool) -> Self {
        self.filters.only_managed = Some(yes);
        self
    }
}

/// The body of [`create_channel()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ChannelResponse {
    /// The new channel.
    pub channel: Channel,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of [`list_channels()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ChannelList {
    /// The open channels.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub channels: Vec<Channel>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A notification channel.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Channel {
    /// Its id, e.g. `chn_54cf7c7cb4ad4c1027000001`: what [`close_channel()`] takes.
    pub channel_id: String,
    /// The URL Cronofy calls.
    pub callback_url: String,
    /// What the channel is restricted to; empty when it is not.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub filters: ChannelFilters,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// What a channel notifies of.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChannelFilters {
    /// Only these calendars; every calendar when empty.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::wire::null_as_default"
    )]
    pub calendar_ids: Vec<String>,
    /// Whether only events your application manages count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_managed: Option<bool>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl ChannelFilters {
    fn is_empty(&self) -> bool {
        self.calendar_ids.is_empty() && self.only_managed.is_none() && self.extra.is_empty()
    }
}

/// A push notification, as Cronofy `POST`s it to a channel's callback URL.
///
/// Read it with [`verify_notification`] (or, once the signature is checked some other way,
/// [`Notification::parse`]). Fields this crate does not model are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Notification {
    /// What happened.
    pub notification: NotificationDetails,
    /// The channel it came through (absent from some notification kinds).
    #[serde(default)]
    pub channel: Option<Channel>,
    /// For a smart invite's callback ([`NotificationType::SmartInvite`]): the invite, with the
    /// recipient's status and their `reply`.
    #[serde(default)]
    pub smart_invite: Option<crate::scheduling::SmartInvite>,
    /// Any other top-level field, as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The `notification` object of a [`Notification`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct NotificationDetails {
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: NotificationType,
    /// For [`NotificationType::Change`]: read events with `last_modified` set to this time to
    /// get what changed.
    #[serde(default)]
    pub changes_since: Option<UtcTime>,
    /// Any other field, as JSON (e.g. the profile of a `profile_disconnected`).
    #[serde(flatten)]
    pub extra: crate::Extra,
}

cronofy_core::open_enum! {
    /// The kind of a [`Notification`].
    ///
    /// Cronofy adds kinds over time and asks integrations to ignore those they do not know: those
    /// are kept as [`NotificationType::Unknown`] with their text.
    pub enum NotificationType {
        /// `verification`: sent once when a channel is created, to check the URL works.
        Verification = "verification",
        /// `change`: something changed in the user's calendars; see `changes_since`.
        Change = "change",
        /// `profile_disconnected`: Cronofy lost access to one of the user's profiles; the user
        /// must relink it.
        ProfileDisconnected = "profile_disconnected",
        /// `smart_invite`: a recipient answered a smart invite; see
        /// [`Notification::smart_invite`]. Posted to the invite's `callback_url`.
        SmartInvite = "smart_invite",
    }
}

impl Notification {
    /// Reads a notification body, without checking its signature: use
    /// [`verify_notification`] unless the signature was checked already.
    pub fn parse(raw_body: &[u8]) -> Result<Notification, NotificationError> {
        serde_json::from_slice(raw_body).map_err(|e| NotificationError::InvalidBody {
            reason: e.to_string(),
        })
    }
}

/// The name of the header holding a notification's signature.
pub const NOTIFICATION_SIGNATURE_HEADER: &str = "Cronofy-HMAC-SHA256";

/// Checks that a push notification comes from Cronofy, then reads it.
///
/// - `raw_body`: the request body exactly as received, before any parsing.
/// - `hmac_header`: the value of the `Cronofy-HMAC-SHA256` header
///   ([`NOTIFICATION_SIGNATURE_HEADER`]), or `""` when the request has none.
/// - `client_secret`: your application's client secret.
///
/// The header holds base64(HMAC-SHA256(key = client secret, message = body)); while an
/// application has several active client secrets it holds one value per secret, separated by
/// commas, and one matching value is enough. Values are compared in constant time. Errors never
/// contain the client secret.
///
/// ```
/// use cronofy::notifications::{NotificationError, NotificationType};
///
/// let body = br#"{"notification":{"type":"verification"},"channel":{"channel_id":"chn_1","callback_url":"https://example.com/cb"}}"#;
/// let secret = "pDY0Oi7TJSP2hfNmZNkm5";
/// let header = "fzlwxbACpEYWSzhPBkoY0rPFxXugwhzDhePTrHxw7F4=";
/// let notification = cronofy::notifications::verify_notification(body, header, secret)?;
/// assert_eq!(notification.notification.kind, NotificationType::Verification);
///
/// let forged = cronofy::notifications::verify_notification(body, header, "another secret");
/// assert!(matches!(forged, Err(NotificationError::SignatureMismatch)));
/// # Ok::<(), NotificationError>(())
/// ```
pub fn verify_notification(
    raw_body: &[u8],
    hmac_header: &str,
    client_secret: &str,
) -> Result<Notification, NotificationError> {
    verify_notification_signature(raw_body, hmac_header, client_secret)?;
    Notification::parse(raw_body)
}

/// Checks only the signature of a push notification: `Ok` when one of the comma-separated
/// values of `hmac_header` is the base64 HMAC-SHA256 of `raw_body` keyed with
/// `client_secret`. See [`verify_notification`], which also reads the body.
pub fn verify_notification_signature(
    raw_body: &[u8],
    hmac_header: &str,
    client_secret: &str,
) -> Result<(), NotificationError> {
    // Anyone can sign with an empty key: an unset secret must not verify forgeries. Checked
    // first, so a configuration error is not hidden behind a request's missing header.
    if client_secret.trim().is_empty() {
        return Err(NotificationError::EmptySecret);
    }
    if hmac_header.trim().is_empty() {
        return Err(NotificationError::MissingSignature);
    }
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(client_secret.as_bytes())
        .map_err(|_| NotificationError::SignatureMismatch)?;
    mac.update(raw_body);
    let mut well_formed = false;
    for value in hmac_header.split(',') {
        let Ok(tag) = BASE64.decode(value.trim()) else {
            continue;
        };
        if tag.len() != 32 {
            continue;
        }
        well_formed = true;
        if mac.clone().verify_slice(&tag).is_ok() {
            return Ok(());
        }
    }
    Err(if well_formed {
        NotificationError::SignatureMismatch
    } else {
        NotificationError::MalformedSignature
    })
}

/// Why a push notification was refused by [`verify_notification`].
///
/// Treat every case but [`InvalidBody`](NotificationError::InvalidBody) as "not from Cronofy".
/// No case holds the client secret or the header's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotificationError {
    /// The request has no (or an empty) `Cronofy-HMAC-SHA256` header.
    #[error(
        "the notification has no Cronofy-HMAC-SHA256 header: it cannot be shown to come from Cronofy"
    )]
    MissingSignature,
    /// No value of the header is a base64 HMAC-SHA256 (32 bytes).
    #[error("the notification's Cronofy-HMAC-SHA256 header holds no base64 HMAC-SHA256 value")]
    MalformedSignature,
    /// No value of the header matches the body and the client secret: the body was changed,
    /// it was signed with another secret (another application, or a rotated secret), or it
    /// does not come from Cronofy.
    #[error(
        "the notification's signature does not match its body and this application's client secret"
    )]
    SignatureMismatch,
    /// The client secret to verify with is empty (an unset setting, say): with an empty key
    /// anyone could sign a forged notification, so nothing is verified.
    #[error(
        "the client secret to verify the notification with is empty: configure the application's client secret"
    )]
    EmptySecret,
    /// The signature is valid but the body is not a notification.
    #[error("the notification's body could not be read: {reason}")]
    InvalidBody {
        /// What the JSON decoder said.
        reason: String,
    },
}

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] =
    &[&CREATE_CHANNEL, &LIST_CHANNELS, &CLOSE_CHANNEL];

#[cfg(test)]
mod tests {
    use super::*;

    /// The signature computed the straightforward way, independently of the verifier.
    fn sign(body: &[u8], secret: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(body);
        BASE64.encode(mac.finalize().into_bytes())
    }

    const BODY: &[u8] = br#"{"notification":{"type":"change","changes_since":"2026-11-23T09:24:16Z"},"channel":{"channel_id":"chn_54cf7c7cb4ad4c1027000001","callback_url":"https://example.com/cronofy","filters":{}}}"#;
    const SECRET: &str = "client-secret-J2kdk39dD8slwPq0d9s8";

    #[test]
    fn a_signature_computed_with_the_hmac_crate_is_accepted() {
        let header = sign(BODY, SECRET);
        let notification = verify_notification(BODY, &header, SECRET).unwrap();
        assert_eq!(notification.notification.kind, NotificationType::Change);
    }

    #[test]
    fn the_signature_of_another_body_or_secret_is_refused() {
        let other_body = sign(b"{}", SECRET);
        let other_secret = sign(BODY, "another-secret");
        for header in [other_body, other_secret] {
            assert_eq!(
                verify_notification_signature(BODY, &header, SECRET),
                Err(NotificationError::SignatureMismatch)
            );
        }
    }

    #[test]
    fn any_one_of_several_values_suffices() {
        let header = format!("{},{}", sign(BODY, "old-secret"), sign(BODY, SECRET));
        verify_notification_signature(BODY, &header, SECRET).unwrap();
        let header = format!("not base64!, {}", sign(BODY, SECRET));
        verify_notification_signature(BODY, &header, SECRET).unwrap();
    }

    #[test]
    fn an_empty_secret_verifies_nothing_not_even_a_body_signed_with_it() {
        for secret in ["", "  "] {
            let forged = sign(BODY, secret);
            assert_eq!(
                verify_notification_signature(BODY, &forged, secret),
                Err(NotificationError::EmptySecret)
            );
            assert!(matches!(
                verify_notification(BODY, &forged, secret),
                Err(NotificationError::EmptySecret)
            ));
        }
    }

    #[test]
    fn a_truncated_signature_is_malformed_not_a_prefix_match() {
        let full = sign(BODY, SECRET);
        let tag = BASE64.decode(&full).unwrap();
        let short = BASE64.encode(&tag[..16]);
        assert_eq!(
            verify_notification_signature(BODY, &short, SECRET),
            Err(NotificationError::MalformedSignature)
        );
    }
}
