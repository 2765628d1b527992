use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "get", path = "/v1/calendars")]
pub async fn list_calendars();

fn main() {}
