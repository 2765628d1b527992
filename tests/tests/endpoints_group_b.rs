//! The scheduling endpoints (availability rules, available periods, sequenced availability,
//! real-time scheduling, smart invites, element tokens, organizational unit resources,
//! scheduler requests), called through their generated functions against mockito on loopback,
//! in the manner of `endpoints.rs`.
//!
//! Each mock only answers a request that is exactly right: method, path (and the exact query
//! string), `Authorization: Bearer` with the secret of the credential passed, `Cronofy-Impersonate`
//! present exactly when impersonating, our `User-Agent`, and for body endpoints
//! `Content-Type: application/json` with the exact JSON body. Each expects one hit. Responses
//! are Cronofy's documented examples with fields the models do not know added, optional fields
//! left out, and `null` where Cronofy may send it.
//!
//! User endpoints are called as the user, and as a member through `OrgToken::impersonate` and
//! `AppCredentials::impersonate`; endpoints taking several kinds are called with each.

use cronofy::auth::AuthKind;
use cronofy::availability::{
    AvailabilityBuffer, AvailabilityResponseFormat, AvailabilityRule, BufferRange,
    DeleteAvailablePeriod, Participants, QueryAvailability, QueryPeriod,
    QuerySequencedAvailability, ReadAvailablePeriods, SequenceBuffer, SequenceStep, TimeOfDay,
    UpsertAvailablePeriod, Weekday, WeeklyPeriod,
};
use cronofy::scheduling::{
    CreateRealTimeScheduling, CreateSchedulerRequest, DisableRealTimeScheduling,
    ReadRealTimeSchedulingByToken, ReadSmartInvite, RealTimeSchedulingEvent,
    RealTimeSchedulingStatus, SchedulerRecipient, SmartInviteEvent, SmartInviteMethod,
    SmartInviteStatus, TargetCalendar, UpsertSmartInvite,
};
use cronofy::time::{EventTime, Minutes};
use cronofy::ui_elements::{CreateElementToken, ElementPermission};
use cronofy::{AppCredentials, Client, OrgToken, UserToken};
use mockito::{Matcher, Server};
use serde_json::json;

#[macro_use]
mod support;
use support::*;

/// The endpoints this file covers; `endpoints.rs` checks that, with its own list, they are
/// every endpoint declared.
#[test]
fn the_group_b_endpoints_are_declared_with_their_documented_auth_kinds() {
    use AuthKind::{App, Org, User};
    let expected: &[(&str, &str, &str, &[AuthKind])] = &[
        (
            "upsert_availability_rule",
            "POST",
            "/v1/availability_rules",
            &[User],
        ),
        (
            "list_availability_rules",
            "GET",
            "/v1/availability_rules",
            &[User],
        ),
        (
            "read_availability_rule",
            "GET",
            "/v1/availability_rules/{availability_rule_id}",
            &[User],
        ),
        (
            "delete_availability_rule",
            "DELETE",
            "/v1/availability_rules/{availability_rule_id}",
            &[User],
        ),
        (
            "upsert_available_period",
            "POST",
            "/v1/available_periods",
            &[User],
        ),
        (
            "read_available_periods",
            "GET",
            "/v1/available_periods",
            &[User],
        ),
        (
            "delete_available_period",
            "DELETE",
            "/v1/available_periods",
            &[User],
        ),
        (
            "sequenced_availability",
            "POST",
            "/v1/sequenced_availability",
            &[User, App],
        ),
        (
            "create_real_time_scheduling",
            "POST",
            "/v1/real_time_scheduling",
            &[App],
        ),
        (
            "real_time_scheduling_status_by_token",
            "GET",
            "/v1/real_time_scheduling",
            &[App],
        ),
        (
            "disable_real_time_scheduling",
            "POST",
            "/v1/real_time_scheduling/{id}/disable",
            &[App],
        ),
        ("upsert_smart_invite", "POST", "/v1/smart_invites", &[App]),
        ("smart_invite_status", "GET", "/v1/smart_invites", &[App]),
        ("create_element_token", "POST", "/v1/element_tokens", &[App]),
        (
            "list_organizational_unit_resources",
            "GET",
            "/v1/organizational_unit_resources",
            &[Org],
        ),
        (
            "create_scheduler_request",
            "POST",
            "/v1/scheduler_requests",
            &[Org, User],
        ),
    ];
    let declared = cronofy::endpoints();
    for (name, method, path, auth) in expected {
        let endpoint = declared
            .iter()
            .find(|e| e.name == *name)
            .unwrap_or_else(|| panic!("`{name}` is not in cronofy::endpoints()"));
        assert_eq!(endpoint.method.as_str(), *method, "{name}");
        assert_eq!(endpoint.path, *path, "{name}");
        assert_eq!(endpoint.auth, *auth, "{name}");
    }
}

fn app() -> AppCredentials {
    AppCredentials::new(CLIENT_ID, CLIENT_SECRET)
}

fn time_of_day(text: &str) -> TimeOfDay {
    text.parse().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Availability rules

fn working_hours() -> AvailabilityRule {
    AvailabilityRule::new(
        "default",
        "America/Chicago",
        vec![
            WeeklyPeriod::new(Weekday::Monday, time_of_day("09:30"), time_of_day("12:30")),
            WeeklyPeriod::new(Weekday::Monday, time_of_day("14:00"), time_of_day("17:00")),
            WeeklyPeriod::new(
                Weekday::Wednesday,
                time_of_day("09:30"),
                time_of_day("12:30"),
            ),
        ],
    )
}

fn working_hours_json() -> serde_json::Value {
    json!({
        "availability_rule_id": "default",
        "tzid": "America/Chicago",
        "weekly_periods": [
            {"day": "monday", "start_time": "09:30", "end_time": "12:30"},
            {"day": "monday", "start_time": "14:00", "end_time": "17:00"},
            {"day": "wednesday", "start_time": "09:30", "end_time": "12:30"}
        ]
    })
}

#[tokio::test]
async fn upsert_availability_rule_posts_the_rule_with_its_calendars() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mut body = working_hours_json();
        body["calendar_ids"] = json!([CALENDAR_ID]);
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/availability_rules",
            caller.bearer(),
            caller.impersonated(),
            body,
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);
        let rule = working_hours().calendar_ids([CALENDAR_ID]);

        let result = as_caller!(caller, |credential| {
            cronofy::availability::upsert_availability_rule(&client, credential, &rule).await
        });

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

#[tokio::test]
async fn upsert_availability_rule_leaves_out_absent_calendars_and_accepts_a_200_with_the_rule() {
    // Cronofy's SDK fixtures answer 200 with the rule; the docs answer 202: both are success.
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/availability_rules",
        USER_TOKEN,
        None,
        working_hours_json(),
    );
    let mock = respond_json(mock, json!({"availability_rule": working_hours_json()})).await;

    let result = cronofy::availability::upsert_availability_rule(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &working_hours(),
    )
    .await;

    mock.assert_async().await;
    result.unwrap();
}

