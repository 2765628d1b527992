//! OAuth and authorization helpers: link tokens, extended permissions, conferencing service authorization.

use cronofy::UserToken;
use cronofy::oauth::{
    AuthorizationCode, AuthorizeConferencingService, CalendarPermission, ConferencingProvider,
    ExchangeCode, PermissionLevel, RefreshAccessToken, RequestPermissions, RevokeAuthorization,
};
use mockito::{Matcher, Mock, Server, ServerGuard};
use serde_json::json;

use crate::support::*;

// ---------------------------------------------------------------------------------------------
// permissions, link tokens, conferencing

#[tokio::test]
async fn request_permissions_posts_the_calendars_and_decodes_the_url() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/permissions",
            caller.bearer(),
            caller.impersonated(),
            json!({
                "permissions": [
                    {"calendar_id": CALENDAR_ID, "permission_level": "unrestricted"},
                    {"calendar_id": "cal_n23kjnwrw2_sakdnawerd3", "permission_level": "sandbox"}
                ],
                "redirect_uri": "https://example.com/permissions"
            }),
        );
        let mock = respond_json(
            mock,
            json!({"permissions_request": {
                "url": "https://app.cronofy.com/permissions/8dk39dk",
                "expires_at": "2026-11-23T10:00:00Z"
            }}),
        )
        .await;
        let client = client(&server);
        let request = RequestPermissions::new(
            [
                CalendarPermission::new(CALENDAR_ID, PermissionLevel::Unrestricted),
                CalendarPermission::new(
                    "cal_n23kjnwrw2_sakdnawerd3",
                    PermissionLevel::Unknown("sandbox".to_owned()),
                ),
            ],
            "https://example.com/permissions",
        );

        let result = as_caller!(caller, |credential| cronofy::oauth::request_permissions(
            &client, credential, &request
        )
        .await);

        mock.assert_async().await;
        let answer = result
            .unwrap_or_else(|e| panic!("{caller:?}: {e}"))
            .permissions_request
            .expect("permissions_request");
        assert_eq!(
            answer.url.as_deref(),
            Some("https://app.cronofy.com/permissions/8dk39dk")
        );
        assert_eq!(answer.accepted, None);
    }
}

#[tokio::test]
async fn request_permissions_of_an_enterprise_connect_account_is_accepted_without_url() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/permissions",
        USER_TOKEN,
        None,
        json!({
            "permissions": [{"calendar_id": CALENDAR_ID, "permission_level": "unrestricted"}],
            "redirect_uri": "https://example.com/permissions"
        }),
    );
    let mock = respond_json(
        mock,
        json!({"permissions_request": {"accepted": true, "url": null}}),
    )
    .await;
    let request = RequestPermissions::new(
        [CalendarPermission::new(
            CALENDAR_ID,
            PermissionLevel::Unrestricted,
        )],
        "https://example.com/permissions",
    );

    let result = cronofy::oauth::request_permissions(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &request,
    )
    .await;

    mock.assert_async().await;
    let answer = result
        .unwrap()
        .permissions_request
        .expect("permissions_request");
    assert_eq!(answer.accepted, Some(true));
    assert_eq!(answer.url, None);
}

#[tokio::test]
async fn create_link_token_posts_nothing_and_keeps_the_token_out_of_debug() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "POST",
            "/v1/link_tokens",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({"link_token": "lnk-4Kd9dk3LdQ0", "expires_in": 600}),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::oauth::create_link_token(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let token = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        assert_eq!(token.link_token, "lnk-4Kd9dk3LdQ0");
        assert!(!format!("{token:?}").contains("lnk-4Kd9dk3LdQ0"));
    }
}

