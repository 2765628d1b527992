// Availability takes a user's token or the API key; an organization token is neither.
use cronofy::{AvailabilityQuery, Client, OrgToken};

async fn run(client: &Client, query: &AvailabilityQuery) {
    let org = OrgToken::new("org-token");
    let _ = cronofy::availability(client, &org, query).await;
}

fn main() {}
