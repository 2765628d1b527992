//! What an endpoint is, as data: method, path template and accepted credential kinds.

use std::fmt;

use crate::auth::AuthKind;

/// The HTTP methods Cronofy's API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name in capitals, e.g. `"GET"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice has the same effect as sending it once (RFC 9110).
    pub const fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }

    pub(crate) fn to_http(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An endpoint declared with `#[cronofy_endpoint]`, as data: for documentation, tests, and
/// servers that imitate Cronofy.
///
/// The macro emits one as a constant named after the function in capitals:
/// `list_calendars` comes with `LIST_CALENDARS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Endpoint {
    /// The Rust function's name, e.g. `"list_calendars"`.
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, with `{name}` placeholders, e.g. `"/v1/calendars/{calendar_id}/events"`.
    pub path: &'static str,
    /// The credential kinds Cronofy accepts for it, in declaration order.
    pub auth: &'static [AuthKind],
    /// Whether the request has a JSON body.
    pub has_body: bool,
    /// Whether the request has a query string.
    pub has_query: bool,
    /// Whether a success has a JSON body to decode (`false`: an empty `202 Accepted`).
    pub returns_body: bool,
    /// Whether sending the request twice leaves what sending it once leaves, so that a failed
    /// attempt may be retried: `GET`, `PUT` and `DELETE`, and `POST`s declared
    /// `idempotent = true` (upserts keyed by your own id).
    pub idempotent: bool,
    /// For a paged endpoint, the response field that holds the page's items.
    pub paged: Option<&'static str>,
    /// Opens the tracing span of one call, named after the endpoint.
    pub(crate) span: EndpointSpan,
}

/// Opens the span of one call to an endpoint: a function written by the macro, so that each
/// endpoint has its own callsite and the span its own name (`tracing` names are static).
///
/// Equal and hashed as nothing: the span follows from the endpoint's other fields.
#[derive(Clone, Copy)]
pub(crate) struct EndpointSpan(pub(crate) fn() -> tracing::Span);

impl PartialEq for EndpointSpan {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for EndpointSpan {}

impl std::hash::Hash for EndpointSpan {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl fmt::Debug for EndpointSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EndpointSpan")
    }
}

impl Endpoint {
    /// Used by the macro's expansion: `Endpoint` is `#[non_exhaustive]`, so generated code in
    /// other crates cannot write it as a struct literal.
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        name: &'static str,
        method: Method,
        path: &'static str,
        auth: &'static [AuthKind],
        has_body: bool,
        has_query: bool,
        returns_body: bool,
        paged: Option<&'static str>,
        idempotent: bool,
        span: fn() -> tracing::Span,
    ) -> Self {
        Endpoint {
            name,
            method,
            path,
            auth,
            has_body,
            has_query,
            returns_body,
            paged,
            idempotent,
            span: EndpointSpan(span),
        }
    }

    /// Whether a credential of `kind` may call this endpoint.
    pub fn accepts(&self, kind: AuthKind) -> bool {
        self.auth.contains(&kind)
    }
}

impl fmt::Display for Endpoint {
    /// `GET /v1/calendars (user)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} (", self.method, self.path)?;
        for (i, kind) in self.auth.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            f.write_str(kind.as_str())?;
        }
        f.write_str(")")
    }
}
