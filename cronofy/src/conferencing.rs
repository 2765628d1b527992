//! Conferencing services (Zoom, Teams, ...) a user authorizes for their events.

use serde::{Deserialize, Serialize, Serializer};

use crate::cronofy_endpoint;

/// Starts the authorization of a conferencing service (Zoom, Microsoft Teams, ...) for the
/// user: returns the URL to send them to. Once authorized, events can ask Cronofy for a
/// meeting link of that service.
///
/// Needs a user credential. After the user is done, Cronofy sends them to `redirect_uri`, with
/// `error=access_denied` added when they refused.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/conferencing-services/authorization/)
///
/// ```no_run
/// # async fn run(client: cronofy::Client, user: cronofy::UserToken) -> Result<(), cronofy::Error> {
/// use cronofy::{AuthorizeConferencingService, ConferencingProvider};
///
/// let request = AuthorizeConferencingService::new("https://example.com/conferencing")
///     .provider_name(ConferencingProvider::Zoom);
/// let answer = cronofy::authorize_conferencing_service(&client, &user, &request).await?;
/// println!("send the user to {}", answer.authorization_request.url);
/// # Ok(()) }
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "POST",
    path = "/v1/conferencing_service_authorizations"
)]
pub async fn authorize_conferencing_service(
    #[body] request: &AuthorizeConferencingService,
) -> ConferencingAuthorizationResponse;

/// The body of [`authorize_conferencing_service()`]: where the user returns, and optionally the
/// service to preselect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct AuthorizeConferencingService {
    redirect_uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider_name: Option<ConferencingProvider>,
}

impl AuthorizeConferencingService {
    /// The user comes back to `redirect_uri` once done.
    pub fn new(redirect_uri: impl Into<String>) -> Self {
        AuthorizeConferencingService {
            redirect_uri: redirect_uri.into(),
            provider_name: None,
        }
    }

    /// Preselects this service for the user.
    pub fn provider_name(mut self, provider: ConferencingProvider) -> Self {
        self.provider_name = Some(provider);
        self
    }
}

/// A conferencing service Cronofy can authorize.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConferencingProvider {
    /// `zoom`: Zoom.
    Zoom,
    /// `ms_teams`: Microsoft Teams.
    MsTeams,
    /// `go_to`: GoTo Meeting.
    GoTo,
    /// A service this crate does not name yet, sent as this text.
    Other(String),
}

impl ConferencingProvider {
    /// Cronofy's name for it, e.g. `"ms_teams"`.
    pub fn as_str(&self) -> &str {
        match self {
            ConferencingProvider::Zoom => "zoom",
            ConferencingProvider::MsTeams => "ms_teams",
            ConferencingProvider::GoTo => "go_to",
            ConferencingProvider::Other(name) => name,
        }
    }
}

impl Serialize for ConferencingProvider {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The body of [`authorize_conferencing_service()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConferencingAuthorizationResponse {
    /// The authorization started.
    pub authorization_request: ConferencingAuthorizationRequest,
}

/// A started conferencing service authorization.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConferencingAuthorizationRequest {
    /// Where to send the user.
    pub url: String,
}

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[&AUTHORIZE_CONFERENCING_SERVICE];
