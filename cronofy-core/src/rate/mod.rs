//! Staying within Cronofy's rate limits: a [`RateGovernor`] makes calls wait for the budget
//! instead of meeting `429 Too Many Requests`.
//!
//! Cronofy documents 50 requests per second and 500 per minute per application. A client
//! built with a governor ([`ClientBuilder::rate_governor`](crate::ClientBuilder::rate_governor))
//! asks it before every attempt it sends, retries included; the governor admits the attempt
//! when both windows have room and otherwise makes it wait, callers taking their turn in the
//! order they came. When Cronofy answers `429` all the same (another application instance
//! without a governor, limits lower than documented), the governor holds back **every**
//! caller for the `Retry-After` Cronofy asked (1 s if it asked nothing; at most the longer
//! window and the margin), not only the one that met it.
//!
//! Token requests (`/oauth/token`: the code exchange, a refresh) do not wait for the budget:
//! a refresh queued behind every other caller would hold up every caller of its credential,
//! and the fake Cronofy does not count them. When the governor refuses a
//! retry (past its [`max_wait`](RateGovernor::max_wait)), the call returns the failure of the
//! attempt it was retrying, which was sent.
//!
//! **Off by default.** The limits are per application, and only you know how many processes
//! share your application's budget: a governor per process would let two processes send twice
//! the budget, and one on by default would slow down clients that talk to a test server. Build
//! one governor per application and give it to every client of that application:
//!
//! - [`RateGovernor::in_memory`] for one process (its clones and every client given one of
//!   them share the budget);
//! - [`RateGovernor::shared`] for several processes, with a [`RedisRateBudget`] (feature
//!   `redis`: each admission one atomic script, on Redis's clock) or a [`PostgresRateBudget`]
//!   (feature `postgres`: each admission one function call under an advisory lock, on the
//!   database's clock).
//!
//! ```
//! use cronofy::rate::{RateGovernor, RateLimits};
//! use cronofy::{Client, DataCenter};
//!
//! fn main() -> Result<(), cronofy::ClientBuildError> {
//!     // One governor per application: clones share its budget.
//!     let governor = RateGovernor::in_memory(RateLimits::cronofy());
//!     let client: Client = Client::builder()
//!         .data_center(DataCenter::Uk)
//!         .rate_governor(governor.clone())
//!         .build()?;
//!     assert!(client.rate_governor().is_some());
//!     Ok(())
//! }
//! ```
//!
//! # Why not a token bucket
//!
//! A token bucket (GCRA, as the `governor` crate implements it) refills continuously: one
//! sized to the documented limits (50 at once, one more every 20 ms; 500 at once, one more
//! every 120 ms) admits 99 requests in its first second and 999 in its first minute, twice
//! what Cronofy accepts in a window. A bucket small enough never to exceed a window (a burst of
//! one, every 120 ms) sends 8 requests per second where Cronofy admits 50: a batch job of 200
//! calls would take 24 s instead of 4. The governor keeps instead what Cronofy's limits
//! describe: the requests admitted in the last second and minute, admitting a request when
//! both windows have room. It is the reading of the limits that the fake Cronofy enforces
//! (`cronofy_fake::RateLimits`), the strictest one, so that a client within it is within
//! Cronofy's whatever windows Cronofy really uses.
//!
//! # Batches
//!
//! Cronofy does not document how a [`/v1/batch`](https://docs.cronofy.com/developers/api/batch/)
//! call counts toward the limits. [`BatchCounting`] tells the governor which to assume: one
//! request per call (the default), or one per entry.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use crate::Error;

#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "redis")]
mod redis;
mod window;

#[cfg(feature = "postgres")]
pub use self::postgres::PostgresRateBudget;
#[cfg(feature = "redis")]
pub use self::redis::RedisRateBudget;

/// How long each window is lengthened by default: see [`RateGovernor::margin`].
pub const DEFAULT_MARGIN: Duration = Duration::from_millis(50);

/// How long every caller is held back after a `429` that did not say how long to wait.
pub const DEFAULT_BACK_OFF: Duration = Duration::from_secs(1);

/// The longest window [`RateLimits::windows`] takes.
const LONGEST_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);

