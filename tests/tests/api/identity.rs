//! Identity and profiles: the account, its userinfo, its calendar profiles.

use cronofy::UserToken;
use cronofy::oauth::Provider;
use mockito::Server;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn account_sends_the_user_credential_and_decodes_the_account() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/account",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "account": {
                    "account_id": "acc_5ba21743f408617d1269ea1e",
                    "email": "janed@company.com",
                    "name": "Jane Doe",
                    "scope": "read_account list_calendars read_events create_event delete_event",
                    "default_tzid": "Europe/London",
                    "multi_calendar_enabled": true
                },
                "provider_sync_status": {"google": "ok"}
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::identity::read_account(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let account = result.unwrap_or_else(|e| panic!("{caller:?}: {e}")).account;
        assert_eq!(account.account_id, "acc_5ba21743f408617d1269ea1e");
        assert_eq!(account.email.as_deref(), Some("janed@company.com"));
        assert_eq!(account.name.as_deref(), Some("Jane Doe"));
        assert_eq!(
            account.scope.as_deref(),
            Some("read_account list_calendars read_events create_event delete_event")
        );
        assert_eq!(account.default_tzid.as_deref(), Some("Europe/London"));
    }
}

#[tokio::test]
async fn account_accepts_a_null_name_and_a_missing_time_zone() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(&mut server, "GET", "/v1/account", USER_TOKEN, None);
    let mock = respond_json(
        mock,
        json!({
            "account": {
                "account_id": "acc_5ba21743f408617d1269ea1e",
                "email": "janed@company.com",
                "name": null,
                "scope": "read_account"
            }
        }),
    )
    .await;

    let result =
        cronofy::identity::read_account(&client(&server), &UserToken::new(USER_TOKEN)).await;

    mock.assert_async().await;
    let account = result.unwrap().account;
    assert_eq!(account.name, None);
    assert_eq!(account.default_tzid, None);
    assert_eq!(account.scope.as_deref(), Some("read_account"));
}

#[tokio::test]
async fn userinfo_sends_the_user_credential_and_decodes_the_dotted_cronofy_keys() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/userinfo",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "sub": "acc_5700a00eb0ccd07000000000",
                "email": "janed@company.com",
                "name": "Jane Doe",
                "zoneinfo": "Europe/London",
                "cronofy.type": "account",
                "cronofy.data": {
                    "authorization": {
                        "scope": "read_write",
                        "status": "active",
                        "delegated_scope": "read_events"
                    },
                    "profiles": [{
                        "provider_name": "google",
                        "provider_service": "gsuite",
                        "profile_id": "pro_n23kjnwrw2",
                        "profile_name": "janed@company.com",
                        "profile_connected": true,
                        "profile_initial_sync_required": false,
                        "profile_calendars": [{
                            "calendar_id": "cal_n23kjnwrw2_jsdfjksn234",
                            "calendar_name": "Home",
                            "calendar_readonly": false,
                            "calendar_deleted": false,
                            "calendar_primary": true,
                            "calendar_integrated_conferencing_available": true,
                            "calendar_attachments_available": false,
                            "permission_level": "sandbox",
                            "calendar_color": "#49BED8"
                        }]
                    }],
                    "conferencing_profiles": [{
                        "provider_name": "zoom",
                        "profile_id": "pro_zoom_1",
                        "profile_name": "janed@company.com",
                        "profile_connected": true
                    }],
                    "service_account": {"provider_name": "google", "domain": "company.com"}
                },
                "email_verified": true
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::identity::read_userinfo(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let info = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        assert_eq!(info.sub, "acc_5700a00eb0ccd07000000000");
        assert_eq!(info.email.as_deref(), Some("janed@company.com"));
        assert_eq!(info.name.as_deref(), Some("Jane Doe"));
        assert_eq!(info.zoneinfo.as_deref(), Some("Europe/London"));
        assert_eq!(
            info.cronofy_type.as_ref().map(|v| v.as_str()),
            Some("account")
        );
        let data = info.cronofy_data.as_ref().expect("cronofy.data");
        let authorization = data.authorization.as_ref().expect("authorization");
        assert_eq!(authorization.scope.as_deref(), Some("read_write"));
        assert_eq!(authorization.status.as_deref(), Some("active"));
        assert_eq!(
            authorization.delegated_scope.as_deref(),
            Some("read_events")
        );
        let profile = &data.profiles[0];
        assert_eq!(profile.profile.profile_id, "pro_n23kjnwrw2");
        assert_eq!(
            profile.profile.provider_service,
            Some(cronofy::identity::ProviderService::Gsuite)
        );
        assert_eq!(profile.profile.profile_initial_sync_required, Some(false));
        let calendar = &profile.profile_calendars[0];
        assert_eq!(calendar.calendar_id, "cal_n23kjnwrw2_jsdfjksn234");
        assert_eq!(calendar.calendar_name.as_deref(), Some("Home"));
        assert_eq!(
            (
                calendar.calendar_readonly,
                calendar.calendar_deleted,
                calendar.calendar_primary
            ),
            (Some(false), Some(false), Some(true))
        );
        assert_eq!(
            calendar.calendar_integrated_conferencing_available,
            Some(true)
        );
        assert_eq!(calendar.calendar_attachments_available, Some(false));
        assert_eq!(
            calendar.permission_level,
            Some(cronofy::oauth::PermissionLevel::Sandbox)
        );
        assert_eq!(calendar.extra["calendar_color"], "#49BED8");
        let zoom = &data.conferencing_profiles[0];
        assert_eq!(zoom.profile_id, "pro_zoom_1");
        assert_eq!(
            zoom.provider_name,
            Some(cronofy::oauth::ConferencingProvider::Zoom)
        );
        assert_eq!(zoom.profile_connected, Some(true));
        assert_eq!(zoom.profile_relink_url, None);
        let service_account = info.service_account().expect("service account");
        assert_eq!(service_account.domain.as_deref(), Some("company.com"));
        assert_eq!(info.extra["email_verified"], true);
    }
}

