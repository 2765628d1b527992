// The assertions take an endpoint declared with `#[cronofy_endpoint]`, whose rules they check.
async fn list_calendars() {}

cronofy::assert_accepts!(list_calendars: cronofy::UserToken);

fn main() {}
