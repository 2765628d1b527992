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

use crate::checks;
use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};
use crate::oauth::Scope;

/// Asks Cronofy to authorize one of the organization's users through the service account,
/// or several at once ([`AuthorizeViaServiceAccount::many`]).
///
/// Cronofy answers `202 Accepted` and later calls each `callback_url` with the outcome.
/// Refused before sending when an email or callback URL is empty, no scope is given, the
/// bulk form is empty, or two of its authorizations are for the same email.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/enterprise-connect/authorize-user/)
///
/// ```no_run
/// use cronofy::oauth::Scope;
/// use cronofy::organizations::AuthorizeViaServiceAccount;
/// use cronofy::{Client, ServiceAccountToken};
///
/// async fn connect_grace(
///     client: &Client,
///     service_account: &ServiceAccountToken,
/// ) -> Result<(), cronofy::Error> {
///     let request = AuthorizeViaServiceAccount::new(
///         "grace@example.com",
///         "https://example.com/cronofy/service-account-callback",
///         [Scope::ReadWrite],
///     )
///     .state("user-42");
///     cronofy::organizations::authorize_via_service_account(client, service_account, &request)
///         .await?;
///     println!("Cronofy will call back with a code for grace@example.com (state user-42)");
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "service_account",
    method = "POST",
    path = "/v1/service_account_authorizations"
)]
pub async fn authorize_via_service_account(#[body] request: &AuthorizeViaServiceAccount);

/// Lists the resources (rooms, equipment) of the service account's organization.
///
/// [Cronofy docs](https://docs.cronofy.com/developers/api/enterprise-connect/list-resources/)
///
/// ```no_run
/// use cronofy::{Client, ServiceAccountToken};
///
/// async fn show_rooms(
///     client: &Client,
///     service_account: &ServiceAccountToken,
/// ) -> Result<(), cronofy::Error> {
///     let rooms = cronofy::organizations::list_resources(client, service_account).await?;
///     for room in &rooms.resources {
///         println!("{}: {:?}", room.email, room.name);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "service_account", method = "GET", path = "/v1/resources")]
pub async fn list_resources() -> ResourceList;

/// The body of [`authorize_via_service_account()`]: one authorization
/// (`{email, callback_url, scope, state}`), or several in Cronofy's bulk form
/// (`{"service_account_authorizations": [...]}`); the two forms cannot be mixed.
///
/// ```
/// use cronofy::organizations::{AuthorizeViaServiceAccount, ServiceAccountAuthorization};
/// use cronofy::oauth::Scope;
///
/// let one = AuthorizeViaServiceAccount::new(
///     "grace@example.com",
///     "https://example.com/cronofy/service-account-callback",
///     [Scope::ReadWrite],
/// )
/// .state("user-42");
///
/// let callback = "https://example.com/cronofy/service-account-callback";
/// let several = AuthorizeViaServiceAccount::many([
///     ServiceAccountAuthorization::new("grace@example.com", callback, [Scope::ReadWrite]),
///     ServiceAccountAuthorization::new("karl@example.com", callback, [Scope::ReadOnly])
///         .state("user-43"),
/// ]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct AuthorizeViaServiceAccount {
    #[serde(flatten)]
    form: Form,
    #[serde(flatten)]
    extra: ExtraFields,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
enum Form {
    Single(ServiceAccountAuthorization),
    Many {
        #[serde(serialize_with = "several")]
        service_account_authorizations: Vec<ServiceAccountAuthorization>,
    },
}

/// One user to authorize: whom, with which scopes, and where Cronofy reports back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ServiceAccountAuthorization {
    #[serde(serialize_with = "email")]
    email: String,
    #[serde(serialize_with = "callback_url")]
    callback_url: String,
    #[serde(serialize_with = "scopes_as_text")]
    scope: Vec<Scope>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
}

/// `email`, checked to be an email address (shared with Business Connect's bodies).
pub(super) fn email<S: serde::Serializer>(email: &str, serializer: S) -> Result<S::Ok, S::Error> {
    checks::email("email", email)?;
    serializer.serialize_str(email)
}

