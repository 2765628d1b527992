// Enterprise Connect: the service account's own endpoints take its token, declared or built in.
use cronofy::oauth::Scope;
use cronofy::{cronofy_endpoint, Client, ServiceAccountToken};
use cronofy::organizations::AuthorizeViaServiceAccount;

#[cronofy_endpoint(auth = "service_account", method = "GET", path = "/v1/resources")]
pub async fn my_resources() -> serde_json::Value;

async fn run(client: &Client) -> Result<(), cronofy::Error> {
    let service = ServiceAccountToken::new("service-account-token");
    cronofy::organizations::list_resources(client, &service).await?;
    my_resources(client, &service).await?;
    let request = AuthorizeViaServiceAccount::new("grace@example.com", "https://e.com/cb", [Scope::ReadWrite]);
    cronofy::organizations::authorize_via_service_account(client, &service, &request).await?;
    Ok(())
}

fn main() {
    let _ = run;
}
