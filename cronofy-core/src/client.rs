//! The client: where requests go and how they are sent.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use url::{Host, Url};

use crate::DataCenter;
use crate::pipeline::RetryPolicy;
use crate::rate::RateGovernor;

/// How long one request may take, from sending to the last byte of the response, unless the
/// builder says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest response body read, unless the builder says otherwise: 32 MiB, far above any
/// page Cronofy sends, and small enough that a runaway body cannot exhaust memory.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 32 * 1024 * 1024;

/// A client for one Cronofy data center. Cheap to clone: clones share one connection pool.
///
/// ```
/// use cronofy::{Client, DataCenter};
///
/// fn main() -> Result<(), cronofy::ClientBuildError> {
///     let client = Client::new(DataCenter::Uk)?;
///     assert_eq!(client.api_base().as_str(), "https://api-uk.cronofy.com/");
///
///     // A local server standing in for Cronofy (plain http only on loopback):
///     let local = Client::builder()
///         .base_url("http://127.0.0.1:8080")
///         .build()?;
///     assert_eq!(local.api_base().as_str(), "http://127.0.0.1:8080/");
///     Ok(())
/// }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    http: reqwest::Client,
    /// API origin and optional path prefix, without a trailing slash.
    api_base: String,
    api_url: Url,
    app_url: Url,
    data_center: Option<DataCenter>,
    timeout: Duration,
    retry_policy: RetryPolicy,
    max_response_size: usize,
    rate_governor: Option<RateGovernor>,
}

impl Client {
    /// A client for `data_center` with default settings.
    pub fn new(data_center: DataCenter) -> Result<Self, ClientBuildError> {
        Client::builder().data_center(data_center).build()
    }

    /// A builder for a client with other settings.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Where API requests go, e.g. `https://api.cronofy.com/`.
    pub fn api_base(&self) -> &Url {
        &self.inner.api_url
    }

    /// Where users authorize (the OAuth pages), e.g. `https://app.cronofy.com/`. For a client
    /// built with an explicit base URL, that same URL.
    pub fn app_base(&self) -> &Url {
        &self.inner.app_url
    }

    /// The data center, or `None` for a client built with an explicit base URL.
    pub fn data_center(&self) -> Option<DataCenter> {
        self.inner.data_center
    }

    /// The timeout applied to each request.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The governor that makes its attempts wait for the rate budget, if it was given one.
    pub fn rate_governor(&self) -> Option<&RateGovernor> {
        self.inner.rate_governor.as_ref()
    }

