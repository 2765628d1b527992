// A paged endpoint of one's own: the one-page function and the all-pages stream; an endpoint
// taking client credentials in the body; and the `crate` key for a crate re-exporting cronofy.
use cronofy::{AppCredentials, Client, OrgToken, Page, cronofy_endpoint};

mod reexport {
    pub use cronofy;
}

#[derive(serde::Deserialize)]
pub struct Room {
    pub sub: String,
}

/// Lists rooms, a page at a time.
#[cronofy_endpoint(auth = "org", method = "GET", path = "/v1/rooms", paged = "rooms")]
pub async fn list_rooms() -> Page<Room>;

#[derive(serde::Serialize)]
pub struct Introspect<'a> {
    pub token: &'a str,
}

/// A client-credentials endpoint.
#[cronofy_endpoint(
    auth = "client_credentials",
    method = "POST",
    path = "/oauth/token/introspect"
)]
pub async fn introspect(#[body] request: &Introspect<'_>) -> serde_json::Value;

/// Declared through a re-export.
#[cronofy_endpoint(crate = "crate::reexport::cronofy", auth = "user", method = "GET", path = "/v1/account")]
pub async fn read_account_again() -> serde_json::Value;

async fn run(client: &Client, org: &OrgToken, app: &AppCredentials) -> Result<(), cronofy::Error> {
    let first: Page<Room> = list_rooms(client, org).await?;
    let _ = (first.items.len(), first.next_page());
    let every: Vec<Room> = list_all_rooms(client, org).collect_items().await?;
    let mut items = list_all_rooms(client, org).items();
    while let Some(room) = items.next_item().await {
        let _ = room?.sub;
    }
    let _ = every;
    let _ = introspect(client, app, &Introspect { token: "t" }).await?;
    let _ = read_account_again(client, &cronofy::UserToken::new("t")).await?;
    assert_eq!(LIST_ROOMS.paged, Some("rooms"));
    Ok(())
}

fn main() {
    let _ = run;
}
