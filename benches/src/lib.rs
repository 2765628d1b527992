//! Shared helpers of the cronofy-rs benchmarks (see `BENCHMARKS.md`): an allocation counter to
//! install as a bench binary's `#[global_allocator]`, an instruction counter (a bench re-run
//! under Callgrind), the statistics the benches print, and the few command-line options they
//! take.
//!
//! Every bench measures its subject and its baseline in the same run, alternating, and prints
//! ratios: the machine the figures come from is shared and noisy, so absolute times from one
//! run mean little and nothing here asserts a duration.

pub mod alloc;
pub mod args;
pub mod callgrind;
pub mod cpu;
pub mod stats;
