//! Smart invites: calendar invitations sent by email, without access to the recipient's calendar.
//!
//! Cronofy returns the invitation as an iCalendar attachment for you to email; the
//! recipient's answers (accept, decline, ...) are then reported to your `callback_url` and
//! can be read with [`read_smart_invite()`].

use serde::{Deserialize, Serialize};

use crate::cronofy_endpoint;
use crate::events::details::{EventDetails, Text, event_details_setters};
use crate::fields::{ExtraFields, extensible_body};
use crate::time::EventTime;

/// Creates a smart invite, updates it, or (with [`UpsertSmartInvite::cancel`]) cancels it.
/// Returns the invite with the iCalendar attachment to email to the recipient.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/smart-invites/create-smart-invite/)
///
/// ```no_run
/// use cronofy::scheduling::{SmartInviteEvent, UpsertSmartInvite};
/// use cronofy::time::UtcTime;
/// use cronofy::{AppCredentials, Client};
///
/// async fn invite_by_email(
///     client: &Client,
///     app: &AppCredentials,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let invite = UpsertSmartInvite::new(
///         "booking-42",
///         "https://example.com/cronofy/smart_invite/notifications",
///         "jane@example.com",
///         SmartInviteEvent::new(
///             "Board meeting",
///             UtcTime::parse("2026-11-23T09:30:00Z")?,
///             UtcTime::parse("2026-11-23T10:00:00Z")?,
///         )
///         .tzid("Europe/London"),
///     )
///     .organizer("Example Ltd");
///     let sent = cronofy::scheduling::upsert_smart_invite(client, app, &invite).await?;
///     let ics = sent.attachments.and_then(|a| a.icalendar);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "app",
    method = "POST",
    path = "/v1/smart_invites",
    idempotent = true
)]
pub async fn upsert_smart_invite(#[body] invite: &UpsertSmartInvite) -> SmartInvite;

/// Returns a smart invite's current state, with the recipient's replies.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/smart-invites/invite-status/)
///
/// ```no_run
/// use cronofy::scheduling::ReadSmartInvite;
/// use cronofy::{AppCredentials, Client};
///
/// async fn show_replies(client: &Client, app: &AppCredentials) -> Result<(), cronofy::Error> {
///     let query = ReadSmartInvite::all_recipients("board-2026-11");
///     let invite = cronofy::scheduling::read_smart_invite(client, app, &query).await?;
///     for recipient in &invite.recipients {
///         println!("{}: {:?}", recipient.email, recipient.status);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "app", method = "GET", path = "/v1/smart_invites")]
pub async fn read_smart_invite(#[query] query: &ReadSmartInvite) -> SmartInvite;

/// The body of [`upsert_smart_invite()`]: an invitation to one recipient or several, its
/// cancellation, or the removal of one recipient.
///
/// ```
/// use cronofy::scheduling::{
///     SmartInviteEvent, SmartInviteRecipientSpec, SmartInviteStatus, UpsertSmartInvite,
/// };
/// use cronofy::time::UtcTime;
///
/// fn main() -> Result<(), cronofy::time::TimeError> {
///     let event = SmartInviteEvent::new(
///         "Board meeting",
///         UtcTime::parse("2026-11-23T09:30:00Z")?,
///         UtcTime::parse("2026-11-23T10:00:00Z")?,
///     );
///     let invite = UpsertSmartInvite::for_recipients(
///         "board-2026-11",
///         [
///             SmartInviteRecipientSpec::new("jane@example.com"),
///             SmartInviteRecipientSpec::new("ada@example.com")
///                 .status(SmartInviteStatus::Accepted),
///         ],
///         event,
///     )
///     .callback_url("https://example.com/cronofy/smart_invite/notifications")
///     .organizer("Example Ltd");
///     // Cancelling needs no callback URL.
///     let cancel = UpsertSmartInvite::cancel("board-2026-11", "jane@example.com");
///     assert_ne!(invite, cancel);
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct UpsertSmartInvite {
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<SmartInviteMethod>,
    smart_invite_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    callback_url: Option<String>,
    #[serde(flatten)]
    recipients: Recipients,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<SmartInviteEvent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organizer: Option<InviteOrganizer>,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(UpsertSmartInvite {
    "method",
    "smart_invite_id",
    "callback_url",
    "recipient",
    "recipients",
    "event",
    "organizer",
});

/// The single-recipient form (`recipient`) or the multi-recipient one (`recipients`), never
/// both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
enum Recipients {
    #[serde(rename = "recipient")]
    One(SmartInviteRecipientSpec),
    #[serde(rename = "recipients")]
    Many(Vec<SmartInviteRecipientSpec>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct InviteOrganizer {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
}

impl UpsertSmartInvite {
    /// An invitation to `event` for `recipient_email`, with your id for it (together with the
    /// email it identifies the invite) and the URL Cronofy reports the recipient's answers to.
    pub fn new(
        smart_invite_id: impl Into<String>,
        callback_url: impl Into<String>,
        recipient_email: impl Into<String>,
        event: SmartInviteEvent,
    ) -> Self {
        UpsertSmartInvite::with(
            None,
            smart_invite_id,
            Recipients::One(SmartInviteRecipientSpec::new(recipient_email)),
            Some(event),
        )
        .callback_url(callback_url)
    }

    /// An invitation to `event` for several recipients (`recipients`; Cronofy marks this
    /// form alpha), each with an optional initial status. Set where answers are reported with
    /// [`callback_url`](Self::callback_url).
    pub fn for_recipients(
        smart_invite_id: impl Into<String>,
        recipients: impl IntoIterator<Item = SmartInviteRecipientSpec>,
        event: SmartInviteEvent,
    ) -> Self {
        UpsertSmartInvite::with(
            None,
            smart_invite_id,
            Recipients::Many(recipients.into_iter().collect()),
            Some(event),
        )
    }

    /// Cancels the invite `smart_invite_id` of `recipient_email`. The returned attachment
    /// must be emailed to the recipient for the event to leave their calendar.
    pub fn cancel(smart_invite_id: impl Into<String>, recipient_email: impl Into<String>) -> Self {
        UpsertSmartInvite::with(
            Some(SmartInviteMethod::Cancel),
            smart_invite_id,
            Recipients::One(SmartInviteRecipientSpec::new(recipient_email)),
            None,
        )
    }

    /// Cancels a multi-recipient invite for all of `recipient_emails`.
    pub fn cancel_for_recipients<I, S>(
        smart_invite_id: impl Into<String>,
        recipient_emails: I,
    ) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        UpsertSmartInvite::with(
            Some(SmartInviteMethod::Cancel),
            smart_invite_id,
            Recipients::Many(
                recipient_emails
                    .into_iter()
                    .map(SmartInviteRecipientSpec::new)
                    .collect(),
            ),
            None,
        )
    }

    /// Removes `recipient_email` from a multi-recipient invite (`method: remove`); the
    /// others keep theirs. The returned attachment is the removal to email to them.
    pub fn remove(smart_invite_id: impl Into<String>, recipient_email: impl Into<String>) -> Self {
        UpsertSmartInvite::with(
            Some(SmartInviteMethod::Remove),
            smart_invite_id,
            Recipients::Many(vec![SmartInviteRecipientSpec::new(recipient_email)]),
            None,
        )
    }

    fn with(
        method: Option<SmartInviteMethod>,
        smart_invite_id: impl Into<String>,
        recipients: Recipients,
        event: Option<SmartInviteEvent>,
    ) -> Self {
        UpsertSmartInvite {
            method,
            smart_invite_id: smart_invite_id.into(),
            callback_url: None,
            recipients,
            event,
            organizer: None,
            extra: ExtraFields::default(),
        }
    }

    /// Where Cronofy reports the recipients' answers (`callback_url`).
    pub fn callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = Some(url.into());
        self
    }

    /// What to do; Cronofy's default is [`SmartInviteMethod::Request`].
    pub fn method(mut self, method: SmartInviteMethod) -> Self {
        self.method = Some(method);
        self
    }

    /// The name the invitation comes from.
    pub fn organizer(mut self, name: impl Into<String>) -> Self {
        self.organizer = Some(InviteOrganizer {
            name: name.into(),
            email: None,
        });
        self
    }

    /// The name and email address the invitation comes from.
    pub fn organizer_with_email(
        mut self,
        name: impl Into<String>,
        email: impl Into<String>,
    ) -> Self {
        self.organizer = Some(InviteOrganizer {
            name: name.into(),
            email: Some(email.into()),
        });
        self
    }
}

/// A recipient of a smart invite being sent: an email address, and for a multi-recipient
/// invite an optional initial status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct SmartInviteRecipientSpec {
    email: Email,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<SmartInviteStatus>,
}

impl SmartInviteRecipientSpec {
    /// The recipient with this email address (an empty one is refused before sending).
    pub fn new(email: impl Into<String>) -> Self {
        SmartInviteRecipientSpec {
            email: Email(email.into()),
            status: None,
        }
    }

    /// Their initial status (`pending` unless given; Cronofy marks this alpha).
    pub fn status(mut self, status: SmartInviteStatus) -> Self {
        self.status = Some(status);
        self
    }
}

/// A recipient's email address: refused before sending unless it is one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Email(String);

impl Serialize for Email {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::checks::email("recipient.email", &self.0)?;
        serializer.serialize_str(self.0.trim())
    }
}

/// The event of a smart invite: a title, a start and an end; its other details by setters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct SmartInviteEvent {
    summary: Text<1024>,
    start: EventTime,
    end: EventTime,
    #[serde(flatten)]
    details: EventDetails,
}

