//! End-to-end tests of organizations: the list's `sort`, Get with `includeCounts`, Create (201,
//! `Resource-ID`, `Location` with the page's query) and Delete (customers lose the reference),
//! and their `organization.*` webhooks.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::conversations::ids;
use super::webhooks::{WAIT, receiver, register};
use super::write_conversations::{error_paths, send};
use super::{call, get, start};
use helpscout_simulator::credentials::ACCESS_TOKEN;

#[tokio::test]
async fn list_sorts_and_get_counts() {
    let sim = start().await;
    let list = get(&sim, "/v2/organizations").await.body;
    assert_eq!(list["page"]["size"], 50);
    assert_eq!(list["page"]["totalElements"], 3);
    let o = &list["_embedded"]["organizations"][0];
    let mut keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "_links",
            "brandColor",
            "description",
            "domains",
            "id",
            "location",
            "logoUrl",
            "name",
            "note",
            "phones",
            "website"
        ]
    );
    let by_name = |q: &str| format!("/v2/organizations?sort={q}");
    assert_eq!(
        ids(&get(&sim, &by_name("name,asc")).await.body, "organizations"),
        [8001, 8002, 8003]
    );
    assert_eq!(
        ids(&get(&sim, &by_name("name")).await.body, "organizations"),
        [8003, 8002, 8001]
    );
    assert_eq!(
        ids(
            &get(&sim, &by_name("NAME,DESC")).await.body,
            "organizations"
        ),
        [8003, 8002, 8001]
    );
    // Default: lastInteractionAt (the latest conversation change), newest first.
    for (customer, first) in [(7_000_002, 8002), (7_000_003, 8003)] {
        let body = json!({"subject": "Hello", "customer": {"id": customer}, "mailboxId": 1001,
            "type": "email", "status": "active",
            "threads": [{"type": "customer", "customer": {"id": customer}, "text": "Hi"}]});
        assert_eq!(
            send(&sim, Method::POST, "/v2/conversations", body)
                .await
                .status,
            StatusCode::CREATED
        );
        let order = ids(&get(&sim, "/v2/organizations").await.body, "organizations");
        assert_eq!(order[0], first);
        let asc = ids(
            &get(&sim, &by_name("lastInteractionAt,asc")).await.body,
            "organizations",
        );
        assert_eq!(asc[2], first);
    }
    let most = ids(
        &get(&sim, &by_name("customerCount")).await.body,
        "organizations",
    );
    assert_eq!(most.len(), 3);
    for bad in ["score", "name,up", "name,asc,x"] {
        let r = get(&sim, &by_name(bad)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.body["_embedded"]["errors"][0]["path"], "sort");
    }
    let plain = get(&sim, "/v2/organizations/8001").await.body;
    assert!(plain.get("customerCount").is_none());
    assert_eq!(plain["name"], "Acme Corp");
    let counted = get(&sim, "/v2/organizations/8001?includeCounts=true")
        .await
        .body;
    assert_eq!(counted["customerCount"], 10);
    assert!(counted["conversationCount"].as_u64().unwrap() > 0);
    assert_eq!(
        get(&sim, "/v2/organizations/9").await.status,
        StatusCode::NOT_FOUND
    );
    let c = get(&sim, "/v2/customers/7000001").await.body;
    assert_eq!(c["organizationId"], 8001);
    assert!(
        get(&sim, "/v2/customers/7000004")
            .await
            .body
            .get("organizationId")
            .is_none()
    );
}

#[tokio::test]
async fn create_and_delete_organizations() {
    let sim = start().await;
    let rx = receiver(&[]).await;
    register(
        &sim,
        &rx.url,
        &["organization.created", "organization.deleted"],
        json!({}),
    )
    .await;
    let body = json!({"name": "New Test Company", "domain": "newcompany.com",
        "website": "www.newcompany.com", "description": "d", "location": "US", "note": "n",
        "phones": ["+1 555 0123", "+1 555 0456"], "brandColor": "#00FF00"});
    let r = send(&sim, Method::POST, "/v2/organizations", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id: u64 = r.header("resource-id").parse().unwrap();
    assert_eq!(id, 8004);
    assert_eq!(
        r.header("location"),
        format!(
            "{}/v2/organizations/8004?includeCounts=false&includeProperties=false",
            sim.url()
        )
    );
    let o = get(&sim, "/v2/organizations/8004").await.body;
    assert_eq!(o["domains"], json!(["newcompany.com"]));
    assert_eq!(o["logoUrl"], Value::Null);
    assert_eq!(o["phones"][1], "+1 555 0456");
    let r = send(
        &sim,
        Method::POST,
        "/v2/organizations",
        json!({"domain": "x.com", "size": 3}),
    )
    .await;
    assert_eq!(error_paths(&r), ["size", "name"]);

    let del = call(
        &sim,
        Method::DELETE,
        "/v2/organizations/8001",
        Some(ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get(&sim, "/v2/organizations/8001").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        get(&sim, "/v2/customers/7000001")
            .await
            .body
            .get("organizationId")
            .is_none()
    );
    let again = call(
        &sim,
        Method::DELETE,
        "/v2/organizations/8001",
        Some(ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    sim.wait_for_deliveries(2, WAIT).await;
    assert_eq!(
        rx.events(),
        ["organization.created", "organization.deleted"]
    );
    assert_eq!(rx.hits()[0].json(), o);
    assert_eq!(rx.hits()[1].json(), json!({"id": 8001}));
}
