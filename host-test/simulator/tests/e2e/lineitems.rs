//! End-to-end tests of line items: PATCH `/status` and `/assignTo` append a `lineitem` thread per
//! real change (none for a repeat, none for a conversation created with an assignee), threads
//! carrying a status (or a reply's reactivation) add none, later threads carry the current
//! status, and line items do not count towards the 412 limit.

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
    let assign = json!({"op": "replace", "path": "/assignTo", "value": 304});
    assert_eq!(
        send(&sim, Method::PATCH, &url, assign).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(get(&sim, &url).await.body["threads"], 101);
    assert_eq!(
        post(&sim, conv, "notes", json!({"text": "99th"})).await,
        StatusCode::CREATED
    );
    let status = post(&sim, conv, "notes", json!({"text": "100th"})).await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(get(&sim, &url).await.body["threads"], 102);
}

#[tokio::test]
async fn assignee_changes_leave_lineitems() {
    let sim = start().await;
    let body = json!({
        "subject": "Assigned at birth", "customer": {"id": 7000001}, "mailboxId": 1001,
        "type": "email", "status": "active", "assignTo": 303,
        "threads": [{"type": "customer", "customer": {"id": 7000001}, "text": "Hi"}],
    });
    let r = send(&sim, Method::POST, "/v2/conversations", body).await;
    let conv: u64 = r.header("resource-id").parse().unwrap();
    assert_eq!(
        threads(&sim, conv).await.len(),
        1,
        "created with an assignee: no line item"
    );
    let url = format!("/v2/conversations/{conv}");
    let assign = |user: u64| json!({"op": "replace", "path": "/assignTo", "value": user});
    for op in [
        assign(302),
        assign(302),
        json!({"op": "remove", "path": "/assignTo"}),
    ] {
        let r = send(&sim, Method::PATCH, &url, op).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    }
    let list = threads(&sim, conv).await;
    assert_eq!(list.len(), 3, "a repeat changes nothing");
    let (unassigned, assigned) = (&list[0], &list[1]);
    assert_eq!(assigned["type"], "lineitem");
    assert_eq!(
        assigned["action"],
        json!({"type": "changed-ticket-assignee", "text": "Assigned to Ben Ortiz"})
    );
    assert_eq!(assigned["assignedTo"]["id"], 302);
    assert_eq!(assigned["createdBy"]["id"], 301);
    assert_eq!(assigned["status"], "active");
    assert!(assigned.get("body").is_none());
    assert_eq!(
        unassigned["action"],
        json!({"type": "changed-ticket-assignee", "text": "Unassigned"})
    );
    assert!(unassigned.get("assignedTo").is_none());
    let c = get(&sim, &url).await.body;
    assert!(c.get("assignee").is_none());
    assert_eq!(c["preview"], "Hi", "line items do not change the preview");
}
