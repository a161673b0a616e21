//! End-to-end tests of reading and updating threads: List Threads (newest first, 50 a page,
//! drafts included) and Update Thread (`/text`, `/hidden`, its 400s and 404s).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::conversations::ids;
use super::write_conversations::{error_paths, send};
use super::{get, start};
use helpscout_simulator::Simulator;

async fn thread(sim: &Simulator, conv: u64, id: u64) -> Value {
    let list = get(sim, &format!("/v2/conversations/{conv}/threads"))
        .await
        .body;
    list["_embedded"]["threads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .cloned()
        .unwrap()
}

#[tokio::test]
async fn threads_are_listed_newest_first_fifty_a_page() {
    let sim = start().await;
    let threads: Vec<Value> = (0..60)
        .map(|i| {
            json!({"type": "customer", "customer": {"id": 7000001}, "text": format!("t{i}"),
                   "imported": true, "createdAt": format!("2024-01-01T00:{i:02}:00Z")})
        })
        .collect();
    let body = json!({"subject": "Long", "customer": {"id": 7000001}, "mailboxId": 1001,
        "type": "email", "status": "active", "imported": true, "threads": threads});
    let r = send(&sim, Method::POST, "/v2/conversations", body).await;
    let conv: u64 = r.header("resource-id").parse().unwrap();
    let draft = json!({"text": "draft", "customer": {"id": 7000001}, "draft": true});
    send(
        &sim,
        Method::POST,
        &format!("/v2/conversations/{conv}/reply"),
        draft,
    )
    .await;
    let url = format!("/v2/conversations/{conv}/threads");
    let page1 = get(&sim, &url).await.body;
    assert_eq!(
        page1["page"],
        json!({"size": 50, "totalElements": 61, "totalPages": 2, "number": 1})
    );
    let first = &page1["_embedded"]["threads"][0];
    assert_eq!(
        (&first["body"], &first["state"]),
        (&json!("draft"), &json!("draft"))
    );
    assert_eq!(page1["_embedded"]["threads"][1]["body"], "t59");
    let page2 = get(&sim, &format!("{url}?page=2")).await.body;
    let bodies: Vec<&str> = page2["_embedded"]["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies.len(), 11);
    assert_eq!(bodies.last(), Some(&"t0"));
}

#[tokio::test]
async fn update_thread_text_and_hidden() {
    let sim = start().await;
    let conv = 5_000_001_u64;
    let list = get(&sim, &format!("/v2/conversations/{conv}/threads"))
        .await
        .body;
    let kinds: Vec<(u64, String)> = list["_embedded"]["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_u64().unwrap(),
                t["type"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let of = |kind: &str| kinds.iter().find(|(_, k)| k == kind).unwrap().0;
    let (customer, note) = (of("customer"), of("note"));
    let url = |t: u64| format!("/v2/conversations/{conv}/threads/{t}");
    let before = sim.conversation_modified_at(conv).unwrap();

    let text = json!({"op": "replace", "path": "/text", "value": "Edited text"});
    let r = send(&sim, Method::PATCH, &url(customer), text.clone()).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(r.header("content-type"), "text/plain; charset=UTF-8");
    assert_eq!(thread(&sim, conv, customer).await["body"], "Edited text");
    assert!(sim.conversation_modified_at(conv).unwrap() > before);
    let preview = get(&sim, &format!("/v2/conversations/{conv}")).await.body;
    assert_eq!(preview["threads"], 3);

    let hide = json!({"op": "replace", "path": "/hidden", "value": true});
    let r = send(&sim, Method::PATCH, &url(customer), hide.clone()).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(thread(&sim, conv, customer).await["hidden"], true);
    let show = json!({"op": "replace", "path": "/hidden", "value": false});
    send(&sim, Method::PATCH, &url(customer), show).await;
    assert!(thread(&sim, conv, customer).await.get("hidden").is_none());
    // Notes and drafts cannot be hidden.
    let r = send(&sim, Method::PATCH, &url(note), hide.clone()).await;
    assert_eq!(error_paths(&r), ["path"]);
    let draft = json!({"text": "draft", "customer": {"id": 7000001}, "draft": true});
    let r = send(
        &sim,
        Method::POST,
        &format!("/v2/conversations/{conv}/reply"),
        draft,
    )
    .await;
    let draft_id: u64 = r.header("resource-id").parse().unwrap();
    let r = send(&sim, Method::PATCH, &url(draft_id), hide.clone()).await;
    assert_eq!(error_paths(&r), ["path"]);
    // A note's text can change.
    let r = send(&sim, Method::PATCH, &url(note), text.clone()).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);

    for (body, paths) in [
        (
            json!({"op": "add", "path": "/text", "value": "x"}),
            vec!["op"],
        ),
        (
            json!({"op": "replace", "path": "/body", "value": "x"}),
            vec!["path"],
        ),
        (json!({"op": "replace", "path": "/text"}), vec!["value"]),
        (
            json!({"op": "replace", "path": "/text", "value": 5}),
            vec!["value"],
        ),
        (
            json!({"op": "replace", "path": "/text", "value": " "}),
            vec!["value"],
        ),
        (
            json!({"op": "replace", "path": "/hidden", "value": "yes"}),
            vec!["value"],
        ),
        (
            json!({"path": "/text", "value": "x", "from": "/a"}),
            vec!["from", "op"],
        ),
    ] {
        let r = send(&sim, Method::PATCH, &url(customer), body.clone()).await;
        assert_eq!(error_paths(&r), paths, "{body}");
    }
    for path in [
        format!("/v2/conversations/{conv}/threads/1"),
        format!("/v2/conversations/5000002/threads/{customer}"),
        format!("/v2/conversations/42/threads/{customer}"),
        format!("/v2/conversations/{conv}/threads/x"),
    ] {
        let r = send(&sim, Method::PATCH, &path, text.clone()).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(ids(&list, "threads").len(), 3);
}
