use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars", scope = "list_calendars")]
pub async fn list_calendars();

fn main() {}
