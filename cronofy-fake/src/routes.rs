//! The fake's endpoints, each with the credential kind it takes: every endpoint of
//! `cronofy::endpoints()` (see `docs/ENDPOINTS.md`), the OAuth and client-credential calls,
//! and the pages `next_page` URLs point at.
//!
//! | method and path | credential |
//! | --- | --- |
//! | `GET /oauth/authorize` | none (the browser) |
//! | `POST /oauth/token`, `POST /oauth/token/revoke` | client credentials in the body |
//! | `POST /v1/application_calendars` | client credentials in the body |
//! | `GET /v1/account`, `GET /v1/userinfo`, `GET /v1/profiles` | user |
//! | `POST /v1/profiles/{profile_id}/revoke` | user |
//! | `GET /v1/calendars`, `POST /v1/calendars` | user |
//! | `GET /v1/events` (+ `/v1/events/pages/{id}`), `DELETE /v1/events` | user |
//! | `GET /v1/free_busy` (+ `/v1/free_busy/pages/{id}`) | user |
//! | `POST`, `DELETE /v1/calendars/{calendar_id}/events` | user |
//! | `POST /v1/calendars/{calendar_id}/events/{event_uid}/participation_status` | user |
//! | `POST`, `GET /v1/channels`, `DELETE /v1/channels/{channel_id}` | user |
//! | `POST /v1/batch` | user |
//! | `POST /v1/permissions`, `POST /v1/link_tokens`, `POST /v1/conferencing_service_authorizations` | user |
//! | `POST`, `GET /v1/availability_rules`, `GET`, `DELETE /v1/availability_rules/{id}` | user |
//! | `POST`, `GET` (+ `/v1/available_periods/pages/{id}`), `DELETE /v1/available_periods` | user |
//! | `POST /v1/availability`, `POST /v1/sequenced_availability` | app or user |
//! | `POST`, `GET /v1/real_time_scheduling` (`?token=`), `GET /v1/real_time_scheduling/{id}`, `POST .../{id}/disable` | app |
//! | `POST`, `GET /v1/smart_invites`, `POST /v1/element_tokens` | app |
//! | `GET /v1/organizational_unit_members`, `GET /v1/organizational_unit_resources` | org |
//! | `POST /v1/scheduler_requests` | org or user |
//! | `POST /v1/service_account_authorizations`, `GET /v1/resources` | service account |
//!
//! "user" is a user's access token, or an org token (or an internal application's secret)
//! with `Cronofy-Impersonate: {sub}` of a member. A service account's token is refused (401)
//! everywhere but on its two endpoints.

use std::sync::Arc;

use axum::Router;
use axum::routing::{delete, get, post};

use crate::state::Shared;
use crate::{
    app_endpoints, application_calendars, authorization, availability, availability_rules,
    available_periods, batch, calendars, channels, enterprise, events, identity, oauth, org, reply,
};

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/oauth/authorize", get(oauth::authorize))
        .route("/oauth/token", post(oauth::token))
        .route("/oauth/token/revoke", post(oauth::revoke))
        .route(
            "/v1/application_calendars",
            post(application_calendars::create),
        )
        .route("/v1/account", get(identity::account))
        .route("/v1/userinfo", get(identity::userinfo))
        .route("/v1/profiles", get(identity::profiles))
        .route(
            "/v1/profiles/{profile_id}/revoke",
            post(identity::revoke_profile),
        )
        .route(
            "/v1/calendars",
            get(calendars::list).post(calendars::create),
        )
        .route(
            "/v1/calendars/{calendar_id}/events",
            post(events::upsert).delete(events::delete),
        )
        .route(
            "/v1/calendars/{calendar_id}/events/{event_uid}/participation_status",
            post(events::participation_status),
        )
        .route("/v1/events", get(events::read).delete(events::bulk_delete))
        .route("/v1/events/pages/{page_id}", get(events::read_page))
        .route("/v1/free_busy", get(events::free_busy))
        .route("/v1/free_busy/pages/{page_id}", get(events::free_busy_page))
        .route("/v1/channels", get(channels::list).post(channels::create))
        .route("/v1/channels/{channel_id}", delete(channels::close))
        .route("/v1/batch", post(batch::batch))
        .route("/v1/permissions", post(authorization::request_permissions))
        .route("/v1/link_tokens", post(authorization::create_link_token))
        .route(
            "/v1/conferencing_service_authorizations",
            post(authorization::authorize_conferencing_service),
        )
        .route(
            "/v1/availability_rules",
            get(availability_rules::list).post(availability_rules::upsert),
        )
        .route(
            "/v1/availability_rules/{availability_rule_id}",
            get(availability_rules::read).delete(availability_rules::delete),
        )
        .route(
            "/v1/available_periods",
            get(available_periods::read)
                .post(available_periods::upsert)
                .delete(available_periods::delete),
        )
        .route(
            "/v1/available_periods/pages/{page_id}",
            get(available_periods::read_page),
        )
        .route("/v1/availability", post(availability::availability))
        .route(
            "/v1/sequenced_availability",
            post(availability::sequenced_availability),
        )
        .route(
            "/v1/real_time_scheduling",
            get(app_endpoints::scheduling_link_status_by_token)
                .post(app_endpoints::create_scheduling_link),
        )
        .route(
            "/v1/real_time_scheduling/{id}",
            get(app_endpoints::scheduling_link_status),
        )
        .route(
            "/v1/real_time_scheduling/{id}/disable",
            post(app_endpoints::disable_scheduling_link),
        )
        .route(
            "/v1/smart_invites",
            get(app_endpoints::smart_invite_status).post(app_endpoints::smart_invite),
        )
        .route("/v1/element_tokens", post(app_endpoints::element_token))
        .route("/v1/organizational_unit_members", get(org::members))
        .route("/v1/organizational_unit_resources", get(org::resources))
        .route(
            "/v1/scheduler_requests",
            post(org::create_scheduler_request),
        )
        .route(
            "/v1/service_account_authorizations",
            post(enterprise::authorize_user),
        )
        .route("/v1/resources", get(enterprise::resources))
        .fallback(reply::fallback)
        .with_state(shared)
}
