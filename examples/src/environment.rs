//! Where the examples run: the fake Cronofy by default, real Cronofy when credentials are in
//! the environment.
//!
//! | variable | meaning |
//! | --- | --- |
//! | `CRONOFY_CLIENT_ID`, `CRONOFY_CLIENT_SECRET` | your application; both set = real Cronofy |
//! | `CRONOFY_DATA_CENTER` | `us` (default), `au`, `ca`, `de`, `sg` or `uk` |
//! | `CRONOFY_REFRESH_TOKEN` (+ optional `CRONOFY_ACCESS_TOKEN`) | a user's tokens, or: |
//! | `CRONOFY_CODE` + `CRONOFY_REDIRECT_URI` | a code from an authorization redirect |
//! | `CRONOFY_ORG_TOKEN` | an Organization Connect token, for the org examples |

use std::env;

use cronofy::oauth::{
    AuthorizationCode, AuthorizationUrl, ExchangeCode, Scope, TokenSet, exchange_code,
};
use cronofy::{AppCredentials, Client, ClientBuilder, DataCenter};
use cronofy_fake::FakeCronofy;

use crate::{Failure, browser};

/// The redirect URI the examples use with the fake.
pub const FAKE_REDIRECT_URI: &str = "http://127.0.0.1/cronofy/callback";

/// A Cronofy to talk to, and the application's credentials for it.
#[derive(Debug)]
pub struct Environment {
    /// Pointed at the fake or at the data center.
    pub client: Client,
    /// The application's client id and secret.
    pub app: AppCredentials,
    /// The fake, when running against it.
    pub fake: Option<FakeCronofy>,
}

impl Environment {
    /// Real Cronofy when `CRONOFY_CLIENT_ID` and `CRONOFY_CLIENT_SECRET` are set; otherwise a
    /// fake Cronofy started on a loopback port.
    pub async fn from_env() -> Result<Self, Failure> {
        match (
            env::var("CRONOFY_CLIENT_ID"),
            env::var("CRONOFY_CLIENT_SECRET"),
        ) {
            (Ok(client_id), Ok(client_secret)) => {
                let data_center: DataCenter = env::var("CRONOFY_DATA_CENTER")
                    .as_deref()
                    .unwrap_or("us")
                    .parse()?;
                Ok(Environment {
                    client: Client::new(data_center)?,
                    app: AppCredentials::new(client_id, client_secret),
                    fake: None,
                })
            }
            _ => Ok(Environment::fake().await),
        }
    }

    /// A fresh fake Cronofy.
    pub async fn fake() -> Self {
        let fake = FakeCronofy::start().await;
        Environment {
            client: fake.client(),
            app: fake.app_credentials(),
            fake: Some(fake),
        }
    }

    /// A builder for another client talking to the same Cronofy, to set options of its own
    /// (a rate governor, a timeout).
    pub fn client_builder(&self) -> ClientBuilder {
        match self.client.data_center() {
            Some(data_center) => Client::builder().data_center(data_center),
            None => Client::builder().base_url(self.client.api_base().as_str()),
        }
    }

    /// Says where the example runs.
    pub fn describe(&self) {
        match &self.fake {
            Some(fake) => println!(
                "Running against the fake Cronofy at {} (set CRONOFY_CLIENT_ID and CRONOFY_CLIENT_SECRET for real Cronofy)",
                fake.base_url()
            ),
            None => println!("Running against real Cronofy at {}", self.client.api_base()),
        }
    }

    /// A user's token set: with the fake, by authorizing the way a browser would and
    /// exchanging the code; with real Cronofy, from the environment's refresh token or code.
    pub async fn user_tokens(&self, scopes: &[Scope]) -> Result<TokenSet, Failure> {
        if self.fake.is_some() {
            let (url, pending) =
                AuthorizationUrl::new(self.app.client_id().as_str(), FAKE_REDIRECT_URI)
                    .scope(scopes.iter().cloned())
                    .build(&self.client);
            println!("Authorization URL: {url}");
            let received = browser::authorize(&url, &pending).await?;
            println!(
                "Followed it as the user's browser would: Cronofy redirected back with a code and our state"
            );
            let grant = ExchangeCode::new(received);
            return Ok(exchange_code(&self.client, &self.app, &grant).await?);
        }
        if let Ok(refresh_token) = env::var("CRONOFY_REFRESH_TOKEN") {
            let access_token = env::var("CRONOFY_ACCESS_TOKEN").unwrap_or_default();
            return Ok(TokenSet::new(access_token, Some(refresh_token)));
        }
        if let (Ok(code), Ok(redirect_uri)) =
            (env::var("CRONOFY_CODE"), env::var("CRONOFY_REDIRECT_URI"))
        {
            // Pasted from a browser by hand: no redirect of ours to check a state on.
            let grant =
                ExchangeCode::without_state_check(AuthorizationCode::new(code), redirect_uri);
            return Ok(exchange_code(&self.client, &self.app, &grant).await?);
        }
        let (url, _) = AuthorizationUrl::new(
            self.app.client_id().as_str(),
            "https://example.com/callback",
        )
        .scope(scopes.iter().cloned())
        .build(&self.client);
        Err(format!(
            "set CRONOFY_REFRESH_TOKEN, or CRONOFY_CODE and CRONOFY_REDIRECT_URI after authorizing at a URL like {url} (with your own redirect URI)"
        )
        .into())
    }

    /// An Organization Connect token set: with the fake, by an administrator authorizing
    /// `organizational_unit_scheduler`; with real Cronofy, `CRONOFY_ORG_TOKEN` (or `None`).
    pub async fn org_tokens(&self) -> Result<Option<TokenSet>, Failure> {
        let Some(fake) = &self.fake else {
            return Ok(env::var("CRONOFY_ORG_TOKEN")
                .ok()
                .map(|t| TokenSet::new(t, None)));
        };
        let admin = fake.default_org().member_subs[0].clone();
        fake.authorize_as(&admin);
        let (url, pending) = AuthorizationUrl::organization_connect(
            self.app.client_id().as_str(),
            FAKE_REDIRECT_URI,
        )
        .build(&self.client);
        println!("Organization Connect URL: {url}");
        let received = browser::authorize(&url, &pending).await?;
        let grant = ExchangeCode::new(received);
        let tokens = exchange_code(&self.client, &self.app, &grant).await?;
        fake.authorize_as(&fake.default_user().sub);
        Ok(Some(tokens))
    }
}
