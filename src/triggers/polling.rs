//! The polling fallback. The host keeps a cursor `{since, seen}`: the newest instant already
//! reported and the keys (conversation, customer or thread ids) reported at exactly that
//! instant. Each poll reads everything modified since `since`, reports what is newer or unseen,
//! oldest first, and moves the cursor — so equal timestamps lose nothing and repeat nothing.
//! Status changes are read from the threads' `status` (each status change leaves a thread), so
//! two changes between polls are two events.

use super::clock;
use super::events::{NEW_CONVERSATION, NEW_CUSTOMER, STATUS_CHANGED};
use crate::client::{Client, Transport};
use crate::error::{Error, Result};
use crate::input::{check_limit, check_timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Items read per poll at most (a backlog larger than this is reported over several polls).
const SCAN_LIMIT: usize = 10_000;

/// Input of a trigger's poll.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Poll {
    /// The cursor the previous poll returned; none on the first poll.
    pub cursor: Option<Cursor>,
    /// Where a first poll starts (default: now, with what already happened in that second
    /// marked seen).
    pub since: Option<String>,
    /// Events per poll at most (default 100).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cursor {
    pub since: String,
    #[serde(default)]
    pub seen: Vec<u64>,
}

/// One candidate event: when, its dedup key, and the event JSON.
struct Candidate {
    at: String,
    key: u64,
    event: Value,
}

/// `{"events": [...], "cursor": {...}}` for `trigger`.
pub fn poll(client: &mut Client<impl Transport>, trigger: &str, input: &Poll) -> Result<Value> {
    let limit = check_limit(input.limit, 100)?.min(1000);
    let (cursor, first) = match (&input.cursor, &input.since) {
        (Some(cursor), _) => (cursor.clone(), false),
        (None, since) => {
            let since = since.clone().unwrap_or_else(clock::now);
            let seen = Vec::new();
            (Cursor { since, seen }, input.since.is_none())
        }
    };
    check_timestamp("cursor.since", &cursor.since)?;
    let mut candidates = unreported(client, trigger, &cursor)?;
    if first {
        // A first poll starts now: what already happened in this very second is marked seen,
        // not reported, so activating a trigger never replays earlier events.
        let baseline = advance(&cursor, &candidates);
        return Ok(json!({"events": [], "cursor": baseline}));
    }
    candidates.truncate(limit);
    let next = advance(&cursor, &candidates);
    let events: Vec<Value> = candidates.into_iter().map(|c| c.event).collect();
    Ok(json!({"events": events, "cursor": next}))
}

