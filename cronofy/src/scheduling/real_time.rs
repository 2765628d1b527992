//! Real-time scheduling links, which let invitees pick a time themselves.
//!
//! [`create_real_time_scheduling()`] returns a link to a page where the invitee picks one of
//! the times an availability query finds; Cronofy then creates the event in the target
//! calendars. All of these endpoints take the application's credentials.

use serde::{Deserialize, Serialize};

use crate::availability::QueryAvailability;
use crate::cronofy_endpoint;
use crate::events::Location;
use crate::fields::{ExtraFields, extensible_body};
use crate::oauth::Scope;

/// Creates a real-time scheduling link.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/real-time-scheduling/)
///
/// ```no_run
/// use cronofy::time::{Minutes, UtcTime};
/// use cronofy::availability::{QueryAvailability, Participants, QueryPeriod};
/// use cronofy::scheduling::{CreateRealTimeScheduling, RealTimeSchedulingEvent, TargetCalendar};
///
/// # async fn run(client: cronofy::Client, app: cronofy::AppCredentials) -> Result<(), Box<dyn std::error::Error>> {
/// let availability = QueryAvailability::new(
///     vec![Participants::all(["acc_5ba21743f408617d1269ea1e"])],
///     Minutes::new(60),
///     vec![QueryPeriod::new(
///         UtcTime::parse("2026-11-23T09:00:00Z")?,
///         UtcTime::parse("2026-11-23T17:00:00Z")?,
///     )],
/// );
/// let link = CreateRealTimeScheduling::new(
///     "https://example.com/cronofy/done",
///     RealTimeSchedulingEvent::new("booking-42", "Intro call").tzid("Europe/London"),
///     availability,
///     vec![TargetCalendar::new("acc_5ba21743f408617d1269ea1e", "cal_n23kjnwrw2_jsdfjksn234")],
/// )
/// .completed_redirect_url("https://example.com/booked");
/// let created = cronofy::scheduling::create_real_time_scheduling(&client, &app, &link).await?;
/// println!("send the invitee to {:?}", created.real_time_scheduling.url);
/// # Ok(()) }
/// ```
#[cronofy_endpoint(auth = "app", method = "POST", path = "/v1/real_time_scheduling")]
pub async fn create_real_time_scheduling(
    #[body] link: &CreateRealTimeScheduling,
) -> RealTimeSchedulingResponse;

/// Returns the status of a real-time scheduling link.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/real-time-scheduling/status/)
#[cronofy_endpoint(auth = "app", method = "GET", path = "/v1/real_time_scheduling/{id}")]
pub async fn read_real_time_scheduling(id: &str) -> RealTimeSchedulingResponse;

/// Returns the status of a real-time scheduling link by the token at the end of its URL.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/real-time-scheduling/status/)
#[cronofy_endpoint(auth = "app", method = "GET", path = "/v1/real_time_scheduling")]
pub async fn read_real_time_scheduling_by_token(
    #[query] token: &ReadRealTimeSchedulingByToken,
) -> RealTimeSchedulingResponse;

/// Disables a real-time scheduling link that has not been completed; visitors then see
/// `display_message`. Returns the link in its new state.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/real-time-scheduling/disable/)
#[cronofy_endpoint(
    auth = "app",
    method = "POST",
    path = "/v1/real_time_scheduling/{id}/disable"
)]
pub async fn disable_real_time_scheduling(
    id: &str,
    #[body] disable: &DisableRealTimeScheduling,
) -> RealTimeSchedulingResponse;

