// Real-time scheduling status is for the application, not for a user's token.
use cronofy::{Client, UserToken};

async fn run(client: &Client) {
    let user = UserToken::new("access-token");
    let _ = cronofy::real_time_scheduling_status(client, &user, "sch_1").await;
}

fn main() {}
