// The items of a page are decoded into owned values too.
use cronofy::{cronofy_endpoint, Page};

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendar_names", paged = "names")]
pub async fn list_calendar_names() -> Page<&str>;

fn main() {}
