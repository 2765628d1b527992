//! Every endpoint of the `cronofy` crate, by Cronofy's API areas (one module each), called
//! through its generated function against a real HTTP server (mockito on loopback).
//!
//! For each endpoint a mock answers only when the request is exactly right: method, path and
//! query string, `Authorization: Bearer` with the secret of the credential passed (or, for
//! client credentials, no header and the id and secret in the body), `Cronofy-Impersonate`
//! exactly when impersonating, a `User-Agent` of `cronofy-rs/<version>`, and for body
//! endpoints `Content-Type: application/json` with the exact JSON body. Each mock expects one
//! hit, and the decoded result is checked against a realistic body from Cronofy's
//! documentation, which also carries fields the models do not know, leaves optional fields
//! out, and sends `null` where Cronofy may. User endpoints are called three ways: with a plain
//! `UserToken`, and as a member through `OrgToken::impersonate` and
//! `AppCredentials::impersonate`.

#[macro_use]
mod support;

mod applications;
mod attachments;
mod availability;
mod bodies;
mod bookable_events;
mod calendars;
mod conversations;
mod events;
mod identity;
mod notifications;
mod oauth;
mod organizations;
mod scheduling;
mod scheduling_requests;
mod ui_elements;
mod webhooks;

use cronofy::Method;
use cronofy::auth::AuthKind;

/// The test modules, whose calls the coverage check reads.
const AREA_SOURCES: [(&str, &str); 15] = [
    ("applications", include_str!("applications.rs")),
    ("attachments", include_str!("attachments.rs")),
    ("availability", include_str!("availability.rs")),
    ("bookable_events", include_str!("bookable_events.rs")),
    ("calendars", include_str!("calendars.rs")),
    ("conversations", include_str!("conversations.rs")),
    ("events", include_str!("events.rs")),
    ("identity", include_str!("identity.rs")),
    ("notifications", include_str!("notifications.rs")),
    ("oauth", include_str!("oauth.rs")),
    ("organizations", include_str!("organizations.rs")),
    ("scheduling", include_str!("scheduling.rs")),
    (
        "scheduling_requests",
        include_str!("scheduling_requests.rs"),
    ),
    ("ui_elements", include_str!("ui_elements.rs")),
    ("webhooks", include_str!("webhooks.rs")),
];

