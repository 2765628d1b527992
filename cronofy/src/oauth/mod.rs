//! OAuth and authorization: authorization URLs, the code exchange, refresh and revocation,
//! self-refreshing credentials and the token stores they save to (all from `cronofy-core`);
//! and the endpoints that extend an authorization: link tokens, extended permissions,
//! conferencing service authorization.
//!
//! ```no_run
//! use cronofy::oauth::{
//!     AuthorizationUrl, Callback, ExchangeCode, MemoryTokenStore, RefreshingUserToken, Scope,
//!     exchange_code,
//! };
//! use cronofy::{AppCredentials, Client, DataCenter};
//!
//! # async fn run(redirect_query: &str) -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::new(DataCenter::Us)?;
//! let app = AppCredentials::new("client-id", "client-secret");
//!
//! // 1. Send the user here; keep `pending` (a generated state, the redirect URI) in the session.
//! let (url, pending) =
//!     AuthorizationUrl::new(app.client_id().as_str(), "https://example.com/cronofy/callback")
//!         .scope([Scope::ReadWrite])
//!         .build(&client);
//!
//! // 2. On the redirect: check it against `pending`, exchange the code (same redirect URI).
//! let received = Callback::parse(redirect_query, &pending)?;
//! let tokens = exchange_code(&client, &app, &ExchangeCode::new(received)).await?;
//!
//! // 3. Use a credential that refreshes itself, saving every new token set first.
//! let store = MemoryTokenStore::new();
//! let user = RefreshingUserToken::from_new_authorization(&app, tokens, store).await?;
//! # Ok(()) }
//! ```
//!
//! # In a web application
//!
//! The flow in [axum](https://docs.rs/axum), end to end. The [`PendingAuthorization`] lives in
//! the user's session between the two requests (it serializes with serde, for cookie, Redis or
//! database sessions; here a map by session id stands in for your session layer). It is
//! removed only once a redirect passed the check: a forged request to the callback (any web
//! page can make the browser load it) must not end the real flow.
//!
//! ```no_run
//! use std::collections::HashMap;
//! use std::sync::{Arc, Mutex};
//!
//! use axum::Router;
//! use axum::extract::{RawQuery, State};
//! use axum::http::{HeaderMap, StatusCode};
//! use axum::response::{Html, IntoResponse, Redirect, Response};
//! use axum::routing::get;
//! use cronofy::oauth::{
//!     AuthorizationUrl, Callback, ExchangeCode, PendingAuthorization, Scope, exchange_code,
//! };
//! use cronofy::{AppCredentials, Client};
//!
//! const REDIRECT_URI: &str = "https://example.com/cronofy/callback";
//!
//! #[derive(Clone)]
//! struct App {
//!     client: Client,
//!     credentials: AppCredentials,
//!     /// Stands in for your session layer: each session's authorization under way.
//!     pending: Arc<Mutex<HashMap<String, PendingAuthorization>>>,
//! }
//!
//! fn routes(app: App) -> Router {
//!     Router::new()
//!         .route("/cronofy/connect", get(connect))
//!         .route("/cronofy/callback", get(callback))
//!         .with_state(app)
//! }
//!
//! /// The id of the user's session, from the (unguessable) cookie your login set.
//! fn session_id(headers: &HeaderMap) -> Option<String> {
//!     let cookies = headers.get("cookie")?.to_str().ok()?;
//!     cookies
//!         .split(';')
//!         .find_map(|c| c.trim().strip_prefix("session="))
//!         .map(str::to_owned)
//! }
//!
//! async fn connect(State(app): State<App>, headers: HeaderMap) -> Response {
//!     let Some(session) = session_id(&headers) else {
//!         return StatusCode::UNAUTHORIZED.into_response();
//!     };
//!     let (url, pending) = AuthorizationUrl::new(app.credentials.client_id().as_str(), REDIRECT_URI)
//!         .scope([Scope::ReadWrite])
//!         .build(&app.client);
//!     app.pending.lock().unwrap().insert(session, pending);
//!     Redirect::to(url.as_str()).into_response()
//! }
//!
//! async fn callback(
//!     State(app): State<App>,
//!     headers: HeaderMap,
//!     RawQuery(query): RawQuery,
//! ) -> Response {
//!     let Some(session) = session_id(&headers) else {
//!         return StatusCode::UNAUTHORIZED.into_response();
//!     };
//!     let Some(pending) = app.pending.lock().unwrap().get(&session).cloned() else {
//!         return (StatusCode::BAD_REQUEST, "no authorization is under way").into_response();
//!     };
//!     // A wrong, missing or repeated state, a denial, an empty code: refused, and the
//!     // authorization under way stays for the real redirect.
//!     let received = match Callback::parse(query.as_deref().unwrap_or(""), &pending) {
//!         Ok(received) => received,
//!         Err(refused) => return (StatusCode::BAD_REQUEST, refused.to_string()).into_response(),
//!     };
//!     app.pending.lock().unwrap().remove(&session);
//!     match exchange_code(&app.client, &app.credentials, &ExchangeCode::new(received)).await {
//!         // Save the tokens: `RefreshingUserToken::from_new_authorization(&app.credentials,
//!         // tokens, your_store)`.
//!         Ok(_tokens) => Html("Your calendar is connected.").into_response(),
//!         Err(error) => (StatusCode::BAD_GATEWAY, error.to_string()).into_response(),
//!     }
//! }
//! ```
//!
//! The state is generated (256 bits from the operating system) and the redirect can only be
//! read against it, so the CSRF check cannot be skipped by passing nothing; the code is
//! exchanged with the redirect URI it was issued for. A code that arrives another way (pasted
//! into a command-line tool) is exchanged with
//! [`ExchangeCode::without_state_check`], named for what it leaves out.

mod conferencing;
mod link_tokens;
mod permissions;

pub use conferencing::*;
pub use cronofy_core::oauth::*;
pub use link_tokens::*;
pub use permissions::*;

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[
    &EXCHANGE_CODE,
    &REFRESH_ACCESS_TOKEN,
    &REVOKE_AUTHORIZATION,
    &CREATE_LINK_TOKEN,
    &REQUEST_PERMISSIONS,
    &AUTHORIZE_CONFERENCING_SERVICE,
];