#[tokio::test]
async fn list_availability_rules_decodes_rules_with_and_without_calendars() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/availability_rules",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "availability_rules": [
                    {
                        "availability_rule_id": "default",
                        "tzid": "America/Chicago",
                        "calendar_ids": [CALENDAR_ID],
                        "weekly_periods": [
                            {"day": "monday", "start_time": "09:30", "end_time": "12:30"},
                            {"day": "sunday", "start_time": "00:00", "end_time": "24:00", "label": "all day"}
                        ],
                        "created": "2026-11-01T08:00:00Z"
                    },
                    {
                        "availability_rule_id": "weekends",
                        "tzid": "Europe/London",
                        "calendar_ids": null,
                        "weekly_periods": [
                            {"day": "saturday", "start_time": "10:00", "end_time": "16:00"}
                        ]
                    }
                ]
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| {
            cronofy::availability::list_availability_rules(&client, credential).await
        });

        mock.assert_async().await;
        let rules = result
            .unwrap_or_else(|e| panic!("{caller:?}: {e}"))
            .availability_rules;
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].availability_rule_id, "default");
        assert_eq!(rules[0].tzid, "America/Chicago");
        assert_eq!(rules[0].calendar_ids, [CALENDAR_ID]);
        assert_eq!(
            rules[0].weekly_periods,
            [
                WeeklyPeriod::new(Weekday::Monday, time_of_day("09:30"), time_of_day("12:30")),
                WeeklyPeriod::new(Weekday::Sunday, time_of_day("00:00"), time_of_day("24:00")),
            ]
        );
        assert_eq!(rules[1].availability_rule_id, "weekends");
        assert!(rules[1].calendar_ids.is_empty());
        assert_eq!(rules[1].weekly_periods[0].day, Weekday::Saturday);
        assert_eq!(
            rules[1].weekly_periods[0].end_time,
            TimeOfDay::new(16, 0).unwrap()
        );
    }
}

#[tokio::test]
async fn list_availability_rules_with_none_decodes_an_empty_list() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/availability_rules",
        USER_TOKEN,
        None,
    );
    let mock = respond_json(mock, json!({"availability_rules": []})).await;

    let result = cronofy::availability::list_availability_rules(
        &client(&server),
        &UserToken::new(USER_TOKEN),
    )
    .await;

    mock.assert_async().await;
    assert!(result.unwrap().availability_rules.is_empty());
}

#[tokio::test]
async fn read_availability_rule_puts_the_encoded_id_in_the_path_and_decodes_the_rule() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/availability_rules/team%2Fsupport%20hours",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "availability_rule": {
                    "availability_rule_id": "team/support hours",
                    "tzid": "America/Chicago",
                    "weekly_periods": [
                        {"day": "friday", "start_time": "08:00", "end_time": "12:00"}
                    ],
                    "priority": 1
                }
            }),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| {
            cronofy::availability::read_availability_rule(&client, credential, "team/support hours")
                .await
        });

        mock.assert_async().await;
        let rule = result
            .unwrap_or_else(|e| panic!("{caller:?}: {e}"))
            .availability_rule;
        assert_eq!(rule.availability_rule_id, "team/support hours");
        assert!(rule.calendar_ids.is_empty());
        assert_eq!(
            rule.weekly_periods,
            [WeeklyPeriod::new(
                Weekday::Friday,
                time_of_day("08:00"),
                time_of_day("12:00")
            )]
        );
    }
}

#[tokio::test]
async fn read_availability_rule_of_an_unknown_id_is_not_found() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/availability_rules/missing",
        USER_TOKEN,
        None,
    )
    .with_status(404)
    .create_async()
    .await;

    let result = cronofy::availability::read_availability_rule(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        "missing",
    )
    .await;

    mock.assert_async().await;
    assert!(
        matches!(result, Err(cronofy::Error::NotFound { .. })),
        "{result:?}"
    );
}

#[tokio::test]
async fn delete_availability_rule_sends_a_bodyless_delete_to_the_rule() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "DELETE",
            "/v1/availability_rules/default",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| {
            cronofy::availability::delete_availability_rule(&client, credential, "default").await
        });

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

#[test]
fn times_of_day_are_two_digit_hours_and_minutes() {
    for (text, hour, minute) in [
        ("00:00", 0, 0),
        ("09:30", 9, 30),
        ("23:59", 23, 59),
        ("24:00", 24, 0),
    ] {
        let parsed = time_of_day(text);
        assert_eq!((parsed.hour(), parsed.minute()), (hour, minute), "{text}");
        assert_eq!(parsed.to_string(), text);
        assert_eq!(serde_json::to_value(parsed).unwrap(), json!(text));
    }
    for bad in [
        "9:30", "09:3", "24:01", "25:00", "12:60", "0930", "", "ab:cd", "+1:00",
    ] {
        assert!(bad.parse::<TimeOfDay>().is_err(), "{bad}");
    }
    assert!(serde_json::from_value::<TimeOfDay>(json!("07:5")).is_err());
}

// ---------------------------------------------------------------------------------------------
// Available periods

#[tokio::test]
async fn upsert_available_period_posts_the_period() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/available_periods",
            caller.bearer(),
            caller.impersonated(),
            json!({
                "available_period_id": "qTtZdczOccgaPncGJaCiLg",
                "start": "2026-11-19T15:30:00Z",
                "end": "2026-11-19T17:00:00Z"
            }),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);
        let period = UpsertAvailablePeriod::new(
            "qTtZdczOccgaPncGJaCiLg",
            utc("2026-11-19T15:30:00.250Z"),
            utc("2026-11-19T17:00:00Z"),
        );

        let result = as_caller!(caller, |credential| {
            cronofy::availability::upsert_available_period(&client, credential, &period).await
        });

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

#[tokio::test]
async fn upsert_available_period_with_a_time_zone_sends_zoned_times() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/available_periods",
        USER_TOKEN,
        None,
        json!({
            "available_period_id": "slot-42",
            "start": {"time": "2026-11-19T15:30:00Z", "tzid": "Europe/Paris"},
            "end": {"time": "2026-11-19T17:00:00Z", "tzid": "Europe/Paris"}
        }),
    );
    let mock = respond_accepted(mock).await;
    let period = UpsertAvailablePeriod::new(
        "slot-42",
        utc("2026-11-19T16:30:00+01:00"),
        utc("2026-11-19T17:00:00Z"),
    )
    .tzid("Europe/Paris");

    let result = cronofy::availability::upsert_available_period(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &period,
    )
    .await;

    mock.assert_async().await;
    result.unwrap();
}

