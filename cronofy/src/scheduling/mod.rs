//! Scheduling with invitees: real-time scheduling links (the invitee picks a time), smart
//! invites (calendar invitations whose replies reach your application), and scheduler
//! requests.

mod add_to_calendar;
pub(crate) mod link_options;
mod real_time;
mod scheduler_requests;
mod sequencing;
mod smart_invites;

pub use add_to_calendar::*;
pub use link_options::{EventCreation, HourFormat, SelectionMode, TargetCalendar};
pub use real_time::*;
pub use scheduler_requests::*;
pub use sequencing::*;
pub use smart_invites::*;

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[
    &CREATE_REAL_TIME_SCHEDULING,
    &READ_REAL_TIME_SCHEDULING,
    &READ_REAL_TIME_SCHEDULING_BY_TOKEN,
    &DISABLE_REAL_TIME_SCHEDULING,
    &CREATE_REAL_TIME_SEQUENCING,
    &CREATE_ADD_TO_CALENDAR,
    &UPSERT_SMART_INVITE,
    &READ_SMART_INVITE,
    &CREATE_SCHEDULER_REQUEST,
];
