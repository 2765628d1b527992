//! Organizations: Organization Connect (members, resources), Enterprise Connect (service
//! accounts, one user or several at once) and Business Connect (delegated access).

use cronofy::oauth::Scope;
use cronofy::organizations::{
    AccessibleCalendarType, AuthorizeViaServiceAccount, ListAccessibleCalendars,
    RequestDelegatedAuthorization, ServiceAccountAuthorization,
};
use cronofy::{OrgToken, ServiceAccountToken};
use mockito::{Matcher, Server};
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn list_organizational_unit_members_sends_the_org_token_without_impersonating() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/organizational_unit_members",
        ORG_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "organizational_unit_members": [
                {
                    "sub": "acc_5ba21743f408617d1269ea1e",
                    "email": "jane@example.com",
                    "roles": ["admin", "scheduler"],
                    "scheduler": true,
                    "display_name": "Jane Doe"
                },
                {
                    "sub": MEMBER_SUB,
                    "roles": [],
                    "scheduler": null
                }
            ],
            "pages": {"current": 1, "total": 1}
        }),
    )
    .await;

    let result = cronofy::organizations::list_organizational_unit_members(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
    )
    .await;

    mock.assert_async().await;
    let members = result.unwrap();
    let list = &members.items;
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].sub, "acc_5ba21743f408617d1269ea1e");
    assert_eq!(list[0].email.as_deref(), Some("jane@example.com"));
    assert_eq!(list[0].roles, ["admin", "scheduler"]);
    assert_eq!(list[0].scheduler_enabled(), Some(true));
    assert_eq!(list[0].extra["display_name"], "Jane Doe");
    assert_eq!(
        list[0].roles[0],
        cronofy::organizations::MemberRole::Unknown("admin".to_owned())
    );
    assert_eq!(list[1].sub, MEMBER_SUB);
    assert_eq!(list[1].email, None);
    assert!(list[1].roles.is_empty());
    assert_eq!(list[1].scheduler_enabled(), None);
    let pages = members.pages.expect("the pages Cronofy sent");
    assert_eq!((pages.current, pages.total), (1, 1));
    assert_eq!(pages.next_page, None);
}

#[tokio::test]
async fn list_organizational_unit_members_without_pages_or_roles() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/organizational_unit_members",
        ORG_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "organizational_unit_members": [{"sub": MEMBER_SUB}, {"sub": "acc_2", "roles": null}],
            "pages": null
        }),
    )
    .await;

    let result = cronofy::organizations::list_organizational_unit_members(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
    )
    .await;

    mock.assert_async().await;
    let members = result.unwrap();
    assert_eq!(members.items[0].sub, MEMBER_SUB);
    assert!(members.items[0].roles.is_empty());
    assert!(members.items[1].roles.is_empty(), "null roles read as none");
    assert_eq!(members.pages, None);
    assert_eq!(members.next_page(), None);
}

// ---------------------------------------------------------------------------------------------
// Organizational units

#[tokio::test]
async fn list_organizational_unit_resources_sends_the_org_token_and_decodes_the_resources() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/organizational_unit_resources",
        ORG_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "organizational_unit_resources": [
                {
                    "sub": "res_64c2837ceefbfe29df0352e7",
                    "email": "c_34ht8736t@resource.calendar.google.com",
                    "name": "Meeting Room One",
                    "scheduler": {"enabled": true, "capacity": 8},
                    "building": "HQ"
                },
                {
                    "sub": "res_64c28060eefbfe29df0352c1",
                    "name": null,
                    "scheduler": null
                }
            ],
            "pages": {"current": 1, "total": 1}
        }),
    )
    .await;

    let result = cronofy::organizations::list_organizational_unit_resources(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
    )
    .await;

    mock.assert_async().await;
    let listed = result.unwrap();
    let resources = &listed.items;
    assert_eq!(resources.len(), 2);
    assert_eq!(resources[0].sub, "res_64c2837ceefbfe29df0352e7");
    assert_eq!(
        resources[0].email.as_deref(),
        Some("c_34ht8736t@resource.calendar.google.com")
    );
    assert_eq!(resources[0].name.as_deref(), Some("Meeting Room One"));
    assert_eq!(resources[0].scheduler_enabled(), Some(true));
    assert_eq!(resources[0].extra["building"], "HQ");
    assert_eq!(
        resources[0].scheduler.as_ref().unwrap().extra["capacity"],
        8
    );
    assert_eq!(resources[1].email, None);
    assert_eq!(resources[1].name, None);
    assert_eq!(resources[1].scheduler_enabled(), None);
    let pages = listed.pages.expect("the pages Cronofy sent");
    assert_eq!((pages.current, pages.total), (1, 1));
}

