//! The optional details of an event being written, shared by every body that carries one: an
//! upsert ([`UpsertEvent`](super::UpsertEvent)), a real-time scheduling link's event and a
//! smart invite's event. One struct, and two sets of setters: the details all three take
//! ([`event_details_setters`]), and those Cronofy documents for upserts and the events links
//! create only ([`event_upsert_setters`]), which a smart invite does not take.

use serde::{Serialize, Serializer};

use super::event::{ExtendedTransparency, Location, Transparency};
use crate::invalid_request;

/// The optional fields of an event being written; each is left out of the body until set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub(crate) struct EventDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<Text<4096>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tzid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) location: Option<Location>,
    /// `Some(None)` clears the link (`"url": null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reminders: Option<Vec<Reminder>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reminders_create_only: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) transparency: Option<Transparency>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) extended_transparency: Option<ExtendedTransparency>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) event_private: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) conferencing: Option<Conferencing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) subscriptions: Option<Vec<ConferencingSubscription>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) locale: Option<String>,
}

/// Text Cronofy limits to `MAX` characters, with the name of its field: longer text is refused
/// before sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text<const MAX: usize>(pub(crate) &'static str, pub(crate) String);

impl<const MAX: usize> Serialize for Text<MAX> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::checks::max_chars(self.0, &self.1, MAX)?;
        serializer.serialize_str(&self.1)
    }
}

/// Gives a body type holding `details: EventDetails` the setters of an event's optional
/// details, documented once here.
macro_rules! event_details_setters {
    ($type:ident) => {
        impl $type {
            /// The description: plain text, at most 4096 characters (longer is refused
            /// before sending).
            pub fn description(mut self, description: impl Into<String>) -> Self {
                self.details.description = Some($crate::events::details::Text(
                    "description",
                    description.into(),
                ));
                self
            }

            /// The time zone (IANA id) the event is shown in, and of any start or end given
            /// without its own.
            pub fn tzid(mut self, tzid: impl Into<String>) -> Self {
                self.details.tzid = Some(tzid.into());
                self
            }

            /// Where it takes place, in words.
            pub fn location(mut self, description: impl Into<String>) -> Self {
                self.details.location = Some($crate::events::Location::described(description));
                self
            }

            /// Where it takes place, with coordinates or other details:
            /// `Location::described("Head office").at(51.5072, -0.1276)`.
            pub fn location_details(mut self, location: $crate::events::Location) -> Self {
                self.details.location = Some(location);
                self
            }

            /// A link shown with the event.
            pub fn url(mut self, url: impl Into<String>) -> Self {
                self.details.url = Some(Some(url.into()));
                self
            }

            /// Reminders before the start, in the order of preference (a provider that allows
            /// only one uses the first). An empty list removes them.
            pub fn reminders(
                mut self,
                reminders: impl IntoIterator<Item = $crate::events::Reminder>,
            ) -> Self {
                self.details.reminders = Some(reminders.into_iter().collect());
                self
            }

            /// Whether it shows as busy (`opaque`, the default) or free (`transparent`).
            pub fn transparency(mut self, transparency: $crate::events::Transparency) -> Self {
                self.details.transparency = Some(transparency);
                self
            }

            /// Its colour, as hex (`#49BED8`), where the provider supports one.
            pub fn color(mut self, color: impl Into<String>) -> Self {
                self.details.color = Some(color.into());
                self
            }
        }
    };
}
pub(crate) use event_details_setters;

/// Gives a body type holding `details: EventDetails` the setters Cronofy documents for events
/// it writes into a calendar itself (upserts and the events links create), beyond
/// [`event_details_setters`].
macro_rules! event_upsert_setters {
    ($type:ident) => {
        impl $type {
            /// Removes the event's link (`"url": null`).
            pub fn clear_url(mut self) -> Self {
                self.details.url = Some(None);
                self
            }

            /// Whether the reminders are only set when the event is created, leaving those the
            /// user changed since alone on updates (`reminders_create_only`).
            pub fn reminders_create_only(mut self, yes: bool) -> Self {
                self.details.reminders_create_only = Some(yes);
                self
            }

            /// How it shows, where the provider has more than busy and free
            /// (`working_elsewhere`, `out_of_office`, ...).
            pub fn extended_transparency(
                mut self,
                transparency: $crate::events::ExtendedTransparency,
            ) -> Self {
                self.details.extended_transparency = Some(transparency);
                self
            }

            /// Whether it is private: others who can see the calendar see it as busy only.
            pub fn event_private(mut self, yes: bool) -> Self {
                self.details.event_private = Some(yes);
                self
            }

            /// Conferencing to add: the provider's own, an explicit link, or one of the
            /// user's conferencing profiles. Left out, conferencing is left as it is.
            pub fn conferencing(mut self, conferencing: $crate::events::Conferencing) -> Self {
                self.details.conferencing = Some(conferencing);
                self
            }

            /// Webhooks told when conferencing is assigned to the event, or fails.
            pub fn subscriptions(
                mut self,
                subscriptions: impl IntoIterator<Item = $crate::events::ConferencingSubscription>,
            ) -> Self {
                self.details.subscriptions = Some(subscriptions.into_iter().collect());
                self
            }

            /// The language (two letters, e.g. `en`) of the texts Cronofy writes into the
            /// event.
            pub fn locale(mut self, locale: impl Into<String>) -> Self {
                self.details.locale = Some(locale.into());
                self
            }
        }
    };
}
pub(crate) use event_upsert_setters;

