//! The runtime under `cronofy-rs`.
//!
//! Most users depend on the `cronofy` crate, which re-exports everything here together with the
//! `#[cronofy_endpoint]` macro and the declared Cronofy endpoints. This crate holds what every
//! generated endpoint function shares:
//!
//! - [`Client`]: the HTTP client bound to one Cronofy [`DataCenter`] (or an explicit base URL);
//! - the credentials ([`UserToken`], [`AppCredentials`], [`OrgToken`], [`Impersonation`],
//!   [`ServiceAccountToken`]) and
//!   the [`auth`] traits that say which credential an endpoint accepts, checked at compile time;
//! - request execution: path parameters percent-encoded as one segment each, JSON bodies, query
//!   strings, the bearer header marked sensitive;
//! - [`Error`], one type for everything that can go wrong.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod auth;
mod client;
mod credentials;
mod data_center;
mod endpoint;
mod error;
pub mod oauth;
mod request;
mod retry;

pub use client::{BaseUrlError, Client, ClientBuildError, ClientBuilder, DEFAULT_TIMEOUT};
pub use credentials::{
    AppCredentials, ClientId, Impersonation, OrgToken, ServiceAccountToken, UserToken,
};
pub use data_center::{DataCenter, UnknownDataCenter};
pub use endpoint::{Endpoint, Method};
pub use error::{Error, ResponseExcerpt, ValidationErrors, ValidationIssue};
pub use request::{Items, Page, Pages};
pub use retry::RetryPolicy;

/// What generated endpoint functions call. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::auth::{Authorize, Credential};
    pub use crate::request::{QueryString, Request, RequestBody, Response, ResponseBody};
}
