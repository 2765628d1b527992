// An internal application impersonating a member is a user credential, not the API key.
use cronofy::{AppCredentials, Client};

async fn run(client: &Client) {
    let app = AppCredentials::new("client-id", "client-secret");
    let _ = cronofy::real_time_scheduling_status(client, &app.impersonate("acc_1"), "sch_1").await;
}

fn main() {}
