use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars/cal_{id}")]
pub async fn calendar(id: &str);

fn main() {}
