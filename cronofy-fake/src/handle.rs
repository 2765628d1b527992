//! The test's handle on a running fake: start it, point a client at it, seed and inspect it.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use url::Url;

use cronofy::events::{Event, UpsertEvent};
use cronofy::{AppCredentials, Client};

use crate::events;
use crate::faults::Fault;
use crate::ids;
use crate::limits::{Limiter, RateLimits};
use crate::log::RequestRecord;
use crate::notify::{self, Deliveries, NotificationDelivery};
use crate::scopes;
use crate::seed::{Counters, IssuedTokens, TestOrg, TestUser};
use crate::server;
use crate::state::{App, OrgMember, Shared, State, Subject};

/// Events per page of Read Events and Free Busy unless the builder says otherwise.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// How long access tokens live unless the builder says otherwise (Cronofy: about an hour).
pub const DEFAULT_ACCESS_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// Options of a [`FakeCronofy`]; [`start`](Self::start) runs it.
///
/// ```
/// use std::time::Duration;
/// use cronofy_fake::FakeCronofy;
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> std::io::Result<()> {
/// let fake = FakeCronofy::builder()
///     .page_size(2)
///     .access_token_lifetime(Duration::from_secs(60))
///     .start()
///     .await?;
/// assert!(fake.base_url().starts_with("http://127.0.0.1:"));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct FakeCronofyBuilder {
    page_size: usize,
    access_token_lifetime: Duration,
    port: u16,
    application: Option<(String, String)>,
    internal_application: bool,
    rate_limits: Option<RateLimits>,
}

impl Default for FakeCronofyBuilder {
    fn default() -> Self {
        FakeCronofyBuilder {
            page_size: DEFAULT_PAGE_SIZE,
            access_token_lifetime: DEFAULT_ACCESS_TOKEN_LIFETIME,
            port: 0,
            application: None,
            internal_application: false,
            rate_limits: None,
        }
    }
}

impl FakeCronofyBuilder {
    /// Items per page of Read Events and Free Busy (at least 1; default
    /// [`DEFAULT_PAGE_SIZE`]).
    pub fn page_size(mut self, page_size: usize) -> Self {
        self.page_size = page_size.max(1);
        self
    }

    /// How long access tokens live on the fake's clock (default
    /// [`DEFAULT_ACCESS_TOKEN_LIFETIME`]).
    pub fn access_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.access_token_lifetime = lifetime;
        self
    }

    /// Listens on this port of 127.0.0.1 instead of one the system picks.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The registered application's client id and secret, instead of random ones.
    pub fn application(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.application = Some((client_id.into(), client_secret.into()));
        self
    }

    /// Makes the application an *internal application* of the seeded organization: its client
    /// secret with `Cronofy-Impersonate: {sub}` then acts as that member.
    pub fn internal_application(mut self, internal: bool) -> Self {
        self.internal_application = internal;
        self
    }

    /// Enforces rate limits per application (off unless asked for): a request beyond the
    /// per-second or the per-minute limit is answered `429 Too Many Requests` with
    /// `Retry-After`, in whole seconds, until the refusing window admits a request again.
    /// [`RateLimits::cronofy`] are the limits Cronofy documents; see [`RateLimits`] for which
    /// requests count and how the windows slide.
    ///
    /// ```
    /// use cronofy_fake::{FakeCronofy, RateLimits};
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> std::io::Result<()> {
    /// let fake = FakeCronofy::builder()
    ///     .rate_limits(RateLimits::cronofy())
    ///     .start()
    ///     .await?;
    /// assert_eq!(fake.rate_limited_count(), 0);
    /// # Ok(()) }
    /// ```
    pub fn rate_limits(mut self, limits: RateLimits) -> Self {
        self.rate_limits = Some(limits);
        self
    }

    /// Binds 127.0.0.1 and serves in a background task of the current tokio runtime.
    ///
    /// Fails when the port cannot be bound.
    pub async fn start(self) -> io::Result<FakeCronofy> {
        let listener =
            TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))).await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let (client_id, client_secret) = self
            .application
            .unwrap_or_else(|| (ids::token(), ids::token()));
        let client = Client::builder()
            .base_url(base_url.as_str())
            .build()
            .map_err(io::Error::other)?;
        let app = AppCredentials::new(client_id.clone(), client_secret.clone());
        let (outbox, deliveries, delivery_task) = notify::outbox();
        let mut state = State::seeded(
            base_url.clone(),
            self.page_size,
            self.access_token_lifetime,
            App {
                client_id,
                client_secret,
                internal_org: None,
            },
            self.internal_application,
            outbox,
        );
        state.limiter = self.rate_limits.map(Limiter::new);
        // Ends by itself once the state (and so the outbox) is gone.
        tokio::spawn(delivery_task);
        let shared = Arc::new(Shared::new(state));
        let (shutdown, shutdown_rx) = watch::channel(false);
        let server = tokio::spawn(server::serve(listener, Arc::clone(&shared), shutdown_rx));
        Ok(FakeCronofy {
            shared,
            base_url,
            client,
            app,
            deliveries,
            shutdown,
            server: Some(server),
        })
    }
}

