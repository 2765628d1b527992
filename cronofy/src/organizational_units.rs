//! Organization Connect: an Organizational Unit and its members.
//!
//! An [`OrgToken`](crate::OrgToken) lists the members; to act on one member's calendars,
//! impersonate them with [`OrgToken::impersonate`](crate::OrgToken::impersonate), which makes a
//! user credential.

use serde::Deserialize;

use crate::cronofy_endpoint;
use crate::events::PageInfo;

/// Lists the members of the Organizational Unit.
///
/// Needs an organization credential (scope `organizational_unit_scheduler`).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/organizational-units/members/)
#[cronofy_endpoint(auth = "org", method = "GET", path = "/v1/organizational_unit_members")]
pub async fn list_organizational_unit_members() -> OrganizationalUnitMembers;

/// The body of [`list_organizational_unit_members()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OrganizationalUnitMembers {
    /// The members.
    pub organizational_unit_members: Vec<OrganizationalUnitMember>,
    /// Paging, when Cronofy sends it.
    #[serde(default)]
    pub pages: Option<PageInfo>,
}

/// One member of an Organizational Unit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OrganizationalUnitMember {
    /// The member's `sub`: what [`OrgToken::impersonate`](crate::OrgToken::impersonate) takes.
    pub sub: String,
    /// The member's email address.
    #[serde(default)]
    pub email: Option<String>,
    /// The member's roles.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub roles: Vec<String>,
    /// Whether the member may schedule, when Cronofy says.
    #[serde(default)]
    pub scheduler: Option<bool>,
}
