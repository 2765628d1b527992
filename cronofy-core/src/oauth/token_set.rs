//! What Cronofy's token endpoint returns: an access token, a refresh token, and facts about
//! the authorization.

use std::fmt;
use std::time::{Duration, SystemTime};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::oauth::scope::{self, Scope};

/// The calendar profile an authorization linked (on code exchange).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LinkingProfile {
    /// The provider, e.g. `google`.
    #[serde(default)]
    pub provider_name: Option<String>,
    /// The provider's service, e.g. `gsuite`.
    #[serde(default)]
    pub provider_service: Option<String>,
    /// The profile's id.
    #[serde(default)]
    pub profile_id: Option<String>,
    /// The profile's name, usually an email address.
    #[serde(default)]
    pub profile_name: Option<String>,
}

/// An access token and what comes with it, as Cronofy's token endpoint returns it (it decodes
/// from that response). Secrets are reached only through [`access_token`](Self::access_token)
/// and [`refresh_token`](Self::refresh_token); `Debug` prints them as `[redacted]`. Not
/// `Serialize`, so it cannot be written out by accident: stores save its parts explicitly
/// ([`encode_record`](crate::oauth::encode_record)).
#[derive(Clone)]
pub struct TokenSet {
    access_token: SecretString,
    refresh_token: Option<SecretString>,
    expires_at: Option<SystemTime>,
    scope: Vec<Scope>,
    account_id: Option<String>,
    sub: Option<String>,
    linking_profile: Option<LinkingProfile>,
}

impl TokenSet {
    /// A token set restored from storage.
    pub fn new(access_token: impl Into<String>, refresh_token: Option<String>) -> Self {
        TokenSet {
            access_token: SecretString::from(access_token.into()),
            refresh_token: refresh_token.map(SecretString::from),
            expires_at: None,
            scope: Vec::new(),
            account_id: None,
            sub: None,
            linking_profile: None,
        }
    }

    /// When the access token expires, if known.
    pub fn with_expires_at(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// The scopes granted.
    pub fn with_scope(mut self, scope: impl IntoIterator<Item = Scope>) -> Self {
        self.scope = scope.into_iter().collect();
        self
    }

    /// The account or organization the tokens belong to.
    pub fn with_sub(mut self, sub: impl Into<String>) -> Self {
        self.sub = Some(sub.into());
        self
    }

    /// The account id, as the code exchange gave it.
    pub fn with_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// The calendar profile the authorization linked, as the code exchange gave it.
    pub fn with_linking_profile(mut self, profile: LinkingProfile) -> Self {
        self.linking_profile = Some(profile);
        self
    }

    /// The access token. Reaching it takes this explicit call.
    pub fn access_token(&self) -> &str {
        self.access_token.expose_secret()
    }

    /// The refresh token, if Cronofy issued one. Reaching it takes this explicit call.
    pub fn refresh_token(&self) -> Option<&str> {
        self.refresh_token.as_ref().map(|t| t.expose_secret())
    }

    /// When the access token expires, if known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// The scopes granted.
    pub fn scope(&self) -> &[Scope] {
        &self.scope
    }

    /// The account id (on code exchange).
    pub fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }

    /// The `sub` of the account or organization.
    pub fn sub(&self) -> Option<&str> {
        self.sub.as_deref()
    }

    /// The calendar profile the authorization linked (on code exchange).
    pub fn linking_profile(&self) -> Option<&LinkingProfile> {
        self.linking_profile.as_ref()
    }

    /// Keeps `previous`'s refresh token when this response carried none.
    pub(crate) fn keep_refresh_token_of(mut self, previous: &TokenSet) -> Self {
        if self.refresh_token.is_none() {
            self.refresh_token = previous.refresh_token.clone();
        }
        if self.sub.is_none() {
            self.sub = previous.sub.clone();
        }
        if self.account_id.is_none() {
            self.account_id = previous.account_id.clone();
        }
        self
    }

    /// How long the access token is still valid, if known.
    pub(crate) fn remaining(&self) -> Option<Duration> {
        self.expires_at.map(|at| {
            at.duration_since(SystemTime::now())
                .unwrap_or(Duration::ZERO)
        })
    }
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &format_args!("[redacted]"))
            .field(
                "refresh_token",
                &format_args!(
                    "{}",
                    if self.refresh_token.is_some() {
                        "Some([redacted])"
                    } else {
                        "None"
                    }
                ),
            )
            .field("expires_at", &self.expires_at.map(DebugTime))
            .field("scope", &scope::join_scopes(&self.scope))
            .field("account_id", &self.account_id)
            .field("sub", &self.sub)
            .field("linking_profile", &self.linking_profile)
            .finish()
    }
}

/// An expiry as an HTTP date, or as seconds since the epoch past the year 9999 (which
/// `httpdate` cannot format).
struct DebugTime(SystemTime);

impl fmt::Debug for DebugTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const YEAR_10000: Duration = Duration::from_secs(253_402_300_800);
        match self.0.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(since) if since < YEAR_10000 => {
                write!(f, "{}", httpdate::fmt_http_date(self.0))
            }
            Ok(since) => write!(f, "{} s after the epoch", since.as_secs()),
            Err(_) => f.write_str("before the epoch"),
        }
    }
}

impl<'de> Deserialize<'de> for TokenSet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        TokenResponse::deserialize(deserializer).map(TokenResponse::into_token_set)
    }
}

/// The token endpoint's success body, as documented; everything but the tokens is optional.
#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    account_id: Option<String>,
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    linking_profile: Option<LinkingProfile>,
}

impl TokenResponse {
    fn into_token_set(self) -> TokenSet {
        TokenSet {
            access_token: SecretString::from(self.access_token),
            refresh_token: self.refresh_token.map(SecretString::from),
            expires_at: self
                .expires_in
                // An absurd lifetime from the server means an unknown expiry, not a panic.
                .and_then(|secs| SystemTime::now().checked_add(Duration::from_secs(secs))),
            scope: self.scope.as_deref().map(scope::split).unwrap_or_default(),
            account_id: self.account_id,
            sub: self.sub,
            linking_profile: self.linking_profile,
        }
    }
}
