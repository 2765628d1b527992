//! Automatic batching: concurrent calls coalesced into batches.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc, oneshot};
use tokio::time::Instant;

use crate::auth::UserAuth;
use crate::batching::{Operation, execute};
use crate::events::{BatchEntry, ExecuteBatch};
use crate::{Client, Error};

/// How long a call waits for others to join its batch, unless the builder says otherwise.
pub const DEFAULT_FILL_WAIT: Duration = Duration::from_millis(20);

/// Batches sent at once by default.
const DEFAULT_IN_FLIGHT: usize = 4;
/// The most batches [`BatcherBuilder::in_flight`] allows at once.
const MOST_IN_FLIGHT: usize = 1_024;

/// Coalesces the operations submitted to it, from any number of tasks, into `/v1/batch`
/// requests for one user: see the [module docs](super). Cheap to clone; clones share one
/// queue.
///
/// A batch closes when it holds [`max_entries`](BatcherBuilder::max_entries) operations, or
/// when its first operation has waited the [fill wait](BatcherBuilder::fill_wait): no call
/// waits longer than that for others to join its batch. A closed batch is sent as soon as
/// fewer than [`in_flight`](BatcherBuilder::in_flight) batches are, and then waits, like any
/// call, for the rate governor's admission and for Cronofy's answer. When batches are sent
/// slower than operations come (the budget is spent), the queue holds at most
/// `max_entries x (in_flight + 1)` operations, and further calls wait to join it.
///
/// The operations of one batch are applied in order; two batches in flight may be applied in
/// either order (a batch retried after a `502` lands after a later one). Operations that must
/// follow one another (an upsert, then the deletion of the same event) want
/// [`in_flight(1)`](BatcherBuilder::in_flight), or one caller awaiting the first before
/// submitting the second. Each call gets its own operation's result:
/// `Ok(())`, or the [`Error`] the single call would have returned (a
/// [`Validation`](Error::Validation) with the fields Cronofy rejected, a
/// [`NotFound`](Error::NotFound), ...), or, when the whole batch failed (the credential
/// refused, no answer), that error.
///
/// An operation the single call would refuse before sending (an invalid body or path value)
/// is refused at once and never queued. A call dropped while it waits may still be sent with
/// its batch. The batcher's task runs on the runtime of the call that started it, and is
/// started again by the next call if that runtime has shut down; a call waiting when it did
/// returns [`Error::Timeout`], as if Cronofy had not answered: its operation may or may not
/// have been applied. Use it inside a Tokio runtime, as the client.
#[derive(Clone)]
pub struct Batcher {
    shared: Arc<Shared>,
}

struct Shared {
    client: Client,
    credential: Arc<dyn UserAuth>,
    limits: Limits,
    /// The queue of the running task; started on the first call, inside the caller's runtime,
    /// and again if that task has ended.
    queue: Mutex<Option<mpsc::Sender<Waiting>>>,
}

/// An operation waiting for its batch.
struct Waiting {
    entry: BatchEntry,
    queued_at: Instant,
    answer: oneshot::Sender<Result<(), Error>>,
}

/// Options of a [`Batcher`].
#[must_use]
pub struct BatcherBuilder {
    client: Client,
    credential: Arc<dyn UserAuth>,
    limits: Limits,
}

impl Batcher {
    /// A batcher for `credential`'s calls through `client`, with the default options.
    pub fn new(client: Client, credential: impl UserAuth + 'static) -> Batcher {
        Batcher::builder(client, credential).build()
    }

    /// A batcher with other options.
    pub fn builder(client: Client, credential: impl UserAuth + 'static) -> BatcherBuilder {
        BatcherBuilder {
            client,
            credential: Arc::new(credential),
            limits: Limits {
                fill_wait: DEFAULT_FILL_WAIT,
                max_entries: ExecuteBatch::MAX_ENTRIES,
                in_flight: DEFAULT_IN_FLIGHT,
            },
        }
    }

