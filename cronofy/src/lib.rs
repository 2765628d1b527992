//! A client for the [Cronofy](https://www.cronofy.com) calendar API in which the kind of
//! credential an endpoint needs is part of its type: every Cronofy endpoint is a function that
//! accepts only the credentials Cronofy takes for it, OAuth refreshes itself with rotated
//! refresh tokens kept safe across instances, and a fake Cronofy ([`cronofy-fake`]) runs the
//! whole API on your machine for tests.
//!
//! This runs as it is, against the fake (add `cronofy-fake` and `tokio` to try it):
//!
//! ```
//! use cronofy::calendars;
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // Against Cronofy: `Client::new(DataCenter::Us)?` and `UserToken::new(access_token)`.
//!     let fake = cronofy_fake::FakeCronofy::start().await;
//!     let client = fake.client();
//!     let alice = fake.default_user();
//!     let user = fake.issue_user_token(&alice.sub, "read_write").user_token();
//!
//!     let calendars = calendars::list_calendars(&client, &user).await?;
//!     for calendar in &calendars.calendars {
//!         println!("{}: {}", calendar.calendar_id, calendar.calendar_name);
//!     }
//!     assert!(!calendars.calendars.is_empty());
//!     Ok(())
//! }
//! ```
//!
//! [`cronofy-fake`]: https://docs.rs/cronofy-fake
//!
//! Every example in these pages compiles as written against `cronofy`; besides it, some use
//! what an application of yours would have: `tokio` (a runtime), `serde`/`serde_json` (to show
//! a body as JSON), `axum` (the web examples) or `cronofy-fake` (examples that run).
//!
//! Passing the application's credentials where a user's token is needed does not compile, and
//! the compiler says what to pass instead:
//!
//! ```compile_fail
//! use cronofy::{AppCredentials, Client};
//!
//! async fn show_calendars(client: &Client) {
//!     let app = AppCredentials::new("client id", "client secret");
//!     // error: this endpoint acts for one user, but `AppCredentials` is not a user credential
//!     cronofy::calendars::list_calendars(client, &app).await;
//! }
//! ```
//!
//! # The API, by Cronofy's areas
//!
//! | module | what is there |
//! | --- | --- |
//! | [`oauth`] | authorization URLs, the code exchange, refresh and revocation; self-refreshing credentials and the token stores they save to; link tokens, extended permissions, conferencing service authorization |
//! | [`identity`] | the account, its OpenID Connect userinfo, its calendar profiles |
//! | [`calendars`] | listing and creating calendars; application calendars |
//! | [`events`] | reading (paged), creating, updating and deleting events; free/busy; participation status; batches |
//! | [`availability`] | availability and sequenced availability queries; availability rules; available periods |
//! | [`scheduling`] | real-time scheduling links, smart invites, bookable events, Scheduling Requests (and the deprecated Scheduler requests), scheduling conversations |
//! | [`attachments`] | files uploaded to attach to events |
//! | [`notifications`] | push notification channels, and verifying the notifications they send |
//! | [`organizations`] | Organization Connect (members, resources), Enterprise Connect (service accounts) and Business Connect (delegated access) |
//! | [`ui_elements`] | tokens for Cronofy's UI Elements |
//! | [`applications`] | the Admin API: verifying the application |
//! | [`batching`] | many writes in few requests: automatic batching of concurrent calls, and a bulk API (streams of operations and results) |
//! | [`rate`] | staying within Cronofy's rate limits: a rate governor per application, in memory or shared in Redis or PostgreSQL |
//! | [`time`] | Cronofy's time values |
//! | [`auth`] | the credential kinds as traits (`UserAuth`, `AppAuth`, ...), sealed |
//! | [`fields`] | `extra` on responses and `field()` on request bodies, for what this crate does not model yet |
//!
//! # Where to start
//!
//! | to | read |
//! | --- | --- |
//! | connect a user's calendar (the OAuth flow, end to end with axum) | [`oauth`], [`oauth::AuthorizationUrl`], [`oauth::Callback`] |
//! | keep a user's tokens fresh, across instances | [`oauth::RefreshingUserToken`], [`oauth::TokenStore`] (memory, PostgreSQL, Redis) |
//! | choose the data center, timeouts, retries | [`Client`], [`ClientBuilder`], [`RetryPolicy`], [`DataCenter`] |
//! | stay within Cronofy's rate limits, across instances | [`rate::RateGovernor`], [`ClientBuilder::rate_governor`] |
//! | write thousands of events quickly | [`batching::bulk`], [`batching::Batcher`] |
//! | handle failures | [`Error`]: what each case means and what to do |
//! | receive push notifications and every other callback, verified | [`notifications`], [`notifications::Callback`], [`notifications::WebhookSecrets`] |
//! | test without Cronofy | [`cronofy-fake`]: a stateful fake of every endpoint, with faults on demand |
//! | trace calls | one `tracing` span per endpoint call, named after the endpoint, with OpenTelemetry's HTTP client fields ([the README's *Tracing*](https://github.com/cronofy-rs/cronofy-rs#tracing)) |
//! | call an endpoint this crate lacks | [`cronofy_endpoint`], below |
//!
//! # Features
//!
//! | feature | what it adds |
//! | --- | --- |
//! | `postgres` | `oauth::PostgresTokenStore`: tokens shared by every instance, in PostgreSQL (tokio-postgres); `rate::PostgresRateBudget`: a rate budget shared by every instance |
//! | `redis` | `oauth::RedisTokenStore`: the same in Redis; `rate::RedisRateBudget`: a rate budget shared by every instance |
//! | `axum` | `notifications::VerifiedCallback`: an axum extractor that verifies Cronofy's callbacks and decodes them |
//!
//! None is on by default.
//!
//! Each endpoint is a function of its area's module, named after what it does: `list_*` for a
//! list of resources Cronofy calls a list (`list_calendars`, `list_bookable_events`), `read_*`
//! for one resource or a window of a feed (`read_events`); a paged endpoint also has a stream
//! of every page, named with `all_` after the verb (`read_all_events`,
//! `list_all_bookable_events`); `create_*`, `upsert_*` (create or update by your own id),
//! `delete_*`, `query_*` for
//! availability questions, and a plain verb where Cronofy's action has its own name
//! (`revoke_profile`, `close_channel`, `disable_real_time_scheduling`). A request body or query
//! is the function's name in `CamelCase` (`upsert_event` takes an `UpsertEvent`); a response
//! that wraps one value `{"thing": ...}` is `ThingResponse`, a list `{"things": [...]}` is
//! `ThingList`, and one page of a paged list is [`Page<Thing>`](Page). Values Cronofy may
//! extend are open enums whose unknown values are kept as `Unknown(text)`.
//!
//! # Credentials
//!
//! | kind | credential | sent as |
//! | --- | --- | --- |
//! | user | [`UserToken`], [`oauth::RefreshingUserToken`], or [`Impersonation`] (`org.impersonate(sub)`) | `Authorization: Bearer {token}` (+ `Cronofy-Impersonate: {sub}`) |
//! | app | [`AppCredentials`] | `Authorization: Bearer {client_secret}` |
//! | org | [`OrgToken`], [`oauth::RefreshingOrgToken`] | `Authorization: Bearer {org token}` |
//! | service_account | [`ServiceAccountToken`], [`oauth::RefreshingServiceAccountToken`] (Enterprise Connect) | `Authorization: Bearer {service account token}` |
//! | client_credentials | [`AppCredentials`] | `client_id` and `client_secret` in the JSON body (OAuth, application calendars) |
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
//! The expansion is `pub async fn list_channels(client: &Client, credential: &dyn UserAuth)
//! -> Result<Channels, cronofy::Error>`, plus the constant `LIST_CHANNELS` describing it.
//! See [`cronofy_endpoint`] for the rules, paged endpoints among them. Code generic over one
//! kind (`C: UserAuth`) calls every endpoint accepting that kind, alone or with others, and a
//! credential in a `Box` or an `Arc` is accepted as is (see [`auth`]). The credential rules of
//! your own endpoints are tested with [`assert_accepts!`] and [`assert_rejects!`], which
//! compile to nothing and fail the build when a rule does not hold.
#![deny(missing_docs)]
#![forbid(unsafe_code)]
// On docs.rs (nightly), items behind a feature carry a badge naming it.
#![cfg_attr(docsrs, feature(doc_cfg))]

