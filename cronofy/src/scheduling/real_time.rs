//! Real-time scheduling links, which let invitees pick a time themselves.
//!
//! [`create_real_time_scheduling()`] returns a link to a page where the invitee picks one of
//! the times an availability query finds; Cronofy then creates the event in the target
//! calendars. All of these endpoints take the application's credentials.

use serde::{Deserialize, Serialize};

use super::link_options::{LinkOptions, TargetCalendar, link_option_setters};
use crate::availability::QueryAvailability;
use crate::cronofy_endpoint;
use crate::events::details::{EventDetails, Text, event_details_setters, event_upsert_setters};
use crate::fields::{ExtraFields, extensible_body};

/// Creates a real-time scheduling link.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/real-time-scheduling/)
///
/// ```no_run
/// use cronofy::availability::{Participants, QueryAvailability, QueryPeriod};
/// use cronofy::scheduling::{CreateRealTimeScheduling, RealTimeSchedulingEvent, TargetCalendar};
/// use cronofy::time::{Minutes, UtcTime};
/// use cronofy::{AppCredentials, Client};
///
/// async fn booking_link(
///     client: &Client,
///     app: &AppCredentials,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let availability = QueryAvailability::new(
///         vec![Participants::all(["acc_5ba21743f408617d1269ea1e"])],
///         Minutes::new(60),
///         vec![QueryPeriod::new(
///             UtcTime::parse("2026-11-23T09:00:00Z")?,
///             UtcTime::parse("2026-11-23T17:00:00Z")?,
///         )],
///     );
///     let link = CreateRealTimeScheduling::new(
///         "https://example.com/cronofy/done",
///         RealTimeSchedulingEvent::new("booking-42", "Intro call").tzid("Europe/London"),
///         availability,
///         vec![TargetCalendar::new(
///             "acc_5ba21743f408617d1269ea1e",
///             "cal_n23kjnwrw2_jsdfjksn234",
///         )],
///     )
///     .completed_redirect_url("https://example.com/booked");
///     let created = cronofy::scheduling::create_real_time_scheduling(client, app, &link).await?;
///     println!("send the invitee to {:?}", created.real_time_scheduling.url);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "app", method = "POST", path = "/v1/real_time_scheduling")]
pub async fn create_real_time_scheduling(
    #[body] link: &CreateRealTimeScheduling,
) -> RealTimeSchedulingResponse;

/// Returns the status of a real-time scheduling link.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/real-time-scheduling/status/)
///
/// ```no_run
/// use cronofy::scheduling::RealTimeSchedulingStatus;
/// use cronofy::{AppCredentials, Client};
///
/// async fn is_booked(client: &Client, app: &AppCredentials) -> Result<bool, cronofy::Error> {
///     let link =
///         cronofy::scheduling::read_real_time_scheduling(client, app, "sch_4353945880944395")
///             .await?
///             .real_time_scheduling;
///     Ok(link.status == Some(RealTimeSchedulingStatus::Completed))
/// }
/// ```
#[cronofy_endpoint(auth = "app", method = "GET", path = "/v1/real_time_scheduling/{id}")]
pub async fn read_real_time_scheduling(id: &str) -> RealTimeSchedulingResponse;

/// Returns the status of a real-time scheduling link by the token at the end of its URL.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/real-time-scheduling/status/)
///
/// ```no_run
/// use cronofy::scheduling::{ReadRealTimeSchedulingByToken, read_real_time_scheduling_by_token};
/// use cronofy::{AppCredentials, Client};
///
/// async fn show_link(client: &Client, app: &AppCredentials) -> Result<(), cronofy::Error> {
///     let token = ReadRealTimeSchedulingByToken::new("sXP4ta3v");
///     let link = read_real_time_scheduling_by_token(client, app, &token)
///         .await?
///         .real_time_scheduling;
///     println!("{}: {:?}", link.real_time_scheduling_id, link.status);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "app", method = "GET", path = "/v1/real_time_scheduling")]
pub async fn read_real_time_scheduling_by_token(
    #[query] token: &ReadRealTimeSchedulingByToken,
) -> RealTimeSchedulingResponse;

