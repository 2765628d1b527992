//! The fake's endpoints, each with the credential kind it takes.
//!
//! | method and path | credential |
//! | --- | --- |
//! | `GET /oauth/authorize` | none (the browser) |
//! | `POST /oauth/token`, `POST /oauth/token/revoke` | client credentials in the body |
//! | `GET /v1/account`, `GET /v1/userinfo`, `GET /v1/profiles` | user |
//! | `GET /v1/calendars`, `POST /v1/calendars` | user |
//! | `GET /v1/events` (+ `/v1/events/pages/{id}`) | user |
//! | `GET /v1/free_busy` (+ `/v1/free_busy/pages/{id}`) | user |
//! | `POST`, `DELETE /v1/calendars/{calendar_id}/events` | user |
//! | `POST /v1/availability` | app or user |
//! | `POST /v1/real_time_scheduling`, `GET /v1/real_time_scheduling/{id}`, `POST .../{id}/disable` | app |
//! | `POST /v1/smart_invites`, `POST /v1/element_tokens` | app |
//! | `GET /v1/organizational_unit_members` | org |
//!
//! "user" is a user's access token, or an org token (or an internal application's secret)
//! with `Cronofy-Impersonate: {sub}` of a member.

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use crate::state::Shared;
use crate::{app_endpoints, availability, calendars, events, identity, oauth, org, reply};

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/oauth/authorize", get(oauth::authorize))
        .route("/oauth/token", post(oauth::token))
        .route("/oauth/token/revoke", post(oauth::revoke))
        .route("/v1/account", get(identity::account))
        .route("/v1/userinfo", get(identity::userinfo))
        .route("/v1/profiles", get(identity::profiles))
        .route(
            "/v1/calendars",
            get(calendars::list).post(calendars::create),
        )
        .route(
            "/v1/calendars/{calendar_id}/events",
            post(events::upsert).delete(events::delete),
        )
        .route("/v1/events", get(events::read))
        .route("/v1/events/pages/{page_id}", get(events::read_page))
        .route("/v1/free_busy", get(events::free_busy))
        .route("/v1/free_busy/pages/{page_id}", get(events::free_busy_page))
        .route("/v1/availability", post(availability::availability))
        .route(
            "/v1/real_time_scheduling",
            post(app_endpoints::create_scheduling_link),
        )
        .route(
            "/v1/real_time_scheduling/{id}",
            get(app_endpoints::scheduling_link_status),
        )
        .route(
            "/v1/real_time_scheduling/{id}/disable",
            post(app_endpoints::disable_scheduling_link),
        )
        .route("/v1/smart_invites", post(app_endpoints::smart_invite))
        .route("/v1/element_tokens", post(app_endpoints::element_token))
        .route("/v1/organizational_unit_members", get(org::members))
        .fallback(reply::fallback)
        .with_state(shared)
}
