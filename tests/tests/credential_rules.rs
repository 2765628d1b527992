//! Every endpoint's credential rules, asserted at compile time: generated from
//! `cronofy::endpoints()` by `tests/tests/coverage.rs`; do not edit by hand
//! (`UPDATE_COVERAGE=1 cargo test -p cronofy-tests --test coverage` rewrites it).
//!
//! For each endpoint, `assert_accepts!` lists every credential type of a kind it is
//! declared with, `assert_rejects!` every other: the build fails if the generated
//! function's bound disagrees with the endpoint's declared kinds. A trait object of a
//! combination (`dyn UserOrAppAuth`) is accepted only where every kind it may be is.

use std::sync::Arc;

use cronofy::auth::{
    AppAuth, AppOrOrgAuth, ClientCredentialsAuth, OrgAuth, ServiceAccountAuth, UserAuth,
    UserOrAppAuth, UserOrAppOrOrgAuth, UserOrOrgAuth,
};
use cronofy::oauth::{
    MemoryTokenStore, RefreshingOrgToken, RefreshingServiceAccountToken, RefreshingUserToken,
};
use cronofy::{
    AppCredentials, Impersonation, OrgToken, ServiceAccountToken, UserToken, assert_accepts,
    assert_rejects,
};

// POST /v1/application_verification (app)
assert_accepts!(
    cronofy::applications::verify_application:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::applications::verify_application:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/attachments (app)
assert_accepts!(
    cronofy::attachments::create_attachment:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::attachments::create_attachment:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// DELETE /v1/availability_rules/{availability_rule_id} (user)
assert_accepts!(
    cronofy::availability::delete_availability_rule:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::availability::delete_availability_rule:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// DELETE /v1/available_periods (user)
assert_accepts!(
    cronofy::availability::delete_available_period:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::availability::delete_available_period:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/availability_rules (user)
assert_accepts!(
    cronofy::availability::list_availability_rules:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::availability::list_availability_rules:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/availability (user | app)
assert_accepts!(
    cronofy::availability::query_availability:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        AppCredentials,
        Arc<UserToken>,
        &'static AppCredentials,
        dyn UserAuth,
        dyn AppAuth,
        Arc<dyn UserOrAppAuth>,
);
assert_rejects!(
    cronofy::availability::query_availability:
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/sequenced_availability (user | app)
assert_accepts!(
    cronofy::availability::query_sequenced_availability:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        AppCredentials,
        Arc<UserToken>,
        &'static AppCredentials,
        dyn UserAuth,
        dyn AppAuth,
        Arc<dyn UserOrAppAuth>,
);
assert_rejects!(
    cronofy::availability::query_sequenced_availability:
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/availability_rules/{availability_rule_id} (user)
assert_accepts!(
    cronofy::availability::read_availability_rule:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::availability::read_availability_rule:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/available_periods (user)
assert_accepts!(
    cronofy::availability::read_available_periods:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::availability::read_available_periods:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/availability_rules (user)
assert_accepts!(
    cronofy::availability::upsert_availability_rule:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::availability::upsert_availability_rule:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/available_periods (user)
assert_accepts!(
    cronofy::availability::upsert_available_period:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::availability::upsert_available_period:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/application_calendars (client_credentials)
assert_accepts!(
    cronofy::calendars::create_application_calendar:
        AppCredentials,
        &'static AppCredentials,
        dyn ClientCredentialsAuth,
);
assert_rejects!(
    cronofy::calendars::create_application_calendar:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/calendars (user)
assert_accepts!(
    cronofy::calendars::create_calendar:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::calendars::create_calendar:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/calendars (user)
assert_accepts!(
    cronofy::calendars::list_calendars:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::calendars::list_calendars:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// DELETE /v1/events (user)
assert_accepts!(
    cronofy::events::bulk_delete_events:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::events::bulk_delete_events:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/calendars/{calendar_id}/events/{event_uid}/participation_status (user)
assert_accepts!(
    cronofy::events::change_participation_status:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::events::change_participation_status:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// DELETE /v1/calendars/{calendar_id}/events (user)
assert_accepts!(
    cronofy::events::delete_event:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::events::delete_event:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/batch (user)
assert_accepts!(
    cronofy::events::execute_batch:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::events::execute_batch:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/events (user)
assert_accepts!(
    cronofy::events::read_events:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::events::read_events:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/free_busy (user)
assert_accepts!(
    cronofy::events::read_free_busy:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::events::read_free_busy:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/calendars/{calendar_id}/events (user)
assert_accepts!(
    cronofy::events::upsert_event:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::events::upsert_event:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/profiles (user)
assert_accepts!(
    cronofy::identity::list_profiles:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::identity::list_profiles:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/account (user)
assert_accepts!(
    cronofy::identity::read_account:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::identity::read_account:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/userinfo (user)
assert_accepts!(
    cronofy::identity::read_userinfo:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::identity::read_userinfo:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/profiles/{profile_id}/revoke (user)
assert_accepts!(
    cronofy::identity::revoke_profile:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::identity::revoke_profile:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// DELETE /v1/channels/{channel_id} (user)
assert_accepts!(
    cronofy::notifications::close_channel:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::notifications::close_channel:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/channels (user)
assert_accepts!(
    cronofy::notifications::create_channel:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::notifications::create_channel:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/channels (user)
assert_accepts!(
    cronofy::notifications::list_channels:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::notifications::list_channels:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/conferencing_service_authorizations (user)
assert_accepts!(
    cronofy::oauth::authorize_conferencing_service:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::oauth::authorize_conferencing_service:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/link_tokens (user)
assert_accepts!(
    cronofy::oauth::create_link_token:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::oauth::create_link_token:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /oauth/token (client_credentials)
assert_accepts!(
    cronofy::oauth::exchange_code:
        AppCredentials,
        &'static AppCredentials,
        dyn ClientCredentialsAuth,
);
assert_rejects!(
    cronofy::oauth::exchange_code:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /oauth/token (client_credentials)
assert_accepts!(
    cronofy::oauth::refresh_access_token:
        AppCredentials,
        &'static AppCredentials,
        dyn ClientCredentialsAuth,
);
assert_rejects!(
    cronofy::oauth::refresh_access_token:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/permissions (user)
assert_accepts!(
    cronofy::oauth::request_permissions:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::oauth::request_permissions:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /oauth/token/revoke (client_credentials)
assert_accepts!(
    cronofy::oauth::revoke_authorization:
        AppCredentials,
        &'static AppCredentials,
        dyn ClientCredentialsAuth,
);
assert_rejects!(
    cronofy::oauth::revoke_authorization:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/service_account_authorizations (service_account)
assert_accepts!(
    cronofy::organizations::authorize_via_service_account:
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        dyn ServiceAccountAuth,
);
assert_rejects!(
    cronofy::organizations::authorize_via_service_account:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn UserAuth,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/accessible_calendars (user)
assert_accepts!(
    cronofy::organizations::list_accessible_calendars:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::organizations::list_accessible_calendars:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/organizational_unit_members (org)
assert_accepts!(
    cronofy::organizations::list_organizational_unit_members:
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        Box<OrgToken>,
        dyn OrgAuth,
);
assert_rejects!(
    cronofy::organizations::list_organizational_unit_members:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        AppCredentials,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        &'static AppCredentials,
        dyn UserAuth,
        dyn AppAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/organizational_unit_resources (org)
assert_accepts!(
    cronofy::organizations::list_organizational_unit_resources:
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        Box<OrgToken>,
        dyn OrgAuth,
);
assert_rejects!(
    cronofy::organizations::list_organizational_unit_resources:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        AppCredentials,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        &'static AppCredentials,
        dyn UserAuth,
        dyn AppAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/resources (service_account)
assert_accepts!(
    cronofy::organizations::list_resources:
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        dyn ServiceAccountAuth,
);
assert_rejects!(
    cronofy::organizations::list_resources:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn UserAuth,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/delegated_authorizations (user)
assert_accepts!(
    cronofy::organizations::request_delegated_authorization:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::organizations::request_delegated_authorization:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/add_to_calendar (app)
assert_accepts!(
    cronofy::scheduling::create_add_to_calendar:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::create_add_to_calendar:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/real_time_scheduling (app)
assert_accepts!(
    cronofy::scheduling::create_real_time_scheduling:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::create_real_time_scheduling:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/real_time_sequencing (app)
assert_accepts!(
    cronofy::scheduling::create_real_time_sequencing:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::create_real_time_sequencing:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/scheduler_requests (org | user)
assert_accepts!(
    cronofy::scheduling::create_scheduler_request:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn UserOrOrgAuth,
);
assert_rejects!(
    cronofy::scheduling::create_scheduler_request:
        AppCredentials,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/scheduling_conversations (user)
assert_accepts!(
    cronofy::scheduling::create_scheduling_conversation:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::scheduling::create_scheduling_conversation:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/scheduling_requests (org | user)
assert_accepts!(
    cronofy::scheduling::create_scheduling_request:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn UserOrOrgAuth,
);
assert_rejects!(
    cronofy::scheduling::create_scheduling_request:
        AppCredentials,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// DELETE /v1/bookable_events/{bookable_event_id}/registrations/{registration_id} (app)
assert_accepts!(
    cronofy::scheduling::delete_bookable_event_registration:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::delete_bookable_event_registration:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/real_time_scheduling/{id}/disable (app)
assert_accepts!(
    cronofy::scheduling::disable_real_time_scheduling:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::disable_real_time_scheduling:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/bookable_events (app)
assert_accepts!(
    cronofy::scheduling::list_bookable_events:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::list_bookable_events:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/scheduling_requests/query (org | app)
assert_accepts!(
    cronofy::scheduling::query_scheduling_requests:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn AppOrOrgAuth,
);
assert_rejects!(
    cronofy::scheduling::query_scheduling_requests:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        dyn UserAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/bookable_events/{bookable_event_id} (app)
assert_accepts!(
    cronofy::scheduling::read_bookable_event:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::read_bookable_event:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/real_time_scheduling/{id} (app)
assert_accepts!(
    cronofy::scheduling::read_real_time_scheduling:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::read_real_time_scheduling:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/real_time_scheduling (app)
assert_accepts!(
    cronofy::scheduling::read_real_time_scheduling_by_token:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::read_real_time_scheduling_by_token:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/scheduling_conversations/{scheduling_conversation_id} (user)
assert_accepts!(
    cronofy::scheduling::read_scheduling_conversation:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::scheduling::read_scheduling_conversation:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/scheduling_conversations (user)
assert_accepts!(
    cronofy::scheduling::read_scheduling_conversation_by_token:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        Arc<UserToken>,
        dyn UserAuth,
);
assert_rejects!(
    cronofy::scheduling::read_scheduling_conversation_by_token:
        AppCredentials,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Box<OrgToken>,
        &'static AppCredentials,
        dyn AppAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// GET /v1/smart_invites (app)
assert_accepts!(
    cronofy::scheduling::read_smart_invite:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::read_smart_invite:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/bookable_events (app)
assert_accepts!(
    cronofy::scheduling::upsert_bookable_event:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::upsert_bookable_event:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/bookable_events/{bookable_event_id}/registrations (app)
assert_accepts!(
    cronofy::scheduling::upsert_bookable_event_registration:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::upsert_bookable_event_registration:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/smart_invites (app)
assert_accepts!(
    cronofy::scheduling::upsert_smart_invite:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::scheduling::upsert_smart_invite:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);

// POST /v1/element_tokens (app)
assert_accepts!(
    cronofy::ui_elements::create_element_token:
        AppCredentials,
        &'static AppCredentials,
        dyn AppAuth,
);
assert_rejects!(
    cronofy::ui_elements::create_element_token:
        UserToken,
        RefreshingUserToken<MemoryTokenStore>,
        Impersonation<'static, OrgToken>,
        Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>,
        Impersonation<'static, AppCredentials>,
        OrgToken,
        RefreshingOrgToken<MemoryTokenStore>,
        ServiceAccountToken,
        RefreshingServiceAccountToken<MemoryTokenStore>,
        Arc<UserToken>,
        Box<OrgToken>,
        dyn UserAuth,
        dyn OrgAuth,
        dyn ServiceAccountAuth,
        dyn ClientCredentialsAuth,
        Arc<dyn UserOrAppAuth>,
        dyn UserOrOrgAuth,
        dyn AppOrOrgAuth,
        dyn UserOrAppOrOrgAuth,
);
