//! Request execution shared by every generated endpoint function: build the URL, attach the
//! credential, send, and turn the response into a value or a typed [`Error`](crate::Error).

mod bounds;
mod path;
mod response;
mod send;

pub use bounds::{QueryString, RequestBody, ResponseBody};
pub use send::{Request, Response};
