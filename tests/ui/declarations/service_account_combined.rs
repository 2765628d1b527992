use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "service_account" | "user", method = "GET", path = "/v1/resources")]
pub async fn list_resources();

fn main() {}
