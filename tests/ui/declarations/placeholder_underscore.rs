// `_` is a pattern, not a name: no parameter fills `{_}`.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars/{_}")]
pub async fn read_calendar();

fn main() {}
