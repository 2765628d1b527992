//! Credential checks: which credential a request presents, and whether the endpoint takes it.
//!
//! The fake enforces at run time what the client enforces at compile time: user endpoints take
//! a user's token (or an organization acting as a member), app endpoints take only the client
//! secret, org endpoints only an org token, service-account endpoints only a service account's
//! token (which no other endpoint takes). The wrong kind is a 401; a missing scope a 403.

use std::collections::BTreeSet;

use axum::http::{HeaderMap, header};

use crate::log::CredentialKind;
use crate::reply::{self, Rejection};
use crate::scopes;
use crate::state::{State, Subject};

/// The header naming the member an organization (or internal application) acts as.
const IMPERSONATE: &str = "cronofy-impersonate";

/// What a request presented, as recognized when it arrived. Holds no secret.
#[derive(Clone, Debug)]
pub(crate) enum Presented {
    /// No `Authorization` header.
    Nothing,
    /// A bearer the fake does not know, or another scheme.
    Unknown,
    /// A user's access token.
    UserToken {
        sub: String,
        scope: String,
        scopes: BTreeSet<String>,
        expired: bool,
        impersonate: Option<String>,
    },
    /// An application's client secret.
    AppSecret {
        client_id: String,
        impersonate: Option<String>,
    },
    /// An Organizational Unit's access token.
    OrgToken {
        org_id: String,
        scopes: BTreeSet<String>,
        expired: bool,
        impersonate: Option<String>,
    },
    /// An Enterprise Connect service account's access token.
    ServiceAccountToken {
        service_account_id: String,
        scopes: BTreeSet<String>,
        expired: bool,
    },
}

impl Presented {
    /// The kind recorded in the request log.
    pub(crate) fn kind(&self) -> CredentialKind {
        match self {
            Presented::Nothing => CredentialKind::None,
            Presented::Unknown => CredentialKind::Unknown,
            Presented::UserToken { .. } => CredentialKind::User,
            Presented::AppSecret {
                impersonate: Some(_),
                ..
            }
            | Presented::OrgToken {
                impersonate: Some(_),
                ..
            } => CredentialKind::Impersonating,
            Presented::AppSecret { .. } => CredentialKind::App,
            Presented::OrgToken { .. } => CredentialKind::Org,
            Presented::ServiceAccountToken { .. } => CredentialKind::ServiceAccount,
        }
    }

    /// Whom the credential acts for, for the request log.
    pub(crate) fn acting_for(&self) -> Option<String> {
        match self {
            Presented::UserToken { sub, .. } => Some(sub.clone()),
            Presented::AppSecret { impersonate, .. } => impersonate.clone(),
            Presented::OrgToken {
                org_id,
                impersonate,
                ..
            } => Some(impersonate.clone().unwrap_or_else(|| org_id.clone())),
            Presented::ServiceAccountToken {
                service_account_id, ..
            } => Some(service_account_id.clone()),
            Presented::Nothing | Presented::Unknown => None,
        }
    }
}

/// Recognizes the credential of a request.
pub(crate) fn recognize(state: &State, headers: &HeaderMap) -> Presented {
    if !headers.contains_key(header::AUTHORIZATION) {
        return Presented::Nothing;
    }
    let Some(bearer) = bearer(headers) else {
        return Presented::Unknown;
    };
    let impersonate = headers
        .get(IMPERSONATE)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|sub| !sub.is_empty())
        .map(str::to_owned);

    if let Some(app) = state.apps.iter().find(|app| app.client_secret == bearer) {
        return Presented::AppSecret {
            client_id: app.client_id.clone(),
            impersonate,
        };
    }
    let Some(token) = state.access_tokens.get(bearer) else {
        return Presented::Unknown;
    };
    let Some(grant) = state.grants.get(&token.grant) else {
        return Presented::Unknown;
    };
    let expired = state.clock.now() >= token.expires_at;
    match &grant.subject {
        Subject::User(sub) => Presented::UserToken {
            sub: sub.clone(),
            scope: grant.scope.clone(),
            scopes: grant.scopes.clone(),
            expired,
            impersonate,
        },
        Subject::Org(org_id) => Presented::OrgToken {
            org_id: org_id.clone(),
            scopes: grant.scopes.clone(),
            expired,
            impersonate,
        },
        Subject::ServiceAccount(service_account_id) => Presented::ServiceAccountToken {
            service_account_id: service_account_id.clone(),
            scopes: grant.scopes.clone(),
            expired,
        },
    }
}

