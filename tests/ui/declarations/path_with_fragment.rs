// A fragment is never sent to the server.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars#primary")]
pub async fn list_calendars();

fn main() {}
