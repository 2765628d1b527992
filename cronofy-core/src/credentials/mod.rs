//! The credential types: one per kind of caller Cronofy knows.
//!
//! Each holds its secret in a [`secrecy::SecretString`]: zeroized on drop, printed as
//! `[redacted]` by `Debug`, with no `Display` and no `Serialize`.

mod app;
mod impersonation;
mod tokens;

pub use app::{AppCredentials, ClientId};
pub use impersonation::{Impersonation, Impersonator};
pub use tokens::{OrgToken, ServiceAccountToken, UserToken};
