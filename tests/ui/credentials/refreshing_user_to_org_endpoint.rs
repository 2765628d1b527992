// A self-refreshing user token is still a user credential.
use cronofy::oauth::{MemoryTokenStore, TokenSet};
use cronofy::{AppCredentials, Client};
use cronofy::oauth::RefreshingUserToken;

async fn run(client: &Client, app: &AppCredentials, saved: TokenSet) {
    let user = RefreshingUserToken::from_new_authorization(app, saved, MemoryTokenStore::new())
        .await
        .unwrap();
    let _ = cronofy::organizations::list_organizational_unit_members(client, &user).await;
}

fn main() {}
