//! Who the credential belongs to: the account, the OpenID Connect userinfo, and the calendar
//! profiles (Google, Microsoft 365, Apple, ...) the user has connected.

use serde::Deserialize;

use crate::cronofy_endpoint;
use crate::oauth::Provider;

/// Returns the account the access token belongs to.
///
/// Needs a user credential with the `read_account` scope.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/identity/account/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn show_account(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let account = cronofy::identity::read_account(client, user).await?.account;
///     println!("{} ({:?})", account.account_id, account.email);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/account")]
pub async fn read_account() -> AccountResponse;

/// Returns the OpenID Connect userinfo of the token's owner.
///
/// [Cronofy docs](https://docs.cronofy.com/developers/api/identity/userinfo/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn show_userinfo(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let userinfo = cronofy::identity::read_userinfo(client, user).await?;
///     println!("{} in {:?}", userinfo.sub, userinfo.zoneinfo);
///     for profile in userinfo.cronofy_data.iter().flat_map(|data| &data.profiles) {
///         println!(
///             "{}: {} calendars",
///             profile.profile.profile_name,
///             profile.profile_calendars.len()
///         );
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/userinfo")]
pub async fn read_userinfo() -> UserInfo;

/// Lists the calendar profiles (one per connected Google, Microsoft, Apple, ... account) of the
/// user, connected or not.
///
/// Needs a user credential; no particular scope.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/identity/profile/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn show_profiles(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let profiles = cronofy::identity::list_profiles(client, user)
///         .await?
///         .profiles;
///     for profile in profiles.iter().filter(|profile| !profile.profile_connected) {
///         println!(
///             "{} needs relinking: {:?}",
///             profile.profile_name, profile.profile_relink_url
///         );
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/profiles")]
pub async fn list_profiles() -> ProfileList;

