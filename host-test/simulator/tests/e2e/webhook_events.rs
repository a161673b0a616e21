//! End-to-end tests of webhook event delivery: ordering per webhook, thread/delete/notification
//! bodies, retries after failures, 410 disabling and skipped non-loopback URLs.

use std::time::Duration;

use axum::http::Method;
use serde_json::json;

use super::webhooks::{SECRET, WAIT, expected_signature, receiver, register};
use super::write_conversations::send;
use super::{call, get, start};
use helpscout_simulator::credentials::ACCESS_TOKEN;

#[tokio::test]
async fn events_in_order_notification_and_deleted() {
    let sim = start().await;
    let rx = receiver(&[]).await;
    let all = [
        "convo.note.created",
        "convo.agent.reply.created",
        "convo.customer.reply.created",
        "convo.status",
        "convo.tags",
        "convo.custom-fields",
        "convo.moved",
        "convo.assigned",
        "convo.deleted",
    ];
    register(&sim, &rx.url, &all, json!({})).await;
    let notify = receiver(&[]).await;
    register(
        &sim,
        &notify.url,
        &["convo.tags"],
        json!({"notification": true}),
    )
    .await;
    let url = "/v2/conversations/5000001";
    send(
        &sim,
        Method::POST,
        &format!("{url}/notes"),
        json!({"text": "n"}),
    )
    .await;
    send(
        &sim,
        Method::POST,
        &format!("{url}/reply"),
        json!({"text": "r", "customer": {"id": 7000001}, "status": "closed"}),
    )
    .await;
    send(
        &sim,
        Method::POST,
        &format!("{url}/customer"),
        json!({"text": "c", "customer": {"id": 7000001}}),
    )
    .await;
    send(
        &sim,
        Method::PUT,
        &format!("{url}/tags"),
        json!({"tags": ["a"]}),
    )
    .await;
    send(
        &sim,
        Method::PUT,
        &format!("{url}/fields"),
        json!({"fields": []}),
    )
    .await;
    send(
        &sim,
        Method::PATCH,
        url,
        json!({"op": "move", "path": "/mailboxId", "value": 1002}),
    )
    .await;
    send(
        &sim,
        Method::PATCH,
        url,
        json!({"op": "remove", "path": "/assignTo"}),
    )
    .await;
    send(
        &sim,
        Method::PATCH,
        url,
        json!({"op": "replace", "path": "/subject", "value": "no event"}),
    )
    .await;
    call(&sim, Method::DELETE, url, Some(ACCESS_TOKEN), None).await;
    sim.wait_for_deliveries(11, WAIT).await;
    assert_eq!(
        rx.events(),
        [
            "convo.note.created",
            "convo.agent.reply.created",
            "convo.status",
            "convo.customer.reply.created",
            "convo.status", // the customer thread re-opened the closed conversation
            "convo.tags",
            "convo.custom-fields",
            "convo.moved",
            "convo.assigned",
            "convo.deleted"
        ]
    );
    assert_eq!(rx.hits()[2].json()["status"], "closed");
    assert_eq!(rx.hits()[4].json()["status"], "active");
    assert_eq!(rx.hits()[9].json(), json!({"id": 5000001}));
    assert_eq!(
        notify.hits()[0].json(),
        json!({"url": format!("{}{url}", sim.url())})
    );
    assert_eq!(
        notify.hits()[0].signature,
        expected_signature(&notify.hits()[0].body)
    );
}

#[tokio::test]
async fn retries_then_succeeds() {
    let sim = start().await;
    let rx = receiver(&[500, 503]).await;
    register(&sim, &rx.url, &["convo.status"], json!({})).await;
    let op = json!({"op": "replace", "path": "/status", "value": "spam"});
    send(&sim, Method::PATCH, "/v2/conversations/5000001", op).await;
    let done = sim.wait_for_deliveries(1, WAIT).await;
    assert_eq!(
        (done[0].attempts, done[0].status, done[0].delivered),
        (3, Some(200), true)
    );
    let hits = rx.hits();
    assert_eq!(hits.len(), 3);
    assert!(
        hits.windows(2)
            .all(|w| w[0].body == w[1].body && w[0].signature == w[1].signature)
    );
}

#[tokio::test]
async fn gone_disables_and_non_loopback_is_skipped() {
    let sim = start().await;
    let rx = receiver(&[410]).await;
    let hook = register(&sim, &rx.url, &["convo.status"], json!({})).await;
    let remote = register(
        &sim,
        "https://hooks.example.com/x",
        &["convo.status"],
        json!({}),
    )
    .await;
    let url = "/v2/conversations/5000001";
    send(
        &sim,
        Method::PATCH,
        url,
        json!({"op": "replace", "path": "/status", "value": "spam"}),
    )
    .await;
    let done = sim.wait_for_deliveries(2, WAIT).await;
    let skipped = done.iter().find(|d| d.webhook_id == remote).unwrap();
    assert_eq!(
        (skipped.attempts, skipped.status, skipped.delivered),
        (0, None, false)
    );
    let gone = done.iter().find(|d| d.webhook_id == hook).unwrap();
    assert_eq!(
        (gone.attempts, gone.status, gone.delivered),
        (1, Some(410), false)
    );
    assert_eq!(
        get(&sim, &format!("/v2/webhooks/{hook}")).await.body["state"],
        "disabled"
    );
    send(
        &sim,
        Method::PATCH,
        url,
        json!({"op": "replace", "path": "/status", "value": "active"}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(rx.hits().len(), 1, "no deliveries once disabled");
    assert_eq!(sim.deliveries().len(), 3, "the remote one is skipped again");
    let put = json!({"url": rx.url, "events": ["convo.status"], "secret": SECRET});
    send(&sim, Method::PUT, &format!("/v2/webhooks/{hook}"), put).await;
    assert_eq!(
        get(&sim, &format!("/v2/webhooks/{hook}")).await.body["state"],
        "enabled"
    );
    send(
        &sim,
        Method::PATCH,
        url,
        json!({"op": "replace", "path": "/status", "value": "pending"}),
    )
    .await;
    let done = sim.wait_for_deliveries(5, WAIT).await;
    assert!(done.iter().any(|d| d.webhook_id == hook && d.delivered));
}
