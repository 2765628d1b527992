//! Scheduling conversations (alpha): creating one, reading it by id or by a participant's
//! token, as the user.

use cronofy::UserToken;
use cronofy::availability::QueryPeriod;
use cronofy::scheduling::{
    ConversationParticipant, CreateSchedulingConversation, ReadSchedulingConversationByToken,
    SlotSelectionMethod,
};
use cronofy::time::Minutes;
use mockito::Server;
use serde_json::json;

use crate::support::*;

/// A conversation with every field this crate names, and unknown ones.
fn full_conversation() -> serde_json::Value {
    json!({
        "scheduling_conversation_id": "abcd1234",
        "subject": "Project Titan review",
        "participants": [
            {
                "participant_id": "@grace",
                "sub": "acc_5ba21743f408617d1269ea1e",
                "email": "grace@company.com",
                "common_name": "Grace Devlin",
                "slots": {"selection_method": "auto", "count": 3},
                "slots_list": {"url": "https://api.cronofy.com/v1/scheduling_conversations/abcd1234/participants/p1/slots", "method": "GET"},
                "status": "pending"
            },
            {
                "participant_id": "@karl",
                "slots": {"choice_method": "manual"}
            }
        ]
    })
}

fn assert_full(conversation: &cronofy::scheduling::SchedulingConversation) {
    assert_eq!(conversation.scheduling_conversation_id, "abcd1234");
    assert_eq!(conversation.extra["subject"], "Project Titan review");
    let grace = &conversation.participants[0];
    assert_eq!(grace.participant_id.as_deref(), Some("@grace"));
    assert_eq!(grace.sub.as_deref(), Some("acc_5ba21743f408617d1269ea1e"));
    assert_eq!(grace.email.as_deref(), Some("grace@company.com"));
    assert_eq!(grace.common_name.as_deref(), Some("Grace Devlin"));
    let slots = grace.slots.as_ref().unwrap();
    assert_eq!(slots.selection_method, Some(SlotSelectionMethod::Auto));
    assert_eq!(slots.extra["count"], 3);
    let list = grace.slots_list.as_ref().unwrap();
    assert!(list.url.ends_with("/participants/p1/slots"));
    assert_eq!(list.extra["method"], "GET");
    assert_eq!(grace.extra["status"], "pending");
    let karl = &conversation.participants[1];
    assert_eq!(
        karl.slots.as_ref().unwrap().selection_method,
        Some(SlotSelectionMethod::Unknown("manual".to_owned())),
        "the Ruby SDK's `choice_method` is read too"
    );
    assert_eq!(karl.sub, None);
    assert_eq!(karl.slots_list, None);
}

#[tokio::test]
async fn create_scheduling_conversation_posts_every_field() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_json(
            &mut server,
            "POST",
            "/v1/scheduling_conversations",
            caller.bearer(),
            caller.impersonated(),
            json!({
                "participants": [
                    {
                        "participant_id": "@grace",
                        "sub": "acc_5ba21743f408617d1269ea1e",
                        "email": "grace@company.com",
                        "common_name": "Grace Devlin",
                        "managed_availability": true,
                        "slots": {"selection_method": "auto"}
                    },
                    {"participant_id": "@karl", "common_name": "Karl Cramer"}
                ],
                "tzid": "America/Chicago",
                "subject": "Project Titan review",
                "event": {"location": {"description": "Board Room"}},
                "required_duration": {"minutes": 60},
                "available_periods": [
                    {"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T18:00:00Z"}
                ],
                "language": "en"
            }),
        );
        let mock = respond_json(
            mock,
            json!({"scheduling_conversation": full_conversation(), "trace": "t1"}),
        )
        .await;
        let client = client(&server);
        let conversation = CreateSchedulingConversation::new([
            ConversationParticipant::with_id("@grace")
                .sub("acc_5ba21743f408617d1269ea1e")
                .email("grace@company.com")
                .common_name("Grace Devlin")
                .managed_availability(true)
                .auto_select_slots(),
            ConversationParticipant::with_id("@karl").common_name("Karl Cramer"),
        ])
        .tzid("America/Chicago")
        .subject("Project Titan review")
        .location("Board Room")
        .required_duration(Minutes::new(60))
        .available_period(QueryPeriod::new(
            utc("2026-11-23T09:00:00Z"),
            utc("2026-11-23T18:00:00Z"),
        ))
        .field("language", "en");

        let result = as_caller!(caller, |credential| {
            cronofy::scheduling::create_scheduling_conversation(&client, credential, &conversation)
                .await
        });

        mock.assert_async().await;
        let created = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        assert_full(&created.scheduling_conversation);
        assert_eq!(created.extra["trace"], "t1");
    }
}

