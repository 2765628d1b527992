//! Batches: up to 50 operations in one request, answered per operation.
//!
//! ```no_run
//! use cronofy::events::{DeleteEvent, ExecuteBatch, UpsertEvent};
//! use cronofy::time::UtcTime;
//! use cronofy::{Client, UserToken};
//!
//! async fn sync_bookings(
//!     client: &Client,
//!     user: &UserToken,
//! ) -> Result<(), Box<dyn std::error::Error>> {
//!     let mut batch = ExecuteBatch::new();
//!     batch
//!         .upsert_event(
//!             "cal_n23kjnwrw2_jsdfjksn234",
//!             &UpsertEvent::new(
//!                 "booking-42",
//!                 "Intro call",
//!                 UtcTime::parse("2026-11-23T09:00:00Z")?,
//!                 UtcTime::parse("2026-11-23T09:30:00Z")?,
//!             ),
//!         )?
//!         .delete_event(
//!             "cal_n23kjnwrw2_jsdfjksn234",
//!             &DeleteEvent::new("booking-41"),
//!         )?;
//!
//!     let response = cronofy::events::execute_batch(client, user, &batch).await?;
//!     for (entry, result) in batch.entries().iter().zip(response.results()) {
//!         if let Err(e) = result {
//!             eprintln!("{} {} failed: {e}", entry.method(), entry.relative_url());
//!         }
//!     }
//!     Ok(())
//! }
//! ```

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize, Serializer};

use crate::events::{
    CHANGE_PARTICIPATION_STATUS, ChangeParticipationStatus, DELETE_EVENT, DeleteEvent,
    ParticipationStatus, UPSERT_EVENT, UpsertEvent,
};
use crate::{Endpoint, Method, ValidationErrors, cronofy_endpoint};

/// Sends up to [`ExecuteBatch::MAX_ENTRIES`] operations in one request.
///
/// Needs a user credential with the scopes of the operations it holds (`create_event`,
/// `delete_event`, ...). Cronofy answers `207 Multi-Status` with one status per operation, in
/// order: see [`BatchResponse::results`]. The call itself fails only when the whole batch does
/// (bad credential, malformed batch, ...).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/batch/)
///
/// ```no_run
/// use cronofy::events::{DeleteEvent, ExecuteBatch};
/// use cronofy::{Client, UserToken};
///
/// async fn cancel_bookings(
///     client: &Client,
///     user: &UserToken,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let mut batch = ExecuteBatch::new();
///     for event_id in ["booking-41", "booking-42"] {
///         batch.delete_event("cal_n23kjnwrw2_jsdfjksn234", &DeleteEvent::new(event_id))?;
///     }
///     let response = cronofy::events::execute_batch(client, user, &batch).await?;
///     for (index, failure) in response.failures() {
///         eprintln!("operation {index} failed with status {}", failure.status);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/batch", idempotent = true)]
pub async fn execute_batch(#[body] batch: &ExecuteBatch) -> BatchResponse;

/// The body of [`execute_batch()`]: the operations, in order.
///
/// Each method adds one operation and refuses the 51st with [`BatchError::Full`], leaving the
/// batch as it was, so that it can be sent and a new one started.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[must_use]
pub struct ExecuteBatch {
    batch: Vec<BatchEntry>,
    #[serde(flatten)]
    extra: crate::fields::ExtraFields,
}

crate::fields::extensible_body!(ExecuteBatch { "batch" });

/// One operation of a [`ExecuteBatch`]: what Cronofy would receive as a request of its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchEntry {
    #[serde(serialize_with = "serialize_method")]
    method: Method,
    relative_url: String,
    data: serde_json::Value,
}

fn serialize_method<S: Serializer>(method: &Method, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(method.as_str())
}

impl BatchEntry {
    /// The HTTP method, e.g. [`Method::Post`].
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path, e.g. `/v1/calendars/cal_1/events`, with its parameters percent-encoded.
    pub fn relative_url(&self) -> &str {
        &self.relative_url
    }

