// Booking takes a user's or the application's credentials, not the organization's.
use cronofy::{Client, OrgToken};
use cronofy_example_own_endpoints::{Booking, book_room};

async fn run(client: &Client, org: &OrgToken, booking: &Booking) {
    let _ = book_room(client, org, "room_1", booking).await;
}

fn main() {}
