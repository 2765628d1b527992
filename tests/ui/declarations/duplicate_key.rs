use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars", method = "POST")]
pub async fn list_calendars();

fn main() {}
