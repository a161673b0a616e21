//! `host-test listen`: a webhook receiver on 127.0.0.1. Each POST is verified through the
//! component; verified events are printed to stdout, one JSON document per line.

use crate::error_json;
use crate::output::emit_json;
use crate::runtime::Runtime;
use crate::webhooks::{event_json, status_for, verify};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use std::sync::{Arc, RwLock};
use tokio::sync::mpsc;

/// Largest delivery read (the component rejects bodies over 8 MiB itself).
const MAX_BODY: usize = 16 * 1024 * 1024;

/// A running receiver.
pub struct Listener {
    pub url: String,
    secrets: Arc<RwLock<Vec<String>>>,
    events: mpsc::UnboundedReceiver<serde_json::Value>,
    task: tokio::task::JoinHandle<()>,
}

impl Listener {
    /// Serves on `127.0.0.1:port` (0: any free port), verifying with `secrets` (newest first).
    pub async fn start(
        runtime: Arc<Runtime>,
        secrets: Vec<String>,
        port: u16,
    ) -> anyhow::Result<Self> {
        let (sender, events) = mpsc::unbounded_channel();
        let secrets = Arc::new(RwLock::new(secrets));
        let shared = secrets.clone();
        let handler = move |headers: HeaderMap, body: Bytes| {
            let (runtime, sender) = (runtime.clone(), sender.clone());
            let secrets = shared.read().map(|s| s.clone()).unwrap_or_default();
            async move { receive(&runtime, &secrets, &sender, &headers, &body).await }
        };
        let app = axum::Router::new()
            .fallback(axum::routing::post(handler))
            .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY));
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let url = format!("http://{}", listener.local_addr()?);
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            url,
            secrets,
            events,
            task,
        })
    }

    /// Verifies later deliveries with this secret (e.g. the one `subscribe-webhook` generated).
    pub fn set_secret(&self, secret: &str) {
        self.set_secrets(vec![secret.to_string()]);
    }

    /// Verifies later deliveries with these secrets, newest first (during a rotation).
    pub fn set_secrets(&self, secrets: Vec<String>) {
        if let Ok(mut current) = self.secrets.write() {
            *current = secrets;
        }
    }

    /// The next verified event (`{"event", "eventId", "trigger", "id", "data"}`), or `None` once
    /// stopped.
    pub async fn next_event(&mut self) -> Option<serde_json::Value> {
        self.events.recv().await
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn receive(
    runtime: &Runtime,
    secrets: &[String],
    sender: &mpsc::UnboundedSender<serde_json::Value>,
    headers: &HeaderMap,
    body: &[u8],
) -> (StatusCode, String) {
    let pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    match verify(runtime, body, &pairs, secrets).await {
        Ok(result) => {
            let status =
                StatusCode::from_u16(status_for(&result)).unwrap_or(StatusCode::BAD_REQUEST);
            match result {
                Ok(verified) => {
                    let _ = sender.send(event_json(&verified.event));
                    (status, String::new())
                }
                Err(error) => (status, error_json::to_json(&error).to_string()),
            }
        }
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("host error: {e:#}"),
        ),
    }
}

/// `host-test listen`: prints each verified event until interrupted or `max_events` arrived.
pub async fn run(
    runtime: Runtime,
    secrets: Vec<String>,
    port: u16,
    max_events: Option<usize>,
) -> anyhow::Result<()> {
    let mut listener = Listener::start(Arc::new(runtime), secrets, port).await?;
    eprintln!(
        "listening for Help Scout webhooks on {} (Ctrl-C to stop)",
        listener.url
    );
    let mut received = 0;
    loop {
        tokio::select! {
            event = listener.next_event() => match event {
                Some(event) => {
                    emit_json(&event);
                    received += 1;
                    if max_events.is_some_and(|max| received >= max) {
                        return Ok(());
                    }
                }
                None => return Ok(()),
            },
            _ = tokio::signal::ctrl_c() => return Ok(()),
        }
    }
}
