//! End-to-end tests of fault injection through hyper-util's legacy client: every fault kind,
//! skip/times counting, the request log's `fault` names and `clear_faults`.

use std::time::{Duration, Instant};

use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

use super::start;
use super::write_conversations::new_conversation;
use helpscout_simulator::credentials::ACCESS_TOKEN;
use helpscout_simulator::{Fault, Simulator};

/// What a client saw: no answer at all, or status + headers + the body (or the body's error).
pub struct Seen {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Result<Bytes, String>,
}

impl Seen {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(self.body.as_ref().unwrap()).unwrap()
    }
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// One request on a fresh client (so a fresh connection).
pub async fn raw(
    sim: &Simulator,
    method: Method,
    path: &str,
    json: Option<&str>,
) -> Result<Seen, String> {
    raw_on(&client(), sim, method, path, json).await
}

/// One request on `client` (its pooled connection is reused when still open).
async fn raw_on(
    client: &HttpClient,
    sim: &Simulator,
    method: Method,
    path: &str,
    json: Option<&str>,
) -> Result<Seen, String> {
    let mut req = Request::builder()
        .method(method)
        .uri(format!("{}{path}", sim.url()))
        .header(header::AUTHORIZATION, format!("Bearer {ACCESS_TOKEN}"));
    if json.is_some() {
        req = req.header(header::CONTENT_TYPE, "application/json");
    }
    let payload = Bytes::from(json.unwrap_or("").to_string());
    let resp = client
        .request(req.body(Full::new(payload)).unwrap())
        .await
        .map_err(|e| format!("{e:?}"))?;
    let (parts, body) = resp.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .map_err(|e| format!("{e:?}"));
    Ok(Seen {
        status: parts.status,
        headers: parts.headers,
        body,
    })
}

async fn ok_get(sim: &Simulator, path: &str) -> Seen {
    raw(sim, Method::GET, path, None).await.unwrap()
}

pub fn inject(sim: &Simulator, spec: &str) {
    sim.inject(spec.parse::<Fault>().unwrap());
}

/// The `fault` column of the request log.
fn faults(sim: &Simulator) -> Vec<Option<String>> {
    sim.requests().into_iter().map(|r| r.fault).collect()
}

fn conversations(sim: &Simulator) -> usize {
    sim.conversation_count()
}

#[tokio::test]
async fn rate_limit_with_skip_and_times() {
    let sim = start().await;
    inject(&sim, "429=7:GET:/v2/mailboxes:1:1");
    let first = ok_get(&sim, "/v2/mailboxes").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.header("x-ratelimit-remaining-minute"), "1999");
    let limited = ok_get(&sim, "/v2/mailboxes/").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        limited.json(),
        serde_json::json!({"message": "API rate limit exceeded"})
    );
    assert_eq!(limited.header("x-ratelimit-retry-after"), "7");
    assert_eq!(limited.header("x-ratelimit-remaining-minute"), "0");
    assert_eq!(limited.header("x-ratelimit-limit-minute"), "2000");
    assert!(limited.header("correlation-id").contains('#'));
    let third = ok_get(&sim, "/v2/mailboxes").await;
    assert_eq!(third.status, StatusCode::OK);
    assert_eq!(
        third.header("x-ratelimit-remaining-minute"),
        "1998",
        "429 cost nothing"
    );
    assert_eq!(faults(&sim), [None, Some("429=7".to_string()), None]);
    assert_eq!(sim.requests()[1].path_and_query, "/v2/mailboxes/");
}

#[tokio::test]
async fn status_faults_do_not_process() {
    let sim = start().await;
    inject(&sim, "503:POST:/v2/conversations:1");
    inject(&sim, "500:/v2/users:1");
    let before = conversations(&sim);
    let body = new_conversation().to_string();
    let r = raw(&sim, Method::POST, "/v2/conversations", Some(&body))
        .await
        .unwrap();
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.header("content-type"), "application/vnd.error+json");
    assert_eq!(r.json()["message"], "Service Unavailable");
    assert_eq!(conversations(&sim), before);
    let r = raw(&sim, Method::POST, "/v2/conversations", Some(&body))
        .await
        .unwrap();
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(conversations(&sim), before + 1);
    let r = ok_get(&sim, "/v2/users/me").await;
    assert_eq!(
        (r.status, r.json()["message"].clone()),
        (StatusCode::INTERNAL_SERVER_ERROR, "Internal error".into())
    );
    assert_eq!(ok_get(&sim, "/v2/users/me").await.status, StatusCode::OK);
    assert_eq!(
        faults(&sim),
        [Some("503".into()), None, Some("500".into()), None]
    );
}

