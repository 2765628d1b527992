//! Everything the fake remembers: the application, users with their profiles, calendars,
//! events, channels, availability rules and available periods, organizations, service
//! accounts, application calendars, codes, tokens, paging cursors, counters, faults and the
//! request log.
//!
//! One mutex guards it all; handlers take it, do their work without awaiting, and let go.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::clock::Clock;
use crate::faults::FaultQueue;
use crate::ids;
use crate::limits::Limiter;
use crate::log::RequestLog;
use crate::notify::Outbox;
use crate::paging::Cursor;
use crate::seed::Counters;

/// The state behind the server and the test's handle.
pub(crate) struct Shared {
    state: Mutex<State>,
}

impl Shared {
    pub(crate) fn new(state: State) -> Self {
        Shared {
            state: Mutex::new(state),
        }
    }

    /// The state. A panic elsewhere while holding it leaves nothing half-written that matters
    /// to a fake, so a poisoned lock is simply taken over.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A registered application.
pub(crate) struct App {
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    /// For an internal application, the organization whose members it may impersonate.
    pub(crate) internal_org: Option<String>,
}

/// A calendar profile (a connected Google, Microsoft 365, ... account).
pub(crate) struct Profile {
    pub(crate) profile_id: String,
    pub(crate) provider_name: String,
    pub(crate) profile_name: String,
    /// `false` once its authorization was revoked: listed, but its calendars are locked (423).
    pub(crate) connected: bool,
}

/// A calendar of one of a user's profiles.
pub(crate) struct StoredCalendar {
    pub(crate) calendar_id: String,
    pub(crate) profile_id: String,
    pub(crate) name: String,
    pub(crate) primary: bool,
    pub(crate) color: Option<String>,
}

/// When an event starts or ends: seconds since the epoch, and how it is written back.
#[derive(Clone)]
pub(crate) struct When {
    pub(crate) secs: i64,
    pub(crate) text: String,
}

/// An event in a user's calendar.
pub(crate) struct StoredEvent {
    pub(crate) calendar_id: String,
    pub(crate) event_uid: String,
    pub(crate) event_id: Option<String>,
    pub(crate) summary: String,
    pub(crate) description: Option<String>,
    pub(crate) start: When,
    pub(crate) end: When,
    pub(crate) tzid: Option<String>,
    pub(crate) location: Option<serde_json::Value>,
    pub(crate) url: Option<String>,
    pub(crate) transparency: String,
    /// The user's answer: `accepted` unless changed through `participation_status`.
    pub(crate) participation_status: String,
    pub(crate) created: i64,
    pub(crate) updated: i64,
    pub(crate) deleted: bool,
    /// Attendees, reminders, conferencing and the other optional details.
    pub(crate) details: crate::event_details::EventDetails,
    /// The windows (start, end) it had before it was moved, for `include_moved`.
    pub(crate) moved_from: Vec<(i64, i64)>,
}

/// A user of the application: one Cronofy account.
pub(crate) struct User {
    pub(crate) sub: String,
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) tzid: String,
    pub(crate) profiles: Vec<Profile>,
    pub(crate) calendars: Vec<StoredCalendar>,
    pub(crate) events: Vec<StoredEvent>,
    pub(crate) channels: Vec<StoredChannel>,
    /// In the order they were first created; an upsert replaces a rule in place.
    pub(crate) availability_rules: Vec<StoredRule>,
    pub(crate) available_periods: Vec<StoredPeriod>,
}

/// A push notification channel of a user.
pub(crate) struct StoredChannel {
    pub(crate) channel_id: String,
    pub(crate) callback_url: String,
    pub(crate) calendar_ids: Vec<String>,
    pub(crate) only_managed: Option<bool>,
}

/// One weekly period of an availability rule, as sent (`monday`, `09:30`, `12:30`).
pub(crate) struct StoredWeeklyPeriod {
    pub(crate) day: String,
    pub(crate) start_time: String,
    pub(crate) end_time: String,
}