/// A reminder before an event starts.
///
/// ```
/// use cronofy::events::Reminder;
///
/// fn main() -> Result<(), serde_json::Error> {
///     assert_eq!(
///         serde_json::to_string(&Reminder::minutes_before(15))?,
///         r#"{"minutes":15}"#
///     );
///     // Cronofy takes 0 to 40320 minutes (four weeks): anything else is refused before sending.
///     assert!(serde_json::to_string(&Reminder::minutes_before(-5)).is_err());
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[must_use]
pub struct Reminder {
    minutes: i64,
}

impl Reminder {
    /// The most minutes before the start Cronofy takes: four weeks.
    pub const MAX_MINUTES: i64 = 40_320;

    /// A reminder `minutes` before the start, from 0 to [`MAX_MINUTES`](Self::MAX_MINUTES).
    pub fn minutes_before(minutes: i64) -> Self {
        Reminder { minutes }
    }

    /// The minutes before the start.
    pub fn minutes(self) -> i64 {
        self.minutes
    }
}

impl Serialize for Reminder {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !(0..=Self::MAX_MINUTES).contains(&self.minutes) {
            return Err(invalid_request(format_args!(
                "a reminder of {} minutes: Cronofy takes 0 to {} minutes before the start",
                self.minutes,
                Self::MAX_MINUTES
            )));
        }
        #[derive(Serialize)]
        struct Wire {
            minutes: i64,
        }
        Wire {
            minutes: self.minutes,
        }
        .serialize(serializer)
    }
}

/// Conferencing to add to an event.
///
/// ```
/// use cronofy::events::Conferencing;
///
/// fn main() -> Result<(), serde_json::Error> {
///     let zoom = Conferencing::explicit("Zoom", "https://zoom.us/j/123");
///     assert_eq!(
///         serde_json::to_value(&zoom)?,
///         serde_json::json!({
///             "profile_id": "explicit",
///             "provider_description": "Zoom",
///             "join_url": "https://zoom.us/j/123"
///         })
///     );
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct Conferencing {
    profile_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    join_url: Option<String>,
}

impl Conferencing {
    /// The calendar provider's own conferencing (Google Meet, Teams, ...), or the user's
    /// default conferencing profile (`profile_id: "default"`).
    pub fn provider_default() -> Self {
        Conferencing::profile("default")
    }

    /// A link of your own, with the provider's name shown beside it (`profile_id:
    /// "explicit"`).
    pub fn explicit(provider_description: impl Into<String>, join_url: impl Into<String>) -> Self {
        Conferencing {
            profile_id: "explicit".to_owned(),
            provider_description: Some(provider_description.into()),
            join_url: Some(join_url.into()),
        }
    }

    /// One of the user's conferencing profiles, by the `profile_id` userinfo lists under
    /// `conferencing_profiles`.
    pub fn profile(profile_id: impl Into<String>) -> Self {
        Conferencing {
            profile_id: profile_id.into(),
            provider_description: None,
            join_url: None,
        }
    }
}

/// A webhook Cronofy calls about an event's conferencing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ConferencingSubscription {
    #[serde(rename = "type")]
    kind: &'static str,
    uri: String,
    interactions: Vec<Interaction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Interaction {
    #[serde(rename = "type")]
    kind: ConferencingInteraction,
}

impl ConferencingSubscription {
    /// Cronofy posts to `uri` (public, `http` or `https`) on each of `interactions`.
    pub fn webhook(
        uri: impl Into<String>,
        interactions: impl IntoIterator<Item = ConferencingInteraction>,
    ) -> Self {
        ConferencingSubscription {
            kind: "webhook",
            uri: uri.into(),
            interactions: interactions
                .into_iter()
                .map(|kind| Interaction { kind })
                .collect(),
        }
    }
}

