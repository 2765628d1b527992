// A self-refreshing user token is still a user credential.
use cronofy::oauth::{MemoryTokenStore, TokenSet};
use cronofy::{AppCredentials, Client, RefreshingUserToken};

async fn run(client: &Client, app: &AppCredentials, saved: TokenSet) {
    let user = RefreshingUserToken::new(client, app, saved, MemoryTokenStore::new());
    let _ = cronofy::list_organizational_unit_members(client, &user).await;
}

fn main() {}
