//! End-to-end tests of users and teams: every documented user field, two pages of users, the
//! `email` and `mailbox` filters, teams and their members (404 for an unknown team).

use axum::http::StatusCode;
use serde_json::json;

use super::conversations::ids;
use super::{get, start};

#[tokio::test]
async fn users_have_every_documented_field_and_two_pages() {
    let sim = start().await;
    let page1 = get(&sim, "/v2/users").await.body;
    assert_eq!(
        page1["page"],
        json!({"size": 50, "totalElements": 60, "totalPages": 2, "number": 1})
    );
    assert_eq!(ids(&page1, "users")[..4], [301, 302, 303, 304]);
    let page2 = get(&sim, "/v2/users?page=2").await.body;
    assert_eq!(ids(&page2, "users").len(), 10);
    let ava = get(&sim, "/v2/users/301").await.body;
    let mut keys: Vec<&str> = ava
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
            "alternateEmails",
            "createdAt",
            "email",
            "firstName",
            "id",
            "initials",
            "jobTitle",
            "lastName",
            "mention",
            "phone",
            "photoUrl",
            "role",
            "timezone",
            "type",
            "updatedAt"
        ]
    );
    assert_eq!(
        (&ava["mention"], &ava["initials"]),
        (&json!("ava"), &json!("AT"))
    );
    assert_eq!(ava["email"], "ava@example.com");
    assert_eq!(ava["type"], "user");
    // `email`: exact match, case-insensitive.
    let by_email = get(&sim, "/v2/users?email=BEN@example.com").await.body;
    assert_eq!(ids(&by_email, "users"), [302]);
    let partial = get(&sim, "/v2/users?email=ben").await.body;
    assert_eq!(partial["page"]["totalElements"], 0);
    // `mailbox`: the users with access to it (301 and 302 see every mailbox).
    let billing = get(&sim, "/v2/users?mailbox=1002").await.body;
    let found = ids(&billing, "users");
    assert!(
        found.starts_with(&[301, 302]) && found.len() < 60,
        "{found:?}"
    );
    let sales = ids(&get(&sim, "/v2/users?mailbox=1003").await.body, "users");
    assert!(found.iter().any(|u| !sales.contains(u)));
    let both = get(&sim, "/v2/users?mailbox=1002&email=chloe@example.com")
        .await
        .body;
    assert_eq!(
        both["page"]["totalElements"], 0,
        "Chloe has no access to 1002"
    );
    let r = get(&sim, "/v2/users?mailbox=abc").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn teams_and_their_members() {
    let sim = start().await;
    let teams = get(&sim, "/v2/teams").await.body;
    assert_eq!(ids(&teams, "teams"), [9001, 9002, 9003]);
    let t = &teams["_embedded"]["teams"][0];
    let mut keys: Vec<&str> = t.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "_links",
            "createdAt",
            "id",
            "mention",
            "name",
            "photoUrl",
            "timezone",
            "updatedAt"
        ]
    );
    assert_eq!(
        t["_links"]["self"]["href"],
        format!("{}/v2/teams/9001", sim.url())
    );
    let members = get(&sim, "/v2/teams/9002/members").await.body;
    assert_eq!(ids(&members, "users"), [302, 304]);
    assert_eq!(members["_embedded"]["users"][0]["mention"], "ben");
    assert_eq!(members["page"]["size"], 50);
    assert_eq!(
        get(&sim, "/v2/teams/1/members").await.status,
        StatusCode::NOT_FOUND
    );
}