#[tokio::test]
async fn userinfo_of_a_service_account_has_only_sub_and_type() {
    // Optional fields absent and `null`: Cronofy leaves email and name out without the scope.
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(&mut server, "GET", "/v1/userinfo", USER_TOKEN, None);
    let mock = respond_json(
        mock,
        json!({
            "sub": "ser_5700a00eb0ccd07000000000",
            "zoneinfo": null,
            "cronofy.type": "service_account",
            "cronofy.service_account": {"provider_name": "google", "domain": "company.com"}
        }),
    )
    .await;

    let result =
        cronofy::identity::read_userinfo(&client(&server), &UserToken::new(USER_TOKEN)).await;

    mock.assert_async().await;
    let info = result.unwrap();
    assert_eq!(info.sub, "ser_5700a00eb0ccd07000000000");
    assert_eq!(info.email, None);
    assert_eq!(info.name, None);
    assert_eq!(info.zoneinfo, None);
    assert_eq!(
        info.cronofy_type.as_ref().map(|v| v.as_str()),
        Some("service_account")
    );
    assert_eq!(info.cronofy_data, None);
    // The flat key one SDK's fixture uses is read too.
    let service_account = info.service_account().expect("service account");
    assert_eq!(service_account.domain.as_deref(), Some("company.com"));
    assert_eq!(service_account.provider_name.as_deref(), Some("google"));
}

// ---------------------------------------------------------------------------------------------
// identity

#[tokio::test]
async fn list_profiles_sends_the_user_credential_and_decodes_every_profile() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/profiles",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "profiles": [
                    {
                        "provider_name": "google",
                        "provider_service": "gsuite",
                        "profile_id": "pro_n23kjnwrw2",
                        "profile_name": "example@cronofy.com",
                        "profile_connected": true,
                        "profile_initial_sync_required": false
                    },
                    {
                        "provider_name": "office365",
                        "profile_id": "pro_4j3kdkw0d3",
                        "profile_name": "example@company.com",
                        "profile_connected": false,
                        "profile_relink_url": "https://app.cronofy.com/relink/apple?email=example%40company.com"
                    },
                    {
                        "provider_name": "zimbra",
                        "provider_service": null,
                        "profile_id": "pro_zk3kdk3k3k",
                        "profile_name": "example@zimbra.test",
                        "profile_connected": null,
                        "profile_relink_url": null
                    }
                ],
                "unknown_top_level": {"kept": false}
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::identity::list_profiles(
            &client, credential
        )
        .await);

        mock.assert_async().await;
        let profiles = result
            .unwrap_or_else(|e| panic!("{caller:?}: {e}"))
            .profiles;
        assert_eq!(profiles.len(), 3);
        assert_eq!(profiles[0].provider_name, Provider::Google);
        assert_eq!(
            profiles[0].provider_service.as_ref().map(|v| v.as_str()),
            Some("gsuite")
        );
        assert_eq!(profiles[0].profile_id, "pro_n23kjnwrw2");
        assert_eq!(profiles[0].profile_name, "example@cronofy.com");
        assert!(profiles[0].profile_connected);
        assert_eq!(profiles[0].profile_relink_url, None);

        assert_eq!(profiles[1].provider_name, Provider::Office365);
        assert!(!profiles[1].profile_connected);
        assert_eq!(
            profiles[1].profile_relink_url.as_deref(),
            Some("https://app.cronofy.com/relink/apple?email=example%40company.com")
        );

        // An unknown provider keeps its name; `null` reads as absent / false.
        assert_eq!(
            profiles[2].provider_name,
            Provider::Unknown("zimbra".to_owned())
        );
        assert_eq!(profiles[2].provider_name.to_string(), "zimbra");
        assert_eq!(profiles[2].provider_service, None);
        assert!(!profiles[2].profile_connected);
        assert_eq!(profiles[2].profile_relink_url, None);
    }
}

#[tokio::test]
async fn list_profiles_reads_a_null_list_as_empty() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(&mut server, "GET", "/v1/profiles", USER_TOKEN, None);
    let mock = respond_json(mock, json!({"profiles": null})).await;

    let result =
        cronofy::identity::list_profiles(&client(&server), &UserToken::new(USER_TOKEN)).await;

    mock.assert_async().await;
    assert!(result.unwrap().profiles.is_empty());
}

#[tokio::test]
async fn revoke_profile_posts_nothing_to_the_encoded_profile_path() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "POST",
            "/v1/profiles/pro_n23k%2Fjnw%3Frw2/revoke",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| cronofy::identity::revoke_profile(
            &client,
            credential,
            "pro_n23k/jnw?rw2"
        )
        .await);

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}
