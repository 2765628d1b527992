// Every mistake of one declaration is reported in one compile, and the caller below, which
// calls the function as declared, gets no error of its own.
use cronofy::{cronofy_endpoint, Client, UserToken};

#[cronofy_endpoint(auth = "usr", method = "FETCH", path = "/v1/calendars/{calendar_id}", colour = "red")]
pub fn calendar(id: &str);

async fn caller(client: &Client) {
    let _ = calendar(client, &UserToken::new("access-token"), "cal_1").await;
}

fn main() {}
