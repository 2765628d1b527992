// Nor can the application's API key list the organization's resources.
use cronofy::{AppCredentials, Client};

async fn run(client: &Client) {
    let app = AppCredentials::new("client-id", "client-secret");
    let _ = cronofy::organizations::list_resources(client, &app).await;
}

fn main() {}