    /// How failed attempts are retried.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry_policy
    }

    /// The largest response body read; a larger one fails the call with
    /// [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge).
    pub fn max_response_size(&self) -> usize {
        self.inner.max_response_size
    }

    /// The `reqwest::Client` requests go through, e.g. to share its connection pool. It
    /// follows no redirect: the pipeline decides which it follows (see
    /// [`ClientBuilder::http_client`]).
    pub fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The base that endpoint paths (which start with `/`) are appended to.
    pub(crate) fn api_base_str(&self) -> &str {
        &self.inner.api_base
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api_base", &self.inner.api_base)
            .field("data_center", &self.inner.data_center)
            .field("timeout", &self.inner.timeout)
            .field("retry_policy", &self.inner.retry_policy)
            .field("rate_governor", &self.inner.rate_governor)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`]: a data center or an explicit base URL, a timeout, a retry policy, a
/// limit on response sizes, an HTTP client.
#[derive(Default)]
#[must_use]
pub struct ClientBuilder {
    data_center: Option<DataCenter>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    retry_policy: Option<RetryPolicy>,
    max_response_size: Option<usize>,
    rate_governor: Option<RateGovernor>,
    http: Option<reqwest::ClientBuilder>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("data_center", &self.data_center)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("rate_governor", &self.rate_governor)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Sends requests to this data center (default: [`DataCenter::Us`]).
    pub fn data_center(mut self, data_center: DataCenter) -> Self {
        self.data_center = Some(data_center);
        self
    }

    /// Sends API requests, and points authorization URLs, at this base URL instead of a data
    /// center: for a local server standing in for Cronofy. It must be `https`, or `http` on a
    /// loopback address (`127.0.0.0/8`, `[::1]`, `localhost`); it may carry a path prefix, but
    /// no user info, query or fragment. Checked by [`build`](Self::build).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The longest one request may take (default: [`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How failed attempts are retried (default: [`RetryPolicy::default`];
    /// [`RetryPolicy::none`] to never retry). See [`RetryPolicy`] for which failures of which
    /// requests are retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = Some(policy);
        self
    }

    /// Makes every attempt wait for the application's rate budget (default: none, every
    /// attempt goes out at once). Give the clients of one application clones of one governor,
    /// or governors sharing one budget in Redis or PostgreSQL: see [`rate`](crate::rate).
    pub fn rate_governor(mut self, governor: RateGovernor) -> Self {
        self.rate_governor = Some(governor);
        self
    }

    /// The largest response body read (default: [`DEFAULT_MAX_RESPONSE_SIZE`], 32 MiB). A
    /// larger body fails the call with [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge)
    /// as soon as its size is known (from `Content-Length`, or once the limit is crossed
    /// while reading), without reading the rest.
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = Some(bytes);
        self
    }

    /// Builds the HTTP client from this `reqwest::ClientBuilder`, e.g. for proxy or TLS
    /// settings. It is built with redirects turned off, whatever the builder says: the
    /// pipeline follows a redirect only for a `GET` with a bearer, and only on the client's own
    /// origin and base path; any other redirect is
    /// [`Error::Redirected`](crate::Error::Redirected), and nothing is sent to where it
    /// points. The `User-Agent`, the timeout and the retry policy of this builder are applied
    /// to each request. [`Client::http`] gives the built client back, e.g. to share its
    /// connection pool.
    pub fn http_client(mut self, http: reqwest::ClientBuilder) -> Self {
        self.http = Some(http);
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, ClientBuildError> {
        let (api_url, app_url) = match (&self.base_url, self.data_center) {
            (Some(_), Some(_)) => return Err(ClientBuildError::BaseUrlAndDataCenter),
            (Some(base), None) => {
                let url = parse_base_url(base)?;
                (url.clone(), url)
            }
            (None, dc) => {
                let dc = dc.unwrap_or_default();
                let api = Url::parse(&format!("https://{}/", dc.api_host()))
                    .expect("data center hosts are valid URLs");
                let app = Url::parse(&format!("https://{}/", dc.app_host()))
                    .expect("data center hosts are valid URLs");
                (api, app)
            }
        };
        // The pipeline sets `User-Agent` on each request, and decides itself which redirects
        // to follow: reqwest's own policy would re-send a request, credentials and body
        // included, wherever a `Location` points.
        let http = self
            .http
            .unwrap_or_default()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(ClientBuildError::Http)?;
        let api_base = api_url.as_str().trim_end_matches('/').to_owned();
        Ok(Client {
            inner: Arc::new(ClientInner {
                http,
                api_base,
                api_url,
                app_url,
                data_center: if self.base_url.is_some() {
                    None
                } else {
                    Some(self.data_center.unwrap_or_default())
                },
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                retry_policy: self.retry_policy.unwrap_or_default(),
                max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
                rate_governor: self.rate_governor,
            }),
        })
    }
}

/// Why a base URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BaseUrlError {
    /// It does not parse as an absolute URL.
    #[error(
        "`{url}` is not an absolute URL ({reason}): write e.g. `https://api.cronofy.com` or `http://127.0.0.1:8080`"
    )]
    Unparsable {
        /// The URL as given.
        url: String,
        /// What the URL parser said.
        reason: String,
    },
    /// Plain `http` to a host that is not loopback would send tokens in clear text.
    #[error(
        "`{url}` uses plain http on a host that is not loopback: tokens would cross the network unencrypted; use https, or http only with 127.0.0.1, [::1] or localhost"
    )]
    InsecureScheme {
        /// The URL as given.
        url: String,
    },
    /// Only `https` (and `http` on loopback) can carry Cronofy requests.
    #[error("`{url}` has the scheme `{scheme}`: use https (or http on loopback)")]
    UnsupportedScheme {
        /// The URL as given.
        url: String,
        /// The scheme found.
        scheme: String,
    },
    /// User info, a query or a fragment has no meaning in a base URL.
    #[error(
        "`{url}` has {part}, which a base URL cannot carry: give only scheme, host, port and an optional path prefix"
    )]
    ExtraParts {
        /// The URL as given.
        url: String,
        /// `"user info"`, `"a query"` or `"a fragment"`.
        part: &'static str,
    },
}

