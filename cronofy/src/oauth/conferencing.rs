//! Conferencing services (Zoom, Teams, ...) a user authorizes for their events.

use serde::{Deserialize, Serialize};

use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};

/// Starts the authorization of a conferencing service (Zoom, Microsoft Teams, ...) for the
/// user: returns the URL to send them to. Once authorized, events can ask Cronofy for a
/// meeting link of that service.
///
/// Needs a user credential. After the user is done, Cronofy sends them to `redirect_uri`, with
/// `error=access_denied` added when they refused.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/conferencing-services/authorization/)
///
/// ```no_run
/// use cronofy::oauth::{AuthorizeConferencingService, ConferencingProvider};
/// use cronofy::{Client, UserToken};
///
/// async fn connect_zoom(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let request = AuthorizeConferencingService::new("https://example.com/conferencing")
///         .provider_name(ConferencingProvider::Zoom);
///     let answer = cronofy::oauth::authorize_conferencing_service(client, user, &request).await?;
///     println!("send the user to {}", answer.authorization_request.url);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "POST",
    path = "/v1/conferencing_service_authorizations"
)]
pub async fn authorize_conferencing_service(
    #[body] request: &AuthorizeConferencingService,
) -> AuthorizationRequestResponse;

/// The body of [`authorize_conferencing_service()`]: where the user returns, and optionally the
/// service to preselect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct AuthorizeConferencingService {
    redirect_uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider_name: Option<ConferencingProvider>,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(AuthorizeConferencingService {
    "redirect_uri",
    "provider_name"
});

impl AuthorizeConferencingService {
    /// The user comes back to `redirect_uri` once done.
    pub fn new(redirect_uri: impl Into<String>) -> Self {
        AuthorizeConferencingService {
            redirect_uri: redirect_uri.into(),
            provider_name: None,
            extra: ExtraFields::default(),
        }
    }

    /// Preselects this service for the user.
    pub fn provider_name(mut self, provider: ConferencingProvider) -> Self {
        self.provider_name = Some(provider);
        self
    }
}

cronofy_core::open_enum! {
    /// A conferencing service Cronofy can authorize.
    pub enum ConferencingProvider {
        /// `zoom`: Zoom.
        Zoom = "zoom",
        /// `ms_teams`: Microsoft Teams.
        MsTeams = "ms_teams",
        /// `go_to`: GoTo Meeting.
        GoTo = "go_to",
    }
}

/// The body of [`authorize_conferencing_service()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AuthorizationRequestResponse {
    /// The authorization started.
    pub authorization_request: AuthorizationRequest,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A started conferencing service authorization.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AuthorizationRequest {
    /// Where to send the user.
    pub url: String,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