#[tokio::test]
async fn authorize_conferencing_service_posts_the_redirect_and_provider_and_decodes_the_url() {
    let cases = [
        (
            AuthorizeConferencingService::new("https://example.com/conferencing")
                .provider_name(ConferencingProvider::MsTeams),
            json!({"redirect_uri": "https://example.com/conferencing", "provider_name": "ms_teams"}),
        ),
        (
            AuthorizeConferencingService::new("https://example.com/conferencing")
                .provider_name(ConferencingProvider::Unknown("webex".to_owned())),
            json!({"redirect_uri": "https://example.com/conferencing", "provider_name": "webex"}),
        ),
        (
            AuthorizeConferencingService::new("https://example.com/conferencing"),
            json!({"redirect_uri": "https://example.com/conferencing"}),
        ),
    ];
    for (request, body) in cases {
        for caller in Caller::ALL {
            let mut server = Server::new_async().await;
            let mock = expect_json(
                &mut server,
                "POST",
                "/v1/conferencing_service_authorizations",
                caller.bearer(),
                caller.impersonated(),
                body.clone(),
            );
            let mock = respond_json(
                mock,
                json!({"authorization_request": {
                    "url": "https://app.cronofy.com/conferencing_services/xxxxx",
                    "state": null
                }}),
            )
            .await;
            let client = client(&server);

            let result = as_caller!(caller, |credential| {
                cronofy::oauth::authorize_conferencing_service(&client, credential, &request).await
            });

            mock.assert_async().await;
            let answer = result.unwrap_or_else(|e| panic!("{caller:?} {body}: {e}"));
            assert_eq!(
                answer.authorization_request.url,
                "https://app.cronofy.com/conferencing_services/xxxxx"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The OAuth endpoints: client credentials in the JSON body, no `Authorization` header.

/// A mock of `POST path` that matches only a JSON body equal to `body` and no bearer.
fn client_credentials_mock(server: &mut ServerGuard, path: &str, body: serde_json::Value) -> Mock {
    server
        .mock("POST", path)
        .match_header("authorization", Matcher::Missing)
        .match_header("content-type", "application/json")
        .match_header(
            "user-agent",
            Matcher::Regex(r"^cronofy-rs/\d+\.\d+\.\d+".to_owned()),
        )
        .match_body(Matcher::Json(body))
        .expect(1)
}

#[tokio::test]
async fn exchange_code_posts_the_grant_with_client_credentials_and_decodes_the_token_set() {
    let mut server = Server::new_async().await;
    let body = json!({
        "grant_type": "authorization_code",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "code": "c0de-4f2a",
        "redirect_uri": "https://example.com/callback",
    });
    let mock = client_credentials_mock(&mut server, "/oauth/token", body)
        .with_header("content-type", "application/json")
        .with_body(
            json!({
                "token_type": "bearer",
                "access_token": "access-9d8c",
                "expires_in": 3600,
                "refresh_token": "refresh-7b6a",
                "scope": "read_events create_event some_future_scope",
                "account_id": "acc_5700a00eb0ccd07000000000",
                "sub": "acc_5700a00eb0ccd07000000000",
                "linking_profile": {
                    "provider_name": "google",
                    "provider_service": "gsuite",
                    "profile_id": "pro_n23kjnwrw2",
                    "profile_name": "example@cronofy.com"
                },
                "an_unknown_field": {"is": "ignored"}
            })
            .to_string(),
        )
        .create_async()
        .await;
    let grant = ExchangeCode::new(
        AuthorizationCode::new("c0de-4f2a"),
        "https://example.com/callback",
    );
    let tokens = cronofy::oauth::exchange_code(&client(&server), &app(), &grant)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(tokens.access_token(), "access-9d8c");
    assert_eq!(tokens.refresh_token(), Some("refresh-7b6a"));
    assert_eq!(tokens.sub(), Some("acc_5700a00eb0ccd07000000000"));
    assert_eq!(tokens.account_id(), Some("acc_5700a00eb0ccd07000000000"));
    assert_eq!(tokens.scope().len(), 3);
    let profile = tokens.linking_profile().unwrap();
    assert_eq!(profile.profile_id.as_deref(), Some("pro_n23kjnwrw2"));
    assert!(tokens.expires_at().is_some());
}

#[tokio::test]
async fn refresh_access_token_posts_the_refresh_token_with_client_credentials() {
    let mut server = Server::new_async().await;
    let body = json!({
        "grant_type": "refresh_token",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "refresh_token": "refresh-7b6a",
    });
    let mock = client_credentials_mock(&mut server, "/oauth/token", body)
        .with_body(
            json!({
                "token_type": "bearer",
                "access_token": "access-2e1f",
                "expires_in": 3600,
                "refresh_token": "refresh-0c9d",
                "scope": "read_write"
            })
            .to_string(),
        )
        .create_async()
        .await;
    let grant = RefreshAccessToken::new("refresh-7b6a");
    let tokens = cronofy::oauth::refresh_access_token(&client(&server), &app(), &grant)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(tokens.access_token(), "access-2e1f");
    assert_eq!(tokens.refresh_token(), Some("refresh-0c9d"));
    assert_eq!(tokens.sub(), None);
}

#[tokio::test]
async fn revoke_authorization_posts_a_token_or_a_sub_with_client_credentials() {
    let mut server = Server::new_async().await;
    let by_token = client_credentials_mock(
        &mut server,
        "/oauth/token/revoke",
        json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "token": "refresh-7b6a"}),
    )
    .with_status(200)
    .create_async()
    .await;
    let by_sub = client_credentials_mock(
        &mut server,
        "/oauth/token/revoke",
        json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "sub": "acc_5700a00eb0ccd07000000000"}),
    )
    .with_status(200)
    .create_async()
    .await;
    let client = client(&server);
    cronofy::oauth::revoke_authorization(
        &client,
        &app(),
        &RevokeAuthorization::token("refresh-7b6a"),
    )
    .await
    .unwrap();
    let by_account = RevokeAuthorization::sub("acc_5700a00eb0ccd07000000000");
    cronofy::oauth::revoke_authorization(&client, &app(), &by_account)
        .await
        .unwrap();
    by_token.assert_async().await;
    by_sub.assert_async().await;
}
