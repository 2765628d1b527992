//! The request pipeline: one path for every request the library makes, OAuth included.
//!
//! - [`request`]: what generated endpoint functions build: the endpoint, its path (each
//!   placeholder one percent-encoded segment), its query string and JSON body;
//! - [`send`]: the only place an HTTP request is built and sent: URL, authorization (headers,
//!   or client credentials in the body), headers, timeout, retries, the refresh after a 401,
//!   logging;
//! - [`response`]: decoding a success, and turning anything else into a typed, scrubbed
//!   [`Error`](crate::Error);
//! - [`paging`]: pages of a list, and the stream that follows `next_page`;
//! - [`retry`]: when a failed attempt is tried again;
//! - [`refusal`]: requests refused before they are sent, for values Cronofy documents as invalid;
//! - [`trace`]: the tracing span of each call, named after its endpoint.

mod bounds;
mod paging;
mod path;
mod refusal;
mod request;
mod response;
mod retry;
mod send;
pub(crate) mod trace;

pub use bounds::{PageItem, QueryString, RequestBody, ResponseBody};
pub use paging::{Items, Page, PageInfo, Pages, pages};
pub use refusal::{invalid_request, refusal_reason};
pub use request::Request;
pub use response::Response;
pub(crate) use response::error_for_status;
pub use retry::RetryPolicy;
