//! Scheduling with invitees: real-time scheduling links (the invitee picks a time), smart
//! invites (calendar invitations whose replies reach your application), bookable events
//! (events people register for), Scheduling Requests (and the deprecated Scheduler requests
//! before them), and scheduling conversations.

mod add_to_calendar;
mod bookable_events;
mod conversations;
mod echoed_event;
pub(crate) mod link_options;
mod real_time;
mod scheduler_requests;
mod scheduling_requests;
mod sequencing;
mod smart_invites;

pub use add_to_calendar::*;
pub use bookable_events::*;
pub use conversations::*;
pub use echoed_event::EchoedEvent;
pub use link_options::{EventCreation, HourFormat, SelectionMode, TargetCalendar};
pub use real_time::*;
pub use scheduler_requests::*;
pub use scheduling_requests::*;
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
    &UPSERT_BOOKABLE_EVENT,
    &READ_BOOKABLE_EVENT,
    &LIST_BOOKABLE_EVENTS,
    &UPSERT_BOOKABLE_EVENT_REGISTRATION,
    &DELETE_BOOKABLE_EVENT_REGISTRATION,
    &CREATE_SCHEDULING_REQUEST,
    &QUERY_SCHEDULING_REQUESTS,
    &CREATE_SCHEDULING_CONVERSATION,
    &READ_SCHEDULING_CONVERSATION,
    &READ_SCHEDULING_CONVERSATION_BY_TOKEN,
];
