//! The only code that touches `wasi:http`: sends a `Request` through the host's
//! `wasi:http/outgoing-handler` and reads the whole response (bounded).

use super::request::{Method, Request, Response, Transport, TransportError};
use crate::bindings::wasi::http::outgoing_handler;
use crate::bindings::wasi::http::types::{
    ErrorCode, Fields, IncomingBody, Method as WasiMethod, OutgoingBody, OutgoingRequest,
    RequestOptions, Scheme,
};
use crate::bindings::wasi::io::streams::StreamError;

/// Largest response body the connector accepts (a page of conversations with threads is ~100 KB).
const MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
const WRITE_CHUNK: usize = 4096;
const READ_CHUNK: u64 = 64 * 1024;
const SECOND_NS: u64 = 1_000_000_000;

/// Transport over the host's `wasi:http/outgoing-handler`.
pub struct WasiTransport;

impl Transport for WasiTransport {
    fn send(&mut self, request: &Request) -> Result<Response, TransportError> {
        let outgoing = build_request(request)?;
        let body = outgoing
            .body()
            .map_err(|()| invalid("request body already taken"))?;
        let options = RequestOptions::new();
        // Best effort: a host that does not support a timeout keeps its own.
        let _ = options.set_connect_timeout(Some(10 * SECOND_NS));
        let _ = options.set_first_byte_timeout(Some(60 * SECOND_NS));
        let _ = options.set_between_bytes_timeout(Some(30 * SECOND_NS));
        let future = outgoing_handler::handle(outgoing, Some(options)).map_err(map_error_code)?;
        write_body(body, &request.body)?;
        future.subscribe().block();
        let incoming = match future.get() {
            Some(Ok(Ok(response))) => response,
            Some(Ok(Err(code))) => return Err(map_error_code(code)),
            Some(Err(())) | None => return Err(invalid("response future failed")),
        };
        let status = incoming.status();
        let headers = incoming
            .headers()
            .entries()
            .into_iter()
            .map(|(k, v)| (k, String::from_utf8_lossy(&v).into_owned()))
            .collect();
        let body = incoming
            .consume()
            .map_err(|()| invalid("response body already taken"))?;
        let body = read_body(body)?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }

    fn pause(&mut self, millis: u64) {
        pause_wasi(millis);
    }

    fn jitter(&mut self) -> f64 {
        jitter_wasi()
    }
}

/// Sleeps on `wasi:clocks/monotonic-clock` (the host decides how, without blocking others).
fn pause_wasi(millis: u64) {
    use crate::bindings::wasi::clocks::monotonic_clock;
    monotonic_clock::subscribe_duration(millis.saturating_mul(1_000_000)).block();
}

/// A jitter value from `wasi:random`.
fn jitter_wasi() -> f64 {
    let bits = crate::bindings::wasi::random::random::get_random_u64() >> 11;
    bits as f64 / (1u64 << 53) as f64
}

fn build_request(request: &Request) -> Result<OutgoingRequest, TransportError> {
    let entries: Vec<(String, Vec<u8>)> = request
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), v.as_bytes().to_vec()))
        .collect();
    let fields = Fields::from_list(&entries).map_err(|e| invalid(format!("header: {e}")))?;
    let outgoing = OutgoingRequest::new(fields);
    let url = &request.url;
    let scheme = match url.scheme() {
        "https" => Scheme::Https,
        "http" => Scheme::Http,
        other => Scheme::Other(other.to_string()),
    };
    let authority = match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        (None, _) => return Err(invalid("URL has no host")),
    };
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    };
    outgoing
        .set_method(&wasi_method(request.method))
        .map_err(|()| invalid("method"))?;
    outgoing
        .set_scheme(Some(&scheme))
        .map_err(|()| invalid("scheme"))?;
    outgoing
        .set_authority(Some(&authority))
        .map_err(|()| invalid("authority"))?;
    outgoing
        .set_path_with_query(Some(&path))
        .map_err(|()| invalid("path"))?;
    Ok(outgoing)
}

fn wasi_method(method: Method) -> WasiMethod {
    match method {
        Method::Get => WasiMethod::Get,
        Method::Post => WasiMethod::Post,
        Method::Put => WasiMethod::Put,
        Method::Patch => WasiMethod::Patch,
        Method::Delete => WasiMethod::Delete,
    }
}

fn write_body(body: OutgoingBody, bytes: &[u8]) -> Result<(), TransportError> {
    {
        let stream = body.write().map_err(|()| invalid("request body stream"))?;
        for chunk in bytes.chunks(WRITE_CHUNK) {
            stream
                .blocking_write_and_flush(chunk)
                .map_err(|e| TransportError::Interrupted(stream_error(e)))?;
        }
    }
    OutgoingBody::finish(body, None).map_err(map_error_code)
}

fn read_body(body: IncomingBody) -> Result<Vec<u8>, TransportError> {
    let mut bytes = Vec::new();
    {
        let stream = body
            .stream()
            .map_err(|()| invalid("response body stream"))?;
        loop {
            match stream.blocking_read(READ_CHUNK) {
                Ok(chunk) => {
                    if bytes.len() + chunk.len() > MAX_RESPONSE_BYTES {
                        return Err(invalid(format!(
                            "response body larger than {MAX_RESPONSE_BYTES} bytes"
                        )));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Err(StreamError::Closed) => break,
                Err(e) => return Err(TransportError::Interrupted(stream_error(e))),
            }
        }
    }
    let _trailers = IncomingBody::finish(body);
    Ok(bytes)
}

fn stream_error(error: StreamError) -> String {
    match error {
        StreamError::Closed => "stream closed".into(),
        StreamError::LastOperationFailed(e) => e.to_debug_string(),
    }
}

fn invalid(message: impl Into<String>) -> TransportError {
    TransportError::Invalid(message.into())
}

fn map_error_code(code: ErrorCode) -> TransportError {
    match code {
        ErrorCode::HttpRequestDenied => {
            TransportError::Denied("the host refused the request: the server is not on its allow-list, or plain HTTP was used off loopback".into())
        }
        ErrorCode::DnsTimeout
        | ErrorCode::DnsError(_)
        | ErrorCode::DestinationNotFound
        | ErrorCode::DestinationUnavailable
        | ErrorCode::DestinationIpProhibited
        | ErrorCode::DestinationIpUnroutable
        | ErrorCode::ConnectionRefused
        | ErrorCode::ConnectionTimeout
        | ErrorCode::TlsProtocolError
        | ErrorCode::TlsCertificateError
        | ErrorCode::TlsAlertReceived(_) => TransportError::NotSent(code_name(&code)),
        ErrorCode::HttpRequestUriInvalid
        | ErrorCode::HttpRequestMethodInvalid
        | ErrorCode::HttpProtocolError => TransportError::Invalid(code_name(&code)),
        other => TransportError::Interrupted(code_name(&other)),
    }
}

/// A short name for an error code, without payload details that could echo request data.
fn code_name(code: &ErrorCode) -> String {
    let full = format!("{code:?}");
    full.split(['(', ' ', '{'])
        .next()
        .unwrap_or("error")
        .to_string()
}
