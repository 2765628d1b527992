//! The OAuth endpoints: exchanging a code, refreshing, revoking. Declared like every other
//! endpoint, with `auth = "client_credentials"`: the application's client id and secret go in
//! the JSON body, so only [`AppCredentials`](crate::AppCredentials) can call them.

use std::fmt;

use cronofy_macros::cronofy_endpoint;
use secrecy::{ExposeSecret, SecretString};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::oauth::{AuthorizationCode, ReceivedCode, TokenSet};

/// Exchanges the code of an OAuth redirect for the user's (or organization's) token set.
///
/// A used, expired or mismatched code is
/// [`Error::ReauthorizationRequired`](crate::Error::ReauthorizationRequired); wrong client
/// credentials are [`Error::InvalidClient`](crate::Error::InvalidClient).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/authorization/request-authorization/)
///
/// A redirect URI that differs from the one the code was issued for is
/// [`Error::RedirectUriMismatch`](crate::Error::RedirectUriMismatch) (when Cronofy's answer
/// says so): a configuration error.
///
/// ```no_run
/// use cronofy::oauth::{Callback, ExchangeCode, PendingAuthorization, exchange_code};
/// use cronofy::{AppCredentials, Client, DataCenter};
///
/// async fn on_redirect(
///     redirect_query: &str,
///     pending: &PendingAuthorization,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let client = Client::new(DataCenter::Us)?;
///     let app = AppCredentials::new("client-id", "client-secret");
///     let received = Callback::parse(redirect_query, pending)?;
///     let tokens = exchange_code(&client, &app, &ExchangeCode::new(received)).await?;
///     println!("authorized {:?} with {:?}", tokens.sub(), tokens.scope());
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    crate = "crate",
    auth = "client_credentials",
    method = "POST",
    path = "/oauth/token"
)]
pub async fn exchange_code(#[body] grant: &ExchangeCode) -> TokenSet;

/// Exchanges a refresh token for a new token set. Cronofy rotates refresh tokens: the set
/// returned may carry a new one, and then the one sent is dead, so store the result before
/// using it. The refreshing credentials
/// ([`RefreshingUserToken`](crate::oauth::RefreshingUserToken)) call it for you, and do that.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/authorization/refresh-token/)
///
/// ```no_run
/// use cronofy::oauth::{RefreshAccessToken, TokenSet, refresh_access_token};
/// use cronofy::{AppCredentials, Client};
///
/// /// By hand, what `RefreshingUserToken` does for you: save the result before using it.
/// async fn refresh(
///     client: &Client,
///     app: &AppCredentials,
///     refresh_token: &str,
/// ) -> Result<TokenSet, cronofy::Error> {
///     let tokens =
///         refresh_access_token(client, app, &RefreshAccessToken::new(refresh_token)).await?;
///     println!("access token valid until {:?}", tokens.expires_at());
///     Ok(tokens)
/// }
/// ```
#[cronofy_endpoint(
    crate = "crate",
    auth = "client_credentials",
    method = "POST",
    path = "/oauth/token"
)]
pub async fn refresh_access_token(#[body] grant: &RefreshAccessToken) -> TokenSet;

/// Revokes an authorization: by one of its tokens (access or refresh), or every authorization
/// of an account or organization by its `sub`. Succeeds also when it was already revoked.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/authorization/revoke/)
///
/// ```no_run
/// use cronofy::oauth::{RevokeAuthorization, revoke_authorization};
/// use cronofy::{AppCredentials, Client};
///
/// /// When the user disconnects their calendar from your application.
/// async fn disconnect(
///     client: &Client,
///     app: &AppCredentials,
///     refresh_token: &str,
/// ) -> Result<(), cronofy::Error> {
///     revoke_authorization(client, app, &RevokeAuthorization::token(refresh_token)).await?;
///     println!("the user's authorization is revoked");
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    crate = "crate",
    auth = "client_credentials",
    method = "POST",
    path = "/oauth/token/revoke",
    idempotent = true
)]
pub async fn revoke_authorization(#[body] revocation: &RevokeAuthorization);

/// The body of [`exchange_code()`]: the code from the redirect, and the redirect URI the
/// authorization URL was built with.
#[must_use]
pub struct ExchangeCode {
    code: AuthorizationCode,
    redirect_uri: String,
}

impl ExchangeCode {
    /// Exchanges the code of a redirect that passed the state check, with the redirect URI of
    /// the authorization it answers.
    pub fn new(received: ReceivedCode) -> Self {
        ExchangeCode {
            code: received.code,
            redirect_uri: received.redirect_uri,
        }
    }

    /// Exchanges a code that did not come through a browser redirect you can check: pasted
    /// into a command-line tool, or handed over by a native app that did its own check.
    /// Nothing here ties it to a session; on a web redirect, use
    /// [`Callback::parse`](crate::oauth::Callback::parse) and [`ExchangeCode::new`] instead.
    pub fn without_state_check(code: AuthorizationCode, redirect_uri: impl Into<String>) -> Self {
        ExchangeCode {
            code,
            redirect_uri: redirect_uri.into(),
        }
    }
}

impl fmt::Debug for ExchangeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExchangeCode")
            .field("code", &self.code)
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

impl Serialize for ExchangeCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Only `without_state_check` can carry these; refused before sending.
        if self.code.secret().trim().is_empty() {
            return Err(crate::invalid_request("the authorization code is empty"));
        }
        if self.redirect_uri.trim().is_empty() {
            return Err(crate::invalid_request(
                "the redirect URI is empty: send the one the authorization URL was built with",
            ));
        }
        let mut body = serializer.serialize_map(Some(3))?;
        body.serialize_entry("grant_type", "authorization_code")?;
        body.serialize_entry("code", self.code.secret())?;
        body.serialize_entry("redirect_uri", &self.redirect_uri)?;
        body.end()
    }
}

