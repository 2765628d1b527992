//! The credential types: one per kind of caller Cronofy knows.
//!
//! Each holds its secret in a [`secrecy::SecretString`]: zeroized on drop, printed as
//! `[redacted]` by `Debug`, with no `Display` and no `Serialize`.

mod app;
mod impersonation;
mod org;
mod service_account;
mod user;

pub use app::{AppCredentials, ClientId};
pub use impersonation::{Impersonation, Impersonator};
pub use org::OrgToken;
pub use service_account::ServiceAccountToken;
pub use user::UserToken;
