//! The examples of cronofy-rs live beside this file; this library is empty.
