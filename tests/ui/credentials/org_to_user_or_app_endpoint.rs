// Availability takes a user's token or the API key; an organization token is neither.
use cronofy::{AvailabilityQuery, Client, OrgToken, Participants, QueryPeriod};

async fn run(client: &Client) {
    let org = OrgToken::new("org-token");
    let query = AvailabilityQuery::new(
        vec![Participants::all(["acc_1"])],
        30,
        vec![QueryPeriod::new("2026-11-23T09:00:00Z", "2026-11-23T17:00:00Z")],
    );
    let _ = cronofy::availability(client, &org, &query).await;
}

fn main() {}
