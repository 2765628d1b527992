//! Scheduler requests (deprecated alpha): an organization (or internal application) asking
//! Cronofy's Scheduler to arrange a meeting. Their successor, Scheduling Requests, is in
//! [`create_scheduling_request()`](crate::scheduling::create_scheduling_request); both bodies
//! are built from the same parts ([`SchedulerRecipient`], [`HostGroup`],
//! [`CollaboratorGroup`]) with the same setters.
//!
//! Cronofy's Scheduler emails the recipients a link to pick a time with the host. The host is
//! either named in the request ([`CreateSchedulerRequest::host`], or a group of possible
//! hosts with [`CreateSchedulerRequest::host_group`]) or is the member the call impersonates.

use serde::{Deserialize, Serialize, Serializer};

use crate::checks;
use crate::cronofy_endpoint;
use crate::events::Location;
use crate::fields::{ExtraFields, extensible_body};
use crate::time::Minutes;

/// Creates a Scheduler request: recipients get a link to pick a time with the host.
///
/// Takes either of:
/// - an organization credential ([`OrgToken`](crate::OrgToken), Organization Connect with the
///   scope `organizational_unit_scheduler`), naming the host with
///   [`CreateSchedulerRequest::host`];
/// - a member of the Organizational Unit impersonated by an organization or by an Internal
///   Application linked to it: `org.impersonate(sub)` or `app.impersonate(sub)` (an
///   [`Impersonation`](crate::Impersonation), which is a user credential in this crate and
///   sends `Cronofy-Impersonate: {sub}`); that member is the host.
///
/// Being a user endpoint, it also compiles with a plain [`UserToken`](crate::UserToken), which
/// Cronofy does not document for this call. Cronofy marks the endpoint alpha and deprecated in
/// favour of Scheduling Requests ([`create_scheduling_request()`](crate::scheduling::create_scheduling_request)).
/// Refused before sending when a recipient's email is not an email address.
/// [Cronofy docs](https://docs.cronofy.com/developers/api-alpha/scheduler-requests/create/)
///
/// ```no_run
/// use cronofy::scheduling::{CreateSchedulerRequest, SchedulerRecipient};
/// use cronofy::{Client, OrgToken};
///
/// async fn request_lesson(client: &Client, org: &OrgToken) -> Result<(), cronofy::Error> {
///     let request = CreateSchedulerRequest::new(
///         "Driving lessons",
///         [SchedulerRecipient::new("doc@example.com").display_name("Dr Emmet Brown")],
///     )
///     .tag("Urgent");
///     // The organization, on behalf of a member who hosts the meeting:
///     let host = org.impersonate("acc_61815034636bd5c5ce4edd");
///     let created =
///         cronofy::scheduling::create_scheduler_request(client, &host, &request).await?;
///     println!("{}", created.scheduler_request.scheduler_request_id);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "org" | "user", method = "POST", path = "/v1/scheduler_requests")]
pub async fn create_scheduler_request(
    #[body] request: &CreateSchedulerRequest,
) -> SchedulerRequestResponse;

/// What a Scheduler request and a Scheduling Request both carry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct RequestParts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) host: Option<Host>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) host_group: Option<HostGroup>,
    pub(super) recipients: Vec<SchedulerRecipient>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) collaborator_groups: Vec<CollaboratorGroup>,
    pub(super) event: SchedulerEvent,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) tags: Vec<Tag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) availability_mode: Option<String>,
}

impl RequestParts {
    pub(super) fn new(
        summary: String,
        recipients: impl IntoIterator<Item = SchedulerRecipient>,
    ) -> Self {
        RequestParts {
            host: None,
            host_group: None,
            recipients: recipients.into_iter().collect(),
            collaborator_groups: Vec::new(),
            event: SchedulerEvent {
                summary,
                description: None,
                location: None,
                duration: None,
                locale: None,
            },
            tags: Vec::new(),
            availability_mode: None,
        }
    }
}

