//! Integration tests of cronofy-rs live in `tests/`; this library is empty.
