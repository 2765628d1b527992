//! OAuth scopes: Cronofy's names, the shorthands that expand to several, and what each endpoint
//! needs.

use std::collections::BTreeSet;

/// Read the account's details (`/v1/account`).
pub(crate) const READ_ACCOUNT: &str = "read_account";
/// List the calendars.
pub(crate) const LIST_CALENDARS: &str = "list_calendars";
/// Read events.
pub(crate) const READ_EVENTS: &str = "read_events";
/// Create and update events.
pub(crate) const CREATE_EVENT: &str = "create_event";
/// Delete events.
pub(crate) const DELETE_EVENT: &str = "delete_event";
/// Read free/busy information.
pub(crate) const READ_FREE_BUSY: &str = "read_free_busy";
/// Create calendars.
pub(crate) const CREATE_CALENDAR: &str = "create_calendar";
/// Answer invitations (`participation_status`).
pub(crate) const CHANGE_PARTICIPATION_STATUS: &str = "change_participation_status";
/// Enterprise Connect: a service account may authorize the users of its domain.
pub(crate) const SERVICE_ACCOUNT_ACCOUNTS: &str = "service_account/accounts/manage";
/// Enterprise Connect: a service account may list the rooms and equipment of its domain.
pub(crate) const SERVICE_ACCOUNT_RESOURCES: &str = "service_account/resources/manage";
/// Organization Connect: the scope of an Organizational Unit's token.
pub(crate) const ORGANIZATIONAL_UNIT_SCHEDULER: &str = "organizational_unit_scheduler";

/// Every scope a user can grant.
pub(crate) const USER_SCOPES: &[&str] = &[
    READ_ACCOUNT,
    LIST_CALENDARS,
    READ_EVENTS,
    CREATE_EVENT,
    DELETE_EVENT,
    READ_FREE_BUSY,
    CREATE_CALENDAR,
    CHANGE_PARTICIPATION_STATUS,
    "free_busy_write",
];

/// Accepted but granting nothing the fake checks (OpenID Connect).
const OPENID_SCOPES: &[&str] = &["openid", "profile", "email"];

const READ_ONLY: &[&str] = &[READ_ACCOUNT, LIST_CALENDARS, READ_EVENTS, READ_FREE_BUSY];
const WRITE_ONLY: &[&str] = &[CREATE_EVENT, DELETE_EVENT];
const FREE_BUSY: &[&str] = &[READ_ACCOUNT, LIST_CALENDARS, READ_FREE_BUSY];

/// The scopes a space-separated `scope` grants, shorthands expanded; `Err` names the first
/// scope the fake does not know.
pub(crate) fn expand(scope: &str) -> Result<BTreeSet<String>, String> {
    let mut granted = BTreeSet::new();
    for word in scope.split_whitespace() {
        let expansion: &[&str] = match word {
            "read_only" => READ_ONLY,
            "write_only" => WRITE_ONLY,
            "read_write" => &[
                READ_ACCOUNT,
                LIST_CALENDARS,
                READ_EVENTS,
                READ_FREE_BUSY,
                CREATE_EVENT,
                DELETE_EVENT,
            ],
            "free_busy" => FREE_BUSY,
            _ if USER_SCOPES.contains(&word)
                || OPENID_SCOPES.contains(&word)
                || word == ORGANIZATIONAL_UNIT_SCHEDULER =>
            {
                granted.insert(word.to_owned());
                continue;
            }
            unknown => return Err(unknown.to_owned()),
        };
        granted.extend(expansion.iter().map(|s| (*s).to_owned()));
    }
    Ok(granted)
}

/// Every user scope: what an impersonating organization may do as its member.
pub(crate) fn all_user_scopes() -> BTreeSet<String> {
    USER_SCOPES.iter().map(|s| (*s).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthands_expand_and_unknown_scopes_are_named() {
        let granted = expand("read_only create_event").unwrap();
        assert!(granted.contains(READ_EVENTS) && granted.contains(CREATE_EVENT));
        assert!(!granted.contains(DELETE_EVENT));
        assert!(expand("read_write").unwrap().contains(DELETE_EVENT));
        assert_eq!(
            expand("read_events delete_everything"),
            Err("delete_everything".to_owned())
        );
        assert!(expand("").unwrap().is_empty());
    }
}
