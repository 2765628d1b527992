//! OAuth: the authorization flow (state, redirect URI, hostile answers, empty secrets), the
//! token endpoint, link tokens, extended permissions, conferencing service authorization.

use cronofy::oauth::{
    AuthorizationCode, AuthorizationUrl, AuthorizeConferencingService, CalendarPermission,
    Callback, CallbackError, ConferencingProvider, ExchangeCode, PermissionLevel,
    RefreshAccessToken, RequestPermissions, RevokeAuthorization, Scope, exchange_code,
};
use cronofy::{AppCredentials, Error, UserToken};
use cronofy_fake::FakeCronofy;
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
    let grant = ExchangeCode::without_state_check(
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

// ---------------------------------------------------------------------------------------------
// the authorization flow: state by construction, the redirect URI tied to the exchange,
// hostile answers, empty secrets

/// Opens `url` as a browser would, without following Cronofy's redirect: where it sends it.
async fn redirect_of(url: &url::Url) -> url::Url {
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = browser.get(url.clone()).send().await.unwrap();
    let location = response.headers()["location"].to_str().unwrap();
    url::Url::parse(location).unwrap()
}

const APP_CALLBACK: &str = "https://app.example.test/cronofy/callback";

#[tokio::test]
async fn the_flow_checks_the_generated_state_and_exchanges_with_the_urls_redirect_uri() {
    let fake = FakeCronofy::start().await;
    let (client, app) = (fake.client(), fake.app_credentials());
    let (url, pending) = AuthorizationUrl::new(app.client_id().as_str(), APP_CALLBACK)
        .scope([Scope::ReadWrite])
        .build(&client);
    let state = pending.state().as_str().to_owned();
    assert_eq!(state.len(), 64, "256 bits, as hex");

    let redirect = redirect_of(&url).await;
    let query = redirect.query().unwrap().to_owned();

    // What a forged redirect could carry instead: the attacker's code, without the state, with
    // an empty one, a wrong one, or the right one repeated beside another.
    let forged = [
        "code=ATTACKER".to_owned(),
        "code=ATTACKER&state=".to_owned(),
        "code=ATTACKER&state=evil".to_owned(),
        format!("code=ATTACKER&state=evil&state={state}"),
        format!("code=ATTACKER&state={state}&state=evil"),
        format!("{query}&code=ATTACKER"),
    ];
    for query in &forged {
        let refused = Callback::parse(query, &pending).unwrap_err();
        assert!(
            matches!(
                refused,
                CallbackError::StateMismatch | CallbackError::DuplicateParameter { .. }
            ),
            "{query}: {refused:?}"
        );
    }

    let received = Callback::parse(&query, &pending).unwrap();
    assert_eq!(received.redirect_uri(), APP_CALLBACK);
    let tokens = exchange_code(&client, &app, &ExchangeCode::new(received))
        .await
        .unwrap();
    assert!(tokens.refresh_token().is_some());
    assert_eq!(fake.counters().code_exchanges, 1);
}

#[tokio::test]
async fn a_code_exchanged_with_another_redirect_uri_is_a_configuration_error() {
    let fake = FakeCronofy::start().await;
    let (client, app) = (fake.client(), fake.app_credentials());
    let (url, pending) = AuthorizationUrl::new(app.client_id().as_str(), APP_CALLBACK)
        .scope([Scope::ReadWrite])
        .build(&client);
    let redirect = redirect_of(&url).await;
    let received = Callback::parse(redirect.query().unwrap(), &pending).unwrap();
    // The same code, sent with the redirect URI one slash longer.
    let code = AuthorizationCode::new(received.code().secret());
    let grant = ExchangeCode::without_state_check(code, format!("{APP_CALLBACK}/"));
    let error = exchange_code(&client, &app, &grant).await.unwrap_err();
    assert!(
        matches!(error, Error::RedirectUriMismatch { .. }),
        "{error:?}"
    );
    let shown = error.to_string();
    assert!(shown.contains("configuration error"), "{shown}");
    assert!(
        !shown.contains("authorize the application again"),
        "{shown}"
    );
}

#[tokio::test]
async fn the_token_endpoints_error_description_is_escaped_and_capped() {
    let mut server = Server::new_async().await;
    let description = format!(
        "bad grant\r\nINFO cronofy: forged log line <script>alert(1)</script>{}",
        "A".repeat(100_000)
    );
    let _mock = server
        .mock("POST", "/oauth/token")
        .with_status(400)
        .with_header("content-type", "application/json")
        .with_body(json!({"error": "invalid_grant", "error_description": description}).to_string())
        .create_async()
        .await;
    let grant = ExchangeCode::without_state_check(AuthorizationCode::new("c0de"), APP_CALLBACK);
    let error = exchange_code(&client(&server), &app(), &grant)
        .await
        .unwrap_err();
    let shown = error.to_string();
    assert!(!shown.contains('\r') && !shown.contains('\n'), "{shown}");
    assert!(
        shown.contains("bad grant\\r\\nINFO cronofy: forged log line <script>"),
        "{shown}"
    );
    assert!(shown.len() < 1024, "{} bytes", shown.len());
    assert!(!format!("{error:?}").contains('\n'));
}

/// An endpoint taking the client secret as bearer, declared here so that this module calls
/// no other area's endpoint.
#[cronofy::cronofy_endpoint(auth = "app", method = "POST", path = "/v1/app_only")]
async fn an_app_endpoint();

#[tokio::test]
async fn empty_credentials_are_refused_before_anything_is_sent() {
    let mut server = Server::new_async().await;
    let nothing = server
        .mock("POST", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let client = client(&server);
    let grant = ExchangeCode::without_state_check(AuthorizationCode::new("c0de"), APP_CALLBACK);
    for (id, secret) in [("", "client-secret"), ("client-id", ""), ("client-id", " ")] {
        let app = AppCredentials::new(id, secret);
        let error = exchange_code(&client, &app, &grant).await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidCredential { .. }),
            "{id:?}/{secret:?}: {error:?}"
        );
        assert!(AppCredentials::try_new(id, secret).is_err());
        // As the API key too.
        let error = an_app_endpoint(&client, &app).await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidCredential { .. }),
            "{error:?}"
        );
    }
    let error = cronofy::oauth::create_link_token(&client, &UserToken::new(""))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::InvalidCredential { .. }),
        "{error:?}"
    );
    nothing.assert_async().await;
}
