//! Benchmarks of cronofy-rs: see `BENCHMARKS.md` (they land with their issue).
