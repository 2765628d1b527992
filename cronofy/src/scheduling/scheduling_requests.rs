//! Scheduling Requests (beta): an Organizational Unit asking Cronofy's Scheduler to arrange a
//! meeting, then following the requests it made.
//!
//! The body is made of the same parts as the deprecated Scheduler requests
//! ([`SchedulerRecipient`], [`HostGroup`], [`CollaboratorGroup`]), with the same setters.

use serde::{Deserialize, Serialize};

use super::scheduler_requests::{
    RequestParts, SchedulerRecipient, SchedulerRequestRecipient, request_parts_setters,
};
use crate::cronofy_endpoint;
use crate::events::Location;
use crate::fields::{ExtraFields, extensible_body};
use crate::time::Minutes;

/// Creates a Scheduling Request: recipients get a link to pick a time with the host, a host
/// from a group, and any collaborators.
///
/// Takes either of:
/// - an organization credential ([`OrgToken`](crate::OrgToken), scope
///   `organizational_unit_scheduler`), naming the host with [`CreateSchedulingRequest::host`]
///   or [`CreateSchedulingRequest::host_group`];
/// - a member impersonated by the organization or by an Internal Application linked to it
///   (`org.impersonate(sub)`, `app.impersonate(sub)`): that member is the host.
///
/// Refused before sending when a recipient's email is not an email address.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling-requests/create/)
///
/// ```no_run
/// use cronofy::scheduling::{
///     CollaboratorGroup, CreateSchedulingRequest, HostGroup, SchedulerRecipient,
/// };
/// use cronofy::time::Minutes;
/// use cronofy::{Client, OrgToken};
///
/// async fn request_lesson(client: &Client, org: &OrgToken) -> Result<(), cronofy::Error> {
///     let request = CreateSchedulingRequest::new(
///         "Driving lessons - Marty & Doc",
///         [SchedulerRecipient::new("marty@evenitron.com")
///             .display_name("Marty McFly")
///             .slot_selector(true)],
///     )
///     .host_group(HostGroup::members(
///         "Instructors",
///         ["acc_61815034636bd5c5ce4fwd", "acc_61815034636bd5c5ce48a4"],
///         1,
///     ))
///     .collaborator_group(CollaboratorGroup::new(
///         "Examiners",
///         ["acc_61815034636bd5c5ce29c7"],
///         1,
///     ))
///     .duration(Minutes::new(60))
///     .tag("Urgent");
///     let created = cronofy::scheduling::create_scheduling_request(client, org, &request).await?;
///     println!("{}", created.scheduling_request.scheduling_request_id);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "org" | "user", method = "POST", path = "/v1/scheduling_requests")]
pub async fn create_scheduling_request(
    #[body] request: &CreateSchedulingRequest,
) -> SchedulingRequestResponse;

/// Reads Scheduling Requests of the Organizational Unit by their ids: whether a time was
/// chosen, their links, recipients and collaborators.
///
/// Takes an organization credential ([`OrgToken`](crate::OrgToken)), or the application's
/// credentials of an Internal Application linked to the unit ([`AppCredentials`](crate::AppCredentials),
/// its client secret as bearer), as Cronofy documents.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling-requests/query/)
///
/// ```no_run
/// use cronofy::scheduling::{QuerySchedulingRequests, SlotSelection};
/// use cronofy::{Client, OrgToken};
///
/// async fn show_requests(client: &Client, org: &OrgToken) -> Result<(), cronofy::Error> {
///     let query = QuerySchedulingRequests::new(["srq_66d6f1f4a2e0ba0001a0bb0f"]);
///     let found = cronofy::scheduling::query_scheduling_requests(client, org, &query).await?;
///     for request in found
///         .scheduling_requests
///         .iter()
///         .map(|r| &r.scheduling_request)
///     {
///         let chosen = request.slot_selection == Some(SlotSelection::Complete);
///         println!("{}: chosen {chosen}", request.scheduling_request_id);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "org" | "app",
    method = "POST",
    path = "/v1/scheduling_requests/query",
    idempotent = true
)]
pub async fn query_scheduling_requests(
    #[body] query: &QuerySchedulingRequests,
) -> SchedulingRequestList;

/// The body of [`create_scheduling_request()`]: the meeting's title and who is invited.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct CreateSchedulingRequest {
    #[serde(flatten)]
    parts: RequestParts,
    #[serde(flatten)]
    extra: ExtraFields,
}

