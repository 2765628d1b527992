//! Scheduling conversations (alpha): two participants settling on a time, each through the
//! slots Cronofy offers them.
//!
//! A conversation is created with [`create_scheduling_conversation()`], read by its id with
//! [`read_scheduling_conversation()`], or, from the token Cronofy adds to a participant's
//! redirect, with [`read_scheduling_conversation_by_token()`]. Listing a participant's slots
//! and selecting them are not declared here: Cronofy gives their URLs in the conversation
//! (a participant's `slots_list.url`, ...) rather than fixed paths; call them with the
//! user's token as they come.

use serde::{Deserialize, Serialize, Serializer};

use crate::availability::QueryPeriod;
use crate::checks;
use crate::cronofy_endpoint;
use crate::events::Location;
use crate::fields::{ExtraFields, extensible_body};
use crate::time::Minutes;

/// The most participants a conversation has (for now, Cronofy says).
pub const MAX_CONVERSATION_PARTICIPANTS: usize = 2;

/// Starts a scheduling conversation between up to two participants; the first organizes
/// the event.
///
/// Needs a user credential. Refused before sending when there is no participant or more
/// than [`MAX_CONVERSATION_PARTICIPANTS`], or an identifying value is empty.
/// [Cronofy docs](https://docs.cronofy.com/developers/api-alpha/scheduling-conversations/create/)
///
/// ```no_run
/// use cronofy::availability::QueryPeriod;
/// use cronofy::scheduling::{ConversationParticipant, CreateSchedulingConversation};
/// use cronofy::time::{Minutes, UtcTime};
/// use cronofy::{Client, UserToken};
///
/// async fn start_conversation(
///     client: &Client,
///     user: &UserToken,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let conversation = CreateSchedulingConversation::new([
///         ConversationParticipant::with_id("@grace")
///             .sub("acc_5ba21743f408617d1269ea1e")
///             .managed_availability(true)
///             .auto_select_slots(),
///         ConversationParticipant::with_id("@karl").common_name("Karl Cramer"),
///     ])
///     .subject("Project Titan review")
///     .required_duration(Minutes::new(60))
///     .available_period(QueryPeriod::new(
///         UtcTime::parse("2026-11-23T09:00:00Z")?,
///         UtcTime::parse("2026-11-23T18:00:00Z")?,
///     ));
///     let created =
///         cronofy::scheduling::create_scheduling_conversation(client, user, &conversation)
///             .await?;
///     println!(
///         "{}",
///         created.scheduling_conversation.scheduling_conversation_id
///     );
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/scheduling_conversations")]
pub async fn create_scheduling_conversation(
    #[body] conversation: &CreateSchedulingConversation,
) -> SchedulingConversationResponse;

/// Reads a scheduling conversation by its id.
///
/// Needs a user credential.
/// [Cronofy docs](https://docs.cronofy.com/developers/api-alpha/scheduling-conversations/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn show_conversation(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let id = "sch_conv_5ba21743f408617d1269ea1e";
///     let conversation =
///         cronofy::scheduling::read_scheduling_conversation(client, user, id).await?;
///     for participant in &conversation.scheduling_conversation.participants {
///         println!(
///             "{:?}: {:?}",
///             participant.participant_id, participant.slots_list
///         );
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "GET",
    path = "/v1/scheduling_conversations/{scheduling_conversation_id}"
)]
pub async fn read_scheduling_conversation(
    scheduling_conversation_id: &str,
) -> SchedulingConversationResponse;

/// Reads a scheduling conversation, and which participant is looking at it, by the token
/// Cronofy adds to a participant's redirect.
///
/// Needs a user credential.
/// [Cronofy docs](https://docs.cronofy.com/developers/api-alpha/scheduling-conversations/)
///
/// ```no_run
/// use cronofy::scheduling::{
///     ReadSchedulingConversationByToken, read_scheduling_conversation_by_token,
/// };
/// use cronofy::{Client, UserToken};
///
/// /// On the participant's redirect: `token` is the query parameter Cronofy added.
/// async fn on_redirect(
///     client: &Client,
///     user: &UserToken,
///     token: &str,
/// ) -> Result<(), cronofy::Error> {
///     let query = ReadSchedulingConversationByToken::new(token);
///     let found = read_scheduling_conversation_by_token(client, user, &query).await?;
///     if let Some(participant) = found.participant {
///         println!("{:?} is choosing a time", participant.common_name);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/scheduling_conversations")]
pub async fn read_scheduling_conversation_by_token(
    #[query] token: &ReadSchedulingConversationByToken,
) -> SchedulingConversationByToken;