    /// The JSON body.
    pub fn data(&self) -> &serde_json::Value {
        &self.data
    }
}

impl ExecuteBatch {
    /// The most operations Cronofy accepts in one batch.
    pub const MAX_ENTRIES: usize = 50;

    /// An empty batch.
    pub fn new() -> Self {
        ExecuteBatch::default()
    }

    /// Adds an [`upsert_event()`](crate::events::upsert_event): creates or updates a managed event, or
    /// edits an external one ([`UpsertEvent::external`]).
    pub fn upsert_event(
        &mut self,
        calendar_id: &str,
        event: &UpsertEvent,
    ) -> Result<&mut Self, BatchError> {
        self.push(&UPSERT_EVENT, &[calendar_id], event)
    }

    /// Adds a [`delete_event()`](crate::events::delete_event): deletes a managed event
    /// ([`DeleteEvent::new`]) or an external one ([`DeleteEvent::external`]).
    pub fn delete_event(
        &mut self,
        calendar_id: &str,
        event: &DeleteEvent,
    ) -> Result<&mut Self, BatchError> {
        self.push(&DELETE_EVENT, &[calendar_id], event)
    }

    /// Adds a [`change_participation_status()`](crate::events::change_participation_status).
    ///
    /// Cronofy's list of batchable requests names event upserts and deletions (managed and
    /// external) and available periods, not this one: should Cronofy refuse it, its entry in
    /// the response says so, and the call can be made on its own.
    pub fn change_participation_status(
        &mut self,
        calendar_id: &str,
        event_uid: &str,
        status: ParticipationStatus,
    ) -> Result<&mut Self, BatchError> {
        self.push(
            &CHANGE_PARTICIPATION_STATUS,
            &[calendar_id, event_uid],
            &ChangeParticipationStatus::new(status),
        )
    }

    /// Adds an [`upsert_available_period()`](crate::availability::upsert_available_period).
    pub fn upsert_available_period(
        &mut self,
        period: &crate::availability::UpsertAvailablePeriod,
    ) -> Result<&mut Self, BatchError> {
        self.push(&crate::availability::UPSERT_AVAILABLE_PERIOD, &[], period)
    }

    /// Adds a [`delete_available_period()`](crate::availability::delete_available_period): one
    /// period, or all of them ([`DeleteAvailablePeriod::all`](crate::availability::DeleteAvailablePeriod::all)).
    pub fn delete_available_period(
        &mut self,
        period: &crate::availability::DeleteAvailablePeriod,
    ) -> Result<&mut Self, BatchError> {
        self.push(&crate::availability::DELETE_AVAILABLE_PERIOD, &[], period)
    }

    /// The operations, in the order they were added (and answered).
    pub fn entries(&self) -> &[BatchEntry] {
        &self.batch
    }

    /// How many operations it holds.
    pub fn len(&self) -> usize {
        self.batch.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.batch.is_empty()
    }

    fn push<T: Serialize>(
        &mut self,
        endpoint: &'static Endpoint,
        path_args: &[&str],
        data: &T,
    ) -> Result<&mut Self, BatchError> {
        if self.batch.len() >= Self::MAX_ENTRIES {
            return Err(BatchError::Full {
                max: Self::MAX_ENTRIES,
            });
        }
        let entry = BatchEntry::new(endpoint, path_args, data)?;
        self.batch.push(entry);
        Ok(self)
    }

    /// Adds an entry built beforehand; `Full` leaves the batch as it was.
    pub(crate) fn push_entry(&mut self, entry: BatchEntry) -> Result<&mut Self, BatchError> {
        if self.batch.len() >= Self::MAX_ENTRIES {
            return Err(BatchError::Full {
                max: Self::MAX_ENTRIES,
            });
        }
        self.batch.push(entry);
        Ok(self)
    }
}