#[tokio::test]
async fn reset_closes_without_answer_and_does_not_process() {
    let sim = start().await;
    inject(&sim, "reset:POST:/v2/conversations:1");
    let before = conversations(&sim);
    let body = new_conversation().to_string();
    let err = raw(&sim, Method::POST, "/v2/conversations", Some(&body)).await;
    assert!(err.is_err(), "a reset must not produce a response");
    assert_eq!(conversations(&sim), before);
    assert_eq!(faults(&sim), [Some("reset".into())]);
    assert_eq!(
        ok_get(&sim, "/v2/conversations/5000001").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn reset_after_processing_is_the_ambiguous_write() {
    let sim = start().await;
    inject(&sim, "reset-after:POST:/v2/conversations:1");
    let before = conversations(&sim);
    let body = new_conversation().to_string();
    let err = raw(&sim, Method::POST, "/v2/conversations", Some(&body)).await;
    assert!(err.is_err(), "no response after processing");
    assert_eq!(conversations(&sim), before + 1, "but the write happened");
    assert_eq!(faults(&sim), [Some("reset-after".into())]);
    let r = raw(&sim, Method::POST, "/v2/conversations", Some(&body))
        .await
        .unwrap();
    assert_eq!(r.status, StatusCode::CREATED);
}

#[tokio::test]
async fn delay_then_normal_answer() {
    let sim = start().await;
    inject(&sim, "delay=300:/v2/users/me:1");
    let t0 = Instant::now();
    let r = ok_get(&sim, "/v2/users/me").await;
    assert!(t0.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["id"], 301);
    assert_eq!(r.header("x-ratelimit-remaining-minute"), "1999");
    let t1 = Instant::now();
    assert_eq!(ok_get(&sim, "/v2/users/me").await.status, StatusCode::OK);
    assert!(t1.elapsed() < Duration::from_millis(300));
    assert_eq!(faults(&sim), [Some("delay=300".into()), None]);
}

#[tokio::test]
async fn truncated_body_keeps_real_headers() {
    let sim = start().await;
    let whole = ok_get(&sim, "/v2/mailboxes").await.body.unwrap();
    inject(&sim, "truncated:GET:/v2/mailboxes:1");
    let r = ok_get(&sim, "/v2/mailboxes").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        "application/hal+json;charset=UTF-8"
    );
    assert_eq!(r.header("content-length"), whole.len().to_string());
    assert_eq!(r.header("x-ratelimit-remaining-minute"), "1998");
    assert!(r.body.is_err(), "the body must fail: {:?}", r.body);
    assert_eq!(ok_get(&sim, "/v2/mailboxes").await.body.unwrap(), whole);
    // A bodiless answer (201) cannot be cut: the connection is dropped after processing.
    inject(&sim, "truncated:POST:/v2/conversations:1");
    let before = conversations(&sim);
    let body = new_conversation().to_string();
    assert!(
        raw(&sim, Method::POST, "/v2/conversations", Some(&body))
            .await
            .is_err()
    );
    assert_eq!(conversations(&sim), before + 1);
    let names = faults(&sim);
    assert_eq!(names[1].as_deref(), Some("truncated"));
    assert_eq!(names[3].as_deref(), Some("truncated"));
}

#[tokio::test]
async fn invalid_json_is_a_200_hal_answer() {
    let sim = start().await;
    inject(&sim, "invalid-json:/v2/users");
    let r = ok_get(&sim, "/v2/users/me").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        "application/hal+json;charset=UTF-8"
    );
    let body = r.body.unwrap();
    assert!(!body.is_empty());
    assert!(serde_json::from_slice::<Value>(&body).is_err());
    assert_eq!(
        ok_get(&sim, "/v2/users").await.status,
        StatusCode::OK,
        "forever"
    );
    assert!(
        ok_get(&sim, "/v2/users")
            .await
            .body
            .is_ok_and(|b| b == body)
    );
    sim.clear_faults();
    assert_eq!(ok_get(&sim, "/v2/users/me").await.json()["id"], 301);
}

#[tokio::test]
async fn expire_token_is_permanent() {
    let sim = start().await;
    inject(&sim, "expire-token:GET:/v2/users:1");
    assert_eq!(ok_get(&sim, "/v2/mailboxes").await.status, StatusCode::OK);
    let r = ok_get(&sim, "/v2/users/me").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.header("content-type"), "application/vnd.error+json");
    assert_eq!(
        ok_get(&sim, "/v2/mailboxes").await.status,
        StatusCode::UNAUTHORIZED
    );
    let log = sim.requests();
    assert_eq!(log[1].fault.as_deref(), Some("expire-token"));
    assert!(!log[1].authorized && !log[2].authorized && log[2].fault.is_none());
}

mod connections;
