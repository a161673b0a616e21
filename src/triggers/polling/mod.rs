//! The polling fallback, for platforms that cannot receive webhooks. The host keeps the cursor
//! the last poll returned (`cursor.rs`); each poll reports the trigger's events since then, each
//! exactly once, and moves the cursor. A first poll starts at Help Scout's time (the `Date` of
//! its answer), never the host's, and marks what already happened in that second as seen.
//! Conversation triggers read passes over the conversations modified since the cursor
//! (`pass.rs`), their events taken from each conversation and its threads (`derive.rs`);
//! customer triggers read customers in creation or modification order (`customers.rs`).

mod cursor;
mod customers;
mod derive;
mod pass;

pub use cursor::Cursor;
pub use derive::ConversationEvent;

use crate::client::{Client, Transport};
use crate::decode::{Validate, all, check_limit, check_timestamp};
use crate::error::{Error, Result};
use crate::instant;
use derive::Candidate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Items read per poll at most by default (a backlog larger than this is reported over several
/// polls); each page of 25 conversations or 50 customers costs one request of the budget.
const SCAN_LIMIT: u32 = 10_000;

/// Input of a trigger's poll.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Poll {
    /// The cursor the previous poll returned; none on the first poll.
    pub cursor: Option<Cursor>,
    /// Where a first poll starts (default: Help Scout's time now, with what already happened
    /// in that second marked seen).
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::decode::checks::schema::timestamp")
    )]
    #[serde(default, deserialize_with = "crate::decode::checks::instant")]
    pub since: Option<String>,
    /// Events per poll at most (default 100).
    #[cfg_attr(test, schemars(range(min = 1, max = 1000), extend("default" = 100)))]
    pub limit: Option<u32>,
    /// Items read per poll at most (default and maximum 10,000): bounds a poll's cost in
    /// requests; a larger backlog is reported over several polls.
    #[cfg_attr(test, schemars(range(min = 1, max = 10000), extend("default" = 10000)))]
    pub scan_limit: Option<u32>,
}

impl Validate for Poll {
    fn validate(&self) -> Result<()> {
        let mut checks = vec![check_limit(self.limit, 100).map(|_| ())];
        if self.limit.is_some_and(|l| l > 1000) {
            checks.push(Err(Error::invalid("limit", "must be at most 1000")));
        }
        if self.scan_limit.is_some_and(|n| n == 0 || n > SCAN_LIMIT) {
            checks.push(Err(Error::invalid("scanLimit", "must be 1 to 10000")));
        }
        if let Some(cursor) = &self.cursor {
            checks.push(check_timestamp("cursor.since", &cursor.since));
            if let Some(pass) = &cursor.pass {
                checks.push(check_timestamp("cursor.pass.until", &pass.until));
            }
        }
        if let Some(since) = &self.since {
            checks.push(check_timestamp("since", since));
        }
        all(checks)
    }
}

/// One event of a poll, shaped as a webhook delivery's event.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolledEvent {
    pub event: &'static str,
    pub event_id: String,
    pub trigger: &'static str,
    pub id: Option<u64>,
    pub data: Value,
}

/// The output of a poll: the events, oldest first, and the cursor for the next poll.
#[derive(Debug, Serialize)]
pub struct PollResult {
    pub events: Vec<PolledEvent>,
    pub cursor: Cursor,
}

/// What a trigger's poll reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Watch {
    /// Events of conversations and their threads.
    Conversations(ConversationEvent),
    /// Customers created.
    NewCustomers,
    /// Customers changed.
    UpdatedCustomers,
}

/// The events of `trigger` since the cursor, and the next cursor.
pub fn poll(
    client: &mut Client<impl Transport>,
    (trigger, watch): (&'static str, Watch),
    input: &Poll,
) -> Result<PollResult> {
    input.validate()?;
    let limit = check_limit(input.limit, 100)?;
    let scan = input.scan_limit.unwrap_or(SCAN_LIMIT) as usize;
    let (cursor, first) = match (&input.cursor, &input.since) {
        (Some(cursor), _) => (cursor.clone(), false),
        (None, Some(since)) => (Cursor::at(since.clone()), false),
        (None, None) => (Cursor::at(help_scout_now(client)?), true),
    };
    let limit = if first { usize::MAX } else { limit };
    let (events, next) = match watch {
        Watch::Conversations(event) => {
            let found = pass::run(client, (trigger, event), &cursor, (limit, scan))?;
            (found.events, found.cursor)
        }
        Watch::NewCustomers | Watch::UpdatedCustomers => {
            let updated = watch == Watch::UpdatedCustomers;
            let mut found = customers::read(client, (trigger, updated), &cursor, scan)?;
            found.sort_by(|a, b| (&a.at, a.key).cmp(&(&b.at, b.key)));
            found.truncate(limit);
            let reported: Vec<(&str, u64)> = found.iter().map(|c| (c.at.as_str(), c.key)).collect();
            let next = cursor.advanced(&reported);
            (found, next)
        }
    };
    if first {
        return Ok(PollResult {
            events: Vec::new(),
            cursor: already_there(cursor, &events),
        });
    }
    let events = events.into_iter().map(|c| c.event).collect();
    Ok(PollResult {
        events,
        cursor: next,
    })
}

/// Help Scout's time now, from the `Date` of a cheap answer (`GET /v2/users/me`).
fn help_scout_now(client: &mut Client<impl Transport>) -> Result<String> {
    client.get(&["users", "me"], &[])?;
    client.server_time.map(instant::format).ok_or_else(|| {
        Error::Other(
            "Help Scout's answer carried no Date header, so a first poll cannot tell its time; \
             give \"since\""
                .into(),
        )
    })
}

/// A first poll's cursor: at Help Scout's time, with what already happened in that second
/// marked seen (activating a trigger never replays what came before it).
fn already_there(cursor: Cursor, found: &[Candidate]) -> Cursor {
    let seen = found
        .iter()
        .filter(|c| c.at == cursor.since)
        .map(|c| c.key)
        .collect();
    Cursor {
        seen,
        pass: None,
        ..cursor
    }
}
