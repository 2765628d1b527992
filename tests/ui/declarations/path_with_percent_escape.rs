// Percent escapes are refused (one could decode to `/` or `..`): write the character itself.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/free%5Fbusy")]
pub async fn free_busy();

fn main() {}
