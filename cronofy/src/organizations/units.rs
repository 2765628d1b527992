//! Organization Connect: an Organizational Unit, its members and its resources.
//!
//! An [`OrgToken`](crate::OrgToken) lists the members and resources; to act on one member's
//! calendars, impersonate them with [`OrgToken::impersonate`](crate::OrgToken::impersonate),
//! which makes a user credential.

use serde::Deserialize;

use crate::{Page, cronofy_endpoint};

/// Lists one page of the members of the Organizational Unit;
/// [`list_all_organizational_unit_members`] reads every page.
///
/// Needs an organization credential (scope `organizational_unit_scheduler`).
/// [Cronofy docs](https://docs.cronofy.com/developers/api-alpha/organizational-unit-members/)
#[cronofy_endpoint(
    auth = "org",
    method = "GET",
    path = "/v1/organizational_unit_members",
    paged = "organizational_unit_members"
)]
pub async fn list_organizational_unit_members() -> Page<OrganizationalUnitMember>;

/// Lists one page of the resources (meeting rooms and the like) of the Organizational Unit;
/// [`list_all_organizational_unit_resources`] reads every page.
///
/// Needs an organization credential (scope `organizational_unit_scheduler`). Cronofy marks
/// this endpoint alpha.
/// [Cronofy docs](https://docs.cronofy.com/developers/api-alpha/organizational-unit-resources/)
#[cronofy_endpoint(
    auth = "org",
    method = "GET",
    path = "/v1/organizational_unit_resources",
    paged = "organizational_unit_resources"
)]
pub async fn list_organizational_unit_resources() -> Page<OrganizationalUnitResource>;

/// One member of an Organizational Unit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "MemberOnTheWire")]
#[non_exhaustive]
pub struct OrganizationalUnitMember {
    /// The member's `sub`: what [`OrgToken::impersonate`](crate::OrgToken::impersonate) takes.
    pub sub: String,
    /// The member's email address.
    pub email: Option<String>,
    /// The member's roles (`member`, `developer`, `developer_admin`, `owner`, ...).
    pub roles: Vec<String>,
    /// Whether the member has the Scheduler enabled, when Cronofy says.
    pub scheduler: Option<bool>,
    /// The member's public Scheduler link, if they have one.
    pub scheduler_public_url: Option<String>,
}

#[derive(Deserialize)]
struct MemberOnTheWire {
    sub: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    roles: Vec<String>,
    #[serde(default)]
    scheduler: Option<SchedulerOnTheWire>,
}

impl From<MemberOnTheWire> for OrganizationalUnitMember {
    fn from(wire: MemberOnTheWire) -> Self {
        let (scheduler, scheduler_public_url) = SchedulerOnTheWire::split(wire.scheduler);
        OrganizationalUnitMember {
            sub: wire.sub,
            email: wire.email,
            roles: wire.roles,
            scheduler,
            scheduler_public_url,
        }
    }
}

/// One resource of an Organizational Unit, such as a meeting room.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "ResourceOnTheWire")]
#[non_exhaustive]
pub struct OrganizationalUnitResource {
    /// The resource's `sub`, e.g. `res_64c2837ceefbfe29df0352e7`, usable as an availability
    /// participant.
    pub sub: String,
    /// The resource's email address.
    pub email: Option<String>,
    /// The resource's name.
    pub name: Option<String>,
    /// Whether the resource has the Scheduler enabled, when Cronofy says.
    pub scheduler: Option<bool>,
}

#[derive(Deserialize)]
struct ResourceOnTheWire {
    sub: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    scheduler: Option<SchedulerOnTheWire>,
}

impl From<ResourceOnTheWire> for OrganizationalUnitResource {
    fn from(wire: ResourceOnTheWire) -> Self {
        OrganizationalUnitResource {
            sub: wire.sub,
            email: wire.email,
            name: wire.name,
            scheduler: SchedulerOnTheWire::split(wire.scheduler).0,
        }
    }
}

/// Cronofy documents `"scheduler": {"enabled": true, "public_url": ...}`; a bare boolean is
/// read too.
#[derive(Deserialize)]
#[serde(untagged)]
enum SchedulerOnTheWire {
    Enabled(bool),
    Details {
        #[serde(default)]
        enabled: Option<bool>,
        #[serde(default)]
        public_url: Option<String>,
    },
}

impl SchedulerOnTheWire {
    fn split(scheduler: Option<Self>) -> (Option<bool>, Option<String>) {
        match scheduler {
            None => (None, None),
            Some(SchedulerOnTheWire::Enabled(enabled)) => (Some(enabled), None),
            Some(SchedulerOnTheWire::Details {
                enabled,
                public_url,
            }) => (enabled, public_url),
        }
    }
}