/// The body of [`create_real_time_scheduling()`]: where to send the invitee afterwards, the
/// event to create, the availability query offering the times, and the calendars to write to.
///
/// Options this builder does not name can be sent with [`field`](Self::field).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct CreateRealTimeScheduling {
    oauth: RealTimeSchedulingOAuth,
    event: RealTimeSchedulingEvent,
    availability: QueryAvailability,
    target_calendars: Vec<TargetCalendar>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tzid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    callback_urls: Option<CallbackUrls>,
    #[serde(skip_serializing_if = "Option::is_none")]
    redirect_urls: Option<RedirectUrls>,
    #[serde(flatten)]
    extra: ExtraFields,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct RealTimeSchedulingOAuth {
    redirect_uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
struct CallbackUrls {
    #[serde(skip_serializing_if = "Option::is_none")]
    completed_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    no_times_suitable_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
struct RedirectUrls {
    #[serde(skip_serializing_if = "Option::is_none")]
    completed_url: Option<String>,
}

impl CreateRealTimeScheduling {
    /// A link that, once the invitee has chosen a time, redirects them to `redirect_uri`
    /// (Cronofy's `oauth.redirect_uri`), creates `event` at that time in `target_calendars`,
    /// and offers the times `availability` finds.
    pub fn new(
        redirect_uri: impl Into<String>,
        event: RealTimeSchedulingEvent,
        availability: QueryAvailability,
        target_calendars: Vec<TargetCalendar>,
    ) -> Self {
        CreateRealTimeScheduling {
            oauth: RealTimeSchedulingOAuth {
                redirect_uri: redirect_uri.into(),
                scope: None,
                state: None,
            },
            event,
            availability,
            target_calendars,
            tzid: None,
            callback_urls: None,
            redirect_urls: None,
            extra: ExtraFields::default(),
        }
    }

    /// Scopes to ask the invitee for, when they connect their own calendar (`oauth.scope`).
    pub fn scope(mut self, scope: impl IntoIterator<Item = Scope>) -> Self {
        let joined = scope
            .into_iter()
            .map(|s| s.as_str().to_owned())
            .collect::<Vec<_>>()
            .join(" ");
        self.oauth.scope = Some(joined);
        self
    }

    /// A value passed back on the redirect (`oauth.state`).
    pub fn state(mut self, state: impl Into<String>) -> Self {
        self.oauth.state = Some(state.into());
        self
    }

    /// The time zone (IANA id) the times are shown in to the invitee.
    pub fn tzid(mut self, tzid: impl Into<String>) -> Self {
        self.tzid = Some(tzid.into());
        self
    }

    /// Where Cronofy posts a notification once a time has been chosen
    /// (`callback_urls.completed_url`).
    pub fn completed_callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_urls
            .get_or_insert_with(CallbackUrls::default)
            .completed_url = Some(url.into());
        self
    }

    /// Where Cronofy posts a notification when the invitee finds no suitable time
    /// (`callback_urls.no_times_suitable_url`).
    pub fn no_times_suitable_callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_urls
            .get_or_insert_with(CallbackUrls::default)
            .no_times_suitable_url = Some(url.into());
        self
    }

    /// Where the invitee's browser goes once a time has been chosen
    /// (`redirect_urls.completed_url`).
    pub fn completed_redirect_url(mut self, url: impl Into<String>) -> Self {
        self.redirect_urls
            .get_or_insert_with(RedirectUrls::default)
            .completed_url = Some(url.into());
        self
    }
}

extensible_body!(CreateRealTimeScheduling {
    "oauth",
    "event",
    "availability",
    "target_calendars",
    "tzid",
    "callback_urls",
    "redirect_urls",
});

/// The event a real-time scheduling link creates: your id for it and a title; the time is
/// what the invitee picks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct RealTimeSchedulingEvent {
    event_id: String,
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tzid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

impl RealTimeSchedulingEvent {
    /// The event with your id for it (as in [`UpsertEvent`](crate::events::UpsertEvent)) and a title.
    pub fn new(event_id: impl Into<String>, summary: impl Into<String>) -> Self {
        RealTimeSchedulingEvent {
            event_id: event_id.into(),
            summary: summary.into(),
            description: None,
            tzid: None,
            location: None,
            url: None,
        }
    }