/// The largest [`RateGovernor::margin`].
const LARGEST_MARGIN: Duration = Duration::from_secs(60);

/// How a `POST /v1/batch` call counts against the limits. Cronofy does not document it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum BatchCounting {
    /// A batch call is one request, however many entries it holds (the default).
    #[default]
    OnePerCall,
    /// Each entry of a batch counts as one request (an empty or unreadable batch still counts
    /// one).
    PerEntry,
}

/// Rate limits: how many requests an application may send per second and per minute, and how
/// a batch counts.
///
/// ```
/// use std::time::Duration;
/// use cronofy::rate::{BatchCounting, RateLimits};
///
/// // What Cronofy documents: 50 per second, 500 per minute, a batch counting once.
/// let cronofy = RateLimits::cronofy();
/// assert_eq!((cronofy.per_second(), cronofy.per_minute()), (50, 500));
///
/// // Small limits over short windows keep a test fast.
/// let quick = RateLimits::new(5, 20)
///     .windows(Duration::from_millis(200), Duration::from_secs(2))
///     .batch(BatchCounting::PerEntry);
/// assert_eq!(quick.window_lengths().1, Duration::from_secs(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct RateLimits {
    per_second: u32,
    per_minute: u32,
    batch: BatchCounting,
    second: Duration,
    minute: Duration,
}

impl RateLimits {
    /// `per_second` requests in any second and `per_minute` in any minute (each at least 1),
    /// a batch counting as one request.
    pub fn new(per_second: u32, per_minute: u32) -> Self {
        RateLimits {
            per_second: per_second.max(1),
            per_minute: per_minute.max(1),
            batch: BatchCounting::OnePerCall,
            second: Duration::from_secs(1),
            minute: Duration::from_secs(60),
        }
    }

    /// Cronofy's documented limits: 50 requests per second and 500 per minute per application.
    pub fn cronofy() -> Self {
        RateLimits::new(50, 500)
    }

    /// How a batch call counts (default [`BatchCounting::OnePerCall`]).
    pub fn batch(mut self, counting: BatchCounting) -> Self {
        self.batch = counting;
        self
    }

    /// Shorter (or longer) windows in place of the second and the minute, so a test of the
    /// per-minute limit need not last a minute. Each is brought within 1 ms to 1 day.
    pub fn windows(mut self, second: Duration, minute: Duration) -> Self {
        let within = |window: Duration| window.clamp(Duration::from_millis(1), LONGEST_WINDOW);
        self.second = within(second);
        self.minute = within(minute);
        self
    }

    /// Requests admitted per second-long window.
    pub fn per_second(&self) -> u32 {
        self.per_second
    }

    /// Requests admitted per minute-long window.
    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    /// How a batch call counts.
    pub fn batch_counting(&self) -> BatchCounting {
        self.batch
    }

    /// The lengths of the "second" and the "minute" windows.
    pub fn window_lengths(&self) -> (Duration, Duration) {
        (self.second, self.minute)
    }

    /// The second's and the minute's windows, each lengthened by `margin`, with their limits:
    /// the windows every budget keeps.
    fn lengthened(&self, margin: Duration) -> [(Duration, u32); 2] {
        [
            (self.second.saturating_add(margin), self.per_second),
            (self.minute.saturating_add(margin), self.per_minute),
        ]
    }

    /// The longer of the two windows, lengthened by `margin`.
    fn longest(&self, margin: Duration) -> Duration {
        self.second.max(self.minute).saturating_add(margin)
    }
}

impl Default for RateLimits {
    /// [`RateLimits::cronofy`].
    fn default() -> Self {
        RateLimits::cronofy()
    }
}

/// Makes a client's calls wait for the application's rate budget: see the
/// [module docs](self). Cheap to clone; clones share one budget.
#[derive(Clone)]
pub struct RateGovernor {
    inner: Arc<Inner>,
}

