//! The refresh work running in the background of this process, so that an application can
//! wait for it before it exits: [`shutdown`].
//!
//! A refresh runs in a task of its own (a caller that gives up cannot cut it off between
//! Cronofy rotating the refresh token and the store saving the new one), and a set whose save
//! failed is saved by a background task. Both would be cancelled with the runtime; a rotated
//! refresh token cancelled before its save is lost, and its user must authorize again.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tracing::Instrument as _;
use tracing::instrument::WithSubscriber as _;

/// The tasks in flight, and a wake-up for whoever waits for none to be.
struct InFlight {
    count: AtomicUsize,
    settled: Notify,
}

static IN_FLIGHT: InFlight = InFlight {
    count: AtomicUsize::new(0),
    settled: Notify::const_new(),
};

/// Counts one task for as long as it lives.
struct Counted;

impl Counted {
    fn new() -> Self {
        IN_FLIGHT.count.fetch_add(1, Ordering::SeqCst);
        Counted
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        if IN_FLIGHT.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            IN_FLIGHT.settled.notify_waiters();
        }
    }
}

/// Spawns `work` as refresh work that [`shutdown`] waits for, in the caller's span and with the
/// caller's subscriber: a refresh runs in a task (so that it finishes even if the call that
/// started it is dropped) but is still traced as a child of that call, also where the
/// subscriber is the thread's (`set_default`) and the task runs on another thread.
pub(crate) fn spawn<T: Send + 'static>(
    work: impl Future<Output = T> + Send + 'static,
) -> JoinHandle<T> {
    let counted = Counted::new();
    tokio::spawn(
        async move {
            let _counted = counted;
            work.await
        }
        .in_current_span()
        .with_current_subscriber(),
    )
}

/// Refresh work still in flight when [`shutdown`] gave up waiting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{in_flight} token refresh or save task(s) were still running after the wait: a token set rotated by Cronofy may not be saved yet (its user would have to authorize again); wait longer, or make the token store reachable"
)]
pub struct ShutdownTimedOut {
    /// How many tasks were still running.
    pub in_flight: usize,
}

/// Waits, at most `patience`, until no token refresh or save of this process is in flight:
/// call it before the runtime stops (the end of `main`, a shutdown signal), so that a token
/// set Cronofy rotated is saved to the token store before the process exits. A set whose
/// save keeps failing is retried in the background until it is saved; this gives up after
/// `patience` and says how much work was left.
///
/// ```no_run
/// /// Your application: serves requests until it is asked to stop.
/// async fn serve() {}
///
/// #[tokio::main]
/// async fn main() {
///     serve().await;
///     if let Err(left) = cronofy::oauth::shutdown(std::time::Duration::from_secs(30)).await {
///         eprintln!("{left}");
///     }
/// }
/// ```
pub async fn shutdown(patience: Duration) -> Result<(), ShutdownTimedOut> {
    let waited = tokio::time::timeout(patience, async {
        loop {
            let settled = IN_FLIGHT.settled.notified();
            if IN_FLIGHT.count.load(Ordering::SeqCst) == 0 {
                return;
            }
            settled.await;
        }
    })
    .await;
    waited.map_err(|_| ShutdownTimedOut {
        in_flight: IN_FLIGHT.count.load(Ordering::SeqCst),
    })
}
