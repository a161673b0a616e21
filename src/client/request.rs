//! The request and response values the client builds and reads, the `Replay` decision each
//! write carries, and the `Transport` seam: the wasi:http transport sends them, tests substitute
//! a scripted one.

use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// Whether a request may be sent again when its outcome is unknown (a 5xx, or a connection lost
/// after sending): decided per request, from what a second copy would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replay {
    /// A second copy leaves Help Scout as one would and answers alike: GET, PUT (a full
    /// replacement), a PATCH made only of `replace` or `move` operations.
    Safe,
    /// A second copy could apply the change twice or fail because the first one applied: POST
    /// (creates), JSON Patch `add`/`remove`, DELETE.
    Unsafe,
}

impl Replay {
    /// A JSON Patch body (an array of operations) is safe to repeat when it only `replace`s.
    pub fn of_json_patch(ops: &serde_json::Value) -> Self {
        let only_replace = ops
            .as_array()
            .is_some_and(|ops| ops.iter().all(|op| op["op"] == "replace"));
        if only_replace {
            Replay::Safe
        } else {
            Replay::Unsafe
        }
    }
}

#[derive(Clone)]
pub struct Request {
    pub method: Method,
    pub url: Url,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Never prints header values or the body: they carry the bearer token and client secrets.
impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url.as_str())
            .field("headers", &names)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A header parsed as an unsigned number.
    pub fn header_u32(&self, name: &str) -> Option<u32> {
        self.header(name).and_then(|v| v.trim().parse().ok())
    }
}

/// Why a request got no HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The host refused the request (allow-list).
    Denied(String),
    /// Nothing reached the server (DNS, connection refused, connect timeout).
    NotSent(String),
    /// The connection failed after the request may have been received.
    Interrupted(String),
    /// The request could not be built or the response could not be read.
    Invalid(String),
}

/// Sends one request and reads the whole response; also the clock and randomness retries need.
pub trait Transport {
    fn send(&mut self, request: &Request) -> Result<Response, TransportError>;

    /// Waits this long before a retry.
    fn pause(&mut self, millis: u64);

    /// A number uniform in [0, 1) for backoff jitter.
    fn jitter(&mut self) -> f64;
}

/// The transport every operation runs over: one instance of each generic operation in the
/// component (the wasi:http transport behind it), whatever the transport in tests.
pub type AnyTransport = Box<dyn Transport>;

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send(&mut self, request: &Request) -> Result<Response, TransportError> {
        (**self).send(request)
    }

    fn pause(&mut self, millis: u64) {
        (**self).pause(millis);
    }

    fn jitter(&mut self) -> f64 {
        (**self).jitter()
    }
}

impl<T: Transport + ?Sized> Transport for &mut T {
    fn send(&mut self, request: &Request) -> Result<Response, TransportError> {
        (**self).send(request)
    }

    fn pause(&mut self, millis: u64) {
        (**self).pause(millis);
    }

    fn jitter(&mut self) -> f64 {
        (**self).jitter()
    }
}
