//! End-to-end tests of the `Date` header: every kind of answer (API reads and writes, 4xx, the
//! token endpoint, a real and an injected 429, injected 5xx, invalid JSON, applied writes,
//! delays and truncated bodies) carries an IMF-fixdate equal to the simulator's clock.

use axum::http::{HeaderMap, Method, StatusCode};

use super::auth::token_at;
use super::faults::{inject, raw};
use super::{call, start};
use helpscout_simulator::credentials::{CLIENT_ID, CLIENT_SECRET};
use helpscout_simulator::time::{now, parse_http_date};
use helpscout_simulator::{Simulator, SimulatorOptions};

fn check(what: &str, headers: &HeaderMap, before: i64) {
    let date = headers
        .get("date")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("{what}: no Date header"));
    let t = parse_http_date(date).unwrap_or_else(|| panic!("{what}: {date}"));
    assert!((before..=now()).contains(&t), "{what}: {date}");
    assert_eq!(headers.get_all("date").iter().count(), 1, "{what}");
}

async fn seen(sim: &Simulator, what: &str, method: Method, path: &str, json: Option<&str>) {
    let before = now();
    let r = raw(sim, method, path, json).await.unwrap();
    check(what, &r.headers, before);
}

#[tokio::test]
async fn every_answer_carries_the_simulators_date() {
    let sim = start().await;
    seen(&sim, "200", Method::GET, "/v2/users/me", None).await;
    seen(&sim, "404", Method::GET, "/v2/conversations/1", None).await;
    seen(&sim, "405", Method::DELETE, "/v2/mailboxes", None).await;
    let note = r#"{"text": "dated"}"#;
    seen(
        &sim,
        "201",
        Method::POST,
        "/v2/conversations/5000001/notes",
        Some(note),
    )
    .await;
    let op = r#"{"op": "replace", "path": "/subject", "value": "Dated"}"#;
    seen(
        &sim,
        "204",
        Method::PATCH,
        "/v2/conversations/5000001",
        Some(op),
    )
    .await;
    seen(&sim, "400", Method::POST, "/v2/conversations", Some("{}")).await;
    let before = now();
    let r = call(&sim, Method::GET, "/v2/users/me", None, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    check("401", &r.headers, before);
    let form = format!(
        "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
    );
    let before = now();
    check(
        "token",
        &token_at(&sim, "/v2/oauth2/token", &form).await.headers,
        before,
    );
    let before = now();
    let bad = token_at(&sim, "/v2/oauth2/token", "grant_type=nope").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    check("token 400", &bad.headers, before);
    for (spec, what) in [
        ("429=30:GET:/v2/users:1", "injected 429"),
        ("503:GET:/v2/users:1", "503"),
        ("invalid-json:GET:/v2/users:1", "invalid JSON"),
        ("delay=50:GET:/v2/users:1", "delay"),
        ("truncated:GET:/v2/users:1", "truncated"),
        ("expire-token:GET:/v2/users:1", "expired token"),
    ] {
        inject(&sim, spec);
        seen(&sim, what, Method::GET, "/v2/users", None).await;
    }
    inject(&sim, "applied=500:PATCH:/v2/conversations:1");
    seen(
        &sim,
        "applied",
        Method::PATCH,
        "/v2/conversations/5000001",
        Some(op),
    )
    .await;
}

#[tokio::test]
async fn a_real_rate_limit_answer_is_dated() {
    let options = SimulatorOptions {
        rate_limit_per_minute: 1,
        ..SimulatorOptions::default()
    };
    let sim = Simulator::start(options).await.unwrap();
    seen(&sim, "last allowed", Method::GET, "/v2/users/me", None).await;
    let before = now();
    let r = raw(&sim, Method::GET, "/v2/users/me", None).await.unwrap();
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    check("429", &r.headers, before);
}
