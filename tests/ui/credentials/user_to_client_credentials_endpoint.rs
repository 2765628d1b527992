// The token endpoint takes the application's client id and secret, never a user's token.
use cronofy::oauth::{RefreshAccessToken, refresh_access_token};
use cronofy::{Client, UserToken};

async fn run(client: &Client) {
    let user = UserToken::new("access-token");
    let grant = RefreshAccessToken::new("refresh-token");
    let _ = refresh_access_token(client, &user, &grant).await;
}

fn main() {}