    /// Submits `operation` to the next batch, and returns its result once the batch is
    /// answered.
    ///
    /// # Errors
    ///
    /// The error the single call would have returned (see [`Batcher`]).
    pub async fn submit(&self, operation: Operation) -> Result<(), Error> {
        let entry = operation.entry()?;
        let (answer, answered) = oneshot::channel();
        let waiting = Waiting {
            entry,
            queued_at: Instant::now(),
            answer,
        };
        // A task that ended with its runtime hands the operation back: once more, to a task
        // started afresh.
        let waiting = match self.queue().send(waiting).await {
            Ok(()) => return answered.await.unwrap_or(Err(Error::Timeout)),
            Err(mpsc::error::SendError(waiting)) => waiting,
        };
        if self.queue().send(waiting).await.is_err() {
            return Err(Error::Timeout);
        }
        answered.await.unwrap_or(Err(Error::Timeout))
    }

    /// The queue of the running task, started if there is none (or it has ended).
    fn queue(&self) -> mpsc::Sender<Waiting> {
        let shared = &self.shared;
        let mut slot = shared.queue.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(queue) = slot.as_ref().filter(|queue| !queue.is_closed()) {
            return queue.clone();
        }
        let limits = shared.limits;
        // At most 50 x 1,025: well within what a channel holds.
        let (queue, waiting) = mpsc::channel(limits.max_entries * (limits.in_flight + 1));
        tokio::spawn(collect(
            waiting,
            shared.client.clone(),
            Arc::clone(&shared.credential),
            limits,
        ));
        *slot = Some(queue.clone());
        queue
    }
}

impl BatcherBuilder {
    /// The longest an operation waits for others to join its batch (default
    /// [`DEFAULT_FILL_WAIT`], 20 ms). Zero sends what is queued at once.
    pub fn fill_wait(mut self, wait: Duration) -> Self {
        self.limits.fill_wait = wait;
        self
    }

    /// The most operations in one batch: 1 to [`ExecuteBatch::MAX_ENTRIES`] (50, the
    /// default); values outside are brought within.
    pub fn max_entries(mut self, entries: usize) -> Self {
        self.limits.max_entries = entries.clamp(1, ExecuteBatch::MAX_ENTRIES);
        self
    }

    /// The most batches sent at once (default 4; 1 to 1,024): a full batch waits for one of
    /// them to be answered.
    pub fn in_flight(mut self, batches: usize) -> Self {
        self.limits.in_flight = batches.clamp(1, MOST_IN_FLIGHT);
        self
    }

    /// The batcher.
    pub fn build(self) -> Batcher {
        Batcher {
            shared: Arc::new(Shared {
                client: self.client,
                credential: self.credential,
                limits: self.limits,
                queue: Mutex::new(None),
            }),
        }
    }
}

/// How the batches are formed and sent: a batcher's options.
#[derive(Debug, Clone, Copy)]
struct Limits {
    fill_wait: Duration,
    max_entries: usize,
    in_flight: usize,
}

/// Empties the queue into batches until every [`Batcher`] clone is gone and the queue is
/// empty.
async fn collect(
    mut queue: mpsc::Receiver<Waiting>,
    client: Client,
    credential: Arc<dyn UserAuth>,
    limits: Limits,
) {
    let in_flight = Arc::new(Semaphore::new(limits.in_flight));
    while let Some(batch) = next_batch(&mut queue, limits).await {
        // Only fails once the semaphore is closed, which it never is.
        let Ok(permit) = Arc::clone(&in_flight).acquire_owned().await else {
            return;
        };
        let (client, credential) = (client.clone(), Arc::clone(&credential));
        tokio::spawn(async move {
            let (entries, answers): (Vec<_>, Vec<_>) = batch
                .into_iter()
                .map(|waiting| (waiting.entry, waiting.answer))
                .unzip();
            let results = execute(&client, &*credential, entries).await;
            drop(permit);
            for (answer, result) in answers.into_iter().zip(results) {
                // A caller that stopped waiting has dropped its end: nothing to tell.
                let _ = answer.send(result);
            }
        });
    }
}

