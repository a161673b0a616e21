//! End-to-end tests of merged conversations (`Simulator::merge`): reads of the old id answer
//! 301 with `Location`, every write to it answers 404, it leaves every list and search, its
//! threads join the conversation it was merged into, which emits `convo.merged`.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::conversations::ids;
use super::webhooks::{WAIT, receiver, register};
use super::write_conversations::send;
use super::{call, get, start};
use helpscout_simulator::credentials::ACCESS_TOKEN;

#[tokio::test]
async fn a_merged_conversation_moves_permanently() {
    let sim = start().await;
    let rx = receiver(&[]).await;
    register(&sim, &rx.url, &["convo.merged"], json!({})).await;
    let (from, into) = (5_000_011_u64, 5_000_012_u64);
    let old = get(&sim, &format!("/v2/conversations/{from}/threads"))
        .await
        .body;
    let old_ids = ids(&old, "threads");
    let before = helpscout_simulator::time::now();
    assert!(!sim.merge(from, 42), "unknown target");
    assert!(!sim.merge(from, from));
    assert!(sim.merge(from, into));
    assert!(!sim.merge(from, into), "already merged");

    for path in [
        format!("/v2/conversations/{from}"),
        format!("/v2/conversations/{from}/threads"),
    ] {
        let r = get(&sim, &path).await;
        assert_eq!(r.status, StatusCode::MOVED_PERMANENTLY, "{path}");
        assert_eq!(
            r.header("location"),
            format!("{}/v2/conversations/{into}", sim.url())
        );
        assert_eq!(r.body, Value::Null, "no body");
    }
    let survivor = get(&sim, &format!("/v2/conversations/{into}/threads"))
        .await
        .body;
    let now_ids = ids(&survivor, "threads");
    assert!(
        old_ids.iter().all(|id| now_ids.contains(id)),
        "{old_ids:?} in {now_ids:?}"
    );
    let times: Vec<&str> = survivor["_embedded"]["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["createdAt"].as_str().unwrap())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );
    assert!(sim.conversation_modified_at(into).unwrap() >= before);
    let c = get(&sim, &format!("/v2/conversations/{into}")).await.body;
    assert_eq!(c["threads"].as_u64().unwrap() as usize, now_ids.len());

    // Gone from lists and searches.
    let all = get(&sim, "/v2/conversations?status=all&number=1011")
        .await
        .body;
    assert_eq!(all["page"]["totalElements"], 0);
    let found = get(
        &sim,
        &format!("/v2/conversations?status=all&query=(id:{from})"),
    )
    .await;
    assert_eq!(found.body["page"]["totalElements"], 0);
    assert_eq!(sim.conversation_count(), 149);

    // Every write to the old id: 404.
    let url = format!("/v2/conversations/{from}");
    let customer = json!({"text": "t", "customer": {"id": 7000001}});
    let writes = [
        (
            Method::PATCH,
            url.clone(),
            json!({"op": "replace", "path": "/subject", "value": "x"}),
        ),
        (Method::PUT, format!("{url}/tags"), json!({"tags": ["a"]})),
        (Method::PUT, format!("{url}/fields"), json!({"fields": []})),
        (
            Method::PUT,
            format!("{url}/snooze"),
            json!({"snoozedUntil": "2090-01-01T00:00:00Z", "unsnoozeOnCustomerReply": false}),
        ),
        (Method::POST, format!("{url}/reply"), customer.clone()),
        (Method::POST, format!("{url}/notes"), json!({"text": "n"})),
        (Method::POST, format!("{url}/customer"), customer.clone()),
        (Method::POST, format!("{url}/chats"), customer.clone()),
        (Method::POST, format!("{url}/phones"), customer),
        (
            Method::PATCH,
            format!("{url}/threads/{}", old_ids[0]),
            json!({"op": "replace", "path": "/text", "value": "x"}),
        ),
        (
            Method::POST,
            format!("{url}/threads/{}/attachments", old_ids[0]),
            json!({"fileName": "a.txt", "mimeType": "text/plain", "data": "YQ=="}),
        ),
    ];
    for (method, path, body) in writes {
        let r = send(&sim, method.clone(), &path, body).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{method} {path}: {}",
            r.body
        );
    }
    for path in [format!("{url}/snooze"), url.clone()] {
        let r = call(&sim, Method::DELETE, &path, Some(ACCESS_TOKEN), None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "DELETE {path}");
    }

    sim.wait_for_deliveries(1, WAIT).await;
    let hits = rx.hits();
    assert_eq!(rx.events(), ["convo.merged"]);
    assert_eq!(hits[0].json()["id"], into);
}
