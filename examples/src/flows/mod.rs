//! One module per example.

pub mod declare_endpoint;
pub mod oauth_callback;
pub mod org_impersonation;
pub mod quickstart;
