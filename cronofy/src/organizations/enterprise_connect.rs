//! Enterprise Connect: a service account acting for the users of an organization's calendar
//! server (Google Workspace, Microsoft 365, Exchange).
//!
//! The service account is its own credential kind, [`ServiceAccountToken`](crate::ServiceAccountToken)
//! (`auth = "service_account"`): it is obtained with
//! [`AuthorizationUrl::enterprise_connect`](crate::oauth::AuthorizationUrl::enterprise_connect)
//! and the code exchange, and only the endpoints here accept it. Authorizing one of the
//! organization's users with [`authorize_via_service_account`] makes Cronofy send your
//! `callback_url` a code for that user, exchanged like any other: the result is an ordinary
//! user token.

use serde::{Deserialize, Serialize};

use crate::cronofy_endpoint;
use crate::oauth::Scope;

/// Asks Cronofy to authorize one of the organization's users through the service account.
///
/// Cronofy answers `202 Accepted` and later calls `callback_url` with the outcome.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/enterprise-connect/authorize-user/)
#[cronofy_endpoint(
    auth = "service_account",
    method = "POST",
    path = "/v1/service_account_authorizations"
)]
pub async fn authorize_via_service_account(#[body] request: &AuthorizeViaServiceAccount);

/// Lists the resources (rooms, equipment) of the service account's organization.
///
/// [Cronofy docs](https://docs.cronofy.com/developers/api/enterprise-connect/list-resources/)
#[cronofy_endpoint(auth = "service_account", method = "GET", path = "/v1/resources")]
pub async fn list_resources() -> ResourceList;

/// The body of [`authorize_via_service_account()`]: whom, with which scopes, and where
/// Cronofy reports back.
///
/// ```
/// use cronofy::organizations::AuthorizeViaServiceAccount;
/// use cronofy::oauth::Scope;
///
/// let request = AuthorizeViaServiceAccount::new(
///     "grace@example.com",
///     "https://example.com/cronofy/service-account-callback",
///     [Scope::ReadWrite],
/// )
/// .state("user-42");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct AuthorizeViaServiceAccount {
    email: String,
    callback_url: String,
    #[serde(serialize_with = "scopes_as_text")]
    scope: Vec<Scope>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
}

fn scopes_as_text<S: serde::Serializer>(
    scopes: &[Scope],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let text: Vec<&str> = scopes.iter().map(Scope::as_str).collect();
    serializer.serialize_str(&text.join(" "))
}

impl AuthorizeViaServiceAccount {
    /// Authorizes the user with `email`, reporting to `callback_url`, for `scope`.
    pub fn new(
        email: impl Into<String>,
        callback_url: impl Into<String>,
        scope: impl IntoIterator<Item = Scope>,
    ) -> Self {
        AuthorizeViaServiceAccount {
            email: email.into(),
            callback_url: callback_url.into(),
            scope: scope.into_iter().collect(),
            state: None,
        }
    }

    /// A value returned with the callback, e.g. your id for the user.
    pub fn state(mut self, state: impl Into<String>) -> Self {
        self.state = Some(state.into());
        self
    }
}

/// The body of [`list_resources()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ResourceList {
    /// The resources.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub resources: Vec<Resource>,
}

/// A room or piece of equipment.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Resource {
    /// Its email address: authorize it like a user to read its calendar.
    pub email: String,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
}
