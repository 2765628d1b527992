//! Many writes in few requests: calls coalesced into [`/v1/batch`](crate::events::execute_batch)
//! requests of up to 50 operations, each caller getting its own typed result.
//!
//! Cronofy's rate limits (50 requests per second, 500 per minute per application) make one
//! call per write slow: 10,000 event upserts take 20 minutes at the budget. A batch carries 50
//! of them in one request: if Cronofy counts a batch as one request (it does not document
//! how it counts them), that is 200 requests, seconds of budget; if it counts every entry,
//! batching saves round trips but not budget. Two ways to use it:
//!
//! - a [`Batcher`], for code that makes one call per write from many tasks (a web handler per
//!   booking, a sync worker per calendar): each call waits a bounded time for others to join
//!   its batch, then gets its own operation's result, typed as the single call's would be;
//! - [`bulk`], for a known list: give it a stream of [`Operation`]s, read a stream of
//!   [`BulkResult`]s, in order.
//!
//! Both send through the client like any call: its [`RateGovernor`](crate::rate::RateGovernor)
//! paces the batches (tell it how Cronofy counts them with
//! [`BatchCounting`](crate::rate::BatchCounting)), its retry policy retries a batch Cronofy
//! rate limited or could not answer (batches of upserts and deletions are idempotent).
//!
//! ```
//! use cronofy::batching::{Batcher, Operation};
//! use cronofy::events::UpsertEvent;
//! use cronofy::time::UtcTime;
//! use cronofy::{Client, UserToken};
//!
//! async fn book(
//!     batcher: &Batcher,
//!     calendar_id: &str,
//!     booking: u32,
//! ) -> Result<(), cronofy::Error> {
//!     let event = UpsertEvent::new(
//!         format!("booking-{booking}"),
//!         "Intro call",
//!         UtcTime::parse("2026-11-23T09:00:00Z").unwrap(),
//!         UtcTime::parse("2026-11-23T09:30:00Z").unwrap(),
//!     );
//!     // Waits at most the batcher's fill time for other calls, then for its batch's answer.
//!     batcher.submit(Operation::upsert_event(calendar_id, event)).await
//! }
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // The fake Cronofy stands in for Cronofy here.
//!     let fake = cronofy_fake::FakeCronofy::start().await;
//!     let client = Client::builder().base_url(fake.base_url()).build()?;
//!     let alice = fake.default_user();
//!     let token = UserToken::new(fake.issue_user_token(&alice.sub, "read_write").access_token);
//!     let batcher = Batcher::new(client, token);
//!
//!     let calendar_id = alice.calendar_ids[0].clone();
//!     let bookings = (0..120).map(|n| book(&batcher, &calendar_id, n));
//!     for result in futures_util::future::join_all(bookings).await {
//!         result?;
//!     }
//!     assert_eq!(fake.events(&alice.sub).len(), 120);
//!     Ok(())
//! }
//! ```

use crate::auth::UserAuth;
use crate::availability::{
    DELETE_AVAILABLE_PERIOD, DeleteAvailablePeriod, UPSERT_AVAILABLE_PERIOD, UpsertAvailablePeriod,
};
use crate::events::{
    BatchEntry, BatchError, CHANGE_PARTICIPATION_STATUS, ChangeParticipationStatus, DELETE_EVENT,
    DeleteEvent, ExecuteBatch, ParticipationStatus, UPSERT_EVENT, UpsertEvent, execute_batch,
};
use crate::{Client, Error};

mod batcher;
mod bulk;

pub use batcher::{Batcher, BatcherBuilder, DEFAULT_FILL_WAIT};
pub use bulk::{BulkOptions, BulkResult, bulk};

