//! The Help Scout API client: base URL, bearer auth, JSON in and out, status mapping, created-id
//! reading and call metadata, over any `Transport`; every request, token requests included, goes
//! through its one send-and-retry path. Resources call only this.

mod answers;
mod base_url;
mod connection;
mod hal;
mod oauth;
mod paging;
mod request;
mod retry;
#[cfg(test)]
mod retry_tests;
#[cfg(test)]
pub mod testing;
pub mod transport;

pub use answers::{created_id, parse_json, raw_object};
pub use base_url::ApiBase;
pub use connection::{Connection, Credentials};
pub use hal::split_page;
#[cfg(test)]
pub use oauth::parse_token;
pub use oauth::{Grant, TokenSet};
pub use paging::Resume;
pub use request::{AnyTransport, Method, Replay, Request, Response, Transport, TransportError};
pub use retry::RetryPolicy;

use crate::error::{Error, Result};
use crate::instant;
use answers::{ambiguous, error_for, transport_error};
use retry::{Attempts, Decision};
use serde_json::Value;
use serde_json::value::RawValue;
use url::Url;

/// How many redirects (`301` for merged conversations) a GET follows.
const MAX_REDIRECTS: usize = 3;

/// What a call learnt besides its output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallMeta {
    /// HTTP requests made (retries included).
    pub requests: u32,
    pub rate_limit_remaining: Option<u32>,
    pub rate_limit_limit: Option<u32>,
    /// What the call cost in Help Scout's per-minute budget: 1 per GET, 2 per write.
    pub budget_used: u32,
    /// Milliseconds spent waiting before retries.
    pub waited_ms: u64,
    /// A token minted during the call (client credentials), for the host to keep.
    pub minted: Option<TokenSet>,
}

/// An app's credentials, for the token endpoint.
#[derive(Clone)]
pub struct AppCredentials {
    pub client_id: String,
    pub client_secret: String,
}

/// A client for one call: the base, the token (or the app credentials to mint one), the retry
/// policy and the transport.
pub struct Client<T: Transport> {
    transport: T,
    base: ApiBase,
    token: Option<String>,
    app: Option<AppCredentials>,
    policy: RetryPolicy,
    pub meta: CallMeta,
    /// Help Scout's clock (Unix seconds) from the `Date` header of its last answer.
    pub server_time: Option<i64>,
}

impl<T: Transport> Client<T> {
    /// A client without a token (for the token endpoint, or until one is set).
    pub fn new(transport: T, base: ApiBase) -> Self {
        Self {
            transport,
            base,
            token: None,
            app: None,
            policy: RetryPolicy::default(),
            meta: CallMeta::default(),
            server_time: None,
        }
    }

    /// A client that sends `Authorization: Bearer {token}`.
    pub fn with_token(transport: T, base: ApiBase, token: String) -> Self {
        let mut client = Self::new(transport, base);
        client.token = Some(token);
        client
    }

    /// A client that mints its token from app credentials: before its first request unless a
    /// cached token is given (so the token request follows the call's retry policy and counts in
    /// its meta), and again once on a 401.
    pub fn with_app(
        transport: T,
        base: ApiBase,
        app: AppCredentials,
        cached: Option<String>,
    ) -> Self {
        let mut client = Self::new(transport, base);
        client.token = cached.filter(|t| !t.is_empty());
        client.app = Some(app);
        client
    }

    pub fn set_policy(&mut self, policy: RetryPolicy) {
        self.policy = policy;
    }

    /// Mints a token through the client-credentials grant and keeps it for the host.
    fn mint(&mut self) -> Result<()> {
        let Some(app) = self.app.clone() else {
            return Err(Error::Unauthorized("no credentials to mint a token".into()));
        };
        let set = self.request_token(&app, Grant::ClientCredentials)?;
        self.token = Some(set.access_token.clone());
        self.meta.minted = Some(set);
        Ok(())
    }

    pub fn base(&self) -> &ApiBase {
        &self.base
    }

    /// `GET {base}/v2/{segments}?{query}` → the JSON body.
    pub fn get(&mut self, segments: &[&str], query: &[(&str, String)]) -> Result<Value> {
        let url = self.base.endpoint(segments, query);
        self.get_url(url)
    }

    /// `METHOD {base}/v2/{segments}` with an optional JSON body; any status outside 2xx is its
    /// error. `replay` says whether the write may be sent again when its outcome is unknown.
    /// The response is returned for its headers (`Resource-ID`, `Location`).
    pub fn write(
        &mut self,
        method: Method,
        segments: &[&str],
        body: Option<&Value>,
        replay: Replay,
    ) -> Result<Response> {
        let url = self.base.endpoint(segments, &[]);
        self.write_to(method, url, body, replay)
    }

    /// As `write`, to a URL already built on the base (with a query).
    pub fn write_to(
        &mut self,
        method: Method,
        url: Url,
        body: Option<&Value>,
        replay: Replay,
    ) -> Result<Response> {
        let response = self.send(method, url.clone(), body, replay)?;
        match response.status {
            200..=299 => Ok(response),
            status => Err(error_for(&url, status, &response)),
        }
    }

