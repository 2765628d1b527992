//! Organizations: Organization Connect (an Organizational Unit, its members and resources;
//! act for a member with [`OrgToken::impersonate`](crate::OrgToken::impersonate)), Enterprise
//! Connect (a service account that authorizes the users of a whole domain), and Business
//! Connect (calendars shared with a user, reached through their authorization).

mod business_connect;
mod enterprise_connect;
mod units;

pub use business_connect::*;
pub use enterprise_connect::*;
pub use units::*;

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[
    &LIST_ORGANIZATIONAL_UNIT_MEMBERS,
    &LIST_ORGANIZATIONAL_UNIT_RESOURCES,
    &AUTHORIZE_VIA_SERVICE_ACCOUNT,
    &LIST_RESOURCES,
    &REQUEST_DELEGATED_AUTHORIZATION,
    &LIST_ACCESSIBLE_CALENDARS,
];
