// Assertions on an endpoint whose declaration does not compile add no errors of their own:
// the declaration's mistake is the only message.
use cronofy::{cronofy_endpoint, AppCredentials, UserToken};

#[derive(serde::Deserialize)]
pub struct Rooms {}

#[cronofy_endpoint(auth = "org", method = "GET", path = "/v1/rooms/")]
pub async fn list_rooms() -> Rooms;

cronofy::assert_accepts!(list_rooms: UserToken);
cronofy::assert_rejects!(list_rooms: AppCredentials);

fn main() {}