#[tokio::test]
async fn read_available_periods_sends_the_query_and_decodes_the_page() {
    const EXPECTED: &str = "/v1/available_periods\
        ?tzid=Europe%2FLondon\
        &from=2026-11-23\
        &to=2026-11-30\
        &localized_times=true";
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            EXPECTED,
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({
                "pages": {
                    "current": 1,
                    "total": 2,
                    "next_page": "https://api.cronofy.com/v1/available_periods/pages/08a07b034306679e"
                },
                "available_periods": [
                    {
                        "available_period_id": "qTtZdczOccgaPncGJaCiLg",
                        "start": "2026-11-24T15:30:00+00:00",
                        "end": "2026-11-24T17:00:00+00:00",
                        "calendar_ids": null
                    },
                    {
                        "available_period_id": "slot-42",
                        "start": {"time": "2026-11-25T09:00:00+01:00", "tzid": "Europe/Paris"},
                        "end": {"time": "2026-11-25T10:00:00+01:00", "tzid": "Europe/Paris"}
                    }
                ]
            }),
        )
        .await;
        let client = client(&server);
        let query = ReadAvailablePeriods::new("Europe/London")
            .from("2026-11-23".parse().unwrap())
            .to("2026-11-30".parse().unwrap())
            .localized_times(true);

        let result = as_caller!(caller, |credential| {
            cronofy::availability::read_available_periods(&client, credential, &query).await
        });

        mock.assert_async().await;
        let page = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        let pages = page.pages.as_ref().expect("the pages Cronofy sent");
        assert_eq!((pages.current, pages.total), (1, 2));
        assert_eq!(
            pages.next_page.as_deref(),
            Some("https://api.cronofy.com/v1/available_periods/pages/08a07b034306679e")
        );
        let periods = &page.items;
        assert_eq!(periods.len(), 2);
        assert_eq!(periods[0].available_period_id, "qTtZdczOccgaPncGJaCiLg");
        assert_eq!(periods[0].start, utc("2026-11-24T15:30:00Z").into());
        assert_eq!(periods[0].end, utc("2026-11-24T17:00:00Z").into());
        assert_eq!(
            periods[1].start,
            EventTime::zoned(utc("2026-11-25T08:00:00Z"), "Europe/Paris")
        );
    }
}

#[tokio::test]
async fn read_available_periods_without_filters_or_pages() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/available_periods?tzid=Etc%2FUTC",
        USER_TOKEN,
        None,
    );
    let mock = respond_json(mock, json!({"available_periods": null})).await;

    let result = cronofy::availability::read_available_periods(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &ReadAvailablePeriods::new("Etc/UTC"),
    )
    .await;

    mock.assert_async().await;
    let page = result.unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.pages, None);
}

#[tokio::test]
async fn read_all_available_periods_follows_next_page_with_the_same_credential() {
    let mut server = Server::new_async().await;
    let next_page = format!(
        "{}/v1/available_periods/pages/08a07b034306679e",
        server.url()
    );
    let first = expect_bodyless(
        &mut server,
        "GET",
        "/v1/available_periods?tzid=Etc%2FUTC",
        ORG_TOKEN,
        Some(MEMBER_SUB),
    );
    let first = respond_json(
        first,
        json!({
            "pages": {"current": 1, "total": 2, "next_page": next_page},
            "available_periods": [{
                "available_period_id": "one",
                "start": "2026-11-24T15:30:00Z",
                "end": "2026-11-24T17:00:00Z"
            }]
        }),
    )
    .await;
    let second = expect_bodyless(
        &mut server,
        "GET",
        "/v1/available_periods/pages/08a07b034306679e",
        ORG_TOKEN,
        Some(MEMBER_SUB),
    );
    let second = respond_json(
        second,
        json!({
            "pages": {"current": 2, "total": 2},
            "available_periods": [{
                "available_period_id": "two",
                "start": "2026-11-25T15:30:00Z",
                "end": "2026-11-25T17:00:00Z"
            }]
        }),
    )
    .await;
    let client = client(&server);
    let org = OrgToken::new(ORG_TOKEN);
    let member = org.impersonate(MEMBER_SUB);

    let periods = cronofy::availability::read_all_available_periods(
        &client,
        &member,
        &ReadAvailablePeriods::new("Etc/UTC"),
    )
    .collect_items()
    .await
    .unwrap();

    first.assert_async().await;
    second.assert_async().await;
    let ids: Vec<&str> = periods
        .iter()
        .map(|p| p.available_period_id.as_str())
        .collect();
    assert_eq!(ids, ["one", "two"]);
}

#[tokio::test]
async fn delete_available_period_sends_the_id_in_the_body() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "DELETE",
            "/v1/available_periods",
            caller.bearer(),
            caller.impersonated(),
            json!({"available_period_id": "qTtZdczOccgaPncGJaCiLg"}),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);
        let period = DeleteAvailablePeriod::new("qTtZdczOccgaPncGJaCiLg");

        let result = as_caller!(caller, |credential| {
            cronofy::availability::delete_available_period(&client, credential, &period).await
        });

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

// ---------------------------------------------------------------------------------------------
// Availability: the new options, and sequenced availability

#[tokio::test]
async fn availability_sends_buffer_interval_and_format_and_decodes_slots() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/availability",
        CLIENT_SECRET,
        None,
        json!({
            "participants": [
                {"members": [{"sub": "acc_5ba21743f408617d1269ea1e"}, {"sub": MEMBER_SUB}], "required": "all"}
            ],
            "required_duration": {"minutes": 60},
            "query_periods": [{"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T18:00:00Z"}],
            "buffer": {"before": {"minutes": 30}, "after": {"minutes": 15}},
            "start_interval": {"minutes": 30},
            "response_format": "slots"
        }),
    );
    let mock = respond_json(
        mock,
        json!({
            "available_slots": [
                {
                    "start": "2026-11-23T09:00:00Z",
                    "end": "2026-11-23T10:00:00Z",
                    "participants": [{"sub": "acc_5ba21743f408617d1269ea1e"}, {"sub": MEMBER_SUB}]
                },
                {"start": "2026-11-23T11:00:00Z", "end": "2026-11-23T12:00:00Z", "participants": null}
            ],
            "query_id": "avq_6410b9d1b2a4"
        }),
    )
    .await;
    let query = QueryAvailability::new(
        vec![Participants::all([
            "acc_5ba21743f408617d1269ea1e",
            MEMBER_SUB,
        ])],
        Minutes::new(60),
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T18:00:00Z"),
        )],
    )
    .buffer(
        AvailabilityBuffer::new()
            .before(Minutes::new(30))
            .after(Minutes::new(15)),
    )
    .start_interval(Minutes::new(30))
    .response_format(AvailabilityResponseFormat::Slots);

    let result = cronofy::availability::query_availability(&client(&server), &app(), &query).await;

    mock.assert_async().await;
    let response = result.unwrap();
    assert!(response.available_periods.is_empty());
    let slots = &response.available_slots;
    assert_eq!(slots.len(), 2);
    assert_eq!(slots[0].start, utc("2026-11-23T09:00:00Z"));
    assert_eq!(slots[0].end, utc("2026-11-23T10:00:00Z"));
    assert_eq!(slots[0].participants.len(), 2);
    assert_eq!(slots[1].start, utc("2026-11-23T11:00:00Z"));
    assert!(slots[1].participants.is_empty());
}

