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
///
/// ```no_run
/// use cronofy::{Client, OrgToken};
///
/// async fn members_calendars(client: &Client, org: &OrgToken) -> Result<(), cronofy::Error> {
///     let members = cronofy::organizations::list_organizational_unit_members(client, org).await?;
///     for member in &members.items {
///         let as_member = org.impersonate(&member.sub);
///         let calendars = cronofy::calendars::list_calendars(client, &as_member).await?;
///         println!(
///             "{:?}: {} calendars",
///             member.email,
///             calendars.calendars.len()
///         );
///     }
///     Ok(())
/// }
/// ```
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
///
/// ```no_run
/// use cronofy::{Client, OrgToken};
///
/// async fn show_rooms(client: &Client, org: &OrgToken) -> Result<(), cronofy::Error> {
///     let resources =
///         cronofy::organizations::list_organizational_unit_resources(client, org).await?;
///     for room in &resources.items {
///         println!("{}: {:?} <{:?}>", room.sub, room.name, room.email);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "org",
    method = "GET",
    path = "/v1/organizational_unit_resources",
    paged = "organizational_unit_resources"
)]
pub async fn list_organizational_unit_resources() -> Page<OrganizationalUnitResource>;

/// One member of an Organizational Unit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OrganizationalUnitMember {
    /// The member's `sub`: what [`OrgToken::impersonate`](crate::OrgToken::impersonate) takes.
    pub sub: String,
    /// The member's email address.
    #[serde(default)]
    pub email: Option<String>,
    /// The member's roles in the unit.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub roles: Vec<MemberRole>,
    /// The member's Scheduler: whether it is enabled, and their public link.
    #[serde(default)]
    pub scheduler: Option<UnitScheduler>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl OrganizationalUnitMember {
    /// Whether the member has the Scheduler enabled, when Cronofy says.
    pub fn scheduler_enabled(&self) -> Option<bool> {
        self.scheduler.as_ref()?.enabled
    }

    /// The member's public Scheduler link, if they have one.
    pub fn scheduler_public_url(&self) -> Option<&str> {
        self.scheduler.as_ref()?.public_url.as_deref()
    }
}

cronofy_core::open_enum! {
    /// A member's role in an Organizational Unit.
    pub enum MemberRole {
        /// `member`.
        Member = "member",
        /// `developer`.
        Developer = "developer",
        /// `developer_admin`.
        DeveloperAdmin = "developer_admin",
        /// `owner`.
        Owner = "owner",
    }
}

/// The Scheduler of a member or resource: `{"enabled": true, "public_url": ...}`. A bare
/// boolean, as some answers have it, is read as `enabled`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "SchedulerOnTheWire")]
#[non_exhaustive]
pub struct UnitScheduler {
    /// Whether the Scheduler is enabled.
    pub enabled: Option<bool>,
    /// The public Scheduler link (members only); `None` when there is none.
    pub public_url: Option<String>,
    /// Every other field Cronofy sent, kept as JSON.
    pub extra: crate::Extra,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SchedulerOnTheWire {
    Enabled(bool),
    Details {
        #[serde(default)]
        enabled: Option<bool>,
        #[serde(default)]
        public_url: Option<String>,
        #[serde(flatten)]
        extra: crate::Extra,
    },
}

impl From<SchedulerOnTheWire> for UnitScheduler {
    fn from(wire: SchedulerOnTheWire) -> Self {
        match wire {
            SchedulerOnTheWire::Enabled(enabled) => UnitScheduler {
                enabled: Some(enabled),
                public_url: None,
                extra: crate::Extra::new(),
            },
            SchedulerOnTheWire::Details {
                enabled,
                public_url,
                extra,
            } => UnitScheduler {
                enabled,
                public_url,
                extra,
            },
        }
    }
}

/// One resource of an Organizational Unit, such as a meeting room.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OrganizationalUnitResource {
    /// The resource's `sub`, e.g. `res_64c2837ceefbfe29df0352e7`, usable as an availability
    /// participant.
    pub sub: String,
    /// The resource's email address.
    #[serde(default)]
    pub email: Option<String>,
    /// The resource's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The resource's Scheduler: whether it is enabled.
    #[serde(default)]
    pub scheduler: Option<UnitScheduler>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl OrganizationalUnitResource {
    /// Whether the resource has the Scheduler enabled, when Cronofy says.
    pub fn scheduler_enabled(&self) -> Option<bool> {
        self.scheduler.as_ref()?.enabled
    }
}
