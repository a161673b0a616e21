//! End-to-end tests of the conversation routes: paging, filters, search, threads, 400s.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use serde_json::Value;

use super::{get, start};
use helpscout_simulator::{Simulator, SimulatorOptions};

pub fn ids(body: &Value, rel: &str) -> Vec<u64> {
    body["_embedded"][rel]
        .as_array()
        .map(|a| a.iter().map(|c| c["id"].as_u64().unwrap()).collect())
        .unwrap_or_default()
}

/// Follows `_links.next` from `first`; returns every id seen.
async fn walk(sim: &Simulator, first: &str, rel: &str) -> (Vec<u64>, u64) {
    let mut url = first.to_string();
    let mut seen = Vec::new();
    loop {
        let r = get(sim, &url).await;
        assert_eq!(r.status, StatusCode::OK, "{url}: {}", r.body);
        let total = r.body["page"]["totalElements"].as_u64().unwrap();
        seen.extend(ids(&r.body, rel));
        match r.body["_links"]["next"]["href"].as_str() {
            Some(next) => {
                assert_eq!(next.matches("page=").count(), 1);
                url = next.to_string();
            }
            None => return (seen, total),
        }
    }
}

#[tokio::test]
async fn conversation_paging_follows_next_links() {
    let sim = start().await;
    let r = get(&sim, "/v2/conversations?status=all").await;
    assert_eq!(r.body["page"]["size"], 25);
    assert_eq!(r.body["page"]["totalElements"], 150);
    assert_eq!(r.body["page"]["totalPages"], 6);
    assert!(r.body["_links"].get("previous").is_none());
    let base = sim.url().to_string();
    assert_eq!(
        r.body["_links"]["next"]["href"],
        format!("{base}/v2/conversations?status=all&page=2")
    );
    let (seen, total) = walk(
        &sim,
        "/v2/conversations?status=all&sortField=modifiedAt&sortOrder=asc",
        "conversations",
    )
    .await;
    assert_eq!(seen.len() as u64, total);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 150);
    // Default: only active conversations, newest first.
    let (active, _) = walk(&sim, "/v2/conversations", "conversations").await;
    assert!(!active.is_empty() && active.len() < 150);
    assert!(active.windows(2).all(|w| w[0] > w[1]), "createdAt desc");
}

