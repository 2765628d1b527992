//! The URL a user is sent to, to let the application at their calendars.

use url::Url;

use crate::oauth::scope::{self, Scope};
use crate::oauth::{AuthorizationState, PendingAuthorization};
use crate::{Client, ClientId};

crate::open_enum! {
    /// A calendar provider, as Cronofy names it: in profiles and calendars
    /// (`provider_name`), and in an authorization URL to skip Cronofy's choice of provider.
    pub enum Provider {
        /// `google`: Google Workspace and Gmail.
        Google = "google",
        /// `live_connect`: Outlook.com and other personal Microsoft accounts.
        LiveConnect = "live_connect",
        /// `office365`: Microsoft 365.
        Office365 = "office365",
        /// `exchange`: Exchange servers.
        Exchange = "exchange",
        /// `apple`: iCloud.
        Apple = "apple",
        /// `cronofy`: calendars Cronofy hosts (application calendars).
        Cronofy = "cronofy",
    }
}

/// What kind of authorization is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Flow {
    /// One user's calendars: `/oauth/authorize`.
    User,
    /// Enterprise Connect: `/enterprise_connect/oauth/authorize` with `delegated_scope`.
    EnterpriseConnect { delegated_scope: Vec<Scope> },
}

/// Builds an authorization URL on the client's app host, with an unguessable `state`, and the
/// [`PendingAuthorization`] to keep until the user comes back.
///
/// ```
/// use cronofy::oauth::{AuthorizationUrl, Scope};
/// use cronofy::{Client, DataCenter};
///
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     let client = Client::new(DataCenter::Uk)?;
///     let (url, pending) = AuthorizationUrl::new("my-client-id", "https://example.com/callback")
///         .scope([Scope::ReadWrite])
///         .build(&client);
///     assert!(url.as_str().starts_with(
///         "https://app-uk.cronofy.com/oauth/authorize?response_type=code&client_id=my-client-id"
///     ));
///     assert!(url.as_str().contains(pending.state().as_str()));
///     // Keep `pending` in the user's session; the redirect is checked against it.
///     Ok(())
/// }
/// ```
#[derive(Clone)]
#[must_use]
pub struct AuthorizationUrl {
    client_id: ClientId,
    redirect_uri: String,
    scopes: Vec<Scope>,
    state: Option<AuthorizationState>,
    avoid_linking: Option<bool>,
    provider_name: Option<Provider>,
    link_token: Option<String>,
    locale: Option<String>,
    flow: Flow,
}

impl std::fmt::Debug for AuthorizationUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthorizationUrl")
            .field("client_id", &self.client_id)
            .field("redirect_uri", &self.redirect_uri)
            .field("scopes", &self.scopes)
            .field("state", &self.state)
            .field("avoid_linking", &self.avoid_linking)
            .field("provider_name", &self.provider_name)
            // A link token grants linking to an account: kept out of logs.
            .field(
                "link_token",
                &self.link_token.as_ref().map(|_| "[redacted]"),
            )
            .field("locale", &self.locale)
            .field("flow", &self.flow)
            .finish()
    }
}

impl AuthorizationUrl {
    /// An authorization for one user's calendars, returning to `redirect_uri`.
    pub fn new(client_id: impl Into<String>, redirect_uri: impl Into<String>) -> Self {
        AuthorizationUrl {
            client_id: ClientId::new(client_id),
            redirect_uri: redirect_uri.into(),
            scopes: Vec::new(),
            state: None,
            avoid_linking: None,
            provider_name: None,
            link_token: None,
            locale: None,
            flow: Flow::User,
        }
    }

    /// Organization Connect: an administrator authorizes for an Organizational Unit, and the
    /// token is an org token (scope `organizational_unit_scheduler`).
    pub fn organization_connect(
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        AuthorizationUrl::new(client_id, redirect_uri).scope([Scope::OrganizationalUnitScheduler])
    }

    /// Enterprise Connect: a service account authorizes, and the application may then act
    /// for the organization's users with `delegated_scope`.
    pub fn enterprise_connect(
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
        delegated_scope: impl IntoIterator<Item = Scope>,
    ) -> Self {
        AuthorizationUrl {
            flow: Flow::EnterpriseConnect {
                delegated_scope: delegated_scope.into_iter().collect(),
            },
            ..AuthorizationUrl::new(client_id, redirect_uri)
        }
    }

    /// Adds scopes (space separated in the URL).
    pub fn scope(mut self, scopes: impl IntoIterator<Item = Scope>) -> Self {
        self.scopes.extend(scopes);
        self
    }

    /// A state of your own instead of a generated one (see [`AuthorizationState::new`]).
    /// Either way, [`build`](Self::build) returns it inside the [`PendingAuthorization`] the
    /// redirect is checked against.
    pub fn state(mut self, state: AuthorizationState) -> Self {
        self.state = Some(state);
        self
    }

    /// Whether to skip linking this authorization to the user's existing Cronofy account.
    pub fn avoid_linking(mut self, avoid: bool) -> Self {
        self.avoid_linking = Some(avoid);
        self
    }

