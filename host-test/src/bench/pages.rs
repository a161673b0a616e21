//! A constant-cost page server: Help Scout's HAL pages of `GET /v2/conversations`, rendered once
//! by the simulator and then served from memory on loopback (a lookup by `page`, nothing
//! filtered or sorted per request), plus a token endpoint for clients that mint one. What a sync
//! against it costs is the client's own work: the component, a native Rust client or a peer.
//! Optionally paced like Help Scout: a latency per page and a per-minute budget with its
//! `X-RateLimit-*` headers and 429 (Rate Limiting page), every answer logged.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;

/// Help Scout's pace: each page answered after `latency`; `per_minute` requests per fixed 60 s
/// window (from the window's first request), then 429 with `X-RateLimit-Retry-After`, the
/// seconds until the window ends (Rate Limiting: "sent once the limit is reached").
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    pub latency: Duration,
    pub per_minute: u32,
}

/// One answer of a paced server: when (since the server started) and its status.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    pub at: Duration,
    pub status: u16,
}

const WINDOW: Duration = Duration::from_secs(60);

struct Served {
    pages: Vec<Bytes>,
    pace: Option<Pace>,
    started: Instant,
    /// The current window's start and the requests it accepted.
    window: Mutex<(Instant, u32)>,
    answers: Mutex<Vec<Answer>>,
}

/// The server, until dropped.
pub struct PageServer {
    url: String,
    served: Arc<Served>,
    task: tokio::task::JoinHandle<()>,
}

impl PageServer {
    /// Serves `pages` (page 1 first; their text may name `rendered_at`, the base URL they were
    /// rendered under, which is rewritten to this server's).
    pub async fn start(pages: Vec<String>, rendered_at: &str) -> anyhow::Result<Self> {
        Self::start_paced(pages, rendered_at, None).await
    }

    /// The same, answering at `pace`.
    pub async fn start_paced(
        pages: Vec<String>,
        rendered_at: &str,
        pace: Option<Pace>,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let pages: Vec<Bytes> = pages
            .into_iter()
            .map(|p| Bytes::from(p.replace(rendered_at, &url)))
            .collect();
        let now = Instant::now();
        let served = Arc::new(Served {
            pages,
            pace,
            started: now,
            window: Mutex::new((now, 0)),
            answers: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/v2/conversations", get(page))
            .route("/v2/oauth2/token", post(token))
            .with_state(served.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(PageServer { url, served, task })
    }

    /// The answers to page requests so far, in order (logged when paced).
    pub fn answers(&self) -> Vec<Answer> {
        self.served
            .answers
            .lock()
            .map(|a| a.clone())
            .unwrap_or_default()
    }

    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for PageServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn page(
    State(served): State<Arc<Served>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let number: usize = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let body = number.checked_sub(1).and_then(|i| served.pages.get(i));
    let Some(pace) = served.pace else {
        return match body {
            Some(body) => hal(body.clone()),
            None => StatusCode::NOT_FOUND.into_response(),
        };
    };
    tokio::time::sleep(pace.latency).await;
    let admitted = {
        let mut window = served.window.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if now.duration_since(window.0) >= WINDOW {
            *window = (now, 0);
        }
        if window.1 < pace.per_minute {
            window.1 += 1;
            Ok(pace.per_minute - window.1)
        } else {
            Err(WINDOW.saturating_sub(now.duration_since(window.0)))
        }
    };
    let limit = pace.per_minute.to_string();
    let response = match (admitted, body) {
        (Ok(remaining), Some(body)) => {
            let mut r = hal(body.clone());
            let h = r.headers_mut();
            h.insert("x-ratelimit-limit-minute", pace.per_minute.into());
            h.insert("x-ratelimit-remaining-minute", remaining.into());
            r
        }
        (Ok(_), None) => StatusCode::NOT_FOUND.into_response(),
        (Err(wait), _) => (
            StatusCode::TOO_MANY_REQUESTS,
            [
                ("x-ratelimit-limit-minute", limit),
                ("x-ratelimit-remaining-minute", "0".to_string()),
                (
                    "x-ratelimit-retry-after",
                    wait.as_secs_f64().ceil().to_string(),
                ),
            ],
            r#"{"message":"API rate limit exceeded"}"#,
        )
            .into_response(),
    };
    if let Ok(mut answers) = served.answers.lock() {
        answers.push(Answer {
            at: served.started.elapsed(),
            status: response.status().as_u16(),
        });
    }
    response
}

fn hal(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/hal+json")], body).into_response()
}

async fn token() -> Response {
    let body = r#"{"token_type":"bearer","access_token":"bench-token","expires_in":172800}"#;
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}