/// An availability rule of a user.
pub(crate) struct StoredRule {
    pub(crate) availability_rule_id: String,
    pub(crate) tzid: String,
    pub(crate) calendar_ids: Vec<String>,
    pub(crate) weekly_periods: Vec<StoredWeeklyPeriod>,
}

/// An available period of a user.
pub(crate) struct StoredPeriod {
    pub(crate) available_period_id: String,
    pub(crate) start: When,
    pub(crate) end: When,
}

impl User {
    pub(crate) fn calendar(&self, calendar_id: &str) -> Option<&StoredCalendar> {
        self.calendars.iter().find(|c| c.calendar_id == calendar_id)
    }

    pub(crate) fn profile(&self, profile_id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.profile_id == profile_id)
    }

    /// Whether the calendar belongs to a profile whose authorization was revoked.
    pub(crate) fn calendar_locked(&self, calendar_id: &str) -> bool {
        self.calendar(calendar_id)
            .and_then(|c| self.profile(&c.profile_id))
            .is_some_and(|p| !p.connected)
    }

    /// The provider (`google`, `apple`, ...) of the calendar's profile.
    pub(crate) fn calendar_provider(&self, calendar_id: &str) -> Option<&str> {
        self.calendar(calendar_id)
            .and_then(|c| self.profile(&c.profile_id))
            .map(|p| p.provider_name.as_str())
    }
}

/// A member of an Organizational Unit.
pub(crate) struct OrgMember {
    pub(crate) sub: String,
    pub(crate) roles: Vec<String>,
    pub(crate) scheduler: bool,
}

/// A resource (meeting room, equipment) of an Organizational Unit.
pub(crate) struct OrgResource {
    pub(crate) sub: String,
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) scheduler: bool,
}

/// An Organizational Unit.
pub(crate) struct Org {
    pub(crate) org_id: String,
    pub(crate) name: String,
    pub(crate) members: Vec<OrgMember>,
    pub(crate) resources: Vec<OrgResource>,
}

/// An Enterprise Connect service account, by its id in `State::service_accounts`.
pub(crate) struct ServiceAccount {
    /// The rooms and equipment of its calendar server: `(email, name)`.
    pub(crate) resources: Vec<(String, String)>,
}

impl Org {
    pub(crate) fn has_member(&self, sub: &str) -> bool {
        self.members.iter().any(|m| m.sub == sub)
    }
}

/// Whom a grant (and so its tokens) acts for.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Subject {
    User(String),
    Org(String),
    /// An Enterprise Connect service account, by its `ser_...` id.
    ServiceAccount(String),
}

impl Subject {
    pub(crate) fn id(&self) -> &str {
        match self {
            Subject::User(sub) | Subject::Org(sub) | Subject::ServiceAccount(sub) => sub,
        }
    }
}

/// What a user (or an organization's admin) agreed to: the source of one chain of tokens.
pub(crate) struct Grant {
    pub(crate) client_id: String,
    pub(crate) subject: Subject,
    /// The scope as it was asked for, normalized to single spaces.
    pub(crate) scope: String,
    pub(crate) scopes: BTreeSet<String>,
}

/// An authorization code waiting to be exchanged.
pub(crate) struct AuthCode {
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) subject: Subject,
    pub(crate) scope: String,
    pub(crate) scopes: BTreeSet<String>,
    pub(crate) expires_at: Duration,
}

/// An access token: its grant and when it stops working.
pub(crate) struct AccessToken {
    pub(crate) grant: u64,
    pub(crate) expires_at: Duration,
}

/// Tokens just issued.
pub(crate) struct Issued {
    pub(crate) access_token: String,
    pub(crate) refresh_token: String,
    pub(crate) expires_in: u64,
}

/// A real-time scheduling link.
pub(crate) struct SchedulingLink {
    pub(crate) client_id: String,
    pub(crate) id: String,
    pub(crate) url: String,
    /// The last path segment of `url`, by which the status can be read too.
    pub(crate) token: String,
    pub(crate) status: String,
    pub(crate) event: serde_json::Value,
}