struct Inner {
    limits: RateLimits,
    /// In µs; shared by every clone.
    margin: AtomicU64,
    /// In µs, `u64::MAX` for none; shared by every clone.
    max_wait: AtomicU64,
    budget: Budget,
    /// Callers wait here for their turn, first come first served, so that a freed slot goes to
    /// the caller that has waited longest rather than to whichever wakes first.
    turnstile: tokio::sync::Mutex<()>,
    admitted: AtomicU64,
    waited: AtomicU64,
    waited_micros: AtomicU64,
    back_offs: AtomicU64,
}

enum Budget {
    Memory(Mutex<window::Log>),
    #[cfg(feature = "redis")]
    Redis(RedisRateBudget),
    #[cfg(feature = "postgres")]
    Postgres(PostgresRateBudget),
}

/// A rate budget kept outside the process, for [`RateGovernor::shared`]: a
/// [`RedisRateBudget`] (feature `redis`) or a [`PostgresRateBudget`] (feature `postgres`),
/// from their token store's `rate_budget`.
#[cfg(any(feature = "redis", feature = "postgres"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "redis", feature = "postgres"))))]
pub struct SharedBudget(Budget);

#[cfg(feature = "redis")]
impl From<RedisRateBudget> for SharedBudget {
    fn from(budget: RedisRateBudget) -> Self {
        SharedBudget(Budget::Redis(budget))
    }
}

#[cfg(feature = "postgres")]
impl From<PostgresRateBudget> for SharedBudget {
    fn from(budget: PostgresRateBudget) -> Self {
        SharedBudget(Budget::Postgres(budget))
    }
}

#[cfg(any(feature = "redis", feature = "postgres"))]
impl fmt::Debug for SharedBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SharedBudget").field(&self.0.name()).finish()
    }
}

impl Budget {
    /// Admits a request counting `cost` into this budget (`Ok(Ok(()))`), or says how long to
    /// wait.
    async fn admit(
        &self,
        limits: &RateLimits,
        margin: Duration,
        cost: u32,
    ) -> Result<Result<(), Duration>, Error> {
        match self {
            Budget::Memory(log) => Ok(log.lock().unwrap_or_else(PoisonError::into_inner).admit(
                limits,
                margin,
                cost,
                Instant::now(),
            )),
            #[cfg(feature = "redis")]
            Budget::Redis(budget) => budget.admit(limits, margin, cost).await,
            #[cfg(feature = "postgres")]
            Budget::Postgres(budget) => budget.admit(limits, margin, cost).await,
        }
    }

    /// Admits nothing for `wait`.
    async fn pause(&self, wait: Duration) -> Result<(), Error> {
        match self {
            Budget::Memory(log) => {
                log.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .pause(Instant::now() + wait);
                Ok(())
            }
            #[cfg(feature = "redis")]
            Budget::Redis(budget) => budget.pause(wait).await,
            #[cfg(feature = "postgres")]
            Budget::Postgres(budget) => budget.pause(wait).await,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Budget::Memory(_) => "memory",
            #[cfg(feature = "redis")]
            Budget::Redis(_) => "redis",
            #[cfg(feature = "postgres")]
            Budget::Postgres(_) => "postgres",
        }
    }
}

/// What a [`RateGovernor`] (and its clones) has done since it was built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct GovernorStats {
    /// Attempts admitted.
    pub admitted: u64,
    /// Attempts that had to wait before they were admitted (for room in the budget, or for
    /// the callers ahead of them).
    pub waited: u64,
    /// The time they waited, added up.
    pub waited_for: Duration,
    /// `429` answers that held every caller back.
    pub back_offs: u64,
}

impl RateGovernor {
    /// A governor for one process: its budget is kept in memory.
    pub fn in_memory(limits: RateLimits) -> Self {
        RateGovernor::with_budget(limits, Budget::Memory(Mutex::default()))
    }

    /// A governor whose budget is kept in Redis or PostgreSQL, shared by every process given
    /// one with the same application name: `store.rate_budget("my-client-id")` of a
    /// [`RedisTokenStore`](crate::oauth::RedisTokenStore) or a
    /// [`PostgresTokenStore`](crate::oauth::PostgresTokenStore).
    #[cfg(any(feature = "redis", feature = "postgres"))]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "redis", feature = "postgres"))))]
    pub fn shared(limits: RateLimits, budget: impl Into<SharedBudget>) -> Self {
        RateGovernor::with_budget(limits, budget.into().0)
    }

