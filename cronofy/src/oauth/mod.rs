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
//! async fn connect_a_user(redirect_query: &str) -> Result<(), Box<dyn std::error::Error>> {
//!     let client = Client::new(DataCenter::Us)?;
//!     let app = AppCredentials::new("client-id", "client-secret");
//!
//!     // 1. Send the user here; keep `pending` (a generated state, the redirect URI) in the session.
//!     let (url, pending) = AuthorizationUrl::new(
//!         app.client_id().as_str(),
//!         "https://example.com/cronofy/callback",
//!     )
//!     .scope([Scope::ReadWrite])
//!     .build(&client);
//!
//!     // 2. On the redirect: check it against `pending`, exchange the code (same redirect URI).
//!     let received = Callback::parse(redirect_query, &pending)?;
//!     let tokens = exchange_code(&client, &app, &ExchangeCode::new(received)).await?;
//!
//!     // 3. Use a credential that refreshes itself, saving every new token set first.
//!     let store = MemoryTokenStore::new();
//!     let user = RefreshingUserToken::from_new_authorization(&app, tokens, store).await?;
//!     Ok(())
//! }
//! ```
//!
//! # In a web application
//!
//! The flow in [axum](https://docs.rs/axum), end to end. The [`PendingAuthorization`] lives in
//! the user's session between the two requests; here a map by session id stands in for your
//! session layer. What the example relies on:
//!
//! - **Starting is a `POST`.** The session cookie is `SameSite=Lax`, which is not sent on a
//!   cross-site `POST`, so another site cannot start an authorization that replaces the one
//!   under way. It must not be `Strict`: that cookie would not come back with Cronofy's
//!   cross-site redirect either.
//! - **The pending authorization is removed only by a redirect that passed the check**, under
//!   one lock. A forged request to the callback (any web page can make the browser load it)
//!   must not end the real flow.
//! - **It expires with the session.** Keep sessions short, or store an issue time beside it. In
//!   a cookie-backed session the cookie must be signed or encrypted: otherwise a user could set
//!   their own state, and the check would prove nothing.
//! - **Errors are logged, not shown.** The browser gets a plain message.
//!
//! ```no_run
//! use std::collections::HashMap;
//! use std::sync::{Arc, Mutex};
//!
//! use axum::Router;
//! use axum::extract::{RawQuery, State};
//! use axum::http::{HeaderMap, StatusCode};
//! use axum::response::{Html, IntoResponse, Redirect, Response};
//! use axum::routing::{get, post};
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
//!         .route("/cronofy/connect", post(connect))
//!         .route("/cronofy/callback", get(callback))
//!         .with_state(app)
//! }
//!
//! /// The id of the user's session, from the (unguessable, `SameSite=Lax`) cookie your login set.
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
//!     // Checked and, only if it passed, removed, under one lock.
//!     let checked = {
//!         let mut pending = app.pending.lock().unwrap();
//!         let Some(under_way) = pending.get(&session) else {
//!             return (StatusCode::BAD_REQUEST, "no authorization is under way").into_response();
//!         };
//!         let checked = Callback::parse(query.as_deref().unwrap_or(""), under_way);
//!         if checked.is_ok() {
//!             pending.remove(&session);
//!         }
//!         checked
//!     };
//!     // A wrong, missing or repeated state, a denial, an empty code: refused, and the
//!     // authorization under way stays for the real redirect.
//!     let received = match checked {
//!         Ok(received) => received,
//!         Err(refused) => {
//!             eprintln!("authorization redirect refused: {refused}"); // your logger
//!             return (StatusCode::BAD_REQUEST, "This link cannot be used; start again.")
//!                 .into_response();
//!         }
//!     };
//!     match exchange_code(&app.client, &app.credentials, &ExchangeCode::new(received)).await {
//!         // Save the tokens: `RefreshingUserToken::from_new_authorization(&app.credentials,
//!         // tokens, your_store)`.
//!         Ok(_tokens) => Html("Your calendar is connected.").into_response(),
//!         Err(error) => {
//!             eprintln!("exchanging the code failed: {error}"); // your logger
//!             (StatusCode::BAD_GATEWAY, "Cronofy could not complete the connection; try again.")
//!                 .into_response()
//!         }
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
