//! Request execution shared by every generated endpoint function: build the URL, attach the
//! credential, send, and turn the response into a value or a typed [`Error`](crate::Error).

mod bounds;
mod paging;
mod path;
mod response;
mod send;

pub use bounds::{QueryString, RequestBody, ResponseBody};
pub use paging::{Items, Page, Pages};
pub(crate) use response::error_for_status;
pub(crate) use send::transport_error;
pub use send::{Request, Response};