/// A fake Cronofy on a loopback port: OAuth, users with calendars and events, app-key and
/// organization endpoints, all in memory, with a clock, faults and a request log the test
/// controls.
///
/// Seeded with one application (random client id and secret, see
/// [`app_credentials`](Self::app_credentials)), two users (the
/// [`default_user`](Self::default_user) with calendars "Calendar" and "Personal", and a
/// second user), an organization with both as members (the default user is its admin) and two
/// resources, and an Enterprise Connect service account (see
/// [`issue_service_account_token`](Self::issue_service_account_token)).
///
/// Dropping it, or [`shutdown`](Self::shutdown), stops the server.
///
/// ```
/// use cronofy_fake::FakeCronofy;
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), cronofy::Error> {
/// let fake = FakeCronofy::start().await;
/// let user = fake.default_user();
/// let token = fake.issue_user_token(&user.sub, "read_write").user_token();
/// let calendars = cronofy::calendars::list_calendars(&fake.client(), &token).await?;
/// assert_eq!(calendars.calendars.len(), user.calendar_ids.len());
/// # Ok(()) }
/// ```
pub struct FakeCronofy {
    shared: Arc<Shared>,
    base_url: String,
    client: Client,
    app: AppCredentials,
    deliveries: Deliveries,
    shutdown: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
}

impl FakeCronofy {
    /// Starts a fake with default options on an ephemeral port.
    ///
    /// # Panics
    ///
    /// When no loopback port can be bound, or outside a tokio runtime.
    pub async fn start() -> FakeCronofy {
        match FakeCronofy::builder().start().await {
            Ok(fake) => fake,
            Err(e) => panic!("the fake Cronofy could not bind a port on 127.0.0.1: {e}"),
        }
    }

    /// Options for a fake: page size, token lifetime, port, application credentials.
    pub fn builder() -> FakeCronofyBuilder {
        FakeCronofyBuilder::default()
    }

    /// Where the fake listens, e.g. `http://127.0.0.1:49152` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A client that sends its requests to the fake.
    pub fn client(&self) -> Client {
        self.client.clone()
    }

    /// The registered application's client id and secret.
    pub fn app_credentials(&self) -> AppCredentials {
        self.app.clone()
    }

    /// The URL of the fake's authorization page for the application: following it redirects
    /// to `redirect_uri` with a `code` and `state`.
    pub fn authorization_url(&self, redirect_uri: &str, scope: &str, state: &str) -> String {
        let mut url =
            match Url::parse(&self.base_url).and_then(|base| base.join("/oauth/authorize")) {
                Ok(url) => url,
                Err(_) => return format!("{}/oauth/authorize", self.base_url),
            };
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", self.app.client_id().as_str())
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("scope", scope)
            .append_pair("state", state);
        url.into()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.shared.lock()
    }

    // ---- users, calendars, events ----

    /// The first seeded user, who signs in at the authorization page unless
    /// [`authorize_as`](Self::authorize_as) says otherwise.
    pub fn default_user(&self) -> TestUser {
        let state = self.lock();
        let sub = &state.user_order[0];
        TestUser::of(&state.users[sub])
    }

    /// Every user, in the order they were added.
    pub fn users(&self) -> Vec<TestUser> {
        let state = self.lock();
        state
            .user_order
            .iter()
            .filter_map(|sub| state.users.get(sub))
            .map(TestUser::of)
            .collect()
    }

    /// The user with this `sub`, if there is one.
    pub fn user(&self, sub: &str) -> Option<TestUser> {
        self.lock().users.get(sub).map(TestUser::of)
    }

    /// Adds a user with a Google profile and a primary calendar.
    pub fn add_user(&self, email: &str, name: &str) -> TestUser {
        let mut state = self.lock();
        let sub = state.add_user(email, name, "google");
        TestUser::of(&state.users[&sub])
    }

    /// Adds a calendar to the user's first profile; returns its id.
    ///
    /// # Panics
    ///
    /// When there is no user with this `sub`.
    pub fn add_calendar(&self, sub: &str, name: &str) -> String {
        match self.lock().add_calendar(sub, name) {
            Some(calendar_id) => calendar_id,
            None => panic!("the fake Cronofy has no user with sub {sub:?}"),
        }
    }

    /// Creates or updates an event as `POST /v1/calendars/{calendar_id}/events` would.
    ///
    /// # Panics
    ///
    /// When the user or calendar is unknown or the event invalid; the message carries the
    /// `errors` map Cronofy would answer with.
    pub fn insert_event(&self, sub: &str, calendar_id: &str, event: &UpsertEvent) {
        let body = match serde_json::to_value(event) {
            Ok(serde_json::Value::Object(body)) => body,
            _ => panic!("an UpsertEvent always serializes as a JSON object"),
        };
        let mut state = self.lock();
        if let Err(errors) = events::upsert_in(&mut state, sub, calendar_id, &body) {
            panic!(
                "the fake Cronofy refused the event for {sub:?} in {calendar_id:?}: {}",
                errors.to_json()
            );
        }
    }

    /// Every event of the user, deleted ones included, as Read Events returns them.
    pub fn events(&self, sub: &str) -> Vec<Event> {
        let state = self.lock();
        let Some(user) = state.users.get(sub) else {
            return Vec::new();
        };
        user.events
            .iter()
            .filter_map(|event| {
                serde_json::from_value(events::event_json(user, event, &events::full_view())).ok()
            })
            .collect()
    }

    // ---- notifications ----

    /// The notifications sent so far (the latest 10,000), oldest first, with what became of
    /// each: see [`NotificationDelivery`]. Only those already delivered (or failed) are
    /// listed: wait with [`notifications_delivered`](Self::notifications_delivered) first.
    pub fn notifications(&self) -> Vec<NotificationDelivery> {
        self.deliveries.snapshot()
    }

    /// Forgets the notifications sent so far.
    pub fn clear_notifications(&self) {
        self.deliveries.clear();
    }

    /// Waits until every notification the fake has queued so far is delivered, or has failed
    /// (each within [`DELIVERY_TIMEOUT`](crate::DELIVERY_TIMEOUT)). A notification is queued
    /// before the API call (or the handle's action) causing it returns, so this waits for it.
    ///
    /// ```
    /// use cronofy_fake::FakeCronofy;
    /// use cronofy::notifications::CreateChannel;
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), cronofy::Error> {
    /// let fake = FakeCronofy::start().await;
    /// let alice = fake.default_user();
    /// let token = fake.issue_user_token(&alice.sub, "read_write").user_token();
    /// // Nobody listens there: the delivery fails, and the call that caused it succeeds.
    /// let channel = CreateChannel::new("http://127.0.0.1:9/cronofy/notifications");
    /// cronofy::notifications::create_channel(&fake.client(), &token, &channel).await?;
    /// fake.notifications_delivered().await;
    /// let sent = fake.notifications();
    /// assert_eq!(sent[0].kind, "verification");
    /// assert!(matches!(sent[0].outcome, cronofy_fake::DeliveryOutcome::Failed(_)));
    /// # Ok(()) }
    /// ```
    pub async fn notifications_delivered(&self) {
        self.deliveries.settled().await;
    }

    /// Disconnects a profile of the user, as `POST /v1/profiles/{profile_id}/revoke` does
    /// (its calendars then answer writes with `423`), and sends `profile_disconnected` to the
    /// user's channels.
    ///
    /// # Panics
    ///
    /// When the user or the profile is unknown.
    pub fn disconnect_profile(&self, sub: &str, profile_id: &str) {
        let mut state = self.lock();
        if !crate::identity::disconnect(&mut state, sub, profile_id) {
            panic!("the fake Cronofy has no profile {profile_id:?} for the user {sub:?}");
        }
    }

    /// The recipient of a smart invite answers it, as if they had replied to the email: the
    /// status (`accepted`, `tentative`, `declined`) and an optional comment become the
    /// invite's (read back with `read_smart_invite`), and the invite's `callback_url`, if it
    /// has one, is sent the `smart_invite` notification.
    ///
    /// # Panics
    ///
    /// When the application sent no such invite to that recipient.
    pub fn answer_smart_invite(
        &self,
        smart_invite_id: &str,
        recipient_email: &str,
        status: &cronofy::scheduling::SmartInviteStatus,
        comment: Option<&str>,
    ) {
        let mut state = self.lock();
        let key = (
            state.app().client_id.clone(),
            smart_invite_id.to_owned(),
            recipient_email.to_owned(),
        );
        let Some(invite) = state.smart_invites.get_mut(&key) else {
            panic!(
                "the fake Cronofy sent no smart invite {smart_invite_id:?} to {recipient_email:?}"
            );
        };
        let mut reply = serde_json::json!({ "email": recipient_email, "status": status.as_str() });
        if let Some(comment) = comment {
            reply["comment"] = serde_json::json!(comment);
        }
        invite["recipient"] = reply.clone();
        invite["replies"] = serde_json::json!([reply.clone()]);
        let mut callback = serde_json::json!({
            "smart_invite_id": smart_invite_id,
            "recipient": reply.clone(),
            "reply": reply,
        });
        if let Some(url) = invite.get("callback_url") {
            callback["callback_url"] = url.clone();
        }
        notify::smart_invite_answered(&state, &callback);
    }

    // ---- organizations ----

    /// The seeded organization: the default user (admin) and the second user are members.
    pub fn default_org(&self) -> TestOrg {
        let state = self.lock();
        let org = state.orgs.values().next();
        TestOrg::of(org.expect("the fake Cronofy is always seeded with an organization"))
    }

    /// Adds a user to an organization as a plain member.
    ///
    /// # Panics
    ///
    /// When the organization or the user is unknown.
    pub fn add_org_member(&self, org_id: &str, sub: &str) {
        let mut state = self.lock();
        if !state.users.contains_key(sub) {
            panic!("the fake Cronofy has no user with sub {sub:?}");
        }
        let Some(org) = state.orgs.get_mut(org_id) else {
            panic!("the fake Cronofy has no organization {org_id:?}");
        };
        if !org.has_member(sub) {
            org.members.push(OrgMember {
                sub: sub.to_owned(),
                roles: vec!["member".to_owned()],
                scheduler: false,
            });
        }
    }

    // ---- OAuth ----

    /// The user who signs in at the authorization page from now on.
    ///
    /// # Panics
    ///
    /// When there is no user with this `sub`.
    pub fn authorize_as(&self, sub: &str) {
        let mut state = self.lock();
        if !state.users.contains_key(sub) {
            panic!("the fake Cronofy has no user with sub {sub:?}");
        }
        state.authorizing_user = sub.to_owned();
    }

    /// Whether the authorization page refuses (redirects with `error=access_denied`).
    pub fn deny_authorizations(&self, deny: bool) {
        self.lock().deny_authorizations = deny;
    }

    /// Mints tokens for a user without the OAuth dance, as a code exchange would have.
    ///
    /// # Panics
    ///
    /// When the user is unknown or `scope` names a scope Cronofy does not have.
    pub fn issue_user_token(&self, sub: &str, scope: &str) -> IssuedTokens {
        let mut state = self.lock();
        if !state.users.contains_key(sub) {
            panic!("the fake Cronofy has no user with sub {sub:?}");
        }
        let scopes = match scopes::expand(scope) {
            Ok(scopes) => scopes,
            Err(unknown) => panic!("the fake Cronofy knows no scope {unknown:?}"),
        };
        let scope = scope.split_whitespace().collect::<Vec<_>>().join(" ");
        issue(
            &mut state,
            Subject::User(sub.to_owned()),
            sub,
            scope,
            scopes,
        )
    }

    /// Mints an Organizational Unit token (scope `organizational_unit_scheduler`), as
    /// Organization Connect would have.
    ///
    /// # Panics
    ///
    /// When there is no organization with this id.
    pub fn issue_org_token(&self, org_id: &str) -> IssuedTokens {
        let mut state = self.lock();
        if !state.orgs.contains_key(org_id) {
            panic!("the fake Cronofy has no organization {org_id:?}");
        }
        let scope = scopes::ORGANIZATIONAL_UNIT_SCHEDULER.to_owned();
        let scopes = [scope.clone()].into();
        issue(
            &mut state,
            Subject::Org(org_id.to_owned()),
            org_id,
            scope,
            scopes,
        )
    }

    /// Mints an Enterprise Connect service account's token (scopes
    /// `service_account/accounts/manage` and `service_account/resources/manage`), for the
    /// fake's one service account, whose domain has a "Board Room" and a "Projector". The
    /// token calls only `/v1/service_account_authorizations` and `/v1/resources`: every other
    /// endpoint answers it with `401`.
    pub fn issue_service_account_token(&self) -> IssuedTokens {
        let mut state = self.lock();
        let service_account_id = state
            .service_accounts
            .keys()
            .next()
            .cloned()
            .expect("the fake Cronofy is always seeded with a service account");
        let scopes = [
            scopes::SERVICE_ACCOUNT_ACCOUNTS,
            scopes::SERVICE_ACCOUNT_RESOURCES,
        ];
        let scope = scopes.join(" ");
        let scopes = scopes.iter().map(|s| (*s).to_owned()).collect();
        issue(
            &mut state,
            Subject::ServiceAccount(service_account_id.clone()),
            &service_account_id,
            scope,
            scopes,
        )
    }

    // ---- time ----

    /// Now, on the fake's clock.
    pub fn now(&self) -> SystemTime {
        UNIX_EPOCH + self.lock().clock.now()
    }

    /// Moves the fake's clock forward: access tokens and codes expire on it.
    pub fn advance(&self, by: Duration) {
        self.lock().clock.advance(by);
    }

    /// Every access token issued so far stops working (401) now; refresh tokens still work.
    pub fn expire_all_access_tokens(&self) {
        self.lock().expire_all_access_tokens();
    }

    // ---- counters, faults, log ----

    /// How many authorizations, token requests and revocations the fake has seen.
    pub fn counters(&self) -> Counters {
        self.lock().counters
    }

    /// How many requests the [rate limits](FakeCronofyBuilder::rate_limits) refused with a
    /// `429` (injected [`Fault::rate_limited`] answers are not counted); 0 when the limits are
    /// off.
    pub fn rate_limited_count(&self) -> u64 {
        self.lock().limiter.as_ref().map_or(0, Limiter::refused)
    }

    /// Requests the [rate limits](FakeCronofyBuilder::rate_limits) admitted, by client id: the
    /// budget each application used (a batch counting one or per entry, as the limits say).
    /// Empty when the limits are off.
    pub fn admitted_requests(&self) -> BTreeMap<String, u64> {
        self.lock()
            .limiter
            .as_ref()
            .map(Limiter::admitted)
            .unwrap_or_default()
    }

    /// Queues a fault for the next matching requests; faults are used up in the order given.
    pub fn inject(&self, fault: Fault) {
        self.lock().faults.push(fault);
    }

    /// How many requests the injected faults will still meet: it drops when a request meets
    /// one, as it arrives (before a delay, for instance), so a test can act while that request
    /// is in flight.
    pub fn faults_waiting(&self) -> u64 {
        self.lock().faults.waiting()
    }

    /// Forgets every fault not yet used up.
    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    /// The requests received so far (the latest 10,000), oldest first. Never holds a token or
    /// secret: only method, path, the kind of credential, whom it acts for, and the status.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.lock().log.snapshot()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.lock().log.clear();
    }

    /// Stops the server and waits for it to stop accepting connections; open connections are
    /// closed.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for FakeCronofy {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

impl fmt::Debug for FakeCronofy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeCronofy")
            .field("base_url", &self.base_url)
            .field("client_id", &self.app.client_id().as_str())
            .finish_non_exhaustive()
    }
}

/// Grants the fake's own application `scope` (expanded to `scopes`) for `subject`, whose id is
/// `sub`, without the OAuth dance: the tokens as a test receives them.
fn issue(
    state: &mut State,
    subject: Subject,
    sub: &str,
    scope: String,
    scopes: std::collections::BTreeSet<String>,
) -> IssuedTokens {
    let client_id = state.app().client_id.clone();
    let (_, issued) = state.grant(&client_id, subject, scope.clone(), scopes);
    IssuedTokens {
        access_token: issued.access_token,
        refresh_token: issued.refresh_token,
        expires_in: issued.expires_in,
        scope,
        sub: sub.to_owned(),
    }
}
