//! The calendars of every profile (Google, Microsoft 365, Apple, ...) a user has connected.

use serde::Deserialize;

use crate::cronofy_endpoint;

/// Lists the calendars of every profile the user has connected.
///
/// Needs a user credential with the `list_calendars` scope.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/calendars/list-calendars/)
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars")]
pub async fn list_calendars() -> CalendarList;

/// The body of [`list_calendars()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CalendarList {
    /// The calendars.
    pub calendars: Vec<Calendar>,
}

/// One calendar.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Calendar {
    /// The calendar provider, e.g. `google`, `live_connect`, `apple`.
    pub provider_name: String,
    /// The id of the profile the calendar belongs to.
    pub profile_id: String,
    /// The name of that profile, usually an email address.
    pub profile_name: String,
    /// The calendar's id, e.g. `cal_n23kjnwrw2_jsdfjksn234`.
    pub calendar_id: String,
    /// The calendar's name.
    pub calendar_name: String,
    /// Whether events can be written to it.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub calendar_readonly: bool,
    /// Whether it was deleted at the provider.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub calendar_deleted: bool,
    /// Whether it is the profile's primary calendar, when the provider says.
    #[serde(default)]
    pub calendar_primary: Option<bool>,
    /// `unrestricted` or `free_busy`, when known.
    #[serde(default)]
    pub permission_level: Option<String>,
}
