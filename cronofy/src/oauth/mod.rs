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
//! let redirect_uri = "https://example.com/cronofy/callback";
//!
//! // 1. Send the user here.
//! let url = AuthorizationUrl::new(app.client_id().as_str(), redirect_uri)
//!     .scope([Scope::ReadWrite])
//!     .state("per-session-random-value")
//!     .build(&client);
//!
//! // 2. On the redirect, exchange the code.
//! let code = Callback::parse(redirect_query, Some("per-session-random-value"))?;
//! let tokens = exchange_code(&client, &app, &ExchangeCode::new(code, redirect_uri)).await?;
//!
//! // 3. Use a credential that refreshes itself, saving every new token set first.
//! let store = MemoryTokenStore::new();
//! let user = RefreshingUserToken::from_new_authorization(&app, tokens, store).await?;
//! # Ok(()) }
//! ```

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
