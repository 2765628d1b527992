//! OAuth: authorization URLs, the code exchange, refresh and revocation, and credentials that
//! refresh themselves while never losing a rotated refresh token.
//!
//! ```no_run
//! use cronofy_core::oauth::{
//!     AuthorizationUrl, Callback, ExchangeCode, MemoryTokenStore, RefreshingUserToken, Scope,
//!     exchange_code,
//! };
//! use cronofy_core::{AppCredentials, Client, DataCenter};
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

mod authorization_url;
mod callback;
mod endpoints;
mod refresh;
mod refreshing;
mod scope;
mod store;
mod token_set;

pub use authorization_url::{AuthorizationUrl, Provider};
pub use callback::{AuthorizationCode, Callback, CallbackError};
pub use endpoints::{
    EXCHANGE_CODE, ExchangeCode, REFRESH_ACCESS_TOKEN, REVOKE_AUTHORIZATION, RefreshAccessToken,
    RevokeAuthorization, exchange_code, refresh_access_token, revoke_authorization,
};
pub use refresh::{ShutdownTimedOut, shutdown};
pub use refreshing::{
    RefreshingOrgToken, RefreshingServiceAccountToken, RefreshingTokenBuilder, RefreshingUserToken,
};
pub use scope::{Scope, join_scopes};
pub use store::{
    Lease, MemoryTokenStore, RECORD_FORMAT, SaveCondition, SaveOutcome, StoredTokens, TokenStore,
    TokenStoreError, TokenVersion, decode_record, encode_record,
};
#[cfg(feature = "postgres")]
pub use store::{PostgresTokenRecord, PostgresTokenStore};
#[cfg(feature = "redis")]
pub use store::{RedisTokenRecord, RedisTokenStore};
pub use token_set::{LinkingProfile, TokenSet};
