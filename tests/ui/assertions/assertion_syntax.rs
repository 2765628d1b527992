// An assertion is the endpoint, `:`, and one or more credential types.
cronofy::assert_rejects!(cronofy::calendars::list_calendars);
cronofy::assert_accepts!(cronofy::calendars::list_calendars:);
cronofy::assert_accepts!(cronofy::calendars::list_calendars: cronofy::UserToken cronofy::OrgToken);

fn main() {}
