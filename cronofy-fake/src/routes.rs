//! The fake's routes, driven by the client's own table of endpoints (`cronofy::endpoints()`:
//! method, path template, credential kinds): each declared endpoint is routed at its method and
//! path, behind a check of the credential kind it takes (401 for a missing or wrong kind,
//! before any handler runs), to the handler that imitates it. A declared endpoint without a
//! handler still answers (501, naming it), never 404/405, and the fake's tests fail on it.
//! Besides the table: the browser's authorization page, and the pages `next_page` URLs point
//! at.
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
//! | `POST /v1/real_time_sequencing`, `POST /v1/add_to_calendar` | app |
//! | `POST`, `GET /v1/smart_invites`, `POST /v1/element_tokens` | app |
//! | `POST`, `GET /v1/bookable_events`, `GET /v1/bookable_events/{id}` | app |
//! | `POST /v1/bookable_events/{id}/registrations`, `DELETE .../registrations/{registration_id}` | app |
//! | `GET /v1/organizational_unit_members`, `GET /v1/organizational_unit_resources` | org |
//! | `POST /v1/scheduler_requests`, `POST /v1/scheduling_requests` | org or user |
//! | `POST /v1/scheduling_requests/query` | org or app (an internal application) |
//! | `POST`, `GET /v1/scheduling_conversations` (`?token=`), `GET /v1/scheduling_conversations/{id}` | user |
//! | `POST /v1/service_account_authorizations`, `GET /v1/resources` | service account |
//! | `POST /v1/delegated_authorizations`, `GET /v1/accessible_calendars` | user |
//! | `POST /v1/attachments`, `POST /v1/application_verification` | app |
//!
//! "user" is a user's access token, or an org token (or an internal application's secret)
//! with `Cronofy-Impersonate: {sub}` of a member. A service account's token is refused (401)
//! everywhere but on its two endpoints.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, get, on};
use cronofy::Endpoint;
use cronofy::auth::AuthKind;
use serde_json::json;

use crate::auth::Presented;
use crate::state::Shared;
use crate::{
    app_endpoints, application_calendars, applications, attachments, authorization, availability,
    availability_rules, available_periods, batch, bookable_events, business_connect, calendars,
    channels, conversations, enterprise, events, identity, oauth, org, reply, scheduling_requests,
};

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    // One method router per path template; two endpoints on one method and path (the token
    // endpoint's two grants) are one route, whose handler tells them apart.
    let mut paths: BTreeMap<&'static str, MethodRouter<Arc<Shared>>> = BTreeMap::new();
    let mut routed: Vec<(cronofy::Method, &'static str)> = Vec::new();
    for endpoint in cronofy::endpoints() {
        if routed.contains(&(endpoint.method, endpoint.path)) {
            continue;
        }
        routed.push((endpoint.method, endpoint.path));
        let route = served(endpoint).route_layer(middleware::from_fn_with_state(
            endpoint,
            check_credential_kind,
        ));
        let merged = match paths.remove(endpoint.path) {
            Some(others) => others.merge(route),
            None => route,
        };
        paths.insert(endpoint.path, merged);
    }
    let mut router = Router::new()
        // The page a browser is sent to, not an API endpoint.
        .route("/oauth/authorize", get(oauth::authorize))
        // Where `next_page` links point: later pages of the paged reads.
        .route("/v1/events/pages/{page_id}", get(events::read_page))
        .route("/v1/free_busy/pages/{page_id}", get(events::free_busy_page))
        .route(
            "/v1/available_periods/pages/{page_id}",
            get(available_periods::read_page),
        );
    for (path, route) in paths {
        router = router.route(path, route);
    }
    router.fallback(reply::fallback).with_state(shared)
}