/// A bookable event of an application, by client id and `bookable_event_id` in
/// `State::bookable_events`.
pub(crate) struct StoredBookableEvent {
    pub(crate) start: When,
    pub(crate) end: When,
    /// `confirmed` or `cancelled`.
    pub(crate) status: String,
    pub(crate) capacity: u64,
    /// In the order they were first registered; an upsert updates one in place.
    pub(crate) registrations: Vec<StoredRegistration>,
}

/// A registration for a bookable event.
pub(crate) struct StoredRegistration {
    pub(crate) registration_id: String,
    /// `pending`, `accepted`, `tentative`, `declined` or `removed`.
    pub(crate) status: String,
    /// The metadata object as sent; `null` once removed.
    pub(crate) metadata: serde_json::Value,
}

/// A Scheduling Request, by its id in `State::scheduling_requests`.
pub(crate) struct StoredSchedulingRequest {
    /// The Organizational Unit it belongs to: who may query it.
    pub(crate) org_id: Option<String>,
    /// The request as answered (the object under `scheduling_request`).
    pub(crate) request: serde_json::Value,
}

/// A scheduling conversation, by its id in `State::scheduling_conversations`.
pub(crate) struct StoredConversation {
    /// The user who created it: the only one who reads it by id.
    pub(crate) owner: String,
    /// The conversation as answered (the object under `scheduling_conversation`).
    pub(crate) conversation: serde_json::Value,
    /// Each participant's token (the one its redirect carries), with the participant.
    pub(crate) tokens: Vec<(String, serde_json::Value)>,
}

/// Everything the fake remembers.
pub(crate) struct State {
    pub(crate) base_url: String,
    pub(crate) page_size: usize,
    pub(crate) access_token_lifetime: Duration,
    pub(crate) clock: Clock,
    pub(crate) apps: Vec<App>,
    pub(crate) users: BTreeMap<String, User>,
    /// The subs of `users` in the order they were added; the first is the default user.
    pub(crate) user_order: Vec<String>,
    pub(crate) orgs: BTreeMap<String, Org>,
    /// Who "signs in" at the authorization page.
    pub(crate) authorizing_user: String,
    /// Whether the authorization page answers `access_denied`.
    pub(crate) deny_authorizations: bool,
    pub(crate) codes: HashMap<String, AuthCode>,
    pub(crate) grants: HashMap<u64, Grant>,
    next_grant: u64,
    pub(crate) access_tokens: HashMap<String, AccessToken>,
    pub(crate) refresh_tokens: HashMap<String, u64>,
    pub(crate) cursors: HashMap<String, Cursor>,
    pub(crate) scheduling_links: Vec<SchedulingLink>,
    /// Smart invites as last answered, by client id, `smart_invite_id` and recipient email.
    pub(crate) smart_invites: BTreeMap<(String, String, String), serde_json::Value>,
    pub(crate) service_accounts: BTreeMap<String, ServiceAccount>,
    /// The account (`apc_...`) of each application calendar, by client id and
    /// `application_calendar_id`.
    pub(crate) application_calendars: HashMap<(String, String), String>,
    /// Bookable events by client id and `bookable_event_id`.
    pub(crate) bookable_events: BTreeMap<(String, String), StoredBookableEvent>,
    pub(crate) scheduling_requests: BTreeMap<String, StoredSchedulingRequest>,
    pub(crate) scheduling_conversations: BTreeMap<String, StoredConversation>,
    pub(crate) counters: Counters,
    pub(crate) faults: FaultQueue,
    pub(crate) log: RequestLog,
    /// Cronofy's rate limits and each application's usage, when the test asked for them.
    pub(crate) limiter: Option<Limiter>,
    /// Where state changes queue the notifications to send.
    pub(crate) outbox: Outbox,
}

/// How long an authorization code may wait for its exchange.
const CODE_LIFETIME: Duration = Duration::from_secs(600);

/// How long a service account's access token lives.
const SERVICE_ACCOUNT_TOKEN_LIFETIME: Duration = Duration::from_secs(1800);

