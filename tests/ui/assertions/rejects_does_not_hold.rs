// `assert_rejects!` fails the build when the endpoint accepts a listed credential, naming the
// endpoint, the credential and the kinds the endpoint is declared with.
use cronofy::{cronofy_endpoint, AppCredentials, OrgToken};

#[derive(serde::Deserialize)]
pub struct Resources {}

#[cronofy_endpoint(auth = "app" | "org", method = "GET", path = "/v1/organizational_unit_resources/{id}")]
pub async fn read_resources(id: &str) -> Resources;

cronofy::assert_rejects!(read_resources: AppCredentials);
cronofy::assert_rejects!(cronofy::calendars::list_calendars: cronofy::UserToken, OrgToken);

fn main() {}
