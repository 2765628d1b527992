//! Tokens for Cronofy's UI Elements, embedded in your pages.
//!
//! A page showing an Element (agenda, availability viewer, slot picker, ...) needs a
//! short-lived token made on your server with the application's credentials; the token is
//! then handed to the page. Treat it as a secret: it grants access to the accounts named.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};

/// Creates a token for UI Elements, for the accounts `subs` and the page origin given.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/ui-elements/authentication/)
///
/// ```no_run
/// use cronofy::ui_elements::{CreateElementToken, ElementPermission};
/// use cronofy::{AppCredentials, Client};
///
/// async fn agenda_token(client: &Client, app: &AppCredentials) -> Result<(), cronofy::Error> {
///     let request = CreateElementToken::new([ElementPermission::Agenda], "https://example.com")
///         .subs(["acc_5ba21743f408617d1269ea1e"]);
///     let created = cronofy::ui_elements::create_element_token(client, app, &request).await?;
///     let for_the_page: &str = created.element_token.token.secret();
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "app", method = "POST", path = "/v1/element_tokens")]
pub async fn create_element_token(#[body] request: &CreateElementToken) -> ElementTokenResponse;

/// The body of [`create_element_token()`]: what the token allows and for which page origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct CreateElementToken {
    version: &'static str,
    permissions: Vec<ElementPermission>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subs: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    bookable_event_ids: Vec<String>,
    origin: String,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(CreateElementToken {
    "version",
    "permissions",
    "subs",
    "bookable_event_ids",
    "origin",
});

impl CreateElementToken {
    /// A token granting `permissions` to pages served from `origin` (scheme, host and port,
    /// e.g. `https://example.com`).
    pub fn new(
        permissions: impl IntoIterator<Item = ElementPermission>,
        origin: impl Into<String>,
    ) -> Self {
        CreateElementToken {
            version: "1",
            permissions: permissions.into_iter().collect(),
            subs: Vec::new(),
            bookable_event_ids: Vec::new(),
            origin: origin.into(),
            extra: ExtraFields::default(),
        }
    }

    /// The accounts the token may access, by `sub` (one for Agenda and Calendar Sync; each
    /// participant for the Availability Viewer and Slot Picker).
    pub fn subs<I, S>(mut self, subs: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.subs = subs.into_iter().map(Into::into).collect();
        self
    }

    /// The bookable events the element may offer (the Slot Picker with bookable events).
    pub fn bookable_event_ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.bookable_event_ids = ids.into_iter().map(Into::into).collect();
        self
    }
}

cronofy_core::open_enum! {
    /// What an element token allows.
    pub enum ElementPermission {
        /// `agenda`: the Agenda Viewer.
        Agenda = "agenda",
        /// `account_management`: the Calendar Sync Element.
        AccountManagement = "account_management",
        /// `availability`: the Availability Viewer and the Slot Picker.
        Availability = "availability",
        /// `managed_availability`: the Availability Rules Element.
        ManagedAvailability = "managed_availability",
    }
}

/// The body of [`create_element_token()`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ElementTokenResponse {
    /// The token and what it allows.
    pub element_token: ElementToken,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A token for UI Elements.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ElementToken {
    /// The token to hand to the page; `Debug` prints it as `[redacted]`.
    pub token: ElementTokenSecret,
    /// What it allows.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub permissions: Vec<ElementPermission>,
    /// The page origin it is valid for.
    #[serde(default)]
    pub origin: Option<String>,
    /// Seconds it stays valid (64800, 18 hours, at the time of writing).
    #[serde(default)]
    pub expires_in: Option<u64>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The secret value of an element token. `Debug` prints `[redacted]`; the value is reached
/// only through [`secret`](Self::secret). Not `Serialize`, so it is not written out by accident.
///
/// ```
/// let token: cronofy::ui_elements::ElementTokenSecret = serde_json::from_str(r#""abc123""#).unwrap();
/// assert_eq!(format!("{token:?}"), "ElementTokenSecret([redacted])");
/// assert_eq!(token.secret(), "abc123");
/// ```
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct ElementTokenSecret(String);

impl ElementTokenSecret {
    /// The token. Reaching it takes this explicit call.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ElementTokenSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ElementTokenSecret([redacted])")
    }
}

/// The endpoints of this module, for [`endpoints`](crate::endpoints).
pub(crate) const ENDPOINTS: &[&crate::Endpoint] = &[&CREATE_ELEMENT_TOKEN];
