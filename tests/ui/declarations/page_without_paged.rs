// A `Page<...>` response needs `paged` to say which field holds the items.
use cronofy::{Page, cronofy_endpoint};

#[derive(serde::Deserialize)]
pub struct Room {
    pub sub: String,
}

#[cronofy_endpoint(auth = "org", method = "GET", path = "/v1/rooms")]
pub async fn list_rooms() -> Page<Room>;

fn main() {}