/// The setters of a body made of [`RequestParts`] (in its field `parts`), written once for
/// both request types.
macro_rules! request_parts_setters {
    ($type:ident) => {
        impl $type {
            /// The member (`sub`) hosting the meeting, with their scheduling preferences. Not
            /// needed when impersonating the host, or with a [`host_group`](Self::host_group).
            /// Replaces a [`host_group`](Self::host_group) set before: Cronofy takes one or the
            /// other.
            pub fn host(mut self, sub: impl Into<String>) -> Self {
                self.parts.host =
                    Some(crate::scheduling::scheduler_requests::Host { sub: sub.into() });
                self.parts.host_group = None;
                self
            }

            /// Possible hosts, one of whom is picked when the time is chosen. Replaces a
            /// [`host`](Self::host) set before: Cronofy takes one or the other.
            pub fn host_group(mut self, group: crate::scheduling::HostGroup) -> Self {
                self.parts.host_group = Some(group);
                self.parts.host = None;
                self
            }

            /// A group of members of whom `required` must attend too. May be given several
            /// times.
            pub fn collaborator_group(
                mut self,
                group: crate::scheduling::CollaboratorGroup,
            ) -> Self {
                self.parts.collaborator_groups.push(group);
                self
            }

            /// The event's description.
            pub fn description(mut self, description: impl Into<String>) -> Self {
                self.parts.event.description = Some(description.into());
                self
            }

            /// Where the meeting takes place.
            pub fn location(mut self, description: impl Into<String>) -> Self {
                self.parts.event.location = Some(crate::events::Location::described(description));
                self
            }

            /// How long the meeting is.
            pub fn duration(mut self, duration: crate::time::Minutes) -> Self {
                self.parts.event.duration = Some(duration);
                self
            }

            /// The language of the pages and emails recipients see (`event.locale`, e.g. `en`).
            pub fn locale(mut self, locale: impl Into<String>) -> Self {
                self.parts.event.locale = Some(locale.into());
                self
            }

            /// A tag shown with the request (`tags: [{"value": ...}]`). May be given several
            /// times.
            pub fn tag(mut self, value: impl Into<String>) -> Self {
                self.parts
                    .tags
                    .push(crate::scheduling::scheduler_requests::Tag {
                        value: value.into(),
                    });
                self
            }

            /// How the host's availability is found, instead of their personal scheduling
            /// preferences (Cronofy's `availability_mode`; its values are not listed in the
            /// documentation this crate was built from, so it is passed as given).
            pub fn availability_mode(mut self, mode: impl Into<String>) -> Self {
                self.parts.availability_mode = Some(mode.into());
                self
            }
        }
    };
}
pub(super) use request_parts_setters;

/// The body of [`create_scheduler_request()`]: the meeting's title and who is invited.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct CreateSchedulerRequest {
    #[serde(flatten)]
    parts: RequestParts,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheduler_group_rule: Option<SchedulerGroupRule>,
    #[serde(flatten)]
    extra: ExtraFields,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct SchedulerGroupRule {
    id: String,
}

impl CreateSchedulerRequest {
    /// A meeting titled `summary` with `recipients`.
    pub fn new(
        summary: impl Into<String>,
        recipients: impl IntoIterator<Item = SchedulerRecipient>,
    ) -> Self {
        CreateSchedulerRequest {
            parts: RequestParts::new(summary.into(), recipients),
            scheduler_group_rule: None,
            extra: ExtraFields::default(),
        }
    }

    /// A Scheduler group rule of the Organizational Unit deciding the host
    /// (`scheduler_group_rule.id`; alpha).
    pub fn scheduler_group_rule(mut self, id: impl Into<String>) -> Self {
        self.scheduler_group_rule = Some(SchedulerGroupRule { id: id.into() });
        self
    }
}

request_parts_setters!(CreateSchedulerRequest);

