//! Every request body type, checked against the list of names it models
//! ([`ExtensibleBody::MODELED`]): a fully set body sends exactly those names (so none is
//! missing from the list, and `field` refuses none that a setter sends), `field` refuses each
//! of them before anything is sent, and sends any other name at the top level.

use std::collections::BTreeSet;

use cronofy::ExtensibleBody;
use cronofy::availability::{
    AvailabilityBuffer, AvailabilityResponseFormat, AvailabilityRule, Participants,
    QueryAvailability, QueryPeriod, QuerySequencedAvailability, SequenceStep, TimeOfDay, Weekday,
    WeeklyPeriod,
};
use cronofy::calendars::{CreateApplicationCalendar, CreateCalendar};
use cronofy::events::{
    BulkDeleteEvents, ChangeParticipationStatus, DeleteEvent, ExecuteBatch, ParticipationStatus,
    UpsertEvent,
};
use cronofy::notifications::CreateChannel;
use cronofy::oauth::{
    AuthorizeConferencingService, CalendarPermission, ConferencingProvider, PermissionLevel,
    RequestPermissions, Scope,
};
use cronofy::scheduling::{
    CreateAddToCalendar, CreateRealTimeScheduling, CreateRealTimeSequencing,
    DisableRealTimeScheduling, EventCreation, HourFormat, RealTimeSchedulingEvent, SelectionMode,
    SmartInviteEvent, SmartInviteRecipientSpec, TargetCalendar, UpsertSmartInvite,
};
use cronofy::time::Minutes;
use cronofy::ui_elements::{CreateElementToken, ElementPermission};
use serde_json::json;

use crate::support::utc;