#[test]
fn availability_response_formats_are_written_in_snake_case() {
    for (format, written) in [
        (AvailabilityResponseFormat::Periods, "periods"),
        (AvailabilityResponseFormat::Slots, "slots"),
        (
            AvailabilityResponseFormat::OverlappingSlots,
            "overlapping_slots",
        ),
    ] {
        assert_eq!(serde_json::to_value(format).unwrap(), json!(written));
    }
}

fn sequenced_query() -> QuerySequencedAvailability {
    let buffer = SequenceBuffer::new()
        .before(
            BufferRange::new()
                .minimum(Minutes::new(30))
                .maximum(Minutes::new(60)),
        )
        .after(BufferRange::new().minimum(Minutes::new(15)));
    QuerySequencedAvailability::new(
        vec![
            SequenceStep::new(
                "123",
                1,
                vec![Participants::all(["acc_5ba21743f408617d1269ea1e"])],
                Minutes::new(60),
            )
            .start_interval(Minutes::new(60))
            .buffer(buffer),
            SequenceStep::new(
                "456",
                2,
                vec![Participants::at_least(
                    1,
                    [MEMBER_SUB, "acc_64b17d868090ea21640c9999"],
                )],
                Minutes::new(30),
            ),
        ],
        vec![
            QueryPeriod::new(utc("2026-11-19T09:00:00Z"), utc("2026-11-19T18:00:00Z")),
            QueryPeriod::new(utc("2026-11-20T09:00:00Z"), utc("2026-11-20T18:00:00Z")),
        ],
    )
}

fn sequenced_body() -> serde_json::Value {
    json!({
        "sequence": [
            {
                "sequence_id": "123",
                "ordinal": 1,
                "participants": [
                    {"members": [{"sub": "acc_5ba21743f408617d1269ea1e"}], "required": "all"}
                ],
                "required_duration": {"minutes": 60},
                "start_interval": {"minutes": 60},
                "buffer": {
                    "before": {"minimum": {"minutes": 30}, "maximum": {"minutes": 60}},
                    "after": {"minimum": {"minutes": 15}}
                }
            },
            {
                "sequence_id": "456",
                "ordinal": 2,
                "participants": [
                    {"members": [{"sub": MEMBER_SUB}, {"sub": "acc_64b17d868090ea21640c9999"}], "required": 1}
                ],
                "required_duration": {"minutes": 30}
            }
        ],
        "query_periods": [
            {"start": "2026-11-19T09:00:00Z", "end": "2026-11-19T18:00:00Z"},
            {"start": "2026-11-20T09:00:00Z", "end": "2026-11-20T18:00:00Z"}
        ]
    })
}

fn sequenced_response() -> serde_json::Value {
    json!({
        "sequences": [
            {
                "sequence": [
                    {
                        "sequence_id": "123",
                        "start": "2026-11-19T09:00:00Z",
                        "end": "2026-11-19T10:00:00Z",
                        "participants": [{"sub": "acc_5ba21743f408617d1269ea1e"}]
                    },
                    {
                        "sequence_id": "456",
                        "start": "2026-11-19T11:00:00Z",
                        "end": "2026-11-19T11:30:00Z",
                        "participants": [{"sub": MEMBER_SUB}],
                        "score": 0.9
                    }
                ]
            },
            {
                "sequence": [
                    {"sequence_id": "123", "start": "2026-11-20T09:00:00Z", "end": "2026-11-20T10:00:00Z"},
                    {"sequence_id": "456", "start": "2026-11-20T10:30:00+00:00", "end": "2026-11-20T11:00:00Z", "participants": null}
                ]
            }
        ]
    })
}

fn assert_sequences_decoded(response: &cronofy::availability::SequencedAvailabilityResponse) {
    let sequences = &response.sequences;
    assert_eq!(sequences.len(), 2);
    let first = &sequences[0].sequence;
    assert_eq!(first.len(), 2);
    assert_eq!(first[0].sequence_id, "123");
    assert_eq!(first[0].start, utc("2026-11-19T09:00:00Z"));
    assert_eq!(first[0].end, utc("2026-11-19T10:00:00Z"));
    assert_eq!(first[0].participants[0].sub, "acc_5ba21743f408617d1269ea1e");
    assert_eq!(first[1].sequence_id, "456");
    assert_eq!(first[1].participants[0].sub, MEMBER_SUB);
    let second = &sequences[1].sequence;
    assert!(second[0].participants.is_empty());
    assert_eq!(second[1].start, utc("2026-11-20T10:30:00Z"));
    assert!(second[1].participants.is_empty());
}

#[tokio::test]
async fn sequenced_availability_with_a_user_credential_posts_the_sequence() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/sequenced_availability",
            caller.bearer(),
            caller.impersonated(),
            sequenced_body(),
        );
        let mock = respond_json(mock, sequenced_response()).await;
        let client = client(&server);
        let query = sequenced_query();

        let result = as_caller!(caller, |credential| {
            cronofy::availability::query_sequenced_availability(&client, credential, &query).await
        });

        mock.assert_async().await;
        assert_sequences_decoded(&result.unwrap_or_else(|e| panic!("{caller:?}: {e}")));
    }
}

#[tokio::test]
async fn sequenced_availability_with_app_credentials_sends_the_client_secret() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/sequenced_availability",
        CLIENT_SECRET,
        None,
        sequenced_body(),
    );
    let mock = respond_json(mock, sequenced_response()).await;

    let result = cronofy::availability::query_sequenced_availability(
        &client(&server),
        &app(),
        &sequenced_query(),
    )
    .await;

    mock.assert_async().await;
    assert_sequences_decoded(&result.unwrap());
}

