// The application's credentials are not an Organization Connect token.
use cronofy::{AppCredentials, Client};

async fn run(client: &Client) {
    let app = AppCredentials::new("client-id", "client-secret");
    let _ = cronofy::organizations::list_organizational_unit_members(client, &app).await;
}

fn main() {}
