// A rule stated wrongly fails the build, naming the endpoint, the credential and the kinds.
use cronofy::{AppCredentials, OrgToken};
use cronofy_example_own_endpoints::{book_room, list_rooms};

cronofy::assert_accepts!(list_rooms: AppCredentials);
cronofy::assert_rejects!(book_room: OrgToken, AppCredentials);

fn main() {}
