//! End-to-end tests of satisfaction ratings: the seeded ones, `Simulator::rate` (its refusals,
//! re-rating) with its `satisfaction.ratings` webhook, the rating on the rated thread, and 404.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::webhooks::{WAIT, receiver, register};
use super::{get, start};

/// A conversation's threads, newest first.
async fn threads(sim: &helpscout_simulator::Simulator, conv: u64) -> Vec<Value> {
    let list = get(sim, &format!("/v2/conversations/{conv}/threads"))
        .await
        .body;
    list["_embedded"]["threads"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn seeded_ratings_have_the_documented_shape() {
    let sim = start().await;
    let r = get(&sim, "/v2/ratings/1").await;
    assert_eq!(r.status, StatusCode::OK);
    let mut keys: Vec<&str> = r
        .body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "_links",
            "comments",
            "conversationId",
            "conversationNumber",
            "createdAt",
            "customer",
            "id",
            "mailboxId",
            "modifiedAt",
            "rating",
            "threadId",
            "user"
        ]
    );
    assert_eq!(r.body["rating"], "great");
    assert_eq!(r.body["conversationId"], 5000001);
    assert_eq!(r.body["conversationNumber"], 1001);
    assert_eq!(r.body["mailboxId"], 1001);
    assert_eq!(
        r.body["customer"],
        json!({"id": 7000001, "email": "olivia.smith@example.com", "firstName": "Olivia",
               "lastName": "Smith", "photoUrl": "https://example.com/avatars/customer-7000001.png"})
    );
    assert_eq!(
        r.body["user"],
        json!({"id": 301, "email": "ava@example.com", "firstName": "Ava", "lastName": "Thompson"})
    );
    let base = sim.url();
    assert_eq!(
        r.body["_links"]["self"]["href"],
        format!("{base}/v2/ratings/1")
    );
    assert_eq!(
        r.body["_links"]["conversation"]["href"],
        format!("{base}/v2/conversations/5000001")
    );
    let thread = r.body["threadId"].clone();
    let rated = threads(&sim, 5_000_001)
        .await
        .into_iter()
        .find(|t| t["id"] == thread)
        .unwrap();
    assert_eq!(
        rated["rating"],
        json!({"customerId": 7000001, "rating": "great", "comments": "Quick and friendly, thanks!"})
    );
    assert_eq!(
        get(&sim, "/v2/ratings/3").await.status,
        StatusCode::NOT_FOUND
    );
    // Delete Customer takes "their survey responses" along.
    let second = get(&sim, "/v2/ratings/2").await.body;
    assert_eq!(second["rating"], "okay");
    let customer = second["customer"]["id"].as_u64().unwrap();
    let del = super::call(
        &sim,
        axum::http::Method::DELETE,
        &format!("/v2/customers/{customer}"),
        Some(helpscout_simulator::credentials::ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get(&sim, "/v2/ratings/2").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn customers_rate_agent_replies() {
    let sim = start().await;
    let rx = receiver(&[]).await;
    register(&sim, &rx.url, &["satisfaction.ratings"], json!({})).await;
    let conv = 5_000_003;
    let list = threads(&sim, conv).await;
    let reply = list.iter().find(|t| t["type"] == "message");
    let other = list.iter().find(|t| t["type"] != "message").unwrap()["id"]
        .as_u64()
        .unwrap();
    assert_eq!(sim.rate(conv, other, "great", ""), None, "not a reply");
    assert_eq!(sim.rate(conv, 1, "great", ""), None);
    assert_eq!(sim.rate(42, other, "great", ""), None);
    let reply = match reply {
        Some(t) => t["id"].as_u64().unwrap(),
        None => {
            let r = super::write_conversations::send(
                &sim,
                axum::http::Method::POST,
                &format!("/v2/conversations/{conv}/reply"),
                json!({"text": "Here you go", "customer": {"id": 7000004}}),
            )
            .await;
            r.header("resource-id").parse().unwrap()
        }
    };
    assert_eq!(
        sim.rate(conv, reply, "superb", ""),
        None,
        "not a rating value"
    );
    let id = sim.rate(conv, reply, "not_good", "Too slow").unwrap();
    assert_eq!(id, 3);
    let r = get(&sim, &format!("/v2/ratings/{id}")).await.body;
    assert_eq!(
        (&r["rating"], &r["comments"]),
        (&json!("not_good"), &json!("Too slow"))
    );
    assert_eq!(r["threadId"], reply);
    assert_eq!(
        sim.rate(conv, reply, "GREAT", "Better now"),
        Some(id),
        "re-rated"
    );
    let again = get(&sim, &format!("/v2/ratings/{id}")).await.body;
    assert_eq!(again["rating"], "great");
    assert_eq!(again["createdAt"], r["createdAt"]);
    sim.wait_for_deliveries(2, WAIT).await;
    assert_eq!(
        rx.events(),
        ["satisfaction.ratings", "satisfaction.ratings"]
    );
    assert_eq!(rx.hits()[0].json(), r);
    assert_eq!(rx.hits()[1].json(), again);
}
