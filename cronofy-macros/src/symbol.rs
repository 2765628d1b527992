//! The words of the attribute, named once.

/// `auth = "user" | "app" | "org"`
pub const AUTH: &str = "auth";
/// `method = "GET"`
pub const METHOD: &str = "method";
/// `path = "/v1/..."`
pub const PATH: &str = "path";
/// Every key, in the order the messages list them.
pub const KEYS: [&str; 3] = [AUTH, METHOD, PATH];

/// `#[body]` on a parameter: the JSON request body.
pub const BODY: &str = "body";
/// `#[query]` on a parameter: the query string.
pub const QUERY: &str = "query";

/// Names of the arguments the expansion adds in front of the declared ones.
pub const RESERVED_PARAMS: [&str; 2] = ["client", "credential"];

/// The credential kinds, as written in `auth`.
pub const AUTH_KINDS: [&str; 4] = ["user", "app", "org", "service_account"];

/// The HTTP methods, as written in `method`.
pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
