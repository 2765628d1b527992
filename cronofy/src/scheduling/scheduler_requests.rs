//! Scheduler requests: an organization (or internal application) asking Cronofy's Scheduler to arrange a meeting.
//!
//! Cronofy's Scheduler emails the recipients a link to pick a time with the host. The host is
//! either named in the request ([`CreateSchedulerRequest::host`]) or is the member the call
//! impersonates.

use serde::{Deserialize, Serialize};

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
/// favour of Scheduling Requests (`/v1/scheduling_requests`).
/// [Cronofy docs](https://docs.cronofy.com/developers/api-alpha/scheduler-requests/create/)
///
/// ```no_run
/// use cronofy::scheduling::{CreateSchedulerRequest, SchedulerRecipient};
///
/// # async fn run(client: cronofy::Client, org: cronofy::OrgToken) -> Result<(), cronofy::Error> {
/// let request = CreateSchedulerRequest::new(
///     "Driving lessons",
///     [SchedulerRecipient::new("doc@example.com").display_name("Dr Emmet Brown")],
/// );
/// // The organization, on behalf of a member who hosts the meeting:
/// let host = org.impersonate("acc_61815034636bd5c5ce4edd");
/// let created = cronofy::scheduling::create_scheduler_request(&client, &host, &request).await?;
/// println!("{}", created.scheduler_request.scheduler_request_id);
/// # Ok(()) }
/// ```
#[cronofy_endpoint(auth = "org" | "user", method = "POST", path = "/v1/scheduler_requests")]
pub async fn create_scheduler_request(
    #[body] request: &CreateSchedulerRequest,
) -> SchedulerRequestResponse;

/// The body of [`create_scheduler_request()`]: the meeting's title and who is invited.
///
/// Options this builder does not name (`collaborator_groups`, `tags`, ...) can be sent with
/// [`field`](Self::field).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct CreateSchedulerRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<Host>,
    recipients: Vec<SchedulerRecipient>,
    event: SchedulerEvent,
    #[serde(flatten)]
    extra: ExtraFields,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Host {
    sub: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct SchedulerEvent {
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<Minutes>,
}

impl CreateSchedulerRequest {
    /// A meeting titled `summary` with `recipients`.
    pub fn new(
        summary: impl Into<String>,
        recipients: impl IntoIterator<Item = SchedulerRecipient>,
    ) -> Self {
        CreateSchedulerRequest {
            host: None,
            recipients: recipients.into_iter().collect(),
            event: SchedulerEvent {
                summary: summary.into(),
                description: None,
                location: None,
                duration: None,
            },
            extra: ExtraFields::default(),
        }
    }

    /// The member (`sub`) hosting the meeting, with their scheduling preferences. Not needed
    /// when impersonating the host.
    pub fn host(mut self, sub: impl Into<String>) -> Self {
        self.host = Some(Host { sub: sub.into() });
        self
    }

    /// The event's description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.event.description = Some(description.into());
        self
    }

    /// Where the meeting takes place.
    pub fn location(mut self, description: impl Into<String>) -> Self {
        self.event.location = Some(Location {
            description: Some(description.into()),
            ..Location::default()
        });
        self
    }

    /// How long the meeting is.
    pub fn duration(mut self, duration: Minutes) -> Self {
        self.event.duration = Some(duration);
        self
    }
}

extensible_body!(CreateSchedulerRequest { "host", "recipients", "event" });

/// Someone invited to pick a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct SchedulerRecipient {
    email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
}

impl SchedulerRecipient {
    /// The recipient's email address.
    pub fn new(email: impl Into<String>) -> Self {
        SchedulerRecipient {
            email: email.into(),
            display_name: None,
        }
    }

    /// The recipient's name.
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }
}

/// The body of [`create_scheduler_request()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulerRequestResponse {
    /// The request created.
    pub scheduler_request: SchedulerRequest,
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

/// A recipient of a Scheduler request, as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SchedulerRequestRecipient {
    /// The email address.
    pub email: String,
    /// The name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// The recipient's link to pick a time.
    #[serde(default)]
    pub select_url: Option<String>,
}
