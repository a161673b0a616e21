//! The Help Scout API client: base URL, bearer auth, JSON in and out, status mapping, created-id
//! reading and call metadata, over any `Transport`. Resources call only this.

pub mod endpoint;
pub mod http;
mod paging;
#[cfg(target_arch = "wasm32")]
pub mod transport;

pub use endpoint::ApiBase;
pub use http::{Method, Request, Response, Transport, TransportError};

use crate::error::{Error, Result};
use serde_json::Value;
use url::Url;

/// How many redirects (`301` for merged conversations) a GET follows.
const MAX_REDIRECTS: usize = 3;

/// What a call learnt besides its output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallMeta {
    pub requests: u32,
    pub rate_limit_remaining: Option<u32>,
    pub rate_limit_limit: Option<u32>,
}

/// A client for one call: the base, the access token and the transport.
pub struct Client<T: Transport> {
    transport: T,
    base: ApiBase,
    token: String,
    pub meta: CallMeta,
}

impl<T: Transport> Client<T> {
    pub fn new(transport: T, base: ApiBase, token: String) -> Self {
        Self {
            transport,
            base,
            token,
            meta: CallMeta::default(),
        }
    }

    pub fn base(&self) -> &ApiBase {
        &self.base
    }

    /// `GET {base}/v2/{segments}?{query}` → the JSON body.
    pub fn get(&mut self, segments: &[&str], query: &[(&str, String)]) -> Result<Value> {
        let url = self.base.endpoint(segments, query);
        self.get_url(url)
    }

    /// GET an absolute URL on the base (pagination links), following redirects on the base.
    pub fn get_url(&mut self, mut url: Url) -> Result<Value> {
        for _ in 0..=MAX_REDIRECTS {
            let response = self.send(Method::Get, url.clone(), None)?;
            match response.status {
                200 => return parse_json(&response.body),
                301 | 302 | 303 | 307 | 308 => {
                    let location = response
                        .header("location")
                        .ok_or_else(|| Error::Other("redirect without Location".into()))?;
                    url = self.base.rebase(location)?;
                }
                status => return Err(error_for(status, &response)),
            }
        }
        Err(Error::Other("too many redirects".into()))
    }

    /// Sends one request with auth and JSON headers; maps transport failures to error cases.
    /// Returns any HTTP response; statuses are the caller's to judge.
    pub fn send(&mut self, method: Method, url: Url, body: Option<&Value>) -> Result<Response> {
        let mut headers = vec![
            (
                "authorization".to_string(),
                format!("Bearer {}", self.token),
            ),
            ("accept".to_string(), "application/json".to_string()),
        ];
        let body = match body {
            Some(value) => {
                headers.push((
                    "content-type".into(),
                    "application/json;charset=UTF-8".into(),
                ));
                serde_json::to_vec(value).map_err(|e| Error::Other(e.to_string()))?
            }
            None => Vec::new(),
        };
        let request = Request {
            method,
            url,
            headers,
            body,
        };
        self.meta.requests += 1;
        let response = self
            .transport
            .send(&request)
            .map_err(|e| transport_error(e, method))?;
        if let Some(remaining) = response.header_u32("x-ratelimit-remaining-minute") {
            self.meta.rate_limit_remaining = Some(remaining);
        }
        if let Some(limit) = response.header_u32("x-ratelimit-limit-minute") {
            self.meta.rate_limit_limit = Some(limit);
        }
        Ok(response)
    }
}

/// The error for a non-success response.
pub fn error_for(status: u16, response: &Response) -> Error {
    Error::from_status(
        status,
        &response.body,
        response.header_u32("x-ratelimit-retry-after"),
    )
}

/// Maps a transport failure; a write interrupted after sending has an unknown outcome.
pub fn transport_error(error: TransportError, method: Method) -> Error {
    match error {
        TransportError::Denied(m) => Error::Denied(m),
        TransportError::NotSent(m) => Error::Transient(format!("could not connect: {m}")),
        TransportError::Interrupted(m) if method == Method::Post => Error::UnknownOutcome(format!(
            "connection failed after sending ({m}); the write may have taken effect"
        )),
        TransportError::Interrupted(m) => Error::Transient(format!("connection failed: {m}")),
        TransportError::Invalid(m) => Error::Other(m),
    }
}

/// Parses a JSON response body; an unparsable body is an error, never a trap.
pub fn parse_json(body: &[u8]) -> Result<Value> {
    serde_json::from_slice(body)
        .map_err(|e| Error::Other(format!("the API answered with invalid JSON: {e}")))
}

/// The id of a created resource: `Resource-ID`, else the last segment of `Location`, else none.
pub fn created_id(response: &Response) -> Option<u64> {
    if let Some(id) = response
        .header("resource-id")
        .and_then(|v| v.trim().parse().ok())
    {
        return Some(id);
    }
    let location = response.header("location")?;
    let path = location.split(['?', '#']).next()?;
    path.trim_end_matches('/').rsplit('/').next()?.parse().ok()
}

#[cfg(test)]
pub mod testing;

#[cfg(test)]
mod tests {
    use super::*;

    fn response(headers: &[(&str, &str)]) -> Response {
        Response {
            status: 201,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: Vec::new(),
        }
    }

    #[test]
    fn created_id_prefers_resource_id_then_location() {
        assert_eq!(
            created_id(&response(&[("Resource-Id", "868570854")])),
            Some(868570854)
        );
        let loc = [("Location", "https://api.helpscout.net/v2/conversations/42")];
        assert_eq!(created_id(&response(&loc)), Some(42));
        assert_eq!(created_id(&response(&[])), None);
    }

    #[test]
    fn interrupted_post_is_an_unknown_outcome() {
        let e = transport_error(TransportError::Interrupted("reset".into()), Method::Post);
        assert!(matches!(e, Error::UnknownOutcome(_)));
        let e = transport_error(TransportError::Interrupted("reset".into()), Method::Get);
        assert!(matches!(e, Error::Transient(_)));
    }
}
