//! `POST /oauth/token` and `POST /oauth/token/revoke`: the application's own requests, with its
//! client credentials in the JSON body.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderValue, USER_AGENT};
use serde::{Deserialize, Serialize};

use crate::client::USER_AGENT as USER_AGENT_VALUE;
use crate::error::ResponseExcerpt;
use crate::oauth::callback::AuthorizationCode;
use crate::oauth::token_set::{TokenResponse, TokenSet};
use crate::request::error_for_status;
use crate::{AppCredentials, Client, Error};

#[derive(Serialize)]
#[serde(tag = "grant_type", rename_all = "snake_case")]
enum Grant<'a> {
    AuthorizationCode {
        client_id: &'a str,
        client_secret: &'a str,
        code: &'a str,
        redirect_uri: &'a str,
    },
    RefreshToken {
        client_id: &'a str,
        client_secret: &'a str,
        refresh_token: &'a str,
    },
}

#[derive(Serialize)]
struct ApplicationCalendarRequest<'a> {
    client_id: &'a str,
    client_secret: &'a str,
    application_calendar_id: &'a str,
}

/// An application calendar: a calendar owned by the application itself, with the tokens to
/// use it (as a user credential: `UserToken::new(tokens.access_token())`, or a
/// `RefreshingUserToken`).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApplicationCalendar {
    /// Your id for the calendar, as sent.
    pub application_calendar_id: String,
    /// The tokens acting for the calendar's account.
    pub tokens: TokenSet,
}

#[derive(Serialize)]
struct Revoke<'a> {
    client_id: &'a str,
    client_secret: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<&'a str>,
}

/// An RFC 6749 error body: `{"error": "invalid_grant", "error_description": "..."}`.
#[derive(Deserialize)]
struct OAuthErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

impl Client {
    /// Exchanges the code of an OAuth redirect for a token set. `redirect_uri` must be the one
    /// the authorization URL was built with.
    ///
    /// A used, expired or mismatched code is [`Error::ReauthorizationRequired`]; wrong client
    /// credentials are [`Error::InvalidClient`].
    pub async fn exchange_code(
        &self,
        app: &AppCredentials,
        code: AuthorizationCode,
        redirect_uri: &str,
    ) -> Result<TokenSet, Error> {
        let grant = Grant::AuthorizationCode {
            client_id: app.client_id().as_str(),
            client_secret: app.client_secret(),
            code: code.secret(),
            redirect_uri,
        };
        let secrets = [app.client_secret().as_bytes(), code.secret().as_bytes()];
        self.token_request("/oauth/token", &grant, &secrets)
            .await
            .and_then(|(status, body)| decode_token_set(status, &body))
    }

    /// Exchanges a refresh token for a new token set. Cronofy rotates refresh tokens: the set
    /// returned may carry a new one, and then the one sent is dead, so store the result
    /// before using it (the refreshing credentials do this for you).
    pub async fn refresh_tokens(
        &self,
        app: &AppCredentials,
        refresh_token: &str,
    ) -> Result<TokenSet, Error> {
        let grant = Grant::RefreshToken {
            client_id: app.client_id().as_str(),
            client_secret: app.client_secret(),
            refresh_token,
        };
        let secrets = [app.client_secret().as_bytes(), refresh_token.as_bytes()];
        self.token_request("/oauth/token", &grant, &secrets)
            .await
            .and_then(|(status, body)| decode_token_set(status, &body))
    }