#[tokio::test]
async fn sequenced_availability_with_nothing_found() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/sequenced_availability",
        CLIENT_SECRET,
        None,
        sequenced_body(),
    );
    let mock = respond_json(mock, json!({"sequences": []})).await;

    let result = cronofy::availability::query_sequenced_availability(
        &client(&server),
        &app(),
        &sequenced_query(),
    )
    .await;

    mock.assert_async().await;
    assert!(result.unwrap().sequences.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Real-time scheduling

#[tokio::test]
async fn create_real_time_scheduling_posts_the_link_with_the_client_secret() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/real_time_scheduling",
        CLIENT_SECRET,
        None,
        json!({
            "oauth": {
                "redirect_uri": "https://example.com/cronofy/done",
                "scope": "create_event read_free_busy",
                "state": "booking-42-state"
            },
            "event": {
                "event_id": "booking-42",
                "summary": "Product Manager Interview",
                "description": "With the hiring panel",
                "tzid": "Europe/London",
                "location": {"description": "Room 4"}
            },
            "availability": {
                "participants": [
                    {
                        "members": [{"sub": "acc_5ba21743f408617d1269ea1e"}],
                        "required": "all"
                    }
                ],
                "required_duration": {"minutes": 60},
                "query_periods": [
                    {"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T18:00:00Z"}
                ]
            },
            "target_calendars": [
                {"sub": "acc_5ba21743f408617d1269ea1e", "calendar_id": CALENDAR_ID}
            ],
            "tzid": "Europe/London",
            "callback_urls": {
                "completed_url": "https://example.com/cronofy/callback",
                "no_times_suitable_url": "https://example.com/cronofy/no-times"
            },
            "redirect_urls": {"completed_url": "https://example.com/booked"},
            "selection_mode": "no_confirm"
        }),
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_scheduling": {
                "real_time_scheduling_id": "sch_64b1859e8090ea21640c915f",
                "url": "https://app.cronofy.com/rts/ABCD1234"
            },
            "url": "https://app.cronofy.com/rts/ABCD1234"
        }),
    )
    .await;
    let availability = QueryAvailability::new(
        vec![Participants::all(["acc_5ba21743f408617d1269ea1e"])],
        Minutes::new(60),
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T18:00:00Z"),
        )],
    );
    let link = CreateRealTimeScheduling::new(
        "https://example.com/cronofy/done",
        RealTimeSchedulingEvent::new("booking-42", "Product Manager Interview")
            .description("With the hiring panel")
            .tzid("Europe/London")
            .location("Room 4"),
        availability,
        vec![TargetCalendar::new(
            "acc_5ba21743f408617d1269ea1e",
            CALENDAR_ID,
        )],
    )
    .scope([
        cronofy::oauth::Scope::CreateEvent,
        cronofy::oauth::Scope::ReadFreeBusy,
    ])
    .state("booking-42-state")
    .tzid("Europe/London")
    .completed_callback_url("https://example.com/cronofy/callback")
    .no_times_suitable_callback_url("https://example.com/cronofy/no-times")
    .completed_redirect_url("https://example.com/booked")
    .field("selection_mode", json!("no_confirm"))
    // Ignored: the builder sets `tzid` itself, and a key must not be sent twice.
    .field("tzid", json!("America/Chicago"));

    let result =
        cronofy::scheduling::create_real_time_scheduling(&client(&server), &app(), &link).await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    assert_eq!(link.real_time_scheduling_id, "sch_64b1859e8090ea21640c915f");
    assert_eq!(
        link.url.as_deref(),
        Some("https://app.cronofy.com/rts/ABCD1234")
    );
    assert_eq!(link.status, None);
    assert_eq!(link.link_status(), None);
    assert_eq!(link.event, None);
}

#[tokio::test]
async fn create_real_time_scheduling_with_only_what_is_required() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/real_time_scheduling",
        CLIENT_SECRET,
        None,
        json!({
            "oauth": {"redirect_uri": "https://example.com/done"},
            "event": {"event_id": "booking-43", "summary": "Intro call"},
            "availability": {
                "participants": [{"members": [{"sub": MEMBER_SUB}], "required": "all"}],
                "required_duration": {"minutes": 30},
                "query_periods": [
                    {"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T18:00:00Z"}
                ]
            },
            "target_calendars": [{"sub": MEMBER_SUB, "calendar_id": CALENDAR_ID}]
        }),
    );
    let mock = respond_json(
        mock,
        json!({"real_time_scheduling": {"real_time_scheduling_id": "sch_2", "url": null}}),
    )
    .await;
    let link = CreateRealTimeScheduling::new(
        "https://example.com/done",
        RealTimeSchedulingEvent::new("booking-43", "Intro call"),
        QueryAvailability::new(
            vec![Participants::all([MEMBER_SUB])],
            Minutes::new(30),
            vec![QueryPeriod::new(
                utc("2026-11-23T09:00:00Z"),
                utc("2026-11-23T18:00:00Z"),
            )],
        ),
        vec![TargetCalendar::new(MEMBER_SUB, CALENDAR_ID)],
    );

    let result =
        cronofy::scheduling::create_real_time_scheduling(&client(&server), &app(), &link).await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    assert_eq!(link.real_time_scheduling_id, "sch_2");
    assert_eq!(link.url, None);
}

#[tokio::test]
async fn real_time_scheduling_status_by_token_sends_the_token_in_the_query() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/real_time_scheduling?token=ABCD%2F1234",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_scheduling": {
                "real_time_scheduling_id": "sch_123",
                "url": "https://app.cronofy.com/rts/ABCD1234",
                "status": "open",
                "event": {"summary": "event summary", "event_id": "event id", "event_private": false}
            }
        }),
    )
    .await;

    let result = cronofy::scheduling::read_real_time_scheduling_by_token(
        &client(&server),
        &app(),
        &ReadRealTimeSchedulingByToken::new("ABCD/1234"),
    )
    .await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    assert_eq!(link.real_time_scheduling_id, "sch_123");
    assert_eq!(link.link_status(), Some(RealTimeSchedulingStatus::Open));
    assert_eq!(link.event.unwrap()["event_id"], "event id");
}

#[tokio::test]
async fn real_time_scheduling_status_by_token_keeps_an_unknown_status() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/real_time_scheduling?token=ABCD1234",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_scheduling": {
                "real_time_scheduling_id": "sch_124",
                "status": "expired",
                "url": null,
                "event": null
            }
        }),
    )
    .await;
    let token =
        ReadRealTimeSchedulingByToken::from_url("https://app.cronofy.com/rts/ABCD1234").unwrap();

    let result =
        cronofy::scheduling::read_real_time_scheduling_by_token(&client(&server), &app(), &token)
            .await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    let status = link.link_status().unwrap();
    assert_eq!(
        status,
        RealTimeSchedulingStatus::Unknown("expired".to_owned())
    );
    assert_eq!(status.as_str(), "expired");
    assert_eq!(link.event, None);
}

#[tokio::test]
async fn disable_real_time_scheduling_posts_the_message_and_decodes_the_disabled_link() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/real_time_scheduling/sch_64b1859e8090ea21640c915f/disable",
        CLIENT_SECRET,
        None,
        json!({"display_message": "Let's hold off until next month."}),
    );
    let mock = respond_json(
        mock,
        json!({
            "real_time_scheduling": {
                "real_time_scheduling_id": "sch_64b1859e8090ea21640c915f",
                "url": "https://app.cronofy.com/rts/ABCD1234",
                "event": {"event_id": "booking-42", "summary": "Intro call"},
                "status": "disabled",
                "disabled_at": "2026-11-23T09:00:00Z"
            }
        }),
    )
    .await;

    let result = cronofy::scheduling::disable_real_time_scheduling(
        &client(&server),
        &app(),
        "sch_64b1859e8090ea21640c915f",
        &DisableRealTimeScheduling::new("Let's hold off until next month."),
    )
    .await;

    mock.assert_async().await;
    let link = result.unwrap().real_time_scheduling;
    assert_eq!(link.link_status(), Some(RealTimeSchedulingStatus::Disabled));
    assert_eq!(link.status.as_deref(), Some("disabled"));
}

