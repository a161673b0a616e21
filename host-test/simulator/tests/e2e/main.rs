//! The simulator's tests, linked into one binary (one link, one test executable): a real
//! started simulator driven over HTTP by hyper-util's legacy client (one module per area; the
//! request pipeline every call goes through is tested here), and the search-query language
//! through the crate's public API (`search`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod attachments;
mod auth;
mod conversation_updates;
mod conversations;
mod customer_extras;
mod customer_sorting;
mod dates;
mod deletes;
mod directory;
mod faults;
mod lineitems;
mod links;
mod merged;
mod organizations;
mod people;
mod ratings;
mod search;
mod tags;
mod threads;
mod webhook_events;
mod webhooks;
mod workflows;
mod write_conversations;
mod write_customers;
mod write_threads;

use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

use auth::token_at;
use helpscout_simulator::credentials::*;
use helpscout_simulator::{Simulator, SimulatorOptions};

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// One HTTP call; `url` may be relative to the simulator (`/v2/...`) or absolute.
pub async fn call(
    sim: &Simulator,
    method: Method,
    url: &str,
    token: Option<&str>,
    body: Option<(&str, &str)>,
) -> Reply {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let url = if url.starts_with('/') {
        format!("{}{url}", sim.url())
    } else {
        url.to_string()
    };
    let mut req = Request::builder().method(method).uri(url);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let payload = match body {
        Some((content_type, text)) => {
            req = req.header(header::CONTENT_TYPE, content_type);
            Bytes::from(text.to_string())
        }
        None => Bytes::new(),
    };
    let resp = client
        .request(req.body(Full::new(payload)).unwrap())
        .await
        .unwrap();
    let (parts, body) = resp.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

pub async fn get(sim: &Simulator, url: &str) -> Reply {
    call(sim, Method::GET, url, Some(ACCESS_TOKEN), None).await
}

pub async fn start() -> Simulator {
    Simulator::start(SimulatorOptions::default()).await.unwrap()
}

#[tokio::test]
async fn unauthorized_shape_and_request_log() {
    let sim = start().await;
    let none = call(&sim, Method::GET, "/v2/mailboxes", None, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(none.header("content-type"), "application/vnd.error+json");
    assert_eq!(none.body["message"], "Unauthorized");
    assert_eq!(none.body["logRef"].as_str().unwrap().len(), 36);
    assert_eq!(
        none.body["_links"]["about"]["href"],
        "http://developer.helpscout.net/mailbox-api/overview/errors"
    );
    assert!(!none.header("correlation-id").is_empty());
    let wrong = call(&sim, Method::GET, "/v2/mailboxes", Some("nope"), None).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(get(&sim, "/v2/mailboxes").await.status, StatusCode::OK);
    sim.expire_access_token(ACCESS_TOKEN);
    assert_eq!(
        get(&sim, "/v2/mailboxes").await.status,
        StatusCode::UNAUTHORIZED
    );
    let log = sim.requests();
    let flags: Vec<bool> = log.iter().map(|r| r.authorized).collect();
    assert_eq!(flags, [false, false, true, false]);
    assert_eq!(log[0].method, "GET");
    assert_eq!(log[0].path_and_query, "/v2/mailboxes");
    sim.shutdown().await;
}

#[tokio::test]
async fn common_headers_unknown_routes_and_trailing_slashes() {
    let sim = start().await;
    let r = get(&sim, "/v2/mailboxes/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        "application/hal+json;charset=UTF-8"
    );
    assert_eq!(r.header("x-ratelimit-limit-minute"), "2000");
    assert_eq!(r.header("x-ratelimit-remaining-minute"), "1999");
    assert!(r.header("correlation-id").contains('#'));
    let nf = get(&sim, "/v2/nothing/here").await;
    assert_eq!(nf.status, StatusCode::NOT_FOUND);
    assert_eq!(nf.header("content-type"), "application/vnd.error+json");
    assert_eq!(nf.body["message"], "Not Found");
    assert_eq!(
        get(&sim, "/v2/conversations/999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&sim, "/v2/conversations/abc").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&sim, "/v2/mailboxes/1001/folders/").await.status,
        StatusCode::OK
    );
    let wrong_method = call(
        &sim,
        Method::DELETE,
        "/v2/mailboxes",
        Some(ACCESS_TOKEN),
        None,
    )
    .await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        wrong_method.header("content-type"),
        "application/vnd.error+json"
    );
    assert_eq!(wrong_method.header("x-ratelimit-remaining-minute"), "1993"); // DELETE costs 2
    let slash = format!(
        "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
    );
    assert_eq!(
        token_at(&sim, "/v2/oauth2/token/", &slash).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn rate_limit_exhaustion() {
    let options = SimulatorOptions {
        port: 0,
        rate_limit_per_minute: 3,
        ..SimulatorOptions::default()
    };
    let sim = Simulator::start(options).await.unwrap();
    for left in ["2", "1", "0"] {
        let r = get(&sim, "/v2/users").await;
        assert_eq!(r.header("x-ratelimit-remaining-minute"), left);
    }
    let r = get(&sim, "/v2/users").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.body["message"], "API rate limit exceeded");
    let retry: u64 = r.header("x-ratelimit-retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry));
}

#[tokio::test]
async fn simulators_are_independent() {
    let (a, b) = (start().await, start().await);
    assert_ne!(a.url(), b.url());
    a.expire_access_token(ACCESS_TOKEN);
    assert_eq!(
        get(&a, "/v2/users/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(get(&b, "/v2/users/me").await.status, StatusCode::OK);
    assert_eq!(b.requests().len(), 1);
    let (addr_a, addr_b) = (host_port(&a), host_port(&b));
    drop(a);
    b.shutdown().await;
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert!(
        tokio::net::TcpStream::connect(addr_a).await.is_err(),
        "dropped"
    );
    assert!(
        tokio::net::TcpStream::connect(addr_b).await.is_err(),
        "shut down"
    );
}

fn host_port(sim: &Simulator) -> String {
    sim.url().trim_start_matches("http://").to_string()
}