// Lets the macro's `::cronofy::...` paths resolve inside this crate too.
extern crate self as cronofy;

/// Declares a Cronofy endpoint: a bodyless `async fn` that becomes a function accepting only
/// the credential kinds named in `auth`.
///
/// ```
/// use cronofy::cronofy_endpoint;
///
/// /// The body of `disable_link`.
/// #[derive(serde::Serialize)]
/// pub struct Disable {
///     pub display_message: String,
/// }
///
/// /// Disables a real-time scheduling link.
/// #[cronofy_endpoint(
///     auth = "app",
///     method = "POST",
///     path = "/v1/real_time_scheduling/{id}/disable"
/// )]
/// pub async fn disable_link(id: &str, #[body] body: &Disable);
/// ```
///
/// - `auth`: `"user"`, `"app"` or `"org"`, or several joined with `|`
///   (`auth = "user" | "app"`); or alone, `"service_account"` (Enterprise Connect) or
///   `"client_credentials"` (the client id and secret in the JSON body). The generated
///   function's second argument is `credential: &dyn UserAuth` (or
///   [`AppAuth`](auth::AppAuth), [`OrgAuth`](auth::OrgAuth),
///   [`UserOrAppAuth`](auth::UserOrAppAuth), ...), after `client: &Client`; a credential of
///   one kind also passes where a combination containing it is accepted (see [`auth`]).
/// - `method`: `"GET"`, `"POST"`, `"PUT"`, `"PATCH"` or `"DELETE"`.
/// - `path`: starts with `/`; each `{name}` is a whole segment filled by the parameter of the
///   same name (any `Display` type; `r#type` fills `{type}`), percent-encoded so it stays one
///   segment. The rest is written as sent: no empty, `.` or `..` segments, no percent escapes,
///   only letters, digits and `-._~!$&'()*+,;=:@`.
/// - At most one `#[body]` parameter (any `Serialize` type, sent as JSON; not on GET) and one
///   `#[query]` parameter (a `Serialize` struct of scalar or sequence fields; name a sequence
///   field `"ids[]"` with `#[serde(rename)]` for Cronofy's repeated `ids[]=` form; a map or a
///   list of `(name, value)` pairs also works, a bare value never does).
/// - The declared return type is what the success body decodes to (`DeserializeOwned`, so
///   owned: `String`, not `&str`); with none, any success (usually `202 Accepted`) returns `()`.
/// - No generics: references need no named lifetime.
/// - `idempotent = true` on a `POST` that is safe to send twice (an upsert keyed by your own
///   id, a query): a failed attempt is then retried like a `GET`'s (a 502, 503, 504 or lost
///   connection); `idempotent = false` on a `PUT` or `DELETE` that is not. By default the
///   method decides: `GET`, `PUT` and `DELETE` are retried, `POST` and `PATCH` are not. A 429
///   is retried for every request.
/// - `paged = "field"` declares one page of a list whose items are in `field`: the return type
///   is then [`Page<Item>`](Page), and a second function, the name with `all_` after its first
///   word (`read_events` gives `read_all_events`), returns the [`Pages`] stream of every page,
///   following `next_page` only on the client's own origin.
/// - Docs, attributes and visibility carry over. A constant named after the function in
///   capitals (`disable_link` -> `DISABLE_LINK`) holds the endpoint as an [`Endpoint`].
/// - `crate = "path"`, for crates that re-export this one: where generated code finds
///   `cronofy` (default `::cronofy`).
/// - For [`assert_accepts!`] and [`assert_rejects!`], a hidden trait of the function's name
///   lists the credential types it accepts. Traits live in the type namespace, so it never
///   clashes with the function; a type or module of that name in the same scope would, and
///   so does the layout `mod rooms; pub use rooms::rooms;` (the `use` brings in both the
///   function and the trait, which then clash with the module): rename the module, or import
///   `rooms::rooms as list_rooms`.
/// - The return type owns its data: a type with a lifetime parameter cannot be returned, even
///   elided or behind an alias (the compiler then reports it in its own words).
///
/// A paged endpoint of your own:
///
/// ```
/// use cronofy::{Page, cronofy_endpoint};
///
/// #[derive(serde::Deserialize)]
/// pub struct Room {
///     pub sub: String,
/// }
///
/// /// Lists meeting rooms, a page at a time.
/// #[cronofy_endpoint(auth = "org", method = "GET", path = "/v1/rooms", paged = "rooms")]
/// pub async fn list_rooms() -> Page<Room>;
///
/// async fn every_room(
///     client: &cronofy::Client,
///     org: &cronofy::OrgToken,
/// ) -> Result<Vec<Room>, cronofy::Error> {
///     list_all_rooms(client, org).collect_items().await
/// }
/// ```
///
/// Every mistake in a declaration is a compile error on the offending token.
pub use cronofy_macros::cronofy_endpoint;

