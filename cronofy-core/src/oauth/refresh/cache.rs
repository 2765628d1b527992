//! A value replaced by one loader at a time (single flight), knowing nothing of OAuth or
//! stores: the pattern of smithy-rs's `ExpiringCache`.
//!
//! Readers copy the current value without waiting. A caller that finds the value it saw stale
//! asks for a [`Turn`]: under an async lock it learns whether another caller replaced that
//! value meanwhile ([`Turn::Replaced`]), whether an attempt it queued behind failed
//! ([`Turn::Failed`], so a thousand callers do not each retry a failing load in turn), or that
//! it is the loader ([`Turn::Load`]). Each replacement bumps a *generation* number, which is
//! how a caller says which value it saw.

use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::{Mutex, MutexGuard};

/// The value, its generation, and the loader's own state `L` (kept under the lock, so only
/// the loader touches it).
pub(crate) struct SingleFlight<T, L, E> {
    current: RwLock<(T, u64)>,
    /// Whether a candidate value is newer than the current one: a value loaded, or offered
    /// from elsewhere, replaces the current one only if so.
    newer: fn(&T, &T) -> bool,
    gate: Mutex<Gate<L, E>>,
    /// How many load attempts have finished: a caller notes it before queueing, so it can
    /// tell an attempt that finished while it waited from one that finished before it came.
    finished: AtomicU64,
}

struct Gate<L, E> {
    loader: L,
    /// The last attempt's failure: the attempt's number (`finished` after it), the generation
    /// it tried to replace, and its error.
    last_failure: Option<(u64, u64, E)>,
}

/// What a caller that saw a stale value is to do.
pub(crate) enum Turn<'a, T, L, E> {
    /// The value it saw was replaced meanwhile: use the current one.
    Replaced,
    /// An attempt to replace the same value, which finished while this caller waited, failed.
    Failed(E),
    /// This caller loads, holding the lock until [`LoadTurn::finish`].
    Load(LoadTurn<'a, T, L, E>),
}

/// The lock of one load attempt.
pub(crate) struct LoadTurn<'a, T, L, E> {
    cache: &'a SingleFlight<T, L, E>,
    gate: MutexGuard<'a, Gate<L, E>>,
}

impl<T: Clone, L, E: Clone> SingleFlight<T, L, E> {
    pub(crate) fn new(value: T, loader: L, newer: fn(&T, &T) -> bool) -> Self {
        SingleFlight {
            current: RwLock::new((value, 0)),
            newer,
            gate: Mutex::new(Gate {
                loader,
                last_failure: None,
            }),
            finished: AtomicU64::new(0),
        }
    }

    /// Reads the current value and its generation without waiting for a load.
    pub(crate) fn read<R>(&self, read: impl FnOnce(&T, u64) -> R) -> R {
        // Writers replace the whole pair in one assignment, so a poisoned lock still holds a
        // consistent value.
        let current = self.current.read().unwrap_or_else(|p| p.into_inner());
        read(&current.0, current.1)
    }

    /// The current generation.
    pub(crate) fn generation(&self) -> u64 {
        self.read(|_, generation| generation)
    }

    /// Replaces the current value with `value` if it is newer, under the next generation,
    /// without waiting for a load in progress (whose result then replaces it only if newer
    /// still). Whether it did.
    pub(crate) fn offer(&self, value: T) -> bool {
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        if !(self.newer)(&value, &current.0) {
            return false;
        }
        let generation = current.1 + 1;
        *current = (value, generation);
        true
    }

    /// Waits for the lock, whatever the generation: for work on the loader's state that no
    /// caller asked for (saving a set kept after a failed save).
    pub(crate) async fn exclusive(&self) -> LoadTurn<'_, T, L, E> {
        LoadTurn {
            cache: self,
            gate: self.gate.lock().await,
        }
    }

    /// Waits for the lock, then says what a caller that saw generation `seen` is to do.
    pub(crate) async fn turn(&self, seen: u64) -> Turn<'_, T, L, E> {
        let arrived_after = self.finished.load(Ordering::Acquire);
        let gate = self.gate.lock().await;
        if self.generation() != seen {
            return Turn::Replaced;
        }
        if let Some((attempt, generation, error)) = &gate.last_failure
            && *attempt > arrived_after
            && *generation == seen
        {
            return Turn::Failed(error.clone());
        }
        Turn::Load(LoadTurn { cache: self, gate })
    }
}

