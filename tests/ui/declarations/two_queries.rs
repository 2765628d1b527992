use cronofy::cronofy_endpoint;

#[derive(serde::Serialize)]
pub struct Window {
    pub from: String,
}

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/free_busy")]
pub async fn free_busy(#[query] window: &Window, #[query] more: &Window);

fn main() {}
