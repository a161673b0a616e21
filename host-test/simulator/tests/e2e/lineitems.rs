//! End-to-end tests of status line items: PATCH `/status` appends a `lineitem` thread per real
//! change (none for a repeat), threads carrying a status (or a reply's reactivation) add none,
//! later threads carry the current status, and line items do not count towards the 412 limit.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::write_conversations::send;
use super::{get, start};
use helpscout_simulator::Simulator;

async fn set_status(sim: &Simulator, conv: u64, status: &str) {
    let op = json!({"op": "replace", "path": "/status", "value": status});
    let r = send(sim, Method::PATCH, &format!("/v2/conversations/{conv}"), op).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
}

async fn post(sim: &Simulator, conv: u64, route: &str, body: Value) -> StatusCode {
    let url = format!("/v2/conversations/{conv}/{route}");
    send(sim, Method::POST, &url, body).await.status
}

/// The conversation's threads, newest first, as `GET …/threads` lists them.
async fn threads(sim: &Simulator, conv: u64) -> Vec<Value> {
    let list = get(sim, &format!("/v2/conversations/{conv}/threads")).await;
    list.body["_embedded"]["threads"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn new_conversation(sim: &Simulator, notes: usize) -> u64 {
    let body = json!({
        "subject": "Status story", "customer": {"id": 7000001}, "mailboxId": 1001,
        "type": "email", "status": "active",
        "threads": vec![json!({"type": "customer", "customer": {"id": 7000001}, "text": "Hi"}); notes],
    });
    let r = send(sim, Method::POST, "/v2/conversations", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.header("resource-id").parse().unwrap()
}

#[tokio::test]
async fn status_changes_leave_lineitems() {
    let sim = start().await;
    let conv = new_conversation(&sim, 1).await;
    let first = threads(&sim, conv).await;
    assert_eq!(first.len(), 1, "creation adds no line item");
    assert_eq!(first[0]["status"], "active");
    set_status(&sim, conv, "closed").await;
    set_status(&sim, conv, "pending").await;
    set_status(&sim, conv, "pending").await;
    let list = threads(&sim, conv).await;
    assert_eq!(list.len(), 3);
    let (newest, older) = (&list[0], &list[1]);
    assert_eq!(
        (&newest["type"], &older["type"]),
        (&json!("lineitem"), &json!("lineitem"))
    );
    assert_eq!(
        (&newest["status"], &older["status"]),
        (&json!("pending"), &json!("closed"))
    );
    assert_eq!(
        older["action"],
        json!({"type": "changed-ticket-status", "text": "Ava changed the status to Closed"})
    );
    assert!(newest.get("body").is_none());
    assert_eq!(newest["createdBy"]["id"], 301);
    assert_eq!(newest["createdBy"]["type"], "user");
    assert!(newest["id"].as_u64() > older["id"].as_u64());
    let c = get(&sim, &format!("/v2/conversations/{conv}?embed=threads"))
        .await
        .body;
    assert_eq!(c["threads"], 3);
    assert_eq!(c["status"], "pending");
    assert_eq!(c["preview"], "Hi", "line items do not change the preview");
    let embedded: Vec<&Value> = c["_embedded"]["threads"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(embedded[0]["id"], newest["id"]);
    assert_eq!(embedded[1]["id"], older["id"]);

    // A thread without status carries the current one; one with a status needs no line item.
    assert_eq!(
        post(&sim, conv, "notes", json!({"text": "n1"})).await,
        StatusCode::CREATED
    );
    assert_eq!(threads(&sim, conv).await[0]["status"], "pending");
    let closing = json!({"text": "n2", "status": "closed"});
    assert_eq!(
        post(&sim, conv, "notes", closing).await,
        StatusCode::CREATED
    );
    let list = threads(&sim, conv).await;
    assert_eq!(list.len(), 5);
    assert_eq!(
        (&list[0]["type"], &list[0]["status"]),
        (&json!("note"), &json!("closed"))
    );
    // A reply reactivates; the reply itself carries `active`.
    let reply = json!({"text": "Back on it", "customer": {"id": 7000001}});
    assert_eq!(post(&sim, conv, "reply", reply).await, StatusCode::CREATED);
    let list = threads(&sim, conv).await;
    assert_eq!(list.len(), 6);
    assert_eq!(
        (&list[0]["type"], &list[0]["status"]),
        (&json!("message"), &json!("active"))
    );
    assert_eq!(
        get(&sim, &format!("/v2/conversations/{conv}")).await.body["status"],
        "active"
    );
}

#[tokio::test]
async fn lineitems_do_not_count_towards_the_thread_limit() {
    let sim = start().await;
    let conv = new_conversation(&sim, 98).await;
    set_status(&sim, conv, "closed").await;
    set_status(&sim, conv, "active").await;
    let url = format!("/v2/conversations/{conv}");
    assert_eq!(get(&sim, &url).await.body["threads"], 100);
    assert_eq!(
        post(&sim, conv, "notes", json!({"text": "99th"})).await,
        StatusCode::CREATED
    );
    let status = post(&sim, conv, "notes", json!({"text": "100th"})).await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(get(&sim, &url).await.body["threads"], 101);
}
