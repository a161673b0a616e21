//! The accept loop (in place of `axum::serve`): one HTTP/1.1 hyper connection task per client,
//! each serving the [`FaultService`] so injected faults can act below axum (drop a connection
//! without an answer, cut a body short). On stop the listener closes at once and open
//! connections finish their current exchange (graceful shutdown); dropping the returned future
//! aborts every connection task.

use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch};
use tokio::task::JoinSet;

use super::FaultService;

/// Pause after a failed `accept` (e.g. out of file descriptors) so the loop does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(20);

/// Serves until `stop` fires (or its sender is dropped), then waits for open connections.
pub async fn run(listener: TcpListener, service: FaultService, stop: oneshot::Receiver<()>) {
    let (closing, closing_rx) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                };
                let service = service.clone();
                let mut closing = closing_rx.clone();
                connections.spawn(async move {
                    // `Date` comes from the service (the simulator's clock), not from hyper.
                    let conn = http1::Builder::new()
                        .auto_date_header(false)
                        .serve_connection(TokioIo::new(stream), service);
                    tokio::pin!(conn);
                    tokio::select! {
                        // Errors (including injected resets) just end the connection.
                        _ = conn.as_mut() => return,
                        _ = closing.changed() => conn.as_mut().graceful_shutdown(),
                    }
                    let _ = conn.await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let _ = closing.send(true);
    while connections.join_next().await.is_some() {}
}
