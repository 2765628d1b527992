//! A worked example of endpoints declared in your own crate, and of testing their credential
//! rules. Cronofy adds endpoints faster than any client; with `#[cronofy_endpoint]` you declare
//! one yourself (here, two imagined room endpoints of Organization Connect) and get the same
//! compile-time checks as the endpoints `cronofy` ships.
//!
//! Two kinds of test keep the rules from drifting (see `tests/`):
//!
//! 1. `tests/credential_rules.rs`: [`cronofy::assert_accepts!`] and
//!    [`cronofy::assert_rejects!`] state which credential types each endpoint takes. They
//!    compile to nothing; a rule that does not hold fails the build with a message naming the
//!    endpoint, the credential and the declared kinds. The endpoint's constant
//!    ([`LIST_ROOMS`]) also carries the kinds as data for runtime tests.
//! 2. `tests/ui.rs`: a [trybuild](https://docs.rs/trybuild) suite whose cases are the misuses
//!    your users will write, each with the compiler's message recorded in a `.stderr` file
//!    that you read as they would. Regenerate the files with
//!    `TRYBUILD=overwrite cargo test -p cronofy-example-own-endpoints --test ui`; pin the
//!    toolchain (`rust-toolchain.toml`) so the messages stay stable.

use cronofy::cronofy_endpoint;
use serde::{Deserialize, Serialize};

/// A meeting room of the organization.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Room {
    /// The room's resource id.
    pub sub: String,
    /// Its name.
    pub name: String,
}

/// The rooms of the organization.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RoomList {
    /// The rooms.
    pub rooms: Vec<Room>,
}

/// Which rooms to list.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ListRooms {
    /// Only rooms of this building.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
}

/// Lists the organization's meeting rooms (an imagined endpoint).
#[cronofy_endpoint(auth = "org", method = "GET", path = "/v1/rooms")]
pub async fn list_rooms(#[query] query: &ListRooms) -> RoomList;

/// Books a room for a user, or for the application on a user's behalf (an imagined
/// endpoint taking either kind).
#[cronofy_endpoint(auth = "user" | "app", method = "POST", path = "/v1/rooms/{room_id}/bookings")]
pub async fn book_room(room_id: &str, #[body] booking: &Booking);

/// A booking of a room.
#[derive(Debug, Clone, Serialize)]
pub struct Booking {
    /// When it starts, e.g. `2026-12-01T09:00:00Z`.
    pub start: String,
    /// When it ends.
    pub end: String,
}
