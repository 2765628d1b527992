// A borrow inside the return type is pointed at where it is written.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendar_names")]
pub async fn list_calendar_names() -> Vec<&str>;

fn main() {}
