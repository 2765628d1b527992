// Credentials are passed by reference, so one can serve many calls.
use cronofy::{Client, UserToken};

async fn run(client: &Client) {
    let user = UserToken::new("access-token");
    let _ = cronofy::calendars::list_calendars(client, user).await;
}

fn main() {}
