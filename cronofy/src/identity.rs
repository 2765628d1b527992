//! Who the credential belongs to: the account and the OpenID Connect userinfo.

use std::collections::BTreeMap;

use serde::Deserialize;

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