/// The trigger's events after `cursor`, oldest first.
fn unreported(
    client: &mut Client<impl Transport>,
    trigger: &str,
    cursor: &Cursor,
) -> Result<Vec<Candidate>> {
    let mut candidates = match trigger {
        NEW_CONVERSATION => new_conversations(client, &cursor.since)?,
        NEW_CUSTOMER => new_customers(client, &cursor.since)?,
        STATUS_CHANGED => status_changes(client, &cursor.since)?,
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

fn event(name: &str, trigger: &str, id: Option<u64>, data: Value) -> Value {
    json!({"event": name, "trigger": trigger, "id": id, "data": data})
}

/// Everything modified since `since`, oldest first by `sort` (at most `SCAN_LIMIT` items).
fn modified_since(
    client: &mut Client<impl Transport>,
    resource: &str,
    since: &str,
    sort: &str,
    extra: &[(&'static str, &str)],
) -> Result<Vec<Value>> {
    let mut query = vec![
        ("modifiedSince", since.to_string()),
        ("sortField", sort.to_string()),
        ("sortOrder", "asc".to_string()),
    ];
    query.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    let url = client.base().endpoint(&[resource], &query);
    client.collect(url, resource, SCAN_LIMIT)
}

fn new_conversations(client: &mut Client<impl Transport>, since: &str) -> Result<Vec<Candidate>> {
    // Sorted by creation, a scan cut at SCAN_LIMIT leaves only later conversations for the next poll.
    let items = modified_since(
        client,
        "conversations",
        since,
        "createdAt",
        &[("status", "all")],
    )?;
    Ok(created_candidates(items, "convo.created", NEW_CONVERSATION))
}

fn new_customers(client: &mut Client<impl Transport>, since: &str) -> Result<Vec<Candidate>> {
    let items = modified_since(client, "customers", since, "modifiedAt", &[])?;
    Ok(created_candidates(items, "customer.created", NEW_CUSTOMER))
}

fn created_candidates(items: Vec<Value>, name: &str, trigger: &str) -> Vec<Candidate> {
    items
        .into_iter()
        .filter_map(|item| {
            let at = item["createdAt"].as_str()?.to_string();
            let key = item["id"].as_u64()?;
            Some(Candidate {
                at,
                key,
                event: event(name, trigger, Some(key), item),
            })
        })
        .collect()
}

/// Every status transition recorded in the threads of conversations modified since `since`.
fn status_changes(client: &mut Client<impl Transport>, since: &str) -> Result<Vec<Candidate>> {
    let extra = [("status", "all"), ("embed", "threads")];
    let items = modified_since(client, "conversations", since, "modifiedAt", &extra)?;
    let mut candidates = Vec::new();
    for mut conversation in items {
        let threads = conversation
            .get_mut("_embedded")
            .and_then(|e| e.get_mut("threads"))
            .map(Value::take)
            .unwrap_or(Value::Null);
        if let Some(embedded) = conversation
            .get_mut("_embedded")
            .and_then(Value::as_object_mut)
        {
            embedded.remove("threads");
        }
        let id = conversation["id"].as_u64();
        for (thread, at, from, to) in transitions(&threads) {
            let mut data = conversation.clone();
            data["status"] = json!(to);
            data["statusChange"] = json!({"from": from, "to": to, "at": at, "threadId": thread});
            let event = event("convo.status", STATUS_CHANGED, id, data);
            candidates.push(Candidate {
                at,
                key: thread,
                event,
            });
        }
    }
    Ok(candidates)
}

/// (thread id, time, from, to) for each thread whose status differs from the thread before it.
fn transitions(threads: &Value) -> Vec<(u64, String, String, String)> {
    let mut list: Vec<(&str, u64, &str)> = threads
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| {
            Some((
                t["createdAt"].as_str()?,
                t["id"].as_u64()?,
                t["status"].as_str().unwrap_or(""),
            ))
        })
        .collect();
    list.sort();
    let mut previous: Option<&str> = None;
    let mut out = Vec::new();
    for (at, id, status) in list {
        if status.is_empty() || status == "nochange" {
            continue;
        }
        if let Some(from) = previous.filter(|p| *p != status) {
            out.push((id, at.to_string(), from.to_string(), status.to_string()));
        }
        previous = Some(status);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(at: &str, key: u64) -> Candidate {
        Candidate {
            at: at.into(),
            key,
            event: Value::Null,
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

    #[test]
    fn two_changes_between_polls_are_two_transitions() {
        let threads = json!([
            {"id": 1, "createdAt": "2024-01-01T00:00:00Z", "status": "active"},
            {"id": 3, "createdAt": "2024-01-01T00:00:02Z", "status": "active"},
            {"id": 2, "createdAt": "2024-01-01T00:00:01Z", "status": "closed"},
            {"id": 4, "createdAt": "2024-01-01T00:00:03Z", "status": "nochange"},
        ]);
        let found: Vec<(u64, String, String)> = transitions(&threads)
            .into_iter()
            .map(|(id, _, f, t)| (id, f, t))
            .collect();
        assert_eq!(
            found,
            [
                (2, "active".into(), "closed".into()),
                (3, "closed".into(), "active".into())
            ]
        );
    }
}
