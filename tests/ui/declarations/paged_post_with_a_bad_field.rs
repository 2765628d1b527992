// Paged endpoints are GETs (their `next_page` links are), and `paged` names a JSON field.
use cronofy::{Page, cronofy_endpoint};

#[derive(serde::Deserialize)]
pub struct Room {
    pub sub: String,
}

#[cronofy_endpoint(auth = "org", method = "POST", path = "/v1/rooms", paged = "the rooms")]
pub async fn list_rooms() -> Page<Room>;

fn main() {}