/// The body of [`create_scheduling_conversation()`]: the participants, and optionally the
/// subject, time zone, location, duration and periods to look in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct CreateSchedulingConversation {
    #[serde(serialize_with = "participants")]
    participants: Vec<ConversationParticipant>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tzid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<ConversationEvent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    required_duration: Option<Minutes>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    available_periods: Vec<QueryPeriod>,
    #[serde(flatten)]
    extra: ExtraFields,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct ConversationEvent {
    location: Location,
}

fn participants<S: Serializer>(
    participants: &[ConversationParticipant],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if !(1..=MAX_CONVERSATION_PARTICIPANTS).contains(&participants.len()) {
        return Err(cronofy_core::invalid_request(format_args!(
            "`participants` must have 1 to {MAX_CONVERSATION_PARTICIPANTS} participants, not {}",
            participants.len()
        )));
    }
    participants.serialize(serializer)
}

impl CreateSchedulingConversation {
    /// A conversation between `participants` (1 to [`MAX_CONVERSATION_PARTICIPANTS`]; the
    /// first organizes the event).
    pub fn new(participants: impl IntoIterator<Item = ConversationParticipant>) -> Self {
        CreateSchedulingConversation {
            participants: participants.into_iter().collect(),
            tzid: None,
            subject: None,
            event: None,
            required_duration: None,
            available_periods: Vec::new(),
            extra: ExtraFields::default(),
        }
    }

    /// The time zone (IANA id) the conversation is held in.
    pub fn tzid(mut self, tzid: impl Into<String>) -> Self {
        self.tzid = Some(tzid.into());
        self
    }

    /// What the meeting is about.
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Where the meeting takes place (`event.location.description`).
    pub fn location(mut self, description: impl Into<String>) -> Self {
        self.event = Some(ConversationEvent {
            location: Location::described(description),
        });
        self
    }

    /// How long the meeting is.
    pub fn required_duration(mut self, duration: Minutes) -> Self {
        self.required_duration = Some(duration);
        self
    }

    /// A period to find times in. May be given several times.
    pub fn available_period(mut self, period: QueryPeriod) -> Self {
        self.available_periods.push(period);
        self
    }
}

extensible_body!(CreateSchedulingConversation {
    "participants",
    "tzid",
    "subject",
    "event",
    "required_duration",
    "available_periods"
});

/// A participant of a conversation, identified by your `participant_id`, a `sub` or an
/// email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ConversationParticipant {
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "participant_id"
    )]
    participant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "sub")]
    sub: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "email")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    common_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    managed_availability: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slots: Option<SlotSettings>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct SlotSettings {
    selection_method: SlotSelectionMethod,
}

fn participant_id<S: Serializer>(id: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
    let id = id.as_deref().unwrap_or_default();
    checks::not_blank("participants.participant_id", id)?;
    serializer.serialize_str(id)
}

fn sub<S: Serializer>(sub: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
    let sub = sub.as_deref().unwrap_or_default();
    checks::not_blank("participants.sub", sub)?;
    serializer.serialize_str(sub)
}

fn email<S: Serializer>(email: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
    let email = email.as_deref().unwrap_or_default();
    checks::email("participants.email", email)?;
    serializer.serialize_str(email)
}

impl ConversationParticipant {
    /// A participant known by your own id for them (e.g. `@grace`).
    pub fn with_id(participant_id: impl Into<String>) -> Self {
        ConversationParticipant {
            participant_id: Some(participant_id.into()),
            ..ConversationParticipant::empty()
        }
    }

    /// A participant known by their Cronofy `sub`.
    pub fn with_sub(sub: impl Into<String>) -> Self {
        ConversationParticipant::empty().sub(sub)
    }

