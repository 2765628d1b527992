// An internal application acting for a member is a user credential, not client credentials.
use cronofy::calendars::{CreateApplicationCalendar, create_application_calendar};
use cronofy::{AppCredentials, Client};

async fn run(client: &Client, app: &AppCredentials) {
    let as_member = app.impersonate("acc_1");
    let request = CreateApplicationCalendar::new("room-bookings");
    let _ = create_application_calendar(client, &as_member, &request).await;
}

fn main() {}
