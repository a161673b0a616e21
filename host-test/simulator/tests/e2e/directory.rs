//! End-to-end tests of the directory routes: customers, users, mailboxes, folders, fields.

use axum::http::StatusCode;

use super::conversations::ids;
use super::{get, start};

#[tokio::test]
async fn customers_users_and_mailboxes() {
    let sim = start().await;
    let list = get(&sim, "/v2/customers").await.body;
    assert_eq!(list["page"]["totalElements"], 60);
    assert_eq!(list["page"]["totalPages"], 2);
    let c = get(&sim, "/v2/customers/7000001").await.body;
    for key in [
        "emails",
        "phones",
        "chats",
        "social_profiles",
        "websites",
        "properties",
    ] {
        assert!(c["_embedded"][key].is_array(), "{key}");
    }
    assert_eq!(c["firstName"], "Olivia");
    let with_address = get(&sim, "/v2/customers/7000002").await.body;
    assert!(with_address["_embedded"]["address"]["lines"].is_array());
    let q = get(
        &sim,
        "/v2/customers?query=(email:%22olivia.smith@example.com%22)",
    )
    .await
    .body;
    assert_eq!(ids(&q, "customers"), [7_000_001]);
    let named = get(
        &sim,
        "/v2/customers?firstName=olivia&sortField=firstName&sortOrder=asc",
    )
    .await
    .body;
    assert_eq!(named["page"]["totalElements"], 3);
    let boxes = get(&sim, "/v2/mailboxes").await.body;
    assert_eq!(ids(&boxes, "mailboxes"), [1001, 1002, 1003]);
    let folders = get(&sim, "/v2/mailboxes/1001/folders").await.body;
    let kinds: Vec<&str> = folders["_embedded"]["folders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "open",
            "mytickets",
            "needs_attn",
            "drafts",
            "assigned",
            "closed",
            "spam"
        ]
    );
    let fields = get(&sim, "/v2/mailboxes/1002/fields").await.body;
    let types: Vec<&str> = fields["_embedded"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["dropdown", "number", "date", "singleline", "multiline"]
    );
    assert_eq!(
        fields["_embedded"]["fields"][0]["options"][0]["label"],
        "Free"
    );
    assert_eq!(
        get(&sim, "/v2/mailboxes/42/fields").await.status,
        StatusCode::NOT_FOUND
    );
    let users = get(&sim, "/v2/users").await.body;
    assert_eq!(ids(&users, "users")[..4], [301, 302, 303, 304]);
    assert_eq!(get(&sim, "/v2/users/303").await.body["firstName"], "Chloe");
}