/// Fails the build unless the endpoint accepts every listed credential type: a test of the
/// credential rules of an endpoint, yours or this crate's, that compiles to nothing.
///
/// ```
/// use std::sync::Arc;
/// use cronofy::{assert_accepts, cronofy_endpoint, OrgToken};
/// use cronofy::auth::OrgAuth;
/// use cronofy::oauth::{MemoryTokenStore, RefreshingOrgToken};
///
/// #[derive(serde::Deserialize)]
/// pub struct RoomList {}
///
/// #[cronofy_endpoint(auth = "org", method = "GET", path = "/v1/rooms")]
/// pub async fn list_rooms() -> RoomList;
///
/// assert_accepts!(list_rooms: OrgToken, RefreshingOrgToken<MemoryTokenStore>, Arc<OrgToken>, dyn OrgAuth);
/// ```
///
/// A rule that does not hold fails the build, naming the endpoint, the credential and the
/// declared kinds:
///
/// ```compile_fail
/// use cronofy::{AppCredentials, assert_accepts, cronofy_endpoint};
///
/// #[derive(serde::Deserialize)]
/// pub struct RoomList {}
///
/// #[cronofy_endpoint(auth = "org", method = "GET", path = "/v1/rooms")]
/// pub async fn list_rooms() -> RoomList;
///
/// // error: `list_rooms` does not accept `AppCredentials`: it is declared `auth = "org"`
/// assert_accepts!(list_rooms: AppCredentials);
/// ```
///
/// The endpoint is named by the path of its function (`cronofy::calendars::list_calendars`);
/// the check goes through a hidden trait `#[cronofy_endpoint]` defines under the same name, so
/// it asks the compiler exactly what a call would. A trait object of a kind (`dyn UserAuth`)
/// stands for code generic over that kind. To see the messages your users meet for a misuse,
/// keep a [trybuild](https://docs.rs/trybuild) suite of compile-fail cases with their
/// `.stderr` files; `examples/own-endpoints` in this crate's repository is a worked example of
/// both (run by `cargo test --workspace`).
#[macro_export]
macro_rules! assert_accepts {
    ($($assertion:tt)*) => {
        $crate::__private::assert_accepts!($crate; $($assertion)*);
    };
}

