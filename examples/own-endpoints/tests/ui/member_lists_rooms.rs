// Listing rooms needs the organization's token; a member's impersonation is a user credential.
use cronofy::{Client, OrgToken};
use cronofy_example_own_endpoints::{ListRooms, list_rooms};

async fn run(client: &Client, org: &OrgToken) {
    let member = org.impersonate("acc_5ba21743f408617d1269ea1e");
    let _ = list_rooms(client, &member, &ListRooms::default()).await;
}

fn main() {}