cronofy_core::open_enum! {
    /// What a conferencing webhook is called for.
    pub enum ConferencingInteraction {
        /// `conferencing_assigned`: the join details are ready (older docs:
        /// `conferencing_success`).
        Assigned = "conferencing_assigned",
        /// `conferencing_failing`: the conferencing could not be set up.
        Failing = "conferencing_failing",
    }
}

/// Someone to invite to an event, or to remove from it.
///
/// ```
/// use cronofy::events::Invitee;
///
/// fn main() -> Result<(), serde_json::Error> {
///     let ada = Invitee::new("ada@example.com").display_name("Ada Lovelace");
///     assert_eq!(
///         serde_json::to_string(&ada)?,
///         r#"{"email":"ada@example.com","display_name":"Ada Lovelace"}"#
///     );
///     // An attendee needs an email address: an empty one is refused before sending.
///     assert!(serde_json::to_string(&Invitee::new(" ")).is_err());
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Invitee {
    email: String,
    display_name: Option<String>,
}

impl Invitee {
    /// The person with this email address.
    pub fn new(email: impl Into<String>) -> Self {
        Invitee {
            email: email.into(),
            display_name: None,
        }
    }

    /// Their name, shown in the invitation.
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }
}

impl Serialize for Invitee {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::checks::email("attendees.email", &self.email)?;
        let email = self.email.trim();
        #[derive(Serialize)]
        struct Wire<'a> {
            email: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            display_name: Option<&'a str>,
        }
        Wire {
            email,
            display_name: self.display_name.as_deref(),
        }
        .serialize(serializer)
    }
}

/// Changes to an event's attendees: people to invite and people to remove.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub(crate) struct AttendeeChanges {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) invite: Vec<Invitee>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) remove: Vec<Invitee>,
}

/// How an event repeats (Cronofy's alpha recurring events).
///
/// ```
/// use cronofy::availability::Weekday;
/// use cronofy::events::{Frequency, Recurrence, RecurrenceRule};
///
/// fn main() -> Result<(), serde_json::Error> {
///     let weekly = Recurrence::new(
///         RecurrenceRule::new(Frequency::Weekly)
///             .by_day([Weekday::Monday, Weekday::Thursday])
///             .count(10),
///     );
///     assert_eq!(
///         serde_json::to_value(&weekly)?,
///         serde_json::json!({"rules": [{"frequency": "weekly", "by_day": ["monday", "thursday"], "count": 10}]})
///     );
///     assert_eq!(
///         serde_json::to_string(&Recurrence::none())?,
///         r#"{"rules":[]}"#
///     );
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct Recurrence {
    rules: Vec<RecurrenceRule>,
}

impl Recurrence {
    /// Repeats by `rule`.
    pub fn new(rule: RecurrenceRule) -> Self {
        Recurrence { rules: vec![rule] }
    }

    /// No repetition: removes the rules an event had.
    pub fn none() -> Self {
        Recurrence { rules: Vec::new() }
    }
}

/// One rule of a [`Recurrence`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct RecurrenceRule {
    frequency: Frequency,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    by_day: Vec<crate::availability::Weekday>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<Positive>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<Positive>,
}

impl RecurrenceRule {
    /// Repeats every day, week, month or year.
    pub fn new(frequency: Frequency) -> Self {
        RecurrenceRule {
            frequency,
            by_day: Vec::new(),
            interval: None,
            count: None,
        }
    }

    /// On these days of the week (weekly rules).
    pub fn by_day(mut self, days: impl IntoIterator<Item = crate::availability::Weekday>) -> Self {
        self.by_day = days.into_iter().collect();
        self
    }

    /// Every `interval` periods (2 with [`Frequency::Weekly`]: every other week); at least 1.
    pub fn interval(mut self, interval: u32) -> Self {
        self.interval = Some(Positive("interval", interval));
        self
    }

    /// This many occurrences in all; at least 1.
    pub fn count(mut self, count: u32) -> Self {
        self.count = Some(Positive("count", count));
        self
    }
}

/// A count that must be at least 1, named for the message when it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Positive(&'static str, u32);

impl Serialize for Positive {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.1 == 0 {
            return Err(invalid_request(format_args!(
                "a recurrence rule's `{}` is 0; it must be at least 1",
                self.0
            )));
        }
        serializer.serialize_u32(self.1)
    }
}

cronofy_core::open_enum! {
    /// How often a recurring event repeats.
    pub enum Frequency {
        /// `daily`
        Daily = "daily",
        /// `weekly`
        Weekly = "weekly",
        /// `monthly`
        Monthly = "monthly",
        /// `yearly`
        Yearly = "yearly",
    }
}

/// A file attached to an event: the id Cronofy gave it when it was uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct AttachmentRef {
    pub(crate) attachment_id: String,
}
