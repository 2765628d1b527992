// `assert_accepts!` fails the build when the endpoint rejects a listed credential, naming the
// endpoint, the credential and the kinds the endpoint is declared with.
use cronofy::{AppCredentials, OrgToken, UserToken};

cronofy::assert_accepts!(cronofy::availability::query_availability: UserToken, OrgToken, AppCredentials);

fn main() {}