/// Fails the build unless the endpoint rejects every listed credential type: the counterpart
/// of [`assert_accepts!`], for the kinds an endpoint must never take.
///
/// ```
/// use cronofy::{assert_rejects, AppCredentials, ServiceAccountToken, UserToken};
/// use cronofy::auth::UserOrAppAuth;
///
/// // Calendars are a user's: not the application's, not a service account's, and not a
/// // credential that may be either a user's or the application's.
/// assert_rejects!(cronofy::calendars::list_calendars: AppCredentials, ServiceAccountToken, dyn UserOrAppAuth);
/// ```
///
/// ```compile_fail
/// use cronofy::{UserToken, assert_rejects};
///
/// // error: `list_calendars` accepts `UserToken`, which `assert_rejects!` says it rejects:
/// // it is declared `auth = "user"`
/// assert_rejects!(cronofy::calendars::list_calendars: UserToken);
/// ```
///
/// Any type may be listed (a `String` is rejected too). The check runs during constant
/// evaluation, so its failure is reported as `error[E0080]: evaluation panicked: ...`.
#[macro_export]
macro_rules! assert_rejects {
    ($($assertion:tt)*) => {
        $crate::__private::assert_rejects!($crate; $($assertion)*);
    };
}

pub use cronofy_core::auth;
pub use cronofy_core::rate;
pub use cronofy_core::{
    AppCredentials, BaseUrlError, Client, ClientBuildError, ClientBuilder, ClientId,
    DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, DataCenter, Endpoint, Error, Impersonation,
    Impersonator, Items, Method, OrgToken, Page, PageInfo, Pages, ResponseExcerpt, RetryPolicy,
    ServiceAccountToken, UnknownDataCenter, UserToken, ValidationErrors, ValidationIssue,
    invalid_request,
};
pub use fields::{ExtensibleBody, Extra, ExtraFields};

pub mod applications;
pub mod attachments;
pub mod availability;
pub mod batching;
pub mod calendars;
mod checks;
pub mod events;
pub mod fields;
pub mod identity;
pub mod notifications;
pub mod oauth;
pub mod organizations;
pub mod scheduling;
pub mod time;
pub mod ui_elements;
mod wire;

/// Every endpoint this crate declares, OAuth included: for documentation, tests and servers
/// imitating Cronofy.
pub fn endpoints() -> Vec<&'static Endpoint> {
    [
        oauth::ENDPOINTS,
        identity::ENDPOINTS,
        calendars::ENDPOINTS,
        events::ENDPOINTS,
        availability::ENDPOINTS,
        scheduling::ENDPOINTS,
        notifications::ENDPOINTS,
        organizations::ENDPOINTS,
        ui_elements::ENDPOINTS,
        attachments::ENDPOINTS,
        applications::ENDPOINTS,
    ]
    .concat()
}

/// What generated endpoint functions call. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use cronofy_core::__private::*;
    pub use cronofy_macros::{assert_accepts, assert_rejects};
}