    /// A participant known by their email address.
    pub fn with_email(email: impl Into<String>) -> Self {
        ConversationParticipant::empty().email(email)
    }

    fn empty() -> Self {
        ConversationParticipant {
            participant_id: None,
            sub: None,
            email: None,
            common_name: None,
            managed_availability: None,
            slots: None,
        }
    }

    /// Their Cronofy account (`sub`), whose calendars count.
    #[allow(clippy::should_implement_trait)] // named after Cronofy's field, not subtraction
    pub fn sub(mut self, sub: impl Into<String>) -> Self {
        self.sub = Some(sub.into());
        self
    }

    /// Their email address.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// Their name, as shown to the other participant.
    pub fn common_name(mut self, name: impl Into<String>) -> Self {
        self.common_name = Some(name.into());
        self
    }

    /// Whether their availability rules and periods apply.
    pub fn managed_availability(mut self, yes: bool) -> Self {
        self.managed_availability = Some(yes);
        self
    }

    /// How this participant's slots are selected (`slots.selection_method`).
    pub fn slot_selection_method(mut self, method: SlotSelectionMethod) -> Self {
        self.slots = Some(SlotSettings {
            selection_method: method,
        });
        self
    }

    /// Cronofy selects this participant's slots itself (`slots.selection_method: "auto"`).
    pub fn auto_select_slots(self) -> Self {
        self.slot_selection_method(SlotSelectionMethod::Auto)
    }
}

cronofy_core::open_enum! {
    /// How a participant's slots are selected. Cronofy's docs call the field
    /// `selection_method`; its Ruby SDK's test `choice_method`: this crate sends the former
    /// and reads both.
    pub enum SlotSelectionMethod {
        /// Cronofy selects them (`auto`).
        Auto = "auto",
    }
}

/// The query of [`read_scheduling_conversation_by_token()`].
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct ReadSchedulingConversationByToken {
    token: String,
}

impl std::fmt::Debug for ReadSchedulingConversationByToken {
    /// Without the token, which lets whoever holds it act for the participant.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadSchedulingConversationByToken")
            .field("token", &"[redacted]")
            .finish()
    }
}

impl ReadSchedulingConversationByToken {
    /// The token from a participant's redirect.
    pub fn new(token: impl Into<String>) -> Self {
        ReadSchedulingConversationByToken {
            token: token.into(),
        }
    }
}

/// The body of [`create_scheduling_conversation()`] and [`read_scheduling_conversation()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingConversationResponse {
    /// The conversation.
    pub scheduling_conversation: SchedulingConversation,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of [`read_scheduling_conversation_by_token()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingConversationByToken {
    /// The participant the token belongs to.
    #[serde(default)]
    pub participant: Option<ConversationParticipantDetails>,
    /// The conversation.
    pub scheduling_conversation: SchedulingConversation,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A scheduling conversation, as Cronofy returns it. Cronofy documents little of it yet:
/// what it does not name is in [`extra`](Self::extra).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingConversation {
    /// Cronofy's id for it.
    pub scheduling_conversation_id: String,
    /// Its participants, with their links.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub participants: Vec<ConversationParticipantDetails>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A participant of a conversation, as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConversationParticipantDetails {
    /// Your id for them, or Cronofy's.
    #[serde(default)]
    pub participant_id: Option<String>,
    /// Their Cronofy account.
    #[serde(default)]
    pub sub: Option<String>,
    /// Their email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Their name.
    #[serde(default)]
    pub common_name: Option<String>,
    /// How their slots are selected.
    #[serde(default)]
    pub slots: Option<ParticipantSlots>,
    /// Where their slots are listed: `GET` it with the user's token.
    #[serde(default)]
    pub slots_list: Option<ActionLink>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// How a participant's slots are selected.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ParticipantSlots {
    /// The method; also read from `choice_method`.
    #[serde(default, alias = "choice_method")]
    pub selection_method: Option<SlotSelectionMethod>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A URL Cronofy gives for an action.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ActionLink {
    /// The URL.
    pub url: String,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
