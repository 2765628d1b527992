//! The credential rules of this crate's endpoints, checked when this test compiles, and their
//! kinds as data at run time.

use std::sync::Arc;

use cronofy::auth::{AuthKind, OrgAuth, UserAuth, UserOrAppAuth};
use cronofy::oauth::{MemoryTokenStore, RefreshingOrgToken, RefreshingUserToken};
use cronofy::{
    AppCredentials, Impersonation, OrgToken, ServiceAccountToken, UserToken, assert_accepts,
    assert_rejects,
};
use cronofy_example_own_endpoints::{BOOK_ROOM, LIST_ROOMS, book_room, list_rooms};

// Rooms are the organization's: its token, refreshing or not, in a `Box` or an `Arc` or not.
assert_accepts!(list_rooms: OrgToken, RefreshingOrgToken<MemoryTokenStore>, Arc<OrgToken>, dyn OrgAuth);
// ...and no one else's: not a member's (an impersonation acts as the member), not the
// application's, not a service account's.
assert_rejects!(
    list_rooms: UserToken,
    Impersonation<'static, OrgToken>,
    AppCredentials,
    ServiceAccountToken,
    dyn UserAuth,
);

// Booking takes a user or the application; code generic over either kind may call it.
assert_accepts!(
    book_room: UserToken,
    RefreshingUserToken<MemoryTokenStore>,
    Impersonation<'static, OrgToken>,
    AppCredentials,
    dyn UserAuth,
    dyn UserOrAppAuth,
);
assert_rejects!(book_room: OrgToken, ServiceAccountToken, dyn OrgAuth);

#[test]
fn the_declared_kinds_are_data_too() {
    assert_eq!(LIST_ROOMS.auth, [AuthKind::Org]);
    assert_eq!(BOOK_ROOM.auth, [AuthKind::User, AuthKind::App]);
    assert_eq!(BOOK_ROOM.path, "/v1/rooms/{room_id}/bookings");
}
