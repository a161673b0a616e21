//! [`FaultService`]: the hyper service in front of the axum `Router`. It consults the state's
//! fault table for every request and produces the effect: canned answers (429, 5xx, invalid
//! JSON) without processing, connection resets (the service fails, so hyper closes the
//! connection without writing anything) before or after processing, delays, truncated bodies
//! and token expiry. Requests without a fault go straight to the router. Every answer, faulted
//! or not, gets its `Date` header here from the simulator's clock ([`time::now`]; hyper's own
//! is switched off in `serve.rs`). Recorded traffic: every Help Scout response carries one.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::service::TowerToHyperService;
use tokio::time::Sleep;

use super::FaultKind;
use crate::model::Shared;
use crate::render::errors::ApiError;
use crate::render::hal::HAL_JSON;
use crate::routes::auth::bearer;
use crate::routes::middleware::{Faulted, correlation, rate_limited, record, stamp_common};
use crate::time;

/// The service error that makes hyper drop the connection without an answer.
#[derive(Debug)]
pub struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

/// How long a truncated body waits (so the partial bytes get flushed) before the connection
/// is closed.
const TRUNCATE_PAUSE: Duration = Duration::from_millis(50);

/// The body of an `invalid-json` answer: a mislabelled HTML maintenance page.
const NOT_JSON: &str =
    "<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>";

#[derive(Clone)]
pub struct FaultService {
    router: TowerToHyperService<Router>,
    shared: Shared,
}

impl FaultService {
    pub fn new(router: Router, shared: Shared) -> Self {
        FaultService {
            router: TowerToHyperService::new(router),
            shared,
        }
    }

    async fn forward(&self, req: Request<Incoming>) -> Response {
        self.process(req.map(Body::new)).await
    }

    async fn process(&self, req: Request<Body>) -> Response {
        match hyper::service::Service::call(&self.router, req).await {
            Ok(resp) => resp,
            Err(never) => match never {},
        }
    }

    /// A canned answer built under the lock; the request is logged, not processed.
    async fn canned(&self, req: Request<Incoming>, kind: &FaultKind) -> Response {
        let (parts, body) = req.into_parts();
        // Read the request body so the client is not cut off while still sending it.
        let _ = body.collect().await;
        let mut st = self.shared.lock();
        record(
            &mut st,
            &parts.method,
            &parts.uri,
            &parts.headers,
            Some(kind.to_string()),
        );
        let correlation = correlation(&mut st);
        let mut resp = match *kind {
            FaultKind::RateLimit { retry_after } => {
                let limit = st.limiter.limit();
                return rate_limited(&correlation, limit, 0, u64::from(retry_after));
            }
            FaultKind::Status(code) => status_error(code),
            _ => {
                let mut resp = (StatusCode::OK, NOT_JSON).into_response();
                let ct = HeaderValue::from_static(HAL_JSON);
                resp.headers_mut().insert(header::CONTENT_TYPE, ct);
                resp
            }
        };
        stamp_common(&mut resp, &correlation);
        resp
    }

    /// [`Self::answer`] with the `Date` header stamped at the moment the answer is ready.
    async fn handle(self, req: Request<Incoming>) -> Result<Response, Dropped> {
        let mut resp = self.answer(req).await?;
        if let Ok(date) = HeaderValue::try_from(time::http_date(time::now())) {
            resp.headers_mut().insert(header::DATE, date);
        }
        Ok(resp)
    }

