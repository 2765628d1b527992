use cronofy::{AppCredentials, Client, OrgToken};

async fn run(client: &Client) -> Result<(), cronofy::Error> {
    let app = AppCredentials::new("client-id", "client-secret");
    let org = OrgToken::new("org-token");
    cronofy::scheduling::read_real_time_scheduling(client, &app, "sch_1").await?;
    let members = cronofy::organizations::list_organizational_unit_members(client, &org).await?;
    for member in &members.items {
        // Each member can then be impersonated for user endpoints.
        cronofy::calendars::list_calendars(client, &org.impersonate(member.sub.clone())).await?;
    }
    Ok(())
}

fn main() {
    let _ = run;
}
