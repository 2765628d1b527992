use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "admin", method = "GET", path = "/v1/calendars")]
pub async fn list_calendars();

fn main() {}
