// A credential known only to be a user's or the application's may be the application's, so a
// user-only endpoint rejects it.
use cronofy::auth::UserOrAppAuth;
use cronofy::Client;

async fn run(client: &Client, credential: &dyn UserOrAppAuth) {
    let _ = cronofy::calendars::list_calendars(client, credential).await;
}

fn main() {}