// ---------------------------------------------------------------------------------------------
// Smart invites

fn smart_invite_response() -> serde_json::Value {
    json!({
        "recipient": {"email": "cronofy@example.com", "status": "pending"},
        "smart_invite_id": "your-unique-identifier-for-invite",
        "smart_invite_uid": "sib_your-unique-identifier-for-invite",
        "callback_url": "https://yourapp.example.com/cronofy/smart_invite/notifications",
        "method": "request",
        "event": {
            "summary": "Board meeting",
            "description": "Discuss plans for the next quarter.",
            "start": {"time": "2026-10-15T09:30:00Z", "tzid": "Europe/London"},
            "end": {"time": "2026-10-15T10:00:00Z", "tzid": "Europe/London"},
            "location": {"description": "Board room"}
        },
        "attachments": {"icalendar": "BEGIN:VCALENDAR\nVERSION:2.0..."},
        "organizer": {"name": "Smart invite application"}
    })
}

#[tokio::test]
async fn upsert_smart_invite_posts_the_invite_and_decodes_the_attachment() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/smart_invites",
        CLIENT_SECRET,
        None,
        json!({
            "smart_invite_id": "your-unique-identifier-for-invite",
            "callback_url": "https://yourapp.example.com/cronofy/smart_invite/notifications",
            "recipient": {"email": "cronofy@example.com"},
            "event": {
                "summary": "Board meeting",
                "description": "Discuss plans for the next quarter.",
                "start": "2026-10-15T09:30:00Z",
                "end": "2026-10-15T10:00:00Z",
                "tzid": "Europe/London",
                "location": {"description": "Board room"}
            },
            "organizer": {"name": "Smart invite application"}
        }),
    );
    let mock = respond_json(mock, smart_invite_response()).await;
    let invite = UpsertSmartInvite::new(
        "your-unique-identifier-for-invite",
        "https://yourapp.example.com/cronofy/smart_invite/notifications",
        "cronofy@example.com",
        SmartInviteEvent::new(
            "Board meeting",
            utc("2026-10-15T09:30:00Z"),
            utc("2026-10-15T10:00:00Z"),
        )
        .description("Discuss plans for the next quarter.")
        .tzid("Europe/London")
        .location("Board room"),
    )
    .organizer("Smart invite application");

    let result = cronofy::scheduling::upsert_smart_invite(&client(&server), &app(), &invite).await;

    mock.assert_async().await;
    let invite = result.unwrap();
    assert_eq!(invite.smart_invite_id, "your-unique-identifier-for-invite");
    assert_eq!(
        invite.smart_invite_uid.as_deref(),
        Some("sib_your-unique-identifier-for-invite")
    );
    assert_eq!(
        invite.callback_url.as_deref(),
        Some("https://yourapp.example.com/cronofy/smart_invite/notifications")
    );
    assert_eq!(invite.method, Some(SmartInviteMethod::Request));
    let recipient = invite.recipient.as_ref().unwrap();
    assert_eq!(recipient.email, "cronofy@example.com");
    assert_eq!(recipient.status, Some(SmartInviteStatus::Pending));
    assert!(invite.recipients.is_empty());
    assert!(invite.replies.is_empty());
    let event = invite.event.as_ref().unwrap();
    assert_eq!(event.summary.as_deref(), Some("Board meeting"));
    assert_eq!(
        event.start,
        Some(EventTime::zoned(
            utc("2026-10-15T09:30:00Z"),
            "Europe/London"
        ))
    );
    assert_eq!(
        event
            .location
            .as_ref()
            .and_then(|l| l.description.as_deref()),
        Some("Board room")
    );
    assert_eq!(
        invite.attachments.unwrap().icalendar.as_deref(),
        Some("BEGIN:VCALENDAR\nVERSION:2.0...")
    );
}

#[tokio::test]
async fn upsert_smart_invite_can_cancel_with_only_the_id_and_recipient() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/smart_invites",
        CLIENT_SECRET,
        None,
        json!({
            "method": "cancel",
            "smart_invite_id": "your-unique-identifier-for-invite",
            "recipient": {"email": "cronofy@example.com"}
        }),
    );
    let mut response = smart_invite_response();
    response["method"] = json!("cancel");
    response["recipient"]["status"] = json!("cancelled_by_organizer");
    response["callback_url"] = serde_json::Value::Null;
    let mock = respond_json(mock, response).await;

    let result = cronofy::scheduling::upsert_smart_invite(
        &client(&server),
        &app(),
        &UpsertSmartInvite::cancel("your-unique-identifier-for-invite", "cronofy@example.com"),
    )
    .await;

    mock.assert_async().await;
    let invite = result.unwrap();
    assert_eq!(invite.method, Some(SmartInviteMethod::Cancel));
    assert_eq!(invite.callback_url, None);
    let status = invite.recipient.unwrap().status.unwrap();
    assert_eq!(
        status,
        SmartInviteStatus::Unknown("cancelled_by_organizer".to_owned())
    );
    assert_eq!(status.as_str(), "cancelled_by_organizer");
}

#[test]
fn smart_invite_methods_are_sent_as_cronofy_names_them() {
    let event = SmartInviteEvent::new(
        "Board meeting",
        "2026-10-15".parse::<cronofy::time::Date>().unwrap(),
        "2026-10-16".parse::<cronofy::time::Date>().unwrap(),
    );
    let invite = UpsertSmartInvite::new("id", "https://example.com/cb", "a@example.com", event)
        .method(SmartInviteMethod::Request);
    let body = serde_json::to_value(&invite).unwrap();
    assert_eq!(body["method"], "request");
    assert_eq!(body["event"]["start"], "2026-10-15");
    assert_eq!(
        serde_json::to_value(SmartInviteMethod::Remove).unwrap(),
        json!("remove")
    );
}

