//! The one place where cronofy-rs sends HTTP requests: every endpoint, the OAuth ones
//! included, goes through [`Request::send`]. It builds the URL, applies the authorization
//! (headers, or client credentials in the body), sets the headers and the timeout, retries as
//! the policy says, refreshes once after a 401, logs, and turns answers into typed errors.

use std::fmt;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};
use url::Url;

use crate::Client;
use crate::auth::{Authorization, Credential};
use crate::error::Error;
use crate::pipeline::request::{Request, Target};
use crate::pipeline::response::{self, Answer, Response};

const IMPERSONATE: &str = "cronofy-impersonate";
/// The `User-Agent` sent with every request: the crate and its version.
const USER_AGENT_VALUE: &str = concat!("cronofy-rs/", env!("CARGO_PKG_VERSION"));
/// Built at compile time: `HeaderValue::from_static` called at run time checks every byte of
/// its argument on every call.
const USER_AGENT_HEADER: HeaderValue = HeaderValue::from_static(USER_AGENT_VALUE);
const JSON_CONTENT_TYPE: HeaderValue = HeaderValue::from_static("application/json");

/// The URL of each attempt, in the form reqwest takes without more work than needed: text it
/// parses, or a parsed URL it takes as it is.
#[derive(Clone, Copy)]
enum AttemptUrl<'a> {
    Text(&'a str),
    Parsed(&'a Url),
}

impl Request {
    /// Sends the request; `Ok` for any success status.
    ///
    /// After a 401, a credential that can refresh is asked to, and the request is sent once
    /// more with what it returns; a second 401 is returned. Failed attempts are retried as the
    /// client's [`RetryPolicy`](crate::RetryPolicy) says.
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
        let mut authorization = credential.authorize(client, self.endpoint).await?;
        // Client credentials go into the body; a bearer leaves it as it is.
        let mut with_credentials = authorization.body_with_credentials(self.body.as_ref())?;
        let mut reauthorized = false;
        let mut retries = 0;
        loop {
            let body = with_credentials.as_ref().or(self.body.as_ref());
            let answer = self.attempt(client, url, &authorization, body).await?;
            if answer.status.is_success() {
                return Ok(Response::new(answer, authorization));
            }
            if answer.status == StatusCode::UNAUTHORIZED && !reauthorized {
                reauthorized = true;
                if let Some(renewed) = credential.reauthorize(client, &authorization).await? {
                    authorization = renewed;
                    with_credentials = authorization.body_with_credentials(self.body.as_ref())?;
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
    /// copies the body of an `async fn` into every codegen unit that polls it, so its size
    /// counts several times over in the instruction cache.
    #[cold]
    #[inline(never)]
    fn retry_delay(
        &self,
        client: &Client,
        retries: u32,
        answer: &Answer,
        authorization: &Authorization,
    ) -> Result<Duration, Error> {
        let retry_after = response::retry_after(&answer.headers);
        let idempotent = self.endpoint.method.is_idempotent();
        match client
            .retry_policy()
            .delay(retries, answer.status, idempotent, retry_after)
        {
            Some(delay) => {
                tracing::debug!(target: "cronofy", endpoint = self.endpoint.name, status = answer.status.as_u16(), delay_ms = delay.as_millis() as u64, "retrying");
                Ok(delay)
            }
            None => Err(response::error_for(
                answer,
                authorization,
                self.body.as_deref(),
            )),
        }
    }

    /// One attempt with `authorization`.
    async fn attempt(
        &self,
        client: &Client,
        url: AttemptUrl<'_>,
        authorization: &Authorization,
        body: Option<&Bytes>,
    ) -> Result<Answer, Error> {
        let request = self.build(client, url, authorization, body);
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
        body: Option<&Bytes>,
    ) -> reqwest::RequestBuilder {
        let method = self.endpoint.method.to_http();
        let request = match url {
            AttemptUrl::Text(text) => client.http().request(method, text),
            // A clone is a copy of the text; parsing it again would cost far more.
            AttemptUrl::Parsed(url) => client.http().request(method, url.clone()),
        };
        let mut request = request
            .timeout(client.timeout())
            .header(USER_AGENT, USER_AGENT_HEADER);
        let (bearer, impersonate) = authorization.headers();
        if let Some(bearer) = bearer {
            request = request.header(AUTHORIZATION, bearer.clone());
        }
        if let Some(sub) = impersonate {
            request = request.header(IMPERSONATE, sub.clone());
        }
        if let Some(body) = body {
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
            credential = %authorization.kind(),
            status = status.as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "cronofy request"
        );
    }
}

impl fmt::Debug for AttemptUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttemptUrl::Text(text) => f.write_str(text),
            AttemptUrl::Parsed(url) => f.write_str(url.as_str()),
        }
    }
}

/// `base` followed by `path_and_query`, allocated once at its final size.
fn join(base: &str, path_and_query: &str) -> String {
    let mut url = String::with_capacity(base.len() + path_and_query.len());
    url.push_str(base);
    url.push_str(path_and_query);
    url
}

fn transport_error(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout
    } else {
        Error::Transport(error.without_url().into())
    }
}
