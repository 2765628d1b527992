//! The scaffolding the runnable examples share, so that each example file holds only its
//! flow: where to run (the fake Cronofy by default, real Cronofy when credentials are in the
//! environment), and getting a user's or an organization's tokens there.
//!
//! | example | what it shows |
//! | --- | --- |
//! | `cargo run --example quickstart` | authorization, the code exchange, a call of each credential kind, a refresh with rotation, acting for an organization's member |
//! | `cargo run --example declare_endpoint` | declaring endpoints of your own with `#[cronofy_endpoint]`, a paged one among them |
//! | `cargo run --example org_impersonation` | Organization Connect: an organization acting for each of its members |
//! | `cargo run --example oauth_callback` | the browser flow through a local listener on the redirect URI |
//!
//! The standalone fake, for any HTTP client: `cargo run -p cronofy-fake -- --port 8080`.
#![deny(missing_docs)]

mod browser;
mod environment;

pub use environment::{Environment, FAKE_REDIRECT_URI};

/// What an example fails with.
pub type Failure = Box<dyn std::error::Error + Send + Sync>;
