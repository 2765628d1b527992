// Client credentials in the body are never combined with a bearer kind.
use cronofy::cronofy_endpoint;

#[derive(serde::Serialize)]
pub struct Grant {
    pub grant_type: &'static str,
}

#[cronofy_endpoint(auth = "client_credentials" | "app", method = "POST", path = "/oauth/token")]
pub async fn token(#[body] grant: &Grant);

fn main() {}
