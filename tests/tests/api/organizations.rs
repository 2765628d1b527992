//! Organizations: Organization Connect (members, resources) and Enterprise Connect (service accounts).

use cronofy::oauth::Scope;
use cronofy::organizations::AuthorizeViaServiceAccount;
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
    assert_eq!(list[0].scheduler, Some(true));
    assert_eq!(list[1].sub, MEMBER_SUB);
    assert_eq!(list[1].email, None);
    assert!(list[1].roles.is_empty());
    assert_eq!(list[1].scheduler, None);
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
    assert_eq!(resources[0].scheduler, Some(true));
    assert_eq!(resources[1].email, None);
    assert_eq!(resources[1].name, None);
    assert_eq!(resources[1].scheduler, None);
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
    assert_eq!(members[0].roles, ["owner"]);
    assert_eq!(members[0].scheduler, Some(true));
    assert_eq!(members[0].scheduler_public_url, None);
    assert_eq!(members[1].scheduler, Some(false));
    assert_eq!(
        members[1].scheduler_public_url.as_deref(),
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
