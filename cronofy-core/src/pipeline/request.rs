//! A request to one endpoint, built by generated code: the endpoint, its filled path and
//! query, and its JSON body. [`send`](super::send) sends it.

use std::fmt;

use bytes::Bytes;
use url::{Position, Url};

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::pipeline::{QueryString, RequestBody, path, refusal, trace};

/// A request to one endpoint, ready to be sent: what generated endpoint functions build.
///
/// Kept free of type parameters so the sending code is compiled once, not per endpoint.
#[doc(hidden)]
pub struct Request {
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) target: Target,
    pub(crate) body: Option<Bytes>,
}

/// Where a request goes.
pub(crate) enum Target {
    /// An encoded path and query, relative to the client's base URL: what generated endpoint
    /// functions build.
    Relative(String),
    /// An absolute URL, already parsed and checked to be under the client's base URL: a
    /// `next_page` link. Sent as it is, so it is neither rebuilt nor parsed a second time.
    Absolute(Url),
}

impl fmt::Display for Target {
    /// The path and query, as logged: relative to the base URL for a generated request, and
    /// as sent (with the base URL's path prefix, if it has one) for a followed link.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Relative(path_and_query) => f.write_str(path_and_query),
            Target::Absolute(url) => f.write_str(&url[Position::BeforePath..Position::AfterQuery]),
        }
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("endpoint", &self.endpoint.name)
            .field("target", &format_args!("{}", self.target))
            .field("body_len", &self.body.as_ref().map(Bytes::len))
            .finish()
    }
}

impl Request {
    /// Starts a request to `endpoint`, filling its path placeholders with `path_args` in order.
    pub fn new(
        endpoint: &'static Endpoint,
        path_args: &[&dyn fmt::Display],
    ) -> Result<Self, Error> {
        let mut path_and_query = String::with_capacity(endpoint.path.len() + 32);
        if let Err(error) = path::fill(&mut path_and_query, endpoint.path, path_args) {
            trace::refused(endpoint, &error);
            return Err(error);
        }
        Ok(Request {
            endpoint,
            target: Target::Relative(path_and_query),
            body: None,
        })
    }

    /// A request to `endpoint` at `url`, which the caller has checked is under the client's
    /// base URL (see `paging::follow`).
    pub(crate) fn at_checked_url(endpoint: &'static Endpoint, url: Url) -> Self {
        Request {
            endpoint,
            target: Target::Absolute(url),
            body: None,
        }
    }

    /// The whole URL this request goes to with `client`.
    #[cfg(test)]
    pub(crate) fn url(&self, client: &crate::Client) -> String {
        match &self.target {
            Target::Relative(path_and_query) => {
                format!("{}{path_and_query}", client.api_base_str())
            }
            Target::Absolute(url) => url.as_str().to_owned(),
        }
    }

    /// Adds a query string: a flat struct whose fields become `name=value` pairs. Sequences
    /// repeat their name, so a field renamed `calendar_ids[]` gives Cronofy's
    /// `calendar_ids[]=a&calendar_ids[]=b`; `None` fields are left out.
    pub fn query<Q: QueryString + ?Sized>(mut self, query: &Q) -> Result<Self, Error> {
        let encoded = serde_html_form::to_string(query)
            .map_err(|e| self.refused(refusal::classify("query", e.to_string())))?;
        if encoded.is_empty() {
            return Ok(self);
        }
        match &mut self.target {
            Target::Relative(path_and_query) => {
                path_and_query.push('?');
                path_and_query.push_str(&encoded);
                Ok(self)
            }
            // Only `follow` makes these, and a followed link carries its own query.
            Target::Absolute(_) => Err(self.refused(Error::Encode {
                part: "query",
                reason: "a query added to a followed `next_page` link".to_owned(),
            })),
        }
    }

    /// `error`, recorded as the span of a call refused before sending.
    #[cold]
    fn refused(&self, error: Error) -> Error {
        trace::refused(self.endpoint, &error);
        error
    }

    /// Adds a JSON body.
    pub fn json<B: RequestBody + ?Sized>(mut self, body: &B) -> Result<Self, Error> {
        let encoded = serde_json::to_vec(body)
            .map_err(|e| self.refused(refusal::classify("body", e.to_string())))?;
        self.body = Some(Bytes::from(encoded));
        Ok(self)
    }
}
