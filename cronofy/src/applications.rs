//! The Admin API (prerelease): managing the application itself.
//!
//! [`verify_application()`] asks Cronofy to verify the application (its redirect URIs and a
//! contact). Provisioning new applications (`POST /v1/applications`) is not declared here: it
//! takes an admin API key, a credential this crate has no kind for yet.

use serde::Serialize;

use crate::checks;
use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};

/// Submits the application for verification: the redirect URIs it uses (added to those
/// already registered, never replacing them) and whom Cronofy may contact about it.
///
/// Needs the application's credentials (the client secret as bearer). Cronofy answers
/// `202 Accepted`. Refused before sending when no redirect URI is given, one is empty, or
/// the contact email is not an email address.
/// [Cronofy docs](https://docs.cronofy.com/developers/admin-api/verify-application/)
///
/// ```no_run
/// use cronofy::applications::VerifyApplication;
/// use cronofy::{AppCredentials, Client};
///
/// async fn verify_application(
///     client: &Client,
///     app: &AppCredentials,
/// ) -> Result<(), cronofy::Error> {
///     let request = VerifyApplication::new(
///         ["https://example.com/cronofy/callback"],
///         "developers@example.com",
///     )
///     .contact_display_name("Example developers");
///     cronofy::applications::verify_application(client, app, &request).await?;
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "app", method = "POST", path = "/v1/application_verification")]
pub async fn verify_application(#[body] request: &VerifyApplication);

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[&VERIFY_APPLICATION];

/// The body of [`verify_application()`]: redirect URIs and a contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct VerifyApplication {
    #[serde(serialize_with = "redirect_uris")]
    redirect_uris: Vec<String>,
    contact: Contact,
    #[serde(flatten)]
    extra: ExtraFields,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Contact {
    #[serde(serialize_with = "contact_email")]
    email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
}

fn redirect_uris<S: serde::Serializer>(uris: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    if uris.is_empty() {
        return Err(cronofy_core::invalid_request(
            "`redirect_uris` needs at least one URI",
        ));
    }
    for uri in uris {
        checks::not_blank("redirect_uris", uri)?;
    }
    uris.serialize(serializer)
}

fn contact_email<S: serde::Serializer>(email: &str, serializer: S) -> Result<S::Ok, S::Error> {
    checks::email("contact.email", email)?;
    serializer.serialize_str(email)
}

impl VerifyApplication {
    /// Verification of the application, which redirects users to `redirect_uris` (at least
    /// one), with `contact_email` to contact about it.
    pub fn new(
        redirect_uris: impl IntoIterator<Item = impl Into<String>>,
        contact_email: impl Into<String>,
    ) -> Self {
        VerifyApplication {
            redirect_uris: redirect_uris.into_iter().map(Into::into).collect(),
            contact: Contact {
                email: contact_email.into(),
                display_name: None,
            },
            extra: ExtraFields::default(),
        }
    }

    /// The contact's name (`contact.display_name`).
    pub fn contact_display_name(mut self, name: impl Into<String>) -> Self {
        self.contact.display_name = Some(name.into());
        self
    }
}

extensible_body!(VerifyApplication {
    "redirect_uris",
    "contact"
});