#[tokio::test]
async fn conversation_filters() {
    let sim = start().await;
    let one = get(&sim, "/v2/conversations?number=1001").await;
    assert_eq!(ids(&one.body, "conversations"), [5_000_001]);
    let c = &one.body["_embedded"]["conversations"][0];
    assert_eq!(c["mailboxId"], 1001);
    assert_eq!(c["assignee"]["id"], 301);
    assert_eq!(c["threads"], 3);
    assert_eq!(
        c["_links"]["web"]["href"],
        "https://secure.helpscout.net/conversation/5000001/1001"
    );
    assert_eq!(c["customFields"].as_array().unwrap().len(), 5);
    assert!(c.get("_embedded").is_none());

    let all = walk(
        &sim,
        "/v2/conversations?status=all&mailbox=1002,1003&tag=vip,refund",
        "conversations",
    )
    .await
    .0;
    for id in &all {
        let conv = get(&sim, &format!("/v2/conversations/{id}")).await.body;
        assert!([1002, 1003].contains(&conv["mailboxId"].as_u64().unwrap()));
        let tags: Vec<&str> = conv["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["tag"].as_str().unwrap())
            .collect();
        assert!(
            tags.contains(&"vip") || tags.contains(&"refund"),
            "{tags:?}"
        );
    }
    let mine = get(&sim, "/v2/conversations?status=all&assigned_to=302").await;
    for c in mine.body["_embedded"]["conversations"].as_array().unwrap() {
        assert_eq!(c["assignee"]["id"], 302);
    }
    let spam = get(&sim, "/v2/conversations?status=spam").await;
    for c in spam.body["_embedded"]["conversations"].as_array().unwrap() {
        assert_eq!(c["status"], "spam");
        assert!(c.get("assignee").is_none());
    }
    let empty = get(&sim, "/v2/conversations?mailbox=9999").await;
    assert!(empty.body.get("_embedded").is_none());
    assert_eq!(empty.body["page"]["totalPages"], 0);
    let by_field = get(
        &sim,
        "/v2/conversations?status=all&customFieldsByIds=204:ACC-0001",
    )
    .await;
    assert_eq!(ids(&by_field.body, "conversations"), [5_000_001]);
}

#[tokio::test]
async fn modified_since_is_strictly_after_and_ties_exist() {
    let sim = start().await;
    let (asc, _) = walk(
        &sim,
        "/v2/conversations?status=all&sortField=modifiedAt&sortOrder=asc",
        "conversations",
    )
    .await;
    let times: Vec<i64> = asc
        .iter()
        .map(|id| sim.conversation_modified_at(*id).unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    assert!(
        times.windows(3).any(|w| w[0] == w[2]),
        "some share a modified instant"
    );
    // A pivot shared by several conversations: they are not "modified after" it.
    let at = (1..times.len())
        .find(|i| times[*i] == times[i - 1])
        .unwrap();
    let pivot = times[at];
    let expected = times.iter().filter(|t| **t > pivot).count();
    let since = helpscout_simulator::time::format(pivot);
    let r = get(
        &sim,
        &format!("/v2/conversations?status=all&modifiedSince={since}"),
    )
    .await;
    assert_eq!(
        r.body["page"]["totalElements"].as_u64().unwrap() as usize,
        expected
    );
    // Customers likewise ("Returns only customers that were modified after this date").
    sim.set_customer_times(7_000_001, 100, 2_000_000_000);
    sim.set_customer_times(7_000_002, 100, 2_000_000_001);
    let since = helpscout_simulator::time::format(2_000_000_000);
    let r = get(&sim, &format!("/v2/customers?modifiedSince={since}")).await;
    assert_eq!(ids(&r.body, "customers"), [7_000_002]);
}

#[tokio::test]
async fn validation_errors() {
    let sim = start().await;
    for (query, path) in [
        ("status=bogus", "status"),
        ("sortField=nope", "sortField"),
        ("sortOrder=up", "sortOrder"),
        ("modifiedSince=2024-01-01T00:00:00.000Z", "modifiedSince"),
        ("mailbox=abc", "mailbox"),
        ("query=(subject:%22open", "query"),
        ("query=unknownField:x", "query"),
        ("embed=everything", "embed"),
        ("page=0", "page"),
        ("customFieldsByIds=nocolon", "customFieldsByIds"),
    ] {
        let r = get(&sim, &format!("/v2/conversations?{query}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(r.header("content-type"), "application/vnd.error+json");
        assert_eq!(r.body["_embedded"]["errors"][0]["path"], path, "{query}");
    }
    let r = get(&sim, "/v2/conversations?status=Wrong").await;
    let e = &r.body["_embedded"]["errors"][0];
    assert_eq!(e["rejectedValue"], "Wrong");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("Expected one of these: 'active'")
    );
    assert_eq!(
        get(&sim, "/v2/customers?modifiedSince=yesterday")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn search_queries() {
    let sim = start().await;
    let q = "/v2/conversations?status=all&query=";
    let r = get(&sim, &format!("{q}(number:1001%20OR%20number:1002)")).await;
    assert_eq!(ids(&r.body, "conversations"), [5_000_002, 5_000_001]);
    let (refunds, _) = walk(&sim, &format!("{q}subject:%22refund%22"), "conversations").await;
    assert!(!refunds.is_empty());
    let (not_refunds, _) = walk(
        &sim,
        &format!("{q}NOT%20subject:%22refund%22"),
        "conversations",
    )
    .await;
    assert_eq!(refunds.len() + not_refunds.len(), 150);
    let r = get(
        &sim,
        &format!("{q}createdAt:[2025-01-01T00:00:00Z%20TO%20*]"),
    )
    .await;
    let n = r.body["page"]["totalElements"].as_u64().unwrap();
    assert!(n > 40 && n < 110, "{n}");
    let r = get(
        &sim,
        &format!("{q}email:%22olivia.smith@example.com%22%20AND%20customerIds:7000001"),
    )
    .await;
    assert!(ids(&r.body, "conversations").contains(&5_000_001));
}

#[tokio::test]
async fn conversation_with_threads() {
    let sim = start().await;
    let c = get(&sim, "/v2/conversations/5000001?embed=threads")
        .await
        .body;
    let threads = c["_embedded"]["threads"].as_array().unwrap();
    assert_eq!(threads.len(), 3);
    let t0 = &threads[0];
    for key in [
        "id",
        "type",
        "status",
        "state",
        "body",
        "source",
        "customer",
        "createdBy",
        "createdAt",
        "_links",
    ] {
        assert!(t0.get(key).is_some(), "{key}");
    }
    let list = get(&sim, "/v2/conversations/5000001/threads").await.body;
    let times: Vec<&str> = list["_embedded"]["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["createdAt"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(list["page"]["size"], 50);
    let listed = get(&sim, "/v2/conversations?number=1001&embed=threads")
        .await
        .body;
    assert_eq!(
        listed["_embedded"]["conversations"][0]["_embedded"]["threads"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        get(&sim, "/v2/conversations/1/threads").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn larger_seed_pages_every_conversation() {
    let options = SimulatorOptions {
        conversations: 2_000,
        ..SimulatorOptions::default()
    };
    let sim = Simulator::start(options).await.unwrap();
    let (seen, total) = walk(&sim, "/v2/conversations?status=all", "conversations").await;
    assert_eq!(total, 2_000);
    assert_eq!(seen.len(), 2_000);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 2_000);
    assert_eq!(seen.iter().min(), Some(&5_000_001));
    assert_eq!(seen.iter().max(), Some(&5_002_000));
}
