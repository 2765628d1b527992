// A service account's token is not a user's: it authorizes users, it does not act as one.
use cronofy::{Client, ServiceAccountToken};

async fn run(client: &Client) {
    let service = ServiceAccountToken::new("service-account-token");
    let _ = cronofy::calendars::list_calendars(client, &service).await;
}

fn main() {}
