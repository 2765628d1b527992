//! New token sets from Cronofy's token endpoint, requested through the caller's client and
//! the one request pipeline, like every other request.

use std::future::Future;
use std::pin::Pin;

use crate::oauth::refresh::protocol::TokenSource;
use crate::oauth::{RefreshAccessToken, TokenSet, refresh_access_token};
use crate::{AppCredentials, Client, Error};

/// The token endpoint, reached through `client` with `app`'s client credentials.
pub(crate) struct TokenEndpoint<'a> {
    pub(crate) client: &'a Client,
    pub(crate) app: &'a AppCredentials,
}

impl TokenSource for TokenEndpoint<'_> {
    fn refresh<'a>(
        &'a self,
        refresh_token: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<TokenSet, Error>> + Send + 'a>> {
        Box::pin(async move {
            let grant = RefreshAccessToken::new(refresh_token);
            refresh_access_token(self.client, self.app, &grant).await
        })
    }
}
