//! `POST /v2/oauth2/token`: the three grants, single-use codes, rotating refresh tokens and the
//! OAuth2 error answers.

use axum::http::{Method, StatusCode};

use super::{Reply, call, start};
use helpscout_simulator::Simulator;
use helpscout_simulator::credentials::*;

pub async fn token_at(sim: &Simulator, path: &str, body: &str) -> Reply {
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
