//! `POST /v2/oauth2/token` (client_credentials, authorization_code, refresh_token; JSON, form or
//! query-string fields, as <https://developer.helpscout.com/mailbox-api/overview/authentication/>
//! allows) and bearer-token extraction for the API guard.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::credentials::{CLIENT_ID, CLIENT_SECRET};
use crate::model::Shared;
use crate::model::tokens::ACCESS_TOKEN_TTL_SECS;
use crate::search::params::pairs;

/// The bearer token of a request, if it carries one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

fn token_response(status: StatusCode, body: Value) -> Response {
    let mut resp = (status, body.to_string()).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    resp
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    token_response(
        status,
        json!({"error": error, "error_description": description}),
    )
}

/// Request fields from the body (JSON object or form) with query parameters as a fallback.
fn request_fields(
    headers: &HeaderMap,
    query: Option<&str>,
    body: &[u8],
) -> Result<BTreeMap<String, String>, String> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let text = String::from_utf8_lossy(body);
    let looks_json = content_type.contains("json")
        || (!content_type.contains("form") && text.trim_start().starts_with('{'));
    let mut fields = BTreeMap::new();
    if looks_json {
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("Malformed JSON: {e}"))?;
        let obj = v.as_object().ok_or("The body must be a JSON object")?;
        for (k, v) in obj {
            let s = match v {
                Value::String(s) => s.clone(),
                Value::Null => continue,
                other => other.to_string(),
            };
            fields.insert(k.clone(), s);
        }
    } else {
        fields.extend(pairs(&text));
    }
    for (k, v) in query.map(pairs).unwrap_or_default() {
        fields.entry(k).or_insert(v);
    }
    fields.retain(|_, v| !v.trim().is_empty());
    Ok(fields)
}

/// `POST /v2/oauth2/token`.
pub async fn token(
    State(shared): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let fields = match request_fields(&headers, query.as_deref(), &body) {
        Ok(f) => f,
        Err(msg) => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", &msg),
    };
    let field = |k: &str| fields.get(k).map(String::as_str);
    let Some(grant) = field("grant_type") else {
        let msg = "Missing grant_type parameter";
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", msg);
    };
    if !matches!(
        grant,
        "client_credentials" | "authorization_code" | "refresh_token"
    ) {
        let msg = format!("Unsupported grant type: {grant}");
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", &msg);
    }
    let (Some(id), Some(secret)) = (field("client_id"), field("client_secret")) else {
        let msg = "Missing client_id or client_secret parameter";
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", msg);
    };
    if id != CLIENT_ID || secret != CLIENT_SECRET {
        let msg = "Client authentication failed";
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", msg);
    }
    let mut state = shared.lock();
    let store = &mut state.tokens;
    let with_refresh = match grant {
        "authorization_code" => {
            let Some(code) = field("code") else {
                let msg = "Missing code parameter";
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", msg);
            };
            if !store.take_code(code) {
                let msg = "Invalid or already used authorization code";
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", msg);
            }
            true
        }
        "refresh_token" => {
            let Some(refresh) = field("refresh_token") else {
                let msg = "Missing refresh_token parameter";
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", msg);
            };
            if !store.take_refresh(refresh) {
                let msg = "Invalid refresh token";
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", msg);
            }
            true
        }
        _ => false,
    };
    let mut body = json!({
        "token_type": "bearer",
        "access_token": store.issue_access(),
        "expires_in": ACCESS_TOKEN_TTL_SECS,
    });
    if let (true, Some(obj)) = (with_refresh, body.as_object_mut()) {
        obj.insert("refresh_token".into(), Value::String(store.issue_refresh()));
    }
    token_response(StatusCode::OK, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_parsing() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(bearer(&h), Some("abc"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer  xyz "),
        );
        assert_eq!(bearer(&h), Some("xyz"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&h), None);
    }

    #[test]
    fn fields_from_json_form_and_query() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        let f = request_fields(&h, Some("code=q"), br#"{"grant_type":"x","n":5}"#).unwrap();
        assert_eq!(f["grant_type"], "x");
        assert_eq!(f["n"], "5");
        assert_eq!(f["code"], "q");
        assert!(request_fields(&h, None, b"{oops").is_err());
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        let f = request_fields(&h, None, b"grant_type=client_credentials&client_id=a%20b").unwrap();
        assert_eq!(f["client_id"], "a b");
    }
}
