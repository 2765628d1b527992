// A self-refreshing organization token must impersonate a member to call a user endpoint.
use cronofy::oauth::{MemoryTokenStore, TokenSet};
use cronofy::{AppCredentials, Client};
use cronofy::oauth::RefreshingOrgToken;

async fn run(client: &Client, app: &AppCredentials, saved: TokenSet) {
    let org = RefreshingOrgToken::from_new_authorization(app, saved, MemoryTokenStore::new())
        .await
        .unwrap();
    let _ = cronofy::calendars::list_calendars(client, &org).await;
}

fn main() {}
