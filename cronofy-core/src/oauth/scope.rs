//! OAuth scopes: what a user lets the application do.

crate::open_enum! {
    /// One OAuth scope, with Cronofy's documented names and shorthands, and
    /// [`Scope::Unknown`] for any Cronofy adds later.
    pub enum Scope {
        /// `read_account`: the account's details.
        ReadAccount = "read_account",
        /// `list_calendars`: the calendars.
        ListCalendars = "list_calendars",
        /// `read_events`: event details.
        ReadEvents = "read_events",
        /// `create_event`: create and update events.
        CreateEvent = "create_event",
        /// `delete_event`: delete events.
        DeleteEvent = "delete_event",
        /// `read_free_busy`: free/busy only.
        ReadFreeBusy = "read_free_busy",
        /// `create_calendar`: create calendars.
        CreateCalendar = "create_calendar",
        /// `change_participation_status`: answer invitations.
        ChangeParticipationStatus = "change_participation_status",
        /// `free_busy_write`: write free/busy blocks.
        FreeBusyWrite = "free_busy_write",
        /// `read_only` shorthand: read_account, list_calendars, read_events, read_free_busy.
        ReadOnly = "read_only",
        /// `write_only` shorthand: create_event, delete_event.
        WriteOnly = "write_only",
        /// `read_write` shorthand: everything read_only and write_only grant.
        ReadWrite = "read_write",
        /// `free_busy` shorthand: read_free_busy and free_busy_write.
        FreeBusy = "free_busy",
        /// `organizational_unit_scheduler`: Organization Connect.
        OrganizationalUnitScheduler = "organizational_unit_scheduler",
    }
}

/// Scopes in the space-separated form OAuth uses, e.g. `read_account list_calendars`: how
/// every `scope` field and parameter is written.
///
/// ```
/// use cronofy::oauth::{Scope, join_scopes};
///
/// assert_eq!(join_scopes(&[Scope::ReadAccount, Scope::ListCalendars]), "read_account list_calendars");
/// ```
pub fn join_scopes(scopes: &[Scope]) -> String {
    let mut joined = String::new();
    for scope in scopes {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(scope.as_str());
    }
    joined
}

/// The scopes of a space-separated list, in order, without empty entries.
pub(crate) fn split(scopes: &str) -> Vec<Scope> {
    scopes.split_whitespace().map(Scope::from_name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_round_trip_and_unknown_ones_are_kept() {
        for scope in Scope::KNOWN {
            assert_eq!(&scope.as_str().parse::<Scope>().unwrap(), scope);
        }
        assert_eq!(
            "read_tasks".parse::<Scope>().unwrap(),
            Scope::Unknown("read_tasks".into())
        );
        let scopes = split("  read_account  list_calendars read_tasks ");
        assert_eq!(
            scopes,
            [
                Scope::ReadAccount,
                Scope::ListCalendars,
                Scope::Unknown("read_tasks".into())
            ]
        );
        assert_eq!(
            join_scopes(&scopes),
            "read_account list_calendars read_tasks"
        );
    }
}
