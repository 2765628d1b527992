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
//! - the request pipeline every endpoint goes through, OAuth included: path parameters
//!   percent-encoded as one segment each, JSON bodies, query strings, authorization (the bearer
//!   header marked sensitive, or client credentials in the body), retries, the refresh after a
//!   401, paging ([`Page`], [`Pages`]);
//! - [`oauth`]: authorization URLs, the OAuth endpoints, self-refreshing credentials and the
//!   token stores they save to;
//! - [`Error`], one type for everything that can go wrong.
#![deny(missing_docs)]
#![forbid(unsafe_code)]
// On docs.rs (nightly), items behind a feature carry a badge naming it.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod auth;
mod client;
mod credentials;
mod data_center;
mod endpoint;
mod error;
pub mod oauth;
mod open_enum;
mod outside_text;
mod pipeline;
pub mod rate;

pub use client::{
    BaseUrlError, Client, ClientBuildError, ClientBuilder, DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_TIMEOUT,
};
pub use credentials::{
    AppCredentials, ClientId, Impersonation, Impersonator, OrgToken, ServiceAccountToken, UserToken,
};
pub use data_center::{DataCenter, UnknownDataCenter};
pub use endpoint::{Endpoint, Method};
pub use error::{Error, ResponseExcerpt, ValidationErrors, ValidationIssue};
pub use pipeline::{Items, Page, PageInfo, Pages, RetryPolicy, invalid_request};

/// What generated endpoint functions call. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    // The check traits are here so that compiler messages name them by a path that exists.
    pub use crate::pipeline::{
        PageItem, QueryString, Request, RequestBody, Response, ResponseBody, pages, refusal_reason,
    };
    pub use serde;

    pub use crate::auth::assertion::{RejectionFailure, rejection_failure};

    pub use crate::__endpoint_span as endpoint_span;
    pub use crate::error::decode_error;
    pub use tracing;
}

/// The span of one call to an endpoint, opened by the function the macro writes beside each
/// endpoint (see `Endpoint::span`): named after the endpoint, with the fields the pipeline
/// records (see `pipeline::trace`). Not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __endpoint_span {
    ($name:literal, $method:literal, $template:literal) => {
        $crate::__private::tracing::info_span!(
            target: "cronofy",
            $name,
            otel.kind = "client",
            cronofy.endpoint = $name,
            http.request.method = $method,
            url.template = $template,
            server.address = $crate::__private::tracing::field::Empty,
            server.port = $crate::__private::tracing::field::Empty,
            cronofy.data_center = $crate::__private::tracing::field::Empty,
            cronofy.credential_kind = $crate::__private::tracing::field::Empty,
            http.response.status_code = $crate::__private::tracing::field::Empty,
            cronofy.attempts = $crate::__private::tracing::field::Empty,
            cronofy.retry_delay_ms = $crate::__private::tracing::field::Empty,
            cronofy.rate_wait_ms = $crate::__private::tracing::field::Empty,
            cronofy.reauthorized = $crate::__private::tracing::field::Empty,
            error.type = $crate::__private::tracing::field::Empty,
            otel.status_code = $crate::__private::tracing::field::Empty,
        )
    };
}