#[tokio::test]
async fn list_organizational_unit_resources_without_any() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/organizational_unit_resources",
        ORG_TOKEN,
        None,
    );
    let mock = respond_json(mock, json!({"organizational_unit_resources": null})).await;

    let result = cronofy::organizations::list_organizational_unit_resources(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
    )
    .await;

    mock.assert_async().await;
    let listed = result.unwrap();
    assert!(listed.items.is_empty());
    assert_eq!(listed.pages, None);
}

/// Cronofy's documented member shape has `scheduler` as an object; a bare boolean is read too
/// (`endpoints.rs` covers that one).
#[tokio::test]
async fn list_organizational_unit_members_reads_the_documented_scheduler_object() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/organizational_unit_members",
        ORG_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "organizational_unit_members": [
                {
                    "sub": "acc_61815034636bd5c5ce4edd0d",
                    "email": "marty@evenitron.com",
                    "roles": ["owner"],
                    "scheduler": {"enabled": true, "public_url": null}
                },
                {
                    "sub": "acc_61815038636bd5c5ce4edd14",
                    "email": "doc@evenitron.com",
                    "roles": ["member"],
                    "scheduler": {"enabled": false, "public_url": "https://app.cronofy.com/pls/Eetyjuy0"}
                }
            ],
            "pages": {"current": 1, "total": 1}
        }),
    )
    .await;

    let result = cronofy::organizations::list_organizational_unit_members(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
    )
    .await;

    mock.assert_async().await;
    let members = result.unwrap().items;
    assert_eq!(
        members[0].roles,
        [cronofy::organizations::MemberRole::Owner]
    );
    assert!(members[0].extra.is_empty());
    assert_eq!(members[0].scheduler_enabled(), Some(true));
    assert_eq!(members[0].scheduler_public_url(), None);
    assert_eq!(members[1].scheduler_enabled(), Some(false));
    assert_eq!(
        members[1].scheduler_public_url(),
        Some("https://app.cronofy.com/pls/Eetyjuy0")
    );
}

const SERVICE_TOKEN: &str = "service-account-token-Q2w3E4r5T6y7";

#[tokio::test]
async fn authorizing_a_user_through_the_service_account_posts_the_request() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/service_account_authorizations")
        .match_header("authorization", format!("Bearer {SERVICE_TOKEN}").as_str())
        .match_header("content-type", "application/json")
        .match_header("cronofy-impersonate", Matcher::Missing)
        .match_body(Matcher::Json(json!({
            "email": "grace@example.com",
            "callback_url": "https://example.com/cb",
            "scope": "read_write create_calendar",
            "state": "user-42"
        })))
        .with_status(202)
        .expect(1)
        .create_async()
        .await;
    let request = AuthorizeViaServiceAccount::new(
        "grace@example.com",
        "https://example.com/cb",
        [Scope::ReadWrite, Scope::CreateCalendar],
    )
    .state("user-42");
    cronofy::organizations::authorize_via_service_account(
        &client(&server),
        &ServiceAccountToken::new(SERVICE_TOKEN),
        &request,
    )
    .await
    .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn listing_resources_decodes_rooms_tolerating_nulls_and_new_fields() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("GET", "/v1/resources")
        .match_header("authorization", format!("Bearer {SERVICE_TOKEN}").as_str())
        .with_body(
            json!({"resources": [
                {"email": "board-room@example.com", "name": "Board room", "capacity": 12},
                {"email": "projector@example.com", "name": null}
            ], "pages": {"current": 1}})
            .to_string(),
        )
        .expect(1)
        .create_async()
        .await;
    let resources = cronofy::organizations::list_resources(
        &client(&server),
        &ServiceAccountToken::new(SERVICE_TOKEN),
    )
    .await
    .unwrap()
    .resources;
    assert_eq!(resources.len(), 2);
    assert_eq!(resources[0].email, "board-room@example.com");
    assert_eq!(resources[0].name.as_deref(), Some("Board room"));
    assert_eq!(resources[1].name, None);
    mock.assert_async().await;

    server
        .mock("GET", "/v1/resources")
        .with_body(r#"{"resources": null}"#)
        .create_async()
        .await;
    let none = cronofy::organizations::list_resources(
        &client(&server),
        &ServiceAccountToken::new(SERVICE_TOKEN),
    )
    .await
    .unwrap();
    assert!(none.resources.is_empty());
}

