//! Embedded, stateful Help Scout Mailbox API 2.0 simulator: a real axum HTTP server on
//! 127.0.0.1 serving recorded Help Scout shapes over seeded demo data.
//!
//! Design decisions: every simulator owns its state (`state::State` behind `Arc<Mutex<..>>`, no
//! globals) so tests can run many at once; records are typed and rendered to JSON on the way
//! out (`render*.rs`); one intake layer logs every request before routing, one guard layer does
//! auth, rate limiting and common headers for the `/v2` API; lists share one HAL pager
//! (`hal.rs`); searches go through a small parser (`query.rs`) and evaluator (`query_eval.rs`).
//! Writes read JSON through a path-aware validator (`body.rs`); state changes emit webhook events
//! (`webhook_emit.rs`) that per-webhook workers deliver to loopback receivers
//! (`webhook_deliver.rs`). Below axum, a hyper accept loop (`serve.rs`) serves the router through
//! a fault-injection service (`fault_service.rs`) driven by [`Simulator::inject`]; conversation
//! status changes leave `lineitem` threads (`status_change.rs`).

mod auth;
mod body;
mod body_obj;
mod customer_input;
mod errors;
mod fault;
mod fault_service;
mod fault_spec;
mod fields;
mod hal;
mod middleware;
mod model_customer;
mod params;
mod query;
mod query_eval;
mod ratelimit;
mod render;
mod render_conversation;
mod routes;
mod seed;
mod seed_conversations;
mod seed_customers;
#[cfg(test)]
mod seed_tests;
mod serve;
mod shared;
mod state;
mod status_change;
mod thread_input;
mod time;
mod tokens;
mod webhook_deliver;
mod webhook_emit;
mod webhook_model;

#[cfg(test)]
mod e2e_tests;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use self::fault::{Fault, FaultKind};
use self::fault_service::FaultService;
use self::state::Shared;
pub use self::webhook_model::Delivery;

/// Demo credentials accepted by the simulator.
pub mod credentials {
    pub const CLIENT_ID: &str = "demo-client-id";
    pub const CLIENT_SECRET: &str = "demo-client-secret";
    /// Pre-issued, valid bearer token.
    pub const ACCESS_TOKEN: &str = "demo-access-token";
    /// Valid once for the `authorization_code` grant.
    pub const AUTH_CODE: &str = "demo-auth-code";
    /// Valid initial refresh token (rotated on use).
    pub const REFRESH_TOKEN: &str = "demo-refresh-token";
}

#[derive(Clone, Debug)]
pub struct SimulatorOptions {
    /// `0` = any free port.
    pub port: u16,
    /// Budget per fixed 60-second window (GET costs 1, writes 2).
    pub rate_limit_per_minute: u32,
    /// Seeded conversations (default 150: ids 5000001…, numbers 1001…). More (e.g. 10,000 or
    /// 50,000 for a sync benchmark) keeps those 150 and adds lighter ones (1–2 threads) after
    /// them, spread over the same mailboxes and customers with distinct `createdAt` instants.
    pub conversations: usize,
}

impl Default for SimulatorOptions {
    fn default() -> Self {
        SimulatorOptions {
            port: 0,
            rate_limit_per_minute: 2000,
            conversations: seed_conversations::CONVERSATION_COUNT,
        }
    }
}

/// One request as the simulator received it.
#[derive(Clone, Debug)]
pub struct LoggedRequest {
    pub method: String,
    pub path_and_query: String,
    /// Whether it carried a valid bearer token.
    pub authorized: bool,
    /// The injected fault that affected it (text form of the kind, e.g. `503`, `reset-after`,
    /// `delay=1500`), if any.
    pub fault: Option<String>,
    /// The JSON body, when it had one of at most 64 KiB (what the client sent, for tests).
    pub body: Option<serde_json::Value>,
}

/// A running simulator; dropping it stops the server.
pub struct Simulator {
    url: String,
    shared: Shared,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Simulator {
    /// Binds `127.0.0.1:port` and serves on the current tokio runtime.
    pub async fn start(options: SimulatorOptions) -> anyhow::Result<Simulator> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", options.port))
            .await
            .with_context(|| format!("binding 127.0.0.1:{}", options.port))?;
        let addr = listener.local_addr().context("reading the bound address")?;
        let url = format!("http://127.0.0.1:{}", addr.port());
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let nonce = nanos ^ (u64::from(addr.port()) << 48);
        let shared = Shared::new(
            &url,
            seed::build(nonce, options.rate_limit_per_minute, options.conversations),
        );
        let service = FaultService::new(routes::app(shared.clone()), shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve::run(listener, service, stopped));
        Ok(Simulator {
            url,
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.lock().log.clone()
    }

    /// Every finished webhook delivery so far (delivered, given up, refused with 410 or skipped
    /// because the URL is not a loopback `http` URL), in completion order.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.shared.lock().deliveries.done.clone()
    }

    /// Waits until at least `count` deliveries have finished or `timeout` passed; returns them all.
    pub async fn wait_for_deliveries(&self, count: usize, timeout: Duration) -> Vec<Delivery> {
        let mut finished = self.shared.lock().deliveries.subscribe();
        let _ = tokio::time::timeout(timeout, finished.wait_for(|n| *n >= count)).await;
        self.deliveries()
    }

    /// Adds a fault; faults are matched in order of injection (see [`Fault`]).
    pub fn inject(&self, fault: Fault) {
        self.shared.lock().faults.inject(fault);
    }

    /// Removes every injected fault (and their counts).
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// Test support: stamps a customer's `createdAt` and `updatedAt` (Unix seconds), so tests of
    /// polling can arrange creations and modifications at distinct instants without waiting.
    /// Help Scout offers no such thing.
    pub fn set_customer_times(&self, id: u64, created_at: i64, updated_at: i64) -> bool {
        let mut st = self.shared.lock();
        match st.customers.get_mut(&id) {
            Some(c) => {
                (c.created_at, c.updated_at) = (created_at, updated_at);
                true
            }
            None => false,
        }
    }

    /// Makes `token` invalid: later requests with it get 401.
    pub fn expire_access_token(&self, token: &str) {
        self.shared.lock().tokens.expire(token);
    }

    /// Graceful stop: open connections get up to 5 s to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
