// A user's token cannot act as an Enterprise Connect service account.
use cronofy::{Client, UserToken};

async fn run(client: &Client) {
    let user = UserToken::new("access-token");
    let _ = cronofy::organizations::list_resources(client, &user).await;
}

fn main() {}
