//! Who the credential belongs to: the account, the OpenID Connect userinfo, and the calendar
//! profiles (Google, Microsoft 365, Apple, ...) the user has connected.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::cronofy_endpoint;

/// Returns the account the access token belongs to.
///
/// Needs a user credential with the `read_account` scope.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/identity/account/)
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/account")]
pub async fn account() -> AccountResponse;

/// Returns the OpenID Connect userinfo of the token's owner.
///
/// [Cronofy docs](https://docs.cronofy.com/developers/api/identity/userinfo/)
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/userinfo")]
pub async fn userinfo() -> UserInfo;

/// Lists the calendar profiles (one per connected Google, Microsoft, Apple, ... account) of the
/// user, connected or not.
///
/// Needs a user credential; no particular scope.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/identity/profile/)
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/profiles")]
pub async fn list_profiles() -> ProfileList;

/// Revokes the authorization of one of the user's profiles: Cronofy stops syncing its calendars
/// and forgets its credentials. The user's other profiles, and the token, stay valid.
///
/// Needs a user credential. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/authorization/revoke-profile/)
#[cronofy_endpoint(
    auth = "user",
    method = "POST",
    path = "/v1/profiles/{profile_id}/revoke"
)]
pub async fn revoke_profile(profile_id: &str);

/// The body of [`account()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AccountResponse {
    /// The account.
    pub account: Account,
}

/// A Cronofy account: one user of your application.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Account {
    /// The account's id, e.g. `acc_5ba21743f408617d1269ea1e`.
    pub account_id: String,
    /// The account's email address.
    pub email: String,
    /// The account's name, when known.
    #[serde(default)]
    pub name: Option<String>,
    /// The scopes granted, space separated.
    #[serde(default)]
    pub scope: Option<String>,
    /// The account's default time zone (IANA id), when known.
    #[serde(default)]
    pub default_tzid: Option<String>,
}

/// The body of [`userinfo()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UserInfo {
    /// The subject: the account's id.
    pub sub: String,
    /// Email address, when the scopes allow it.
    #[serde(default)]
    pub email: Option<String>,
    /// Name, when known.
    #[serde(default)]
    pub name: Option<String>,
    /// Time zone (IANA id), when known.
    #[serde(default)]
    pub zoneinfo: Option<String>,
    /// What the subject is, e.g. `account`, `userinfo` or `service_account`.
    #[serde(rename = "cronofy.type", default)]
    pub cronofy_type: Option<String>,
    /// Cronofy's extra data (profiles, authorization), kept as JSON.
    #[serde(
        rename = "cronofy.data",
        default,
        deserialize_with = "crate::wire::null_as_default"
    )]
    pub cronofy_data: BTreeMap<String, serde_json::Value>,
}

/// The body of [`list_profiles()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ProfileList {
    /// The profiles.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub profiles: Vec<Profile>,
}

/// A calendar profile: one account at a calendar provider that the user connected.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Profile {
    /// The calendar provider.
    pub provider_name: ProviderName,
    /// The provider's service, e.g. `gsuite` or `gmail` for Google, when given.
    #[serde(default)]
    pub provider_service: Option<String>,
    /// The profile's id, e.g. `pro_n23kjnwrw2`: what [`revoke_profile()`] takes.
    pub profile_id: String,
    /// The profile's name, usually an email address.
    pub profile_name: String,
    /// Whether Cronofy can currently reach the profile's calendars. A disconnected profile
    /// needs the user to relink it (see `profile_relink_url`).
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub profile_connected: bool,
    /// Where to send the user to relink a disconnected profile.
    #[serde(default)]
    pub profile_relink_url: Option<String>,
}

/// A calendar provider, as Cronofy names it in `provider_name`.
///
/// Cronofy adds providers over time: a name this crate does not know is kept as
/// [`ProviderName::Unknown`] with its text, instead of failing the response.
///
/// ```
/// use cronofy::ProviderName;
///
/// let known: ProviderName = serde_json::from_str(r#""live_connect""#)?;
/// assert_eq!(known, ProviderName::LiveConnect);
/// let new: ProviderName = serde_json::from_str(r#""zimbra""#)?;
/// assert_eq!(new, ProviderName::Unknown("zimbra".to_owned()));
/// assert_eq!(new, "zimbra");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProviderName {
    /// `google`: Google Workspace and Gmail.
    Google,
    /// `live_connect`: Outlook.com and other personal Microsoft accounts.
    LiveConnect,
    /// `office365`: Microsoft 365.
    Office365,
    /// `exchange`: Exchange servers.
    Exchange,
    /// `apple`: iCloud.
    Apple,
    /// A provider this crate does not name yet, with Cronofy's text for it.
    Unknown(String),
}

impl ProviderName {
    /// Cronofy's name for the provider, e.g. `"office365"`.
    pub fn as_str(&self) -> &str {
        match self {
            ProviderName::Google => "google",
            ProviderName::LiveConnect => "live_connect",
            ProviderName::Office365 => "office365",
            ProviderName::Exchange => "exchange",
            ProviderName::Apple => "apple",
            ProviderName::Unknown(name) => name,
        }
    }

    /// The provider Cronofy calls `name`; [`ProviderName::Unknown`] for any other text.
    pub fn from_name(name: &str) -> Self {
        match name {
            "google" => ProviderName::Google,
            "live_connect" => ProviderName::LiveConnect,
            "office365" => ProviderName::Office365,
            "exchange" => ProviderName::Exchange,
            "apple" => ProviderName::Apple,
            other => ProviderName::Unknown(other.to_owned()),
        }
    }
}

impl fmt::Display for ProviderName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for ProviderName {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ProviderName {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for ProviderName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ProviderName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(ProviderName::from_name(&name))
    }
}

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] =
    &[&ACCOUNT, &USERINFO, &LIST_PROFILES, &REVOKE_PROFILE];
