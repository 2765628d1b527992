// Availability takes a user's token or the API key; an organization token is neither.
use cronofy::{Client, OrgToken};
use cronofy::availability::QueryAvailability;

async fn run(client: &Client, query: &QueryAvailability) {
    let org = OrgToken::new("org-token");
    let _ = cronofy::availability::query_availability(client, &org, query).await;
}

fn main() {}
