//! One request to Cronofy: prepared by generated code, then sent with a credential.

use std::fmt;
use std::time::Instant;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderValue, USER_AGENT};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Client;
use crate::auth::{Authorization, Credential};
use crate::client::USER_AGENT as USER_AGENT_VALUE;
use crate::endpoint::Endpoint;
use crate::error::{Error, ResponseExcerpt};
use crate::request::{path, response};

const IMPERSONATE: &str = "cronofy-impersonate";

/// A request to one endpoint, ready to be sent: what generated endpoint functions build.
///
/// Kept free of type parameters so the sending code is compiled once, not per endpoint.
#[doc(hidden)]
pub struct Request {
    endpoint: &'static Endpoint,
    path_and_query: String,
    body: Option<Vec<u8>>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("endpoint", &self.endpoint.name)
            .field("path_and_query", &self.path_and_query)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .finish()
    }
}

/// A success response, before decoding.
struct Success {
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

    /// Adds a query string: a flat struct whose fields become `name=value` pairs. Sequences
    /// repeat their name, so a field renamed `calendar_ids[]` gives Cronofy's
    /// `calendar_ids[]=a&calendar_ids[]=b`; `None` fields are left out.
    pub fn query<Q: Serialize + ?Sized>(mut self, query: &Q) -> Result<Self, Error> {
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
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self, Error> {
        let encoded = serde_json::to_vec(body).map_err(|e| Error::Encode {
            part: "body",
            reason: e.to_string(),
        })?;
        self.body = Some(encoded);
        Ok(self)
    }

    /// Sends the request and decodes the JSON body of the success response as `T`.
    pub async fn send_json<T, C>(self, client: &Client, credential: &C) -> Result<T, Error>
    where
        T: DeserializeOwned,
        C: Credential + ?Sized,
    {
        let success = self.send(client, credential).await?;
        serde_json::from_slice(success.body.as_ref()).map_err(|e| {
            let secret = success.authorization.bearer_secret();
            Error::Decode {
                status: success.status,
                reason: ResponseExcerpt::new(e.to_string().as_bytes(), secret)
                    .as_str()
                    .to_owned(),
                body: ResponseExcerpt::new(success.body.as_ref(), secret),
            }
        })
    }

    /// Sends the request; any success status counts, and its body (usually empty) is ignored.
    pub async fn send_empty<C>(self, client: &Client, credential: &C) -> Result<(), Error>
    where
        C: Credential + ?Sized,
    {
        self.send(client, credential).await.map(drop)
    }

    async fn send<C>(self, client: &Client, credential: &C) -> Result<Success, Error>
    where
        C: Credential + ?Sized,
    {
        let authorization = credential.authorization().await?;
        let url = format!("{}{}", client.api_base_str(), self.path_and_query);
        let mut request = client
            .http()
            .request(self.endpoint.method.to_http(), url)
            .timeout(client.timeout())
            .header(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE))
            .header(reqwest::header::AUTHORIZATION, authorization.bearer.clone());
        if let Some(sub) = &authorization.impersonate {
            request = request.header(IMPERSONATE, sub.clone());
        }
        if let Some(body) = self.body {
            request = request
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body);
        }

        let started = Instant::now();
        let response = request.send().await.map_err(transport_error)?;
        let status = response.status();
        let headers = response.headers().clone();
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
        if status.is_success() {
            Ok(Success {
                status,
                body,
                authorization,
            })
        } else {
            Err(response::error_for_status(
                status,
                &headers,
                &body,
                authorization.bearer_secret(),
            ))
        }
    }
}

fn transport_error(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout
    } else {
        Error::Transport(error)
    }
}
