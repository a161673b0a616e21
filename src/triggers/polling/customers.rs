//! Customer triggers read customers (both sort fields below are documented on List Customers).
//! Changed customers are read in modification order (`sortField=modifiedAt`), the cursor on their
//! `updatedAt`: a customer changed again moves on and is reported again, once per change seen.
//! New customers are read in creation order: `GET /v2/customers?modifiedSince=…&
//! sortField=createdAt&sortOrder=asc`. A customer created
//! after the cursor was modified then too, so the list holds it (asked one second early, whether
//! Help Scout means "after" or "at or after"), behind the older customers modified lately; the
//! first page holding a new customer is found by bisecting the page numbers, so a flood of old
//! customers modified lately costs a few requests. Creation order never changes, so a scan cut at
//! its bound has read every customer created before the last one it read: the cursor moves there
//! and skips nobody.

use super::Candidate;
use super::PolledEvent;
use super::cursor::Cursor;
use crate::client::{Client, Transport, split_page};
use crate::error::Result;
use crate::instant;
use serde_json::Value;

/// Up to `scan` customers created (or, `updated`, changed) at or after the cursor and not
/// reported yet, oldest first, as events of `trigger`.
pub fn read(
    client: &mut Client<impl Transport>,
    (trigger, updated): (&'static str, bool),
    cursor: &Cursor,
    scan: usize,
) -> Result<Vec<Candidate>> {
    let items = match updated {
        true => changed_since(client, cursor, scan)?,
        false => created_since(client, cursor, scan)?,
    };
    Ok(items
        .into_iter()
        .filter_map(|item| candidate(item, trigger, updated))
        .collect())
}

/// The cursor's instant, one second early (whether Help Scout means "after" or "at or after").
fn asked(cursor: &Cursor) -> String {
    let since = cursor.since.as_str();
    instant::parse(since).map_or(since.to_string(), |t| instant::format(t - 1))
}

/// Customers changed since the cursor, in modification order; a customer never changed since
/// its creation (`updatedAt` = `createdAt`) is no change.
fn changed_since(
    client: &mut Client<impl Transport>,
    cursor: &Cursor,
    scan: usize,
) -> Result<Vec<Value>> {
    let query = [
        ("modifiedSince", asked(cursor)),
        ("sortField", "modifiedAt".to_string()),
        ("sortOrder", "asc".to_string()),
    ];
    let first = client.base().endpoint(&["customers"], &query);
    let unreported = |item: &Value| {
        let at = item["updatedAt"].as_str().unwrap_or("");
        let id = item["id"].as_u64().unwrap_or(0);
        at != item["createdAt"].as_str().unwrap_or("") && cursor.unreported(at, id)
    };
    client.collect_where(first, "customers", scan, unreported)
}

fn created_since(
    client: &mut Client<impl Transport>,
    cursor: &Cursor,
    scan: usize,
) -> Result<Vec<Value>> {
    let since = cursor.since.as_str();
    let asked = asked(cursor);
    let page_url = |client: &Client<_>, page: u64| {
        let query = [
            ("modifiedSince", asked.clone()),
            ("sortField", "createdAt".to_string()),
            ("sortOrder", "asc".to_string()),
            ("page", page.to_string()),
        ];
        client.base().endpoint(&["customers"], &query)
    };
    let holds_new = |page: &Value| {
        let items = page["_embedded"]["customers"].as_array();
        let last = items
            .and_then(|i| i.last())
            .and_then(|i| i["createdAt"].as_str());
        last.is_some_and(|at| at >= since)
    };
    // The budget counts only what the poll may report: older customers are read past.
    let unreported = |item: &Value| {
        let at = item["createdAt"].as_str().unwrap_or("");
        let id = item["id"].as_u64().unwrap_or(0);
        cursor.unreported(at, id)
    };
    let mut first = client.get_url(page_url(client, 1))?;
    let total = first["page"]["totalPages"].as_u64().unwrap_or(1);
    if holds_new(&first) || total <= 1 {
        let (items, next) = split_page(&mut first, "customers")?;
        let mut items: Vec<Value> = items.into_iter().filter(unreported).take(scan).collect();
        if let (Some(next), true) = (next, items.len() < scan) {
            let url = client.base().rebase(&next)?;
            let rest = scan - items.len();
            items.extend(client.collect_where(url, "customers", rest, unreported)?);
        }
        return Ok(items);
    }
    // The first page with a new customer: pages before it hold only older ones.
    let (mut low, mut high) = (2, total);
    while low < high {
        let middle = low + (high - low) / 2;
        if holds_new(&client.get_url(page_url(client, middle))?) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    client.collect_where(page_url(client, low), "customers", scan, unreported)
}

fn candidate(item: Value, trigger: &'static str, updated: bool) -> Option<Candidate> {
    let key = item["id"].as_u64()?;
    let (at, event, event_id) = match updated {
        true => {
            let at = item["updatedAt"].as_str()?.to_string();
            let id = format!("customer.updated:{key}:{at}");
            (at, "customer.updated", id)
        }
        false => {
            let at = item["createdAt"].as_str()?.to_string();
            (at, "customer.created", format!("customer.created:{key}"))
        }
    };
    let event = PolledEvent {
        event,
        event_id,
        trigger,
        id: Some(key),
        data: item,
    };
    Some(Candidate { at, key, event })
}
