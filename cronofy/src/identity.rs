//! Who the credential belongs to: the account, the OpenID Connect userinfo, and the calendar
//! profiles (Google, Microsoft 365, Apple, ...) the user has connected.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::cronofy_endpoint;
use crate::oauth::Provider;

/// Returns the account the access token belongs to.
///
/// Needs a user credential with the `read_account` scope.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/identity/account/)
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/account")]
pub async fn read_account() -> AccountResponse;

/// Returns the OpenID Connect userinfo of the token's owner.
///
/// [Cronofy docs](https://docs.cronofy.com/developers/api/identity/userinfo/)
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/userinfo")]
pub async fn read_userinfo() -> UserInfo;

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
    path = "/v1/profiles/{profile_id}/revoke",
    idempotent = true
)]
pub async fn revoke_profile(profile_id: &str);

/// The body of [`read_account()`].
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

/// The body of [`read_userinfo()`].
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
    pub provider_name: Provider,
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

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[
    &READ_ACCOUNT,
    &READ_USERINFO,
    &LIST_PROFILES,
    &REVOKE_PROFILE,
];
