//! Add to Calendar: a link that lets someone put an event of yours into their own calendar,
//! connecting it to your application on the way.

use serde::{Deserialize, Serialize};

use super::link_options::{Formatting, HourFormat, LinkOAuth, TargetCalendar};
use crate::cronofy_endpoint;
use crate::events::UpsertEvent;
use crate::fields::{ExtraFields, extensible_body};
use crate::oauth::Scope;

/// Creates an Add to Calendar link: the person following it connects their calendar and gets
/// `event` in it, then lands on `redirect_uri`.
///
/// Needs the application's credentials (the client secret is the API key). Cronofy has no
/// reference page for it; the fields are those of the official SDKs.
///
/// ```no_run
/// use cronofy::events::UpsertEvent;
/// use cronofy::scheduling::CreateAddToCalendar;
/// use cronofy::time::UtcTime;
/// use cronofy::{AppCredentials, Client};
///
/// async fn webinar_link(
///     client: &Client,
///     app: &AppCredentials,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let event = UpsertEvent::new(
///         "webinar-2026-11",
///         "Webinar: scheduling at scale",
///         UtcTime::parse("2026-11-26T16:00:00Z")?,
///         UtcTime::parse("2026-11-26T17:00:00Z")?,
///     );
///     let link = CreateAddToCalendar::new("https://example.com/added", event);
///     let created = cronofy::scheduling::create_add_to_calendar(client, app, &link).await?;
///     println!("send them to {:?}", created.url);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "app", method = "POST", path = "/v1/add_to_calendar")]
pub async fn create_add_to_calendar(#[body] link: &CreateAddToCalendar) -> AddToCalendarResponse;

/// The body of [`create_add_to_calendar()`]: where the person lands afterwards, and the event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct CreateAddToCalendar {
    oauth: LinkOAuth,
    event: UpsertEvent,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    target_calendars: Vec<TargetCalendar>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formatting: Option<Formatting>,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(CreateAddToCalendar {
    "oauth",
    "event",
    "target_calendars",
    "formatting",
});

impl CreateAddToCalendar {
    /// A link adding `event` to the calendar of whoever follows it, then redirecting them to
    /// `redirect_uri` (`oauth.redirect_uri`).
    pub fn new(redirect_uri: impl Into<String>, event: UpsertEvent) -> Self {
        CreateAddToCalendar {
            oauth: LinkOAuth::new(redirect_uri.into()),
            event,
            target_calendars: Vec::new(),
            formatting: None,
            extra: ExtraFields::default(),
        }
    }

    /// Scopes to ask for when they connect their calendar (`oauth.scope`).
    pub fn scope(mut self, scope: impl IntoIterator<Item = Scope>) -> Self {
        self.oauth.set_scope(scope);
        self
    }

    /// A value passed back on the redirect (`oauth.state`).
    pub fn state(mut self, state: impl Into<String>) -> Self {
        self.oauth.state = Some(state.into());
        self
    }

    /// Calendars the event is also written to.
    pub fn target_calendars(mut self, calendars: impl IntoIterator<Item = TargetCalendar>) -> Self {
        self.target_calendars = calendars.into_iter().collect();
        self
    }

    /// A 12-hour or 24-hour clock on the page (`formatting.hour_format`).
    pub fn hour_format(mut self, format: HourFormat) -> Self {
        self.formatting = Some(Formatting {
            hour_format: format,
        });
        self
    }
}

/// The body of [`create_add_to_calendar()`]: the link. Read from `url`, or `oauth_url` as
/// one SDK names it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AddToCalendarResponse {
    /// The page to send the person to.
    #[serde(default, alias = "oauth_url")]
    pub url: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