#[tokio::test]
async fn create_scheduling_conversation_with_only_participants_and_a_minimal_answer() {
    let mut server = Server::new_async().await;
    let mock = expect_json(
        &mut server,
        "POST",
        "/v1/scheduling_conversations",
        USER_TOKEN,
        None,
        json!({"participants": [{"sub": "acc_1"}, {"email": "karl@company.com"}]}),
    );
    let mock = respond_json(
        mock,
        json!({"scheduling_conversation": {"scheduling_conversation_id": "abcd1234"}}),
    )
    .await;
    let conversation = CreateSchedulingConversation::new([
        ConversationParticipant::with_sub("acc_1"),
        ConversationParticipant::with_email("karl@company.com"),
    ]);

    let result = cronofy::scheduling::create_scheduling_conversation(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &conversation,
    )
    .await;

    mock.assert_async().await;
    let created = result.unwrap().scheduling_conversation;
    assert_eq!(created.scheduling_conversation_id, "abcd1234");
    assert!(created.participants.is_empty());
    assert!(created.extra.is_empty());
}

#[tokio::test]
async fn create_scheduling_conversation_refuses_bad_participants_before_sending() {
    let mut server = Server::new_async().await;
    let nothing = expect_nothing_sent(&mut server, "POST").await;
    let client = client(&server);
    let user = UserToken::new(USER_TOKEN);
    let one = || ConversationParticipant::with_id("@a");
    for (conversation, expected) in [
        (
            CreateSchedulingConversation::new([]),
            "`participants` must have 1 to 2 participants, not 0",
        ),
        (
            CreateSchedulingConversation::new([one(), one(), one()]),
            "`participants` must have 1 to 2 participants, not 3",
        ),
        (
            CreateSchedulingConversation::new([ConversationParticipant::with_email("karl")]),
            "`participants.email` must be an email address, not \"karl\"",
        ),
        (
            CreateSchedulingConversation::new([ConversationParticipant::with_id(" ")]),
            "`participants.participant_id` must not be empty",
        ),
        (
            CreateSchedulingConversation::new([one()]).field("subject", "x"),
            "`subject` is a field CreateSchedulingConversation models: set it with CreateSchedulingConversation's own method, not `.field()`",
        ),
    ] {
        let reason = refusal(
            cronofy::scheduling::create_scheduling_conversation(&client, &user, &conversation)
                .await,
        );
        assert_eq!(reason, expected);
    }
    nothing.assert_async().await;
}

#[tokio::test]
async fn read_scheduling_conversation_gets_it_by_id() {
    for caller in Caller::ALL {
        let mut server = Server::new_async().await;
        let mock = expect_bodyless(
            &mut server,
            "GET",
            "/v1/scheduling_conversations/abcd1234",
            caller.bearer(),
            caller.impersonated(),
        );
        let mock = respond_json(
            mock,
            json!({"scheduling_conversation": full_conversation()}),
        )
        .await;
        let client = client(&server);

        let result = as_caller!(caller, |credential| {
            cronofy::scheduling::read_scheduling_conversation(&client, credential, "abcd1234").await
        });

        mock.assert_async().await;
        let read = result.unwrap_or_else(|e| panic!("{caller:?}: {e}"));
        assert_full(&read.scheduling_conversation);
        assert!(read.extra.is_empty());
    }
}

#[tokio::test]
async fn read_scheduling_conversation_by_token_sends_the_token_and_decodes_the_participant() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/scheduling_conversations?token=hagsdau7g3d",
        USER_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({
            "participant": {"participant_id": "83o38hoa", "role": "invitee"},
            "scheduling_conversation": full_conversation(),
            "expires_at": "2026-12-01T00:00:00Z"
        }),
    )
    .await;

    let result = cronofy::scheduling::read_scheduling_conversation_by_token(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &ReadSchedulingConversationByToken::new("hagsdau7g3d"),
    )
    .await;

    mock.assert_async().await;
    let found = result.unwrap();
    let participant = found.participant.unwrap();
    assert_eq!(participant.participant_id.as_deref(), Some("83o38hoa"));
    assert_eq!(participant.extra["role"], "invitee");
    assert_full(&found.scheduling_conversation);
    assert_eq!(found.extra["expires_at"], "2026-12-01T00:00:00Z");
}

#[tokio::test]
async fn read_scheduling_conversation_by_token_without_a_participant() {
    let mut server = Server::new_async().await;
    let mock = expect_bodyless(
        &mut server,
        "GET",
        "/v1/scheduling_conversations?token=a%2Bb",
        USER_TOKEN,
        None,
    );
    let mock = respond_json(
        mock,
        json!({"scheduling_conversation": {"scheduling_conversation_id": "abcd1234", "participants": null}}),
    )
    .await;

    let result = cronofy::scheduling::read_scheduling_conversation_by_token(
        &client(&server),
        &UserToken::new(USER_TOKEN),
        &ReadSchedulingConversationByToken::new("a+b"),
    )
    .await;

    mock.assert_async().await;
    let found = result.unwrap();
    assert_eq!(found.participant, None);
    assert!(found.scheduling_conversation.participants.is_empty());
    assert!(found.extra.is_empty());
}
