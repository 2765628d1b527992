//! OAuth scopes: what a user lets the application do.

use std::fmt;
use std::str::FromStr;

/// One OAuth scope, with Cronofy's documented names and shorthands, and [`Scope::Other`] for
/// any Cronofy adds later.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Scope {
    /// `read_account`: the account's details.
    ReadAccount,
    /// `list_calendars`: the calendars.
    ListCalendars,
    /// `read_events`: event details.
    ReadEvents,
    /// `create_event`: create and update events.
    CreateEvent,
    /// `delete_event`: delete events.
    DeleteEvent,
    /// `read_free_busy`: free/busy only.
    ReadFreeBusy,
    /// `create_calendar`: create calendars.
    CreateCalendar,
    /// `change_participation_status`: answer invitations.
    ChangeParticipationStatus,
    /// `free_busy_write`: write free/busy blocks.
    FreeBusyWrite,
    /// `read_only` shorthand: read_account, list_calendars, read_events, read_free_busy.
    ReadOnly,
    /// `write_only` shorthand: create_event, delete_event.
    WriteOnly,
    /// `read_write` shorthand: everything read_only and write_only grant.
    ReadWrite,
    /// `free_busy` shorthand: read_free_busy and free_busy_write.
    FreeBusy,
    /// `organizational_unit_scheduler`: Organization Connect.
    OrganizationalUnitScheduler,
    /// A scope this crate does not know by name, sent as written.
    Other(String),
}

impl Scope {
    /// The scope as Cronofy writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Scope::ReadAccount => "read_account",
            Scope::ListCalendars => "list_calendars",
            Scope::ReadEvents => "read_events",
            Scope::CreateEvent => "create_event",
            Scope::DeleteEvent => "delete_event",
            Scope::ReadFreeBusy => "read_free_busy",
            Scope::CreateCalendar => "create_calendar",
            Scope::ChangeParticipationStatus => "change_participation_status",
            Scope::FreeBusyWrite => "free_busy_write",
            Scope::ReadOnly => "read_only",
            Scope::WriteOnly => "write_only",
            Scope::ReadWrite => "read_write",
            Scope::FreeBusy => "free_busy",
            Scope::OrganizationalUnitScheduler => "organizational_unit_scheduler",
            Scope::Other(other) => other,
        }
    }

    const KNOWN: [Scope; 14] = [
        Scope::ReadAccount,
        Scope::ListCalendars,
        Scope::ReadEvents,
        Scope::CreateEvent,
        Scope::DeleteEvent,
        Scope::ReadFreeBusy,
        Scope::CreateCalendar,
        Scope::ChangeParticipationStatus,
        Scope::FreeBusyWrite,
        Scope::ReadOnly,
        Scope::WriteOnly,
        Scope::ReadWrite,
        Scope::FreeBusy,
        Scope::OrganizationalUnitScheduler,
    ];
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = std::convert::Infallible;

    /// Any text is a scope: unknown names become [`Scope::Other`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Scope::KNOWN
            .into_iter()
            .find(|known| known.as_str() == s)
            .unwrap_or_else(|| Scope::Other(s.to_owned())))
    }
}

/// Scopes in the space-separated form OAuth uses, e.g. `read_account list_calendars`.
pub(crate) fn join(scopes: &[Scope]) -> String {
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
    scopes
        .split_whitespace()
        .map(|s| s.parse().unwrap_or_else(|never| match never {}))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_round_trip_and_unknown_ones_are_kept() {
        for scope in Scope::KNOWN {
            assert_eq!(scope.as_str().parse::<Scope>().unwrap(), scope);
        }
        assert_eq!(
            "read_tasks".parse::<Scope>().unwrap(),
            Scope::Other("read_tasks".into())
        );
        let scopes = split("  read_account  list_calendars read_tasks ");
        assert_eq!(
            scopes,
            [
                Scope::ReadAccount,
                Scope::ListCalendars,
                Scope::Other("read_tasks".into())
            ]
        );
        assert_eq!(join(&scopes), "read_account list_calendars read_tasks");
    }
}
