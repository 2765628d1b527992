use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user")]
pub async fn list_calendars();

fn main() {}
