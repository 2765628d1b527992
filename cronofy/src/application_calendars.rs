//! Application calendars: calendars owned by your application itself.
//!
//! `POST /v1/application_calendars` provisions a Cronofy-hosted calendar for your application
//! (the first call for an `application_calendar_id` creates it, later calls return it) and
//! answers with a token set for it: its access token is a user credential
//! ([`UserToken`](crate::UserToken), or a [`RefreshingUserToken`](crate::RefreshingUserToken))
//! for the calendar's account.
//! [Cronofy docs](https://docs.cronofy.com/developers/api/calendars/application-calendars/)
//!
//! Cronofy takes the application's `client_id` and `client_secret` in the JSON body of this
//! call, with no `Authorization` header, as for the token endpoint; `#[cronofy_endpoint]` always
//! sends a bearer, so the call is [`Client::create_application_calendar`], and
//! [`create_application_calendar`] here. Both take only `&AppCredentials`.

use crate::auth::AuthKind;
use crate::{AppCredentials, Client, Endpoint, Error, Method};

pub use crate::oauth::ApplicationCalendar;

/// `POST /v1/application_calendars`, with the application's client credentials in the body.
///
/// Listed with the OAuth calls in `docs/ENDPOINTS.md`, not in [`endpoints`](crate::endpoints),
/// which holds the endpoints declared with `#[cronofy_endpoint]`.
pub const APPLICATION_CALENDARS: Endpoint = Endpoint::__new(
    "create_application_calendar",
    Method::Post,
    "/v1/application_calendars",
    &[AuthKind::App],
    true,
    false,
);

/// Creates the application calendar `application_calendar_id`, or gets tokens for it if it
/// exists. Only the application's own credentials can call it.
///
/// ```no_run
/// # async fn run(client: cronofy::Client, app: cronofy::AppCredentials) -> Result<(), cronofy::Error> {
/// let calendar = cronofy::create_application_calendar(&client, &app, "room-bookings").await?;
/// let owner = cronofy::UserToken::new(calendar.tokens.access_token());
/// let calendars = cronofy::list_calendars(&client, &owner).await?;
/// # Ok(()) }
/// ```
pub async fn create_application_calendar(
    client: &Client,
    app: &AppCredentials,
    application_calendar_id: &str,
) -> Result<ApplicationCalendar, Error> {
    client
        .create_application_calendar(app, application_calendar_id)
        .await
}

/// The endpoints of this module declared with `#[cronofy_endpoint]`: none (see the module
/// docs).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[];
