//! End-to-end tests: a real started simulator driven over HTTP by hyper-util's legacy client.

use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

use super::credentials::*;
use super::{Simulator, SimulatorOptions};

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

async fn token_at(sim: &Simulator, path: &str, body: &str) -> Reply {
    call(sim, Method::POST, path, None, Some((FORM, body))).await
}

async fn token(sim: &Simulator, content_type: &str, body: &str) -> Reply {
    call(
        sim,
        Method::POST,
        "/v2/oauth2/token",
        None,
        Some((content_type, body)),
    )
    .await
}

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

#[tokio::test]
async fn client_credentials_grant() {
    let sim = start().await;
    let body = format!(
        r#"{{"grant_type":"client_credentials","client_id":"{CLIENT_ID}","client_secret":"{CLIENT_SECRET}"}}"#
    );
    let r = token(&sim, JSON, &body).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["token_type"], "bearer");
    assert_eq!(r.body["expires_in"], 172_800);
    assert!(r.body.get("refresh_token").is_none());
    assert_eq!(r.header("content-type"), "application/json; charset=utf-8");
    assert_eq!(r.header("cache-control"), "no-store");
    assert!(r.headers.get("x-ratelimit-limit-minute").is_none());
    let fresh = r.body["access_token"].as_str().unwrap().to_string();
    let me = call(&sim, Method::GET, "/v2/users/me", Some(&fresh), None).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["id"], 301);
    let bad = token(
        &sim,
        FORM,
        &format!("grant_type=client_credentials&client_id={CLIENT_ID}&client_secret=nope"),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bad.body["error"], "invalid_client");
    let odd = token(
        &sim,
        FORM,
        &format!("grant_type=password&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"),
    )
    .await;
    assert_eq!(
        (odd.status, odd.body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unsupported_grant_type"))
    );
    let missing = token(&sim, FORM, "client_id=x").await;
    assert_eq!(
        (missing.status, missing.body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
}

#[tokio::test]
async fn code_is_single_use_and_refresh_rotates() {
    let sim = start().await;
    let creds = format!("client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}");
    let code = format!("grant_type=authorization_code&code={AUTH_CODE}&{creds}");
    let first = token(&sim, FORM, &code).await;
    assert_eq!(first.status, StatusCode::OK);
    let refresh1 = first.body["refresh_token"].as_str().unwrap().to_string();
    let again = token(&sim, FORM, &code).await;
    assert_eq!(
        (again.status, again.body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );

    let rotate = |rt: &str| format!("grant_type=refresh_token&refresh_token={rt}&{creds}");
    let second = token(&sim, FORM, &rotate(&refresh1)).await;
    assert_eq!(second.status, StatusCode::OK);
    let refresh2 = second.body["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(refresh1, refresh2);
    assert_eq!(
        token(&sim, FORM, &rotate(&refresh1)).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        token(&sim, FORM, &rotate(&refresh2)).await.status,
        StatusCode::OK
    );
    // The demo refresh token works once, from a JSON body.
    let json = format!(
        r#"{{"grant_type":"refresh_token","refresh_token":"{REFRESH_TOKEN}","client_id":"{CLIENT_ID}","client_secret":"{CLIENT_SECRET}"}}"#
    );
    assert_eq!(token(&sim, JSON, &json).await.status, StatusCode::OK);
    assert_eq!(
        token(&sim, JSON, &json).await.status,
        StatusCode::BAD_REQUEST
    );
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

#[path = "e2e_conversations.rs"]
mod conversations;

#[path = "e2e_directory.rs"]
mod directory;

#[path = "e2e_write_conversations.rs"]
mod write_conversations;

#[path = "e2e_conversation_updates.rs"]
mod conversation_updates;

#[path = "e2e_write_threads.rs"]
mod write_threads;

#[path = "e2e_write_customers.rs"]
mod write_customers;

#[path = "e2e_customer_extras.rs"]
mod customer_extras;

#[path = "e2e_webhooks.rs"]
mod webhooks;

#[path = "e2e_webhook_events.rs"]
mod webhook_events;

#[path = "e2e_lineitems.rs"]
mod lineitems;

#[path = "e2e_faults.rs"]
mod faults;
