//! Endpoints declared by a user of the crate with `#[cronofy_endpoint]`, a paged one among
//! them, called against a mockito server and against the fake Cronofy: they go through the
//! same pipeline as the crate's own (headers, paging rules, errors).

use cronofy::{Client, Page, UserToken, cronofy_endpoint};
use cronofy_fake::FakeCronofy;
use mockito::{Matcher, Server};
use serde_json::json;

/// One event, with only the fields this test reads.
#[derive(Debug, serde::Deserialize)]
pub struct Event {
    pub event_id: Option<String>,
}

#[derive(serde::Serialize)]
pub struct Window {
    pub tzid: &'static str,
    /// The seeded events are the application's own, which Cronofy only returns when asked.
    pub include_managed: bool,
}

/// The user's events, a page at a time.
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events", paged = "events")]
pub async fn read_events(#[query] window: &Window) -> Page<Event>;

/// A list Cronofy pages under another name.
#[derive(Debug, serde::Deserialize)]
pub struct Room {
    pub sub: String,
}

/// Rooms, paged in the field `rooms`.
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/rooms", paged = "rooms")]
pub async fn list_rooms() -> Page<Room>;

#[tokio::test]
async fn a_declared_paged_endpoint_streams_every_page_from_a_server_and_stops_on_an_empty_link() {
    let mut server = Server::new_async().await;
    let base = server.url();
    let mut mocks = Vec::new();
    for (path, body) in [
        (
            "/v1/rooms",
            json!({"pages": {"current": 1, "total": 3, "next_page": format!("{base}/v1/rooms/pages/2")},
                   "rooms": [{"sub": "res_1"}, {"sub": "res_2"}], "extra_field": true}),
        ),
        (
            "/v1/rooms/pages/2",
            json!({"pages": {"current": 2, "total": 3, "next_page": format!("{base}/v1/rooms/pages/3")},
                   "rooms": [{"sub": "res_3"}]}),
        ),
        // The last page as Cronofy's own SDK fixtures show it: an empty link.
        (
            "/v1/rooms/pages/3",
            json!({"pages": {"current": 3, "total": 3, "next_page": ""}, "rooms": [{"sub": "res_4"}]}),
        ),
    ] {
        mocks.push(
            server
                .mock("GET", path)
                .match_header("authorization", "Bearer user-token-R00ms")
                .match_header("user-agent", Matcher::Regex("^cronofy-rs/".to_owned()))
                .with_body(body.to_string())
                .expect(1)
                .create_async()
                .await,
        );
    }
    let client = Client::builder().base_url(&base).build().unwrap();
    let user = UserToken::new("user-token-R00ms");

    let first = list_rooms(&client, &user).await.unwrap();
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.extra["extra_field"], true);

    let mut pages = list_all_rooms(&client, &user);
    let mut numbers = Vec::new();
    while let Some(page) = pages.next_page().await {
        numbers.push(page.unwrap().pages.unwrap().current);
    }
    assert_eq!(numbers, [1, 2, 3]);
    for mock in &mocks[1..] {
        mock.assert_async().await;
    }
    let subs: Vec<String> = list_all_rooms(&client, &user)
        .collect_items()
        .await
        .unwrap()
        .into_iter()
        .map(|room| room.sub)
        .collect();
    assert_eq!(subs, ["res_1", "res_2", "res_3", "res_4"]);
    assert_eq!(LIST_ROOMS.paged, Some("rooms"));
}

#[tokio::test]
async fn a_declared_paged_endpoint_streams_every_page_from_the_fake() {
    let fake = FakeCronofy::builder().page_size(2).start().await.unwrap();
    let alice = fake.default_user();
    for n in 0..5 {
        let event = cronofy::events::UpsertEvent::new(
            format!("e{n}"),
            "Seeded",
            cronofy::time::UtcTime::parse(&format!("2026-11-2{n}T09:00:00Z")).unwrap(),
            cronofy::time::UtcTime::parse(&format!("2026-11-2{n}T09:30:00Z")).unwrap(),
        );
        fake.insert_event(&alice.sub, alice.primary_calendar_id(), &event);
    }
    let token = fake
        .issue_user_token(&alice.sub, "read_events")
        .user_token();
    let client = fake.client();

    let mut pages = 0;
    let mut ids = Vec::new();
    let mut stream = read_all_events(
        &client,
        &token,
        &Window {
            tzid: "Etc/UTC",
            include_managed: true,
        },
    );
    while let Some(page) = stream.next_page().await {
        pages += 1;
        ids.extend(page.unwrap().items.into_iter().filter_map(|e| e.event_id));
    }
    ids.sort();
    assert_eq!(ids, ["e0", "e1", "e2", "e3", "e4"]);
    assert_eq!(pages, 3, "five events at two a page");
}
