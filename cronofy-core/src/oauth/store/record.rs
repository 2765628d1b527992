//! The text form of a stored token set: versioned JSON, read back strictly.
//!
//! A record carries its own `format` number, so a store written by a later cronofy-rs is
//! refused with a clear error instead of being misread. Errors describe where a record is
//! broken, never what it contains: its contents are secrets.

use std::time::{Duration, UNIX_EPOCH};

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::oauth::scope;
use crate::oauth::store::TokenStoreError;
use crate::oauth::{LinkingProfile, TokenSet};

/// The record format this version of cronofy-rs writes and reads.
pub const RECORD_FORMAT: u64 = 1;

/// 10000-01-01T00:00:00Z, in seconds since the epoch.
const LATEST_EXPIRY: u64 = 253_402_300_800;

/// Format 1, as written. Read leniently: a field this version does not know is ignored, so
/// that during a rolling upgrade an older instance reads what a newer one wrote (a newer
/// version adds fields within format 1; a change older ones could not read takes format 2).
#[derive(Serialize, Deserialize)]
struct RecordV1 {
    format: u64,
    access_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    /// Seconds since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires_at: Option<u64>,
    #[serde(default)]
    scope: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sub: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    linking_profile: Option<LinkingProfile>,
}

/// `tokens` as a JSON record (format [`RECORD_FORMAT`]), for a store to keep as text. The
/// result holds the tokens, so it comes wrapped as a secret.
pub fn encode_record(tokens: &TokenSet) -> SecretString {
    let record = RecordV1 {
        format: RECORD_FORMAT,
        access_token: tokens.access_token().to_owned(),
        refresh_token: tokens.refresh_token().map(str::to_owned),
        expires_at: tokens.expires_at().map(|at| {
            at.duration_since(UNIX_EPOCH)
                .map_or(0, |since| since.as_secs())
        }),
        scope: scope::join_scopes(tokens.scope()),
        account_id: tokens.account_id().map(str::to_owned),
        sub: tokens.sub().map(str::to_owned),
        linking_profile: tokens.linking_profile().cloned(),
    };
    // Strings, numbers and options only: serializing cannot fail.
    let json = serde_json::to_string(&record).unwrap_or_default();
    SecretString::from(json)
}

/// A token set from a record that [`encode_record`] wrote. A record that is not JSON, lacks
/// fields, has fields of the wrong type, or has another format number is a
/// [`TokenStoreError`] that says which, and where, without quoting the record.
pub fn decode_record(text: &str) -> Result<TokenSet, TokenStoreError> {
    // The format number is read first, so that a later format is named as such rather than
    // reported as a field error.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| broken("", &e))?;
    let Some(object) = value.as_object() else {
        return Err(TokenStoreError::new(
            "the stored token set is not a JSON object: the record is corrupt",
        ));
    };
    match object.get("format") {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(RECORD_FORMAT) => {}
        Some(serde_json::Value::Number(n)) => {
            return Err(TokenStoreError::new(format!(
                "the stored token set has record format {n}, and this version of cronofy-rs \
                 reads only format {RECORD_FORMAT}: it was written by another version; \
                 upgrade cronofy-rs or store the user's tokens again"
            )));
        }
        Some(_) => {
            return Err(TokenStoreError::new(
                "the stored token set's `format` is not a number: the record is corrupt; \
                 the user must authorize again unless it can be repaired",
            ));
        }
        None => {
            return Err(TokenStoreError::new(
                "the stored token set has no `format`: it was not written by cronofy-rs, or \
                 is corrupt",
            ));
        }
    }
    let record: RecordV1 = serde_json::from_str(text).map_err(|e| broken("in format 1 ", &e))?;
    let mut tokens = TokenSet::new(record.access_token, record.refresh_token)
        .with_scope(scope::split(&record.scope));
    if let Some(secs) = record.expires_at {
        // Beyond the year 9999 no token expires; such a number is corruption.
        if secs >= LATEST_EXPIRY {
            return Err(TokenStoreError::new(
                "the stored token set's `expires_at` is past the year 9999: the record is corrupt",
            ));
        }
        tokens = tokens.with_expires_at(UNIX_EPOCH + Duration::from_secs(secs));
    }
    if let Some(sub) = record.sub {
        tokens = tokens.with_sub(sub);
    }
    if let Some(account_id) = record.account_id {
        tokens = tokens.with_account_id(account_id);
    }
    if let Some(profile) = record.linking_profile {
        tokens = tokens.with_linking_profile(profile);
    }
    Ok(tokens)
}

