//! One request to Cronofy: prepared by generated code, then sent with a credential.

use std::fmt;
use std::time::Instant;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};

use crate::Client;
use crate::auth::{Authorization, Credential};
use crate::client::USER_AGENT as USER_AGENT_VALUE;
use crate::endpoint::Endpoint;
use crate::error::{Error, ResponseExcerpt};
use crate::request::{QueryString, RequestBody, ResponseBody, path, response};

const IMPERSONATE: &str = "cronofy-impersonate";

/// A request to one endpoint, ready to be sent: what generated endpoint functions build.
///
/// Kept free of type parameters so the sending code is compiled once, not per endpoint.
#[doc(hidden)]
pub struct Request {
    endpoint: &'static Endpoint,
    path_and_query: String,
    body: Option<Bytes>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("endpoint", &self.endpoint.name)
            .field("path_and_query", &self.path_and_query)
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
            path_and_query,
            body: None,
        })
    }

    /// A request to `endpoint` at an already encoded path and query.
    pub(crate) fn from_parts(endpoint: &'static Endpoint, path_and_query: String) -> Self {
        Request {
            endpoint,
            path_and_query,
            body: None,
        }
    }

    /// The endpoint this request is for.
    pub(crate) fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The encoded path and query, relative to the client's base URL.
    #[cfg(test)]
    pub(crate) fn path_and_query(&self) -> &str {
        &self.path_and_query
    }

    /// Adds a query string: a flat struct whose fields become `name=value` pairs. Sequences
    /// repeat their name, so a field renamed `calendar_ids[]` gives Cronofy's
    /// `calendar_ids[]=a&calendar_ids[]=b`; `None` fields are left out.
    pub fn query<Q: QueryString + ?Sized>(mut self, query: &Q) -> Result<Self, Error> {
        let encoded = serde_html_form::to_string(query).map_err(|e| Error::Encode {
            part: "query",
            reason: e.to_string(),
        })?;
        if !encoded.is_empty() {
            self.path_and_query.push('?');
            self.path_and_query.push_str(&encoded);
        }
        Ok(self)
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
        let url = format!("{}{}", client.api_base_str(), self.path_and_query);
        let mut authorization = credential.authorize().await?;
        let mut refreshed = false;
        let mut retries = 0;
        loop {
            let Answer {
                status,
                headers,
                body,
            } = self.attempt(client, &url, &authorization).await?;
            if status.is_success() {
                return Ok(Response {
                    status,
                    body,
                    authorization,
                });
            }
            if status == StatusCode::UNAUTHORIZED && !refreshed {
                refreshed = true;
                if credential.refresh_after_rejection(&authorization).await? {
                    authorization = credential.authorize().await?;
                    continue;
                }
            }
            let retry_after = response::retry_after(&headers);
            let idempotent = self.endpoint.method.is_idempotent();
            if let Some(delay) =
                client
                    .retry_policy()
                    .delay(retries, status, idempotent, retry_after)
            {
                tracing::debug!(target: "cronofy", endpoint = self.endpoint.name, status = status.as_u16(), delay_ms = delay.as_millis() as u64, "retrying");
                retries += 1;
                tokio::time::sleep(delay).await;
                continue;
            }
            return Err(response::error_for_status(
                status,
                &headers,
                &body,
                &[authorization.bearer_secret()],
            ));
        }
    }

    /// One attempt with `authorization`.
    async fn attempt(
        &self,
        client: &Client,
        url: &str,
        authorization: &Authorization,
    ) -> Result<Answer, Error> {
        let mut request = client
            .http()
            .request(self.endpoint.method.to_http(), url)
            .timeout(client.timeout())
            .header(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE))
            .header(reqwest::header::AUTHORIZATION, authorization.bearer.clone());
        if let Some(sub) = &authorization.impersonate {
            request = request.header(IMPERSONATE, sub.clone());
        }
        if let Some(body) = &self.body {
            request = request
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body.clone());
        }

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
        tracing::debug!(
            target: "cronofy",
            endpoint = self.endpoint.name,
            method = self.endpoint.method.as_str(),
            path = %self.path_and_query,
            credential = %authorization.kind,
            status = status.as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "cronofy request"
        );
        Ok(Answer {
            status,
            headers,
            body,
        })
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

pub(crate) fn transport_error(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout
    } else {
        Error::Transport(error.without_url())
    }
}
