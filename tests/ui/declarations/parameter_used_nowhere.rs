use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "DELETE", path = "/v1/channels/{channel_id}")]
pub async fn close_channel(channel_id: &str, reason: &str);

fn main() {}