    fn with_budget(limits: RateLimits, budget: Budget) -> Self {
        RateGovernor {
            inner: Arc::new(Inner {
                limits,
                margin: AtomicU64::new(micros(DEFAULT_MARGIN)),
                max_wait: AtomicU64::new(u64::MAX),
                budget,
                turnstile: tokio::sync::Mutex::new(()),
                admitted: AtomicU64::new(0),
                waited: AtomicU64::new(0),
                waited_micros: AtomicU64::new(0),
                back_offs: AtomicU64::new(0),
            }),
        }
    }

    /// Lengthens each window by `margin` (default [`DEFAULT_MARGIN`], 50 ms; at most a
    /// minute): a request reaches Cronofy some time after the governor admits it, and not
    /// always the same time, so two requests a window apart here may be less than a window
    /// apart there. A slow or uneven network wants a larger margin; the cost is
    /// `margin / window` of the budget (5 % of a second's). Applies to every clone.
    #[must_use]
    pub fn margin(self, margin: Duration) -> Self {
        let margin = margin.min(LARGEST_MARGIN);
        self.inner.margin.store(micros(margin), Ordering::Relaxed);
        self
    }

    /// The longest a call waits for the budget (default: as long as it takes). A call that
    /// would wait longer fails at once with [`Error::RateBudgetExhausted`], and nothing is
    /// sent: a web request may rather tell its user to come back than hang behind a batch
    /// job. Waiting for the callers ahead of it counts too. Applies to every clone.
    #[must_use]
    pub fn max_wait(self, wait: Duration) -> Self {
        self.inner
            .max_wait
            .store(micros(wait).min(u64::MAX - 1), Ordering::Relaxed);
        self
    }

    fn margin_now(&self) -> Duration {
        Duration::from_micros(self.inner.margin.load(Ordering::Relaxed))
    }

    fn max_wait_now(&self) -> Option<Duration> {
        match self.inner.max_wait.load(Ordering::Relaxed) {
            u64::MAX => None,
            micros => Some(Duration::from_micros(micros)),
        }
    }

    /// The limits it keeps to.
    pub fn limits(&self) -> &RateLimits {
        &self.inner.limits
    }

    /// What it has done so far.
    pub fn stats(&self) -> GovernorStats {
        let inner = &self.inner;
        GovernorStats {
            admitted: inner.admitted.load(Ordering::Relaxed),
            waited: inner.waited.load(Ordering::Relaxed),
            waited_for: Duration::from_micros(inner.waited_micros.load(Ordering::Relaxed)),
            back_offs: inner.back_offs.load(Ordering::Relaxed),
        }
    }

    /// Waits until the budget admits a request counting `cost` (1, or a batch's entries when
    /// they count), records it, and returns how long it waited.
    ///
    /// A client's own attempts are admitted by the client; call this for requests to Cronofy
    /// sent some other way, so that they share the budget (and not for the client's calls:
    /// they would count twice).
    ///
    /// # Errors
    ///
    /// [`Error::RateBudgetExhausted`] past the [`max_wait`](Self::max_wait);
    /// [`Error::TokenStore`] when a shared budget's store cannot be reached.
    pub async fn admit(&self, cost: u32) -> Result<Duration, Error> {
        let inner = &*self.inner;
        // A batch counting more than a window holds is admitted into an empty window (it
        // could never fit otherwise), and counted in full.
        let cost = cost.max(1);
        let (margin, max_wait) = (self.margin_now(), self.max_wait_now());
        let started = Instant::now();
        // Callers ahead of this one, or a full budget, make it wait; a free turn and room in
        // the budget admit it at once, and its wait is zero.
        let mut waited = false;
        let _turn = match inner.turnstile.try_lock() {
            Ok(turn) => turn,
            Err(_) => {
                waited = true;
                match max_wait {
                    None => inner.turnstile.lock().await,
                    Some(max_wait) => tokio::time::timeout(max_wait, inner.turnstile.lock())
                        .await
                        .map_err(|_| Error::RateBudgetExhausted {
                            // How much longer the callers ahead of it take is not known.
                            wait: Duration::ZERO,
                        })?,
                }
            }
        };
        loop {
            match inner.budget.admit(&inner.limits, margin, cost).await? {
                Ok(()) => break,
                Err(wait) => {
                    if let Some(max_wait) = max_wait
                        && started.elapsed().saturating_add(wait) > max_wait
                    {
                        return Err(Error::RateBudgetExhausted { wait });
                    }
                    waited = true;
                    tokio::time::sleep(wait).await;
                }
            }
        }
        inner.admitted.fetch_add(1, Ordering::Relaxed);
        if !waited {
            return Ok(Duration::ZERO);
        }
        let waited = started.elapsed();
        inner.waited.fetch_add(1, Ordering::Relaxed);
        inner
            .waited_micros
            .fetch_add(micros(waited), Ordering::Relaxed);
        Ok(waited)
    }

