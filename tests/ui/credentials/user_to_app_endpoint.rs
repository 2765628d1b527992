// Real-time scheduling status is for the application, not for a user's token.
use cronofy::{Client, UserToken};

async fn run(client: &Client) {
    let user = UserToken::new("access-token");
    let _ = cronofy::scheduling::read_real_time_scheduling(client, &user, "sch_1").await;
}

fn main() {}
