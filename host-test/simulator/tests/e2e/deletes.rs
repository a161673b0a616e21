//! End-to-end tests of Delete Customer (204, the customer's conversations go too, 403 past 100
//! conversations, `?async=true` → 202, `customer.deleted`) and Delete Conversation (204,
//! `convo.deleted` with `{"id": N}`).

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::webhooks::{WAIT, receiver, register};
use super::{call, get, start};
use helpscout_simulator::credentials::ACCESS_TOKEN;
use helpscout_simulator::{Simulator, SimulatorOptions};

async fn delete(sim: &Simulator, path: &str) -> StatusCode {
    call(sim, Method::DELETE, path, Some(ACCESS_TOKEN), None)
        .await
        .status
}

/// The conversations customer `id` is the primary customer of.
async fn conversations_of(sim: &Simulator, id: u64) -> u64 {
    let q = format!("/v2/conversations?status=all&query=(customerIds:{id})");
    get(sim, &q).await.body["page"]["totalElements"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn deleting_a_customer_takes_their_conversations() {
    let sim = start().await;
    let rx = receiver(&[]).await;
    register(
        &sim,
        &rx.url,
        &["customer.deleted", "convo.deleted"],
        json!({}),
    )
    .await;
    let before = sim.conversation_count();
    let theirs = conversations_of(&sim, 7_000_005).await;
    assert!(theirs > 0);
    assert_eq!(
        delete(&sim, "/v2/customers/7000005").await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get(&sim, "/v2/customers/7000005").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(sim.conversation_count() as u64, before as u64 - theirs);
    assert_eq!(conversations_of(&sim, 7_000_005).await, 0);
    assert_eq!(
        delete(&sim, "/v2/customers/7000005").await,
        StatusCode::NOT_FOUND
    );
    // Asynchronously: 202, same result.
    let theirs = conversations_of(&sim, 7_000_006).await;
    let count = sim.conversation_count() as u64;
    let r = call(
        &sim,
        Method::DELETE,
        "/v2/customers/7000006?async=true",
        Some(ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(
        get(&sim, "/v2/customers/7000006").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(sim.conversation_count() as u64, count - theirs);
    // Delete Conversation.
    assert_eq!(
        delete(&sim, "/v2/conversations/5000001").await,
        StatusCode::NO_CONTENT
    );
    sim.wait_for_deliveries(3, WAIT).await;
    assert_eq!(
        rx.events(),
        ["customer.deleted", "customer.deleted", "convo.deleted"]
    );
    let bodies: Vec<_> = rx.hits().iter().map(|h| h.json()).collect();
    assert_eq!(
        bodies,
        [
            json!({"id": 7000005}),
            json!({"id": 7000006}),
            json!({"id": 5000001})
        ]
    );
}

#[tokio::test]
async fn a_customer_with_more_than_100_conversations_is_refused() {
    let options = SimulatorOptions {
        conversations: 10_000,
        ..SimulatorOptions::default()
    };
    let sim = Simulator::start(options).await.unwrap();
    assert!(conversations_of(&sim, 7_000_001).await > 100);
    let r = call(
        &sim,
        Method::DELETE,
        "/v2/customers/7000001",
        Some(ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.header("content-type"), "application/vnd.error+json");
    assert_eq!(
        get(&sim, "/v2/customers/7000001").await.status,
        StatusCode::OK
    );
    assert_eq!(sim.conversation_count(), 10_000);
    let r = call(
        &sim,
        Method::DELETE,
        "/v2/customers/7000001?async=true",
        Some(ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::ACCEPTED,
        "the async page has no such limit"
    );
    assert!(sim.conversation_count() < 9_900);
    let r = call(
        &sim,
        Method::DELETE,
        "/v2/customers/7000002?async=maybe",
        Some(ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}