/// The top-level names `body` sends.
fn sent<T: serde::Serialize>(body: &T) -> BTreeSet<String> {
    serde_json::to_value(body)
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

/// Checks one body type: `$full` are values that together set every field.
macro_rules! check_body {
    ($type:ty, [$($full:expr),+ $(,)?]) => {
        check_body!($type, [$($full),+], spliced: [])
    };
    // `spliced`: names the pipeline adds to the body when sending (the client credentials).
    ($type:ty, [$($full:expr),+ $(,)?], spliced: [$($spliced:literal),*]) => {{
        let full: Vec<$type> = vec![$($full),+];
        let mut sent_names: BTreeSet<String> = [$($spliced.to_owned()),*].into_iter().collect();
        for body in &full {
            sent_names.extend(sent(body));
        }
        let modeled: BTreeSet<String> =
            <$type as ExtensibleBody>::MODELED.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(sent_names, modeled, "{}: the names sent and the names modeled", stringify!($type));
        for name in <$type as ExtensibleBody>::MODELED {
            let refused = serde_json::to_string(&full[0].clone().field(*name, 1)).unwrap_err();
            assert_eq!(
                cronofy::__private::refusal_reason(&refused.to_string()),
                Some(format!(
                    "`{name}` is a field {0} models: set it with {0}'s own method, not `.field()`",
                    stringify!($type)
                ))
                .as_deref(),
            );
        }
        let with_new = serde_json::to_value(&full[0].clone().field("added_next_year", json!({"a": 1}))).unwrap();
        assert_eq!(with_new["added_next_year"], json!({"a": 1}), "{}", stringify!($type));
    }};
}

fn period() -> QueryPeriod {
    QueryPeriod::new(utc("2026-11-23T09:00:00Z"), utc("2026-11-23T17:00:00Z"))
}

fn full_availability() -> QueryAvailability {
    QueryAvailability::new(
        vec![Participants::all(["acc_1"])],
        Minutes::new(30),
        vec![period()],
    )
    .buffer(AvailabilityBuffer::new().before(Minutes::new(5)))
    .start_interval(Minutes::new(15))
    .response_format(AvailabilityResponseFormat::Slots)
    .max_results(3)
    .include_member_statuses(true)
}

fn link_event() -> RealTimeSchedulingEvent {
    RealTimeSchedulingEvent::new("booking-1", "Call")
}

#[test]
fn every_body_type_models_exactly_the_names_it_sends() {
    check_body!(
        CreateCalendar,
        [CreateCalendar::new("pro_1", "Work").color("#49BED8")]
    );
    check_body!(
        CreateApplicationCalendar,
        [CreateApplicationCalendar::new("apc-1")],
        spliced: ["client_id", "client_secret"]
    );
    check_body!(
        DeleteEvent,
        [DeleteEvent::new("a"), DeleteEvent::external("evt_1")]
    );
    check_body!(
        BulkDeleteEvents,
        [
            BulkDeleteEvents::all(),
            BulkDeleteEvents::in_calendars(["cal_1"])
        ]
    );
    check_body!(
        ChangeParticipationStatus,
        [ParticipationStatus::Accepted.into()]
    );
    check_body!(ExecuteBatch, [ExecuteBatch::new()]);
    check_body!(
        QueryAvailability,
        [
            full_availability(),
            QueryAvailability::at_slots(
                vec![Participants::all(["acc_1"])],
                Minutes::new(30),
                [utc("2026-11-23T09:00:00Z")]
            ),
        ]
    );
    check_body!(
        QuerySequencedAvailability,
        [QuerySequencedAvailability::new(
            vec![SequenceStep::new(
                "a",
                1,
                vec![Participants::all(["acc_1"])],
                Minutes::new(30)
            )],
            vec![period()],
        )]
    );
    check_body!(
        AvailabilityRule,
        [AvailabilityRule::new(
            "work",
            "Europe/London",
            vec![WeeklyPeriod::new(
                Weekday::Monday,
                TimeOfDay::new(9, 0).unwrap(),
                TimeOfDay::new(17, 0).unwrap(),
            )],
        )
        .calendar_ids(["cal_1"])]
    );
    check_body!(
        CreateRealTimeScheduling,
        [CreateRealTimeScheduling::new(
            "https://example.com/done",
            link_event(),
            full_availability(),
            vec![TargetCalendar::new("acc_1", "cal_1")],
        )
        .tzid("Europe/London")
        .hour_format(HourFormat::TwelveHour)
        .completed_callback_url("https://example.com/cb")
        .completed_redirect_url("https://example.com/booked")
        .minimum_notice(Minutes::new(60))
        .event_creation(EventCreation::PerCalendar)
        .selection_mode(SelectionMode::NoConfirm)]
    );
    check_body!(
        DisableRealTimeScheduling,
        [DisableRealTimeScheduling::new("Closed")]
    );
    check_body!(
        CreateRealTimeSequencing,
        [
            CreateRealTimeSequencing::new(
                "https://example.com/done",
                vec![],
                vec![period()],
                vec![]
            )
            .tzid("Europe/London")
            .hour_format(HourFormat::TwentyFourHour)
            .no_times_suitable_callback_url("https://example.com/none")
            .completed_redirect_url("https://example.com/booked")
            .minimum_notice(Minutes::new(60))
            .event_creation(EventCreation::Single)
            .selection_mode(SelectionMode::NoConfirm)
        ]
    );
    check_body!(
        CreateAddToCalendar,
        [CreateAddToCalendar::new(
            "https://example.com/added",
            UpsertEvent::new(
                "w",
                "Webinar",
                utc("2026-11-26T16:00:00Z"),
                utc("2026-11-26T17:00:00Z")
            ),
        )
        .target_calendars([TargetCalendar::new("acc_1", "cal_1")])
        .hour_format(HourFormat::TwelveHour)]
    );
    let lunch = || {
        SmartInviteEvent::new(
            "Lunch",
            utc("2026-11-23T12:00:00Z"),
            utc("2026-11-23T13:00:00Z"),
        )
    };
    check_body!(
        UpsertSmartInvite,
        [
            UpsertSmartInvite::new("inv", "https://example.com/cb", "a@example.com", lunch())
                .method(cronofy::scheduling::SmartInviteMethod::Request)
                .organizer("Example"),
            UpsertSmartInvite::for_recipients(
                "inv",
                [SmartInviteRecipientSpec::new("b@example.com")],
                lunch()
            ),
        ]
    );
    check_body!(
        CreateChannel,
        [CreateChannel::new("https://example.com/push").only_managed(true)]
    );
    check_body!(
        RequestPermissions,
        [RequestPermissions::new(
            [CalendarPermission::new(
                "cal_1",
                PermissionLevel::Unrestricted
            )],
            "https://example.com/permissions",
        )]
    );
    check_body!(
        AuthorizeConferencingService,
        [
            AuthorizeConferencingService::new("https://example.com/conferencing")
                .provider_name(ConferencingProvider::Zoom)
        ]
    );
    check_body!(
        CreateElementToken,
        [
            CreateElementToken::new([ElementPermission::Agenda], "https://example.com")
                .subs(["acc_1"])
                .bookable_event_ids(["bke_1"])
        ]
    );
    use cronofy::applications::VerifyApplication;
    use cronofy::attachments::{AttachmentInteraction, CreateAttachment};
    use cronofy::availability::{DeleteAvailablePeriod, UpsertAvailablePeriod};
    use cronofy::organizations::{
        AuthorizeViaServiceAccount, RequestDelegatedAuthorization, ServiceAccountAuthorization,
    };
    use cronofy::scheduling::{
        BookableEventStatus, CollaboratorGroup, ConversationParticipant, CreateSchedulerRequest,
        CreateSchedulingConversation, CreateSchedulingRequest, HostGroup, QuerySchedulingRequests,
        RegistrationStatus, SchedulerRecipient, UpsertBookableEvent,
        UpsertBookableEventRegistration,
    };
    check_body!(
        AuthorizeViaServiceAccount,
        [
            AuthorizeViaServiceAccount::new(
                "a@example.com",
                "https://example.com/cb",
                [Scope::ReadEvents]
            )
            .state("s"),
            AuthorizeViaServiceAccount::many([ServiceAccountAuthorization::new(
                "b@example.com",
                "https://example.com/cb",
                [Scope::ReadEvents]
            ),]),
        ]
    );
    check_body!(
        CreateAttachment,
        [
            CreateAttachment::new("agenda.txt", "text/plain", b"Agenda").webhook(
                "https://example.com/attachments",
                [AttachmentInteraction::AttachmentApproved]
            )
        ]
    );
    let scheduling = |recipient: &str| [SchedulerRecipient::new(recipient).slot_selector(true)];
    check_body!(
        CreateSchedulerRequest,
        [
            CreateSchedulerRequest::new("Test", scheduling("a@example.com"))
                .host("acc_1")
                .collaborator_group(CollaboratorGroup::new("Examiners", ["acc_3"], 1))
                .tag("Urgent")
                .availability_mode("next_14_days")
                .scheduler_group_rule("sgr_1"),
            CreateSchedulerRequest::new("Test", scheduling("a@example.com"))
                .host_group(HostGroup::members("Instructors", ["acc_1", "acc_2"], 1)),
        ]
    );
    check_body!(
        CreateSchedulingRequest,
        [
            CreateSchedulingRequest::new("Test", scheduling("a@example.com"))
                .host("acc_1")
                .collaborator_group(CollaboratorGroup::new("Examiners", ["acc_3"], 1))
                .tag("Urgent")
                .availability_mode("next_14_days"),
            CreateSchedulingRequest::new("Test", scheduling("a@example.com"))
                .host_group(HostGroup::selection_rule("sel_1")),
        ]
    );
    check_body!(
        QuerySchedulingRequests,
        [QuerySchedulingRequests::new(["srq_1"])]
    );
    check_body!(
        CreateSchedulingConversation,
        [CreateSchedulingConversation::new([
            ConversationParticipant::with_sub("acc_1"),
            ConversationParticipant::with_email("b@example.com"),
        ])
        .tzid("Europe/London")
        .subject("Intro")
        .location("Online")
        .required_duration(Minutes::new(30))
        .available_period(period())]
    );
    check_body!(
        DeleteAvailablePeriod,
        [
            DeleteAvailablePeriod::new("p1"),
            DeleteAvailablePeriod::all()
        ]
    );
    check_body!(
        UpsertAvailablePeriod,
        [UpsertAvailablePeriod::new(
            "p1",
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T17:00:00Z")
        )]
    );
    check_body!(
        RequestDelegatedAuthorization,
        [RequestDelegatedAuthorization::new(
            "pro_1",
            "room@example.com",
            "https://example.com/cb",
            [Scope::ReadEvents],
        )
        .state("s")]
    );
    check_body!(
        UpsertBookableEvent,
        [UpsertBookableEvent::new(
            "kickoff",
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T10:00:00Z"),
            BookableEventStatus::Confirmed,
            10,
        )]
    );
    check_body!(
        UpsertBookableEventRegistration,
        [
            UpsertBookableEventRegistration::new("reg_1", RegistrationStatus::Pending)
                .metadata("email", "a@example.com")
        ]
    );
    check_body!(
        VerifyApplication,
        [
            VerifyApplication::new(["https://example.com/cb"], "dev@example.com")
                .contact_display_name("Dev")
        ]
    );
    // Scopes are joined with spaces in the links' `oauth.scope`.
    let scoped =
        CreateRealTimeScheduling::new("https://x.test", link_event(), full_availability(), vec![])
            .scope([Scope::CreateEvent, Scope::ReadFreeBusy]);
    assert_eq!(
        serde_json::to_value(&scoped).unwrap()["oauth"]["scope"],
        "create_event read_free_busy"
    );
}
