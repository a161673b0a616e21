//! End-to-end tests of conversation creation (201 + headers, customer lookup/creation, tags,
//! fields, validation, 412, `modifiedSince`) and the JSON helpers the other write tests share.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::{Reply, call, get, start};
use helpscout_simulator::Simulator;
use helpscout_simulator::credentials::ACCESS_TOKEN;

/// A JSON write with the demo token.
pub async fn send(sim: &Simulator, method: Method, url: &str, body: Value) -> Reply {
    let text = body.to_string();
    let ct = "application/json;charset=UTF-8";
    call(sim, method, url, Some(ACCESS_TOKEN), Some((ct, &text))).await
}

/// The `path`s of a 400's errors.
pub fn error_paths(r: &Reply) -> Vec<String> {
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.header("content-type"), "application/vnd.error+json");
    r.body["_embedded"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["source"], "JSON");
            e["path"].as_str().unwrap().to_string()
        })
        .collect()
}

/// The id of a 201 answer (checks the recorded header set).
pub fn created_id(sim: &Simulator, r: &Reply, collection: &str) -> u64 {
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body, Value::Null);
    assert_eq!(r.header("content-type"), "text/plain; charset=UTF-8");
    assert_eq!(r.header("content-length"), "0");
    let id: u64 = r.header("resource-id").parse().unwrap();
    let location = format!("{}/v2/{collection}/{id}", sim.url());
    assert_eq!(r.header("location"), location);
    id
}

pub fn new_conversation() -> Value {
    json!({
        "subject": "Printer on fire",
        "customer": {"email": "new.person@example.org", "firstName": "New", "lastName": "Person"},
        "mailboxId": "1001",
        "type": "email",
        "status": "active",
        "threads": [{"type": "customer", "customer": {"email": "new.person@example.org"}, "text": "Help!"}],
        "tags": ["VIP", "brand-new-tag"],
        "fields": [{"id": 201, "value": "3002"}, {"id": 203, "value": "2025-03-01"}],
    })
}

