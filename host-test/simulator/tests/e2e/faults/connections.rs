//! End-to-end fault tests about connections: a reset on a kept-alive (pooled) connection is
//! still an error, not a silent retry; a client that gives up during a delay still leaves the
//! write done (the request is processed when the delay ends); on the wire, a reset sends not a
//! single byte and a truncated answer sends its head and part of the declared body; the token
//! endpoint can be faulted too.

use std::time::Duration;

use axum::http::{Method, StatusCode};

use super::super::write_conversations::new_conversation;
use super::super::{call, get, start};
use super::{client, conversations, faults, inject, ok_get, raw, raw_on};
use helpscout_simulator::Simulator;
use helpscout_simulator::credentials::{ACCESS_TOKEN, CLIENT_ID, CLIENT_SECRET};

#[tokio::test]
async fn reset_on_a_reused_connection_is_an_error() {
    let sim = start().await;
    let c = client();
    let first = raw_on(&c, &sim, Method::GET, "/v2/users/me", None).await;
    assert_eq!(first.unwrap().status, StatusCode::OK);
    inject(&sim, "reset:/v2/users:1");
    let err = raw_on(&c, &sim, Method::GET, "/v2/users/me", None).await;
    assert!(
        err.is_err(),
        "the pooled connection must be closed without an answer"
    );
    let again = raw_on(&c, &sim, Method::GET, "/v2/users/me", None).await;
    assert_eq!(again.unwrap().status, StatusCode::OK);
    assert_eq!(faults(&sim), [None, Some("reset".into()), None]);
}

#[tokio::test]
async fn client_timeout_during_a_delay_still_processes() {
    let sim = start().await;
    inject(&sim, "delay=300:POST:/v2/conversations:1");
    let before = conversations(&sim);
    let body = new_conversation().to_string();
    let send = raw(&sim, Method::POST, "/v2/conversations", Some(&body));
    let gave_up = tokio::time::timeout(Duration::from_millis(50), send).await;
    assert!(gave_up.is_err(), "the client times out");
    assert_eq!(conversations(&sim), before, "not yet processed");
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        conversations(&sim),
        before + 1,
        "processed when the delay ended"
    );
}

/// Sends `request` over a plain TCP connection and returns every byte until the server closes.
async fn wire(sim: &Simulator, request: String) -> Vec<u8> {
    let addr = sim.url().trim_start_matches("http://").to_string();
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut got = Vec::new();
        let _ = s.read_to_end(&mut got);
        got
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn on_the_wire() {
    let sim = start().await;
    let token = ACCESS_TOKEN;
    let get = format!(
        "GET /v2/mailboxes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    );
    inject(&sim, "reset:/v2/mailboxes:1");
    assert!(
        wire(&sim, get.clone()).await.is_empty(),
        "not a single byte"
    );
    inject(&sim, "truncated:/v2/mailboxes:1");
    let got = String::from_utf8(wire(&sim, get.clone()).await).unwrap();
    let (head, body) = got.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    let declared: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        !body.is_empty() && body.len() < declared,
        "{} of {declared}",
        body.len()
    );
    let whole = String::from_utf8(wire(&sim, get).await).unwrap();
    assert_eq!(whole.split_once("\r\n\r\n").unwrap().1.len(), declared);
}

#[tokio::test]
async fn token_endpoint_can_be_faulted() {
    let sim = start().await;
    inject(&sim, "503:/v2/oauth2/token:1");
    inject(&sim, "reset:GET:/v2:0:1");
    let form = format!(
        "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
    );
    let body = Some(("application/x-www-form-urlencoded", form.as_str()));
    let r = call(&sim, Method::POST, "/v2/oauth2/token", None, body).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    let r = call(&sim, Method::POST, "/v2/oauth2/token", None, body).await;
    assert_eq!(r.status, StatusCode::OK);
    // The second fault skips one GET, then resets every later one.
    assert_eq!(get(&sim, "/v2/users/me").await.status, StatusCode::OK);
    assert!(raw(&sim, Method::GET, "/v2/users/me", None).await.is_err());
    assert!(raw(&sim, Method::GET, "/v2/mailboxes", None).await.is_err());
    assert_eq!(
        ok_get(&sim, "/elsewhere").await.status,
        StatusCode::NOT_FOUND
    );
}
