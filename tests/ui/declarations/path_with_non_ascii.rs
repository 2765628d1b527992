// A path template is ASCII; a value with other characters is a placeholder's.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars/{calendar_id}/événements")]
pub async fn read_events(calendar_id: &str);

fn main() {}