#[tokio::test]
async fn create_conversation() {
    let sim = start().await;
    let before = helpscout_simulator::time::now();
    let r = send(&sim, Method::POST, "/v2/conversations", new_conversation()).await;
    assert_eq!(r.header("x-ratelimit-remaining-minute"), "1998");
    let id = created_id(&sim, &r, "conversations");
    assert_eq!(id, 5_000_151);
    let c = get(&sim, &format!("/v2/conversations/{id}?embed=threads"))
        .await
        .body;
    assert_eq!(c["number"], 1151);
    assert_eq!(c["subject"], "Printer on fire");
    assert_eq!(c["mailboxId"], 1001);
    assert_eq!(c["threads"], 1);
    assert_eq!(c["source"], json!({"type": "api", "via": "customer"}));
    assert_eq!(c["primaryCustomer"]["email"], "new.person@example.org");
    assert_eq!(c["createdBy"]["type"], "customer");
    let customer_id = c["primaryCustomer"]["id"].as_u64().unwrap();
    assert_eq!(customer_id, 7_000_061);
    let tags: Vec<&str> = c["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["brand-new-tag", "vip"]);
    assert!(c["tags"][0]["id"].as_u64().unwrap() > 9006);
    assert_eq!(
        c["customFields"][0],
        json!({"id": 201, "name": "Priority", "value": "3002", "text": "Medium"})
    );
    assert_eq!(c["customFields"][1]["value"], "2025-03-01");
    assert_eq!(c["_embedded"]["threads"][0]["body"], "Help!");
    assert_eq!(c["folderId"], 100_101);
    let who = get(&sim, &format!("/v2/customers/{customer_id}"))
        .await
        .body;
    assert_eq!(who["firstName"], "New");
    // An existing email is reused, not duplicated.
    let mut again = new_conversation();
    again["customer"] = json!({"email": "NEW.person@example.org"});
    let r = send(&sim, Method::POST, "/v2/conversations", again).await;
    let id2 = created_id(&sim, &r, "conversations");
    let c2 = get(&sim, &format!("/v2/conversations/{id2}")).await.body;
    assert_eq!(c2["primaryCustomer"]["id"], customer_id);
    // Both are visible to modifiedSince polling.
    let since = helpscout_simulator::time::format(before - 1);
    let polled = get(
        &sim,
        &format!("/v2/conversations?status=all&modifiedSince={since}"),
    )
    .await;
    let ids = super::conversations::ids(&polled.body, "conversations");
    assert!(ids.contains(&id) && ids.contains(&id2), "{ids:?}");
}

#[tokio::test]
async fn create_by_user_closed_and_assigned() {
    let sim = start().await;
    let body = json!({
        "subject": "Call notes", "customer": {"id": 7000002}, "mailboxId": 1002, "type": "phone",
        "status": "closed", "assignTo": 302, "user": 303, "createdAt": "2024-05-01T10:00:00Z",
        "threads": [{"type": "reply", "text": "We called.", "user": 303},
                    {"type": "note", "text": "Internal.", "createdAt": "2024-05-01T10:05:00Z"}],
    });
    let r = send(&sim, Method::POST, "/v2/conversations", body).await;
    let id = created_id(&sim, &r, "conversations");
    let c = get(&sim, &format!("/v2/conversations/{id}?embed=threads"))
        .await
        .body;
    assert_eq!(c["status"], "closed");
    assert_eq!(c["assignee"]["id"], 302);
    assert_eq!(c["closedBy"], 303);
    assert!(c.get("closedAt").is_some());
    assert_eq!(c["createdAt"], "2024-05-01T10:00:00Z");
    assert_eq!(c["source"]["via"], "user");
    let threads = c["_embedded"]["threads"].as_array().unwrap();
    assert_eq!(threads[0]["type"], "note");
    assert_eq!(threads[1]["type"], "message");
    assert_eq!(threads[1]["createdBy"]["id"], 303);
    assert_eq!(threads[1]["to"][0], "liam.johnson@example.com");
}

#[tokio::test]
async fn create_validation() {
    let sim = start().await;
    let post = |body: Value| send(&sim, Method::POST, "/v2/conversations", body);
    let r = post(json!({"subject": "", "bogus": 1})).await;
    let paths = error_paths(&r);
    for p in [
        "bogus",
        "subject",
        "customer",
        "mailboxId",
        "type",
        "status",
        "threads",
    ] {
        assert!(paths.contains(&p.to_string()), "{p} in {paths:?}");
    }
    let mut body = new_conversation();
    body["customer"] = json!({"id": 1});
    body["assignTo"] = json!(999);
    body["type"] = json!("fax");
    body["threads"][0]["type"] = json!("weird");
    body["fields"] = json!([{"id": 999, "value": "x"}, {"id": 202, "value": "abc"}]);
    let r = post(body).await;
    let mut paths = error_paths(&r);
    paths.sort();
    assert_eq!(
        paths,
        [
            "assignTo",
            "customer.id",
            "fields[0].id",
            "fields[1].value",
            "threads[0].type",
            "type"
        ]
    );
    let e = &r.body["_embedded"]["errors"];
    let enum_error = e
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["path"] == "type")
        .unwrap();
    assert_eq!(enum_error["rejectedValue"], "fax");
    let mut body = new_conversation();
    body["mailboxId"] = json!(4242);
    assert_eq!(error_paths(&post(body).await), ["mailboxId"]);
    let mut body = new_conversation();
    body["threads"] = json!(vec![json!({"type": "note", "text": "x"}); 101]);
    let r = post(body).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(r.header("content-type"), "application/vnd.error+json");
    let mut body = new_conversation();
    body["threads"] = json!(vec![json!({"type": "note", "text": "x"}); 100]);
    assert_eq!(post(body).await.status, StatusCode::CREATED);
    let bad = call(
        &sim,
        Method::POST,
        "/v2/conversations",
        Some(ACCESS_TOKEN),
        Some(("application/json", "{oops")),
    )
    .await;
    assert_eq!(error_paths(&bad), [""]);
    let form = call(
        &sim,
        Method::POST,
        "/v2/conversations",
        Some(ACCESS_TOKEN),
        Some(("text/plain", "{}")),
    )
    .await;
    assert_eq!(form.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let anon = call(
        &sim,
        Method::POST,
        "/v2/conversations",
        None,
        Some(("application/json", "{}")),
    )
    .await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
}
