//! The one place where cronofy-rs sends HTTP requests: every endpoint, the OAuth ones
//! included, goes through [`Request::send`]. It builds the URL, applies the authorization
//! (headers, or client credentials in the body), sets the headers and the timeout, retries as
//! the policy says, refreshes once after a 401, follows only the redirects that stay on the
//! client's own origin, bounds the size of what it reads, logs, and turns answers into typed
//! errors.

use std::fmt;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION, USER_AGENT};
use tracing::Instrument as _;
use url::Url;

use crate::Client;
use crate::auth::{Authorization, Credential};
use crate::error::Error;
use crate::pipeline::paging::is_under;
use crate::pipeline::request::{Request, Target};
use crate::pipeline::response::{self, Answer, Response};
use crate::pipeline::retry::Failure;
use crate::pipeline::trace::{self, Tally};
use crate::rate::{BatchCounting, DEFAULT_BACK_OFF, RateGovernor};

const IMPERSONATE: &str = "cronofy-impersonate";
/// The path of Cronofy's batch endpoint, whose entries may count one request each.
const BATCH_PATH: &str = "/v1/batch";
/// The path of the token endpoint (code exchange, refresh), which the rate governor leaves
/// alone.
const TOKEN_PATH: &str = "/oauth/token";
/// The `User-Agent` sent with every request: the crate and its version.
const USER_AGENT_VALUE: &str = concat!("cronofy-rs/", env!("CARGO_PKG_VERSION"));
/// Built at compile time: `HeaderValue::from_static` called at run time checks every byte of
/// its argument on every call.
const USER_AGENT_HEADER: HeaderValue = HeaderValue::from_static(USER_AGENT_VALUE);
const JSON_CONTENT_TYPE: HeaderValue = HeaderValue::from_static("application/json");
/// Same-origin redirects followed for one call at most.
const MAX_REDIRECTS: u32 = 5;

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
    /// client's [`RetryPolicy`](crate::RetryPolicy) says. A redirect is followed only for a
    /// `GET` with a bearer, to the client's own origin and base path.
    ///
    /// Decoding is a separate, synchronous step ([`Response::json`]) so that a declared return
    /// type that cannot be decoded is reported once, on that type, and not again through the
    /// type of this future.
    ///
    /// The call runs in its own span, named after the endpoint (see `pipeline::trace`): the
    /// refresh, token-store and lease spans of a refresh it needs are its children.
    pub async fn send(
        self,
        client: &Client,
        credential: &dyn Credential,
    ) -> Result<Response, Error> {
        let span = trace::open(self.endpoint, client);
        let mut tally = Tally::default();
        let result = self
            .attempts(client, credential, &mut tally, &span)
            .instrument(span.clone())
            .await;
        trace::close(&span, &tally, &result);
        result
    }

    /// The attempts of one call, with what they did in `tally`; a success keeps `span`, so
    /// that its decoding can still mark the call failed.
    async fn attempts(
        &self,
        client: &Client,
        credential: &dyn Credential,
        tally: &mut Tally,
        span: &tracing::Span,
    ) -> Result<Response, Error> {
        let joined;
        let first = match &self.target {
            Target::Relative(path_and_query) => {
                joined = join(client.api_base_str(), path_and_query);
                AttemptUrl::Text(&joined)
            }
            Target::Absolute(url) => AttemptUrl::Parsed(url),
        };
        let mut redirected: Option<Url> = None;
        let mut authorization = credential.authorize(client, self.endpoint).await?;
        tally.credential = Some(authorization.kind());
        // Client credentials go into the body; a bearer leaves it as it is.
        let mut with_credentials = authorization.body_with_credentials(self.body.as_ref())?;
        let mut reauthorized = false;
        let mut retries = 0;
        let mut redirects = 0;
        // The failure of the last attempt that is being retried: what the call returns if the
        // retry cannot be sent, since that attempt was sent and may have taken effect. Boxed:
        // set only on the way to a retry, it would otherwise size every call's future.
        let mut retried: Option<Box<Error>> = None;
        loop {
            let url = redirected.as_ref().map_or(first, AttemptUrl::Parsed);
            let body = with_credentials.as_ref().or(self.body.as_ref());
            // Token requests do not wait for the budget: a refresh that waited behind every
            // other caller would hold up every caller of its credential (and the fake Cronofy
            // does not count them).
            if let Some(governor) = client.rate_governor()
                && self.endpoint.path != TOKEN_PATH
            {
                // Boxed, like the other rare paths' futures: the governor's (a store's round
                // trip, a sleep) would otherwise size every call's future, governed or not.
                match Box::pin(self.wait_for_budget(governor, body)).await {
                    Ok(waited) => *tally.rate_wait.get_or_insert_default() += waited,
                    Err(refused) => {
                        let error = self.not_admitted(retried, refused);
                        // The span's status is the answer the call returns, if it has one.
                        tally.status = error.status();
                        return Err(error);
                    }
                }
            }
            tally.attempts += 1;
            let answer = match self.attempt(client, url, &authorization, body).await {
                Ok(answer) => answer,
                Err(error) => {
                    // The status of an earlier attempt is not this one's.
                    tally.status = None;
                    // Only a request that got no answer is worth sending again: an answer too
                    // large would be as large the next time.
                    let no_answer = matches!(error, Error::Transport(_) | Error::Timeout);
                    let delay = no_answer
                        .then(|| self.retry_delay(client, retries, Failure::NoResponse, None))
                        .flatten();
                    let Some(delay) = delay else {
                        return Err(error);
                    };
                    retried = Some(Box::new(error));
                    retries += 1;
                    tally.retry_delay += delay;
                    tokio::time::sleep(delay).await;
                    continue;
                }
            };
            tally.status = Some(answer.status);
            if answer.status.is_success() {
                return Ok(Response::new(answer, authorization, span.clone()));
            }
            if answer.status.is_redirection() {
                redirected =
                    Some(self.redirect(client, url, &answer, &authorization, redirects)?);
                redirects += 1;
                continue;
            }
            if answer.status == StatusCode::UNAUTHORIZED && !reauthorized {
                reauthorized = true;
                if let Some(renewed) = credential.reauthorize(client, &authorization).await? {
                    tally.reauthorized = true;
                    authorization = renewed;
                    with_credentials = authorization.body_with_credentials(self.body.as_ref())?;
                    continue;
                }
            }
            let retry_after = response::retry_after(&answer.headers);
            if answer.status == StatusCode::TOO_MANY_REQUESTS
                && let Some(governor) = client.rate_governor()
            {
                Box::pin(self.hold_back(governor, retry_after)).await;
            }
            let failure = Failure::Status(answer.status);
            match self.retry_delay(client, retries, failure, retry_after) {
                Some(delay) => {
                    retried = Some(Box::new(response::error_for(
                        &answer,
                        &authorization,
                        self.body.as_deref(),
                    )));
                    retries += 1;
                    tally.retry_delay += delay;
                    tokio::time::sleep(delay).await;
                }
                None => {
                    return Err(response::error_for(
                        &answer,
                        &authorization,
                        self.body.as_deref(),
                    ));
                }
            }
        }
    }

    /// After a failed attempt (not a 401 that was refreshed): how long to wait before
    /// retrying, if at all.
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
        failure: Failure,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        let delay =
            client
                .retry_policy()
                .delay(retries, failure, self.endpoint.idempotent, retry_after)?;
        tracing::debug!(target: "cronofy", endpoint = self.endpoint.name, failure = ?failure, delay_ms = delay.as_millis() as u64, "retrying");
        Some(delay)
    }

    /// Waits until the governor admits this attempt, counting the entries of a batch if the
    /// governor's limits count them; how long it waited.
    #[inline(never)]
    async fn wait_for_budget(
        &self,
        governor: &RateGovernor,
        body: Option<&Bytes>,
    ) -> Result<Duration, Error> {
        let per_entry = governor.limits().batch_counting() == BatchCounting::PerEntry;
        let cost = match body {
            Some(body) if per_entry && self.endpoint.path == BATCH_PATH => batch_entries(body),
            _ => 1,
        };
        let waited = governor.admit(cost).await?;
        if !waited.is_zero() {
            tracing::debug!(target: "cronofy", endpoint = self.endpoint.name, waited_ms = waited.as_millis() as u64, "waited for the rate budget");
        }
        Ok(waited)
    }

    /// What a call returns when the governor refuses an attempt: the refusal if nothing was
    /// sent yet, else the failure of the attempt it was retrying (which was sent).
    #[cold]
    #[inline(never)]
    fn not_admitted(&self, retried: Option<Box<Error>>, refused: Error) -> Error {
        let Some(retried) = retried else {
            return refused;
        };
        // Past the max wait is the governor doing its job; a store that cannot be reached is
        // an outage worth seeing, even though the call returns the earlier failure.
        if matches!(refused, Error::RateBudgetExhausted { .. }) {
            tracing::debug!(target: "cronofy", endpoint = self.endpoint.name, %refused, "the retry was not admitted by the rate governor");
        } else {
            tracing::warn!(target: "cronofy", endpoint = self.endpoint.name, %refused, "the retry could not be admitted: the rate budget's store failed");
        }
        *retried
    }

    /// After a `429`: every caller of the governor waits as long as Cronofy asked, at most
    /// the governor's longer window and margin. A budget that cannot be paused (its store
    /// unreachable) is only logged: the call has its answer, and
    /// the next admission will report the store.
    #[cold]
    #[inline(never)]
    async fn hold_back(&self, governor: &RateGovernor, retry_after: Option<Duration>) {
        let wait = retry_after.unwrap_or(DEFAULT_BACK_OFF);
        if let Err(error) = governor.back_off(wait).await {
            tracing::warn!(target: "cronofy", endpoint = self.endpoint.name, %error, "the rate budget could not be paused after a 429");
        }
    }

    /// Where a redirect answer points, if the client follows it: a `GET` with a bearer, to a
    /// URL under the client's own base (same scheme, host, port and path prefix), at most
    /// [`MAX_REDIRECTS`] times. Any other is [`Error::Redirected`], and nothing is sent there.
    #[cold]
    #[inline(never)]
    fn redirect(
        &self,
        client: &Client,
        from: AttemptUrl<'_>,
        answer: &Answer,
        authorization: &Authorization,
        followed: u32,
    ) -> Result<Url, Error> {
        let refused = |origin: String| Error::Redirected {
            status: answer.status,
            origin,
        };
        let location = answer
            .headers
            .get(LOCATION)
            .and_then(|value| value.to_str().ok())
            .ok_or_else(|| refused("(no usable Location header)".to_owned()))?;
        let base = match from {
            AttemptUrl::Text(text) => Url::parse(text).ok(),
            AttemptUrl::Parsed(url) => Some(url.clone()),
        };
        let target = base
            .and_then(|base| base.join(location).ok())
            .ok_or_else(|| refused("(an unparsable Location)".to_owned()))?;
        let origin = target.origin().ascii_serialization();
        let followable = self.endpoint.method == crate::Method::Get
            && !authorization.is_client_credentials()
            && followed < MAX_REDIRECTS
            && is_under(&target, client.api_base());
        if !followable {
            tracing::debug!(target: "cronofy", endpoint = self.endpoint.name, status = answer.status.as_u16(), %origin, "redirect not followed");
            return Err(refused(origin));
        }
        Ok(target)
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
        // Only a failure needs its headers (Retry-After, Location); a success keeps none.
        let headers = if status.is_success() {
            HeaderMap::new()
        } else {
            std::mem::take(response.headers_mut())
        };
        let body = read_body(&mut response, status, client.max_response_size()).await?;
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
            path = self.endpoint.path,
            credential = %authorization.kind(),
            status = status.as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "cronofy request"
        );
    }
}