#[tokio::test]
async fn authorizing_several_users_at_once_posts_the_bulk_form() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/service_account_authorizations")
        .match_header("authorization", format!("Bearer {SERVICE_TOKEN}").as_str())
        .match_header("content-type", "application/json")
        .match_body(Matcher::Json(json!({
            "service_account_authorizations": [
                {
                    "email": "grace@example.com",
                    "callback_url": "https://example.com/cb",
                    "scope": "read_write",
                    "state": "user-42"
                },
                {
                    "email": "karl@example.com",
                    "callback_url": "https://example.com/cb",
                    "scope": "read_only free_busy"
                }
            ],
            "priority": "high"
        })))
        .with_status(202)
        .expect(1)
        .create_async()
        .await;
    let request = AuthorizeViaServiceAccount::many([
        ServiceAccountAuthorization::new(
            "grace@example.com",
            "https://example.com/cb",
            [Scope::ReadWrite],
        )
        .state("user-42"),
        ServiceAccountAuthorization::new(
            "karl@example.com",
            "https://example.com/cb",
            [Scope::ReadOnly, Scope::FreeBusy],
        ),
    ])
    .field("priority", "high");
    assert_eq!(request.authorizations().len(), 2);

    cronofy::organizations::authorize_via_service_account(
        &client(&server),
        &ServiceAccountToken::new(SERVICE_TOKEN),
        &request,
    )
    .await
    .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn service_account_authorizations_are_refused_before_sending_when_incomplete() {
    let mut server = Server::new_async().await;
    let nothing = expect_nothing_sent(&mut server, "POST").await;
    let client = client(&server);
    let token = ServiceAccountToken::new(SERVICE_TOKEN);
    let one = |email: &str| {
        ServiceAccountAuthorization::new(email, "https://example.com/cb", [Scope::ReadWrite])
    };
    for (request, expected) in [
        (
            AuthorizeViaServiceAccount::many([]),
            "`service_account_authorizations` needs at least one authorization".to_owned(),
        ),
        (
            AuthorizeViaServiceAccount::many([one("a@example.com"), one("A@example.com")]),
            "`service_account_authorizations` has a@example.com twice: each must be for another email".to_owned(),
        ),
        (
            AuthorizeViaServiceAccount::single(one("")),
            "`email` must not be empty".to_owned(),
        ),
        (
            AuthorizeViaServiceAccount::new("a@example.com", " ", [Scope::ReadWrite]),
            "`callback_url` must not be empty".to_owned(),
        ),
        (
            AuthorizeViaServiceAccount::new("a@example.com", "https://example.com/cb", []),
            "`scope` needs at least one scope".to_owned(),
        ),
        (
            AuthorizeViaServiceAccount::single(one("a@example.com"))
                .field("service_account_authorizations", json!([])),
            "`service_account_authorizations` is a field AuthorizeViaServiceAccount models: set it with AuthorizeViaServiceAccount's own method, not `.field()`".to_owned(),
        ),
    ] {
        let reason = refusal(
            cronofy::organizations::authorize_via_service_account(&client, &token, &request).await,
        );
        assert_eq!(reason, expected);
    }
    nothing.assert_async().await;
}

// ---------------------------------------------------------------------------------------------
// Business Connect

#[tokio::test]
async fn request_delegated_authorization_posts_the_request_as_the_user() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/delegated_authorizations",
            caller.bearer(),
            caller.impersonated(),
            json!({
                "profile_id": "pro_n23kjnwrw2",
                "email": "board-room@example.com",
                "callback_url": "https://example.com/cronofy/delegated",
                "scope": "read_only",
                "state": "room-7",
                "note": "sent through field"
            }),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);
        let request = RequestDelegatedAuthorization::new(
            "pro_n23kjnwrw2",
            "board-room@example.com",
            "https://example.com/cronofy/delegated",
            [Scope::ReadOnly],
        )
        .state("room-7")
        .field("note", "sent through field");

        let result = as_caller!(caller, |credential| {
            cronofy::organizations::request_delegated_authorization(&client, credential, &request)
                .await
        });

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

