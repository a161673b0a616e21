//! End-to-end tests of thread creation: the five endpoints, status/assignee effects, attachments,
//! validation, 404 and the 99-thread 412.

use axum::http::{Method, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::get;
use super::start;
use super::write_conversations::{error_paths, send};
use helpscout_simulator::Simulator;

async fn post_thread(sim: &Simulator, conv: u64, route: &str, body: Value) -> (StatusCode, u64) {
    let r = send(
        sim,
        Method::POST,
        &format!("/v2/conversations/{conv}/{route}"),
        body,
    )
    .await;
    if r.status != StatusCode::CREATED {
        return (r.status, 0);
    }
    let id: u64 = r.header("resource-id").parse().unwrap();
    let location = format!("{}/v2/conversations/{conv}/threads/{id}", sim.url());
    assert_eq!(r.header("location"), location);
    assert_eq!(r.header("content-length"), "0");
    (r.status, id)
}

async fn newest_thread(sim: &Simulator, conv: u64) -> Value {
    let list = get(sim, &format!("/v2/conversations/{conv}/threads"))
        .await
        .body;
    list["_embedded"]["threads"][0].clone()
}

#[tokio::test]
async fn every_thread_kind() {
    let sim = start().await;
    let conv = 5_000_001;
    let customer = json!({"id": 7000001});
    let cases = [
        (
            "reply",
            "message",
            json!({"text": "Agent reply", "customer": customer, "cc": ["a@b.co"]}),
        ),
        ("notes", "note", json!({"text": "A note", "user": 302})),
        (
            "customer",
            "customer",
            json!({"text": "Customer says", "customer": customer}),
        ),
        (
            "chats",
            "chat",
            json!({"text": "Chat line", "customer": {"email": "olivia.smith@example.com"}}),
        ),
        (
            "phones",
            "phone",
            json!({"text": "Phone call", "customer": customer}),
        ),
    ];
    let mut last = 0;
    for (route, kind, body) in cases {
        let (status, id) = post_thread(&sim, conv, route, body).await;
        assert_eq!(status, StatusCode::CREATED, "{route}");
        assert!(id > last);
        last = id;
        let t = newest_thread(&sim, conv).await;
        assert_eq!(t["id"], id, "{route}: newest first");
        assert_eq!(t["type"], kind);
        assert_eq!(t["customer"]["id"], 7000001);
    }
    let c = get(&sim, &format!("/v2/conversations/{conv}?embed=threads"))
        .await
        .body;
    assert_eq!(c["threads"], 8);
    let threads = c["_embedded"]["threads"].as_array().unwrap();
    let note = threads
        .iter()
        .find(|t| t["type"] == "note" && t["body"] == "A note")
        .unwrap();
    assert_eq!(
        note["createdBy"],
        json!({"id": 302, "type": "user", "first": "Ben", "last": "Ortiz", "email": "ben@example.com", "photoUrl": "https://example.com/avatars/user-302.png"})
    );
    let reply = threads.iter().find(|t| t["body"] == "Agent reply").unwrap();
    assert_eq!(reply["cc"], json!(["a@b.co"]));
    assert_eq!(reply["createdBy"]["id"], 301);
    assert_eq!(c["preview"], "Phone call");
}

#[tokio::test]
async fn status_assignment_and_reactivation() {
    let sim = start().await;
    let conv = 5_000_003;
    let url = format!("/v2/conversations/{conv}");
    let before = helpscout_simulator::time::now();
    let body = json!({"text": "Closing", "status": "closed", "assignTo": 303});
    let (status, r) = post_thread(&sim, conv, "notes", body).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "Create Note takes no assignTo: {r}"
    );
    let body = json!({"text": "Closing", "status": "closed"});
    assert_eq!(
        post_thread(&sim, conv, "notes", body).await.0,
        StatusCode::CREATED
    );
    let c = get(&sim, &url).await.body;
    assert_eq!(c["status"], "closed");
    let reply =
        json!({"text": "Reopening by replying", "customer": {"id": 7000004}, "assignTo": 303});
    assert_eq!(
        post_thread(&sim, conv, "reply", reply).await.0,
        StatusCode::CREATED
    );
    let c = get(&sim, &url).await.body;
    assert_eq!(c["status"], "active");
    assert_eq!(c["assignee"]["id"], 303);
    assert!(c.get("closedAt").is_none());
    let unassigned = json!({"text": "Still here", "customer": {"id": 7000004}, "assignTo": null});
    assert_eq!(
        post_thread(&sim, conv, "reply", unassigned).await.0,
        StatusCode::CREATED
    );
    assert!(
        get(&sim, &url).await.body.get("assignee").is_none(),
        "null: nobody"
    );
    let t = newest_thread(&sim, conv).await;
    assert_eq!(t["status"], "active");
    assert_eq!(t["to"], json!(["noah.davis@example.com"]));
    let pending = json!({"text": "Wait", "customer": {"id": 7000004}, "status": "pending"});
    assert_eq!(
        post_thread(&sim, conv, "reply", pending).await.0,
        StatusCode::CREATED
    );
    assert_eq!(get(&sim, &url).await.body["status"], "pending");
    let draft = json!({"text": "Draft", "customer": {"id": 7000004}, "draft": true});
    assert_eq!(
        post_thread(&sim, conv, "reply", draft).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        get(&sim, &url).await.body["status"],
        "pending",
        "drafts change nothing"
    );
    assert_eq!(newest_thread(&sim, conv).await["state"], "draft");
    let closing_draft =
        json!({"text": "Draft", "customer": {"id": 7000004}, "draft": true, "status": "closed"});
    post_thread(&sim, conv, "reply", closing_draft).await;
    let t = newest_thread(&sim, conv).await;
    assert_eq!(
        (&t["state"], &t["status"]),
        (&json!("draft"), &json!("closed"))
    );
    assert_eq!(
        get(&sim, &url).await.body["status"],
        "pending",
        "not until published"
    );
    let since = helpscout_simulator::time::format(before - 1);
    let polled = get(
        &sim,
        &format!("/v2/conversations?status=all&modifiedSince={since}"),
    )
    .await;
    assert_eq!(
        super::conversations::ids(&polled.body, "conversations"),
        [conv]
    );
}

