use cronofy::cronofy_endpoint;

#[derive(serde::Serialize)]
pub struct Window {
    pub from: String,
}

#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/free_busy")]
pub async fn free_busy(#[body] #[query] window: &Window);

fn main() {}
