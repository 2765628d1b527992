//! Asking a user for more access to their calendars.

use serde::{Deserialize, Serialize};

use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};

/// Asks for elevated permissions on some of the user's calendars, e.g. `unrestricted` access
/// to edit or delete events your application did not create.
///
/// Needs a user credential. For most accounts Cronofy answers with a `url` to send the user to,
/// where they accept or reject, and then return to `redirect_uri`; for accounts linked to an
/// Enterprise Connect service account the permissions are granted at once (`accepted`).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/authorization/extended-permissions/)
///
/// ```no_run
/// use cronofy::oauth::{CalendarPermission, PermissionLevel, RequestPermissions};
/// use cronofy::{Client, UserToken};
///
/// async fn request_write_access(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let request = RequestPermissions::new(
///         [CalendarPermission::new(
///             "cal_n23kjnwrw2_jsdfjksn234",
///             PermissionLevel::Unrestricted,
///         )],
///         "https://example.com/permissions",
///     );
///     let answer = cronofy::oauth::request_permissions(client, user, &request).await?;
///     if let Some(url) = answer.permissions_request.and_then(|request| request.url) {
///         println!("send the user to {url}");
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/permissions")]
pub async fn request_permissions(
    #[body] request: &RequestPermissions,
) -> PermissionsRequestResponse;

/// The body of [`request_permissions()`]: which calendars, and where the user returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct RequestPermissions {
    permissions: Vec<CalendarPermission>,
    redirect_uri: String,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(RequestPermissions {
    "permissions",
    "redirect_uri"
});

impl RequestPermissions {
    /// Asks for `permissions`; the user comes back to `redirect_uri` once they have accepted or
    /// rejected.
    pub fn new(
        permissions: impl IntoIterator<Item = CalendarPermission>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        RequestPermissions {
            permissions: permissions.into_iter().collect(),
            redirect_uri: redirect_uri.into(),
            extra: ExtraFields::default(),
        }
    }
}

/// A permission asked for on one calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarPermission {
    calendar_id: String,
    permission_level: PermissionLevel,
}

impl CalendarPermission {
    /// `level` on the calendar `calendar_id`.
    pub fn new(calendar_id: impl Into<String>, level: PermissionLevel) -> Self {
        CalendarPermission {
            calendar_id: calendar_id.into(),
            permission_level: level,
        }
    }
}

cronofy_core::open_enum! {
    /// A level of access to a calendar.
    pub enum PermissionLevel {
        /// `unrestricted`: read, edit and delete every event, not only those your application made.
        Unrestricted = "unrestricted",
        /// `sandbox`: only events the application created.
        Sandbox = "sandbox",
    }
}

/// The body of [`request_permissions()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PermissionsRequestResponse {
    /// What became of the request.
    #[serde(default)]
    pub permissions_request: Option<PermissionsRequest>,
    /// `true` when Cronofy granted the permissions at once, without a URL (an Enterprise
    /// Connect account answers this way in some responses).
    #[serde(default)]
    pub accepted: Option<bool>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// What became of a permissions request: a page for the user, or an immediate grant.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PermissionsRequest {
    /// Where to send the user to accept or reject, for accounts that must be asked.
    #[serde(default)]
    pub url: Option<String>,
    /// `Some(true)` when the permissions were granted without asking (Enterprise Connect).
    #[serde(default)]
    pub accepted: Option<bool>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
