// A state of your own is an `AuthorizationState`, which refuses an empty or short one; plain
// text is not accepted (and by default the state is generated).
use cronofy::oauth::AuthorizationUrl;

fn main() {
    let client = cronofy::Client::new(cronofy::DataCenter::Us).unwrap();
    let _ = AuthorizationUrl::new("client-id", "https://example.com/callback")
        .state("")
        .build(&client);
}
