// An internal application impersonating a member is a user credential, not the API key.
use cronofy::{AppCredentials, Client};

async fn run(client: &Client) {
    let app = AppCredentials::new("client-id", "client-secret");
    let _ = cronofy::scheduling::read_real_time_scheduling(client, &app.impersonate("acc_1"), "sch_1").await;
}

fn main() {}
