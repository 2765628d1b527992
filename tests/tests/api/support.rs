//! What the area modules share: distinct secrets, a client for a mockito server, the three
//! ways of calling a user endpoint, and mocks that check method, path, bearer, impersonation
//! and User-Agent.

// Each area uses a part of it.
#![allow(dead_code, unused_macros)]

use cronofy::{AppCredentials, Client};
use mockito::{Matcher, Mock, ServerGuard};

// Distinct secrets, so a request carrying the wrong one cannot match by accident.
pub const USER_TOKEN: &str = "user-token-aLUj9xZiXvKs2oAJkBCN3jMc";
pub const ORG_TOKEN: &str = "org-token-8dKd93kdLw0dkfj39dkDJ3kd";
pub const CLIENT_ID: &str = "cronofy-rs-tests-client";
pub const CLIENT_SECRET: &str = "client-secret-J2kdk39dD8slwPq0d9s8";
pub const MEMBER_SUB: &str = "acc_64b17d868090ea21640c914c";

pub const CALENDAR_ID: &str = "cal_n23kjnwrw2_jsdfjksn234";

pub fn client(server: &ServerGuard) -> Client {
    Client::builder().base_url(server.url()).build().unwrap()
}

/// The application's credentials, with [`CLIENT_ID`] and [`CLIENT_SECRET`].
pub fn app() -> AppCredentials {
    AppCredentials::new(CLIENT_ID, CLIENT_SECRET)
}

/// Who calls a user endpoint: the user themself, or an organization or internal application
/// acting as one of its members.
#[derive(Debug, Clone, Copy)]
pub enum Caller {
    User,
    OrgMember,
    AppMember,
}

impl Caller {
    pub const ALL: [Caller; 3] = [Caller::User, Caller::OrgMember, Caller::AppMember];

    /// The secret that must be sent as bearer.
    pub fn bearer(self) -> &'static str {
        match self {
            Caller::User => USER_TOKEN,
            Caller::OrgMember => ORG_TOKEN,
            Caller::AppMember => CLIENT_SECRET,
        }
    }

    /// The `Cronofy-Impersonate` value that must be sent, if any.
    pub fn impersonated(self) -> Option<&'static str> {
        match self {
            Caller::User => None,
            Caller::OrgMember | Caller::AppMember => Some(MEMBER_SUB),
        }
    }
}

/// Runs `$call` with `$credential` bound to the user credential of `$caller`. A macro, since
/// the three credentials have different types.
macro_rules! as_caller {
    ($caller:expr, |$credential:ident| $call:expr) => {
        match $caller {
            $crate::support::Caller::User => {
                let $credential = &cronofy::UserToken::new($crate::support::USER_TOKEN);
                $call
            }
            $crate::support::Caller::OrgMember => {
                let org = cronofy::OrgToken::new($crate::support::ORG_TOKEN);
                let $credential = &org.impersonate($crate::support::MEMBER_SUB);
                $call
            }
            $crate::support::Caller::AppMember => {
                let app = cronofy::AppCredentials::new(
                    $crate::support::CLIENT_ID,
                    $crate::support::CLIENT_SECRET,
                );
                let $credential = &app.impersonate($crate::support::MEMBER_SUB);
                $call
            }
        }
    };
}

/// A mock that matches only a request to `method path_and_query` carrying `bearer`, the
/// impersonated `sub` exactly when given, and our User-Agent, each header once. Expects one hit.
///
/// `path_and_query` is matched exactly against the raw request target, so a request with an
/// extra (or missing) query string does not match either.
pub fn expect_request(
    server: &mut ServerGuard,
    method: &str,
    path_and_query: &str,
    bearer: &str,
    impersonated: Option<&str>,
) -> Mock {
    server
        .mock(method, path_and_query)
        .match_header("authorization", Matcher::Exact(format!("Bearer {bearer}")))
        .match_header(
            "cronofy-impersonate",
            impersonated.map_or(Matcher::Missing, |sub| Matcher::Exact(sub.to_owned())),
        )
        .match_header(
            "user-agent",
            Matcher::Regex(r"^cronofy-rs/\d+\.\d+\.\d+".to_owned()),
        )
        // A second Authorization or User-Agent (e.g. a default one plus ours) is a bug too.
        .match_request(|request| {
            request.header("authorization").len() == 1 && request.header("user-agent").len() == 1
        })
        .expect(1)
}

/// [`expect_request`] for a request without a body: no `Content-Type` and nothing sent.
pub fn expect_bodyless(
    server: &mut ServerGuard,
    method: &str,
    path_and_query: &str,
    bearer: &str,
    impersonated: Option<&str>,
) -> Mock {
    expect_request(server, method, path_and_query, bearer, impersonated)
        .match_header("content-type", Matcher::Missing)
        .match_body(Matcher::Exact(String::new()))
}

/// [`expect_request`] for a request with exactly this JSON body.
pub fn expect_json(
    server: &mut ServerGuard,
    method: &str,
    path: &str,
    bearer: &str,
    impersonated: Option<&str>,
    body: serde_json::Value,
) -> Mock {
    expect_request(server, method, path, bearer, impersonated)
        .match_header("content-type", "application/json")
        .match_body(Matcher::Json(body))
}

/// Adds a `200 OK` JSON response to a mock and starts it.
pub async fn respond_json(mock: Mock, body: serde_json::Value) -> Mock {
    mock.with_status(200)
        .with_header("content-type", "application/json; charset=utf-8")
        .with_body(body.to_string())
        .create_async()
        .await
}

/// Adds Cronofy's usual empty `202 Accepted` to a mock and starts it.
pub async fn respond_accepted(mock: Mock) -> Mock {
    mock.with_status(202).create_async().await
}

/// A time written the way Cronofy writes it.
pub fn utc(text: &str) -> cronofy::time::UtcTime {
    text.parse().unwrap()
}

/// A mock that catches any `method` request to any path and expects none: for calls refused
/// before sending.
pub async fn expect_nothing_sent(server: &mut ServerGuard, method: &str) -> Mock {
    server
        .mock(method, Matcher::Any)
        .expect(0)
        .create_async()
        .await
}

/// The reason of a call refused before sending ([`cronofy::Error::InvalidRequest`]).
#[track_caller]
pub fn refusal<T: std::fmt::Debug>(result: Result<T, cronofy::Error>) -> String {
    match result {
        Err(cronofy::Error::InvalidRequest { reason }) => reason,
        other => panic!("expected the request to be refused before sending, got {other:?}"),
    }
}