/// The bearer of the `Authorization` header, if it has one.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()
        .and_then(|value| {
            let (scheme, rest) = value.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then_some(rest.trim())
        })
        .filter(|bearer| !bearer.is_empty())
}

/// The client id of the application whose credential a request presents: its client secret,
/// or a token the fake issued to it (expired or not; tokens belong to the application they
/// were granted to). `None` without a credential, or for one the fake does not know.
pub(crate) fn application(state: &State, headers: &HeaderMap) -> Option<String> {
    let bearer = bearer(headers)?;
    if let Some(app) = state.apps.iter().find(|app| app.client_secret == bearer) {
        return Some(app.client_id.clone());
    }
    let token = state.access_tokens.get(bearer)?;
    let grant = state.grants.get(&token.grant)?;
    Some(grant.client_id.clone())
}

/// The user a request acts for, and what it may do.
pub(crate) struct Acting {
    pub(crate) sub: String,
    pub(crate) scope: String,
    scopes: BTreeSet<String>,
}

impl Acting {
    /// `Ok` when the credential has `scope`, else the 403.
    pub(crate) fn needs(&self, scope: &str) -> Result<(), Rejection> {
        if self.scopes.contains(scope) {
            Ok(())
        } else {
            Err(reply::forbidden(format!(
                "the credential lacks the `{scope}` scope this endpoint needs"
            )))
        }
    }
}

const USER_ENDPOINT: &str = "this endpoint acts for one user: send a user's access token, or an organization token with Cronofy-Impersonate";

/// For user endpoints: a live user token, or an org token (or internal application secret)
/// impersonating a member.
pub(crate) fn user(state: &State, presented: &Presented) -> Result<Acting, Rejection> {
    match presented {
        Presented::ServiceAccountToken { .. } => Err(reply::unauthorized(format!(
            "{USER_ENDPOINT}; a service account's token was sent, which only authorizes users and lists resources"
        ))),
        Presented::UserToken { expired: true, .. } | Presented::OrgToken { expired: true, .. } => {
            Err(reply::unauthorized("the access token has expired"))
        }
        Presented::UserToken {
            impersonate: Some(_),
            ..
        } => Err(reply::unauthorized(
            "a user's token cannot impersonate: Cronofy-Impersonate goes with an organization token",
        )),
        Presented::UserToken {
            sub, scope, scopes, ..
        } => Ok(Acting {
            sub: sub.clone(),
            scope: scope.clone(),
            scopes: scopes.clone(),
        }),
        Presented::OrgToken {
            org_id,
            impersonate: Some(sub),
            ..
        } => member_of(state, org_id, sub),
        Presented::AppSecret {
            client_id,
            impersonate: Some(sub),
        } => match state
            .apps
            .iter()
            .find(|app| &app.client_id == client_id)
            .and_then(|app| app.internal_org.as_ref())
        {
            Some(org_id) => member_of(state, org_id, sub),
            None => Err(reply::unauthorized(
                "only an internal application may impersonate with its client secret",
            )),
        },
        Presented::OrgToken { .. } => Err(reply::unauthorized(
            "an organization token acts as a member only with Cronofy-Impersonate: {sub}",
        )),
        Presented::AppSecret { .. } => Err(reply::unauthorized(format!(
            "{USER_ENDPOINT}; the application's client secret was sent"
        ))),
        Presented::Nothing => Err(reply::unauthorized(format!(
            "{USER_ENDPOINT}; no credential was sent"
        ))),
        Presented::Unknown => Err(reply::unauthorized(format!(
            "{USER_ENDPOINT}; the credential sent is not known (made up, revoked or malformed)"
        ))),
    }
}

