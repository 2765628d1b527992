//! A rate budget shared by several processes, kept in Redis.

use std::fmt;
use std::time::Duration;

use crate::Error;
use crate::oauth::RedisTokenStore;
use crate::rate::RateLimits;

/// An application's rate budget in Redis, shared by every process that uses the same key:
/// from [`RedisTokenStore::rate_budget`], for
/// [`RateGovernor::shared`](crate::rate::RateGovernor::shared).
///
/// Each admission is one script run atomically by Redis on its own clock (so the processes'
/// clocks need not agree): it drops the requests that have left each window, admits the
/// request if both windows have room, and otherwise answers how long to wait. The keys
/// (`cronofy:rate:{app:application}:...`) expire a second after the longer window (and the
/// margin) has passed since the last admission. Needs Redis 5 or later.
///
/// ```no_run
/// use cronofy::oauth::RedisTokenStore;
/// use cronofy::rate::{RateGovernor, RateLimits};
/// use cronofy::{Client, DataCenter};
///
/// async fn client() -> Result<Client, Box<dyn std::error::Error>> {
///     let store = RedisTokenStore::connect("redis://127.0.0.1:6379").await?;
///     let governor = RateGovernor::shared(RateLimits::cronofy(), store.rate_budget("my-client-id"));
///     Ok(Client::builder()
///         .data_center(DataCenter::Us)
///         .rate_governor(governor)
///         .build()?)
/// }
/// ```
///
/// If Redis cannot be reached, a call that needs an admission fails with
/// [`Error::TokenStore`] rather than going out unaccounted.
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
#[derive(Clone)]
pub struct RedisRateBudget {
    store: RedisTokenStore,
    application: String,
    /// The second's log, the minute's log, the pause, the member counter.
    keys: [String; 4],
}

impl RedisRateBudget {
    pub(crate) fn new(store: RedisTokenStore, application: &str) -> Self {
        // One hash tag, so that a Redis Cluster keeps the four keys on one node, as a script
        // needs; its prefix keeps it from being empty, which would not count as a tag.
        let key = |part: &str| format!("cronofy:rate:{{app:{application}}}:{part}");
        RedisRateBudget {
            store,
            application: application.to_owned(),
            keys: [key("second"), key("minute"), key("pause"), key("counter")],
        }
    }

    /// The application whose budget this is.
    pub fn application(&self) -> &str {
        &self.application
    }

    /// Admits a request counting `cost` (`Ok(Ok(()))`) or says how long to wait.
    pub(crate) async fn admit(
        &self,
        limits: &RateLimits,
        margin: Duration,
        cost: u32,
    ) -> Result<Result<(), Duration>, Error> {
        let [second, minute] = super::window_micros(limits, margin);
        let args = [
            u64::from(cost),
            u64::from(limits.per_second()),
            u64::from(limits.per_minute()),
            second,
            minute,
        ];
        let wait = self
            .store
            .rate_admit(&self.keys, args)
            .await
            .map_err(Error::TokenStore)?;
        Ok(super::verdict(wait))
    }

    /// Admits nothing for `wait`.
    pub(crate) async fn pause(&self, wait: Duration) -> Result<(), Error> {
        let micros = super::micros(wait).max(1);
        self.store
            .rate_pause(&self.keys[2], micros)
            .await
            .map_err(Error::TokenStore)
    }
}

impl fmt::Debug for RedisRateBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisRateBudget")
            .field("application", &self.application)
            .finish_non_exhaustive()
    }
}