    /// Holds every caller back for `wait`, at most the longer window and the margin: what
    /// the client does when Cronofy answers `429` (for its `Retry-After`, which could ask
    /// for anything); call it for a `429` received some other way.
    ///
    /// # Errors
    ///
    /// [`Error::TokenStore`] when a shared budget's store cannot be reached.
    pub async fn back_off(&self, wait: Duration) -> Result<(), Error> {
        let inner = &*self.inner;
        // A window's worth of waiting frees any budget; a longer pause would only stall every
        // caller on a server's say-so (and a huge one overflow the clock).
        let wait = wait.min(inner.limits.longest(self.margin_now()));
        inner.back_offs.fetch_add(1, Ordering::Relaxed);
        inner.budget.pause(wait).await
    }
}

/// `duration` in whole µs, saturated.
fn micros(duration: Duration) -> u64 {
    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX)
}

/// The second's and the minute's windows, each lengthened by `margin`, in µs: what the shared
/// budgets' scripts take (at most a day and a minute each, so they fit an `i64` too).
#[cfg(any(feature = "redis", feature = "postgres"))]
fn window_micros(limits: &RateLimits, margin: Duration) -> [u64; 2] {
    limits.lengthened(margin).map(|(window, _)| micros(window))
}

/// A shared budget's answer: 0 admits, anything else is the µs to wait.
#[cfg(any(feature = "redis", feature = "postgres"))]
fn verdict(wait_micros: u64) -> Result<(), Duration> {
    match wait_micros {
        0 => Ok(()),
        wait => Err(Duration::from_micros(wait)),
    }
}