    async fn answer(self, mut req: Request<Incoming>) -> Result<Response, Dropped> {
        let kind = {
            let mut st = self.shared.lock();
            let kind = st.faults.take(req.method().as_str(), req.uri().path());
            if let (Some(FaultKind::ExpireToken), Some(token)) = (&kind, bearer(req.headers())) {
                st.tokens.expire(token);
            }
            kind
        };
        let Some(kind) = kind else {
            return Ok(self.forward(req).await);
        };
        match kind {
            FaultKind::Reset => {
                let mut st = self.shared.lock();
                let name = Some(kind.to_string());
                record(&mut st, req.method(), req.uri(), req.headers(), name);
                return Err(Dropped);
            }
            FaultKind::RateLimit { .. } | FaultKind::Status(_) | FaultKind::InvalidJson => {
                return Ok(self.canned(req, &kind).await);
            }
            _ => {}
        }
        req.extensions_mut().insert(Faulted(kind.to_string()));
        if let FaultKind::Delay(d) = kind {
            return self.delayed(req, d).await;
        }
        if let FaultKind::StatusAfterProcessing(code) = kind {
            let resp = self.forward(req).await;
            let _ = resp.into_body().collect().await;
            return Ok(self.after_processing(code));
        }
        let resp = self.forward(req).await;
        match kind {
            FaultKind::ResetAfterProcessing => {
                let _ = resp.into_body().collect().await;
                Err(Dropped)
            }
            FaultKind::TruncatedBody => truncate(resp).await,
            _ => Ok(resp),
        }
    }

    /// The error answer of a write that was applied anyway (`applied=CODE`).
    fn after_processing(&self, code: u16) -> Response {
        let mut resp = status_error(code);
        let correlation = correlation(&mut self.shared.lock());
        stamp_common(&mut resp, &correlation);
        resp
    }

    /// Reads the request now, then processes it after `delay` in a task of its own: a client
    /// that gives up meanwhile does not cancel it (the write still happens, like on a slow
    /// server).
    async fn delayed(&self, req: Request<Incoming>, delay: Duration) -> Result<Response, Dropped> {
        let (parts, body) = req.into_parts();
        let bytes = body.collect().await.map_err(|_| Dropped)?.to_bytes();
        let req = Request::from_parts(parts, Body::from(bytes));
        let this = self.clone();
        let job = tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            this.process(req).await
        });
        job.await.map_err(|_| Dropped)
    }
}

impl hyper::service::Service<Request<Incoming>> for FaultService {
    type Response = Response;
    type Error = Dropped;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Dropped>> + Send>>;

    fn call(&self, req: Request<Incoming>) -> Self::Future {
        Box::pin(self.clone().handle(req))
    }
}

/// A `vnd.error` answer with status `code` (500 for an impossible code).
fn status_error(code: u16) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let message = match status {
        StatusCode::INTERNAL_SERVER_ERROR => "Internal error",
        s => s.canonical_reason().unwrap_or("Error"),
    };
    ApiError::new(status, message).into_response()
}

/// The real status and headers, `Content-Length` of the whole body, half of the body, then a
/// closed connection. Answers without a body (201/204) are dropped whole instead.
async fn truncate(resp: Response) -> Result<Response, Dropped> {
    let (mut parts, body) = resp.into_parts();
    let full = body.collect().await.map_err(|_| Dropped)?.to_bytes();
    if full.is_empty() {
        return Err(Dropped);
    }
    let declared = full.len() as u64;
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(declared));
    let cut = Truncated {
        data: Some(full.slice(..full.len() / 2)),
        declared,
        pause: None,
    };
    Ok(Response::from_parts(parts, Body::new(cut)))
}

/// A body that announces `declared` bytes, yields `data` (fewer), waits, then fails.
struct Truncated {
    data: Option<Bytes>,
    declared: u64,
    pause: Option<Pin<Box<Sleep>>>,
}

impl hyper::body::Body for Truncated {
    type Data = Bytes;
    type Error = Dropped;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Dropped>>> {
        let this = self.get_mut();
        if let Some(data) = this.data.take() {
            return Poll::Ready(Some(Ok(Frame::data(data))));
        }
        let pause = this
            .pause
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(TRUNCATE_PAUSE)));
        ready!(pause.as_mut().poll(cx));
        Poll::Ready(Some(Err(Dropped)))
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.declared)
    }
}
