// A user endpoint takes a user's token, or an organization or internal application acting as
// one of its members.
use cronofy::{AppCredentials, Client, OrgToken, UserToken};
use cronofy::events::{DeleteEvent, ReadEvents, UpsertEvent};

async fn run(client: &Client, event: &UpsertEvent) -> Result<(), cronofy::Error> {
    let user = UserToken::new("access-token");
    let org = OrgToken::new("org-token");
    let app = AppCredentials::new("client-id", "client-secret");
    let org_member = org.impersonate("acc_1");
    let app_member = app.impersonate("acc_2");

    cronofy::identity::read_account(client, &user).await?;
    cronofy::identity::read_userinfo(client, &org_member).await?;
    cronofy::calendars::list_calendars(client, &app_member).await?;
    cronofy::events::read_events(client, &user, &ReadEvents::new("Etc/UTC")).await?;
    cronofy::events::upsert_event(client, &org_member, "cal_1", event).await?;
    cronofy::events::delete_event(client, &app_member, "cal_1", &DeleteEvent::new("e1")).await?;
    // A borrowed impersonation made inline works as well.
    cronofy::calendars::list_calendars(client, &org.impersonate(String::from("acc_3"))).await?;
    Ok(())
}

fn main() {
    let _ = run;
}
