//! Availability: availability and sequenced availability queries, availability rules, available periods.

use cronofy::availability::{
    AvailabilityBuffer, AvailabilityConstraint, AvailabilityResponseFormat, AvailabilityRule,
    BufferRange, ConstraintPeriod, DeleteAvailablePeriod, Member, Participants, QueryAvailability,
    QueryPeriod, QuerySequencedAvailability, ReadAvailablePeriods, SequenceBuffer, SequenceStep,
    SyncStatus, TimeOfDay, UpsertAvailablePeriod, Weekday, WeeklyPeriod,
};
use cronofy::time::{EventTime, Minutes};
use cronofy::{AppCredentials, OrgToken, UserToken};
use mockito::Server;
use serde_json::json;

use crate::support::*;

fn availability_query() -> QueryAvailability {
    QueryAvailability::new(
        vec![
            Participants::all(["acc_5ba21743f408617d1269ea1e"]),
            Participants::at_least(1, [MEMBER_SUB, "acc_64b17d868090ea21640c9999"]),
        ],
        cronofy::time::Minutes::new(60),
        vec![
            QueryPeriod::new(utc("2026-11-23T09:00:00Z"), utc("2026-11-23T17:00:00Z")),
            QueryPeriod::new(utc("2026-11-24T09:00:00Z"), utc("2026-11-24T17:00:00Z")),
        ],
    )
    .max_results(5)
}

fn availability_body() -> serde_json::Value {
    json!({
        "participants": [
            {"members": [{"sub": "acc_5ba21743f408617d1269ea1e"}], "required": "all"},
            {
                "members": [{"sub": MEMBER_SUB}, {"sub": "acc_64b17d868090ea21640c9999"}],
                "required": 1
            }
        ],
        "required_duration": {"minutes": 60},
        "query_periods": [
            {"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T17:00:00Z"},
            {"start": "2026-11-24T09:00:00Z", "end": "2026-11-24T17:00:00Z"}
        ],
        "max_results": 5
    })
}

fn availability_response() -> serde_json::Value {
    json!({
        "available_periods": [
            {
                "start": "2026-11-23T09:00:00Z",
                "end": "2026-11-23T11:00:00Z",
                "participants": [
                    {"sub": "acc_5ba21743f408617d1269ea1e"},
                    {"sub": MEMBER_SUB}
                ]
            },
            {"start": "2026-11-24T14:00:00Z", "end": "2026-11-24T15:00:00Z"}
        ],
        "query_id": "avq_6410b9d1b2a4"
    })
}

fn assert_availability_decoded(response: &cronofy::availability::AvailabilityResponse) {
    let periods = &response.available_periods;
    assert_eq!(periods.len(), 2);
    assert_eq!(periods[0].start, utc("2026-11-23T09:00:00Z"));
    assert_eq!(periods[0].end, utc("2026-11-23T11:00:00Z"));
    let subs: Vec<&str> = periods[0]
        .participants
        .iter()
        .map(|p| p.sub.as_str())
        .collect();
    assert_eq!(subs, ["acc_5ba21743f408617d1269ea1e", MEMBER_SUB]);
    assert_eq!(periods[1].start, utc("2026-11-24T14:00:00Z"));
    assert!(periods[1].participants.is_empty());
}