#[tokio::test]
async fn attachments() {
    let sim = start().await;
    let data = STANDARD.encode(b"This is an attachment.\n");
    let body = json!({"text": "See file", "customer": {"id": 7000001},
        "attachments": [{"fileName": "file.txt", "mimeType": "text/plain", "data": data}]});
    let (status, _) = post_thread(&sim, 5_000_001, "customer", body).await;
    assert_eq!(status, StatusCode::CREATED);
    let t = newest_thread(&sim, 5_000_001).await;
    let a = &t["_embedded"]["attachments"][0];
    assert_eq!(a["filename"], "file.txt");
    assert_eq!(a["mimeType"], "text/plain");
    assert_eq!(a["size"], 23);
    let id = a["id"].as_u64().unwrap();
    let me = format!("{}/v2/conversations/5000001/attachments/{id}", sim.url());
    assert_eq!(a["_links"]["self"]["href"], me);
    assert_eq!(a["_links"]["data"]["href"], format!("{me}/data"));
    let bad = json!({"text": "x", "customer": {"id": 7000001},
        "attachments": [{"fileName": "a", "mimeType": "b", "data": "not base64!"}, {"data": "QQ=="}]});
    let r = send(
        &sim,
        Method::POST,
        "/v2/conversations/5000001/customer",
        bad,
    )
    .await;
    assert_eq!(
        error_paths(&r),
        [
            "attachments[0].data",
            "attachments[1].fileName",
            "attachments[1].mimeType"
        ]
    );
    let huge = STANDARD.encode(vec![0u8; 10 * 1024 * 1024 + 1]);
    let big =
        json!({"text": "x", "attachments": [{"fileName": "a", "mimeType": "b", "data": huge}]});
    let r = send(&sim, Method::POST, "/v2/conversations/5000001/notes", big).await;
    assert_eq!(error_paths(&r), ["attachments[0].data"]);
}

