use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "application", method = "GET", path = "/v1/real_time_scheduling/{id}")]
pub async fn status(id: &str);

fn main() {}
