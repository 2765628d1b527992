//! Checking that a callback comes from Cronofy: the `Cronofy-HMAC-SHA256` signature.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit as _, Mac as _};
use secrecy::{ExposeSecret as _, SecretString};
use sha2::Sha256;

use super::{Callback, Notification};

/// The name of the header holding a notification's signature.
pub const NOTIFICATION_SIGNATURE_HEADER: &str = "Cronofy-HMAC-SHA256";

/// At most this many comma-separated values of the header are looked at: Cronofy sends one
/// per active client secret (two during a rotation), so more is not Cronofy, and checking
/// each costs an HMAC per secret.
pub const MAX_SIGNATURE_VALUES: usize = 16;

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
/// contain the client secret. To accept any of several secrets of your own (while you rotate
/// yours), and to read every kind of callback (smart invites, scheduling, ...), see
/// [`WebhookSecrets`] and [`Callback`].
///
/// ```
/// use cronofy::notifications::{NotificationError, NotificationType};
///
/// fn main() -> Result<(), NotificationError> {
///     let body = br#"{"notification":{"type":"verification"},"channel":{"channel_id":"chn_1","callback_url":"https://example.com/cb"}}"#;
///     let secret = "pDY0Oi7TJSP2hfNmZNkm5";
///     let header = "fzlwxbACpEYWSzhPBkoY0rPFxXugwhzDhePTrHxw7F4=";
///     let notification = cronofy::notifications::verify_notification(body, header, secret)?;
///     assert_eq!(
///         notification.notification.kind,
///         NotificationType::Verification
///     );
///
///     let forged = cronofy::notifications::verify_notification(body, header, "another secret");
///     assert!(matches!(forged, Err(NotificationError::SignatureMismatch)));
///     Ok(())
/// }
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
/// `client_secret`. See [`verify_notification`], which also reads the body, and
/// [`verify_signature_with_any`] for several secrets.
pub fn verify_notification_signature(
    raw_body: &[u8],
    hmac_header: &str,
    client_secret: &str,
) -> Result<(), NotificationError> {
    verify_signature_with_any(raw_body, hmac_header, &[client_secret])
}

/// Checks the signature of any callback Cronofy sends against several secrets: `Ok` when one
/// of the comma-separated values of `hmac_header` (the first [`MAX_SIGNATURE_VALUES`]) is the
/// base64 HMAC-SHA256 of `raw_body` keyed with one of `client_secrets`.
///
/// Several secrets are for rotation: while your application moves to a new client secret,
/// Cronofy may sign with either, so accept both until the old one is revoked. Every value is
/// compared in constant time. An empty list, or an empty secret in it, verifies nothing
/// ([`NotificationError::EmptySecret`]): anyone can sign with an empty key.
///
/// ```
/// use cronofy::notifications::{NotificationError, verify_signature_with_any};
///
/// fn main() -> Result<(), NotificationError> {
///     let body = br#"{"notification":{"type":"verification"},"channel":{"channel_id":"chn_1","callback_url":"https://example.com/cb"}}"#;
///     let header = "fzlwxbACpEYWSzhPBkoY0rPFxXugwhzDhePTrHxw7F4=";
///     verify_signature_with_any(body, header, &["the new secret", "pDY0Oi7TJSP2hfNmZNkm5"])?;
///     assert_eq!(
///         verify_signature_with_any(body, header, &["the new secret"]),
///         Err(NotificationError::SignatureMismatch)
///     );
///     Ok(())
/// }
/// ```
pub fn verify_signature_with_any<S: AsRef<str>>(
    raw_body: &[u8],
    hmac_header: &str,
    client_secrets: &[S],
) -> Result<(), NotificationError> {
    // Anyone can sign with an empty key: an unset secret must not verify forgeries. Checked
    // first, so a configuration error is not hidden behind a request's missing header.
    if client_secrets.is_empty() || client_secrets.iter().any(|s| s.as_ref().trim().is_empty()) {
        return Err(NotificationError::EmptySecret);
    }
    if hmac_header.trim().is_empty() {
        return Err(NotificationError::MissingSignature);
    }
    let tags: Vec<Vec<u8>> = hmac_header
        .split(',')
        .take(MAX_SIGNATURE_VALUES)
        .filter_map(|value| BASE64.decode(value.trim()).ok())
        .filter(|tag| tag.len() == 32)
        .collect();
    if tags.is_empty() {
        return Err(NotificationError::MalformedSignature);
    }
    let mut matched = false;
    for secret in client_secrets {
        // HMAC takes keys of any length, so this cannot fail.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_ref().as_bytes()) else {
            continue;
        };
        mac.update(raw_body);
        // Every pair is compared, matched or not, so the time taken does not tell which
        // secret or which value matched.
        for tag in &tags {
            matched |= mac.clone().verify_slice(tag).is_ok();
        }
    }
    if matched {
        Ok(())
    } else {
        Err(NotificationError::SignatureMismatch)
    }
}

