// A `..` segment is removed by URL resolution with the segment before it: this path would send
// the user's bearer token to `/oauth/token`.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/../oauth/token")]
pub async fn refresh();

fn main() {}
