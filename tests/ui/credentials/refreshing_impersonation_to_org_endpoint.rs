// Impersonating with a refreshing organization token makes a user credential too.
use cronofy::oauth::{MemoryTokenStore, TokenSet};
use cronofy::{AppCredentials, Client, RefreshingOrgToken};

async fn run(client: &Client, app: &AppCredentials, saved: TokenSet) {
    let org = RefreshingOrgToken::new(client, app, saved, MemoryTokenStore::new());
    let _ = cronofy::list_organizational_unit_members(client, &org.impersonate("acc_1")).await;
}

fn main() {}