    /// Sends the user straight to this provider's login.
    pub fn provider_name(mut self, provider: Provider) -> Self {
        self.provider_name = Some(provider);
        self
    }

    /// Links this authorization to an existing account (from `POST /v1/link_tokens`).
    pub fn link_token(mut self, link_token: impl Into<String>) -> Self {
        self.link_token = Some(link_token.into());
        self
    }

    /// The language of Cronofy's pages, e.g. `fr`.
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// The URL, on the app host of `client`'s data center (or its base URL), and what to keep
    /// until the user comes back: the state (generated now, 256 random bits, unless
    /// [`state`](Self::state) gave one) and the redirect URI, which
    /// [`Callback::parse`](crate::oauth::Callback::parse) and the code exchange then use.
    ///
    /// Takes the builder, so that a state given to it goes into one URL only; clone it to
    /// build several (each then generates its own state unless one was given).
    pub fn build(self, client: &Client) -> (Url, PendingAuthorization) {
        let state = self
            .state
            .clone()
            .unwrap_or_else(AuthorizationState::generate);
        let mut url = client.app_base().clone();
        let path = match self.flow {
            Flow::User => "oauth/authorize",
            Flow::EnterpriseConnect { .. } => "enterprise_connect/oauth/authorize",
        };
        let base_path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base_path}/{path}"));
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", self.client_id.as_str())
                .append_pair("redirect_uri", &self.redirect_uri);
            if !self.scopes.is_empty() {
                query.append_pair("scope", &scope::join_scopes(&self.scopes));
            }
            if let Flow::EnterpriseConnect { delegated_scope } = &self.flow {
                query.append_pair("delegated_scope", &scope::join_scopes(delegated_scope));
            }
            query.append_pair("state", state.as_str());
            if let Some(avoid) = self.avoid_linking {
                query.append_pair("avoid_linking", if avoid { "true" } else { "false" });
            }
            if let Some(provider) = &self.provider_name {
                query.append_pair("provider_name", provider.as_str());
            }
            if let Some(link_token) = &self.link_token {
                query.append_pair("link_token", link_token);
            }
            if let Some(locale) = &self.locale {
                query.append_pair("locale", locale);
            }
        }
        (
            url,
            PendingAuthorization::new(state, self.redirect_uri.clone()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DataCenter;

    fn pairs(url: &Url) -> Vec<(String, String)> {
        url.query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    #[test]
    fn every_value_is_encoded_and_round_trips() {
        let client = Client::new(DataCenter::De).unwrap();
        let state = "a.b_c-d~e-fghijklmnopqrstuvwxyz";
        let redirect = "https://example.com/cb?next=/x&y=1";
        let (url, pending) = AuthorizationUrl::new("id&x=1", redirect)
            .scope([Scope::ReadAccount, Scope::Unknown("new scope".into())])
            .state(AuthorizationState::new(state).unwrap())
            .avoid_linking(true)
            .provider_name(Provider::Office365)
            .link_token("lt#1")
            .locale("fr")
            .build(&client);
        assert_eq!(pending.state().as_str(), state);
        assert_eq!(pending.redirect_uri(), redirect);
        assert_eq!(url.host_str(), Some("app-de.cronofy.com"));
        assert_eq!(url.path(), "/oauth/authorize");
        assert_eq!(url.fragment(), None);
        assert_eq!(
            pairs(&url),
            [
                ("response_type", "code"),
                ("client_id", "id&x=1"),
                ("redirect_uri", redirect),
                ("scope", "read_account new scope"),
                ("state", state),
                ("avoid_linking", "true"),
                ("provider_name", "office365"),
                ("link_token", "lt#1"),
                ("locale", "fr"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
    }

    #[test]
    fn organization_and_enterprise_connect_variants() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:7000/prefix")
            .build()
            .unwrap();
        let (org, _) =
            AuthorizationUrl::organization_connect("id", "https://e.com/cb").build(&client);
        assert_eq!(org.path(), "/prefix/oauth/authorize");
        assert!(pairs(&org).contains(&("scope".into(), "organizational_unit_scheduler".into())));

        let (enterprise, _) =
            AuthorizationUrl::enterprise_connect("id", "https://e.com/cb", [Scope::ReadWrite])
                .scope([Scope::Unknown("service_account/accounts/manage".into())])
                .build(&client);
        assert_eq!(
            enterprise.path(),
            "/prefix/enterprise_connect/oauth/authorize"
        );
        assert!(pairs(&enterprise).contains(&("delegated_scope".into(), "read_write".into())));
    }

    #[test]
    fn every_build_without_a_given_state_generates_a_new_one() {
        let client = Client::new(DataCenter::Us).unwrap();
        let builder = AuthorizationUrl::new("id", "https://e.com/cb");
        let (first_url, first) = builder.clone().build(&client);
        let (_, second) = builder.build(&client);
        assert_ne!(first.state(), second.state());
        assert!(pairs(&first_url).contains(&("state".into(), first.state().as_str().into())));
    }
}
