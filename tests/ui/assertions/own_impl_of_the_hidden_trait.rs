// The trait the assertions check cannot be implemented for a type of one's own: it implies the
// endpoint's sealed kind trait, so an assertion cannot be made to pass by an impl.
pub struct NotACredential;

impl cronofy::calendars::list_calendars for NotACredential {}

cronofy::assert_accepts!(cronofy::calendars::list_calendars: NotACredential);

fn main() {}
