//! The words of the attribute, named once.

/// `auth = "user" | "app" | "org"`
pub const AUTH: &str = "auth";
/// `method = "GET"`
pub const METHOD: &str = "method";
/// `path = "/v1/..."`
pub const PATH: &str = "path";
/// `paged = "events"`: the endpoint answers one page of a list, in the named field.
pub const PAGED: &str = "paged";
/// `idempotent = true`: a `POST` that may be sent twice (an upsert keyed by your own id).
pub const IDEMPOTENT: &str = "idempotent";
/// `crate = "path"`: where the `cronofy` crate is, when not at `::cronofy`.
pub const CRATE: &str = "crate";
/// Every key, in the order the messages list them.
pub const KEYS: [&str; 6] = [AUTH, METHOD, PATH, PAGED, IDEMPOTENT, CRATE];

/// `#[body]` on a parameter: the JSON request body.
pub const BODY: &str = "body";
/// `#[query]` on a parameter: the query string.
pub const QUERY: &str = "query";

/// Names of the arguments the expansion adds in front of the declared ones.
pub const RESERVED_PARAMS: [&str; 2] = ["client", "credential"];

/// The type a paged endpoint returns: `Page<Item>`.
pub const PAGE_TYPE: &str = "Page";

/// The HTTP methods, as written in `method`.
pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
