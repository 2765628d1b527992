//! OAuth: authorization URLs, the code exchange, refresh and revocation, and credentials that
//! refresh themselves while never losing a rotated refresh token.
//!
//! ```no_run
//! use cronofy_core::oauth::{AuthorizationUrl, Callback, MemoryTokenStore, RefreshingUserToken, Scope};
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
//! let tokens = client.exchange_code(&app, code, redirect_uri).await?;
//!
//! // 3. Use a credential that refreshes itself and saves every new token set.
//! let user = RefreshingUserToken::new(&client, &app, tokens, MemoryTokenStore::new());
//! # Ok(()) }
//! ```

mod authorization_url;
mod callback;
mod refresher;
mod refreshing;
mod scope;
mod store;
mod token_endpoint;
mod token_set;

pub use authorization_url::{AuthorizationUrl, Provider};
pub use callback::{AuthorizationCode, Callback, CallbackError};
pub use refreshing::{RefreshingOrgToken, RefreshingUserToken};
pub use scope::Scope;
pub use store::{
    Lease, MemoryTokenStore, RECORD_FORMAT, SaveCondition, SaveOutcome, StoredTokens, TokenStore,
    TokenStoreError, TokenVersion, decode_record, encode_record,
};
#[cfg(feature = "postgres")]
pub use store::{PostgresTokenRecord, PostgresTokenStore};
#[cfg(feature = "redis")]
pub use store::{RedisTokenRecord, RedisTokenStore};
pub use token_endpoint::ApplicationCalendar;
pub use token_set::{LinkingProfile, TokenSet};
