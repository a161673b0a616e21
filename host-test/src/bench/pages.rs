//! A constant-cost page server: Help Scout's HAL pages of `GET /v2/conversations`, rendered once
//! by the simulator and then served from memory on loopback (a lookup by `page`, nothing
//! filtered or sorted per request), plus a token endpoint for clients that mint one. What a sync
//! against it costs is the client's own work: the component, a native Rust client or a peer.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::net::TcpListener;

/// The server, until dropped.
pub struct PageServer {
    url: String,
    task: tokio::task::JoinHandle<()>,
}

impl PageServer {
    /// Serves `pages` (page 1 first; their text may name `rendered_at`, the base URL they were
    /// rendered under, which is rewritten to this server's).
    pub async fn start(pages: Vec<String>, rendered_at: &str) -> anyhow::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let pages: Vec<Bytes> = pages
            .into_iter()
            .map(|p| Bytes::from(p.replace(rendered_at, &url)))
            .collect();
        let app = Router::new()
            .route("/v2/conversations", get(page))
            .route("/v2/oauth2/token", post(token))
            .with_state(Arc::new(pages));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(PageServer { url, task })
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
    State(pages): State<Arc<Vec<Bytes>>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let number: usize = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    match number.checked_sub(1).and_then(|i| pages.get(i)) {
        Some(body) => (
            [(header::CONTENT_TYPE, "application/hal+json")],
            body.clone(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn token() -> Response {
    let body = r#"{"token_type":"bearer","access_token":"bench-token","expires_in":172800}"#;
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}