/// Revokes the authorization of one of the user's profiles: Cronofy stops syncing its calendars
/// and forgets its credentials. The user's other profiles, and the token, stay valid.
///
/// Needs a user credential. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/authorization/revoke-profile/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn disconnect(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     cronofy::identity::revoke_profile(client, user, "pro_n23kjnwrw2").await?;
///     println!("pro_n23kjnwrw2 no longer syncs");
///     Ok(())
/// }
/// ```
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
    /// The account's `sub`, where Cronofy sends it.
    #[serde(default)]
    pub sub: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A Cronofy account: one user of your application.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Account {
    /// The account's id, e.g. `acc_5ba21743f408617d1269ea1e`.
    pub account_id: String,
    /// The account's email address (for a service account, possibly a user name).
    #[serde(default)]
    pub email: Option<String>,
    /// The account's name, when known.
    #[serde(default)]
    pub name: Option<String>,
    /// The scopes granted, space separated.
    #[serde(default)]
    pub scope: Option<String>,
    /// The account's default time zone (IANA id), when known.
    #[serde(default)]
    pub default_tzid: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
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
    /// What the subject is: an account or a service account (`cronofy.type`).
    #[serde(rename = "cronofy.type", default)]
    pub cronofy_type: Option<SubjectType>,
    /// Cronofy's own data about the subject (`cronofy.data`): its authorization, profiles
    /// with their calendars, conferencing profiles.
    #[serde(rename = "cronofy.data", default)]
    pub cronofy_data: Option<CronofyData>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl UserInfo {
    /// The service account's domain details, for a service account: from
    /// `cronofy.data.service_account`, or the flat `cronofy.service_account` some responses
    /// use.
    pub fn service_account(&self) -> Option<ServiceAccountInfo> {
        if let Some(info) = self
            .cronofy_data
            .as_ref()
            .and_then(|data| data.service_account.clone())
        {
            return Some(info);
        }
        let flat = self.extra.get("cronofy.service_account")?;
        serde_json::from_value(flat.clone()).ok()
    }
}

cronofy_core::open_enum! {
    /// What a userinfo subject is.
    pub enum SubjectType {
        /// `account`: a user's Cronofy account.
        Account = "account",
        /// `service_account`: an Enterprise Connect service account.
        ServiceAccount = "service_account",
    }
}

/// Cronofy's data about a userinfo subject (`cronofy.data`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CronofyData {
    /// The authorization the token carries.
    #[serde(default)]
    pub authorization: Option<AuthorizationInfo>,
    /// The calendar profiles, each with its calendars.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub profiles: Vec<UserInfoProfile>,
    /// The conferencing profiles (Zoom, GoTo, Teams, ...) the user connected, whose ids
    /// [`Conferencing::profile`](crate::events::Conferencing::profile) takes.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub conferencing_profiles: Vec<ConferencingProfile>,
    /// For a service account, its provider and domain.
    #[serde(default)]
    pub service_account: Option<ServiceAccountInfo>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The authorization a token carries.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AuthorizationInfo {
    /// The scopes granted, space separated.
    #[serde(default)]
    pub scope: Option<String>,
    /// Its status, e.g. `active`.
    #[serde(default)]
    pub status: Option<String>,
    /// For Enterprise Connect, the scopes the service account may delegate.
    #[serde(default)]
    pub delegated_scope: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A calendar profile in userinfo: the profile, and its calendars.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UserInfoProfile {
    /// The profile.
    #[serde(flatten)]
    pub profile: Profile,
    /// Its calendars.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub profile_calendars: Vec<ProfileCalendar>,
}

/// A calendar of a profile, in userinfo.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ProfileCalendar {
    /// The calendar's id.
    pub calendar_id: String,
    /// Its name.
    #[serde(default)]
    pub calendar_name: Option<String>,
    /// Whether it is read-only.
    #[serde(default)]
    pub calendar_readonly: Option<bool>,
    /// Whether it was deleted.
    #[serde(default)]
    pub calendar_deleted: Option<bool>,
    /// Whether it is the profile's primary calendar.
    #[serde(default)]
    pub calendar_primary: Option<bool>,
    /// Whether the provider can add its own conferencing to its events.
    #[serde(default)]
    pub calendar_integrated_conferencing_available: Option<bool>,
    /// Whether its events can have attachments.
    #[serde(default)]
    pub calendar_attachments_available: Option<bool>,
    /// What the application may do in it.
    #[serde(default)]
    pub permission_level: Option<crate::oauth::PermissionLevel>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A conferencing profile the user connected.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConferencingProfile {
    /// The provider, e.g. `zoom`, `go_to`, `ms_teams`.
    #[serde(default)]
    pub provider_name: Option<crate::oauth::ConferencingProvider>,
    /// Its id.
    pub profile_id: String,
    /// Its name.
    #[serde(default)]
    pub profile_name: Option<String>,
    /// Whether Cronofy can use it.
    #[serde(default)]
    pub profile_connected: Option<bool>,
    /// Where to send the user to relink it.
    #[serde(default)]
    pub profile_relink_url: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A service account's provider and domain.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ServiceAccountInfo {
    /// The provider, e.g. `google`.
    #[serde(default)]
    pub provider_name: Option<String>,
    /// The domain it covers.
    #[serde(default)]
    pub domain: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of [`list_profiles()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ProfileList {
    /// The profiles.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub profiles: Vec<Profile>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A calendar profile: one account at a calendar provider that the user connected.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Profile {
    /// The calendar provider.
    pub provider_name: Provider,
    /// The provider's service, e.g. `gsuite` for Google Workspace, when given.
    #[serde(default)]
    pub provider_service: Option<ProviderService>,
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
    /// Whether Cronofy is still doing the profile's first sync (its events may be
    /// incomplete until then).
    #[serde(default)]
    pub profile_initial_sync_required: Option<bool>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

cronofy_core::open_enum! {
    /// The service behind a calendar profile.
    pub enum ProviderService {
        /// `cronofy`
        Cronofy = "cronofy",
        /// `exchange`
        Exchange = "exchange",
        /// `google`
        Google = "google",
        /// `gsuite`: Google Workspace.
        Gsuite = "gsuite",
        /// `icloud`
        Icloud = "icloud",
        /// `office365`
        Office365 = "office365",
        /// `outlook_com`
        OutlookCom = "outlook_com",
    }
}

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[
    &READ_ACCOUNT,
    &READ_USERINFO,
    &LIST_PROFILES,
    &REVOKE_PROFILE,
];
