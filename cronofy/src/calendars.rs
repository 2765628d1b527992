//! Calendars: those of every profile (Google, Microsoft 365, Apple, ...) a user has connected,
//! and application calendars, which Cronofy hosts for your application itself.

use serde::{Deserialize, Serialize};

use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};
use crate::oauth::{PermissionLevel, Provider, TokenSet};

/// Lists the calendars of every profile the user has connected.
///
/// Needs a user credential with the `list_calendars` scope.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/calendars/list-calendars/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn show_calendars(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let calendars = cronofy::calendars::list_calendars(client, user).await?;
///     for calendar in &calendars.calendars {
///         println!("{}: {}", calendar.calendar_id, calendar.calendar_name);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars")]
pub async fn list_calendars() -> CalendarList;

/// Creates a calendar in one of the user's profiles.
///
/// Needs a user credential with the `create_calendar` scope. Cronofy answers 422 with
/// `errors.duplicate_calendar_name` (as [`Error::Validation`](crate::Error::Validation)) when the
/// profile already has a calendar of that name.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/calendars/create-calendar/)
///
/// ```no_run
/// use cronofy::calendars::{CreateCalendar, create_calendar};
/// use cronofy::{Client, UserToken};
///
/// async fn add_calendar(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let new = CreateCalendar::new("pro_n23kjnwrw2", "Bookings").color("#49BED8");
///     let calendar = create_calendar(client, user, &new).await?.calendar;
///     println!("created {}", calendar.calendar_id);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/calendars")]
pub async fn create_calendar(#[body] calendar: &CreateCalendar) -> CalendarResponse;

/// The body of [`create_calendar()`]: the profile to create it in and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct CreateCalendar {
    profile_id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<String>,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(CreateCalendar {
    "profile_id",
    "name",
    "color"
});

impl CreateCalendar {
    /// A calendar named `name` in the profile `profile_id` (see
    /// [`list_profiles()`](crate::identity::list_profiles)).
    pub fn new(profile_id: impl Into<String>, name: impl Into<String>) -> Self {
        CreateCalendar {
            profile_id: profile_id.into(),
            name: name.into(),
            color: None,
            extra: ExtraFields::default(),
        }
    }

    /// Its color, as `#RRGGBB`; providers that cannot color calendars ignore it.
    pub fn color(mut self, color: impl Into<String>) -> Self {
        self.color = Some(color.into());
        self
    }
}

/// The body of [`create_calendar()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CalendarResponse {
    /// The new calendar.
    pub calendar: Calendar,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of [`list_calendars()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CalendarList {
    /// The calendars.
    pub calendars: Vec<Calendar>,
    /// The account's `sub`, where Cronofy sends it.
    #[serde(default)]
    pub sub: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// One calendar.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Calendar {
    /// The calendar provider, e.g. `google`, `live_connect`, `apple`.
    pub provider_name: Provider,
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
    /// What the application may do in it: `sandbox` or `unrestricted`, when known.
    #[serde(default)]
    pub permission_level: Option<PermissionLevel>,
    /// Whether the provider can add its own conferencing to events in it
    /// ([`Conferencing::provider_default`](crate::events::Conferencing::provider_default)).
    #[serde(default)]
    pub calendar_integrated_conferencing_available: Option<bool>,
    /// Whether events in it can have attachments.
    #[serde(default)]
    pub calendar_attachments_available: Option<bool>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// Creates the application calendar with your `application_calendar_id`, or returns it (with
/// new tokens) if it exists: a calendar Cronofy hosts for your application itself. Its access
/// token is a user credential for the calendar's account (`UserToken::new(...)`, or a
/// [`RefreshingUserToken`](crate::oauth::RefreshingUserToken)).
///
/// Takes the application's client id and secret in the body, so only
/// [`AppCredentials`](crate::AppCredentials) can call it.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/calendars/application-calendars/)
///
/// ```no_run
/// use cronofy::calendars::{self, CreateApplicationCalendar};
/// use cronofy::{AppCredentials, Client, UserToken};
///
/// async fn room_bookings(client: &Client, app: &AppCredentials) -> Result<(), cronofy::Error> {
///     let request = CreateApplicationCalendar::new("room-bookings");
///     let calendar = calendars::create_application_calendar(client, app, &request).await?;
///     let owner = UserToken::new(calendar.tokens.access_token());
///     let calendars = calendars::list_calendars(client, &owner).await?;
///     println!("room bookings go to {}", calendars.calendars[0].calendar_id);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "client_credentials",
    method = "POST",
    path = "/v1/application_calendars"
)]
pub async fn create_application_calendar(
    #[body] request: &CreateApplicationCalendar,
) -> ApplicationCalendar;

/// The body of [`create_application_calendar()`]: your id for the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct CreateApplicationCalendar {
    application_calendar_id: String,
    #[serde(flatten)]
    extra: ExtraFields,
}

// The client id and secret are spliced into the body when it is sent: modeled too, so that
// `field` cannot send them a second time.
extensible_body!(CreateApplicationCalendar {
    "application_calendar_id",
    "client_id",
    "client_secret",
});

impl CreateApplicationCalendar {
    /// The calendar you call `application_calendar_id`; the same id always gives the same
    /// calendar.
    pub fn new(application_calendar_id: impl Into<String>) -> Self {
        CreateApplicationCalendar {
            application_calendar_id: application_calendar_id.into(),
            extra: ExtraFields::default(),
        }
    }
}

/// An application calendar: your id for it, and the tokens acting for its account.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ApplicationCalendar {
    /// Your id for the calendar, as sent.
    pub application_calendar_id: String,
    /// The tokens acting for the calendar's account (its `sub` is `apc_...`).
    #[serde(flatten)]
    pub tokens: TokenSet,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[
    &LIST_CALENDARS,
    &CREATE_CALENDAR,
    &CREATE_APPLICATION_CALENDAR,
];