impl SmartInviteEvent {
    /// An event with a title, a start and an end: [`UtcTime`](crate::time::UtcTime)s,
    /// [`Date`](crate::time::Date)s for an all-day event, or [`EventTime::zoned`] times.
    pub fn new(
        summary: impl Into<String>,
        start: impl Into<EventTime>,
        end: impl Into<EventTime>,
    ) -> Self {
        SmartInviteEvent {
            summary: Text("summary", summary.into()),
            start: start.into(),
            end: end.into(),
            details: EventDetails::default(),
        }
    }
}

event_details_setters!(SmartInviteEvent);

cronofy_core::open_enum! {
    /// What [`upsert_smart_invite()`] does with the invite.
    pub enum SmartInviteMethod {
        /// Create or update the invitation (`request`, the default).
        Request = "request",
        /// Cancel it (`cancel`).
        Cancel = "cancel",
        /// Remove the recipient from the invitation (`remove`).
        Remove = "remove",
    }
}

/// The query of [`read_smart_invite()`]: the invite's id, and the recipient's email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ReadSmartInvite {
    smart_invite_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    recipient_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    include_ics: Option<bool>,
}

impl ReadSmartInvite {
    /// The invite `smart_invite_id` sent to `recipient_email`.
    pub fn new(smart_invite_id: impl Into<String>, recipient_email: impl Into<String>) -> Self {
        ReadSmartInvite {
            smart_invite_id: smart_invite_id.into(),
            recipient_email: Some(recipient_email.into()),
            include_ics: None,
        }
    }

