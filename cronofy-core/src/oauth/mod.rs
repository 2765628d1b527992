//! OAuth: authorization URLs, the code exchange, refresh and revocation, and credentials that
//! refresh themselves while never losing a rotated refresh token.
//!
//! ```no_run
//! use cronofy::oauth::{
//!     AuthorizationUrl, Callback, ExchangeCode, MemoryTokenStore, PendingAuthorization,
//!     RefreshingUserToken, Scope, exchange_code,
//! };
//! use cronofy::{AppCredentials, Client, DataCenter};
//!
//! async fn connect_a_user(redirect_query: &str) -> Result<(), Box<dyn std::error::Error>> {
//!     let client = Client::new(DataCenter::Us)?;
//!     let app = AppCredentials::new("client-id", "client-secret");
//!
//!     // 1. Send the user here, and keep `pending` (state and redirect URI) in their session.
//!     let (url, pending) = AuthorizationUrl::new(
//!         app.client_id().as_str(),
//!         "https://example.com/cronofy/callback",
//!     )
//!     .scope([Scope::ReadWrite])
//!     .build(&client);
//!
//!     // 2. On the redirect, check it against `pending` and exchange the code, with the same
//!     //    redirect URI.
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
//! The state is generated (256 bits from the operating system) and the redirect can only be
//! read against it: there is no way to skip the CSRF check by passing nothing, and the code
//! is exchanged with the redirect URI it was issued for.

mod authorization_url;
mod callback;
mod endpoints;
mod pending;
mod refresh;
mod refreshing;
mod scope;
mod store;
mod token_set;

pub use authorization_url::{AuthorizationUrl, Provider};
pub use callback::{AuthorizationCode, Callback, CallbackError, ReceivedCode};
pub use endpoints::{
    EXCHANGE_CODE, ExchangeCode, REFRESH_ACCESS_TOKEN, REVOKE_AUTHORIZATION, RefreshAccessToken,
    RevokeAuthorization, exchange_code, refresh_access_token, revoke_authorization,
};
pub use pending::{AuthorizationState, PendingAuthorization, WeakStateError};
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