/// The body of [`refresh_access_token()`]: the refresh token.
#[must_use]
pub struct RefreshAccessToken {
    refresh_token: SecretString,
}

impl RefreshAccessToken {
    /// Refreshes with `refresh_token`.
    pub fn new(refresh_token: impl Into<String>) -> Self {
        RefreshAccessToken {
            refresh_token: SecretString::from(refresh_token.into()),
        }
    }
}

impl fmt::Debug for RefreshAccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshAccessToken { refresh_token: [redacted] }")
    }
}

impl Serialize for RefreshAccessToken {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_map(Some(2))?;
        body.serialize_entry("grant_type", "refresh_token")?;
        body.serialize_entry("refresh_token", self.refresh_token.expose_secret())?;
        body.end()
    }
}

/// The body of [`revoke_authorization()`]: a token, or a `sub`.
#[must_use]
pub struct RevokeAuthorization {
    target: Revoked,
}

enum Revoked {
    Token(SecretString),
    Sub(String),
}

impl RevokeAuthorization {
    /// Revokes the authorization `token` (an access or refresh token) belongs to.
    pub fn token(token: impl Into<String>) -> Self {
        RevokeAuthorization {
            target: Revoked::Token(SecretString::from(token.into())),
        }
    }

    /// Revokes every authorization of the account or organization `sub`.
    pub fn sub(sub: impl Into<String>) -> Self {
        RevokeAuthorization {
            target: Revoked::Sub(sub.into()),
        }
    }
}

impl fmt::Debug for RevokeAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Revoked::Token(_) => f.write_str("RevokeAuthorization { token: [redacted] }"),
            Revoked::Sub(sub) => f
                .debug_struct("RevokeAuthorization")
                .field("sub", sub)
                .finish(),
        }
    }
}

impl Serialize for RevokeAuthorization {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_map(Some(1))?;
        match &self.target {
            Revoked::Token(token) => body.serialize_entry("token", token.expose_secret())?,
            Revoked::Sub(sub) => body.serialize_entry("sub", sub)?,
        }
        body.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_carry_the_grant_and_print_no_secret() {
        let exchange =
            ExchangeCode::without_state_check(AuthorizationCode::new("c0de"), "https://e.test/cb");
        assert_eq!(
            serde_json::to_string(&exchange).unwrap(),
            r#"{"grant_type":"authorization_code","code":"c0de","redirect_uri":"https://e.test/cb"}"#
        );
        let refresh = RefreshAccessToken::new("r3fresh");
        assert_eq!(
            serde_json::to_string(&refresh).unwrap(),
            r#"{"grant_type":"refresh_token","refresh_token":"r3fresh"}"#
        );
        let revoke = RevokeAuthorization::token("t0ken");
        assert_eq!(
            serde_json::to_string(&revoke).unwrap(),
            r#"{"token":"t0ken"}"#
        );
        assert_eq!(
            serde_json::to_string(&RevokeAuthorization::sub("acc_1")).unwrap(),
            r#"{"sub":"acc_1"}"#
        );
        let printed = format!("{exchange:?} {refresh:?} {revoke:?}");
        for secret in ["c0de", "r3fresh", "t0ken"] {
            assert!(!printed.contains(secret), "{printed}");
        }
        assert_eq!(EXCHANGE_CODE.path, "/oauth/token");
        for (code, uri) in [("", "https://e.test/cb"), ("c0de", " ")] {
            let empty = ExchangeCode::without_state_check(AuthorizationCode::new(code), uri);
            let refused = serde_json::to_string(&empty).unwrap_err().to_string();
            assert!(
                crate::__private::refusal_reason(&refused).is_some(),
                "{refused}"
            );
        }
        assert_eq!(
            REVOKE_AUTHORIZATION.auth,
            [crate::auth::AuthKind::ClientCredentials]
        );
    }
}
