// Characters a path segment cannot hold share one message that names them all: here a
// placeholder written in angle brackets, with a space.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars/<calendar id>/events")]
pub async fn read_events();

fn main() {}
