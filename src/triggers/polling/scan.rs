//! What a poll reads: new conversations and customers in creation order (the first page with a
//! new item found by bisecting page numbers), and status changes from the published threads of
//! conversations modified since the cursor.

use super::{Candidate, Cursor, PolledEvent};
use crate::client::{Client, Transport, split_page};
use crate::error::Result;
use crate::triggers::events::{NEW_CONVERSATION, NEW_CUSTOMER, STATUS_CHANGED};
use serde_json::{Value, json};

fn event(
    name: &'static str,
    event_id: String,
    trigger: &'static str,
    id: Option<u64>,
    data: Value,
) -> PolledEvent {
    PolledEvent {
        event: name,
        event_id,
        trigger,
        id,
        data,
    }
}

/// Everything modified since `since`, oldest first by `sort` (at most `scan` items).
fn modified_since(
    client: &mut Client<impl Transport>,
    resource: &str,
    (since, scan): (&str, usize),
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
    client.collect(url, resource, scan)
}

pub(super) fn new_conversations(
    client: &mut Client<impl Transport>,
    cursor: &Cursor,
    scan: usize,
) -> Result<Vec<Candidate>> {
    let extra = [("status", "all")];
    let items = created_since(client, "conversations", (cursor, scan), &extra)?;
    Ok(created_candidates(items, "convo.created", NEW_CONVERSATION))
}

pub(super) fn new_customers(
    client: &mut Client<impl Transport>,
    cursor: &Cursor,
    scan: usize,
) -> Result<Vec<Candidate>> {
    let items = created_since(client, "customers", (cursor, scan), &[])?;
    Ok(created_candidates(items, "customer.created", NEW_CUSTOMER))
}

/// Up to `scan` items created after the cursor (at its instant: not seen yet), oldest first.
/// Everything created since then
/// was modified since then, so the list `modifiedSince=since&sortField=createdAt&sortOrder=asc`
/// holds them all after the older items modified lately; the first page holding a new item is
/// found by bisecting the page numbers (`page`, `page.totalPages`: the Pagination page), so a
/// flood of old items modified lately costs a few requests instead of stalling the poll. Read in
/// creation order, a scan cut at its bound has read everything created before the last item it
/// read: advancing the cursor to that item skips nothing.
fn created_since(
    client: &mut Client<impl Transport>,
    resource: &str,
    (cursor, scan): (&Cursor, usize),
    extra: &[(&'static str, &str)],
) -> Result<Vec<Value>> {
    let since = cursor.since.as_str();
    let mut query = vec![
        ("modifiedSince", since.to_string()),
        ("sortField", "createdAt".to_string()),
        ("sortOrder", "asc".to_string()),
    ];
    query.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    let page_url = |client: &Client<_>, page: u64| {
        let mut q = query.clone();
        q.push(("page", page.to_string()));
        client.base().endpoint(&[resource], &q)
    };
    let holds_new = |page: &Value| {
        let items = page["_embedded"][resource].as_array();
        let last = items
            .and_then(|i| i.last())
            .and_then(|i| i["createdAt"].as_str());
        last.is_some_and(|at| at >= since)
    };
    // The budget counts only what the poll may report: items older than the cursor, or at its
    // instant and already seen, are read past.
    let unreported = |item: &Value| {
        let at = item["createdAt"].as_str().unwrap_or("");
        let id = item["id"].as_u64().unwrap_or(0);
        at > since || (at == since && !cursor.seen.contains(&id))
    };
    let mut first = client.get_url(page_url(client, 1))?;
    let total = first["page"]["totalPages"].as_u64().unwrap_or(1);
    if holds_new(&first) || total <= 1 {
        let (items, next) = split_page(&mut first, resource)?;
        let mut items: Vec<Value> = items.into_iter().filter(unreported).take(scan).collect();
        if let (Some(next), true) = (next, items.len() < scan) {
            let url = client.base().rebase(&next)?;
            let rest = scan - items.len();
            items.extend(client.collect_where(url, resource, rest, unreported)?);
        }
        Ok(items)
    } else {
        // The first page with a new item: pages before it hold only older items.
        let (mut low, mut high) = (2, total);
        while low < high {
            let middle = low + (high - low) / 2;
            if holds_new(&client.get_url(page_url(client, middle))?) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        client.collect_where(page_url(client, low), resource, scan, unreported)
    }
}

fn created_candidates(
    items: Vec<Value>,
    name: &'static str,
    trigger: &'static str,
) -> Vec<Candidate> {
    items
        .into_iter()
        .filter_map(|item| {
            let at = item["createdAt"].as_str()?.to_string();
            let key = item["id"].as_u64()?;
            Some(Candidate {
                at,
                key,
                event: event(name, format!("{name}:{key}"), trigger, Some(key), item),
            })
        })
        .collect()
}

/// Every status transition recorded in the threads of conversations modified since `since`.
pub(super) fn status_changes(
    client: &mut Client<impl Transport>,
    since: &str,
    scan: usize,
) -> Result<Vec<Candidate>> {
    let extra = [("status", "all"), ("embed", "threads")];
    let items = modified_since(client, "conversations", (since, scan), "modifiedAt", &extra)?;
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
            let event_id = format!("convo.status:{}:thread-{thread}", id.unwrap_or(0));
            let event = event("convo.status", event_id, STATUS_CHANGED, id, data);
            candidates.push(Candidate {
                at,
                key: thread,
                event,
            });
        }
    }
    Ok(candidates)
}

/// (thread id, time, from, to) for each published thread whose status differs from the
/// published thread before it. A draft (`state` other than `published`) changes nothing until
/// it is published.
fn transitions(threads: &Value) -> Vec<(u64, String, String, String)> {
    let mut list: Vec<(&str, u64, &str)> = threads
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["state"].as_str().is_none_or(|s| s == "published"))
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

    #[test]
    fn two_changes_between_polls_are_two_transitions() {
        let threads = json!([
            {"id": 1, "createdAt": "2024-01-01T00:00:00Z", "status": "active"},
            {"id": 3, "createdAt": "2024-01-01T00:00:02Z", "status": "active"},
            {"id": 2, "createdAt": "2024-01-01T00:00:01Z", "status": "closed"},
            {"id": 4, "createdAt": "2024-01-01T00:00:03Z", "status": "nochange"},
            {"id": 5, "createdAt": "2024-01-01T00:00:04Z", "status": "closed", "state": "draft"},
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