/// Where and how a record is broken; serde_json's own message can quote values (secrets).
fn broken(context: &str, error: &serde_json::Error) -> TokenStoreError {
    use serde_json::error::Category;
    let what = match error.classify() {
        Category::Io | Category::Syntax | Category::Eof => "is not valid JSON",
        Category::Data => "has a missing or mistyped field",
    };
    TokenStoreError::new(format!(
        "the stored token set {context}{what} (line {}, column {}): the record is corrupt",
        error.line(),
        error.column()
    ))
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use secrecy::ExposeSecret;

    use super::*;
    use crate::oauth::Scope;

    /// A record keeps whole seconds of an expiry.
    fn whole_seconds(at: SystemTime) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(at.duration_since(UNIX_EPOCH).unwrap().as_secs())
    }

    fn full() -> TokenSet {
        TokenSet::new("access-secret-1", Some("refresh-secret-1".into()))
            .with_expires_at(SystemTime::now() + Duration::from_secs(3600))
            .with_scope([Scope::ReadWrite, Scope::Unknown("custom_scope".into())])
            .with_sub("acc_1")
            .with_account_id("acc_1")
    }

    #[test]
    fn a_record_round_trips() {
        let tokens = full();
        let text = encode_record(&tokens);
        let back = decode_record(text.expose_secret()).unwrap();
        assert_eq!(back.access_token(), "access-secret-1");
        assert_eq!(back.refresh_token(), Some("refresh-secret-1"));
        assert_eq!(back.expires_at(), tokens.expires_at().map(whole_seconds));
        assert_eq!(back.scope(), tokens.scope());
        assert_eq!(back.sub(), Some("acc_1"));
        assert_eq!(back.account_id(), Some("acc_1"));
    }

    #[test]
    fn a_record_with_fields_a_later_version_added_is_read() {
        let text = r#"{"format":1,"access_token":"a","refresh_token":"r","scope":"read_write","added_later":{"x":1}}"#;
        let tokens = decode_record(text).unwrap();
        assert_eq!(tokens.access_token(), "a");
        assert_eq!(tokens.refresh_token(), Some("r"));
    }

    #[test]
    fn a_far_expiry_prints_without_panicking() {
        let far = UNIX_EPOCH + Duration::from_secs(LATEST_EXPIRY * 3);
        let printed = format!("{:?}", TokenSet::new("a", None).with_expires_at(far));
        assert!(printed.contains("s after the epoch"), "{printed}");
    }

    #[test]
    fn broken_records_are_described_without_their_contents() {
        let cases = [
            (
                "{\"format\":1,\"access_token\":\"access-secret-1\"",
                "is not valid JSON",
            ),
            ("not json access-secret-1", "is not valid JSON"),
            ("{\"format\":1}", "missing or mistyped field"),
            (
                "{\"format\":1,\"access_token\":7,\"refresh_token\":\"refresh-secret-1\"}",
                "missing or mistyped field",
            ),
            (
                "{\"format\":2,\"access_token\":\"access-secret-1\"}",
                "record format 2",
            ),
            ("{\"format\":\"one\"}", "`format` is not a number"),
            ("{\"access_token\":\"access-secret-1\"}", "has no `format`"),
            ("[\"access-secret-1\"]", "not a JSON object"),
            (
                "{\"format\":1,\"access_token\":\"access-secret-1\",\"expires_at\":18446744073709551615}",
                "past the year 9999",
            ),
        ];
        for (text, expected) in cases {
            let message = decode_record(text).unwrap_err().to_string();
            assert!(message.contains(expected), "{text}: {message}");
            assert!(!message.contains("secret"), "{text}: {message}");
        }
    }
}
