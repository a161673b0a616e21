//! End-to-end tests of `/v2/webhooks`: registration rules, CRUD, signed delivery of entity bodies
//! to a local axum receiver (shared by the event tests) and the mailbox filter.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha1::Sha1;

use super::write_conversations::{created_id, error_paths, new_conversation, send};
use super::{call, get, start};
use helpscout_simulator::Simulator;
use helpscout_simulator::credentials::ACCESS_TOKEN;

pub const SECRET: &str = "s3cr3t-webhook-key";
pub const WAIT: Duration = Duration::from_secs(5);

#[derive(Clone, Debug)]
pub struct Hit {
    pub event: String,
    pub signature: String,
    pub content_type: String,
    pub body: Bytes,
}

impl Hit {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

pub struct Receiver {
    pub url: String,
    hits: Arc<Mutex<Vec<Hit>>>,
}

impl Receiver {
    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    pub fn events(&self) -> Vec<String> {
        self.hits().into_iter().map(|h| h.event).collect()
    }
}

/// A receiver answering with `script` statuses in turn, then 200.
pub async fn receiver(script: &[u16]) -> Receiver {
    let hits = Arc::new(Mutex::new(Vec::new()));
    let script = Arc::new(Mutex::new(
        script.iter().copied().collect::<VecDeque<u16>>(),
    ));
    let seen = Arc::clone(&hits);
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: Bytes| {
            let (seen, script) = (Arc::clone(&seen), Arc::clone(&script));
            async move {
                let h = |n: &str| {
                    headers
                        .get(n)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_string()
                };
                seen.lock().unwrap().push(Hit {
                    event: h("x-helpscout-event"),
                    signature: h("x-helpscout-signature"),
                    content_type: h("content-type"),
                    body,
                });
                let code = script.lock().unwrap().pop_front().unwrap_or(200);
                StatusCode::from_u16(code).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Receiver { url, hits }
}

pub async fn register(sim: &Simulator, url: &str, events: &[&str], extra: Value) -> u64 {
    let mut body = json!({"url": url, "events": events, "secret": SECRET});
    if let (Some(b), Value::Object(more)) = (body.as_object_mut(), extra) {
        b.extend(more);
    }
    let r = send(sim, Method::POST, "/v2/webhooks", body).await;
    created_id(sim, &r, "webhooks")
}

pub fn expected_signature(body: &[u8]) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    STANDARD.encode(mac.finalize().into_bytes())
}

#[tokio::test]
async fn registration_and_crud() {
    let sim = start().await;
    let bad = json!({"url": "ftp://x", "events": ["convo.created", "convo.exploded"], "secret": "x".repeat(41),
        "payloadVersion": "V9", "mailboxIds": [1001, 77], "colour": "red"});
    let mut paths = error_paths(&send(&sim, Method::POST, "/v2/webhooks", bad).await);
    paths.sort();
    assert_eq!(
        paths,
        [
            "colour",
            "events[1]",
            "mailboxIds[1]",
            "payloadVersion",
            "secret",
            "url"
        ]
    );
    assert_eq!(
        error_paths(&send(&sim, Method::POST, "/v2/webhooks", json!({})).await),
        ["url", "events", "secret"]
    );
    let forty = json!({"url": "https://example.com/h", "events": ["convo.created"], "secret": "x".repeat(40)});
    let id = created_id(
        &sim,
        &send(&sim, Method::POST, "/v2/webhooks", forty).await,
        "webhooks",
    );
    let extra = json!({"label": "second", "notification": true, "payloadVersion": "V2", "mailboxIds": [1002]});
    let id2 = register(&sim, "http://127.0.0.1:9/h", &["customer.created"], extra).await;
    let w = get(&sim, &format!("/v2/webhooks/{id2}")).await.body;
    assert_eq!(
        w,
        json!({"id": id2, "url": "http://127.0.0.1:9/h", "state": "enabled", "events": ["customer.created"],
        "notification": true, "payloadVersion": "V2", "label": "second", "mailboxIds": [1002],
        "_links": {"self": {"href": format!("{}/v2/webhooks/{id2}", sim.url())}}})
    );
    let list = get(&sim, "/v2/webhooks").await.body;
    assert_eq!(super::conversations::ids(&list, "webhooks"), [id, id2]);
    assert_eq!(list["page"]["size"], 50);
    assert!(list["_embedded"]["webhooks"][0].get("secret").is_none());
    let put = json!({"url": "https://example.com/new", "events": ["convo.tags"], "secret": "abc"});
    assert_eq!(
        send(&sim, Method::PUT, &format!("/v2/webhooks/{id}"), put)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let w = get(&sim, &format!("/v2/webhooks/{id}")).await.body;
    assert_eq!(
        (
            w["url"].as_str(),
            w["events"][0].as_str(),
            w["label"].as_str()
        ),
        (
            Some("https://example.com/new"),
            Some("convo.tags"),
            Some("")
        )
    );
    let nf = send(&sim, Method::PUT, "/v2/webhooks/99", json!({})).await;
    assert_eq!(nf.status, StatusCode::NOT_FOUND);
    let del = call(
        &sim,
        Method::DELETE,
        &format!("/v2/webhooks/{id}"),
        Some(ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get(&sim, &format!("/v2/webhooks/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&sim, "/v2/webhooks").await.body["page"]["totalElements"],
        1
    );
}

#[tokio::test]
async fn delivery_signature_and_body() {
    let sim = start().await;
    let rx = receiver(&[]).await;
    let hook = register(
        &sim,
        &rx.url,
        &["convo.created", "customer.created"],
        json!({}),
    )
    .await;
    let r = send(&sim, Method::POST, "/v2/conversations", new_conversation()).await;
    let id = created_id(&sim, &r, "conversations");
    let done = sim.wait_for_deliveries(2, WAIT).await;
    assert_eq!(done.len(), 2);
    for d in &done {
        assert!(
            d.delivered && d.attempts == 1 && d.status == Some(200),
            "{d:?}"
        );
        assert_eq!((d.webhook_id, d.url.as_str()), (hook, rx.url.as_str()));
    }
    assert_eq!(rx.events(), ["customer.created", "convo.created"]);
    for hit in rx.hits() {
        assert_eq!(hit.signature, expected_signature(&hit.body));
        assert_eq!(hit.content_type, "application/json");
    }
    let convo = rx.hits()[1].json();
    assert_eq!(
        convo,
        get(&sim, &format!("/v2/conversations/{id}")).await.body
    );
    assert!(convo.get("_embedded").is_none());
    let customer = rx.hits()[0].json();
    assert_eq!(
        customer["_embedded"]["emails"][0]["value"],
        "new.person@example.org"
    );
}

#[tokio::test]
async fn mailbox_filter_and_customer_events() {
    let sim = start().await;
    let rx = receiver(&[]).await;
    register(
        &sim,
        &rx.url,
        &["convo.created", "convo.tags", "customer.updated"],
        json!({"mailboxIds": [1002]}),
    )
    .await;
    let mut in_1001 = new_conversation();
    in_1001["customer"] = json!({"id": 7000001});
    in_1001["fields"] = json!([]);
    send(&sim, Method::POST, "/v2/conversations", in_1001.clone()).await;
    in_1001["mailboxId"] = json!(1002);
    let r = send(&sim, Method::POST, "/v2/conversations", in_1001).await;
    let id = created_id(&sim, &r, "conversations");
    send(
        &sim,
        Method::PUT,
        "/v2/conversations/5000001/tags",
        json!({"tags": ["x"]}),
    )
    .await;
    send(
        &sim,
        Method::PUT,
        "/v2/customers/7000001",
        json!({"firstName": "Olive"}),
    )
    .await;
    let done = sim.wait_for_deliveries(2, WAIT).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(sim.deliveries().len(), 2, "{done:?}");
    assert_eq!(rx.events(), ["convo.created", "customer.updated"]);
    assert_eq!(rx.hits()[0].json()["id"], id);
    assert_eq!(rx.hits()[1].json()["firstName"], "Olive");
}

#[tokio::test]
async fn update_replaces_the_webhook_and_v3_is_accepted() {
    let sim = start().await;
    let extra = json!({"label": "full", "notification": true, "payloadVersion": "V3",
                       "mailboxIds": [1001, 1002]});
    let id = register(&sim, "http://127.0.0.1:9/h", &["convo.created"], extra).await;
    let w = get(&sim, &format!("/v2/webhooks/{id}")).await.body;
    assert_eq!(
        (&w["notification"], &w["payloadVersion"]),
        (&json!(true), &json!("V3"))
    );
    assert_eq!(w["mailboxIds"], json!([1001, 1002]));
    let listed = get(&sim, "/v2/webhooks").await.body;
    assert_eq!(listed["_embedded"]["webhooks"][0]["payloadVersion"], "V3");
    // Only the required fields: the optional ones go back to their defaults.
    let put = json!({"url": "http://127.0.0.1:9/other", "events": ["convo.tags"], "secret": "s"});
    let r = send(&sim, Method::PUT, &format!("/v2/webhooks/{id}"), put).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let w = get(&sim, &format!("/v2/webhooks/{id}")).await.body;
    assert_eq!(
        (
            &w["notification"],
            &w["payloadVersion"],
            &w["label"],
            &w["mailboxIds"]
        ),
        (&json!(false), &json!("V2"), &json!(""), &json!([]))
    );
    let v3 = json!({"url": "http://127.0.0.1:9/h", "events": ["convo.tags"], "secret": "s",
                    "payloadVersion": "V3"});
    send(&sim, Method::PUT, &format!("/v2/webhooks/{id}"), v3).await;
    assert_eq!(
        get(&sim, &format!("/v2/webhooks/{id}")).await.body["payloadVersion"],
        "V3"
    );
    let v4 = json!({"url": "http://127.0.0.1:9/h", "events": ["convo.tags"], "secret": "s",
                    "payloadVersion": "V4"});
    let r = send(&sim, Method::PUT, &format!("/v2/webhooks/{id}"), v4).await;
    assert_eq!(error_paths(&r), ["payloadVersion"]);
}