    /// `GET {base}/v2/{segments}?{query}` → one JSON object as Help Scout's text, checked to be
    /// an object but not parsed into a tree (`what` names it in the error).
    pub fn get_object(
        &mut self,
        segments: &[&str],
        query: &[(&str, String)],
        what: &str,
    ) -> Result<Box<RawValue>> {
        let body = self.get_body(self.base.endpoint(segments, query))?;
        raw_object(&body, what)
    }

    /// GET an absolute URL on the base (pagination links) → the JSON body.
    pub fn get_url(&mut self, url: Url) -> Result<Value> {
        parse_json(&self.get_body(url)?)
    }

    /// GET an absolute URL on the base, following redirects on the base → the 200 body.
    pub fn get_body(&mut self, mut url: Url) -> Result<Vec<u8>> {
        for _ in 0..=MAX_REDIRECTS {
            let response = self.send(Method::Get, url.clone(), None, Replay::Safe)?;
            match response.status {
                200 => return Ok(response.body),
                301 | 302 | 303 | 307 | 308 => {
                    let location = response
                        .header("location")
                        .ok_or_else(|| Error::Other("redirect without Location".into()))?;
                    url = self.base.rebase(location)?;
                }
                status => return Err(error_for(&url, status, &response)),
            }
        }
        Err(Error::Other("too many redirects".into()))
    }

    /// Sends one request with auth and JSON headers, retrying as `retry::decide` says for its
    /// `replay` and re-minting the token once on a 401 when the client has app credentials.
    /// Returns any HTTP response; statuses are the caller's to judge.
    pub fn send(
        &mut self,
        method: Method,
        url: Url,
        body: Option<&Value>,
        replay: Replay,
    ) -> Result<Response> {
        self.exchange(method, url, body, replay, true)
    }

    /// `send` without the bearer token (the token endpoint authenticates with the app's
    /// credentials in the body).
    fn send_unauthenticated(
        &mut self,
        method: Method,
        url: Url,
        body: &Value,
        replay: Replay,
    ) -> Result<Response> {
        self.exchange(method, url, Some(body), replay, false)
    }

    fn exchange(
        &mut self,
        method: Method,
        url: Url,
        body: Option<&Value>,
        replay: Replay,
        bearer: bool,
    ) -> Result<Response> {
        let body = match body {
            Some(value) => {
                Some(serde_json::to_vec(value).map_err(|e| Error::Other(e.to_string().into()))?)
            }
            None => None,
        };
        if bearer && self.token.is_none() && self.app.is_some() {
            self.mint()?;
        }
        let mut attempts = Attempts::default();
        let mut reminted = false;
        loop {
            attempts.made += 1;
            let outcome = self.send_once(method, &url, body.as_deref(), bearer);
            if let Ok(response) = &outcome
                && response.status == 401
                && bearer
                && self.app.is_some()
                && !reminted
            {
                reminted = true;
                self.mint()?;
                continue;
            }
            let jitter = self.transport.jitter();
            match retry::decide(&self.policy, replay, &outcome, attempts, jitter) {
                Decision::Done => return outcome.map_err(|e| transport_error(e, replay)),
                Decision::Retry { wait_ms } => {
                    self.transport.pause(wait_ms);
                    attempts.waited_ms += wait_ms;
                    self.meta.waited_ms += wait_ms;
                }
                Decision::GiveUpRateLimited { retry_after } => {
                    return Err(Error::RateLimited(retry_after));
                }
                Decision::Ambiguous => return Err(ambiguous(&outcome)),
            }
        }
    }

    fn send_once(
        &mut self,
        method: Method,
        url: &Url,
        body: Option<&[u8]>,
        bearer: bool,
    ) -> Result<Response, TransportError> {
        let mut headers = vec![("accept".to_string(), "application/json".to_string())];
        if let (true, Some(token)) = (bearer, &self.token) {
            headers.insert(0, ("authorization".to_string(), format!("Bearer {token}")));
        }
        if body.is_some() {
            headers.push((
                "content-type".into(),
                "application/json;charset=UTF-8".into(),
            ));
        }
        let request = Request {
            method,
            url: url.clone(),
            headers,
            body: body.map(<[u8]>::to_vec).unwrap_or_default(),
        };
        self.meta.requests += 1;
        self.meta.budget_used += if method == Method::Get { 1 } else { 2 };
        let response = self.transport.send(&request)?;
        if let Some(remaining) = response.header_u32("x-ratelimit-remaining-minute") {
            self.meta.rate_limit_remaining = Some(remaining);
        }
        if let Some(limit) = response.header_u32("x-ratelimit-limit-minute") {
            self.meta.rate_limit_limit = Some(limit);
        }
        if let Some(date) = response.header("date").and_then(instant::from_http_date) {
            self.server_time = Some(date);
        }
        Ok(response)
    }
}
