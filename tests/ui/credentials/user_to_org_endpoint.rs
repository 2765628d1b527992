// Listing an organization's members needs the organization's token.
use cronofy::{Client, UserToken};

async fn run(client: &Client) {
    let user = UserToken::new("access-token");
    let _ = cronofy::organizations::list_organizational_unit_members(client, &user).await;
}

fn main() {}
