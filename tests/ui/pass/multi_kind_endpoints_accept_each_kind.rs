// `auth = "user" | "app"` accepts both kinds; a user's own declarations may combine any kinds.
use cronofy::{cronofy_endpoint, AppCredentials, Client, OrgToken, UserToken};
use cronofy::availability::QueryAvailability;

#[derive(serde::Deserialize)]
pub struct Resources {}

#[cronofy_endpoint(auth = "user" | "org", method = "GET", path = "/v1/organizational_unit_resources")]
pub async fn resources_user_or_org() -> Resources;

#[cronofy_endpoint(auth = "app" | "org", method = "GET", path = "/v1/organizational_unit_resources")]
pub async fn resources_app_or_org() -> Resources;

#[cronofy_endpoint(auth = "org" | "app" | "user", method = "GET", path = "/v1/organizational_unit_resources")]
pub async fn resources_any() -> Resources;

async fn run(client: &Client, query: &QueryAvailability) -> Result<(), cronofy::Error> {
    let user = UserToken::new("access-token");
    let app = AppCredentials::new("client-id", "client-secret");
    let org = OrgToken::new("org-token");
    cronofy::availability::query_availability(client, &user, query).await?;
    cronofy::availability::query_availability(client, &app, query).await?;
    cronofy::availability::query_availability(client, &org.impersonate("acc_1"), query).await?;

    resources_user_or_org(client, &user).await?;
    resources_user_or_org(client, &org).await?;
    resources_app_or_org(client, &app).await?;
    resources_app_or_org(client, &org).await?;
    resources_any(client, &user).await?;
    resources_any(client, &app).await?;
    resources_any(client, &org).await?;
    Ok(())
}

fn main() {
    let _ = run;
}