/// The handler imitating `endpoint`, at its method.
fn served(endpoint: &'static Endpoint) -> MethodRouter<Arc<Shared>> {
    let method = match endpoint.method {
        cronofy::Method::Get => MethodFilter::GET,
        cronofy::Method::Post => MethodFilter::POST,
        cronofy::Method::Put => MethodFilter::PUT,
        cronofy::Method::Patch => MethodFilter::PATCH,
        // `Method` is non-exhaustive; Cronofy's API uses these five.
        _ => MethodFilter::DELETE,
    };
    match endpoint.name {
        "exchange_code" | "refresh_access_token" => on(method, oauth::token),
        "revoke_authorization" => on(method, oauth::revoke),
        "create_link_token" => on(method, authorization::create_link_token),
        "request_permissions" => on(method, authorization::request_permissions),
        "authorize_conferencing_service" => {
            on(method, authorization::authorize_conferencing_service)
        }
        "read_account" => on(method, identity::account),
        "read_userinfo" => on(method, identity::userinfo),
        "list_profiles" => on(method, identity::profiles),
        "revoke_profile" => on(method, identity::revoke_profile),
        "list_calendars" => on(method, calendars::list),
        "create_calendar" => on(method, calendars::create),
        "create_application_calendar" => on(method, application_calendars::create),
        "read_events" => on(method, events::read),
        "read_free_busy" => on(method, events::free_busy),
        "execute_batch" => on(method, batch::batch),
        "upsert_event" => on(method, events::upsert),
        "delete_event" => on(method, events::delete),
        "bulk_delete_events" => on(method, events::bulk_delete),
        "change_participation_status" => on(method, events::participation_status),
        "query_availability" => on(method, availability::availability),
        "query_sequenced_availability" => on(method, availability::sequenced_availability),
        "upsert_availability_rule" => on(method, availability_rules::upsert),
        "list_availability_rules" => on(method, availability_rules::list),
        "read_availability_rule" => on(method, availability_rules::read),
        "delete_availability_rule" => on(method, availability_rules::delete),
        "upsert_available_period" => on(method, available_periods::upsert),
        "read_available_periods" => on(method, available_periods::read),
        "delete_available_period" => on(method, available_periods::delete),
        "create_real_time_scheduling" => on(method, app_endpoints::create_scheduling_link),
        "create_real_time_sequencing" => on(method, app_endpoints::create_sequencing_link),
        "create_add_to_calendar" => on(method, app_endpoints::add_to_calendar),
        "read_real_time_scheduling" => on(method, app_endpoints::scheduling_link_status),
        "read_real_time_scheduling_by_token" => {
            on(method, app_endpoints::scheduling_link_status_by_token)
        }
        "disable_real_time_scheduling" => on(method, app_endpoints::disable_scheduling_link),
        "upsert_smart_invite" => on(method, app_endpoints::smart_invite),
        "read_smart_invite" => on(method, app_endpoints::smart_invite_status),
        "create_element_token" => on(method, app_endpoints::element_token),
        "create_scheduler_request" => on(method, org::create_scheduler_request),
        "create_scheduling_request" => on(method, scheduling_requests::create),
        "query_scheduling_requests" => on(method, scheduling_requests::query),
        "create_scheduling_conversation" => on(method, conversations::create),
        "read_scheduling_conversation" => on(method, conversations::read),
        "read_scheduling_conversation_by_token" => on(method, conversations::read_by_token),
        "upsert_bookable_event" => on(method, bookable_events::upsert),
        "read_bookable_event" => on(method, bookable_events::read),
        "list_bookable_events" => on(method, bookable_events::list),
        "upsert_bookable_event_registration" => on(method, bookable_events::upsert_registration),
        "delete_bookable_event_registration" => on(method, bookable_events::delete_registration),
        "create_channel" => on(method, channels::create),
        "list_channels" => on(method, channels::list),
        "close_channel" => on(method, channels::close),
        "list_organizational_unit_members" => on(method, org::members),
        "list_organizational_unit_resources" => on(method, org::resources),
        "authorize_via_service_account" => on(method, enterprise::authorize_user),
        "list_resources" => on(method, enterprise::resources),
        "request_delegated_authorization" => on(method, business_connect::delegated_authorization),
        "list_accessible_calendars" => on(method, business_connect::accessible_calendars),
        "create_attachment" => on(method, attachments::create),
        "verify_application" => on(method, applications::verify),
        _ => on(method, move || async move { not_imitated(endpoint) }),
    }
}

/// A declared endpoint the fake has no handler for yet.
fn not_imitated(endpoint: &'static Endpoint) -> Response {
    reply::json(
        StatusCode::NOT_IMPLEMENTED,
        &json!({
            "error": "not_implemented",
            "error_description": format!("the fake Cronofy does not imitate {endpoint} yet"),
        }),
    )
}

/// The kinds a request's credential counts as: a member impersonated by an organization or an
/// internal application counts as a user.
fn kinds_of(presented: &Presented) -> &'static [AuthKind] {
    match presented {
        Presented::Nothing | Presented::Unknown => &[],
        Presented::UserToken { .. } => &[AuthKind::User],
        Presented::AppSecret {
            impersonate: None, ..
        } => &[AuthKind::App],
        Presented::OrgToken {
            impersonate: None, ..
        } => &[AuthKind::Org],
        Presented::AppSecret { .. } | Presented::OrgToken { .. } => &[AuthKind::User],
        Presented::ServiceAccountToken { .. } => &[AuthKind::ServiceAccount],
    }
}

/// Refuses a request whose credential is of a kind `endpoint` does not take, as Cronofy does:
/// 401, before the endpoint's own handler runs. The handler checks the rest (expiry, scopes,
/// membership). Endpoints taking client credentials read them from the body themselves.
async fn check_credential_kind(
    State(endpoint): State<&'static Endpoint>,
    request: Request,
    next: Next,
) -> Response {
    if endpoint.accepts(AuthKind::ClientCredentials) {
        return next.run(request).await;
    }
    let presented = request.extensions().get::<Presented>();
    let kinds = presented.map(kinds_of).unwrap_or_default();
    if kinds.iter().any(|kind| endpoint.accepts(*kind)) {
        return next.run(request).await;
    }
    let expected: Vec<&str> = endpoint.auth.iter().map(|kind| kind.as_str()).collect();
    let sent = match presented {
        None | Some(Presented::Nothing) => "no credential".to_owned(),
        Some(Presented::Unknown) => {
            "a credential the fake does not know (made up, revoked or malformed)".to_owned()
        }
        Some(_) => format!(
            "a {} credential",
            kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        ),
    };
    reply::unauthorized(format!(
        "{} takes a {} credential; {sent} was sent",
        endpoint.name,
        expected.join(" or ")
    ))
    .into_response()
}
