// A credential in an `Rc` cannot be accepted as it is (requests are `Send`); the message says
// to lend the credential itself. `Box` and `Arc` are accepted (see ui/pass).
use std::rc::Rc;

use cronofy::{Client, UserToken};

async fn run(client: &Client) {
    let user = Rc::new(UserToken::new("access-token"));
    let _ = cronofy::calendars::list_calendars(client, &user).await;
}

fn main() {}