impl State {
    /// A fresh state with one application, two users in one organization. An `internal`
    /// application belongs to that organization and may impersonate its members.
    pub(crate) fn seeded(
        base_url: String,
        page_size: usize,
        access_token_lifetime: Duration,
        app: App,
        internal: bool,
        outbox: Outbox,
    ) -> Self {
        let mut state = State {
            base_url,
            page_size: page_size.max(1),
            access_token_lifetime,
            clock: Clock::new(),
            apps: Vec::new(),
            users: BTreeMap::new(),
            user_order: Vec::new(),
            orgs: BTreeMap::new(),
            authorizing_user: String::new(),
            deny_authorizations: false,
            codes: HashMap::new(),
            grants: HashMap::new(),
            next_grant: 1,
            access_tokens: HashMap::new(),
            refresh_tokens: HashMap::new(),
            cursors: HashMap::new(),
            scheduling_links: Vec::new(),
            smart_invites: BTreeMap::new(),
            service_accounts: BTreeMap::new(),
            application_calendars: HashMap::new(),
            bookable_events: BTreeMap::new(),
            scheduling_requests: BTreeMap::new(),
            scheduling_conversations: BTreeMap::new(),
            counters: Counters::default(),
            faults: FaultQueue::default(),
            log: RequestLog::default(),
            limiter: None,
            outbox,
        };
        let alice = state.add_user("alice@example.com", "Alice Example", "google");
        state.add_calendar(&alice, "Personal");
        let bob = state.add_user("bob@example.com", "Bob Example", "office365");
        let org_id = ids::id("org_");
        state.orgs.insert(
            org_id.clone(),
            Org {
                org_id: org_id.clone(),
                name: "Example Organization".to_owned(),
                members: vec![
                    OrgMember {
                        sub: alice.clone(),
                        roles: vec!["admin".to_owned()],
                        scheduler: true,
                    },
                    OrgMember {
                        sub: bob,
                        roles: vec!["member".to_owned()],
                        scheduler: false,
                    },
                ],
                resources: vec![
                    OrgResource {
                        sub: ids::id("res_"),
                        email: "board-room@example.com".to_owned(),
                        name: "Board Room".to_owned(),
                        scheduler: true,
                    },
                    OrgResource {
                        sub: ids::id("res_"),
                        email: "projector@example.com".to_owned(),
                        name: "Projector".to_owned(),
                        scheduler: false,
                    },
                ],
            },
        );
        state.service_accounts.insert(
            ids::id("ser_"),
            ServiceAccount {
                resources: vec![
                    ("board-room@example.com".to_owned(), "Board Room".to_owned()),
                    ("projector@example.com".to_owned(), "Projector".to_owned()),
                ],
            },
        );
        state.authorizing_user = alice;
        state.apps.push(App {
            internal_org: internal.then_some(org_id),
            ..app
        });
        state
    }

    /// The default application.
    pub(crate) fn app(&self) -> &App {
        &self.apps[0]
    }

    /// The application with these credentials, if they are right.
    pub(crate) fn app_with(&self, client_id: &str, client_secret: &str) -> Option<&App> {
        self.apps
            .iter()
            .find(|app| app.client_id == client_id && app.client_secret == client_secret)
    }

    /// Adds a user with one profile at `provider_name` and a primary calendar; returns the sub.
    pub(crate) fn add_user(&mut self, email: &str, name: &str, provider_name: &str) -> String {
        let sub = ids::id("acc_");
        self.add_account(&sub, email, name, provider_name, email, "Calendar");
        sub
    }

    /// The account of the application calendar `application_calendar_id` of `client_id`,
    /// created with its one calendar on first use; returns its sub (`apc_...`).
    pub(crate) fn application_calendar(
        &mut self,
        client_id: &str,
        application_calendar_id: &str,
    ) -> String {
        let key = (client_id.to_owned(), application_calendar_id.to_owned());
        if let Some(sub) = self.application_calendars.get(&key) {
            return sub.clone();
        }
        let sub = ids::id("apc_");
        self.add_account(
            &sub,
            "",
            application_calendar_id,
            "cronofy",
            application_calendar_id,
            application_calendar_id,
        );
        self.application_calendars.insert(key, sub.clone());
        sub
    }

