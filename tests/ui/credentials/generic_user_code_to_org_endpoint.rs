// Code generic over user credentials calls user endpoints (and user | app ones), but not an
// organization's: the message names the type parameter and what the endpoint accepts.
use cronofy::auth::UserAuth;
use cronofy::scheduling::QuerySchedulingRequests;
use cronofy::Client;

async fn run<C: UserAuth>(client: &Client, user: &C, query: &QuerySchedulingRequests) {
    let _ = cronofy::scheduling::query_scheduling_requests(client, user, query).await;
}

fn main() {}
