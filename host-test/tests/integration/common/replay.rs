//! A replay server for recorded Help Scout traffic: answers each request with the next expected
//! recorded interaction's response, but only when the request matches the recording (method,
//! path modulo a trailing slash, query parameters, JSON body); a mismatch is answered 599 and
//! recorded, so the test fails with the difference.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use axum::body::{Body, Bytes};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

pub struct Replay {
    pub url: String,
    state: Arc<Mutex<State>>,
}

struct State {
    expected: Vec<Value>,
    next: usize,
    mismatches: Vec<String>,
}

/// The interactions of a cassette in `tests/fixtures/cassettes/`.
pub fn cassette(name: &str) -> Vec<Value> {
    let path = format!(
        "{}/../tests/fixtures/cassettes/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let value: Value = serde_json::from_str(&text).unwrap();
    value["interactions"].as_array().unwrap().clone()
}

impl Replay {
    /// Serves `interactions` (in this order) on a loopback port.
    pub async fn start(interactions: Vec<Value>) -> Replay {
        let state = Arc::new(Mutex::new(State {
            expected: interactions,
            next: 0,
            mismatches: Vec::new(),
        }));
        let shared = state.clone();
        let app = axum::Router::new().fallback(move |method: Method, uri: Uri, body: Bytes| {
            let state = shared.clone();
            async move { answer(&state, &method, &uri, &body) }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Replay { url, state }
    }

    /// Panics unless every expected interaction was replayed and nothing mismatched.
    pub fn assert_complete(&self) {
        let state = self.state.lock().unwrap();
        assert!(
            state.mismatches.is_empty(),
            "requests differ from the recording:\n{}",
            state.mismatches.join("\n")
        );
        assert_eq!(
            state.next,
            state.expected.len(),
            "not every recorded interaction was replayed"
        );
    }
}

fn answer(state: &Mutex<State>, method: &Method, uri: &Uri, body: &[u8]) -> Response {
    let mut state = state.lock().unwrap();
    let Some(interaction) = state.expected.get(state.next).cloned() else {
        state
            .mismatches
            .push(format!("unexpected extra request {method} {uri}"));
        return status_only(599, "no more recorded interactions");
    };
    match differences(&interaction["request"], method, uri, body) {
        Some(diff) => {
            state.mismatches.push(diff.clone());
            status_only(599, &diff)
        }
        None => {
            state.next += 1;
            recorded_response(&interaction["response"])
        }
    }
}

fn differences(recorded: &Value, method: &Method, uri: &Uri, body: &[u8]) -> Option<String> {
    let recorded_uri: Uri = recorded["uri"].as_str().unwrap().parse().unwrap();
    let norm = |p: &str| p.trim_end_matches('/').to_string();
    let sent = format!("{method} {}", uri);
    if recorded["method"] != method.as_str() {
        return Some(format!(
            "{sent}: method differs from recorded {}",
            recorded["method"]
        ));
    }
    if norm(recorded_uri.path()) != norm(uri.path()) {
        return Some(format!(
            "{sent}: path differs from recorded {}",
            recorded_uri.path()
        ));
    }
    if query(recorded_uri.query()) != query(uri.query()) {
        return Some(format!(
            "{sent}: query differs from recorded {:?}",
            recorded_uri.query()
        ));
    }
    let recorded_body = &recorded["body"];
    let sent_body: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(body).unwrap_or(Value::Null)
    };
    if *recorded_body != sent_body {
        return Some(format!(
            "{sent}: body {sent_body} differs from recorded {recorded_body}"
        ));
    }
    None
}

fn query(q: Option<&str>) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pair in q.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        map.entry(decode(k)).or_default().push(decode(v));
    }
    map
}

fn decode(s: &str) -> String {
    let bytes = s.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn recorded_response(recorded: &Value) -> Response {
    let status = recorded["status"].as_u64().unwrap() as u16;
    let body = match &recorded["body"] {
        Value::Null => Vec::new(),
        other => serde_json::to_vec(other).unwrap(),
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap();
    for (name, value) in recorded["headers"].as_object().unwrap() {
        let lower = name.to_ascii_lowercase();
        if ["connection", "content-length", "transfer-encoding"].contains(&lower.as_str()) {
            continue;
        }
        let values: Vec<&str> = match value {
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            other => other.as_str().into_iter().collect(),
        };
        for v in values {
            response.headers_mut().append(
                HeaderName::from_bytes(lower.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
    }
    response
}

fn status_only(status: u16, message: &str) -> Response {
    let mut response = Response::new(Body::from(message.to_string()));
    *response.status_mut() = StatusCode::from_u16(status).unwrap();
    response
}
