// A self-refreshing organization token must impersonate a member to call a user endpoint.
use cronofy::oauth::{MemoryTokenStore, TokenSet};
use cronofy::{AppCredentials, Client, RefreshingOrgToken};

async fn run(client: &Client, app: &AppCredentials, saved: TokenSet) {
    let org = RefreshingOrgToken::new(client, app, saved, MemoryTokenStore::new());
    let _ = cronofy::list_calendars(client, &org).await;
}

fn main() {}
