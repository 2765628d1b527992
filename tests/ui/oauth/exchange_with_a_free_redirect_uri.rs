// The exchange takes the code with the redirect URI of the authorization it answers; a code
// and a free-standing URI (which could differ from the authorization URL's) do not compile.
use cronofy::oauth::{AuthorizationCode, ExchangeCode};

fn main() {
    let code = AuthorizationCode::new("code");
    let _ = ExchangeCode::new(code, "https://example.com/callback/");
}
