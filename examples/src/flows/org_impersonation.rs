//! Organization Connect: list an Organizational Unit's members, then act as each of them.

use cronofy::oauth::MemoryTokenStore;
use cronofy::time::UtcTime;
use cronofy::{RefreshingOrgToken, UpsertEvent};

use crate::{Environment, Failure, Log};

/// What the flow did.
#[derive(Debug, Default)]
pub struct Report {
    /// The members listed.
    pub members: Vec<String>,
    /// Calendars seen per member, in the same order.
    pub calendars_per_member: Vec<usize>,
    /// The member an event was created for, acting as them.
    pub created_for_member: Option<String>,
}

/// Runs the flow in `env`, reporting to `log`.
pub async fn run(env: &Environment, log: &mut Log) -> Result<Report, Failure> {
    env.describe(log);
    let Some(tokens) = env.org_tokens(log).await? else {
        log.say("Set CRONOFY_ORG_TOKEN to an Organization Connect token to run this against real Cronofy");
        return Ok(Report::default());
    };
    let client = &env.client;
    // The org token refreshes itself too; impersonations made from it share that.
    let org = RefreshingOrgToken::new(client, &env.app, tokens, MemoryTokenStore::new());
    let members = cronofy::list_organizational_unit_members(client, &org).await?;
    let mut report = Report::default();
    let mut writable = None;
    for member in &members.organizational_unit_members {
        let as_member = org.impersonate(member.sub.clone());
        let calendars = cronofy::list_calendars(client, &as_member).await?.calendars;
        log.say(format!(
            "[org -> {}] {} calendar(s): {}",
            member.sub,
            calendars.len(),
            calendars
                .iter()
                .map(|c| c.calendar_name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        report.members.push(member.sub.clone());
        report.calendars_per_member.push(calendars.len());
        if let Some(calendar) = calendars.iter().find(|c| !c.calendar_readonly) {
            writable = Some((member.sub.clone(), calendar.calendar_id.clone()));
        }
    }
    // Schedule for the last member with a writable calendar, acting as them.
    if let Some((sub, calendar_id)) = writable {
        let event = UpsertEvent::new(
            "org-scheduled-1",
            "Scheduled by the organization",
            UtcTime::parse("2026-11-24T10:00:00Z")?,
            UtcTime::parse("2026-11-24T10:30:00Z")?,
        );
        cronofy::upsert_event(client, &org.impersonate(sub.clone()), &calendar_id, &event).await?;
        log.say(format!(
            "[org -> {sub}] created \"Scheduled by the organization\" in {calendar_id}"
        ));
        report.created_for_member = Some(sub);
    }
    Ok(report)
}