impl<T: Clone, L, E: Clone> LoadTurn<'_, T, L, E> {
    /// The loader's state.
    pub(crate) fn loader(&mut self) -> &mut L {
        &mut self.gate.loader
    }

    /// A copy of the current value, and its generation.
    pub(crate) fn current(&self) -> (T, u64) {
        self.cache
            .read(|value, generation| (value.clone(), generation))
    }

    /// Ends the attempt: a new value replaces the current one under the next generation; a
    /// failure is kept for the callers queued behind this attempt.
    pub(crate) fn finish(mut self, outcome: Result<T, E>) -> Result<(), E> {
        let attempt = self.cache.finished.load(Ordering::Relaxed) + 1;
        let result = match outcome {
            Ok(value) => {
                let mut current = self
                    .cache
                    .current
                    .write()
                    .unwrap_or_else(|p| p.into_inner());
                let generation = current.1 + 1;
                *current = (value, generation);
                self.gate.last_failure = None;
                Ok(())
            }
            Err(error) => {
                let generation = self.cache.generation();
                self.gate.last_failure = Some((attempt, generation, error.clone()));
                Err(error)
            }
        };
        // Published while the lock is still held, so a caller that reads it and then queues
        // is behind every attempt counted.
        self.cache.finished.store(attempt, Ordering::Release);
        result
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    use super::*;

    type Cache = SingleFlight<&'static str, usize, String>;

    /// Any other value is newer, in these tests.
    fn differs(candidate: &&'static str, current: &&'static str) -> bool {
        candidate != current
    }

    /// What a caller that saw `seen` ends up with, loading `next` if it is the loader.
    async fn refresh(
        cache: &Cache,
        seen: u64,
        next: Result<&'static str, String>,
    ) -> Result<(), String> {
        match cache.turn(seen).await {
            Turn::Replaced => Ok(()),
            Turn::Failed(error) => Err(error),
            Turn::Load(mut turn) => {
                *turn.loader() += 1;
                tokio::task::yield_now().await;
                turn.finish(next)
            }
        }
    }

    #[tokio::test]
    async fn many_callers_that_saw_one_value_cause_one_load() {
        let cache = Arc::new(Cache::new("old", 0, differs));
        let loads = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..100 {
            let (cache, loads) = (Arc::clone(&cache), Arc::clone(&loads));
            tasks.push(tokio::spawn(async move {
                if let Turn::Load(mut turn) = cache.turn(0).await {
                    loads.fetch_add(1, Ordering::SeqCst);
                    *turn.loader() += 1;
                    turn.finish(Ok("new")).unwrap();
                }
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(loads.load(Ordering::SeqCst), 1);
        assert_eq!(
            cache.read(|value, generation| (*value, generation)),
            ("new", 1)
        );
    }

    #[tokio::test]
    async fn a_failure_answers_the_callers_queued_behind_it_but_not_later_ones() {
        let cache = Cache::new("old", 0, differs);
        // A caller holds the lock; another queues behind it.
        let Turn::Load(first) = cache.turn(0).await else {
            panic!("the first caller loads")
        };
        let queued = refresh(&cache, 0, Ok("never loaded"));
        let finish_first = async {
            tokio::task::yield_now().await;
            first.finish(Err("store down".to_owned()))
        };
        let (queued, first) = tokio::join!(queued, finish_first);
        assert_eq!(first, Err("store down".to_owned()));
        assert_eq!(queued, Err("store down".to_owned()));
        // A caller arriving after the failure tries again itself, and succeeds.
        assert_eq!(refresh(&cache, 0, Ok("new")).await, Ok(()));
        assert_eq!(cache.read(|value, _| *value), "new");
        // A caller that saw the old generation now finds it replaced.
        assert!(matches!(cache.turn(0).await, Turn::Replaced));
    }
}