fn member_of(state: &State, org_id: &str, sub: &str) -> Result<Acting, Rejection> {
    let is_member = state
        .orgs
        .get(org_id)
        .is_some_and(|org| org.has_member(sub));
    if !is_member || !state.users.contains_key(sub) {
        return Err(reply::forbidden(
            "Cronofy-Impersonate names no member of this organization",
        ));
    }
    let scopes = scopes::all_user_scopes();
    Ok(Acting {
        sub: sub.to_owned(),
        scope: scopes.iter().cloned().collect::<Vec<_>>().join(" "),
        scopes,
    })
}

/// For app endpoints: the client secret, without impersonation. Returns the client id.
pub(crate) fn app(presented: &Presented) -> Result<String, Rejection> {
    match presented {
        Presented::AppSecret {
            client_id,
            impersonate: None,
        } => Ok(client_id.clone()),
        Presented::AppSecret { .. } => Err(reply::unauthorized(
            "this endpoint takes the application's client secret without Cronofy-Impersonate",
        )),
        _ => Err(reply::unauthorized(
            "this endpoint takes only the application's client secret (the API key) as bearer",
        )),
    }
}

/// For org endpoints: a live org token, without impersonation. Returns the organization's id.
pub(crate) fn org(presented: &Presented) -> Result<String, Rejection> {
    match presented {
        Presented::OrgToken { expired: true, .. } => {
            Err(reply::unauthorized("the access token has expired"))
        }
        Presented::OrgToken {
            org_id,
            scopes,
            impersonate: None,
            ..
        } => {
            if scopes.contains(scopes::ORGANIZATIONAL_UNIT_SCHEDULER) {
                Ok(org_id.clone())
            } else {
                Err(reply::forbidden(
                    "the credential lacks the `organizational_unit_scheduler` scope",
                ))
            }
        }
        Presented::OrgToken { .. } => Err(reply::unauthorized(
            "this endpoint acts for the organization itself: leave out Cronofy-Impersonate",
        )),
        _ => Err(reply::unauthorized(
            "this endpoint takes only an Organizational Unit's token (Organization Connect)",
        )),
    }
}

/// For endpoints Cronofy documents for both the application and a user (availability).
pub(crate) fn user_or_app(state: &State, presented: &Presented) -> Result<(), Rejection> {
    match presented {
        Presented::AppSecret {
            impersonate: None, ..
        } => app(presented).map(drop),
        _ => user(state, presented).map(drop),
    }
}

/// Who calls an endpoint taking an organization or a user (Scheduler requests).
pub(crate) enum OrgOrUser {
    /// The organization itself, by its id.
    Org(String),
    /// A user: their own token, or a member impersonated.
    User(Acting),
}

/// For endpoints Cronofy documents for an organization token or a user credential: an org
/// token without `Cronofy-Impersonate` is the organization, anything else must be a user.
pub(crate) fn org_or_user(state: &State, presented: &Presented) -> Result<OrgOrUser, Rejection> {
    match presented {
        Presented::OrgToken {
            impersonate: None, ..
        } => org(presented).map(OrgOrUser::Org),
        _ => user(state, presented).map(OrgOrUser::User),
    }
}

/// For Enterprise Connect endpoints: a live service account token with `scope`. Returns the
/// service account's id.
pub(crate) fn service_account(presented: &Presented, scope: &str) -> Result<String, Rejection> {
    match presented {
        Presented::ServiceAccountToken { expired: true, .. } => {
            Err(reply::unauthorized("the access token has expired"))
        }
        Presented::ServiceAccountToken {
            service_account_id,
            scopes,
            ..
        } => {
            if scopes.contains(scope) {
                Ok(service_account_id.clone())
            } else {
                Err(reply::forbidden(format!(
                    "the credential lacks the `{scope}` scope this endpoint needs"
                )))
            }
        }
        _ => Err(reply::unauthorized(
            "this endpoint takes only an Enterprise Connect service account's token",
        )),
    }
}
