//! Integration tests of cronofy-rs live in `tests/`. This library holds only the README's
//! examples, compiled as doctests: every Rust block of `README.md` must compile against the
//! published crates (`cronofy`, `cronofy-fake`), as a reader would copy it.

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
