//! The flows of the runnable examples, as a library: each example's `main` runs one against
//! the fake Cronofy (or real Cronofy, when credentials are in the environment), and the
//! workspace tests run each against the fake and check what it did.
//!
//! | example | flow |
//! | --- | --- |
//! | `cargo run --example quickstart` | [`flows::quickstart`] |
//! | `cargo run --example declare_endpoint` | [`flows::declare_endpoint`] |
//! | `cargo run --example org_impersonation` | [`flows::org_impersonation`] |
//! | `cargo run --example oauth_callback` | [`flows::oauth_callback`] |
#![deny(missing_docs)]

pub mod browser;
pub mod environment;
pub mod flows;
pub mod log;

pub use environment::Environment;
pub use log::Log;

/// What a flow fails with.
pub type Failure = Box<dyn std::error::Error + Send + Sync>;