impl BatchEntry {
    /// The entry of a call to `endpoint` with these path arguments and this body.
    pub(crate) fn new<T: Serialize>(
        endpoint: &'static Endpoint,
        path_args: &[&str],
        data: &T,
    ) -> Result<BatchEntry, BatchError> {
        let relative_url = fill_path(endpoint.path, path_args)?;
        let data = serde_json::to_value(data).map_err(|e| {
            let message = e.to_string();
            match cronofy_core::__private::refusal_reason(&message) {
                Some(reason) => BatchError::InvalidRequest {
                    reason: reason.to_owned(),
                },
                None => BatchError::Encode { reason: message },
            }
        })?;
        Ok(BatchEntry {
            method: endpoint.method,
            relative_url,
            data,
        })
    }
}

/// Why an operation could not be added to a [`ExecuteBatch`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The batch already holds the most operations Cronofy accepts.
    #[error(
        "the batch already holds {max} operations, the most Cronofy accepts: send it and start another"
    )]
    Full {
        /// [`ExecuteBatch::MAX_ENTRIES`].
        max: usize,
    },
    /// A path parameter would not stay one path segment (`.`, `..` or empty).
    #[error("the path parameter `{name}` is {reason}: it cannot name a resource")]
    InvalidPathParameter {
        /// The parameter's name.
        name: &'static str,
        /// What is wrong with its value.
        reason: &'static str,
    },
    /// The operation's body breaks a rule Cronofy documents (an empty attendee email, a
    /// negative reminder, ...), or `.field()` named a field its type models: it was not added.
    #[error("the operation was not added to the batch: {reason}")]
    InvalidRequest {
        /// What is wrong, in the body's own terms.
        reason: String,
    },
    /// The operation's body could not be encoded as JSON.
    #[error("the operation's body could not be encoded: {reason}")]
    Encode {
        /// What the encoder said.
        reason: String,
    },
}

/// Fills `template`'s `{name}` placeholders, in order, with `args`, each percent-encoded as
/// one path segment (everything but RFC 3986 unreserved characters), as the endpoint functions
/// themselves do.
fn fill_path(template: &'static str, args: &[&str]) -> Result<String, BatchError> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut args = args.iter();
    let mut rest = template;
    // The macro has validated the templates: every `{` is closed, one argument each.
    while let Some((open, close)) = rest
        .find('{')
        .and_then(|open| Some((open, open + rest[open..].find('}')?)))
    {
        let name = &rest[open + 1..close];
        out.push_str(&rest[..open]);
        let value = args.next().copied().unwrap_or_default();
        let reason = match value {
            "" => Some("empty"),
            "." | ".." => Some("a dot segment"),
            _ => None,
        };
        if let Some(reason) = reason {
            return Err(BatchError::InvalidPathParameter { name, reason });
        }
        for byte in value.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(byte));
            } else {
                // Writing to a String cannot fail.
                let _ = write!(out, "%{byte:02X}");
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The body of [`execute_batch()`]: one answer per operation, in the order they were sent.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct BatchResponse {
    /// The answers.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub batch: Vec<BatchEntryResponse>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl BatchResponse {
    /// Each operation's outcome, in the order they were sent: `Ok` for a 2xx status, otherwise
    /// the typed [`Error`](crate::Error) the operation would have returned on its own (e.g.
    /// [`Error::Validation`](crate::Error::Validation) with the fields Cronofy rejected).
    pub fn results(&self) -> Vec<Result<(), crate::Error>> {
        self.batch
            .iter()
            .map(BatchEntryResponse::typed_result)
            .collect()
    }

    /// The operations that failed, with their index in the batch.
    pub fn failures(&self) -> Vec<(usize, BatchEntryError)> {
        self.batch
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| entry.result().err().map(|e| (i, e)))
            .collect()
    }

    /// Whether every operation succeeded.
    pub fn all_succeeded(&self) -> bool {
        self.batch.iter().all(BatchEntryResponse::is_success)
    }
}

