//! What a test reads back from the fake: users, organizations, tokens it minted, counters.

use std::fmt;

use cronofy::{OrgToken, ServiceAccountToken, UserToken};

use crate::state::{Org, User};

/// A user of the fake, as seeded: one Cronofy account with a profile and calendars.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TestUser {
    /// The account's `sub`, which is also its `account_id` (`acc_...`).
    pub sub: String,
    /// Email address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Default time zone (IANA id).
    pub tzid: String,
    /// The id of the user's first calendar profile.
    pub profile_id: String,
    /// The ids of the user's calendars; the first is the primary one.
    pub calendar_ids: Vec<String>,
}

impl TestUser {
    pub(crate) fn of(user: &User) -> Self {
        TestUser {
            sub: user.sub.clone(),
            email: user.email.clone(),
            name: user.name.clone(),
            tzid: user.tzid.clone(),
            profile_id: user
                .profiles
                .first()
                .map(|p| p.profile_id.clone())
                .unwrap_or_default(),
            calendar_ids: user
                .calendars
                .iter()
                .map(|c| c.calendar_id.clone())
                .collect(),
        }
    }

    /// The primary calendar's id.
    pub fn primary_calendar_id(&self) -> &str {
        self.calendar_ids.first().map_or("", String::as_str)
    }
}

/// An Organizational Unit of the fake and its members.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TestOrg {
    /// The organization's id (`org_...`), the `sub` of its tokens.
    pub org_id: String,
    /// Its name.
    pub name: String,
    /// The `sub` of each member, in order; the first seeded member is an admin.
    pub member_subs: Vec<String>,
}

impl TestOrg {
    pub(crate) fn of(org: &Org) -> Self {
        TestOrg {
            org_id: org.org_id.clone(),
            name: org.name.clone(),
            member_subs: org.members.iter().map(|m| m.sub.clone()).collect(),
        }
    }
}

/// Tokens the fake issued, as the token endpoint would have returned them. `Debug` shows no
/// token.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IssuedTokens {
    /// The access token (32 characters).
    pub access_token: String,
    /// The refresh token (32 characters).
    pub refresh_token: String,
    /// Seconds until the access token expires, on the fake's clock.
    pub expires_in: u64,
    /// The granted scope, space separated.
    pub scope: String,
    /// Whom the tokens act for: a user's `sub`, an organization's id or a service account's
    /// id.
    pub sub: String,
}

impl IssuedTokens {
    /// The access token as a user credential.
    pub fn user_token(&self) -> UserToken {
        UserToken::new(self.access_token.clone())
    }

    /// The access token as an organization credential.
    pub fn org_token(&self) -> OrgToken {
        OrgToken::new(self.access_token.clone())
    }

    /// The access token as an Enterprise Connect service account credential (from
    /// [`FakeCronofy::issue_service_account_token`](crate::FakeCronofy::issue_service_account_token)).
    pub fn service_account_token(&self) -> ServiceAccountToken {
        ServiceAccountToken::new(self.access_token.clone())
    }

    /// As the runtime's token set, e.g. for a
    /// [`RefreshingUserToken`](cronofy::oauth::RefreshingUserToken). The expiry is counted from the
    /// real clock, as a client would count it from `expires_in`.
    pub fn token_set(&self) -> cronofy::oauth::TokenSet {
        cronofy::oauth::TokenSet::new(self.access_token.clone(), Some(self.refresh_token.clone()))
            .with_expires_at(
                std::time::SystemTime::now() + std::time::Duration::from_secs(self.expires_in),
            )
            .with_scope(self.scope.split_whitespace().map(|s| {
                s.parse()
                    .unwrap_or_else(|never: std::convert::Infallible| match never {})
            }))
            .with_sub(self.sub.clone())
    }
}

impl fmt::Debug for IssuedTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedTokens")
            .field("access_token", &format_args!("[redacted]"))
            .field("refresh_token", &format_args!("[redacted]"))
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .field("sub", &self.sub)
            .finish()
    }
}

/// How often things happened, for tests that count (e.g. "exactly one refresh").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counters {
    /// Authorization codes issued by `GET /oauth/authorize`.
    pub authorizations: u64,
    /// `POST /oauth/token` requests with `grant_type=authorization_code`, answered or not.
    pub code_exchanges: u64,
    /// `POST /oauth/token` requests with `grant_type=refresh_token`, answered or not.
    pub refreshes: u64,
    /// `POST /oauth/token` requests answered with an error (400).
    pub token_errors: u64,
    /// `POST /oauth/token/revoke` requests that were accepted.
    pub revocations: u64,
}
