//! The bulk API: a stream of operations in, a stream of their results out.

use futures_core::Stream;
use futures_util::StreamExt as _;

use crate::auth::UserAuth;
use crate::batching::{Operation, execute};
use crate::events::ExecuteBatch;
use crate::{Client, Error};

/// Options of [`bulk`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct BulkOptions {
    batch_size: usize,
    in_flight: usize,
}

impl Default for BulkOptions {
    /// Batches of 50, 4 at once.
    fn default() -> Self {
        BulkOptions {
            batch_size: ExecuteBatch::MAX_ENTRIES,
            in_flight: 4,
        }
    }
}

impl BulkOptions {
    /// The most operations in one batch: 1 to [`ExecuteBatch::MAX_ENTRIES`] (50, the
    /// default); values outside are brought within.
    pub fn batch_size(mut self, operations: usize) -> Self {
        self.batch_size = operations.clamp(1, ExecuteBatch::MAX_ENTRIES);
        self
    }

    /// The most batches sent at once (default 4, at least 1). The client's rate governor, if
    /// any, still paces them.
    pub fn in_flight(mut self, batches: usize) -> Self {
        self.in_flight = batches.max(1);
        self
    }
}

/// The result of one operation given to [`bulk`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BulkResult {
    /// Its position in the input, from 0.
    pub index: usize,
    /// `Ok(())`, or the error the single call would have returned; when its whole batch
    /// failed (the credential refused, no answer), that error.
    pub result: Result<(), Error>,
}

/// Sends `operations` in batches of up to 50, paced by the client's rate governor: a stream of
/// one [`BulkResult`] per operation, in input order. The input is read as batches are formed,
/// so it may be longer than memory would hold. A batch takes what the input has ready, up to
/// the batch size: an input that is always ready (an iterator) makes full batches, and one
/// fed as things happen (a channel) sends what it has rather than waiting for more. An
/// operation the single call would refuse before sending is answered with its batch, with no
/// request of its own, and the rest of its batch is sent.
///
/// Results come in input order; the operations of one batch are applied in order, but the
/// batches in flight in either order (a batch retried after a `502` lands after a later one).
/// A stream that writes one event twice (an upsert, then its deletion) wants
/// [`BulkOptions::in_flight`]`(1)`.
///
/// ```
/// use cronofy::batching::{BulkOptions, Operation, bulk};
/// use cronofy::events::UpsertEvent;
/// use cronofy::time::UtcTime;
/// use cronofy::{Client, UserToken};
/// use futures_util::StreamExt as _;
///
/// #[tokio::main(flavor = "current_thread")]
/// async fn main() -> Result<(), Box<dyn std::error::Error>> {
///     // The fake Cronofy stands in for Cronofy here.
///     let fake = cronofy_fake::FakeCronofy::start().await;
///     let client = Client::builder().base_url(fake.base_url()).build()?;
///     let alice = fake.default_user();
///     let token = UserToken::new(fake.issue_user_token(&alice.sub, "read_write").access_token);
///     let calendar_id = alice.calendar_ids[0].clone();
///
///     let start = UtcTime::parse("2026-11-23T09:00:00Z")?;
///     let end = UtcTime::parse("2026-11-23T09:30:00Z")?;
///     let upserts = (0..500).map(|n| {
///         Operation::upsert_event(&calendar_id, UpsertEvent::new(format!("sync-{n}"), "Synced", start, end))
///     });
///     let mut results = bulk(&client, &token, futures_util::stream::iter(upserts), BulkOptions::default());
///     let mut failed = 0;
///     while let Some(item) = results.next().await {
///         if let Err(error) = item.result {
///             eprintln!("operation {} failed: {error}", item.index);
///             failed += 1;
///         }
///     }
///     assert_eq!(failed, 0);
///     assert_eq!(fake.events(&alice.sub).len(), 500);
///     Ok(())
/// }
/// ```
pub fn bulk<'a, S>(
    client: &'a Client,
    credential: &'a dyn UserAuth,
    operations: S,
    options: BulkOptions,
) -> impl Stream<Item = BulkResult> + Send + 'a
where
    S: Stream<Item = Operation> + Send + 'a,
{
    operations
        .enumerate()
        .ready_chunks(options.batch_size)
        .map(move |chunk| send_chunk(client, credential, chunk))
        .buffered(options.in_flight)
        .flat_map(futures_util::stream::iter)
}

/// One batch of the bulk API: the operations refused before sending are answered at once, the
/// others sent together; their results in input order.
async fn send_chunk(
    client: &Client,
    credential: &dyn UserAuth,
    chunk: Vec<(usize, Operation)>,
) -> Vec<BulkResult> {
    let mut results = Vec::with_capacity(chunk.len());
    let mut sent = Vec::with_capacity(chunk.len());
    let mut entries = Vec::with_capacity(chunk.len());
    for (index, operation) in chunk {
        match operation.entry() {
            Ok(entry) => {
                sent.push(index);
                entries.push(entry);
            }
            Err(error) => results.push(BulkResult {
                index,
                result: Err(error),
            }),
        }
    }
    if !entries.is_empty() {
        let answers = execute(client, credential, entries).await;
        results.extend(
            sent.into_iter()
                .zip(answers)
                .map(|(index, result)| BulkResult { index, result }),
        );
    }
    results.sort_by_key(|result| result.index);
    results
}