/// The client secrets your application accepts callbacks signed with: the current one, and
/// during a rotation the next (or previous) one too.
///
/// Cheap to clone (the secrets are shared), `[redacted]` in `Debug`, zeroized on drop. With
/// the `axum` feature it is what the `VerifiedCallback` extractor takes from your
/// application's state.
///
/// ```
/// use cronofy::notifications::{Callback, WebhookSecrets};
///
/// fn main() -> Result<(), cronofy::notifications::NotificationError> {
///     let secrets = WebhookSecrets::new("the new secret").with("pDY0Oi7TJSP2hfNmZNkm5");
///     let body = br#"{"notification":{"type":"verification"},"channel":{"channel_id":"chn_1","callback_url":"https://example.com/cb"}}"#;
///     // Cronofy signs with each of the application's active secrets, comma-separated.
///     let header = "bm90IHRoaXMgb25lIG5vdCB0aGlzIG9uZSBub3QgdGhpcyA=,fzlwxbACpEYWSzhPBkoY0rPFxXugwhzDhePTrHxw7F4=";
///     let callback = secrets.verify(body, header)?;
///     assert!(matches!(callback, Callback::Verification(_)));
///     assert_eq!(format!("{secrets:?}"), "WebhookSecrets([redacted; 2])");
///     Ok(())
/// }
/// ```
#[derive(Clone)]
pub struct WebhookSecrets {
    secrets: Arc<[SecretString]>,
}

impl WebhookSecrets {
    /// Accepts callbacks signed with `client_secret`.
    pub fn new(client_secret: impl Into<String>) -> Self {
        WebhookSecrets::several([client_secret])
    }

    /// Accepts callbacks signed with any of `client_secrets` (none at all verifies nothing).
    pub fn several<I, S>(client_secrets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        WebhookSecrets {
            secrets: client_secrets
                .into_iter()
                .map(|s| SecretString::from(s.into()))
                .collect(),
        }
    }

    /// Also accepts callbacks signed with `client_secret`.
    #[must_use]
    pub fn with(self, client_secret: impl Into<String>) -> Self {
        let mut secrets: Vec<SecretString> = self.secrets.iter().cloned().collect();
        secrets.push(SecretString::from(client_secret.into()));
        WebhookSecrets {
            secrets: secrets.into(),
        }
    }

    /// How many secrets are accepted.
    pub fn len(&self) -> usize {
        self.secrets.len()
    }

    /// Whether no secret is accepted (then nothing verifies).
    pub fn is_empty(&self) -> bool {
        self.secrets.is_empty()
    }

    /// Whether these secrets can verify anything: at least one, and none empty (an empty key
    /// would let anyone sign). What the axum extractor checks before anything else.
    pub fn is_usable(&self) -> bool {
        !self.secrets.is_empty()
            && self
                .secrets
                .iter()
                .all(|s| !s.expose_secret().trim().is_empty())
    }

    /// Checks the signature only: see [`verify_signature_with_any`].
    pub fn verify_signature(
        &self,
        raw_body: &[u8],
        hmac_header: &str,
    ) -> Result<(), NotificationError> {
        let secrets: Vec<&str> = self.secrets.iter().map(|s| s.expose_secret()).collect();
        verify_signature_with_any(raw_body, hmac_header, &secrets)
    }

    /// Checks the signature, then reads the body as whichever [`Callback`] it is.
    pub fn verify(
        &self,
        raw_body: &[u8],
        hmac_header: &str,
    ) -> Result<Callback, NotificationError> {
        self.verify_signature(raw_body, hmac_header)?;
        Callback::parse(raw_body)
    }
}

impl From<&crate::AppCredentials> for WebhookSecrets {
    /// The application's client secret.
    fn from(app: &crate::AppCredentials) -> Self {
        WebhookSecrets::new(app.client_secret())
    }
}

impl fmt::Debug for WebhookSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WebhookSecrets([redacted; {}])", self.secrets.len())
    }
}

/// How an [`InvalidBody`](NotificationError::InvalidBody) is written.
const INVALID_BODY_PREFIX: &str = "the notification's body could not be read: ";