#[tokio::test]
async fn smart_invite_status_sends_the_id_and_email_and_decodes_the_replies() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/smart_invites?smart_invite_id=example-event-id&recipient_email=cronofy%40example.com",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "recipient": {"email": "cronofy@example.com", "status": "pending"},
            "replies": [
                {"email": "person1@example.com", "status": "accepted"},
                {
                    "email": "person2@example.com",
                    "status": "declined",
                    "comment": "example comment",
                    "proposal": {
                        "start": {"time": "2026-09-13T23:00:00+02:00", "tzid": "Europe/Paris"},
                        "end": {"time": "2026-09-13T23:30:00+02:00", "tzid": "Europe/Paris"}
                    }
                }
            ],
            "smart_invite_id": "example-event-id",
            "callback_url": "https://yourapp.example.com/cronofy/smart_invite/notifications",
            "method": "request",
            "event": {
                "summary": "Board meeting",
                "start": "2026-10-05T09:30:00Z",
                "end": "2026-10-05T10:00:00Z",
                "tzid": "Europe/London"
            }
        }),
    )
    .await;

    let result = cronofy::scheduling::read_smart_invite(
        &client(&server),
        &app(),
        &ReadSmartInvite::new("example-event-id", "cronofy@example.com"),
    )
    .await;

    mock.assert_async().await;
    let invite = result.unwrap();
    assert_eq!(invite.smart_invite_id, "example-event-id");
    assert_eq!(invite.attachments, None);
    assert_eq!(invite.replies.len(), 2);
    assert_eq!(invite.replies[0].email, "person1@example.com");
    assert_eq!(invite.replies[0].status, Some(SmartInviteStatus::Accepted));
    assert_eq!(invite.replies[0].comment, None);
    let declined = &invite.replies[1];
    assert_eq!(declined.status, Some(SmartInviteStatus::Declined));
    assert_eq!(declined.comment.as_deref(), Some("example comment"));
    let proposal = declined.proposal.as_ref().unwrap();
    assert_eq!(
        proposal.start,
        EventTime::zoned(utc("2026-09-13T21:00:00Z"), "Europe/Paris")
    );
    let event = invite.event.unwrap();
    assert_eq!(event.start, Some(utc("2026-10-05T09:30:00Z").into()));
    assert_eq!(event.tzid.as_deref(), Some("Europe/London"));
    assert_eq!(event.description, None);
}

#[tokio::test]
async fn smart_invite_status_of_every_recipient_sends_no_email_and_can_ask_for_the_ics() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/smart_invites?smart_invite_id=example-event-id&include_ics=true",
        CLIENT_SECRET,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "recipients": [
                {"email": "person1@example.com", "status": "accepted"},
                {"email": "person2@example.com", "status": "tentative"}
            ],
            "replies": null,
            "smart_invite_id": "example-event-id",
            "attachments": {"icalendar": "BEGIN:VCALENDAR\nVERSION:2.0..."}
        }),
    )
    .await;

    let result = cronofy::scheduling::read_smart_invite(
        &client(&server),
        &app(),
        &ReadSmartInvite::all_recipients("example-event-id").include_ics(true),
    )
    .await;

    mock.assert_async().await;
    let invite = result.unwrap();
    assert_eq!(invite.recipient, None);
    assert_eq!(invite.recipients.len(), 2);
    assert_eq!(
        invite.recipients[1].status,
        Some(SmartInviteStatus::Tentative)
    );
    assert!(invite.replies.is_empty());
    assert_eq!(invite.event, None);
    assert_eq!(
        invite.attachments.unwrap().icalendar.as_deref(),
        Some("BEGIN:VCALENDAR\nVERSION:2.0...")
    );
}

// ---------------------------------------------------------------------------------------------
// Element tokens

#[tokio::test]
async fn create_element_token_posts_version_1_and_keeps_the_token_out_of_debug() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/element_tokens",
        CLIENT_SECRET,
        None,
        json!({
            "version": "1",
            "permissions": ["agenda", "availability", "some_new_element"],
            "subs": ["acc_123", "acc_456"],
            "origin": "https://evenitron.com"
        }),
    );
    let mock = respond_json(
        mock,
        json!({
            "element_token": {
                "permissions": ["agenda", "availability", "some_new_element"],
                "origin": "https://evenitron.com",
                "token": "element-token-6a8b0c2d4e",
                "expires_in": 64800,
                "issued_at": "2026-11-23T09:00:00Z"
            }
        }),
    )
    .await;
    let request = CreateElementToken::new(
        [
            ElementPermission::Agenda,
            ElementPermission::Availability,
            ElementPermission::Unknown("some_new_element".to_owned()),
        ],
        "https://evenitron.com",
    )
    .subs(["acc_123", "acc_456"]);

    let result =
        cronofy::ui_elements::create_element_token(&client(&server), &app(), &request).await;

    mock.assert_async().await;
    let token = result.unwrap().element_token;
    assert_eq!(token.token.secret(), "element-token-6a8b0c2d4e");
    assert_eq!(
        token.permissions,
        [
            ElementPermission::Agenda,
            ElementPermission::Availability,
            ElementPermission::Unknown("some_new_element".to_owned()),
        ]
    );
    assert_eq!(token.origin.as_deref(), Some("https://evenitron.com"));
    assert_eq!(token.expires_in, Some(64800));
    let printed = format!("{token:?}");
    assert!(!printed.contains("element-token-6a8b0c2d4e"), "{printed}");
    assert!(printed.contains("[redacted]"), "{printed}");
}

#[tokio::test]
async fn create_element_token_without_subs_and_a_minimal_answer() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/element_tokens",
        CLIENT_SECRET,
        None,
        json!({
            "version": "1",
            "permissions": ["managed_availability", "account_management"],
            "origin": "http://localhost"
        }),
    );
    let mock = respond_json(
        mock,
        json!({"element_token": {"token": "element-token-minimal", "permissions": null, "origin": null}}),
    )
    .await;
    let request = CreateElementToken::new(
        [
            ElementPermission::ManagedAvailability,
            ElementPermission::AccountManagement,
        ],
        "http://localhost",
    );

    let result =
        cronofy::ui_elements::create_element_token(&client(&server), &app(), &request).await;

    mock.assert_async().await;
    let token = result.unwrap().element_token;
    assert_eq!(token.token.secret(), "element-token-minimal");
    assert!(token.permissions.is_empty());
    assert_eq!(token.origin, None);
    assert_eq!(token.expires_in, None);
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

// ---------------------------------------------------------------------------------------------
// Scheduler requests

fn scheduler_request() -> CreateSchedulerRequest {
    CreateSchedulerRequest::new(
        "Driving lessons - Marty & Doc",
        [
            SchedulerRecipient::new("doc@evenitron.com").display_name("Dr Emmet Brown"),
            SchedulerRecipient::new("marty@evenitron.com"),
        ],
    )
    .description("Don't forget your video camera")
    .location("Hill Valley")
    .duration(Minutes::new(60))
    .field("tags", json!([{"value": "Urgent"}]))
}

fn scheduler_body(host: Option<&str>) -> serde_json::Value {
    let mut body = json!({
        "recipients": [
            {"email": "doc@evenitron.com", "display_name": "Dr Emmet Brown"},
            {"email": "marty@evenitron.com"}
        ],
        "event": {
            "summary": "Driving lessons - Marty & Doc",
            "description": "Don't forget your video camera",
            "location": {"description": "Hill Valley"},
            "duration": {"minutes": 60}
        },
        "tags": [{"value": "Urgent"}]
    });
    if let Some(sub) = host {
        body["host"] = json!({"sub": sub});
    }
    body
}