impl fmt::Debug for RateGovernor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateGovernor")
            .field("limits", &self.inner.limits)
            .field("margin", &self.margin_now())
            .field("max_wait", &self.max_wait_now())
            .field("budget", &self.inner.budget.name())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARGIN: Duration = Duration::from_millis(50);

    #[tokio::test(start_paused = true)]
    async fn callers_beyond_a_window_wait_for_it_to_move_on_in_the_order_they_came() {
        let governor = RateGovernor::in_memory(RateLimits::new(3, 100));
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(governor.admit(1).await.unwrap(), Duration::ZERO);
        }
        let order = Arc::new(Mutex::new(Vec::new()));
        let waiters: Vec<_> = (0..3)
            .map(|n| {
                let (governor, order) = (governor.clone(), Arc::clone(&order));
                tokio::spawn(async move {
                    governor.admit(1).await.unwrap();
                    order.lock().unwrap().push((n, start.elapsed()));
                })
            })
            .collect();
        for waiter in waiters {
            waiter.await.unwrap();
        }
        let second = Duration::from_secs(1) + MARGIN;
        assert_eq!(
            *order.lock().unwrap(),
            vec![(0, second), (1, second), (2, second)]
        );
        let stats = governor.stats();
        assert_eq!((stats.admitted, stats.waited), (6, 3));
        assert_eq!(stats.waited_for, second * 3);
    }

    #[tokio::test(start_paused = true)]
    async fn a_later_caller_that_would_fit_sooner_does_not_pass_one_waiting_ahead_of_it() {
        let governor = RateGovernor::in_memory(RateLimits::new(2, 100)).margin(Duration::ZERO);
        let start = Instant::now();
        governor.admit(1).await.unwrap();
        tokio::time::advance(Duration::from_millis(500)).await;
        governor.admit(1).await.unwrap();
        // At 600 ms a batch of two asks: it needs both to leave the window, at 1.5 s.
        tokio::time::advance(Duration::from_millis(100)).await;
        let order = Arc::new(Mutex::new(Vec::new()));
        let (batch, single) = (governor.clone(), governor.clone());
        let (batch_order, single_order) = (Arc::clone(&order), Arc::clone(&order));
        let batch = tokio::spawn(async move {
            batch.admit(2).await.unwrap();
            batch_order.lock().unwrap().push(("batch", start.elapsed()));
        });
        tokio::task::yield_now().await;
        // At 1.1 s one slot is free, enough for a single request, but the batch came first.
        tokio::time::advance(Duration::from_millis(500)).await;
        let single = tokio::spawn(async move {
            single.admit(1).await.unwrap();
            single_order
                .lock()
                .unwrap()
                .push(("single", start.elapsed()));
        });
        batch.await.unwrap();
        single.await.unwrap();
        let order = order.lock().unwrap().clone();
        assert_eq!(order[0], ("batch", Duration::from_millis(1_500)));
        assert_eq!(order[1].0, "single");
        assert!(order[1].1 >= Duration::from_millis(2_500), "{order:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_call_that_would_wait_longer_than_max_wait_fails_at_once() {
        let governor =
            RateGovernor::in_memory(RateLimits::new(1, 100)).max_wait(Duration::from_millis(500));
        governor.admit(1).await.unwrap();
        let start = Instant::now();
        let error = governor.admit(1).await.unwrap_err();
        assert!(
            matches!(error, Error::RateBudgetExhausted { wait } if wait == Duration::from_secs(1) + MARGIN),
            "{error:?}"
        );
        assert_eq!(start.elapsed(), Duration::ZERO, "it did not wait to fail");
        // A wait within the bound is waited.
        tokio::time::advance(Duration::from_millis(600)).await;
        assert_eq!(governor.admit(1).await.unwrap(), Duration::from_millis(450));
    }

    #[tokio::test(start_paused = true)]
    async fn a_margin_set_through_any_clone_applies_to_every_clone() {
        let governor = RateGovernor::in_memory(RateLimits::new(1, 100));
        let _ = governor.clone().margin(Duration::from_millis(500));
        governor.admit(1).await.unwrap();
        assert_eq!(
            governor.admit(1).await.unwrap(),
            Duration::from_millis(1_500)
        );
        let _ = governor.clone().max_wait(Duration::from_millis(100));
        assert!(matches!(
            governor.admit(1).await,
            Err(Error::RateBudgetExhausted { .. })
        ));
    }

    #[tokio::test(start_paused = true)]
    async fn a_back_off_holds_back_every_caller_for_the_wait_asked() {
        let governor = RateGovernor::in_memory(RateLimits::new(50, 500));
        governor.admit(1).await.unwrap();
        governor.back_off(Duration::from_secs(2)).await.unwrap();
        let start = Instant::now();
        let callers: Vec<_> = (0..5)
            .map(|_| {
                let governor = governor.clone();
                tokio::spawn(async move { governor.admit(1).await.unwrap() })
            })
            .collect();
        for caller in callers {
            caller.await.unwrap();
        }
        assert_eq!(start.elapsed(), Duration::from_secs(2));
        assert_eq!(governor.stats().back_offs, 1);
    }

    #[tokio::test(start_paused = true)]
    async fn a_batch_counting_more_than_a_window_holds_is_admitted_into_an_empty_one() {
        let governor = RateGovernor::in_memory(RateLimits::new(10, 60));
        assert_eq!(governor.admit(50).await.unwrap(), Duration::ZERO);
        let second = Duration::from_secs(1) + MARGIN;
        assert_eq!(governor.admit(10).await.unwrap(), second);
        // All 50 count in the minute: with the 10, it is full until the 50 leave it.
        assert_eq!(
            governor.admit(1).await.unwrap(),
            Duration::from_secs(60) - second + MARGIN
        );
    }
}
