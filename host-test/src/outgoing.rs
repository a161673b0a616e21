//! The outgoing-request hook: every HTTP request the component makes arrives here. It drains the
//! request body, enforces the allow-list (HTTPS required except on loopback), and routes: plain
//! HTTP (the simulator, loopback test servers) through a pooled hyper client, HTTPS through
//! wasmtime-wasi-http's TLS sender.

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::Uri;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use wasmtime_wasi_http::{Error, RequestOptions, WasiBody, WasiHttpHooks};

/// Largest response body handed to the component.
pub const MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
const DEFAULT_FIRST_BYTE_TIMEOUT: Duration = Duration::from_secs(60);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// One allowed destination: a host and port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub host: String,
    pub port: u16,
}

impl Destination {
    /// The destination of an `http://` or `https://` URL.
    pub fn from_url(url: &str) -> anyhow::Result<Self> {
        let uri: Uri = url.parse()?;
        Self::from_uri(&uri).ok_or_else(|| anyhow::anyhow!("{url} has no host"))
    }

    fn from_uri(uri: &Uri) -> Option<Self> {
        let host = uri.host()?.trim_start_matches('[').trim_end_matches(']');
        let https = uri.scheme_str() == Some("https");
        let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
        Some(Self {
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    fn is_loopback(&self) -> bool {
        self.host == "localhost" || self.host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

/// Where the component may send requests. Shared by all calls of a process.
pub struct Policy {
    allowed: RwLock<Vec<Destination>>,
    /// The longest wait for a response's first byte, whatever the guest asks for.
    first_byte_timeout_ms: AtomicU64,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Policy {
    /// Allows `api.helpscout.net:443` and the given destinations.
    pub fn new(extra: impl IntoIterator<Item = Destination>) -> Arc<Self> {
        let mut allowed = vec![Destination {
            host: "api.helpscout.net".into(),
            port: 443,
        }];
        allowed.extend(extra);
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(CONNECT_TIMEOUT));
        connector.set_nodelay(true);
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(connector);
        Arc::new(Self {
            allowed: RwLock::new(allowed),
            first_byte_timeout_ms: AtomicU64::new(DEFAULT_FIRST_BYTE_TIMEOUT.as_millis() as u64),
            client,
        })
    }

    /// Bounds the wait for a response's first byte (the guest may ask for less, never more).
    pub fn set_first_byte_timeout(&self, timeout: Duration) {
        self.first_byte_timeout_ms
            .store(timeout.as_millis() as u64, Ordering::Relaxed);
    }

    fn first_byte_timeout(&self, options: Option<RequestOptions>) -> Duration {
        let host = Duration::from_millis(self.first_byte_timeout_ms.load(Ordering::Relaxed));
        options
            .and_then(|o| o.first_byte_timeout)
            .map_or(host, |guest| guest.min(host))
    }

    /// Adds a destination to the allow-list.
    pub fn allow(&self, destination: Destination) {
        let mut allowed = self.allowed.write().unwrap_or_else(|e| e.into_inner());
        if !allowed.contains(&destination) {
            allowed.push(destination);
        }
    }

    /// Whether a request to this URI may go out: listed, and HTTPS unless loopback.
    pub fn allows(&self, uri: &Uri) -> bool {
        let Some(dest) = Destination::from_uri(uri) else {
            return false;
        };
        let https = uri.scheme_str() == Some("https");
        let secure_enough = https || (uri.scheme_str() == Some("http") && dest.is_loopback());
        let allowed = self.allowed.read().unwrap_or_else(|e| e.into_inner());
        secure_enough && allowed.contains(&dest)
    }
}

/// The per-store hook object; cheap to clone.
#[derive(Clone)]
pub struct Hooks {
    pub policy: Arc<Policy>,
    /// Counts the requests the policy let through (the CLI's progress line reads it).
    pub sent: Arc<std::sync::atomic::AtomicU64>,
}

type ResponseFuture = Box<
    dyn Future<
            Output = Result<
                (
                    http::Response<WasiBody>,
                    Box<dyn Future<Output = Result<(), Error>> + Send>,
                ),
                Error,
            >,
        > + Send,
>;

impl WasiHttpHooks for Hooks {
    fn send_request(
        &mut self,
        request: http::Request<WasiBody>,
        options: Option<RequestOptions>,
        _io: Box<dyn Future<Output = Result<(), Error>> + Send>,
    ) -> ResponseFuture {
        let policy = self.policy.clone();
        let sent = self.sent.clone();
        Box::new(async move {
            let (parts, body) = request.into_parts();
            // Read the whole body first, so a refusal is never masked as a reset.
            let body = body.collect().await?.to_bytes();
            if !policy.allows(&parts.uri) {
                return Err(Error::HttpRequestDenied);
            }
            sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let request = http::Request::from_parts(parts, Full::new(body));
            let response = if request.uri().scheme_str() == Some("https") {
                let request = request.map(|b| b.map_err(|never| match never {}));
                let (response, _io) =
                    wasmtime_wasi_http::default_send_request(request, options).await?;
                response.map(|b| limit(b.boxed_unsync()))
            } else {
                send_plain(&policy.client, request, policy.first_byte_timeout(options)).await?
            };
            Ok((response, Box::new(async { Ok(()) }) as Box<_>))
        })
    }
}

async fn send_plain(
    client: &Client<HttpConnector, Full<Bytes>>,
    request: http::Request<Full<Bytes>>,
    first_byte: Duration,
) -> Result<http::Response<WasiBody>, Error> {
    let response = match tokio::time::timeout(first_byte, client.request(request)).await {
        Err(_) => return Err(Error::HttpResponseTimeout),
        Ok(Err(e)) if e.is_connect() => return Err(Error::ConnectionRefused),
        Ok(Err(_)) => return Err(Error::ConnectionTerminated),
        Ok(Ok(response)) => response,
    };
    Ok(response.map(|b| limit(b.map_err(Error::from).boxed_unsync())))
}

/// Caps a response body at `MAX_RESPONSE_BYTES`.
fn limit(body: WasiBody) -> WasiBody {
    Limited::new(body, MAX_RESPONSE_BYTES)
        .map_err(|e| match e.downcast::<Error>() {
            Ok(inner) => *inner,
            Err(_) => Error::HttpResponseBodySize(Some(MAX_RESPONSE_BYTES as u64)),
        })
        .boxed_unsync()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn allow_list_requires_listed_hosts_and_https_off_loopback() {
        let policy = Policy::new([
            Destination::from_url("http://127.0.0.1:8080").unwrap(),
            Destination::from_url("http://example.com").unwrap(),
        ]);
        let allowed = |u: &str| policy.allows(&u.parse().unwrap());
        assert!(allowed("http://127.0.0.1:8080/v2/mailboxes"));
        assert!(allowed("https://api.helpscout.net/v2/mailboxes"));
        assert!(!allowed("http://api.helpscout.net/v2/mailboxes"));
        assert!(!allowed("http://127.0.0.1:8081/v2/mailboxes"));
        assert!(!allowed("http://example.com/v2/x"));
        assert!(!allowed("https://evil.example/v2/x"));
    }
}
