//! The client's retry loop against a scripted transport: what is retried, how long it waits, and
//! what is reported instead.

use super::testing::Scripted;
use super::{ApiBase, AppCredentials, Client, Method, Replay, TransportError};
use crate::error::Error;
use serde_json::json;

fn base() -> ApiBase {
    ApiBase::parse("http://h").unwrap()
}

fn get(t: &mut Scripted) -> (Result<u16, Error>, u32) {
    let mut client = Client::with_token(t, base(), "tok".into());
    let url = client.base().endpoint(&["x"], &[]);
    let result = client
        .send(Method::Get, url, None, Replay::Safe)
        .map(|r| r.status);
    (result, client.meta.requests)
}

fn post(t: &mut Scripted) -> (Result<u16, Error>, u32) {
    let mut client = Client::with_token(t, base(), "tok".into());
    let url = client.base().endpoint(&["x"], &[]);
    let result = client
        .send(Method::Post, url, Some(&json!({})), Replay::Unsafe)
        .map(|r| r.status);
    (result, client.meta.requests)
}

#[test]
fn a_429_waits_retry_after_then_succeeds_even_for_a_post() {
    let mut t = Scripted::default()
        .status(429, &[("X-RateLimit-Retry-After", "2")])
        .status(201, &[]);
    assert_eq!(post(&mut t), (Ok(201), 2));
    assert_eq!(t.pauses, [2000]);
}

#[test]
fn a_429_longer_than_the_maximum_is_reported_at_once() {
    let mut t = Scripted::default().status(429, &[("X-RateLimit-Retry-After", "300")]);
    assert_eq!(get(&mut t), (Err(Error::RateLimited(300)), 1));
    assert!(t.pauses.is_empty());
}

#[test]
fn server_errors_back_off_and_stop_after_the_attempts() {
    let mut t = Scripted::default()
        .status(502, &[])
        .status(503, &[])
        .status(500, &[])
        .status(504, &[]);
    assert_eq!(get(&mut t).1, 4);
    assert_eq!(t.pauses, [375, 750, 1500], "exponential with jitter 0.5");
    let mut t = Scripted::default().status(503, &[]).status(200, &[]);
    assert_eq!(get(&mut t), (Ok(200), 2));
}

#[test]
fn an_ambiguous_unrepeatable_write_is_reported_never_repeated() {
    let mut t = Scripted::default().status(500, &[]).status(201, &[]);
    assert!(matches!(post(&mut t), (Err(Error::UnknownOutcome(_)), 1)));
    let mut t = Scripted::default()
        .fail(TransportError::Interrupted("reset".into()))
        .status(201, &[]);
    assert!(matches!(post(&mut t), (Err(Error::UnknownOutcome(_)), 1)));
    let mut t = Scripted::default()
        .fail(TransportError::NotSent("refused".into()))
        .status(201, &[]);
    assert_eq!(
        post(&mut t),
        (Ok(201), 2),
        "nothing reached Help Scout: safe to retry"
    );
}

#[test]
fn an_expired_token_is_reminted_once_with_app_credentials() {
    let token = r#"{"token_type":"bearer","access_token":"fresh","expires_in":172800}"#;
    let mut t = Scripted::default()
        .json(200, token)
        .status(401, &[])
        .json(200, token)
        .status(200, &[]);
    let app = AppCredentials {
        client_id: "id".into(),
        client_secret: "secret".into(),
    };
    let mut client = Client::with_app(&mut t, base(), app, None);
    let url = client.base().endpoint(&["x"], &[]);
    assert_eq!(
        client
            .send(Method::Get, url, None, Replay::Safe)
            .unwrap()
            .status,
        200
    );
    assert_eq!(client.meta.minted.as_ref().unwrap().access_token, "fresh");
    assert_eq!(client.meta.requests, 4);
    assert_eq!(t.sent[3].headers[0].1, "Bearer fresh");

    let mut t = Scripted::default().status(401, &[]);
    assert_eq!(
        get(&mut t).1,
        1,
        "a user token is not re-minted: the host refreshes it"
    );
}

#[test]
fn a_cached_token_is_used_first_and_reminted_only_when_refused() {
    let app = || AppCredentials {
        client_id: "id".into(),
        client_secret: "secret".into(),
    };
    let mut t = Scripted::default().status(200, &[]);
    let mut client = Client::with_app(&mut t, base(), app(), Some("cached".into()));
    let url = client.base().endpoint(&["x"], &[]);
    assert_eq!(
        client
            .send(Method::Get, url.clone(), None, Replay::Safe)
            .unwrap()
            .status,
        200
    );
    assert!(client.meta.minted.is_none(), "no token request");
    assert_eq!(t.sent.len(), 1);
    assert_eq!(t.sent[0].headers[0].1, "Bearer cached");

    let token = r#"{"token_type":"bearer","access_token":"fresh","expires_in":172800}"#;
    let mut t = Scripted::default()
        .status(401, &[])
        .json(200, token)
        .status(200, &[]);
    let mut client = Client::with_app(&mut t, base(), app(), Some("stale".into()));
    assert_eq!(
        client
            .send(Method::Get, url, None, Replay::Safe)
            .unwrap()
            .status,
        200
    );
    assert_eq!(client.meta.minted.as_ref().unwrap().access_token, "fresh");
    assert_eq!(t.sent[2].headers[0].1, "Bearer fresh");
}

#[test]
fn writes_cost_two_in_the_budget() {
    let mut t = Scripted::default().status(200, &[]).status(204, &[]);
    let mut client = Client::with_token(&mut t, base(), "tok".into());
    let url = client.base().endpoint(&["x"], &[]);
    client
        .send(Method::Get, url.clone(), None, Replay::Safe)
        .unwrap();
    client
        .send(Method::Patch, url, Some(&json!({})), Replay::Safe)
        .unwrap();
    assert_eq!(client.meta.budget_used, 3);
}

#[test]
fn a_patch_is_retried_or_reported_by_what_its_second_copy_would_do() {
    let patch = |t: &mut Scripted, replay| {
        let mut client = Client::with_token(t, base(), "tok".into());
        let url = client.base().endpoint(&["customers", "5"], &[]);
        let result = client.send(Method::Patch, url, Some(&json!([])), replay);
        (result.map(|r| r.status), client.meta.requests)
    };
    let mut t = Scripted::default().status(500, &[]).status(204, &[]);
    assert_eq!(patch(&mut t, Replay::Safe), (Ok(204), 2), "replace only");
    let mut t = Scripted::default().status(500, &[]).status(204, &[]);
    assert!(matches!(
        patch(&mut t, Replay::Unsafe),
        (Err(Error::UnknownOutcome(_)), 1)
    ));
    let mut t = Scripted::default()
        .fail(TransportError::Interrupted("reset".into()))
        .status(204, &[]);
    assert!(matches!(
        patch(&mut t, Replay::Unsafe),
        (Err(Error::UnknownOutcome(_)), 1)
    ));
}