    /// The description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// The time zone the event is shown in (IANA id).
    pub fn tzid(mut self, tzid: impl Into<String>) -> Self {
        self.tzid = Some(tzid.into());
        self
    }

    /// Where it takes place.
    pub fn location(mut self, description: impl Into<String>) -> Self {
        self.location = Some(Location::described(description));
        self
    }

    /// A link shown with the event.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }
}

/// A calendar the chosen event is written to: whose (`sub`) and which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetCalendar {
    /// The account's `sub`.
    pub sub: String,
    /// The calendar's id.
    pub calendar_id: String,
}

impl TargetCalendar {
    /// Calendar `calendar_id` of the account `sub`.
    pub fn new(sub: impl Into<String>, calendar_id: impl Into<String>) -> Self {
        TargetCalendar {
            sub: sub.into(),
            calendar_id: calendar_id.into(),
        }
    }
}

/// The query of [`read_real_time_scheduling_by_token()`]: the token that ends the link's URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadRealTimeSchedulingByToken {
    token: String,
}

impl ReadRealTimeSchedulingByToken {
    /// The token as given, e.g. `ABCD1234`.
    pub fn new(token: impl Into<String>) -> Self {
        ReadRealTimeSchedulingByToken {
            token: token.into(),
        }
    }

    /// The token of a link URL: its last path segment
    /// (`https://app.cronofy.com/rts/ABCD1234` gives `ABCD1234`), if it has one.
    ///
    /// ```
    /// use cronofy::scheduling::ReadRealTimeSchedulingByToken;
    ///
    /// let token = ReadRealTimeSchedulingByToken::from_url("https://app.cronofy.com/rts/ABCD1234?x=1");
    /// assert_eq!(token, Some(ReadRealTimeSchedulingByToken::new("ABCD1234")));
    /// assert_eq!(ReadRealTimeSchedulingByToken::from_url("https://app.cronofy.com/"), None);
    /// ```
    pub fn from_url(url: &str) -> Option<Self> {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        let (_, last) = path.rsplit_once('/')?;
        (!last.is_empty()).then(|| ReadRealTimeSchedulingByToken::new(last))
    }
}

/// The body of [`disable_real_time_scheduling()`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisableRealTimeScheduling {
    /// Shown to anyone visiting the link afterwards: plain text, at most 500 characters.
    pub display_message: String,
}

impl DisableRealTimeScheduling {
    /// Disables the link, showing `display_message` to visitors.
    pub fn new(display_message: impl Into<String>) -> Self {
        DisableRealTimeScheduling {
            display_message: display_message.into(),
        }
    }
}

/// The body of every real-time scheduling endpoint: the link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RealTimeSchedulingResponse {
    /// The link.
    pub real_time_scheduling: RealTimeScheduling,
}

/// A real-time scheduling link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RealTimeScheduling {
    /// Its id, e.g. `sch_4353945880944395`.
    pub real_time_scheduling_id: String,
    /// The page invitees are sent to.
    #[serde(default)]
    pub url: Option<String>,
    /// The status as Cronofy wrote it (`open`, `completed`, `disabled`, ...);
    /// [`link_status`](Self::link_status) reads it.
    #[serde(default)]
    pub status: Option<String>,
    /// The event that will be created, as Cronofy echoes it; once completed it has a start
    /// and an end.
    #[serde(default)]
    pub event: Option<serde_json::Value>,
}

impl RealTimeScheduling {
    /// The status, typed, when Cronofy sent one.
    pub fn link_status(&self) -> Option<RealTimeSchedulingStatus> {
        self.status.as_deref().map(RealTimeSchedulingStatus::from)
    }
}

cronofy_core::open_enum! {
    /// Where a real-time scheduling link stands.
    pub enum RealTimeSchedulingStatus {
        /// No time has been chosen yet (`open`).
        Open = "open",
        /// A time was chosen and the event created (`completed`).
        Completed = "completed",
        /// The link was disabled (`disabled`).
        Disabled = "disabled",
    }
}
