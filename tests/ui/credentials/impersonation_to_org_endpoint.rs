// Impersonating a member acts for that member, not for the organization.
use cronofy::{Client, OrgToken};

async fn run(client: &Client) {
    let org = OrgToken::new("org-token");
    let as_member = org.impersonate("acc_1");
    let _ = cronofy::organizations::list_organizational_unit_members(client, &as_member).await;
}

fn main() {}
