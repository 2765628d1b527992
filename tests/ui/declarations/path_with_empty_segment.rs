// `//` makes an empty segment: the path says which to write.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1//calendars")]
pub async fn list_calendars();

fn main() {}