extensible_body!(CreateSchedulerRequest {
    "host",
    "host_group",
    "recipients",
    "collaborator_groups",
    "event",
    "tags",
    "availability_mode",
    "scheduler_group_rule"
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Host {
    pub(super) sub: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct SchedulerEvent {
    pub(super) summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) duration: Option<Minutes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) locale: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Tag {
    pub(super) value: String,
}

/// Someone invited to pick a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct SchedulerRecipient {
    #[serde(serialize_with = "recipient_email")]
    email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slot_selector: Option<bool>,
}

fn recipient_email<S: Serializer>(email: &str, serializer: S) -> Result<S::Ok, S::Error> {
    checks::email("recipients.email", email)?;
    serializer.serialize_str(email)
}

impl SchedulerRecipient {
    /// The recipient's email address.
    pub fn new(email: impl Into<String>) -> Self {
        SchedulerRecipient {
            email: email.into(),
            display_name: None,
            slot_selector: None,
        }
    }

    /// The recipient's name.
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }

    /// Whether this recipient is the one who picks the time (`slot_selector`).
    pub fn slot_selector(mut self, picks: bool) -> Self {
        self.slot_selector = Some(picks);
        self
    }
}

/// A member of a group, by `sub`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct GroupMember {
    sub: String,
}

/// Members of the Organizational Unit, of whom `required` must take part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct MemberGroup {
    name: String,
    members: Vec<GroupMember>,
    required: u32,
}

impl MemberGroup {
    fn new(
        name: impl Into<String>,
        members: impl IntoIterator<Item = impl Into<String>>,
        required: u32,
    ) -> Self {
        MemberGroup {
            name: name.into(),
            members: members
                .into_iter()
                .map(|sub| GroupMember { sub: sub.into() })
                .collect(),
            required,
        }
    }
}

/// The possible hosts of a meeting: a group described here, or a Selection Rule of the
/// Organizational Unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum HostGroup {
    /// `{"name": ..., "members": [{"sub": ...}], "required": n}`.
    #[non_exhaustive]
    Members {
        /// The group's name.
        name: String,
        /// The members' subs.
        #[serde(serialize_with = "subs")]
        members: Vec<String>,
        /// How many of them host.
        required: u32,
    },
    /// `{"sub": "sel_..."}`: a Selection Rule defined in the Organizational Unit.
    #[non_exhaustive]
    SelectionRule {
        /// The rule's `sub`.
        sub: String,
    },
}

fn subs<S: Serializer>(subs: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(subs.iter().map(|sub| GroupMember { sub: sub.clone() }))
}

impl HostGroup {
    /// The group `name` of these members (`sub`s), of whom `required` host.
    pub fn members(
        name: impl Into<String>,
        members: impl IntoIterator<Item = impl Into<String>>,
        required: u32,
    ) -> Self {
        HostGroup::Members {
            name: name.into(),
            members: members.into_iter().map(Into::into).collect(),
            required,
        }
    }

    /// The Selection Rule `sub` (`sel_...`) of the Organizational Unit.
    pub fn selection_rule(sub: impl Into<String>) -> Self {
        HostGroup::SelectionRule { sub: sub.into() }
    }
}

/// Members who attend as well as the host: `required` of them must be free.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct CollaboratorGroup(MemberGroup);

impl CollaboratorGroup {
    /// The group `name` of these members (`sub`s), of whom `required` must attend.
    pub fn new(
        name: impl Into<String>,
        members: impl IntoIterator<Item = impl Into<String>>,
        required: u32,
    ) -> Self {
        CollaboratorGroup(MemberGroup::new(name, members, required))
    }
}

/// The body of [`create_scheduler_request()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulerRequestResponse {
    /// The request created.
    pub scheduler_request: SchedulerRequest,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A Scheduler request, as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulerRequest {
    /// Cronofy's id for it, e.g. `srq_5987234923847923`.
    pub scheduler_request_id: String,
    /// The link for the recipient who picks the time, when Cronofy sends it.
    #[serde(default)]
    pub primary_select_url: Option<String>,
    /// The recipients, each with their own link.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub recipients: Vec<SchedulerRequestRecipient>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A recipient of a Scheduler request or a Scheduling Request, as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulerRequestRecipient {
    /// The email address.
    pub email: String,
    /// The name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Whether this recipient picks the time.
    #[serde(default)]
    pub slot_selector: Option<bool>,
    /// The recipient's link to pick a time.
    #[serde(default)]
    pub select_url: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
