//! Link tokens: linking another calendar account to an existing Cronofy account.

use serde::Deserialize;

use crate::cronofy_endpoint;

/// Creates a short-lived link token for the user's account. Passed as `link_token` in an
/// authorization URL, it makes the calendar account authorized there join this Cronofy account
/// (instead of Cronofy linking by browser cookie).
///
/// Needs a user credential (of the account to link to). Cronofy enables this feature per
/// application.
/// [Cronofy docs](https://docs.cronofy.com/developers/api-alpha/explicit-linking/)
///
/// ```no_run
/// use cronofy::oauth::{AuthorizationUrl, PendingAuthorization};
/// use cronofy::{Client, UserToken};
///
/// /// The URL that links another calendar account to this user's Cronofy account.
/// async fn link_another_calendar(
///     client: &Client,
///     user: &UserToken,
/// ) -> Result<(String, PendingAuthorization), cronofy::Error> {
///     let link = cronofy::oauth::create_link_token(client, user).await?;
///     let (url, pending) =
///         AuthorizationUrl::new("cronofy-client-id", "https://example.com/oauth/callback")
///             .link_token(link.link_token)
///             .build(client);
///     Ok((url.to_string(), pending))
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/link_tokens")]
pub async fn create_link_token() -> LinkTokenResponse;

/// The body of [`create_link_token()`].
#[derive(Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct LinkTokenResponse {
    /// The token, for the authorization URL's `link_token` parameter.
    pub link_token: String,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl std::fmt::Debug for LinkTokenResponse {
    /// The token links a calendar account to this one while it lives: kept out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LinkTokenResponse")
            .field("link_token", &"[redacted]")
            .finish()
    }
}
