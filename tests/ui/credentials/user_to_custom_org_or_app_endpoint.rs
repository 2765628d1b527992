// A user's own declaration with two kinds refuses the third.
use cronofy::{cronofy_endpoint, Client, UserToken};

#[derive(serde::Deserialize)]
pub struct Resources {}

#[cronofy_endpoint(auth = "app" | "org", method = "GET", path = "/v1/organizational_unit_resources")]
pub async fn list_resources() -> Resources;

async fn run(client: &Client) {
    let user = UserToken::new("access-token");
    let _ = list_resources(client, &user).await;
}

fn main() {}
