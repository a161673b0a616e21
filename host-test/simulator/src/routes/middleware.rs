//! Request pipeline: [`intake`] (outermost, before routing) logs every request and strips a
//! trailing slash; [`guard`] (around the `/v2` API routes) enforces the bearer token and the
//! rate limit and stamps Help Scout's common headers (`Correlation-Id`, `X-RateLimit-*`, ...).
//! Fault injection (`faults/service.rs`, below axum) reuses [`record`], [`correlation`], [`stamp`] and
//! [`rate_limited`], and tags the requests it lets through with [`Faulted`].

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::auth::bearer;
use crate::LoggedRequest;
use crate::model::ratelimit::{Decision, cost};
use crate::model::{Shared, State as Model};
use crate::render::errors::{ApiError, uuid_like};

/// Whether the request carried a valid bearer token (decided once, at intake).
#[derive(Clone, Copy)]
struct Authorized(bool);

/// Request extension: the fault (text form of its kind) affecting a request that is still
/// processed, so the intake log names it.
#[derive(Clone)]
pub struct Faulted(pub String);

const COMMON_HEADERS: [(&str, &str); 7] = [
    ("access-control-allow-origin", "*"),
    (
        "cache-control",
        "no-cache, no-store, max-age=0, must-revalidate",
    ),
    ("expires", "0"),
    ("pragma", "no-cache"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("x-xss-protection", "1; mode=block"),
];

/// `/v2/mailboxes/` → `/v2/mailboxes` (recorded links end in `/`; routes do not).
fn strip_trailing_slash(uri: &Uri) -> Option<Uri> {
    let path = uri.path();
    if path.len() <= 1 || !path.ends_with('/') {
        return None;
    }
    let trimmed = path.trim_end_matches('/');
    let trimmed = if trimmed.is_empty() { "/" } else { trimmed };
    let pq = match uri.query() {
        Some(q) => format!("{trimmed}?{q}"),
        None => trimmed.to_string(),
    };
    pq.parse().ok()
}

/// Logs a request; returns whether it carried a valid bearer token.
pub fn record(
    st: &mut Model,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    fault: Option<String>,
) -> bool {
    let authorized = bearer(headers).is_some_and(|t| st.tokens.is_valid(t));
    let path_and_query = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_string(), |pq| pq.as_str().to_string());
    st.log.push(LoggedRequest {
        method: method.to_string(),
        path_and_query,
        authorized,
        fault,
        body: None,
    });
    authorized
}

/// Largest request body kept in the log (as parsed JSON), so tests can check what was sent.
const LOGGED_BODY_BYTES: usize = 64 * 1024;

/// Largest request body read at intake (attachments are ≤ 10 MB decoded).
const INTAKE_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Outermost layer: log (with the JSON body, when small), decide authorization, normalise the
/// path.
pub async fn intake(State(shared): State<Shared>, req: Request, next: Next) -> Response {
    let fault = req.extensions().get::<Faulted>().map(|f| f.0.clone());
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, INTAKE_BODY_BYTES).await else {
        return ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "Payload Too Large").into_response();
    };
    let logged = (bytes.len() <= LOGGED_BODY_BYTES)
        .then(|| serde_json::from_slice(&bytes).ok())
        .flatten();
    let mut req = Request::from_parts(parts, axum::body::Body::from(bytes));
    let authorized = {
        let mut st = shared.lock();
        let authorized = record(&mut st, req.method(), req.uri(), req.headers(), fault);
        if let Some(last) = st.log.last_mut() {
            last.body = logged;
        }
        authorized
    };
    if let Some(uri) = strip_trailing_slash(req.uri()) {
        *req.uri_mut() = uri;
    }
    req.extensions_mut().insert(Authorized(authorized));
    next.run(req).await
}

fn set(headers: &mut HeaderMap, name: &str, value: &str) {
    if let (Ok(n), Ok(v)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
        headers.insert(n, v);
    }
}

/// The next `Correlation-Id` (`uuid#N`).
pub fn correlation(st: &mut Model) -> String {
    st.serial += 1;
    format!("{}#{}", uuid_like(st.serial ^ 0xC0FF_EE00), st.serial)
}

/// Help Scout's common headers plus `Correlation-Id`.
pub fn stamp_common(resp: &mut Response, correlation: &str) {
    let h = resp.headers_mut();
    for (name, value) in COMMON_HEADERS {
        set(h, name, value);
    }
    set(h, "correlation-id", correlation);
}

/// The common headers and the `X-RateLimit-*-Minute` pair.
pub fn stamp(resp: &mut Response, correlation: &str, limit: u32, remaining: u32) {
    stamp_common(resp, correlation);
    let h = resp.headers_mut();
    set(h, "x-ratelimit-limit-minute", &limit.to_string());
    set(h, "x-ratelimit-remaining-minute", &remaining.to_string());
}

/// `429 {"message":"API rate limit exceeded"}` with the full rate-limit header set.
pub fn rate_limited(correlation: &str, limit: u32, remaining: u32, retry_after: u64) -> Response {
    let body = json!({"message": "API rate limit exceeded"}).to_string();
    let mut resp = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
    set(
        resp.headers_mut(),
        "content-type",
        "application/json;charset=UTF-8",
    );
    stamp(&mut resp, correlation, limit, remaining);
    set(
        resp.headers_mut(),
        "x-ratelimit-retry-after",
        &retry_after.to_string(),
    );
    resp
}

/// Around every `/v2` API route (not the token endpoint): 401, 429 or the handler's answer.
pub async fn guard(State(shared): State<Shared>, req: Request, next: Next) -> Response {
    let authorized = match req.extensions().get::<Authorized>() {
        Some(a) => a.0,
        None => bearer(req.headers()).is_some_and(|t| shared.lock().tokens.is_valid(t)),
    };
    let (correlation, decision) = {
        let mut st = shared.lock();
        let correlation = correlation(&mut st);
        let decision = if authorized {
            st.limiter.take(cost(req.method()))
        } else {
            let (limit, remaining) = (st.limiter.limit(), st.limiter.remaining());
            Decision::Allowed { limit, remaining }
        };
        (correlation, decision)
    };
    match decision {
        _ if !authorized => {
            let mut resp = ApiError::unauthorized().into_response();
            if let Decision::Allowed { limit, remaining } = decision {
                stamp(&mut resp, &correlation, limit, remaining);
            }
            resp
        }
        Decision::Limited {
            limit,
            remaining,
            retry_after,
        } => rate_limited(&correlation, limit, remaining, retry_after),
        Decision::Allowed { limit, remaining } => {
            let mut resp = next.run(req).await;
            stamp(&mut resp, &correlation, limit, remaining);
            resp
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_slashes() {
        let u: Uri = "/v2/mailboxes/1/folders/?page=2".parse().unwrap();
        assert_eq!(
            strip_trailing_slash(&u).unwrap(),
            "/v2/mailboxes/1/folders?page=2"
        );
        let u: Uri = "/v2/customers".parse().unwrap();
        assert!(strip_trailing_slash(&u).is_none());
        let u: Uri = "/".parse().unwrap();
        assert!(strip_trailing_slash(&u).is_none());
    }
}
