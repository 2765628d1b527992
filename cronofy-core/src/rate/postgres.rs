//! A rate budget shared by several processes, kept in PostgreSQL.

use std::fmt;
use std::time::Duration;

use crate::Error;
use crate::oauth::PostgresTokenStore;
use crate::rate::RateLimits;

/// An application's rate budget in PostgreSQL, shared by every process that uses the same
/// application name: from [`PostgresTokenStore::rate_budget`], for
/// [`RateGovernor::shared`](crate::rate::RateGovernor::shared).
///
/// Each admission is one call of the function `cronofy_rate_admit`, which
/// [`PostgresTokenStore::migrate`] creates with its tables: under an advisory lock per
/// application, on the database's clock, it drops the requests that have left the windows,
/// admits the request if both windows have room, and otherwise answers how long to wait.
///
/// ```no_run
/// use cronofy::oauth::PostgresTokenStore;
/// use cronofy::rate::{RateGovernor, RateLimits};
/// use cronofy::{Client, DataCenter};
///
/// async fn client() -> Result<Client, Box<dyn std::error::Error>> {
///     let store = PostgresTokenStore::connect("host=127.0.0.1 user=app dbname=app").await?;
///     store.migrate().await?;
///     let governor = RateGovernor::shared(RateLimits::cronofy(), store.rate_budget("my-client-id"));
///     Ok(Client::builder()
///         .data_center(DataCenter::Us)
///         .rate_governor(governor)
///         .build()?)
/// }
/// ```
///
/// If the database cannot be reached, a call that needs an admission fails with
/// [`Error::TokenStore`] rather than going out unaccounted.
#[cfg_attr(docsrs, doc(cfg(feature = "postgres")))]
#[derive(Clone)]
pub struct PostgresRateBudget {
    store: PostgresTokenStore,
    application: String,
}

impl PostgresRateBudget {
    pub(crate) fn new(store: PostgresTokenStore, application: String) -> Self {
        PostgresRateBudget { store, application }
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
        let windows = super::window_micros(limits, margin)
            .map(|window| i64::try_from(window).unwrap_or(i64::MAX));
        let int = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
        let wait = self
            .store
            .rate_admit(
                &self.application,
                int(cost),
                [int(limits.per_second()), int(limits.per_minute())],
                windows,
            )
            .await
            .map_err(Error::TokenStore)?;
        Ok(super::verdict(wait))
    }

    /// Admits nothing for `wait`.
    pub(crate) async fn pause(&self, wait: Duration) -> Result<(), Error> {
        let micros = i64::try_from(super::micros(wait))
            .unwrap_or(i64::MAX)
            .max(1);
        self.store
            .rate_pause(&self.application, micros)
            .await
            .map_err(Error::TokenStore)
    }
}

impl fmt::Debug for PostgresRateBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresRateBudget")
            .field("application", &self.application)
            .finish_non_exhaustive()
    }
}
