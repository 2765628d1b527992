// Impersonating a member makes a user credential, which app endpoints refuse.
use cronofy::{Client, OrgToken};

async fn run(client: &Client) {
    let org = OrgToken::new("org-token");
    let _ = cronofy::scheduling::read_real_time_scheduling(client, &org.impersonate("acc_1"), "sch_1").await;
}

fn main() {}
