//! Real-time sequencing links: like a real-time scheduling link, for a sequence of events (an
//! interview loop, say) that the invitee books in one go. Cronofy marks it beta.

use serde::{Deserialize, Serialize};

use super::link_options::{LinkOptions, TargetCalendar, link_option_setters};
use crate::availability::{QueryPeriod, SequenceStep};
use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};

/// Creates a real-time sequencing link: the invitee picks a time for the whole sequence, and
/// Cronofy creates each step's event.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/real-time-sequencing/)
///
/// ```no_run
/// use cronofy::availability::{Participants, QueryPeriod, SequenceStep};
/// use cronofy::scheduling::{CreateRealTimeSequencing, RealTimeSchedulingEvent, TargetCalendar};
/// use cronofy::time::{Minutes, UtcTime};
/// use cronofy::{AppCredentials, Client};
///
/// async fn interview_link(
///     client: &Client,
///     app: &AppCredentials,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let steps = vec![
///         SequenceStep::new(
///             "screening",
///             1,
///             vec![Participants::all(["acc_1"])],
///             Minutes::new(30),
///         )
///         .event(
///             RealTimeSchedulingEvent::new("loop-7-screening", "Screening call")
///                 .tzid("Europe/London"),
///         ),
///         SequenceStep::new(
///             "technical",
///             2,
///             vec![Participants::all(["acc_2"])],
///             Minutes::new(60),
///         )
///         .event(
///             RealTimeSchedulingEvent::new("loop-7-technical", "Technical interview")
///                 .tzid("Europe/London"),
///         ),
///     ];
///     let window = QueryPeriod::new(
///         UtcTime::parse("2026-11-23T09:00:00Z")?,
///         UtcTime::parse("2026-11-27T17:00:00Z")?,
///     );
///     let link = CreateRealTimeSequencing::new(
///         "https://example.com/cronofy/done",
///         steps,
///         vec![window],
///         vec![TargetCalendar::new("acc_1", "cal_1")],
///     )
///     .tzid("Europe/London");
///     let created = cronofy::scheduling::create_real_time_sequencing(client, app, &link).await?;
///     println!("send the invitee to {:?}", created.link_url());
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "app", method = "POST", path = "/v1/real_time_sequencing")]
pub async fn create_real_time_sequencing(
    #[body] link: &CreateRealTimeSequencing,
) -> RealTimeSequencingResponse;

/// The body of [`create_real_time_sequencing()`]: where to send the invitee afterwards, the
/// steps (each with its event, [`SequenceStep::event`]), the periods to search, and the
/// calendars to write to; the link's other options by setters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct CreateRealTimeSequencing {
    #[serde(flatten)]
    link: LinkOptions,
    availability: SequencingAvailability,
    #[serde(flatten)]
    extra: ExtraFields,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct SequencingAvailability {
    sequence: Vec<SequenceStep>,
    query_periods: Vec<QueryPeriod>,
}

extensible_body!(CreateRealTimeSequencing {
    "oauth",
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

impl CreateRealTimeSequencing {
    /// A link redirecting the invitee to `redirect_uri` once they have chosen, offering times
    /// for `sequence` within `query_periods`, writing the events to `target_calendars`.
    pub fn new(
        redirect_uri: impl Into<String>,
        sequence: Vec<SequenceStep>,
        query_periods: Vec<QueryPeriod>,
        target_calendars: Vec<TargetCalendar>,
    ) -> Self {
        CreateRealTimeSequencing {
            link: LinkOptions::new(redirect_uri.into(), target_calendars),
            availability: SequencingAvailability {
                sequence,
                query_periods,
            },
            extra: ExtraFields::default(),
        }
    }
}

link_option_setters!(CreateRealTimeSequencing);

/// The body of [`create_real_time_sequencing()`]. Cronofy's docs wrap the link in
/// `real_time_sequencing`; other sources read a top-level `url` or `oauth_url`: all three are
/// read, and [`link_url`](Self::link_url) gives whichever came.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RealTimeSequencingResponse {
    /// The link, as documented.
    #[serde(default)]
    pub real_time_sequencing: Option<RealTimeSequencing>,
    /// The link's URL, where given at the top level (`url`, or `oauth_url`).
    #[serde(default, alias = "oauth_url")]
    pub url: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl RealTimeSequencingResponse {
    /// The page to send the invitee to, wherever the response put it.
    pub fn link_url(&self) -> Option<&str> {
        self.real_time_sequencing
            .as_ref()
            .and_then(|link| link.url.as_deref())
            .or(self.url.as_deref())
    }
}

/// A real-time sequencing link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RealTimeSequencing {
    /// Its id, e.g. `seq_4353945880944395`.
    #[serde(default)]
    pub real_time_sequencing_id: Option<String>,
    /// The page invitees are sent to.
    #[serde(default)]
    pub url: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
