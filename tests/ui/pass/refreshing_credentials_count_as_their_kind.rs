// Self-refreshing credentials satisfy the same kinds as the plain tokens, with any store.
use cronofy::oauth::{
    Lease, MemoryTokenStore, SaveCondition, SaveOutcome, StoredTokens, TokenSet, TokenStore,
    TokenStoreError, TokenVersion,
};
use cronofy::time::{Minutes, UtcTime};
use cronofy::{AppCredentials, Client};
use cronofy::availability::{QueryAvailability, Participants, QueryPeriod};
use cronofy::events::ReadEvents;
use cronofy::oauth::{RefreshingOrgToken, RefreshingUserToken};

struct Database;

impl TokenStore for Database {
    async fn load(&self) -> Result<Option<StoredTokens>, TokenStoreError> {
        Ok(None)
    }

    async fn save(
        &self,
        tokens: &TokenSet,
        condition: SaveCondition,
    ) -> Result<SaveOutcome, TokenStoreError> {
        let _ = (tokens.access_token(), tokens.refresh_token(), condition);
        Ok(SaveOutcome::Saved(TokenVersion::new(1)))
    }

    async fn acquire_lease(
        &self,
        lease: &Lease,
        duration: std::time::Duration,
    ) -> Result<bool, TokenStoreError> {
        let _ = (lease, duration);
        Ok(true)
    }

    async fn renew_lease(
        &self,
        lease: &Lease,
        duration: std::time::Duration,
    ) -> Result<bool, TokenStoreError> {
        let _ = (lease, duration);
        Ok(true)
    }

    async fn release_lease(&self, lease: &Lease) -> Result<(), TokenStoreError> {
        let _ = lease;
        Ok(())
    }
}

async fn run(
    client: &Client,
    app: &AppCredentials,
    saved: TokenSet,
    query: &QueryAvailability,
) -> Result<(), cronofy::Error> {
    let user = RefreshingUserToken::from_new_authorization(app, saved.clone(), Database).await?;
    cronofy::calendars::list_calendars(client, &user).await?;
    cronofy::availability::query_availability(client, &user, query).await?;
    let events = cronofy::events::read_all_events(client, &user, &ReadEvents::new("Etc/UTC"))
        .collect_items()
        .await?;
    let _ = events;

    let org = RefreshingOrgToken::from_new_authorization(app, saved, MemoryTokenStore::new())
        .await
        .unwrap();
    cronofy::organizations::list_organizational_unit_members(client, &org).await?;
    cronofy::calendars::list_calendars(client, &org.impersonate("acc_1")).await?;
    Ok(())
}

fn assert_send<T: Send>(_: &T) {}

fn main() {
    let client = Client::builder().base_url("http://127.0.0.1:9").build().unwrap();
    let app = AppCredentials::new("id", "secret");
    let query = QueryAvailability::new(
        vec![Participants::all(["acc_1"])],
        Minutes::new(30),
        vec![QueryPeriod::new(
            UtcTime::parse("2026-11-23T09:00:00Z").unwrap(),
            UtcTime::parse("2026-11-23T17:00:00Z").unwrap(),
        )],
    );
    let future = run(&client, &app, TokenSet::new("access", Some("refresh".into())), &query);
    assert_send(&future);
    drop(future);
}
