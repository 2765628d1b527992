// The application's API key cannot read a user's calendars.
use cronofy::{AppCredentials, Client};

async fn run(client: &Client) {
    let app = AppCredentials::new("client-id", "client-secret");
    let _ = cronofy::calendars::list_calendars(client, &app).await;
}

fn main() {}
