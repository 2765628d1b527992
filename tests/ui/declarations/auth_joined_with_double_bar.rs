use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user" || "app", method = "POST", path = "/v1/availability")]
pub async fn availability();

fn main() {}
