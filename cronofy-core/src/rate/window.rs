//! One process's budget: a log of the requests admitted in the last window, kept in memory.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

use crate::rate::RateLimits;

/// The admitted requests of the last window (the longer of the two), and the pause a `429`
/// asked for.
#[derive(Debug, Default)]
pub(crate) struct Log {
    /// When each admitted request was admitted, and how many requests it counted for; oldest
    /// first.
    admitted: VecDeque<(Instant, u32)>,
    paused_until: Option<Instant>,
}

impl Log {
    /// Admits a request counting `cost` at `now` (recording it), or says how long to wait
    /// before asking again. Each window is `margin` longer than the limits say, so that the
    /// requests still fit Cronofy's windows when they reach it later than they left.
    pub(crate) fn admit(
        &mut self,
        limits: &RateLimits,
        margin: Duration,
        cost: u32,
        now: Instant,
    ) -> Result<(), Duration> {
        if let Some(until) = self.paused_until {
            if until > now {
                return Err(until - now);
            }
            self.paused_until = None;
        }
        let longest = limits.longest(margin);
        while let Some(&(at, _)) = self.admitted.front() {
            if now.saturating_duration_since(at) < longest {
                break;
            }
            self.admitted.pop_front();
        }
        let wait = limits
            .lengthened(margin)
            .into_iter()
            .filter_map(|(window, limit)| self.wait_in(window, limit, cost, now))
            .max();
        match wait {
            Some(wait) => Err(wait),
            None => {
                self.admitted.push_back((now, cost));
                Ok(())
            }
        }
    }

    /// Admits nothing until `until` (a later pause already set stays).
    pub(crate) fn pause(&mut self, until: Instant) {
        if self.paused_until.is_none_or(|current| current < until) {
            self.paused_until = Some(until);
        }
    }

    /// `None` if the window of `window` with `limit` takes `cost` more at `now`, else the wait
    /// until enough of its oldest requests have left it. A cost above the limit fits an
    /// empty window (it could never fit otherwise).
    fn wait_in(&self, window: Duration, limit: u32, cost: u32, now: Instant) -> Option<Duration> {
        let in_window = || {
            self.admitted
                .iter()
                .filter(move |(at, _)| now.saturating_duration_since(*at) < window)
        };
        let fits = |used: u64| used == 0 || used + u64::from(cost) <= u64::from(limit);
        let mut used: u64 = in_window().map(|(_, n)| u64::from(*n)).sum();
        if fits(used) {
            return None;
        }
        for (at, n) in in_window() {
            used -= u64::from(*n);
            if fits(used) {
                return Some(window - now.saturating_duration_since(*at));
            }
        }
        Some(window)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[tokio::test(start_paused = true)]
    async fn a_full_window_waits_for_its_oldest_request_to_leave() {
        let limits = RateLimits::new(3, 100);
        let mut log = Log::default();
        let start = Instant::now();
        for i in 0..3 {
            assert_eq!(log.admit(&limits, ms(0), 1, start + ms(i * 100)), Ok(()));
        }
        // The first left at 1 s: 700 ms after the fourth asks at 300 ms.
        assert_eq!(log.admit(&limits, ms(0), 1, start + ms(300)), Err(ms(700)));
        // With a margin, the window is that much longer.
        assert_eq!(log.admit(&limits, ms(50), 1, start + ms(300)), Err(ms(750)));
        assert_eq!(log.admit(&limits, ms(0), 1, start + ms(1000)), Ok(()));
        // A request counting two needs two to leave: those of 100 ms and 200 ms, the later
        // at 1.2 s.
        assert_eq!(log.admit(&limits, ms(0), 2, start + ms(1000)), Err(ms(200)));
    }

    #[tokio::test(start_paused = true)]
    async fn the_minute_window_binds_once_the_seconds_add_up() {
        let limits = RateLimits::new(2, 3);
        let mut log = Log::default();
        let start = Instant::now();
        assert_eq!(log.admit(&limits, ms(0), 2, start), Ok(()));
        assert_eq!(log.admit(&limits, ms(0), 1, start + ms(1000)), Ok(()));
        assert_eq!(
            log.admit(&limits, ms(0), 1, start + ms(2000)),
            Err(ms(58_000))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn an_oversized_request_fits_an_empty_window_and_a_pause_holds_everything() {
        let limits = RateLimits::new(5, 100);
        let mut log = Log::default();
        let start = Instant::now();
        assert_eq!(log.admit(&limits, ms(0), 50, start), Ok(()));
        assert_eq!(log.admit(&limits, ms(0), 1, start), Err(ms(1000)));
        log.pause(start + ms(3000));
        log.pause(start + ms(2000));
        assert_eq!(
            log.admit(&limits, ms(0), 1, start + ms(1500)),
            Err(ms(1500))
        );
        assert_eq!(log.admit(&limits, ms(0), 1, start + ms(3000)), Ok(()));
    }
}
