//! Every example's flow, run against the fake Cronofy, with what it did checked.

use cronofy_examples::{Environment, Log, flows};
use cronofy_fake::CredentialKind;

#[tokio::test]
async fn quickstart_shows_every_kind_a_refresh_with_rotation_and_impersonation() {
    let env = Environment::fake().await;
    let mut log = Log::quiet();
    let report = flows::quickstart::run(&env, &mut log).await.unwrap();

    assert_eq!(report.calendars, 2);
    assert!(report.event_read_back);
    // The 30-minute event splits the morning into two free periods.
    assert_eq!(report.available_periods, 2);
    assert_eq!(
        report.token_sets_stored, 1,
        "one refresh after the forced expiry"
    );
    assert!(report.refresh_token_rotated);
    assert!(report.old_refresh_token_refused);
    assert_eq!(report.members, 2);
    assert_eq!(report.member_calendars, 2);

    let fake = env.fake.as_ref().unwrap();
    let counters = fake.counters();
    // One refresh by the credential after the forced expiry, plus the quickstart's deliberate
    // replay of the old refresh token, which the fake refused.
    assert_eq!(counters.refreshes, 2, "{counters:?}");
    assert_eq!(counters.token_errors, 1, "{counters:?}");
    let kinds: Vec<_> = fake.requests().iter().map(|r| r.credential).collect();
    for kind in [
        CredentialKind::User,
        CredentialKind::App,
        CredentialKind::Org,
        CredentialKind::Impersonating,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} request in {kinds:?}");
    }
    let said = log.lines().join("\n");
    assert!(said.contains("refresh token rotated: true"), "{said}");
    assert!(
        !said.contains(fake.app_credentials().client_secret()),
        "{said}"
    );
}

#[tokio::test]
async fn declare_endpoint_calls_a_user_declared_endpoint() {
    let env = Environment::fake().await;
    let mut log = Log::quiet();
    let profiles = flows::declare_endpoint::run(&env, &mut log).await.unwrap();
    let user = env.fake.as_ref().unwrap().default_user();
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0].profile_id, user.profile_id);
    assert!(profiles[0].profile_connected);
    assert_eq!(
        flows::declare_endpoint::LIST_PROFILES.to_string(),
        "GET /v1/profiles (user)"
    );
}

#[tokio::test]
async fn org_impersonation_acts_for_every_member() {
    let env = Environment::fake().await;
    let fake = env.fake.as_ref().unwrap();
    let org = fake.default_org();
    let mut log = Log::quiet();
    let report = flows::org_impersonation::run(&env, &mut log).await.unwrap();

    assert_eq!(report.members, org.member_subs);
    assert!(
        report.calendars_per_member.iter().all(|&n| n > 0),
        "{report:?}"
    );
    let scheduled_for = report.created_for_member.expect("an event was created");
    assert!(
        fake.events(&scheduled_for)
            .iter()
            .any(|e| e.event_id.as_deref() == Some("org-scheduled-1")),
        "the event is in the member's calendar"
    );
    let impersonated: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.credential == CredentialKind::Impersonating)
        .filter_map(|r| r.acting_for)
        .collect();
    for member in &org.member_subs {
        assert!(
            impersonated.contains(member),
            "{member} not impersonated: {impersonated:?}"
        );
    }
}

#[tokio::test]
async fn oauth_callback_completes_the_browser_flow_through_a_local_listener() {
    let env = Environment::fake().await;
    let mut log = Log::quiet();
    let tokens = flows::oauth_callback::run(&env, &mut log).await.unwrap();
    let fake = env.fake.as_ref().unwrap();
    assert_eq!(tokens.sub(), Some(fake.default_user().sub.as_str()));
    assert!(tokens.refresh_token().is_some());
    assert_eq!(fake.counters().code_exchanges, 1);
    let said = log.lines().join("\n");
    assert!(
        said.contains("The redirect arrived at the listener"),
        "{said}"
    );
}
