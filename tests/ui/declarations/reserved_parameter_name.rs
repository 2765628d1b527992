use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/clients/{client}")]
pub async fn client_info(client: &str);

fn main() {}