/// Disables a real-time scheduling link that has not been completed; visitors then see
/// `display_message`. Returns the link in its new state.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/real-time-scheduling/disable/)
///
/// ```no_run
/// use cronofy::scheduling::{DisableRealTimeScheduling, disable_real_time_scheduling};
/// use cronofy::{AppCredentials, Client};
///
/// async fn withdraw_link(client: &Client, app: &AppCredentials) -> Result<(), cronofy::Error> {
///     let disable = DisableRealTimeScheduling::new("This interview has been filled.");
///     let link =
///         disable_real_time_scheduling(client, app, "sch_4353945880944395", &disable).await?;
///     println!("{:?}", link.real_time_scheduling.status);
///     Ok(())
/// }
/// ```
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
/// event to create, the availability query offering the times, and the calendars to write to;
/// the link's other options by setters, and anything newer with [`field`](Self::field).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct CreateRealTimeScheduling {
    #[serde(flatten)]
    link: LinkOptions,
    event: RealTimeSchedulingEvent,
    availability: QueryAvailability,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(CreateRealTimeScheduling {
    "oauth",
    "event",
    "availability",
    "target_calendars",
    "tzid",
    "formatting",
    "callback_urls",
    "redirect_urls",
    "minimum_notice",
    "event_creation",
    "selection_mode",
});

impl CreateRealTimeScheduling {
    /// A link that, once the invitee has chosen a time, redirects them to `redirect_uri`
    /// (Cronofy's `oauth.redirect_uri`), creates `event` at that time in `target_calendars`,
    /// and offers the times `availability` finds (by periods or by
    /// [slots](QueryAvailability::at_slots)).
    pub fn new(
        redirect_uri: impl Into<String>,
        event: RealTimeSchedulingEvent,
        availability: QueryAvailability,
        target_calendars: Vec<TargetCalendar>,
    ) -> Self {
        CreateRealTimeScheduling {
            link: LinkOptions::new(redirect_uri.into(), target_calendars),
            event,
            availability,
            extra: ExtraFields::default(),
        }
    }
}

link_option_setters!(CreateRealTimeScheduling);

/// The event a scheduling link creates: your id for it and a title; the time is what the
/// invitee picks. Its other details (description, reminders, conferencing, ...) by setters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct RealTimeSchedulingEvent {
    event_id: String,
    summary: Text<1024>,
    #[serde(flatten)]
    details: EventDetails,
}

impl RealTimeSchedulingEvent {
    /// The event with your id for it (as in [`UpsertEvent`](crate::events::UpsertEvent)) and a
    /// title.
    pub fn new(event_id: impl Into<String>, summary: impl Into<String>) -> Self {
        RealTimeSchedulingEvent {
            event_id: event_id.into(),
            summary: Text("summary", summary.into()),
            details: EventDetails::default(),
        }
    }
}

event_details_setters!(RealTimeSchedulingEvent);
event_upsert_setters!(RealTimeSchedulingEvent);

/// The query of [`read_real_time_scheduling_by_token()`]: the token that ends the link's URL.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct ReadRealTimeSchedulingByToken {
    token: String,
}

impl std::fmt::Debug for ReadRealTimeSchedulingByToken {
    /// Without the token, which opens the link to whoever holds it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadRealTimeSchedulingByToken")
            .field("token", &"[redacted]")
            .finish()
    }
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
#[must_use]
pub struct DisableRealTimeScheduling {
    display_message: Text<500>,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(DisableRealTimeScheduling { "display_message" });

impl DisableRealTimeScheduling {
    /// Disables the link, showing `display_message` to visitors: plain text, at most 500
    /// characters (longer is refused before sending).
    pub fn new(display_message: impl Into<String>) -> Self {
        DisableRealTimeScheduling {
            display_message: Text("display_message", display_message.into()),
            extra: ExtraFields::default(),
        }
    }

    /// The message shown to visitors.
    pub fn display_message(&self) -> &str {
        &self.display_message.1
    }
}

/// The body of every real-time scheduling endpoint: the link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RealTimeSchedulingResponse {
    /// The link.
    pub real_time_scheduling: RealTimeScheduling,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
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
    /// Where the link stands: open, completed or disabled (or a status this crate does not
    /// name yet, kept with its text).
    #[serde(default)]
    pub status: Option<RealTimeSchedulingStatus>,
    /// The event that will be created, as Cronofy echoes it; once completed it has a start
    /// and an end.
    #[serde(default)]
    pub event: Option<super::EchoedEvent>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
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