/// Cronofy's answer to one operation of a batch.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct BatchEntryResponse {
    /// The HTTP status the operation would have had on its own, e.g. `202` or `422`.
    pub status: u16,
    /// The body it would have had, when there is one.
    #[serde(default)]
    pub data: Option<serde_json::Value>,
    /// The headers it would have had, when Cronofy sends them.
    #[serde(default)]
    pub headers: Option<serde_json::Map<String, serde_json::Value>>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl BatchEntryResponse {
    /// Whether the status is a success (2xx).
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// `Ok` for a 2xx status, otherwise the typed [`Error`](crate::Error) a single call would
    /// have returned.
    pub fn typed_result(&self) -> Result<(), crate::Error> {
        let body = match &self.data {
            Some(data) => serde_json::to_vec(data).unwrap_or_default(),
            None => Vec::new(),
        };
        crate::Error::check_status(self.status, &body)
    }

    /// `Ok` for a 2xx status, the raw [`BatchEntryError`] otherwise.
    pub fn result(&self) -> Result<(), BatchEntryError> {
        if self.is_success() {
            return Ok(());
        }
        let errors = match (&self.data, self.status) {
            (Some(data), 422) => ValidationErrors::deserialize(data).ok(),
            _ => None,
        };
        Err(BatchEntryError {
            status: self.status,
            errors,
            data: self.data.clone(),
        })
    }
}

/// Why one operation of a batch failed: its status, and for a 422 the fields Cronofy
/// rejected, as [`Error::Validation`](crate::Error::Validation) has them for a single call.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BatchEntryError {
    /// The HTTP status, e.g. `404` or `422`.
    pub status: u16,
    /// For a 422 with Cronofy's `errors` map: which fields were rejected and why.
    pub errors: Option<ValidationErrors>,
    /// The operation's response body, when there is one.
    pub data: Option<serde_json::Value>,
}

impl fmt::Display for BatchEntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status;
        if let Some(errors) = &self.errors {
            return write!(
                f,
                "Cronofy rejected this operation's content (422): {errors}"
            );
        }
        match status {
            401 => f.write_str("Cronofy did not accept the credential for this operation (401)"),
            403 => f.write_str(
                "Cronofy refused this operation (403): the credential lacks a scope it needs",
            ),
            404 => f.write_str(
                "Cronofy found nothing for this operation (404): check the ids, and that this credential has access to them",
            ),
            422 => f.write_str("Cronofy rejected this operation's content (422)"),
            423 => f.write_str(
                "Cronofy answered this operation with 423 Locked: the user's calendar profile is disconnected",
            ),
            429 => f.write_str("Cronofy rate limited this operation (429): send it again later"),
            500..=599 => write!(
                f,
                "Cronofy had an internal problem with this operation ({status}); try again later"
            ),
            _ => write!(f, "Cronofy answered this operation with status {status}"),
        }
    }
}

impl std::error::Error for BatchEntryError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameters_are_encoded_as_one_segment_each() {
        assert_eq!(
            fill_path(
                "/v1/calendars/{calendar_id}/events/{event_uid}/participation_status",
                &["cal_U9uu@EAAAB/x", "evt 1?#%"]
            )
            .unwrap(),
            "/v1/calendars/cal_U9uu%40EAAAB%2Fx/events/evt%201%3F%23%25/participation_status"
        );
        assert_eq!(
            fill_path("/v1/calendars/{calendar_id}/events", &[".."]),
            Err(BatchError::InvalidPathParameter {
                name: "calendar_id",
                reason: "a dot segment"
            })
        );
        assert_eq!(
            fill_path("/v1/calendars/{calendar_id}/events", &[""]),
            Err(BatchError::InvalidPathParameter {
                name: "calendar_id",
                reason: "empty"
            })
        );
    }
}
