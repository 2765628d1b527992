// `paged` names the items' field, so the return type must be one page: `Page<Item>`.
use cronofy::cronofy_endpoint;

#[derive(serde::Deserialize)]
pub struct Rooms {
    pub rooms: Vec<String>,
}

#[cronofy_endpoint(auth = "org", method = "GET", path = "/v1/rooms", paged = "rooms")]
pub async fn list_rooms() -> Rooms;

fn main() {}