    /// The invite `smart_invite_id` with all its recipients (an invite with several).
    pub fn all_recipients(smart_invite_id: impl Into<String>) -> Self {
        ReadSmartInvite {
            smart_invite_id: smart_invite_id.into(),
            recipient_email: None,
            include_ics: None,
        }
    }

    /// Also return the iCalendar attachment ([`SmartInvite::attachments`]).
    pub fn include_ics(mut self, yes: bool) -> Self {
        self.include_ics = Some(yes);
        self
    }
}

/// A smart invite, as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartInvite {
    /// Your id for the invite.
    pub smart_invite_id: String,
    /// Cronofy's id for the invite, when sent.
    #[serde(default)]
    pub smart_invite_uid: Option<String>,
    /// Where Cronofy reports the recipient's answers.
    #[serde(default)]
    pub callback_url: Option<String>,
    /// The last method applied.
    #[serde(default)]
    pub method: Option<SmartInviteMethod>,
    /// The recipient and their answer (an invite with one recipient).
    #[serde(default)]
    pub recipient: Option<SmartInviteRecipient>,
    /// The recipients and their answers (an invite with several).
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub recipients: Vec<SmartInviteRecipient>,
    /// Answers received, with comments and proposed times.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub replies: Vec<SmartInviteRecipient>,
    /// The answer that triggered a callback, in a smart invite notification.
    #[serde(default)]
    pub reply: Option<SmartInviteRecipient>,
    /// The event as Cronofy holds it.
    #[serde(default)]
    pub event: Option<super::EchoedEvent>,
    /// What to email to the recipient.
    #[serde(default)]
    pub attachments: Option<SmartInviteAttachments>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A recipient of a smart invite and their answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartInviteRecipient {
    /// The email address.
    pub email: String,
    /// Their answer.
    #[serde(default)]
    pub status: Option<SmartInviteStatus>,
    /// A comment sent with the answer.
    #[serde(default)]
    pub comment: Option<String>,
    /// Another time the recipient proposed.
    #[serde(default)]
    pub proposal: Option<SmartInviteProposal>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

cronofy_core::open_enum! {
    /// A recipient's answer to a smart invite.
    pub enum SmartInviteStatus {
        /// No answer yet (`pending`).
        Pending = "pending",
        /// `accepted`.
        Accepted = "accepted",
        /// `tentative`.
        Tentative = "tentative",
        /// `declined`.
        Declined = "declined",
    }
}

/// A time a recipient proposed instead.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SmartInviteProposal {
    /// Start.
    pub start: EventTime,
    /// End.
    pub end: EventTime,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// What to send to the recipient.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SmartInviteAttachments {
    /// The invitation as iCalendar text, to attach to your email.
    #[serde(default)]
    pub icalendar: Option<String>,
    /// Who was removed, after [`UpsertSmartInvite::remove`].
    #[serde(default)]
    pub removed: Option<RemovedRecipient>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The recipient a `remove` took off a smart invite.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RemovedRecipient {
    /// Their email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
