//! The polling fallback. The host keeps a cursor `{since, seen}`: the newest instant already
//! reported and the keys (conversation, customer or thread ids) reported at exactly that
//! instant. Each poll reads everything modified since `since`, reports what is newer or unseen,
//! oldest first, and moves the cursor — so equal timestamps lose nothing and repeat nothing.
//! Status changes are read from the published threads' `status` (each status change leaves a
//! thread; a draft's status is not a change), so two changes between polls are two events.
//! New conversations and customers are scanned in creation order (`sortField=createdAt`), so a
//! scan cut at its size bound leaves only later creations for the next poll: none is skipped.

mod scan;

use super::events::{NEW_CONVERSATION, NEW_CUSTOMER, STATUS_CHANGED};
use crate::client::{Client, Transport};
use crate::decode::{Validate, all, check_limit, check_timestamp, now};
use crate::error::{Error, Result};
use scan::{new_conversations, new_customers, status_changes};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Items read per poll at most by default (a backlog larger than this is reported over several
/// polls); each 50 items cost one request of the rate-limit budget.
const SCAN_LIMIT: u32 = 10_000;

/// Input of a trigger's poll.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Poll {
    /// The cursor the previous poll returned; none on the first poll.
    pub cursor: Option<Cursor>,
    /// Where a first poll starts (default: now, with what already happened in that second
    /// marked seen).
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::decode::checks::schema::timestamp")
    )]
    #[serde(default)]
    pub since: Option<String>,
    /// Events per poll at most (default 100).
    #[cfg_attr(test, schemars(range(min = 1, max = 1000)))]
    pub limit: Option<u32>,
    /// Items read per poll at most (default and maximum 10,000): bounds a poll's cost in
    /// requests; a larger backlog is reported over several polls.
    #[cfg_attr(test, schemars(range(min = 1, max = 10000)))]
    pub scan_limit: Option<u32>,
}

/// Where the last poll stopped: the newest instant reported and the keys reported at it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cursor {
    pub since: String,
    #[serde(default)]
    pub seen: Vec<u64>,
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

/// One candidate event: when, its dedup key, and the event.
struct Candidate {
    at: String,
    key: u64,
    event: PolledEvent,
}

/// The events of `trigger` since the cursor, and the next cursor.
pub fn poll(
    client: &mut Client<impl Transport>,
    trigger: &str,
    input: &Poll,
) -> Result<PollResult> {
    input.validate()?;
    let limit = check_limit(input.limit, 100)?;
    let scan = input.scan_limit.unwrap_or(SCAN_LIMIT) as usize;
    let (cursor, first) = match (&input.cursor, &input.since) {
        (Some(cursor), _) => (cursor.clone(), false),
        (None, since) => {
            let since = since.clone().unwrap_or_else(now);
            let seen = Vec::new();
            (Cursor { since, seen }, input.since.is_none())
        }
    };
    let mut candidates = unreported(client, trigger, &cursor, scan)?;
    if first {
        // A first poll starts now: what already happened in this very second is marked seen,
        // not reported, so activating a trigger never replays earlier events.
        let cursor = advance(&cursor, &candidates);
        let events = Vec::new();
        return Ok(PollResult { events, cursor });
    }
    candidates.truncate(limit);
    let cursor = advance(&cursor, &candidates);
    let events = candidates.into_iter().map(|c| c.event).collect();
    Ok(PollResult { events, cursor })
}

/// The trigger's events after `cursor`, oldest first.
fn unreported(
    client: &mut Client<impl Transport>,
    trigger: &str,
    cursor: &Cursor,
    scan: usize,
) -> Result<Vec<Candidate>> {
    let mut candidates = match trigger {
        NEW_CONVERSATION => new_conversations(client, cursor, scan)?,
        NEW_CUSTOMER => new_customers(client, cursor, scan)?,
        STATUS_CHANGED => status_changes(client, &cursor.since, scan)?,
        other => {
            return Err(Error::invalid(
                "trigger",
                format!("unknown trigger {other:?}"),
            ));
        }
    };
    candidates
        .retain(|c| c.at > cursor.since || (c.at == cursor.since && !cursor.seen.contains(&c.key)));
    candidates.sort_by(|a, b| (&a.at, a.key).cmp(&(&b.at, b.key)));
    Ok(candidates)
}

/// The cursor after reporting `reported` (sorted, oldest first).
fn advance(cursor: &Cursor, reported: &[Candidate]) -> Cursor {
    let Some(last) = reported.last() else {
        return cursor.clone();
    };
    let mut seen: Vec<u64> = if last.at == cursor.since {
        cursor.seen.clone()
    } else {
        Vec::new()
    };
    seen.extend(reported.iter().filter(|c| c.at == last.at).map(|c| c.key));
    Cursor {
        since: last.at.clone(),
        seen,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(at: &str, key: u64) -> Candidate {
        Candidate {
            at: at.into(),
            key,
            event: PolledEvent {
                event: "",
                event_id: String::new(),
                trigger: "",
                id: None,
                data: Value::Null,
            },
        }
    }

    #[test]
    fn the_cursor_keeps_every_key_at_the_boundary_instant() {
        let start = Cursor {
            since: "2024-01-01T00:00:00Z".into(),
            seen: vec![1],
        };
        let same = [candidate("2024-01-01T00:00:00Z", 2)];
        assert_eq!(advance(&start, &same).seen, [1, 2]);
        let later = [
            candidate("2024-01-01T00:00:00Z", 3),
            candidate("2024-01-02T00:00:00Z", 4),
            candidate("2024-01-02T00:00:00Z", 5),
        ];
        let next = advance(&start, &later);
        assert_eq!(
            (next.since.as_str(), next.seen),
            ("2024-01-02T00:00:00Z", vec![4, 5])
        );
        assert_eq!(advance(&start, &[]), start);
    }
}
