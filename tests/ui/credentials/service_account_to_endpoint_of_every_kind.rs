// An endpoint accepting user, application and organization credentials still rejects a
// service account's token, and says which kinds it accepts.
use cronofy::{cronofy_endpoint, Client, ServiceAccountToken};

#[derive(serde::Deserialize)]
pub struct Resources {}

#[cronofy_endpoint(auth = "user" | "app" | "org", method = "GET", path = "/v1/organizational_unit_resources")]
pub async fn resources_for_anyone() -> Resources;

async fn run(client: &Client) {
    let service_account = ServiceAccountToken::new("service-account-token");
    let _ = resources_for_anyone(client, &service_account).await;
}

fn main() {}
