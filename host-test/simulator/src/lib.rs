//! A stateful Help Scout Mailbox API 2.0 simulator: a real axum HTTP server on 127.0.0.1 serving
//! Help Scout's recorded shapes over seeded demo data, for testing clients of the API (the
//! connector's test host embeds it) without touching api.helpscout.net.
//!
//! Design decisions: every simulator owns its state (`model::State` behind `Arc<Mutex<..>>`, no
//! globals) so tests can run many at once; records are typed (`model/`) and rendered to JSON on
//! the way out (`render/`); one intake layer logs every request before routing, one guard layer
//! does auth, rate limiting and common headers for the `/v2` API (`routes/middleware.rs`); the
//! handlers (`routes/`) share one skeleton per kind of endpoint and lists one HAL pager
//! (`render/hal.rs`); searches go through a small parser and evaluator (`search/`). Writes read
//! JSON through a path-aware validator (`input/`) that reports every problem in one 400; state
//! changes emit webhook events that per-webhook workers deliver, signed, to loopback receivers
//! (`webhooks/`). Below axum, a hyper accept loop serves the router through a fault-injection
//! service driven by [`Simulator::inject`] (`faults/`), which also stamps every answer's `Date`;
//! status and assignee changes and workflow runs leave `lineitem` threads
//! (`model/lineitem.rs`). What the API cannot do — merging conversations, customers' ratings,
//! stamping times — tests do through test-support methods ([`Simulator::merge`],
//! [`Simulator::rate`], [`Simulator::set_customer_times`]). Rules cite the Help Scout pages they
//! follow, or say "Recorded traffic" or "Invented". Deterministic seeds (`seed/`) serve the same
//! data on every run.

mod faults;
mod input;
mod model;
mod render;
mod routes;
pub mod search;
mod seed;
pub mod time;
mod webhooks;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use self::faults::FaultService;
pub use self::faults::{Fault, FaultKind};
use self::model::Shared;
pub use self::model::webhook::{Delivery, EVENTS as WEBHOOK_EVENTS};
pub use self::webhooks::sign;

pub mod credentials {
    //! Demo credentials the simulator accepts.

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
            conversations: seed::CONVERSATION_COUNT,
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
        let task = tokio::spawn(faults::run(listener, service, stopped));
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

    /// Test support: how many conversations exist, read without a request (so without touching
    /// the request log, the rate limit or injected faults).
    pub fn conversation_count(&self) -> usize {
        self.shared.lock().conversations.len()
    }

    /// Test support: conversation `id`'s internal "last modified" instant (Unix seconds), the one
    /// `modifiedSince` and `sortField=modifiedAt` use; the v2 object has no such field.
    pub fn conversation_modified_at(&self, id: u64) -> Option<i64> {
        self.shared
            .lock()
            .conversations
            .get(&id)
            .map(|c| c.modified_at)
    }

    /// Test support: merges conversation `from` into `into`, as an agent does in the Help Scout
    /// app (the API has no merge endpoint). `from`'s threads move into `into` (ids and times
    /// kept), `into` is modified now and emits `convo.merged`; `from` leaves every list and
    /// search, `GET /v2/conversations/{from}` answers 301 with `Location` on `into`, and every
    /// write to `from` answers 404. `false` when either is unknown or they are the same.
    pub fn merge(&self, from: u64, into: u64) -> bool {
        let mut st = self.shared.lock();
        if !st.merge(from, into, time::now()) {
            return false;
        }
        st.emit_conversation(&self.shared.base, "convo.merged", into);
        true
    }

    /// Test support: the customer of reply `thread` of `conversation` rates it, as Help Scout's
    /// customers do from the e-mail (the API cannot): `rating` is `great`, `okay`, `not_good`
    /// or `unknown`. Emits `satisfaction.ratings` with the rating as `GET /v2/ratings/{id}`
    /// renders it; returns the rating's id. Rating a reply again changes its rating. `None`
    /// when the thread is not a published agent reply of that conversation or the rating is
    /// unknown.
    pub fn rate(
        &self,
        conversation: u64,
        thread: u64,
        rating: &str,
        comments: &str,
    ) -> Option<u64> {
        let mut st = self.shared.lock();
        let id = st.rate(conversation, thread, rating, comments, time::now())?;
        let base = &self.shared.base;
        let body = st.rating(id).map(|r| render::rating(&st, base, r));
        let mailbox = st.rating(id).map(|r| r.mailbox_id);
        if let Some(body) = body {
            let resource = format!("{base}/v2/ratings/{id}");
            st.emit_body("satisfaction.ratings", mailbox, &resource, body);
        }
        Some(id)
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
