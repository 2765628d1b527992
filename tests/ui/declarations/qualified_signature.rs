use cronofy::cronofy_endpoint;

// Qualifiers an endpoint function cannot have: each one is named where it is written.
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars")]
pub const async unsafe fn list_calendars();

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/account")]
pub async extern "C" fn read_account();

fn main() {}
