// Impersonating with a refreshing organization token makes a user credential too.
use cronofy::oauth::{MemoryTokenStore, TokenSet};
use cronofy::{AppCredentials, Client};
use cronofy::oauth::RefreshingOrgToken;

async fn run(client: &Client, app: &AppCredentials, saved: TokenSet) {
    let org = RefreshingOrgToken::from_new_authorization(app, saved, MemoryTokenStore::new())
        .await
        .unwrap();
    let _ = cronofy::organizations::list_organizational_unit_members(client, &org.impersonate("acc_1")).await;
}

fn main() {}
