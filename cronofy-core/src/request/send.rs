//! One request to Cronofy: prepared by generated code, then sent with a credential.

use std::fmt;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};
use url::{Position, Url};

use crate::Client;
use crate::auth::{Authorization, Credential};
use crate::client::USER_AGENT as USER_AGENT_VALUE;
use crate::endpoint::Endpoint;
use crate::error::{Error, ResponseExcerpt};
use crate::request::{QueryString, RequestBody, ResponseBody, path, response};

const IMPERSONATE: &str = "cronofy-impersonate";
/// Built at compile time: `HeaderValue::from_static` called at run time checks every byte of
/// its argument on every call.
const USER_AGENT_HEADER: HeaderValue = HeaderValue::from_static(USER_AGENT_VALUE);
const JSON_CONTENT_TYPE: HeaderValue = HeaderValue::from_static("application/json");

/// A request to one endpoint, ready to be sent: what generated endpoint functions build.
///
/// Kept free of type parameters so the sending code is compiled once, not per endpoint.
#[doc(hidden)]
pub struct Request {
    endpoint: &'static Endpoint,
    target: Target,
    body: Option<Bytes>,
}

/// Where a request goes.
enum Target {
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

/// The URL of each attempt, in the form reqwest takes without more work than needed: text it
/// parses, or a parsed URL it takes as it is.
#[derive(Clone, Copy)]
enum AttemptUrl<'a> {
    Text(&'a str),
    Parsed(&'a Url),
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

/// A success response, before decoding.
#[doc(hidden)]
pub struct Response {
    status: StatusCode,
    body: Bytes,
    authorization: Authorization,
}

impl Request {
    /// Starts a request to `endpoint`, filling its path placeholders with `path_args` in order.
    pub fn new(
        endpoint: &'static Endpoint,
        path_args: &[&dyn fmt::Display],
    ) -> Result<Self, Error> {
        let mut path_and_query = String::with_capacity(endpoint.path.len() + 32);
        path::fill(&mut path_and_query, endpoint.path, path_args)?;
        Ok(Request {
            endpoint,
            target: Target::Relative(path_and_query),
            body: None,
        })
    }

    /// A request to `endpoint` at `url`, which the caller has checked is under the client's
    /// base URL (see [`Request::follow`]).
    pub(crate) fn at_checked_url(endpoint: &'static Endpoint, url: Url) -> Self {
        Request {
            endpoint,
            target: Target::Absolute(url),
            body: None,
        }
    }

    /// The endpoint this request is for.
    pub(crate) fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The whole URL this request goes to with `client`.
    #[cfg(test)]
    pub(crate) fn url(&self, client: &Client) -> String {
        match &self.target {
            Target::Relative(path_and_query) => join(client.api_base_str(), path_and_query),
            Target::Absolute(url) => url.as_str().to_owned(),
        }
    }

    /// Adds a query string: a flat struct whose fields become `name=value` pairs. Sequences
    /// repeat their name, so a field renamed `calendar_ids[]` gives Cronofy's
    /// `calendar_ids[]=a&calendar_ids[]=b`; `None` fields are left out.
    pub fn query<Q: QueryString + ?Sized>(mut self, query: &Q) -> Result<Self, Error> {
        let encoded = serde_html_form::to_string(query).map_err(|e| Error::Encode {
            part: "query",
            reason: e.to_string(),
        })?;
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
            Target::Absolute(_) => Err(Error::Encode {
                part: "query",
                reason: "a query added to a followed `next_page` link".to_owned(),
            }),
        }
    }

    /// Adds a JSON body.
    pub fn json<B: RequestBody + ?Sized>(mut self, body: &B) -> Result<Self, Error> {
        let encoded = serde_json::to_vec(body).map_err(|e| Error::Encode {
            part: "body",
            reason: e.to_string(),
        })?;
        self.body = Some(Bytes::from(encoded));
        Ok(self)
    }

    /// Sends the request; `Ok` for any success status.
    ///
    /// After a 401, a credential that can refresh is asked to, and the request is sent once
    /// more; a second 401 is returned. 429 and 502/503/504 of idempotent requests are retried
    /// as the client's [`RetryPolicy`](crate::RetryPolicy) says.
    ///
    /// Decoding is a separate, synchronous step ([`Response::json`]) so that a declared return
    /// type that cannot be decoded is reported once, on that type, and not again through the
    /// type of this future.
    pub async fn send(
        self,
        client: &Client,
        credential: &dyn Credential,
    ) -> Result<Response, Error> {
        let joined;
        let url = match &self.target {
            Target::Relative(path_and_query) => {
                joined = join(client.api_base_str(), path_and_query);
                AttemptUrl::Text(&joined)
            }
            Target::Absolute(url) => AttemptUrl::Parsed(url),
        };
        let mut authorization = credential.authorize().await?;
        let mut refreshed = false;
        let mut retries = 0;
        loop {
            let answer = self.attempt(client, url, &authorization).await?;
            if answer.status.is_success() {
                return Ok(Response {
                    status: answer.status,
                    body: answer.body,
                    authorization,
                });
            }
            if answer.status == StatusCode::UNAUTHORIZED && !refreshed {
                refreshed = true;
                if credential.refresh_after_rejection(&authorization).await? {
                    authorization = credential.authorize().await?;
                    continue;
                }
            }
            let delay = self.retry_delay(client, retries, &answer, &authorization)?;
            retries += 1;
            tokio::time::sleep(delay).await;
        }
    }

    /// After a failed attempt (not a 401 that was refreshed): how long to wait before
    /// retrying, or the error to return.
    ///
    /// Out of line and cold, like the other synchronous steps of `send` (`build`, `log`), so
    /// that the state machine polled on every call holds little more than its awaits. Rust
    /// copies the body of an `async fn` into every codegen unit that polls it (four copies of
    /// this one in the benchmark's binary), so its size counts several times over in the
    /// instruction cache. With this split, the simulated instruction-cache misses of a
    /// benchmark sequence went from 4.7 % to 3.7 % above those of hand-written code.
    #[cold]
    #[inline(never)]
    fn retry_delay(
        &self,
        client: &Client,
        retries: u32,
        answer: &Answer,
        authorization: &Authorization,
    ) -> Result<Duration, Error> {
        let Answer {
            status,
            headers,
            body,
        } = answer;
        let retry_after = response::retry_after(headers);
        let idempotent = self.endpoint.method.is_idempotent();
        match client
            .retry_policy()
            .delay(retries, *status, idempotent, retry_after)
        {
            Some(delay) => {
                tracing::debug!(target: "cronofy", endpoint = self.endpoint.name, status = status.as_u16(), delay_ms = delay.as_millis() as u64, "retrying");
                Ok(delay)
            }
            None => Err(response::error_for_status(
                *status,
                headers,
                body,
                &[authorization.bearer_secret()],
            )),
        }
    }

    /// One attempt with `authorization`.
    async fn attempt(
        &self,
        client: &Client,
        url: AttemptUrl<'_>,
        authorization: &Authorization,
    ) -> Result<Answer, Error> {
        let request = self.build(client, url, authorization);
        let started = Instant::now();
        let mut response = request.send().await.map_err(transport_error)?;
        let status = response.status();
        // Only a failure needs its headers (Retry-After); a success keeps none.
        let headers = if status.is_success() {
            HeaderMap::new()
        } else {
            std::mem::take(response.headers_mut())
        };
        let body = response.bytes().await.map_err(transport_error)?;
        self.log(authorization, status, started);
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    /// The reqwest request of one attempt. A plain function, not inlined into the state
    /// machine of `attempt`: see `retry_delay`.
    #[inline(never)]
    fn build(
        &self,
        client: &Client,
        url: AttemptUrl<'_>,
        authorization: &Authorization,
    ) -> reqwest::RequestBuilder {
        let method = self.endpoint.method.to_http();
        let request = match url {
            AttemptUrl::Text(text) => client.http().request(method, text),
            // A clone is a copy of the text; parsing it again would cost far more.
            AttemptUrl::Parsed(url) => client.http().request(method, url.clone()),
        };
        let mut request = request
            .timeout(client.timeout())
            .header(USER_AGENT, USER_AGENT_HEADER)
            .header(reqwest::header::AUTHORIZATION, authorization.bearer.clone());
        if let Some(sub) = &authorization.impersonate {
            request = request.header(IMPERSONATE, sub.clone());
        }
        if let Some(body) = &self.body {
            request = request
                .header(CONTENT_TYPE, JSON_CONTENT_TYPE)
                .body(body.clone());
        }
        request
    }

    /// The debug event of one attempt; out of line for the same reason as `build`. Written
    /// only when `cronofy` debug events are enabled.
    #[inline(never)]
    fn log(&self, authorization: &Authorization, status: StatusCode, started: Instant) {
        tracing::debug!(
            target: "cronofy",
            endpoint = self.endpoint.name,
            method = self.endpoint.method.as_str(),
            path = %self.target,
            credential = %authorization.kind,
            status = status.as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "cronofy request"
        );
    }
}

/// What one attempt received: the headers only for a failure (for `Retry-After`).
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Response {
    /// Decodes the body as JSON of type `T`.
    pub fn json<T: ResponseBody>(self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|e| {
            let secret = self.authorization.bearer_secret();
            Error::Decode {
                status: self.status,
                reason: ResponseExcerpt::new(e.to_string().as_bytes(), secret)
                    .as_str()
                    .to_owned(),
                body: ResponseExcerpt::new(&self.body, secret),
            }
        })
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

/// `base` followed by `path_and_query`, allocated once at its final size.
fn join(base: &str, path_and_query: &str) -> String {
    let mut url = String::with_capacity(base.len() + path_and_query.len());
    url.push_str(base);
    url.push_str(path_and_query);
    url
}

pub(crate) fn transport_error(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout
    } else {
        Error::Transport(error.without_url())
    }
}
