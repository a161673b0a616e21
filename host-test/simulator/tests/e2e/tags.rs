//! End-to-end tests of tags: List Tags' items (`createdAt` always, `updatedAt` when set), tags
//! created by conversation writes stamped `createdAt`, and Get Tag (404 for an unknown id).

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::write_conversations::send;
use super::{get, start};
use helpscout_simulator::time::{format, now};

#[tokio::test]
async fn list_and_get_tags() {
    let sim = start().await;
    let list = get(&sim, "/v2/tags").await.body;
    let items = list["_embedded"]["tags"].as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "billing",
            "bug",
            "feature-request",
            "refund",
            "urgent",
            "vip"
        ]
    );
    let vip = items.iter().find(|t| t["name"] == "vip").unwrap();
    assert_eq!(
        vip,
        &json!({"id": 9001, "slug": "vip", "name": "vip", "color": "#E52F28",
                "createdAt": "2023-01-05T09:00:00Z", "ticketCount": vip["ticketCount"]})
    );
    let refund = items.iter().find(|t| t["name"] == "refund").unwrap();
    assert_eq!(refund["updatedAt"], "2024-06-06T16:30:00Z");
    // A tag created by a conversation write gets `createdAt`.
    let before = now();
    let put = json!({"tags": ["Brand New"]});
    let r = send(&sim, Method::PUT, "/v2/conversations/5000001/tags", put).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let list = get(&sim, "/v2/tags").await.body;
    let new = list["_embedded"]["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Brand New")
        .unwrap()
        .clone();
    assert_eq!(new["slug"], "brand-new");
    assert_eq!(new["ticketCount"], 1);
    let created = new["createdAt"].as_str().unwrap();
    assert!(created >= format(before).as_str() && created <= format(now()).as_str());
    assert!(new.get("updatedAt").is_none());
    // Get Tag.
    let id = new["id"].as_u64().unwrap();
    let one = get(&sim, &format!("/v2/tags/{id}")).await.body;
    assert_eq!(
        one,
        json!({"id": id, "slug": "brand-new", "name": "Brand New", "color": new["color"],
               "_links": {"self": {"href": format!("{}/v2/tags/{id}", sim.url())}}})
    );
    assert_eq!(get(&sim, "/v2/tags/1").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&sim, "/v2/tags/vip").await.status,
        StatusCode::NOT_FOUND
    );
}
