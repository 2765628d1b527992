// A `/` at the end makes an empty last segment, another URL than the endpoint's.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars/")]
pub async fn list_calendars();

fn main() {}