/// Every endpoint as Cronofy documents it: name, method, path and credential kinds.
const DOCUMENTED: &[(&str, Method, &str, &[AuthKind])] = {
    use AuthKind::{App, ClientCredentials as Body, Org, ServiceAccount, User};
    use Method::{Delete, Get, Post};
    &[
        ("exchange_code", Post, "/oauth/token", &[Body]),
        ("refresh_access_token", Post, "/oauth/token", &[Body]),
        ("revoke_authorization", Post, "/oauth/token/revoke", &[Body]),
        ("create_link_token", Post, "/v1/link_tokens", &[User]),
        ("request_permissions", Post, "/v1/permissions", &[User]),
        (
            "authorize_conferencing_service",
            Post,
            "/v1/conferencing_service_authorizations",
            &[User],
        ),
        ("read_account", Get, "/v1/account", &[User]),
        ("read_userinfo", Get, "/v1/userinfo", &[User]),
        ("list_profiles", Get, "/v1/profiles", &[User]),
        (
            "revoke_profile",
            Post,
            "/v1/profiles/{profile_id}/revoke",
            &[User],
        ),
        ("list_calendars", Get, "/v1/calendars", &[User]),
        ("create_calendar", Post, "/v1/calendars", &[User]),
        (
            "create_application_calendar",
            Post,
            "/v1/application_calendars",
            &[Body],
        ),
        ("read_events", Get, "/v1/events", &[User]),
        ("read_free_busy", Get, "/v1/free_busy", &[User]),
        ("execute_batch", Post, "/v1/batch", &[User]),
        (
            "upsert_event",
            Post,
            "/v1/calendars/{calendar_id}/events",
            &[User],
        ),
        (
            "delete_event",
            Delete,
            "/v1/calendars/{calendar_id}/events",
            &[User],
        ),
        ("bulk_delete_events", Delete, "/v1/events", &[User]),
        (
            "change_participation_status",
            Post,
            "/v1/calendars/{calendar_id}/events/{event_uid}/participation_status",
            &[User],
        ),
        ("query_availability", Post, "/v1/availability", &[User, App]),
        (
            "query_sequenced_availability",
            Post,
            "/v1/sequenced_availability",
            &[User, App],
        ),
        (
            "upsert_availability_rule",
            Post,
            "/v1/availability_rules",
            &[User],
        ),
        (
            "list_availability_rules",
            Get,
            "/v1/availability_rules",
            &[User],
        ),
        (
            "read_availability_rule",
            Get,
            "/v1/availability_rules/{availability_rule_id}",
            &[User],
        ),
        (
            "delete_availability_rule",
            Delete,
            "/v1/availability_rules/{availability_rule_id}",
            &[User],
        ),
        (
            "upsert_available_period",
            Post,
            "/v1/available_periods",
            &[User],
        ),
        (
            "read_available_periods",
            Get,
            "/v1/available_periods",
            &[User],
        ),
        (
            "delete_available_period",
            Delete,
            "/v1/available_periods",
            &[User],
        ),
        (
            "create_real_time_scheduling",
            Post,
            "/v1/real_time_scheduling",
            &[App],
        ),
        (
            "read_real_time_scheduling",
            Get,
            "/v1/real_time_scheduling/{id}",
            &[App],
        ),
        (
            "read_real_time_scheduling_by_token",
            Get,
            "/v1/real_time_scheduling",
            &[App],
        ),
        (
            "disable_real_time_scheduling",
            Post,
            "/v1/real_time_scheduling/{id}/disable",
            &[App],
        ),
        (
            "create_real_time_sequencing",
            Post,
            "/v1/real_time_sequencing",
            &[App],
        ),
        (
            "create_add_to_calendar",
            Post,
            "/v1/add_to_calendar",
            &[App],
        ),
        ("upsert_smart_invite", Post, "/v1/smart_invites", &[App]),
        ("read_smart_invite", Get, "/v1/smart_invites", &[App]),
        (
            "create_scheduler_request",
            Post,
            "/v1/scheduler_requests",
            &[Org, User],
        ),
        ("create_channel", Post, "/v1/channels", &[User]),
        ("list_channels", Get, "/v1/channels", &[User]),
        (
            "close_channel",
            Delete,
            "/v1/channels/{channel_id}",
            &[User],
        ),
        (
            "list_organizational_unit_members",
            Get,
            "/v1/organizational_unit_members",
            &[Org],
        ),
        (
            "list_organizational_unit_resources",
            Get,
            "/v1/organizational_unit_resources",
            &[Org],
        ),
        (
            "authorize_via_service_account",
            Post,
            "/v1/service_account_authorizations",
            &[ServiceAccount],
        ),
        ("list_resources", Get, "/v1/resources", &[ServiceAccount]),
        ("create_element_token", Post, "/v1/element_tokens", &[App]),
        ("upsert_bookable_event", Post, "/v1/bookable_events", &[App]),
        (
            "read_bookable_event",
            Get,
            "/v1/bookable_events/{bookable_event_id}",
            &[App],
        ),
        ("list_bookable_events", Get, "/v1/bookable_events", &[App]),
        (
            "upsert_bookable_event_registration",
            Post,
            "/v1/bookable_events/{bookable_event_id}/registrations",
            &[App],
        ),
        (
            "delete_bookable_event_registration",
            Delete,
            "/v1/bookable_events/{bookable_event_id}/registrations/{registration_id}",
            &[App],
        ),
        ("create_attachment", Post, "/v1/attachments", &[App]),
        (
            "request_delegated_authorization",
            Post,
            "/v1/delegated_authorizations",
            &[User],
        ),
        (
            "list_accessible_calendars",
            Get,
            "/v1/accessible_calendars",
            &[User],
        ),
        (
            "create_scheduling_request",
            Post,
            "/v1/scheduling_requests",
            &[Org, User],
        ),
        (
            "query_scheduling_requests",
            Post,
            "/v1/scheduling_requests/query",
            &[Org, App],
        ),
        (
            "create_scheduling_conversation",
            Post,
            "/v1/scheduling_conversations",
            &[User],
        ),
        (
            "read_scheduling_conversation",
            Get,
            "/v1/scheduling_conversations/{scheduling_conversation_id}",
            &[User],
        ),
        (
            "read_scheduling_conversation_by_token",
            Get,
            "/v1/scheduling_conversations",
            &[User],
        ),
        (
            "verify_application",
            Post,
            "/v1/application_verification",
            &[App],
        ),
    ]
};

#[test]
fn every_endpoint_is_declared_with_its_documented_method_path_and_kinds() {
    let declared = cronofy::endpoints();
    for (name, method, path, kinds) in DOCUMENTED {
        let endpoint = declared
            .iter()
            .find(|e| e.name == *name)
            .unwrap_or_else(|| panic!("`{name}` is not in cronofy::endpoints()"));
        assert_eq!(endpoint.method, *method, "{name}");
        assert_eq!(endpoint.path, *path, "{name}");
        assert_eq!(endpoint.auth, *kinds, "{name}");
    }
    let mut names: Vec<&str> = declared.iter().map(|e| e.name).collect();
    names.sort_unstable();
    let mut documented: Vec<&str> = DOCUMENTED.iter().map(|(name, ..)| *name).collect();
    documented.sort_unstable();
    assert_eq!(
        names, documented,
        "an endpoint is declared but not documented here"
    );
}

#[test]
fn every_endpoint_is_called_by_the_tests_of_one_area() {
    for endpoint in cronofy::endpoints() {
        let call = format!("::{}(", endpoint.name);
        let callers: Vec<&str> = AREA_SOURCES
            .iter()
            .filter(|(_, source)| source.contains(&call))
            .map(|(area, _)| *area)
            .collect();
        assert_eq!(
            callers.len(),
            1,
            "`{}` must be tested in exactly one area module, found in {callers:?}",
            endpoint.name
        );
    }
}