/// `callback_url`, checked not to be blank (shared with Business Connect's bodies).
pub(super) fn callback_url<S: serde::Serializer>(
    url: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    checks::not_blank("callback_url", url)?;
    serializer.serialize_str(url)
}

/// `scope` as Cronofy writes it: the scopes' names separated by spaces, at least one.
pub(super) fn scopes_as_text<S: serde::Serializer>(
    scopes: &[Scope],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if scopes.is_empty() {
        return Err(cronofy_core::invalid_request(
            "`scope` needs at least one scope",
        ));
    }
    serializer.serialize_str(&crate::oauth::join_scopes(scopes))
}

fn several<S: serde::Serializer>(
    authorizations: &[ServiceAccountAuthorization],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if authorizations.is_empty() {
        return Err(cronofy_core::invalid_request(
            "`service_account_authorizations` needs at least one authorization",
        ));
    }
    let mut emails: Vec<String> = authorizations
        .iter()
        .map(|a| a.email.trim().to_ascii_lowercase())
        .collect();
    emails.sort_unstable();
    if let Some(pair) = emails.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(cronofy_core::invalid_request(format_args!(
            "`service_account_authorizations` has {} twice: each must be for another email",
            pair[0]
        )));
    }
    authorizations.serialize(serializer)
}

impl ServiceAccountAuthorization {
    /// Authorizes the user with `email`, reporting to `callback_url`, for `scope` (a subset of
    /// the service account's `delegated_scope`).
    pub fn new(
        email: impl Into<String>,
        callback_url: impl Into<String>,
        scope: impl IntoIterator<Item = Scope>,
    ) -> Self {
        ServiceAccountAuthorization {
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

impl AuthorizeViaServiceAccount {
    /// Authorizes the user with `email`, reporting to `callback_url`, for `scope`: the single
    /// form, as [`single`](Self::single) of a [`ServiceAccountAuthorization::new`].
    pub fn new(
        email: impl Into<String>,
        callback_url: impl Into<String>,
        scope: impl IntoIterator<Item = Scope>,
    ) -> Self {
        Self::single(ServiceAccountAuthorization::new(email, callback_url, scope))
    }

    /// One authorization, sent as the body itself.
    pub fn single(authorization: ServiceAccountAuthorization) -> Self {
        AuthorizeViaServiceAccount {
            form: Form::Single(authorization),
            extra: ExtraFields::default(),
        }
    }

    /// Several authorizations in one request, each for another email:
    /// `{"service_account_authorizations": [...]}`.
    pub fn many(authorizations: impl IntoIterator<Item = ServiceAccountAuthorization>) -> Self {
        AuthorizeViaServiceAccount {
            form: Form::Many {
                service_account_authorizations: authorizations.into_iter().collect(),
            },
            extra: ExtraFields::default(),
        }
    }

    /// A value returned with the callback, e.g. your id for the user: set on the single
    /// authorization, or on every authorization of the bulk form.
    pub fn state(mut self, state: impl Into<String>) -> Self {
        let state = state.into();
        match &mut self.form {
            Form::Single(one) => one.state = Some(state),
            Form::Many {
                service_account_authorizations,
            } => {
                for one in service_account_authorizations {
                    one.state = Some(state.clone());
                }
            }
        }
        self
    }

    /// The authorizations this request asks for: one, or those of the bulk form.
    pub fn authorizations(&self) -> &[ServiceAccountAuthorization] {
        match &self.form {
            Form::Single(one) => std::slice::from_ref(one),
            Form::Many {
                service_account_authorizations,
            } => service_account_authorizations,
        }
    }
}

extensible_body!(AuthorizeViaServiceAccount {
    "email",
    "callback_url",
    "scope",
    "state",
    "service_account_authorizations"
});

/// The body of [`list_resources()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ResourceList {
    /// The resources.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub resources: Vec<Resource>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
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
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