#[tokio::test]
async fn availability_sends_every_documented_member_option_slot_and_buffer_form() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/availability",
        CLIENT_SECRET,
        None,
        json!({
            "participants": [{
                "members": [{
                    "sub": "acc_5ba21743f408617d1269ea1e",
                    "calendar_ids": [CALENDAR_ID],
                    "available_periods": [
                        {"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T12:00:00Z"}
                    ],
                    "managed_availability": true,
                    "availability_rule_ids": ["work_hours"],
                    "availability_constraints": [
                        {"limit": 3, "period": "day", "tzid": "Europe/London"}
                    ]
                }],
                "required": "all"
            }],
            "required_duration": {"minutes": 30},
            "query_slots": [
                {"start": "2026-11-23T09:00:00Z"},
                {"start": "2026-11-23T10:30:00Z"}
            ],
            "buffer": {
                "before": {"minimum": {"minutes": 10}, "maximum": {"minutes": 30}},
                "after": {"minutes": 5}
            },
            "start_interval": {"minutes": 15},
            "response_format": "overlapping_slots",
            "max_results": 10,
            "include_member_statuses": true,
            "excluded_events": [{"event_uid": "evt_external_1"}]
        }),
    );
    let mock = respond_json(
        mock,
        json!({
            "available_slots": [{
                "start": "2026-11-23T09:00:00Z",
                "end": "2026-11-23T09:30:00Z",
                "participants": [{"sub": "acc_5ba21743f408617d1269ea1e", "rank": 1}],
                "score": 0.9
            }],
            "member_statuses": [
                {"sub": "acc_5ba21743f408617d1269ea1e", "sync_status": "active"},
                {"sub": "acc_64b17d868090ea21640c9999", "sync_status": "paused"}
            ]
        }),
    )
    .await;
    let member = Member::new("acc_5ba21743f408617d1269ea1e")
        .calendar_ids([CALENDAR_ID])
        .available_periods([QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T12:00:00Z"),
        )])
        .managed_availability(true)
        .availability_rule_ids(["work_hours"])
        .availability_constraints([
            AvailabilityConstraint::new(3, ConstraintPeriod::Day).tzid("Europe/London")
        ]);
    let query = QueryAvailability::at_slots(
        vec![Participants::all([member])],
        Minutes::new(30),
        [utc("2026-11-23T09:00:00Z"), utc("2026-11-23T10:30:00Z")],
    )
    .buffer(
        AvailabilityBuffer::new()
            .before(
                BufferRange::new()
                    .minimum(Minutes::new(10))
                    .maximum(Minutes::new(30)),
            )
            .after(Minutes::new(5)),
    )
    .start_interval(Minutes::new(15))
    .response_format(AvailabilityResponseFormat::OverlappingSlots)
    .max_results(10)
    .include_member_statuses(true)
    // Documented by one source, with no shape: the escape hatch.
    .field("excluded_events", json!([{"event_uid": "evt_external_1"}]));

    let result = cronofy::availability::query_availability(&client(&server), &app(), &query).await;

    mock.assert_async().await;
    let found = result.unwrap();
    assert!(found.available_periods.is_empty());
    let slot = &found.available_slots[0];
    assert_eq!(
        (slot.start, slot.end),
        (utc("2026-11-23T09:00:00Z"), utc("2026-11-23T09:30:00Z"))
    );
    assert_eq!(slot.participants[0].extra["rank"], 1);
    assert_eq!(slot.extra["score"], 0.9);
    assert_eq!(found.member_statuses.len(), 2);
    assert_eq!(
        found.member_statuses[0].sync_status,
        Some(SyncStatus::Active)
    );
    assert_eq!(
        found.member_statuses[1].sync_status,
        Some(SyncStatus::Unknown("paused".to_owned()))
    );
    assert!(found.extra.is_empty());
}

#[tokio::test]
async fn participant_groups_that_cannot_be_met_are_refused_before_sending() {
    let period = || {
        vec![QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z"),
        )]
    };
    let cases = [
        (
            Participants::all(Vec::<&str>::new()),
            "a participant group has no members".to_owned(),
        ),
        (
            Participants::at_least(0, ["acc_1"]),
            "a participant group requires 0 of its 1 members: it must be from 1 to the number of members".to_owned(),
        ),
        (
            Participants::at_least(3, ["acc_1", "acc_2"]),
            "a participant group requires 3 of its 2 members: it must be from 1 to the number of members".to_owned(),
        ),
    ];
    for (group, reason) in cases {
        let mut server = Server::new_async().await;
        let mock = server
            .mock("POST", "/v1/availability")
            .expect(0)
            .create_async()
            .await;
        let query = QueryAvailability::new(vec![group], Minutes::new(30), period());
        let result =
            cronofy::availability::query_availability(&client(&server), &app(), &query).await;
        mock.assert_async().await;
        match result {
            Err(cronofy::Error::InvalidRequest { reason: got }) => assert_eq!(got, reason),
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn availability_with_a_user_credential_posts_the_query() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/availability",
            caller.bearer(),
            caller.impersonated(),
            availability_body(),
        );
        let mock = respond_json(mock, availability_response()).await;
        let client = client(&server);
        let query = availability_query();

        let result = as_caller!(caller, |credential| {
            cronofy::availability::query_availability(&client, credential, &query).await
        });

        mock.assert_async().await;
        assert_availability_decoded(&result.unwrap_or_else(|e| panic!("{caller:?}: {e}")));
    }
}

#[tokio::test]
async fn availability_with_app_credentials_sends_the_client_secret_without_impersonating() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/availability",
        CLIENT_SECRET,
        None,
        availability_body(),
    );
    let mock = respond_json(mock, availability_response()).await;

    let result = cronofy::availability::query_availability(
        &client(&server),
        &AppCredentials::new(CLIENT_ID, CLIENT_SECRET),
        &availability_query(),
    )
    .await;

    mock.assert_async().await;
    assert_availability_decoded(&result.unwrap());
}

#[tokio::test]
async fn availability_with_no_period_found_decodes_an_empty_list() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/availability",
        CLIENT_SECRET,
        None,
        availability_body(),
    );
    let mock = respond_json(mock, json!({"available_periods": []})).await;

    let result = cronofy::availability::query_availability(
        &client(&server),
        &AppCredentials::new(CLIENT_ID, CLIENT_SECRET),
        &availability_query(),
    )
    .await;

    mock.assert_async().await;
    assert!(result.unwrap().available_periods.is_empty());
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
        let mut answer = working_hours_json();
        answer["calendar_ids"] = json!([CALENDAR_ID]);
        let mock = respond_json(mock, json!({ "availability_rule": answer })).await;
        let client = client(&server);
        let rule = working_hours().calendar_ids([CALENDAR_ID]);

        let result = as_caller!(caller, |credential| {
            cronofy::availability::upsert_availability_rule(&client, credential, &rule).await
        });

        mock.assert_async().await;
        let saved = result
            .unwrap_or_else(|e| panic!("{caller:?}: {e}"))
            .expect("the rule, as Cronofy saved it")
            .availability_rule;
        assert_eq!(saved, rule);
    }
}

