// A `.` segment is removed by URL resolution: the request goes to a path other than the one
// written.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/./calendars")]
pub async fn list_calendars();

fn main() {}