/// Why [`ClientBuilder::build`] failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientBuildError {
    /// The base URL was refused.
    #[error(transparent)]
    BaseUrl(#[from] BaseUrlError),
    /// Both were set; a client talks to exactly one Cronofy.
    #[error(
        "both a data center and a base URL were given: set one, since a client talks to exactly one Cronofy instance"
    )]
    BaseUrlAndDataCenter,
    /// The HTTP client could not be created (e.g. the TLS backend failed to initialize).
    #[error("the HTTP client could not be created: {0}")]
    Http(#[source] reqwest::Error),
}

fn parse_base_url(raw: &str) -> Result<Url, BaseUrlError> {
    let mut url = Url::parse(raw).map_err(|e| BaseUrlError::Unparsable {
        url: raw.to_owned(),
        reason: e.to_string(),
    })?;
    let extra = if !url.username().is_empty() || url.password().is_some() {
        Some("user info")
    } else if url.query().is_some() {
        Some("a query")
    } else if url.fragment().is_some() {
        Some("a fragment")
    } else {
        None
    };
    if let Some(part) = extra {
        return Err(BaseUrlError::ExtraParts {
            url: raw.to_owned(),
            part,
        });
    }
    match url.scheme() {
        "https" => {}
        "http" if url.host().is_some_and(|host| is_loopback(&host)) => {}
        "http" => {
            return Err(BaseUrlError::InsecureScheme {
                url: raw.to_owned(),
            });
        }
        other => {
            return Err(BaseUrlError::UnsupportedScheme {
                url: raw.to_owned(),
                scheme: other.to_owned(),
            });
        }
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(domain) => domain.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_centers_map_to_their_hosts() {
        let client = Client::new(DataCenter::Sg).unwrap();
        assert_eq!(client.api_base().as_str(), "https://api-sg.cronofy.com/");
        assert_eq!(client.app_base().as_str(), "https://app-sg.cronofy.com/");
        assert_eq!(client.api_base_str(), "https://api-sg.cronofy.com");
        let default = Client::builder().build().unwrap();
        assert_eq!(default.data_center(), Some(DataCenter::Us));
    }

    #[test]
    fn loopback_http_is_allowed_with_a_path_prefix() {
        for url in [
            "http://127.0.0.1:9000",
            "http://127.8.9.1",
            "http://[::1]:9000",
            "http://localhost:1",
        ] {
            assert!(parse_base_url(url).is_ok(), "{url}");
        }
        let client = Client::builder()
            .base_url("http://127.0.0.1:9000/cronofy")
            .build()
            .unwrap();
        assert_eq!(client.api_base_str(), "http://127.0.0.1:9000/cronofy");
        assert_eq!(client.data_center(), None);
    }

    #[test]
    fn insecure_or_odd_base_urls_are_refused_with_a_reason() {
        let cases = [
            (
                "http://api.cronofy.com",
                "plain http on a host that is not loopback",
            ),
            (
                "http://10.0.0.1:80",
                "plain http on a host that is not loopback",
            ),
            (
                "http://localhost.evil.com",
                "plain http on a host that is not loopback",
            ),
            ("ftp://127.0.0.1", "has the scheme `ftp`"),
            ("https://user:pw@api.cronofy.com", "user info"),
            ("https://api.cronofy.com/?x=1", "a query"),
            ("https://api.cronofy.com/#x", "a fragment"),
            ("api.cronofy.com", "is not an absolute URL"),
        ];
        for (url, expected) in cases {
            let err = parse_base_url(url).unwrap_err().to_string();
            assert!(err.contains(expected), "{url}: {err}");
        }
        let err = Client::builder()
            .data_center(DataCenter::Uk)
            .base_url("https://example.test")
            .build()
            .unwrap_err();
        assert!(matches!(err, ClientBuildError::BaseUrlAndDataCenter));
    }
}