/// The body of `response`, refused once it is known to exceed `limit` bytes: from
/// `Content-Length` before reading, or as soon as what was read crosses it. A body that comes
/// in one chunk (the usual case) is kept as it is, without a copy.
async fn read_body(
    response: &mut reqwest::Response,
    status: StatusCode,
    limit: usize,
) -> Result<Bytes, Error> {
    let too_large = || Error::ResponseTooLarge { status, limit };
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(too_large());
    }
    let Some(first) = response.chunk().await.map_err(transport_error)? else {
        return Ok(Bytes::new());
    };
    if first.len() > limit {
        return Err(too_large());
    }
    let Some(second) = response.chunk().await.map_err(transport_error)? else {
        return Ok(first);
    };
    let mut body = BytesMut::with_capacity(first.len() + second.len());
    body.extend_from_slice(&first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
        next = response.chunk().await.map_err(transport_error)?;
    }
    Ok(body.freeze())
}

impl fmt::Debug for AttemptUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttemptUrl::Text(text) => f.write_str(text),
            AttemptUrl::Parsed(url) => f.write_str(url.as_str()),
        }
    }
}

/// How many entries a batch body holds (1 if it cannot tell).
fn batch_entries(body: &[u8]) -> u32 {
    #[derive(serde::Deserialize)]
    struct Batch {
        batch: Vec<serde::de::IgnoredAny>,
    }
    serde_json::from_slice::<Batch>(body)
        .ok()
        .and_then(|batch| u32::try_from(batch.batch.len()).ok())
        .unwrap_or(1)
        .max(1)
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