/// Why a callback was refused by [`verify_notification`], [`WebhookSecrets::verify`] or
/// [`Callback::parse`].
///
/// Treat every case but [`InvalidBody`](NotificationError::InvalidBody) as "not from Cronofy".
/// No case holds a client secret, the header's values or the body.
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
    /// No value of the header matches the body and a client secret: the body was changed,
    /// it was signed with another secret (another application, or a rotated secret), or it
    /// does not come from Cronofy.
    #[error(
        "the notification's signature does not match its body and this application's client secret"
    )]
    SignatureMismatch,
    /// The client secret to verify with is empty (an unset setting, say), or no secret was
    /// given: with an empty key anyone could sign a forged notification, so nothing is
    /// verified.
    #[error(
        "the client secret to verify the notification with is empty: configure the application's client secret"
    )]
    EmptySecret,
    /// The signature is valid but the body is not a notification.
    #[error("{INVALID_BODY_PREFIX}{reason}")]
    InvalidBody {
        /// What is wrong with it: the JSON decoder's finding and where, never the body's
        /// own text.
        reason: String,
    },
}

impl NotificationError {
    /// An [`InvalidBody`](NotificationError::InvalidBody) from a JSON error, without quoting
    /// the body: serde_json's messages may carry a value of the body (`invalid type: string
    /// "..."`), which could be anything a sender put there.
    pub(crate) fn invalid_body(error: &serde_json::Error) -> NotificationError {
        let message = error.to_string();
        let what = if let Some(ours) = message.strip_prefix(INVALID_BODY_PREFIX) {
            // Already described by this crate (a `Callback` read through serde), without the
            // body's text.
            ours.to_owned()
        } else if message.starts_with("missing field") || message.starts_with("duplicate field") {
            // Only the field's name, from this crate's models, and the position.
            message
        } else {
            let kind = match error.classify() {
                serde_json::error::Category::Io => "could not be read",
                serde_json::error::Category::Syntax => "is not JSON",
                serde_json::error::Category::Eof => "ends too early",
                serde_json::error::Category::Data => "has a value of the wrong type or form",
            };
            format!(
                "it {kind} (line {}, column {})",
                error.line(),
                error.column()
            )
        };
        NotificationError::InvalidBody { reason: what }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notifications::NotificationType;

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

    #[test]
    fn any_of_several_secrets_verifies_and_none_of_them_empty() {
        let header = sign(BODY, "old-secret");
        verify_signature_with_any(BODY, &header, &["new-secret", "old-secret"]).unwrap();
        assert_eq!(
            verify_signature_with_any(BODY, &header, &["new-secret", "third"]),
            Err(NotificationError::SignatureMismatch)
        );
        let none: [&str; 0] = [];
        assert_eq!(
            verify_signature_with_any(BODY, &header, &none),
            Err(NotificationError::EmptySecret)
        );
        let forged = sign(BODY, "");
        assert_eq!(
            verify_signature_with_any(BODY, &forged, &["old-secret", ""]),
            Err(NotificationError::EmptySecret)
        );
    }

    #[test]
    fn webhook_secrets_verify_and_never_show_a_secret() {
        let secrets = WebhookSecrets::new("new-secret").with(SECRET);
        assert_eq!(secrets.len(), 2);
        let header = format!("{},{}", sign(BODY, "unrelated"), sign(BODY, SECRET));
        assert!(matches!(
            secrets.verify(BODY, &header),
            Ok(Callback::Change(_))
        ));
        let shown = format!("{secrets:?}");
        assert!(
            !shown.contains(SECRET) && !shown.contains("new-secret"),
            "{shown}"
        );
        assert!(WebhookSecrets::several(Vec::<String>::new()).is_empty());
    }

    #[test]
    fn values_past_the_limit_are_not_looked_at() {
        let mut values = vec![sign(b"other", SECRET); MAX_SIGNATURE_VALUES];
        values.push(sign(BODY, SECRET));
        assert_eq!(
            verify_notification_signature(BODY, &values.join(","), SECRET),
            Err(NotificationError::SignatureMismatch)
        );
    }

    #[test]
    fn a_decoding_error_never_quotes_the_body() {
        let body = br#"{"notification":{"type":"change","changes_since":"secret-looking-text"}}"#;
        let error = Notification::parse(body).unwrap_err().to_string();
        assert!(!error.contains("secret-looking-text"), "{error}");
        let error = Notification::parse(b"{\"notification\": nope-nope}")
            .unwrap_err()
            .to_string();
        assert!(!error.contains("nope"), "{error}");
    }
}