    fn add_account(
        &mut self,
        sub: &str,
        email: &str,
        name: &str,
        provider_name: &str,
        profile_name: &str,
        calendar_name: &str,
    ) {
        let profile_id = ids::id("pro_");
        self.users.insert(
            sub.to_owned(),
            User {
                sub: sub.to_owned(),
                email: email.to_owned(),
                name: name.to_owned(),
                tzid: "Europe/London".to_owned(),
                profiles: vec![Profile {
                    profile_id: profile_id.clone(),
                    provider_name: provider_name.to_owned(),
                    profile_name: profile_name.to_owned(),
                    connected: true,
                }],
                calendars: vec![StoredCalendar {
                    calendar_id: ids::id("cal_"),
                    profile_id,
                    name: calendar_name.to_owned(),
                    primary: true,
                    color: None,
                }],
                events: Vec::new(),
                channels: Vec::new(),
                availability_rules: Vec::new(),
                available_periods: Vec::new(),
            },
        );
        self.user_order.push(sub.to_owned());
    }

    /// Adds a calendar to the user's first profile; returns its id, or `None` for an unknown
    /// user.
    pub(crate) fn add_calendar(&mut self, sub: &str, name: &str) -> Option<String> {
        let user = self.users.get_mut(sub)?;
        let profile_id = user.profiles.first()?.profile_id.clone();
        let calendar_id = ids::id("cal_");
        user.calendars.push(StoredCalendar {
            calendar_id: calendar_id.clone(),
            profile_id,
            name: name.to_owned(),
            primary: false,
            color: None,
        });
        Some(calendar_id)
    }

    /// Stores a new authorization code; returns it.
    pub(crate) fn new_code(
        &mut self,
        client_id: &str,
        redirect_uri: &str,
        subject: Subject,
        scope: String,
        scopes: BTreeSet<String>,
    ) -> String {
        let code = ids::token();
        let expires_at = self.clock.now() + CODE_LIFETIME;
        self.codes.insert(
            code.clone(),
            AuthCode {
                client_id: client_id.to_owned(),
                redirect_uri: redirect_uri.to_owned(),
                subject,
                scope,
                scopes,
                expires_at,
            },
        );
        code
    }

    /// Records a grant and issues its first tokens.
    pub(crate) fn grant(
        &mut self,
        client_id: &str,
        subject: Subject,
        scope: String,
        scopes: BTreeSet<String>,
    ) -> (u64, Issued) {
        let id = self.next_grant;
        self.next_grant += 1;
        self.grants.insert(
            id,
            Grant {
                client_id: client_id.to_owned(),
                subject,
                scope,
                scopes,
            },
        );
        (id, self.issue(id))
    }

    /// Issues a new access token and refresh token for a grant. A service account's access
    /// tokens live at most 1800 seconds, as Cronofy's do.
    pub(crate) fn issue(&mut self, grant: u64) -> Issued {
        let access_token = ids::token();
        let refresh_token = ids::token();
        let lifetime = match self.grants.get(&grant).map(|g| &g.subject) {
            Some(Subject::ServiceAccount(_)) => self
                .access_token_lifetime
                .min(SERVICE_ACCOUNT_TOKEN_LIFETIME),
            _ => self.access_token_lifetime,
        };
        let expires_at = self.clock.now() + lifetime;
        self.access_tokens
            .insert(access_token.clone(), AccessToken { grant, expires_at });
        self.refresh_tokens.insert(refresh_token.clone(), grant);
        Issued {
            access_token,
            refresh_token,
            expires_in: lifetime.as_secs(),
        }
    }

    /// Revokes a grant: all its access and refresh tokens stop working.
    pub(crate) fn revoke_grant(&mut self, grant: u64) {
        self.grants.remove(&grant);
        self.access_tokens.retain(|_, token| token.grant != grant);
        self.refresh_tokens.retain(|_, g| *g != grant);
    }

    /// Every access token stops working now; refresh tokens still do.
    pub(crate) fn expire_all_access_tokens(&mut self) {
        let now = self.clock.now();
        for token in self.access_tokens.values_mut() {
            token.expires_at = token.expires_at.min(now);
        }
    }
}
