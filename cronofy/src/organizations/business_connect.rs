//! Business Connect (prerelease): reaching the calendars shared with a user (colleagues',
//! meeting rooms) through that user's own authorization.
//!
//! The user authorizes your application with a `delegated_scope` on the authorization URL.
//! Their token then lists the calendars their profile can reach
//! ([`list_accessible_calendars()`]) and asks for access to one of them
//! ([`request_delegated_authorization()`]): Cronofy later calls your `callback_url` with a
//! code, exchanged like any other (with `redirect_uri` = that `callback_url`) for the
//! delegate account's own tokens.

use serde::{Deserialize, Serialize};

use crate::checks;
use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};
use crate::oauth::Scope;

use super::enterprise_connect::{callback_url, email, scopes_as_text};

/// Asks for access to a calendar shared with the user, through one of their profiles.
///
/// Needs a user credential whose authorization included a `delegated_scope`. Cronofy answers
/// `202 Accepted` and later calls `callback_url` with a code or an error. Refused before
/// sending when the profile id, email or callback URL is empty, or no scope is given.
/// [Cronofy docs](https://docs.cronofy.com/developers/api-alpha/business-connect/delegated-authorization/)
///
/// ```no_run
/// use cronofy::oauth::Scope;
/// use cronofy::organizations::RequestDelegatedAuthorization;
/// use cronofy::{Client, UserToken};
///
/// async fn delegate_access(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let request = RequestDelegatedAuthorization::new(
///         "pro_n23kjnwrw2",
///         "board-room@example.com",
///         "https://example.com/cronofy/delegated",
///         [Scope::ReadOnly],
///     )
///     .state("room-7");
///     cronofy::organizations::request_delegated_authorization(client, user, &request).await?;
///     println!("Cronofy will call back with the code of room-7");
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/delegated_authorizations")]
pub async fn request_delegated_authorization(#[body] request: &RequestDelegatedAuthorization);

/// Lists the calendars (such as meeting rooms) one of the user's profiles can reach.
///
/// Needs a user credential whose authorization included a `delegated_scope`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api-alpha/business-connect/accessible-calendars/)
///
/// ```no_run
/// use cronofy::organizations::{AccessibleCalendarType, ListAccessibleCalendars};
/// use cronofy::{Client, UserToken};
///
/// async fn show_rooms(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let query = ListAccessibleCalendars::new("pro_n23kjnwrw2")
///         .calendar_type(AccessibleCalendarType::Resource);
///     let rooms = cronofy::organizations::list_accessible_calendars(client, user, &query).await?;
///     for room in &rooms.accessible_calendars {
///         println!("{}: {:?}", room.email, room.name);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/accessible_calendars")]
pub async fn list_accessible_calendars(
    #[query] query: &ListAccessibleCalendars,
) -> AccessibleCalendarList;

/// The body of [`request_delegated_authorization()`]: through which profile, whose calendar,
/// with which scopes, and where Cronofy reports back.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct RequestDelegatedAuthorization {
    #[serde(serialize_with = "profile_id")]
    profile_id: String,
    #[serde(serialize_with = "email")]
    email: String,
    #[serde(serialize_with = "callback_url")]
    callback_url: String,
    #[serde(serialize_with = "scopes_as_text")]
    scope: Vec<Scope>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    #[serde(flatten)]
    extra: ExtraFields,
}

fn profile_id<S: serde::Serializer>(id: &str, serializer: S) -> Result<S::Ok, S::Error> {
    checks::not_blank("profile_id", id)?;
    serializer.serialize_str(id)
}

impl RequestDelegatedAuthorization {
    /// Access to the calendar of `email` (an account or resource) through the user's profile
    /// `profile_id`, for `scope` (within the authorization's `delegated_scope`), reported to
    /// `callback_url`.
    pub fn new(
        profile_id: impl Into<String>,
        email: impl Into<String>,
        callback_url: impl Into<String>,
        scope: impl IntoIterator<Item = Scope>,
    ) -> Self {
        RequestDelegatedAuthorization {
            profile_id: profile_id.into(),
            email: email.into(),
            callback_url: callback_url.into(),
            scope: scope.into_iter().collect(),
            state: None,
            extra: ExtraFields::default(),
        }
    }

    /// A value returned with the callback.
    pub fn state(mut self, state: impl Into<String>) -> Self {
        self.state = Some(state.into());
        self
    }
}

extensible_body!(RequestDelegatedAuthorization {
    "profile_id",
    "email",
    "callback_url",
    "scope",
    "state"
});

/// The query of [`list_accessible_calendars()`]: the profile, and optionally one type of
/// calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ListAccessibleCalendars {
    profile_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    calendar_type: Option<AccessibleCalendarType>,
}

impl ListAccessibleCalendars {
    /// The calendars the user's profile `profile_id` can reach.
    pub fn new(profile_id: impl Into<String>) -> Self {
        ListAccessibleCalendars {
            profile_id: profile_id.into(),
            calendar_type: None,
        }
    }

    /// Only calendars of this type.
    pub fn calendar_type(mut self, calendar_type: AccessibleCalendarType) -> Self {
        self.calendar_type = Some(calendar_type);
        self
    }
}

cronofy_core::open_enum! {
    /// What kind of calendar an accessible calendar is.
    pub enum AccessibleCalendarType {
        /// A resource such as a meeting room (`resource`).
        Resource = "resource",
        /// A calendar whose kind Cronofy cannot tell (`unknown`; not to be confused with
        /// `Unknown(text)`, a value this crate does not name).
        Undetermined = "unknown",
    }
}

/// The body of [`list_accessible_calendars()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AccessibleCalendarList {
    /// The calendars.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub accessible_calendars: Vec<AccessibleCalendar>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A calendar shared with the user: ask for access with
/// [`request_delegated_authorization()`] and its email.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AccessibleCalendar {
    /// Its email address.
    pub email: String,
    /// Its kind.
    #[serde(default)]
    pub calendar_type: Option<AccessibleCalendarType>,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
