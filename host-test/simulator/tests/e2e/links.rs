//! End-to-end tests of collection links as the recorded traffic renders them: a trailing slash
//! before the query on every list but `GET /v2/conversations`, and a plain (untemplated) `page`
//! link; requests are accepted with or without the slash.

use axum::http::StatusCode;
use serde_json::json;

use super::{get, start};

#[tokio::test]
async fn list_links_have_the_recorded_trailing_slash() {
    let sim = start().await;
    let base = sim.url().to_string();
    for (path, query) in [
        ("/v2/customers", "page=2"),
        ("/v2/mailboxes", "page=1"),
        ("/v2/mailboxes/1001/folders", "page=1"),
        ("/v2/conversations/5000001/threads", "page=1"),
        ("/v2/tags", "page=1"),
        ("/v2/users", "page=1"),
    ] {
        for requested in [format!("{path}?{query}"), format!("{path}/?{query}")] {
            let r = get(&sim, &requested).await;
            assert_eq!(r.status, StatusCode::OK, "{requested}");
            let l = &r.body["_links"];
            assert_eq!(
                l["self"]["href"],
                format!("{base}{path}/?{query}"),
                "{requested}"
            );
            assert_eq!(l["first"]["href"], format!("{base}{path}/?page=1"));
            assert_eq!(l["page"], json!({"href": format!("{base}{path}/")}));
        }
    }
    let r = get(&sim, "/v2/customers").await;
    assert_eq!(
        r.body["_links"]["next"]["href"],
        format!("{base}/v2/customers/?page=2")
    );
    assert_eq!(
        r.body["_links"]["self"]["href"],
        format!("{base}/v2/customers/")
    );
    // The conversation list alone keeps the path as it is.
    let r = get(&sim, "/v2/conversations/?mailbox=1001").await;
    let l = &r.body["_links"];
    assert_eq!(
        l["first"]["href"],
        format!("{base}/v2/conversations?mailbox=1001&page=1")
    );
    assert_eq!(
        l["page"],
        json!({"href": format!("{base}/v2/conversations?mailbox=1001")})
    );
}
