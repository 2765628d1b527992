// An organization token alone does not say which member's calendars to read.
use cronofy::{Client, OrgToken};

async fn run(client: &Client) {
    let org = OrgToken::new("org-token");
    let _ = cronofy::calendars::list_calendars(client, &org).await;
}

fn main() {}
