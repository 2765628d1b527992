//! The checked declaration: what [`validate`](crate::validate) produces and
//! [`expand`](crate::expand) consumes. Everything here is known to be valid.

use proc_macro2::Span;
use syn::{Attribute, Ident, LitStr, Path, Type, Visibility};

/// A credential kind: an entry of the one list of kinds.
pub type AuthKind = &'static crate::kinds::Kind;

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `"GET"`
    Get,
    /// `"POST"`
    Post,
    /// `"PUT"`
    Put,
    /// `"PATCH"`
    Patch,
    /// `"DELETE"`
    Delete,
}

impl Method {
    /// The variant name of `cronofy::Method`.
    pub fn variant(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Patch => "Patch",
            Method::Delete => "Delete",
        }
    }

    /// Whether the method is idempotent (RFC 9110): `GET`, `PUT`, `DELETE`.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }

    /// As written in HTTP.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// What a declared parameter becomes in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Fills the `{name}` placeholder of the same name.
    Path,
    /// `#[body]`: the JSON body.
    Body,
    /// `#[query]`: the query string.
    Query,
}

/// A declared parameter.
pub struct Param {
    /// Its name.
    pub name: Ident,
    /// Its type, as written.
    pub ty: Type,
    /// What it becomes.
    pub role: Role,
}

/// How a paged endpoint's pages are read.
pub struct Paged {
    /// The response field holding the page's items, as written in `paged`.
    pub field: LitStr,
    /// The item type: `T` of the declared `Page<T>`.
    pub item: Type,
    /// The name of the generated all-pages function, e.g. `read_all_events`.
    pub all_pages: Ident,
}

/// A valid endpoint declaration.
pub struct Endpoint {
    /// The path of the `cronofy` crate in generated code (`::cronofy` unless `crate = ...`).
    pub krate: Path,
    /// The function's own attributes (docs among them), `#[cronofy_endpoint]` excluded.
    pub attrs: Vec<Attribute>,
    /// The function's visibility.
    pub vis: Visibility,
    /// The function's name.
    pub name: Ident,
    /// The accepted kinds, in declaration order, and the span of the `auth` value.
    pub auth: Vec<AuthKind>,
    /// Where `auth`'s value was written: failed credential bounds point there.
    pub auth_span: Span,
    /// The method.
    pub method: Method,
    /// The path template as written.
    pub path: LitStr,
    /// The placeholders of the path, in order.
    pub placeholders: Vec<String>,
    /// The parameters, in declaration order.
    pub params: Vec<Param>,
    /// The success type, or `None` for an empty success.
    pub output: Option<Type>,
    /// For a paged endpoint, how its pages are read.
    pub paged: Option<Paged>,
    /// Whether a failed attempt may be sent again.
    pub idempotent: bool,
}

impl Endpoint {
    /// The parameter with `role`, if one has it (body and query are unique).
    pub fn param_with(&self, role: Role) -> Option<&Param> {
        self.params.iter().find(|p| p.role == role)
    }
}
