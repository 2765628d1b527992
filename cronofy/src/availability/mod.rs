//! Availability and scheduling rules: when participants are free (availability and sequenced
//! availability queries), the weekly rules that say when a user can be booked, and explicit
//! available periods.

mod participants;
mod periods;
mod query;
mod rules;

pub use participants::*;
pub use periods::*;
pub use query::*;
pub use rules::*;

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[
    &QUERY_AVAILABILITY,
    &QUERY_SEQUENCED_AVAILABILITY,
    &UPSERT_AVAILABILITY_RULE,
    &LIST_AVAILABILITY_RULES,
    &READ_AVAILABILITY_RULE,
    &DELETE_AVAILABILITY_RULE,
    &UPSERT_AVAILABLE_PERIOD,
    &READ_AVAILABLE_PERIODS,
    &DELETE_AVAILABLE_PERIOD,
];
