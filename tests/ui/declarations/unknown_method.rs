use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "FETCH", path = "/v1/calendars")]
pub async fn list_calendars();

fn main() {}
