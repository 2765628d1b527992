//! A client for the [Cronofy](https://www.cronofy.com) calendar API in which the kind of
//! credential an endpoint needs is part of its type.
//!
//! ```no_run
//! use cronofy::{Client, DataCenter, UserToken};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::new(DataCenter::Us)?;
//! let user = UserToken::new("the user's access token");
//! let calendars = cronofy::list_calendars(&client, &user).await?;
//! for calendar in &calendars.calendars {
//!     println!("{}: {}", calendar.calendar_id, calendar.calendar_name);
//! }
//! # Ok(()) }
//! ```
//!
//! Passing the application's credentials where a user's token is needed does not compile, and
//! the compiler says what to pass instead:
//!
//! ```compile_fail
//! # async fn run(client: cronofy::Client) {
//! let app = cronofy::AppCredentials::new("client id", "client secret");
//! // error: this endpoint acts for one user, but `AppCredentials` is not a user credential
//! cronofy::list_calendars(&client, &app).await;
//! # }
//! ```
//!
//! # Credentials
//!
//! | kind | credential | sent as |
//! | --- | --- | --- |
//! | user | [`UserToken`], or [`Impersonation`] (`org.impersonate(sub)`) | `Authorization: Bearer {token}` (+ `Cronofy-Impersonate: {sub}`) |
//! | app | [`AppCredentials`] | `Authorization: Bearer {client_secret}` |
//! | org | [`OrgToken`] | `Authorization: Bearer {org token}` |
//! | service_account | [`ServiceAccountToken`] (Enterprise Connect) | `Authorization: Bearer {service account token}` |
//!
//! # Declaring an endpoint
//!
//! Every endpoint here is declared with [`cronofy_endpoint`], and so can yours:
//!
//! ```
//! use cronofy::cronofy_endpoint;
//!
//! #[derive(serde::Deserialize)]
//! pub struct Channels {
//!     pub channels: Vec<serde_json::Value>,
//! }
//!
//! /// Lists the user's notification channels.
//! #[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/channels")]
//! pub async fn list_channels() -> Channels;
//!
//! assert_eq!(LIST_CHANNELS.path, "/v1/channels");
//! ```
//!
//! The expansion is `pub async fn list_channels(client: &Client, credential: &impl UserAuth)
//! -> Result<Channels, cronofy::Error>`, plus the constant `LIST_CHANNELS` describing it.
//! See [`cronofy_endpoint`] for the rules.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// Lets the macro's `::cronofy::...` paths resolve inside this crate too.
extern crate self as cronofy;

/// Declares a Cronofy endpoint: a bodyless `async fn` that becomes a function accepting only
/// the credential kinds named in `auth`.
///
/// ```
/// use cronofy::cronofy_endpoint;
/// # #[derive(serde::Serialize)] pub struct Disable { pub display_message: String }
///
/// /// Disables a real-time scheduling link.
/// #[cronofy_endpoint(auth = "app", method = "POST", path = "/v1/real_time_scheduling/{id}/disable")]
/// pub async fn disable_link(id: &str, #[body] body: &Disable);
/// ```
///
/// - `auth`: `"user"`, `"app"` or `"org"`, or several joined with `|`
///   (`auth = "user" | "app"`); or `"service_account"` alone (Enterprise Connect). The generated function's second argument is
///   `credential: &impl UserAuth` (or [`AppAuth`](auth::AppAuth), [`OrgAuth`](auth::OrgAuth),
///   [`UserOrAppAuth`](auth::UserOrAppAuth), ...), after `client: &Client`.
/// - `method`: `"GET"`, `"POST"`, `"PUT"`, `"PATCH"` or `"DELETE"`.
/// - `path`: starts with `/`; each `{name}` is a whole segment filled by the parameter of the
///   same name (any `Display` type), percent-encoded so it stays one segment.
/// - At most one `#[body]` parameter (any `Serialize` type, sent as JSON; not on GET) and one
///   `#[query]` parameter (a `Serialize` struct of scalar or sequence fields; name a sequence
///   field `"ids[]"` with `#[serde(rename)]` for Cronofy's repeated `ids[]=` form).
/// - The declared return type is what the success body decodes to (`DeserializeOwned`); with
///   none, any success (usually `202 Accepted`) returns `()`.
/// - Docs, attributes and visibility carry over. A constant named after the function in
///   capitals (`disable_link` -> `DISABLE_LINK`) holds the endpoint as an [`Endpoint`].
///
/// Every mistake in a declaration is a compile error on the offending token.
pub use cronofy_macros::cronofy_endpoint;

pub use cronofy_core::auth;
pub use cronofy_core::oauth;
pub use cronofy_core::oauth::{RefreshingOrgToken, RefreshingUserToken};
pub use cronofy_core::{
    AppCredentials, BaseUrlError, Client, ClientBuildError, ClientBuilder, ClientId,
    DEFAULT_TIMEOUT, DataCenter, Endpoint, Error, Impersonation, Items, Method, OrgToken, Page,
    Pages, ResponseExcerpt, RetryPolicy, ServiceAccountToken, UnknownDataCenter, UserToken,
    ValidationErrors, ValidationIssue,
};

pub mod application_calendars;
pub mod availability;
pub mod availability_rules;
pub mod available_periods;
pub mod batch;
pub mod calendars;
pub mod channels;
pub mod conferencing;
pub mod element_tokens;
pub mod enterprise_connect;
pub mod events;
pub mod free_busy;
pub mod identity;
pub mod link_tokens;
pub mod organizational_units;
pub mod permissions;
pub mod real_time_scheduling;
pub mod scheduler_requests;
pub mod smart_invites;
pub mod time;
mod wire;

pub use application_calendars::*;
pub use availability::*;
pub use availability_rules::*;
pub use available_periods::*;
pub use batch::*;
pub use calendars::*;
pub use channels::*;
pub use conferencing::*;
pub use element_tokens::*;
pub use enterprise_connect::*;
pub use events::*;
pub use free_busy::*;
pub use identity::*;
pub use link_tokens::*;
pub use organizational_units::*;
pub use permissions::*;
pub use real_time_scheduling::*;
pub use scheduler_requests::*;
pub use smart_invites::*;

/// Every endpoint this crate declares, for documentation, tests and servers imitating Cronofy.
pub fn endpoints() -> Vec<&'static Endpoint> {
    [
        application_calendars::ENDPOINTS,
        availability::ENDPOINTS,
        availability_rules::ENDPOINTS,
        available_periods::ENDPOINTS,
        batch::ENDPOINTS,
        calendars::ENDPOINTS,
        channels::ENDPOINTS,
        conferencing::ENDPOINTS,
        element_tokens::ENDPOINTS,
        enterprise_connect::ENDPOINTS,
        events::ENDPOINTS,
        free_busy::ENDPOINTS,
        identity::ENDPOINTS,
        link_tokens::ENDPOINTS,
        organizational_units::ENDPOINTS,
        permissions::ENDPOINTS,
        real_time_scheduling::ENDPOINTS,
        scheduler_requests::ENDPOINTS,
        smart_invites::ENDPOINTS,
    ]
    .concat()
}

/// What generated endpoint functions call. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use cronofy_core::__private::*;
}