    /// Creates the application calendar `application_calendar_id`, or returns tokens for it if it
    /// exists (`POST /v1/application_calendars`, client credentials in the body, so only
    /// [`AppCredentials`] can call it).
    pub async fn create_application_calendar(
        &self,
        app: &AppCredentials,
        application_calendar_id: &str,
    ) -> Result<ApplicationCalendar, Error> {
        let body = ApplicationCalendarRequest {
            client_id: app.client_id().as_str(),
            client_secret: app.client_secret(),
            application_calendar_id,
        };
        let secrets = [app.client_secret().as_bytes()];
        let (status, body) = self
            .token_request("/v1/application_calendars", &body, &secrets)
            .await?;
        #[derive(Deserialize)]
        struct Id {
            #[serde(default)]
            application_calendar_id: Option<String>,
        }
        let tokens = decode_token_set(status, &body)?;
        let id = serde_json::from_slice::<Id>(&body)
            .ok()
            .and_then(|id| id.application_calendar_id)
            .unwrap_or_else(|| application_calendar_id.to_owned());
        Ok(ApplicationCalendar {
            application_calendar_id: id,
            tokens,
        })
    }

    /// Revokes a token (access or refresh) and the authorization it belongs to. Succeeds also
    /// when it was already revoked.
    pub async fn revoke_token(&self, app: &AppCredentials, token: &str) -> Result<(), Error> {
        let body = Revoke {
            client_id: app.client_id().as_str(),
            client_secret: app.client_secret(),
            token: Some(token),
            sub: None,
        };
        let secrets = [app.client_secret().as_bytes(), token.as_bytes()];
        self.token_request("/oauth/token/revoke", &body, &secrets)
            .await
            .map(drop)
    }

    /// Revokes every authorization of the account or organization `sub`.
    pub async fn revoke_sub(&self, app: &AppCredentials, sub: &str) -> Result<(), Error> {
        let body = Revoke {
            client_id: app.client_id().as_str(),
            client_secret: app.client_secret(),
            token: None,
            sub: Some(sub),
        };
        let secrets = [app.client_secret().as_bytes()];
        self.token_request("/oauth/token/revoke", &body, &secrets)
            .await
            .map(drop)
    }

    /// Posts `body` as JSON; a success gives its status and body, anything else a typed error
    /// scrubbed of `secrets`.
    async fn token_request(
        &self,
        path: &str,
        body: &impl Serialize,
        secrets: &[&[u8]],
    ) -> Result<(StatusCode, bytes::Bytes), Error> {
        let body = serde_json::to_vec(body).map_err(|e| Error::Encode {
            part: "body",
            reason: e.to_string(),
        })?;
        let response = self
            .http()
            .post(format!("{}{path}", self.api_base_str()))
            .timeout(self.timeout())
            .header(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE))
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body)
            .send()
            .await
            .map_err(crate::request::transport_error)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(crate::request::transport_error)?;
        tracing::debug!(target: "cronofy", path, status = status.as_u16(), "cronofy token request");
        if status.is_success() {
            return Ok((status, body));
        }
        if let Ok(oauth) = serde_json::from_slice::<OAuthErrorBody>(&body) {
            let scrub = |text: String| {
                ResponseExcerpt::scrubbed(text.as_bytes(), secrets)
                    .as_str()
                    .to_owned()
            };
            return Err(match oauth.error.as_str() {
                "invalid_grant" => Error::ReauthorizationRequired {
                    description: oauth
                        .error_description
                        .map(scrub)
                        .unwrap_or_else(|| "the grant is no longer valid".to_owned()),
                },
                "invalid_client" => Error::InvalidClient,
                _ => Error::OAuth {
                    error: scrub(oauth.error),
                    description: oauth.error_description.map(scrub),
                },
            });
        }
        Err(error_for_status(status, &headers, &body, secrets))
    }
}

/// Decodes a token response. On failure, says where the shape was wrong but keeps neither the
/// decoder's message nor the body: either could quote a token.
fn decode_token_set(status: StatusCode, body: &[u8]) -> Result<TokenSet, Error> {
    serde_json::from_slice::<TokenResponse>(body)
        .map(TokenResponse::into_token_set)
        .map_err(|e| Error::Decode {
            status,
            reason: format!(
                "the token response is not in the documented shape ({:?} error at line {}, column {})",
                e.classify(),
                e.line(),
                e.column()
            ),
            body: ResponseExcerpt::scrubbed(b"[withheld: token responses carry secrets]", &[]),
        })
}
