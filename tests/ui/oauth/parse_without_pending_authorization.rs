// The redirect is read against the pending authorization, never against nothing: passing
// `None` (what a handler whose session lost the state would pass) does not compile.
use cronofy::oauth::Callback;

fn main() {
    let _ = Callback::parse("code=ATTACKER_CODE", None);
}