#[tokio::test]
async fn request_delegated_authorization_without_state_and_refusals() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/delegated_authorizations",
        USER_TOKEN,
        None,
        json!({
            "profile_id": "pro_1",
            "email": "room@example.com",
            "callback_url": "https://example.com/cb",
            "scope": "read_free_busy"
        }),
    );
    let mock = respond_accepted(mock).await;
    let user = cronofy::UserToken::new(USER_TOKEN);
    let request = RequestDelegatedAuthorization::new(
        "pro_1",
        "room@example.com",
        "https://example.com/cb",
        [Scope::ReadFreeBusy],
    );
    cronofy::organizations::request_delegated_authorization(&client(&server), &user, &request)
        .await
        .unwrap();
    mock.assert_async().await;

    let mut server = Server::new_async().await;
    let nothing = expect_nothing_sent(&mut server, "POST").await;
    let client = client(&server);
    for (request, expected) in [
        (
            RequestDelegatedAuthorization::new(
                "",
                "room@example.com",
                "https://e.com",
                [Scope::ReadOnly],
            ),
            "`profile_id` must not be empty",
        ),
        (
            RequestDelegatedAuthorization::new("pro_1", "room", "https://e.com", [Scope::ReadOnly]),
            "`email` must be an email address, not \"room\"",
        ),
        (
            request.clone().field("scope", "read_only"),
            "`scope` is a field RequestDelegatedAuthorization models: set it with RequestDelegatedAuthorization's own method, not `.field()`",
        ),
    ] {
        let reason = refusal(
            cronofy::organizations::request_delegated_authorization(&client, &user, &request).await,
        );
        assert_eq!(reason, expected);
    }
    nothing.assert_async().await;
}

#[tokio::test]
async fn list_accessible_calendars_sends_the_profile_and_type_and_decodes_them() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/accessible_calendars?profile_id=pro_n23kjnwrw2&calendar_type=resource",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "accessible_calendars": [
                    {
                        "calendar_type": "resource",
                        "email": "board-room@example.com",
                        "name": "Board Room",
                        "capacity": 12
                    },
                    {"calendar_type": "shared_mailbox", "email": "team@example.com"}
                ],
                "profile_id": "pro_n23kjnwrw2"
            }),
        )
        .await;
        let client = client(&server);
        let query = ListAccessibleCalendars::new("pro_n23kjnwrw2")
            .calendar_type(AccessibleCalendarType::Resource);

        let result = as_caller!(caller, |credential| {
            cronofy::organizations::list_accessible_calendars(&client, credential, &query).await
        });

        mock.assert_async().await;
        let list = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        let calendars = &list.accessible_calendars;
        assert_eq!(calendars[0].email, "board-room@example.com");
        assert_eq!(
            calendars[0].calendar_type,
            Some(AccessibleCalendarType::Resource)
        );
        assert_eq!(calendars[0].name.as_deref(), Some("Board Room"));
        assert_eq!(calendars[0].extra["capacity"], 12);
        assert_eq!(
            calendars[1].calendar_type,
            Some(AccessibleCalendarType::Unknown("shared_mailbox".to_owned()))
        );
        assert_eq!(calendars[1].name, None);
        assert_eq!(list.extra["profile_id"], "pro_n23kjnwrw2");
    }
}

#[tokio::test]
async fn list_accessible_calendars_of_a_profile_with_none() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/accessible_calendars?profile_id=pro_1",
        USER_TOKEN,
        None,
    );
    let mock = respond_json(mock, json!({"accessible_calendars": null})).await;

    let result = cronofy::organizations::list_accessible_calendars(
        &client(&server),
        &cronofy::UserToken::new(USER_TOKEN),
        &ListAccessibleCalendars::new("pro_1"),
    )
    .await;

    mock.assert_async().await;
    let list = result.unwrap();
    assert!(list.accessible_calendars.is_empty());
    assert!(list.extra.is_empty());
    assert_eq!(
        AccessibleCalendarType::from_name("unknown"),
        AccessibleCalendarType::Undetermined
    );
}
