//! End-to-end tests of customer properties (definitions + PATCH) and the entry/address endpoints.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::write_conversations::{created_id, error_paths, send};
use super::{call, get, start};
use helpscout_simulator::credentials::ACCESS_TOKEN;

#[tokio::test]
async fn customer_properties() {
    let sim = start().await;
    let defs = get(&sim, "/v2/customer-properties").await.body;
    let list = defs["_embedded"]["customer-properties"].as_array().unwrap();
    let slugs: Vec<&str> = list.iter().map(|d| d["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["plan", "seats", "car", "signup-date"]);
    let pro = list[0]["options"][1].clone();
    assert_eq!(pro["label"], "Pro");
    let url = "/v2/customers/7000002/properties";
    let ops = json!([
        {"op": "replace", "path": "/car", "value": "Tesla"},
        {"op": "replace", "path": "/plan", "value": "enterprise"},
        {"op": "replace", "path": "/seats", "value": 12},
        {"op": "replace", "path": "/signup-date", "value": "2024-02-29"},
    ]);
    assert_eq!(
        send(&sim, Method::PATCH, url, ops).await.status,
        StatusCode::NO_CONTENT
    );
    let props = get(&sim, "/v2/customers/7000002").await.body["_embedded"]["properties"].clone();
    let by_slug = |s: &str| {
        props
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == s)
            .unwrap()
            .clone()
    };
    assert_eq!(
        by_slug("car"),
        json!({"type": "text", "slug": "car", "name": "Car", "value": "Tesla", "text": "Tesla", "source": {"name": "api"}})
    );
    assert_eq!(by_slug("plan")["text"], "Enterprise");
    assert_eq!(by_slug("plan")["value"], list[0]["options"][2]["id"]);
    assert_eq!(by_slug("seats")["value"], "12");
    let ops = json!([{"op": "replace", "path": "/plan", "value": pro["id"]}, {"op": "remove", "path": "/car"}]);
    assert_eq!(
        send(&sim, Method::PATCH, url, ops).await.status,
        StatusCode::NO_CONTENT
    );
    let props = get(&sim, "/v2/customers/7000002").await.body["_embedded"]["properties"].clone();
    assert!(props.as_array().unwrap().iter().all(|p| p["slug"] != "car"));
    let bad = json!([
        {"op": "replace", "path": "/nickname", "value": "x"},
        {"op": "replace", "path": "/seats", "value": "many"},
        {"op": "replace", "path": "/signup-date", "value": "2023-02-29"},
        {"op": "replace", "path": "/plan", "value": "Gold"},
        {"op": "add", "path": "/car", "value": "x"},
    ]);
    let r = send(&sim, Method::PATCH, url, bad).await;
    assert_eq!(
        error_paths(&r),
        ["nickname", "seats", "signup-date", "plan", "[4].op"]
    );
    assert_eq!(
        error_paths(&send(&sim, Method::PATCH, url, json!({})).await),
        [""]
    );
    assert_eq!(
        send(&sim, Method::PATCH, "/v2/customers/1/properties", json!([]))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn entry_endpoints_and_address() {
    let sim = start().await;
    let base = "/v2/customers/7000003";
    for (rel, body) in [
        (
            "emails",
            json!({"type": "home", "value": "extra@example.com"}),
        ),
        ("phones", json!({"type": "fax", "value": "555"})),
        ("chats", json!({"type": "skype", "value": "me.skype"})),
        (
            "social-profiles",
            json!({"type": "linkedin", "value": "in/me"}),
        ),
        ("websites", json!({"value": "https://me.example"})),
    ] {
        let r = send(&sim, Method::POST, &format!("{base}/{rel}"), body.clone()).await;
        let entry = created_id(&sim, &r, &format!("customers/7000003/{rel}"));
        let list = get(&sim, &format!("{base}/{rel}")).await.body;
        let items = list["_embedded"][rel].as_array().unwrap();
        let item = items.iter().find(|e| e["id"] == entry).unwrap();
        assert_eq!(item["value"], body["value"], "{rel}");
        assert_eq!(
            item["_links"]["self"]["href"],
            format!("{}{base}/{rel}/{entry}", sim.url())
        );
        let put = send(
            &sim,
            Method::PUT,
            &format!("{base}/{rel}/{entry}"),
            json!({"value": "changed@example.com"}),
        )
        .await;
        assert_eq!(put.status, StatusCode::NO_CONTENT, "{rel}");
        let del = call(
            &sim,
            Method::DELETE,
            &format!("{base}/{rel}/{entry}"),
            Some(ACCESS_TOKEN),
            None,
        )
        .await;
        assert_eq!(del.status, StatusCode::NO_CONTENT, "{rel}");
        let again = call(
            &sim,
            Method::DELETE,
            &format!("{base}/{rel}/{entry}"),
            Some(ACCESS_TOKEN),
            None,
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_FOUND, "{rel}");
    }
    let r = send(
        &sim,
        Method::POST,
        &format!("{base}/emails"),
        json!({"value": "nope"}),
    )
    .await;
    assert_eq!(error_paths(&r), ["value"]);
    assert_eq!(
        get(&sim, "/v2/customers/1/emails").await.status,
        StatusCode::NOT_FOUND
    );

    assert_eq!(
        get(&sim, &format!("{base}/address")).await.status,
        StatusCode::NOT_FOUND
    );
    let addr = json!({"city": "Brno", "country": "CZ", "lines": ["Street 1"]});
    let r = send(&sim, Method::POST, &format!("{base}/address"), addr).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.header("location"), format!("{}{base}/address", sim.url()));
    let a = get(&sim, &format!("{base}/address")).await.body;
    assert_eq!(
        (a["city"].as_str(), a["lines"][0].as_str()),
        (Some("Brno"), Some("Street 1"))
    );
    let put = send(
        &sim,
        Method::PUT,
        &format!("{base}/address"),
        json!({"city": "Praha"}),
    )
    .await;
    assert_eq!(put.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get(&sim, base).await.body["_embedded"]["address"]["city"],
        "Praha"
    );
    let del = call(
        &sim,
        Method::DELETE,
        &format!("{base}/address"),
        Some(ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get(&sim, &format!("{base}/address")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn entry_types_are_the_ones_each_page_lists() {
    let sim = start().await;
    let bad = json!({"firstName": "T",
        "phones": [{"type": "cell", "value": "1"}],
        "chats": [{"type": "wechat", "value": "me"}],
        "socialProfiles": [{"type": "foursquare", "value": "a"}, {"type": "instagram", "value": "b"},
                           {"type": "myspace", "value": "c"}],
        "emails": [{"type": "mobile", "value": "t@example.com"}]});
    let r = send(&sim, Method::POST, "/v2/customers", bad).await;
    assert_eq!(
        error_paths(&r),
        [
            "emails[0].type",
            "phones[0].type",
            "chats[0].type",
            "socialProfiles[0].type",
            "socialProfiles[1].type",
            "socialProfiles[2].type"
        ]
    );
    let good = json!({"firstName": "T",
        "phones": [{"type": "Fax", "value": "1"}, {"type": "pager", "value": "2"}],
        "chats": [{"type": "QQ", "value": "me"}],
        "socialProfiles": [{"type": "FORSQUARE", "value": "a"}, {"type": "tungleme", "value": "b"}],
        "emails": [{"type": "home", "value": "t@example.com"}]});
    let r = send(&sim, Method::POST, "/v2/customers", good).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id: u64 = r.header("resource-id").parse().unwrap();
    let c = get(&sim, &format!("/v2/customers/{id}")).await.body;
    assert_eq!(c["_embedded"]["phones"][0]["type"], "fax");
    assert_eq!(c["_embedded"]["social_profiles"][0]["type"], "forsquare");
    // The entry endpoints and PATCH check the same lists.
    let chats = format!("/v2/customers/{id}/chats");
    let r = send(
        &sim,
        Method::POST,
        &chats,
        json!({"type": "wechat", "value": "x"}),
    )
    .await;
    assert_eq!(error_paths(&r), ["type"]);
    let r = send(
        &sim,
        Method::POST,
        &chats,
        json!({"type": "xmpp", "value": "x"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let social = format!("/v2/customers/{id}/social-profiles");
    let r = send(
        &sim,
        Method::POST,
        &social,
        json!({"type": "instagram", "value": "x"}),
    )
    .await;
    assert_eq!(error_paths(&r), ["type"]);
    let me = format!("/v2/customers/{id}");
    let add = json!([{"op": "add", "path": "/phones", "value": {"type": "cell", "value": "3"}}]);
    assert_eq!(
        error_paths(&send(&sim, Method::PATCH, &me, add).await),
        ["phones.type"]
    );
    let chat = c["_embedded"]["chats"][0]["id"].as_u64().unwrap();
    let retype =
        json!([{"op": "replace", "path": format!("/chats/{chat}/type"), "value": "wechat"}]);
    let r = send(&sim, Method::PATCH, &me, retype).await;
    assert_eq!(error_paths(&r), [format!("chats/{chat}/type")]);
    let retype = json!([{"op": "replace", "path": format!("/chats/{chat}/type"), "value": "icq"}]);
    assert_eq!(
        send(&sim, Method::PATCH, &me, retype).await.status,
        StatusCode::NO_CONTENT
    );
}
