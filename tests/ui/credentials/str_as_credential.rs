// A bare string says nothing about whose token it is.
use cronofy::Client;

async fn run(client: &Client) {
    let _ = cronofy::calendars::list_calendars(client, "access-token").await;
}

fn main() {}
