//! End-to-end tests of conversation updates: PATCH ops, PUT tags/fields, DELETE, `modifiedSince`.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::write_conversations::{error_paths, send};
use super::{call, get, start};
use helpscout_simulator::credentials::ACCESS_TOKEN;

#[tokio::test]
async fn patch_conversation() {
    let sim = start().await;
    let url = "/v2/conversations/5000002";
    let before = helpscout_simulator::time::now();
    let ok = |op: Value| send(&sim, Method::PATCH, url, op);
    let r = ok(json!({"op": "replace", "path": "/subject", "value": "New subject"})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(r.header("content-type"), "text/plain; charset=UTF-8");
    let r = ok(json!({"op": "replace", "path": "status", "value": "pending"})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = ok(json!([{"op": "replace", "path": "/status", "value": "closed"}])).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        ok(json!({"op": "replace", "path": "/assignTo", "value": 304}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        ok(json!({"op": "move", "path": "/mailboxId", "value": 1003}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        ok(json!({"op": "replace", "path": "/primaryCustomer.id", "value": 7000009}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let c = get(&sim, url).await.body;
    assert_eq!(c["subject"], "New subject");
    assert_eq!(c["status"], "closed");
    assert_eq!(c["closedBy"], 301);
    assert!(c.get("closedAt").is_some());
    assert_eq!(c["assignee"]["id"], 304);
    assert_eq!(c["mailboxId"], 1003);
    assert_eq!(c["primaryCustomer"]["id"], 7000009);
    assert!(
        c["customFields"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["id"].as_u64().unwrap() > 220)
    );
    assert_eq!(
        ok(json!({"op": "remove", "path": "/assignTo"}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        ok(json!({"op": "replace", "path": "/status", "value": "active"}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let c = get(&sim, url).await.body;
    assert!(c.get("assignee").is_none() && c.get("closedAt").is_none());
    let since = helpscout_simulator::time::format(before - 1);
    let polled = get(&sim, &format!("/v2/conversations?modifiedSince={since}")).await;
    assert_eq!(
        super::conversations::ids(&polled.body, "conversations"),
        [5_000_002]
    );

    for (op, path) in [
        (
            json!({"op": "replace", "path": "/assignTo", "value": 1}),
            "assignTo",
        ),
        (
            json!({"op": "replace", "path": "/nope", "value": 1}),
            "path",
        ),
        (json!({"op": "add", "path": "/subject", "value": "x"}), "op"),
        (
            json!({"op": "replace", "path": "/status", "value": "gone"}),
            "value",
        ),
        (json!({"op": "replace", "path": "/subject"}), "value"),
        (
            json!({"op": "replace", "path": "/subject", "value": ""}),
            "value",
        ),
        (
            json!({"op": "move", "path": "/mailboxId", "value": 5}),
            "value",
        ),
        (
            json!({"op": "jump", "path": "/subject", "value": "x"}),
            "op",
        ),
        (
            json!({"op": "replace", "path": "/draft", "value": true}),
            "value",
        ),
    ] {
        assert_eq!(error_paths(&ok(op.clone()).await), [path], "{op}");
    }
    let two = json!([{"op": "remove", "path": "/assignTo"}, {"op": "remove", "path": "/assignTo"}]);
    assert_eq!(ok(two).await.status, StatusCode::BAD_REQUEST);
    let missing = send(
        &sim,
        Method::PATCH,
        "/v2/conversations/1",
        json!({"op": "remove", "path": "/assignTo"}),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn tags_fields_and_delete() {
    let sim = start().await;
    let url = "/v2/conversations/5000001";
    let r = send(
        &sim,
        Method::PUT,
        &format!("{url}/tags"),
        json!({"tags": ["zeta", "Bug", "alpha", "zeta"]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let c = get(&sim, url).await.body;
    let tags: Vec<&str> = c["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["alpha", "bug", "zeta"]);
    assert_eq!(
        c["tags"][1],
        json!({"id": 9003, "color": "#3197D6", "tag": "bug"})
    );
    assert_eq!(
        send(
            &sim,
            Method::PUT,
            &format!("{url}/tags"),
            json!({"tags": []})
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(get(&sim, url).await.body["tags"], json!([]));
    assert_eq!(
        error_paths(
            &send(
                &sim,
                Method::PUT,
                &format!("{url}/tags"),
                json!({"tags": [1]})
            )
            .await
        ),
        ["tags[0]"]
    );
    assert_eq!(
        error_paths(&send(&sim, Method::PUT, &format!("{url}/tags"), json!({})).await),
        ["tags"]
    );

    let fields = format!("{url}/fields");
    let r = send(
        &sim,
        Method::PUT,
        &fields,
        json!({"fields": [{"id": 201, "value": 3003}, {"id": 202, "value": "-42"}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let cf = get(&sim, url).await.body["customFields"].clone();
    assert_eq!(
        cf,
        json!([
            {"id": 201, "name": "Priority", "value": "3003", "text": "High"},
            {"id": 202, "name": "Order Number", "value": "-42", "text": "-42"},
        ])
    );
    let bad = json!({"fields": [{"id": 201, "value": "High"}, {"id": 211, "value": "x"}, {"id": 203, "value": "2023-02-30"}, {"id": 204, "value": "x".repeat(256)}, {"id": 205, "value": "y".repeat(15_001)}]});
    let paths = error_paths(&send(&sim, Method::PUT, &fields, bad).await);
    assert_eq!(
        paths,
        [
            "fields[0].value",
            "fields[1].id",
            "fields[2].value",
            "fields[3].value",
            "fields[4].value"
        ]
    );
    assert_eq!(
        get(&sim, url).await.body["customFields"],
        cf,
        "unchanged after a 400"
    );
    assert_eq!(
        send(&sim, Method::PUT, &fields, json!({"fields": []}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(get(&sim, url).await.body["customFields"], json!([]));
    let nf = send(
        &sim,
        Method::PUT,
        "/v2/conversations/42/fields",
        json!({"fields": []}),
    )
    .await;
    assert_eq!(nf.status, StatusCode::NOT_FOUND);

    let del = call(&sim, Method::DELETE, url, Some(ACCESS_TOKEN), None).await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert_eq!(get(&sim, url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        call(&sim, Method::DELETE, url, Some(ACCESS_TOKEN), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