fn scheduler_response() -> serde_json::Value {
    json!({
        "scheduler_request": {
            "scheduler_request_id": "srq_64b17b558090ea21640c914a",
            "primary_select_url": "https://app.cronofy.com/r/234ebnd",
            "recipients": [
                {
                    "email": "doc@evenitron.com",
                    "display_name": "Dr Emmet Brown",
                    "select_url": "https://app.cronofy.com/r/234ebnd"
                },
                {"email": "marty@evenitron.com", "display_name": null}
            ],
            "dashboard_url": "https://app.cronofy.com/scheduler/requests/64b17b558090ea21640c914a"
        }
    })
}

fn assert_scheduler_request_decoded(response: cronofy::scheduling::SchedulerRequestResponse) {
    let request = response.scheduler_request;
    assert_eq!(request.scheduler_request_id, "srq_64b17b558090ea21640c914a");
    assert_eq!(
        request.primary_select_url.as_deref(),
        Some("https://app.cronofy.com/r/234ebnd")
    );
    assert_eq!(request.recipients.len(), 2);
    assert_eq!(
        request.recipients[0].display_name.as_deref(),
        Some("Dr Emmet Brown")
    );
    assert_eq!(
        request.recipients[0].select_url.as_deref(),
        Some("https://app.cronofy.com/r/234ebnd")
    );
    assert_eq!(request.recipients[1].email, "marty@evenitron.com");
    assert_eq!(request.recipients[1].display_name, None);
    assert_eq!(request.recipients[1].select_url, None);
    assert_eq!(
        request.other["dashboard_url"],
        "https://app.cronofy.com/scheduler/requests/64b17b558090ea21640c914a"
    );
}

#[tokio::test]
async fn create_scheduler_request_with_the_org_token_names_the_host_in_the_body() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/scheduler_requests",
        ORG_TOKEN,
        None,
        scheduler_body(Some(MEMBER_SUB)),
    );
    let mock = respond_json(mock, scheduler_response()).await;
    let request = scheduler_request().host(MEMBER_SUB);

    let result = cronofy::scheduling::create_scheduler_request(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
        &request,
    )
    .await;

    mock.assert_async().await;
    assert_scheduler_request_decoded(result.unwrap());
}

#[tokio::test]
async fn create_scheduler_request_as_an_impersonated_member_hosts_it_as_them() {
    // The organization's token or an internal application's secret, plus the host's `sub`.
    for caller in [Caller::OrgMember, Caller::AppMember, Caller::User] {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/scheduler_requests",
            caller.bearer(),
            caller.impersonated(),
            scheduler_body(None),
        );
        let mock = respond_json(mock, scheduler_response()).await;
        let client = client(&server);
        let request = scheduler_request();

        let result = as_caller!(caller, |credential| {
            cronofy::scheduling::create_scheduler_request(&client, credential, &request).await
        });

        mock.assert_async().await;
        assert_scheduler_request_decoded(result.unwrap_or_else(|e| panic!("{caller:?}: {e}")));
    }
}

#[tokio::test]
async fn create_scheduler_request_with_a_minimal_answer() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/scheduler_requests",
        ORG_TOKEN,
        None,
        json!({
            "recipients": [{"email": "doc@evenitron.com"}],
            "event": {"summary": "Catch up"}
        }),
    );
    let mock = respond_json(
        mock,
        json!({"scheduler_request": {"scheduler_request_id": "srq_1", "recipients": null}}),
    )
    .await;
    let request =
        CreateSchedulerRequest::new("Catch up", [SchedulerRecipient::new("doc@evenitron.com")])
            // Ignored: the builder sets `event` itself.
            .field("event", json!({"summary": "something else"}));

    let result = cronofy::scheduling::create_scheduler_request(
        &client(&server),
        &OrgToken::new(ORG_TOKEN),
        &request,
    )
    .await;

    mock.assert_async().await;
    let request = result.unwrap().scheduler_request;
    assert_eq!(request.scheduler_request_id, "srq_1");
    assert_eq!(request.primary_select_url, None);
    assert!(request.recipients.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Application calendars

#[test]
fn application_calendar_is_described_with_the_client_credential_calls() {
    let endpoint = &cronofy::calendars::CREATE_APPLICATION_CALENDAR;
    assert_eq!(endpoint.name, "create_application_calendar");
    assert_eq!(endpoint.method.as_str(), "POST");
    assert_eq!(endpoint.path, "/v1/application_calendars");
    assert_eq!(endpoint.auth, [AuthKind::App]);
    assert!(endpoint.has_body && !endpoint.has_query);
    // Not a `#[cronofy_endpoint]`: it sends client credentials in the body, no bearer.
    assert!(
        cronofy::endpoints()
            .iter()
            .all(|e| e.name != "create_application_calendar")
    );
}

#[tokio::test]
async fn application_calendar_answer_decodes_into_a_token_set() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/application_calendars")
        .match_header("authorization", Matcher::Missing)
        .match_body(Matcher::PartialJson(json!({
            "application_calendar_id": "my-unique-string"
        })))
        .with_body(
            json!({
                "token_type": "bearer",
                "access_token": "apc-access-token-P531x88i05Ld2yXHIQ7W",
                "expires_in": 3600,
                "refresh_token": "apc-refresh-token-3gBYG1XamYDUEXUyybbummQWEe5YqPmf",
                "scope": "read_write",
                "application_calendar_id": "my-unique-string",
                "sub": "apc_64b17fbb8090ea21640c9152",
                "linking_profile": {
                    "provider_name": "cronofy",
                    "profile_id": "pro_n23kjnwrw2",
                    "profile_name": "n23kjnwrw2"
                },
                "new_field": true
            })
            .to_string(),
        )
        .expect(1)
        .create_async()
        .await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    let app = AppCredentials::new("app-client-id", "app-client-secret-W9q");
    let calendar = cronofy::calendars::create_application_calendar(
        &client,
        &app,
        &cronofy::calendars::CreateApplicationCalendar::new("my-unique-string"),
    )
    .await
    .unwrap();

    assert_eq!(calendar.application_calendar_id, "my-unique-string");
    let tokens = &calendar.tokens;
    assert_eq!(tokens.sub(), Some("apc_64b17fbb8090ea21640c9152"));
    assert_eq!(
        tokens
            .linking_profile()
            .and_then(|p| p.provider_name.as_deref()),
        Some("cronofy")
    );
    assert_eq!(
        tokens.access_token(),
        "apc-access-token-P531x88i05Ld2yXHIQ7W"
    );
    assert_eq!(
        tokens.refresh_token(),
        Some("apc-refresh-token-3gBYG1XamYDUEXUyybbummQWEe5YqPmf")
    );
    assert_eq!(tokens.scope(), [cronofy::oauth::Scope::ReadWrite]);
    assert!(tokens.expires_at().is_some());
    let printed = format!("{calendar:?}");
    assert!(!printed.contains("apc-access-token"), "{printed}");
    assert!(!printed.contains("apc-refresh-token"), "{printed}");
    mock.assert_async().await;
}
