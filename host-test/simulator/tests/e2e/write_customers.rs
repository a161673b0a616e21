//! End-to-end tests of customer writes: create, validation, overwrite, delete, JSON Patch
//! (all-or-nothing) and `modifiedSince`.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::write_conversations::{created_id, error_paths, send};
use super::{call, get, start};
use helpscout_simulator::credentials::ACCESS_TOKEN;

fn full_customer() -> Value {
    json!({
        "firstName": "Vernon", "lastName": "Bear", "phone": "+1-555-0199",
        "photoUrl": "https://example.com/bear.png", "photoType": "Twitter",
        "jobTitle": "CEO", "location": "Dallas", "organization": "Acme, Inc",
        "background": "Great guy.", "gender": "MALE", "age": "30-35",
        "emails": [{"type": "work", "value": "bear@acme.com"}, {"value": "v@home.example"}],
        "phones": [{"type": "mobile", "value": "123-123"}],
        "chats": [{"type": "aim", "value": "bear_aim"}],
        "socialProfiles": [{"type": "twitter", "value": "@bear"}],
        "websites": [{"value": "https://acme.example"}],
        "address": {"city": "Dallas", "state": "TX", "postalCode": "75201", "country": "US", "lines": ["1 Main"]},
    })
}

#[tokio::test]
async fn create_and_overwrite_customer() {
    let sim = start().await;
    let before = helpscout_simulator::time::now();
    let r = send(&sim, Method::POST, "/v2/customers", full_customer()).await;
    let id = created_id(&sim, &r, "customers");
    assert_eq!(id, 7_000_061);
    let c = get(&sim, &format!("/v2/customers/{id}")).await.body;
    assert_eq!(c["gender"], "Male");
    assert_eq!(c["photoType"], "twitter");
    assert_eq!(c["age"], "30-35");
    let emb = &c["_embedded"];
    assert_eq!(emb["emails"][1]["type"], "other");
    assert_eq!(
        emb["phones"].as_array().unwrap().len(),
        2,
        "phone + phones[]"
    );
    assert_eq!(emb["social_profiles"][0]["value"], "@bear");
    assert_eq!(emb["websites"][0].get("type"), None);
    assert_eq!(emb["address"]["lines"], json!(["1 Main"]));
    let since = helpscout_simulator::time::format(before - 1);
    let polled = get(&sim, &format!("/v2/customers?modifiedSince={since}")).await;
    assert_eq!(super::conversations::ids(&polled.body, "customers"), [id]);

    let put = send(
        &sim,
        Method::PUT,
        &format!("/v2/customers/{id}"),
        json!({"firstName": "Vern", "gender": "female"}),
    )
    .await;
    assert_eq!(put.status, StatusCode::NO_CONTENT);
    let c = get(&sim, &format!("/v2/customers/{id}")).await.body;
    assert_eq!(
        (c["firstName"].as_str(), c["lastName"].as_str()),
        (Some("Vern"), Some(""))
    );
    assert_eq!(c["gender"], "Female");
    assert_eq!(c["organization"], "");
    assert!(c.get("age").is_none());
    assert_eq!(
        c["_embedded"]["emails"].as_array().unwrap().len(),
        2,
        "entries untouched"
    );
    let nf = send(
        &sim,
        Method::PUT,
        "/v2/customers/1",
        json!({"firstName": "X"}),
    )
    .await;
    assert_eq!(nf.status, StatusCode::NOT_FOUND);
    let del = call(
        &sim,
        Method::DELETE,
        &format!("/v2/customers/{id}"),
        Some(ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get(&sim, &format!("/v2/customers/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn customer_validation() {
    let sim = start().await;
    let bad = json!({
        "firstName": "", "lastName": "x".repeat(41), "photoUrl": "u".repeat(201), "photoType": "selfie",
        "jobTitle": "j".repeat(61), "background": "b".repeat(201), "gender": "robot", "age": true,
        "emails": [{"type": "work", "value": "not-an-email"}, {"type": "pager", "value": "a@b.co"}],
        "websites": [{}], "address": {"lines": "one"}, "nickname": "Bob",
    });
    let r = send(&sim, Method::POST, "/v2/customers", bad).await;
    let mut paths = error_paths(&r);
    paths.sort();
    assert_eq!(
        paths,
        [
            "address.lines",
            "age",
            "background",
            "emails[0].value",
            "emails[1].type",
            "firstName",
            "gender",
            "jobTitle",
            "lastName",
            "nickname",
            "photoType",
            "photoUrl",
            "websites[0].value",
        ]
    );
    let size = r.body["_embedded"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == "lastName")
        .unwrap()
        .clone();
    assert_eq!(size["message"], "size must be between 1 and 40");
    assert_eq!(
        get(&sim, "/v2/customers").await.body["page"]["totalElements"],
        60,
        "nothing stored"
    );
}

#[tokio::test]
async fn patch_customer() {
    let sim = start().await;
    let url = "/v2/customers/7000001";
    let c = get(&sim, url).await.body;
    let email_id = c["_embedded"]["emails"][0]["id"].as_u64().unwrap();
    let phone_id = c["_embedded"]["phones"][0]["id"].as_u64().unwrap();
    let ops = json!([
        {"op": "replace", "path": "/firstName", "value": "Liv"},
        {"op": "remove", "path": "/jobTitle"},
        {"op": "add", "path": "/emails", "value": {"type": "other", "value": "liv@example.net"}},
        {"op": "replace", "path": format!("/emails/{email_id}/value"), "value": "olivia@new.example"},
        {"op": "replace", "path": format!("/emails/{email_id}/type"), "value": "home"},
        {"op": "remove", "path": format!("/phones/{phone_id}")},
        {"op": "add", "path": "/socialProfiles", "value": {"type": "twitter", "value": "@liv"}},
        {"op": "add", "path": "/websites", "value": {"value": "https://liv.example"}},
        {"op": "replace", "path": "/address", "value": {"city": "Oslo", "country": "NO", "lines": []}},
    ]);
    let r = send(&sim, Method::PATCH, url, ops).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let c = get(&sim, url).await.body;
    assert_eq!(c["firstName"], "Liv");
    assert_eq!(c["jobTitle"], "");
    let null = json!([{"op": "replace", "path": "/location", "value": null}]);
    let r = send(&sim, Method::PATCH, url, null).await;
    assert_eq!(
        error_paths(&r),
        ["location"],
        "the errors page's Null value"
    );
    let emails = &c["_embedded"]["emails"];
    assert_eq!(
        emails[0],
        json!({"id": email_id, "value": "olivia@new.example", "type": "home"})
    );
    assert_eq!(emails[2]["value"], "liv@example.net");
    assert!(
        c["_embedded"]["phones"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["id"] != phone_id)
    );
    assert_eq!(c["_embedded"]["social_profiles"][0]["value"], "@liv");
    assert_eq!(c["_embedded"]["address"]["city"], "Oslo");
    let remove = json!([{"op": "remove", "path": "/address"}]);
    assert_eq!(
        send(&sim, Method::PATCH, url, remove).await.status,
        StatusCode::NO_CONTENT
    );
    assert!(
        get(&sim, url).await.body["_embedded"]
            .get("address")
            .is_none()
    );

    let snapshot = get(&sim, url).await.body;
    let ops = json!([
        {"op": "replace", "path": "/lastName", "value": "Changed"},
        {"op": "remove", "path": "/emails/1"},
        {"op": "remove", "path": "/emails"},
        {"op": "replace", "path": "/gender", "value": "x"},
        {"op": "replace", "path": "/nothing", "value": 1},
        {"op": "copy", "path": "/firstName"},
    ]);
    let r = send(&sim, Method::PATCH, url, ops).await;
    assert_eq!(
        error_paths(&r),
        ["emails/1", "[2].op", "gender", "[4].path", "[5].op"]
    );
    assert_eq!(get(&sim, url).await.body, snapshot, "all-or-nothing");
    let r = send(
        &sim,
        Method::PATCH,
        url,
        json!({"op": "replace", "path": "/firstName", "value": "X"}),
    )
    .await;
    assert_eq!(error_paths(&r), [""]);
    let r = send(&sim, Method::PATCH, "/v2/customers/5", json!([])).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