#[tokio::test]
async fn upsert_availability_rule_leaves_out_absent_calendars_and_accepts_an_empty_202() {
    // Cronofy's docs answer 200 with the rule; other sources answer an empty 202: both are
    // success, the second without the rule.
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/availability_rules",
        USER_TOKEN,
        None,
        working_hours_json(),
    );
    let mock = respond_accepted(mock).await;

    let result = cronofy::availability::upsert_availability_rule(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &working_hours(),
    )
    .await;

    mock.assert_async().await;
    assert_eq!(result.unwrap(), None);
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
            rules[0].weekly_periods[0],
            WeeklyPeriod::new(Weekday::Monday, time_of_day("09:30"), time_of_day("12:30"))
        );
        let sunday = &rules[0].weekly_periods[1];
        assert_eq!(
            (sunday.day.clone(), sunday.start_time, sunday.end_time),
            (Weekday::Sunday, time_of_day("00:00"), time_of_day("24:00"))
        );
        // A field this crate does not model is kept, and sent back on an upsert.
        assert_eq!(sunday.extra["label"], "all day");
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
// Available periods: deleting all of them, fields sent through `field`, and every field of a
// period read back (one block, appended; the periods' other tests are above).

#[tokio::test]
async fn delete_available_period_all_sends_delete_all() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "DELETE",
            "/v1/available_periods",
            caller.bearer(),
            caller.impersonated(),
            json!({"delete_all": true}),
        );
        let mock = respond_accepted(mock).await;
        let client = client(&server);
        let all = DeleteAvailablePeriod::all();
        assert!(all.deletes_all());
        assert_eq!(all.available_period_id(), None);

        let result = as_caller!(caller, |credential| {
            cronofy::availability::delete_available_period(&client, credential, &all).await
        });

        mock.assert_async().await;
        result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
    }
}

#[tokio::test]
async fn available_period_bodies_send_other_fields_and_refuse_modeled_ones() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/available_periods",
        USER_TOKEN,
        None,
        json!({
            "available_period_id": "slot-42",
            "start": "2026-11-19T15:30:00Z",
            "end": "2026-11-19T17:00:00Z",
            "tzid": "Europe/Paris"
        }),
    );
    let mock = respond_accepted(mock).await;
    let client = client(&server);
    let user = UserToken::new(USER_TOKEN);
    let period = UpsertAvailablePeriod::new(
        "slot-42",
        utc("2026-11-19T15:30:00Z"),
        utc("2026-11-19T17:00:00Z"),
    );

    let sent = cronofy::availability::upsert_available_period(
        &client,
        &user,
        &period.clone().field("tzid", "Europe/Paris"),
    )
    .await;

    mock.assert_async().await;
    sent.unwrap();
    let mut server = Server::new_async().await;
    let nothing = expect_nothing_sent(&mut server, "DELETE").await;
    let client = crate::support::client(&server);
    let reason = refusal(
        cronofy::availability::delete_available_period(
            &client,
            &user,
            &DeleteAvailablePeriod::new("slot-42").field("delete_all", true),
        )
        .await,
    );
    assert_eq!(
        reason,
        "`delete_all` is a field DeleteAvailablePeriod models: set it with DeleteAvailablePeriod's own method, not `.field()`"
    );
    let reason = refusal(
        cronofy::availability::upsert_available_period(&client, &user, &period.field("start", "x"))
            .await,
    );
    assert!(reason.starts_with("`start` is a field UpsertAvailablePeriod models"));
    nothing.assert_async().await;
}

#[tokio::test]
async fn read_available_periods_keeps_unknown_fields_of_a_period() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/available_periods?tzid=Europe%2FLondon&localized_times=true",
        USER_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "pages": {"current": 1, "total": 1},
            "available_periods": [
                {
                    "available_period_id": "slot-42",
                    "start": {"time": "2026-11-19T15:30:00+00:00", "tzid": "Europe/London"},
                    "end": "2026-11-19T17:00:00Z",
                    "created": "2026-11-01T09:00:00Z"
                },
                {
                    "available_period_id": "slot-43",
                    "start": "2026-11-20T15:30:00Z",
                    "end": "2026-11-20T17:00:00Z"
                }
            ]
        }),
    )
    .await;
    let query = ReadAvailablePeriods::new("Europe/London").localized_times(true);

    let result = cronofy::availability::read_available_periods(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &query,
    )
    .await;

    mock.assert_async().await;
    let page = result.unwrap();
    assert_eq!(page.items[0].extra["created"], "2026-11-01T09:00:00Z");
    assert_eq!(
        page.items[0].start,
        cronofy::time::EventTime::zoned(utc("2026-11-19T15:30:00Z"), "Europe/London")
    );
    assert!(page.items[1].extra.is_empty());
}