/// One operation `/v1/batch` accepts, owned so that it can wait in a queue.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Operation {
    /// [`upsert_event()`](crate::events::upsert_event).
    UpsertEvent {
        /// The calendar.
        calendar_id: String,
        /// The event (boxed: it is far larger than the other operations).
        event: Box<UpsertEvent>,
    },
    /// [`delete_event()`](crate::events::delete_event).
    DeleteEvent {
        /// The calendar.
        calendar_id: String,
        /// Which event.
        event: DeleteEvent,
    },
    /// [`change_participation_status()`](crate::events::change_participation_status) (not on
    /// Cronofy's list of batchable requests: see
    /// [`ExecuteBatch::change_participation_status`]).
    ChangeParticipationStatus {
        /// The calendar.
        calendar_id: String,
        /// The event's `event_uid`.
        event_uid: String,
        /// The answer.
        status: ParticipationStatus,
    },
    /// [`upsert_available_period()`](crate::availability::upsert_available_period).
    UpsertAvailablePeriod(UpsertAvailablePeriod),
    /// [`delete_available_period()`](crate::availability::delete_available_period).
    DeleteAvailablePeriod(DeleteAvailablePeriod),
}

impl Operation {
    /// Creates or updates `event` in `calendar_id`.
    pub fn upsert_event(calendar_id: impl Into<String>, event: UpsertEvent) -> Self {
        Operation::UpsertEvent {
            calendar_id: calendar_id.into(),
            event: Box::new(event),
        }
    }

    /// Deletes `event` from `calendar_id`.
    pub fn delete_event(calendar_id: impl Into<String>, event: DeleteEvent) -> Self {
        Operation::DeleteEvent {
            calendar_id: calendar_id.into(),
            event,
        }
    }

    /// The batch entry of this operation; a body or path value the single call would refuse is
    /// refused the same way, before anything is sent.
    fn entry(&self) -> Result<BatchEntry, Error> {
        let entry = match self {
            Operation::UpsertEvent { calendar_id, event } => {
                BatchEntry::new(&UPSERT_EVENT, &[calendar_id], event)
            }
            Operation::DeleteEvent { calendar_id, event } => {
                BatchEntry::new(&DELETE_EVENT, &[calendar_id], event)
            }
            Operation::ChangeParticipationStatus {
                calendar_id,
                event_uid,
                status,
            } => BatchEntry::new(
                &CHANGE_PARTICIPATION_STATUS,
                &[calendar_id, event_uid],
                &ChangeParticipationStatus::new(status.clone()),
            ),
            Operation::UpsertAvailablePeriod(period) => {
                BatchEntry::new(&UPSERT_AVAILABLE_PERIOD, &[], period)
            }
            Operation::DeleteAvailablePeriod(period) => {
                BatchEntry::new(&DELETE_AVAILABLE_PERIOD, &[], period)
            }
        };
        entry.map_err(refused)
    }
}

/// The error a single call would have returned for what the batch refused to hold.
fn refused(error: BatchError) -> Error {
    match error {
        BatchError::InvalidPathParameter { name, reason } => {
            Error::InvalidPathParameter { name, reason }
        }
        BatchError::Encode { reason } => Error::Encode {
            part: "body",
            reason,
        },
        BatchError::InvalidRequest { reason } => Error::InvalidRequest { reason },
        // One entry at a time never fills a batch; kept for the enum's future variants.
        other => Error::InvalidRequest {
            reason: other.to_string(),
        },
    }
}

/// Sends `entries` (at most [`ExecuteBatch::MAX_ENTRIES`]) as one batch: each entry's result,
/// in order. A batch that fails as a whole (its credential refused, no answer) fails each of
/// its entries with that error.
async fn execute(
    client: &Client,
    credential: &dyn UserAuth,
    entries: Vec<BatchEntry>,
) -> Vec<Result<(), Error>> {
    let sent = entries.len();
    let mut batch = ExecuteBatch::new();
    for entry in entries {
        // The callers hand over at most `MAX_ENTRIES`.
        let _ = batch.push_entry(entry);
    }
    match execute_batch(client, credential, &batch).await {
        Ok(response) if response.batch.len() == sent => response.results(),
        Ok(response) => {
            let error = cronofy_core::__private::decode_error(
                207,
                format!(
                    "the batch was answered with {} results for {sent} operations",
                    response.batch.len()
                ),
            );
            vec![Err(error); sent]
        }
        Err(error) => vec![Err(error); sent],
    }
}