#[tokio::test]
async fn thread_validation_404_and_limit() {
    let sim = start().await;
    let r = send(
        &sim,
        Method::POST,
        "/v2/conversations/5000001/reply",
        json!({"type": "reply"}),
    )
    .await;
    assert_eq!(error_paths(&r), ["text", "customer"]);
    let r = send(
        &sim,
        Method::POST,
        "/v2/conversations/5000001/notes",
        json!({"text": "x", "status": "lost", "whatever": 1, "user": 5}),
    )
    .await;
    let mut paths = error_paths(&r);
    paths.sort();
    assert_eq!(paths, ["status", "whatever"]);
    let r = send(
        &sim,
        Method::POST,
        "/v2/conversations/5000001/reply",
        json!({"text": "x", "customer": {"id": 7000001}, "user": 5, "assignTo": 6}),
    )
    .await;
    assert_eq!(error_paths(&r), ["user", "assignTo"]);
    let r = send(
        &sim,
        Method::POST,
        "/v2/conversations/5000001/notes",
        json!({"text": "x", "assignTo": 6}),
    )
    .await;
    assert_eq!(
        error_paths(&r),
        ["assignTo"],
        "Create Note takes no assignTo"
    );
    let r = send(
        &sim,
        Method::POST,
        "/v2/conversations/5000001/chats",
        json!({"text": "x", "customer": {"id": 3}}),
    )
    .await;
    assert_eq!(error_paths(&r), ["customer.id"]);
    let r = send(
        &sim,
        Method::POST,
        "/v2/conversations/999/notes",
        json!({"text": "x"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let body = json!({
        "subject": "Long one", "customer": {"id": 7000001}, "mailboxId": 1001, "type": "email",
        "status": "active", "threads": vec![json!({"type": "note", "text": "n"}); 98],
    });
    let r = send(&sim, Method::POST, "/v2/conversations", body).await;
    let conv: u64 = r.header("resource-id").parse().unwrap();
    assert_eq!(
        post_thread(&sim, conv, "notes", json!({"text": "99th"}))
            .await
            .0,
        StatusCode::CREATED
    );
    let (status, _) = post_thread(&sim, conv, "notes", json!({"text": "100th"})).await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(
        get(&sim, &format!("/v2/conversations/{conv}")).await.body["threads"],
        99
    );
}

#[tokio::test]
async fn a_customer_thread_reopens_unless_imported() {
    let sim = start().await;
    let rx = super::webhooks::receiver(&[]).await;
    super::webhooks::register(&sim, &rx.url, &["convo.status"], json!({})).await;
    let conv = 5_000_003;
    let url = format!("/v2/conversations/{conv}");
    let close = json!({"op": "replace", "path": "/status", "value": "closed"});
    send(&sim, Method::PATCH, &url, close.clone()).await;
    let imported = json!({"text": "Old mail", "customer": {"id": 7000004}, "imported": true});
    assert_eq!(
        post_thread(&sim, conv, "customer", imported).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        get(&sim, &url).await.body["status"],
        "closed",
        "imported: no re-opening"
    );
    assert_eq!(newest_thread(&sim, conv).await["status"], "closed");
    let fresh = json!({"text": "Any news?", "customer": {"id": 7000004}});
    assert_eq!(
        post_thread(&sim, conv, "customer", fresh).await.0,
        StatusCode::CREATED
    );
    let c = get(&sim, &url).await.body;
    assert_eq!(c["status"], "active");
    assert!(c.get("closedAt").is_none());
    let list = get(&sim, &format!("{url}/threads")).await.body;
    let newest = &list["_embedded"]["threads"][0];
    assert_eq!(
        (&newest["type"], &newest["status"]),
        (&json!("customer"), &json!("active"))
    );
    assert_eq!(
        list["_embedded"]["threads"][1]["type"], "customer",
        "no line item"
    );
    // An active conversation stays active, with no second `convo.status`.
    let again = json!({"text": "Hello?", "customer": {"id": 7000004}});
    post_thread(&sim, conv, "customer", again).await;
    sim.wait_for_deliveries(2, super::webhooks::WAIT).await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let statuses: Vec<Value> = rx
        .hits()
        .iter()
        .map(|h| h.json()["status"].clone())
        .collect();
    assert_eq!(statuses, [json!("closed"), json!("active")]);
}

#[tokio::test]
async fn each_create_page_lists_its_own_statuses() {
    let sim = start().await;
    let conv = 5_000_004;
    let url = format!("/v2/conversations/{conv}");
    let pending = json!({"op": "replace", "path": "/status", "value": "pending"});
    send(&sim, Method::PATCH, &url, pending).await;
    let reply = |status: &str| json!({"text": "r", "customer": {"id": 7000001}, "status": status});
    let note = |status: &str| json!({"text": "n", "status": status});
    for (route, body) in [("notes", note("all")), ("reply", reply("inbox_predefined"))] {
        let r = send(&sim, Method::POST, &format!("{url}/{route}"), body).await;
        assert_eq!(error_paths(&r), ["status"], "{route}");
        let e = &r.body["_embedded"]["errors"][0];
        assert!(
            e["_links"]["about"]["href"]
                .as_str()
                .unwrap()
                .ends_with("#EnumValue")
        );
    }
    // `inbox_predefined` on a note leaves the status as it is.
    let (status, _) = post_thread(&sim, conv, "notes", note("INBOX_PREDEFINED")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(get(&sim, &url).await.body["status"], "pending");
    assert_eq!(newest_thread(&sim, conv).await["status"], "pending");
    assert_eq!(
        post_thread(&sim, conv, "notes", note("spam")).await.0,
        StatusCode::CREATED
    );
    assert_eq!(get(&sim, &url).await.body["status"], "spam");
    // `all` on a reply counts as no status: the reply reactivates.
    assert_eq!(
        post_thread(&sim, conv, "reply", reply("all")).await.0,
        StatusCode::CREATED
    );
    assert_eq!(get(&sim, &url).await.body["status"], "active");
    assert_eq!(
        post_thread(&sim, conv, "reply", reply("closed")).await.0,
        StatusCode::CREATED
    );
    assert_eq!(get(&sim, &url).await.body["status"], "closed");
}
