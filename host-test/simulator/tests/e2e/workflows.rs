//! End-to-end tests of workflows: the list and its filters, runs of the seeded manual workflows
//! (their effects, `manual-workflow` line items and events), the run's 400s and 404, and
//! Update Workflow Status.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::conversations::ids;
use super::webhooks::{WAIT, receiver, register};
use super::write_conversations::{error_paths, send};
use super::{get, start};
use helpscout_simulator::Simulator;

/// Seeded conversations of `mailbox` with `status`.
async fn in_mailbox(sim: &Simulator, mailbox: u64, status: &str) -> Vec<u64> {
    let q = format!("/v2/conversations?mailbox={mailbox}&status={status}");
    ids(&get(sim, &q).await.body, "conversations")
}

async fn run(sim: &Simulator, workflow: u64, conversations: Value) -> super::Reply {
    let body = json!({"conversationIds": conversations});
    send(
        sim,
        Method::POST,
        &format!("/v2/workflows/{workflow}/run"),
        body,
    )
    .await
}

#[tokio::test]
async fn list_and_filter_workflows() {
    let sim = start().await;
    let all = get(&sim, "/v2/workflows").await.body;
    assert_eq!(ids(&all, "workflows"), (4001..=4009).collect::<Vec<_>>());
    assert_eq!(all["page"]["size"], 50);
    let w = &all["_embedded"]["workflows"][0];
    assert_eq!(
        w,
        &json!({"id": 4001, "mailboxId": 1001, "type": "manual", "status": "active", "order": 1,
                "name": "Close", "createdAt": "2023-03-01T12:00:00Z",
                "modifiedAt": "2024-09-01T12:00:00Z",
                "_links": {"self": {"href": format!("{}/v2/workflows/4001", sim.url())}}})
    );
    let billing = get(&sim, "/v2/workflows?mailboxId=1002").await.body;
    assert_eq!(ids(&billing, "workflows"), [4004, 4005, 4006]);
    let manual = get(&sim, "/v2/workflows?type=manual&mailboxId=1003")
        .await
        .body;
    assert_eq!(ids(&manual, "workflows"), [4007, 4008]);
    let automatic = get(&sim, "/v2/workflows?type=automatic").await.body;
    assert_eq!(ids(&automatic, "workflows"), [4003, 4006, 4009]);
    for bad in ["type=sometimes", "mailboxId=x"] {
        let r = get(&sim, &format!("/v2/workflows?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn running_manual_workflows() {
    let sim = start().await;
    let rx = receiver(&[]).await;
    register(&sim, &rx.url, &["convo.status", "convo.tags"], json!({})).await;
    let active = in_mailbox(&sim, 1001, "active").await;
    let (a, b) = (active[0], active[1]);
    let r = run(&sim, 4001, json!([a, b, a])).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    for conv in [a, b] {
        let c = get(&sim, &format!("/v2/conversations/{conv}")).await.body;
        assert_eq!(c["status"], "closed");
        let list = get(&sim, &format!("/v2/conversations/{conv}/threads"))
            .await
            .body;
        let newest = &list["_embedded"]["threads"][0];
        assert_eq!(newest["type"], "lineitem");
        assert_eq!(newest["status"], "closed");
        assert_eq!(
            newest["action"],
            json!({"type": "manual-workflow", "text": "You ran the Close workflow",
                   "associatedEntities": {}})
        );
        assert_ne!(
            list["_embedded"]["threads"][1]["type"], "lineitem",
            "one line item"
        );
    }
    let untagged = in_mailbox(&sim, 1001, "all").await;
    let plain = *untagged.iter().find(|id| **id != a && **id != b).unwrap();
    let r = run(&sim, 4002, json!([plain])).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let c = get(&sim, &format!("/v2/conversations/{plain}")).await.body;
    assert!(
        c["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["tag"] == "vip")
    );
    sim.wait_for_deliveries(3, WAIT).await;
    let events = rx.events();
    assert_eq!(events[..2], ["convo.status", "convo.status"]);
    let tagged = c["tags"].as_array().unwrap().len();
    // A second run adds no second `vip`.
    run(&sim, 4002, json!([plain])).await;
    let c = get(&sim, &format!("/v2/conversations/{plain}")).await.body;
    assert_eq!(c["tags"].as_array().unwrap().len(), tagged);
}

#[tokio::test]
async fn run_errors_and_status_updates() {
    let sim = start().await;
    let ours = in_mailbox(&sim, 1001, "all").await[0];
    let other = in_mailbox(&sim, 1002, "all").await[0];
    let r = run(&sim, 4001, json!([ours, other, 42])).await;
    assert_eq!(
        error_paths(&r),
        ["conversationIds[1]", "conversationIds[2]"]
    );
    assert_eq!(
        error_paths(&run(&sim, 4001, json!([])).await),
        ["conversationIds"]
    );
    let many: Vec<u64> = in_mailbox(&sim, 1001, "all").await;
    let mut too_many = many.clone();
    while too_many.len() < 51 {
        too_many.extend(many.iter().copied());
    }
    too_many.truncate(51);
    assert_eq!(
        error_paths(&run(&sim, 4001, json!(too_many)).await),
        ["conversationIds"]
    );
    let r = send(&sim, Method::POST, "/v2/workflows/4001/run", json!({})).await;
    assert_eq!(error_paths(&r), ["conversationIds"]);
    assert_eq!(
        error_paths(&run(&sim, 4003, json!([ours])).await),
        [""],
        "automatic"
    );
    assert_eq!(
        run(&sim, 4999, json!([ours])).await.status,
        StatusCode::NOT_FOUND
    );
    // Update Workflow Status.
    let off = json!({"op": "replace", "path": "/status", "value": "inactive"});
    let r = send(&sim, Method::PATCH, "/v2/workflows/4001", off).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let w = &get(&sim, "/v2/workflows?mailboxId=1001").await.body["_embedded"]["workflows"][0];
    assert_eq!(w["status"], "inactive");
    assert_ne!(w["modifiedAt"], "2024-09-01T12:00:00Z");
    assert_eq!(
        error_paths(&run(&sim, 4001, json!([ours])).await),
        [""],
        "inactive"
    );
    for (body, path) in [
        (
            json!({"op": "replace", "path": "/status", "value": "invalid"}),
            "value",
        ),
        (
            json!({"op": "add", "path": "/status", "value": "active"}),
            "op",
        ),
        (
            json!({"op": "replace", "path": "/name", "value": "active"}),
            "path",
        ),
    ] {
        let r = send(&sim, Method::PATCH, "/v2/workflows/4001", body).await;
        assert_eq!(error_paths(&r), [path]);
    }
    let on = json!({"op": "replace", "path": "/status", "value": "active"});
    assert_eq!(
        send(&sim, Method::PATCH, "/v2/workflows/4001", on.clone())
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&sim, Method::PATCH, "/v2/workflows/1", on)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        run(&sim, 4001, json!([ours])).await.status,
        StatusCode::NO_CONTENT
    );
}