/// The next batch: the first operation queued, and those that join it before it is full or
/// its fill wait is over. `None` once the queue is closed and empty.
async fn next_batch(queue: &mut mpsc::Receiver<Waiting>, limits: Limits) -> Option<Vec<Waiting>> {
    let first = queue.recv().await?;
    let deadline = first.queued_at + limits.fill_wait;
    let mut batch = Vec::with_capacity(limits.max_entries);
    batch.push(first);
    while batch.len() < limits.max_entries {
        // What is queued already joins without waiting, even past the deadline.
        match queue.try_recv() {
            Ok(waiting) => {
                batch.push(waiting);
                continue;
            }
            Err(mpsc::error::TryRecvError::Disconnected) => break,
            Err(mpsc::error::TryRecvError::Empty) => {}
        }
        match tokio::time::timeout_at(deadline, queue.recv()).await {
            Ok(Some(waiting)) => batch.push(waiting),
            Ok(None) | Err(_) => break,
        }
    }
    Some(batch)
}

impl fmt::Debug for Batcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batcher")
            .field("limits", &self.shared.limits)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for BatcherBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatcherBuilder")
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{DELETE_EVENT, DeleteEvent};

    fn queue_one(queue: &mpsc::Sender<Waiting>) -> oneshot::Receiver<Result<(), Error>> {
        let (answer, answered) = oneshot::channel();
        let entry = BatchEntry::new(&DELETE_EVENT, &["cal_1"], &DeleteEvent::new("evt")).unwrap();
        let waiting = Waiting {
            entry,
            queued_at: Instant::now(),
            answer,
        };
        queue.try_send(waiting).ok().unwrap();
        answered
    }

    const LIMITS: Limits = Limits {
        fill_wait: Duration::from_millis(100),
        max_entries: 3,
        in_flight: 1,
    };

    #[tokio::test(start_paused = true)]
    async fn a_batch_closes_when_its_first_operation_has_waited_the_fill_wait() {
        let (queue, mut waiting) = mpsc::channel(16);
        let start = Instant::now();
        let _first = queue_one(&queue);
        let joiner = queue.clone();
        let late = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(40)).await;
            let second = queue_one(&joiner);
            tokio::time::sleep(Duration::from_millis(110)).await;
            (second, queue_one(&joiner))
        });
        let batch = next_batch(&mut waiting, LIMITS).await.unwrap();
        assert_eq!(batch.len(), 2, "the operation queued at 40 ms joined");
        assert_eq!(start.elapsed(), Duration::from_millis(100));
        // The third, queued at 150 ms, starts a batch of its own, closed at 250 ms.
        let batch = next_batch(&mut waiting, LIMITS).await.unwrap();
        assert_eq!(batch.len(), 1);
        assert_eq!(start.elapsed(), Duration::from_millis(250));
        drop(late.await.unwrap());
    }

    #[tokio::test(start_paused = true)]
    async fn a_full_batch_goes_at_once_and_what_waited_past_its_fill_wait_goes_without_waiting() {
        let (queue, mut waiting) = mpsc::channel(16);
        let start = Instant::now();
        let _answers: Vec<_> = (0..5).map(|_| queue_one(&queue)).collect();
        let batch = next_batch(&mut waiting, LIMITS).await.unwrap();
        assert_eq!((batch.len(), start.elapsed()), (3, Duration::ZERO));
        // The other two were queued at 0: their batch waits for no one past 100 ms.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let batch = next_batch(&mut waiting, LIMITS).await.unwrap();
        assert_eq!(
            (batch.len(), start.elapsed()),
            (2, Duration::from_millis(500))
        );
        drop(queue);
        assert!(next_batch(&mut waiting, LIMITS).await.is_none());
    }
}