impl CreateSchedulingRequest {
    /// A meeting titled `summary` with `recipients`.
    pub fn new(
        summary: impl Into<String>,
        recipients: impl IntoIterator<Item = SchedulerRecipient>,
    ) -> Self {
        CreateSchedulingRequest {
            parts: RequestParts::new(summary.into(), recipients),
            extra: ExtraFields::default(),
        }
    }
}

request_parts_setters!(CreateSchedulingRequest);

extensible_body!(CreateSchedulingRequest {
    "host",
    "host_group",
    "recipients",
    "collaborator_groups",
    "event",
    "tags",
    "availability_mode"
});

/// The body of [`query_scheduling_requests()`]: the requests' ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct QuerySchedulingRequests {
    #[serde(serialize_with = "ids")]
    scheduling_request_ids: Vec<String>,
    #[serde(flatten)]
    extra: ExtraFields,
}

fn ids<S: serde::Serializer>(ids: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    if ids.is_empty() {
        return Err(cronofy_core::invalid_request(
            "`scheduling_request_ids` needs at least one id",
        ));
    }
    ids.serialize(serializer)
}

impl QuerySchedulingRequests {
    /// The requests with these ids (`srq_...`; at least one).
    pub fn new(ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        QuerySchedulingRequests {
            scheduling_request_ids: ids.into_iter().map(Into::into).collect(),
            extra: ExtraFields::default(),
        }
    }
}

extensible_body!(QuerySchedulingRequests {
    "scheduling_request_ids"
});

/// The body of [`create_scheduling_request()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingRequestResponse {
    /// The request created.
    pub scheduling_request: SchedulingRequest,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of [`query_scheduling_requests()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingRequestList {
    /// The requests found, each wrapped as Cronofy sends it.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub scheduling_requests: Vec<SchedulingRequestResponse>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

cronofy_core::open_enum! {
    /// Whether a Scheduling Request's time has been chosen.
    pub enum SlotSelection {
        /// Not yet (`pending`).
        Pending = "pending",
        /// A time was chosen (`complete`).
        Complete = "complete",
    }
}

/// A Scheduling Request, as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingRequest {
    /// Cronofy's id for it, e.g. `srq_52b65401a5d87bb4f0bee44e`.
    pub scheduling_request_id: String,
    /// Whether a time was chosen.
    #[serde(default)]
    pub slot_selection: Option<SlotSelection>,
    /// The link for the recipient who picks the time.
    #[serde(default)]
    pub primary_select_url: Option<String>,
    /// The request's page in Cronofy's Scheduler dashboard.
    #[serde(default)]
    pub dashboard_url: Option<String>,
    /// The meeting's title.
    #[serde(default)]
    pub summary: Option<String>,
    /// How long the meeting is.
    #[serde(default)]
    pub duration: Option<Minutes>,
    /// Time kept free around the meeting.
    #[serde(default)]
    pub buffer: Option<SchedulingRequestBuffer>,
    /// Links for what recipients can do.
    #[serde(default)]
    pub recipient_operations: Option<RecipientOperations>,
    /// The recipients, each with their own link.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub recipients: Vec<SchedulerRequestRecipient>,
    /// The groups of collaborators.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub collaborator_groups: Vec<SchedulingRequestGroup>,
    /// The event as Cronofy holds it.
    #[serde(default)]
    pub event: Option<SchedulingRequestEvent>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// Time kept free before and after a meeting.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingRequestBuffer {
    /// Before the meeting.
    #[serde(default)]
    pub before: Option<Minutes>,
    /// After the meeting.
    #[serde(default)]
    pub after: Option<Minutes>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// Links for what the recipients of a Scheduling Request can do.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RecipientOperations {
    /// Where they see the request.
    #[serde(default)]
    pub view_url: Option<String>,
    /// Where they decline it, when they may.
    #[serde(default)]
    pub decline_url: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A group of members (collaborators), as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingRequestGroup {
    /// The group's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its members.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub members: Vec<SchedulingRequestGroupMember>,
    /// How many of them must take part.
    #[serde(default)]
    pub required: Option<u32>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A member of a group.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingRequestGroupMember {
    /// The member's `sub`.
    pub sub: String,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The event of a Scheduling Request, as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulingRequestEvent {
    /// The title.
    #[serde(default)]
    pub summary: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Where it takes place.
    #[serde(default)]
    pub location: Option<Location>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
