//! Webhook delivery: one worker task per webhook drains its queue in order (never holding the state
//! lock while sending). Each job is POSTed with `Content-Type: application/json`,
//! `X-HelpScout-Event` and `X-HelpScout-Signature` = base64(HMAC-SHA1(secret, exact body)).
//! 2xx = delivered; `410 Gone` disables the webhook at once; anything else (or a connection
//! error / 5 s timeout) is retried with exponential backoff from 50 ms (cap 2 s), at most 10
//! attempts. The worker holds only a weak handle, so it ends with the simulator.

use std::time::Duration;

use axum::http::{Request, header};
use bytes::Bytes;
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::sync::mpsc;

use super::emit::is_deliverable;
use super::sign;
use crate::model::webhook::{Delivery, Job};
use crate::model::{Shared, WeakShared};

type HttpClient = Client<HttpConnector, Full<Bytes>>;

pub const MAX_ATTEMPTS: u32 = 10;
const FIRST_BACKOFF: Duration = Duration::from_millis(50);
const MAX_BACKOFF: Duration = Duration::from_secs(2);
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);

/// The wait after a failed attempt that waited `previous` before (doubling, capped at 2 s).
fn next_backoff(previous: Duration) -> Duration {
    (previous * 2).min(MAX_BACKOFF)
}

/// Spawns the delivery worker of webhook `id` on the current runtime; returns its queue.
pub fn spawn_worker(shared: &Shared, id: u64) -> mpsc::UnboundedSender<Job> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(run(shared.downgrade(), id, rx));
    tx
}

async fn run(weak: WeakShared, id: u64, mut rx: mpsc::UnboundedReceiver<Job>) {
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    while let Some(job) = rx.recv().await {
        let done = deliver(&weak, &client, id, &job).await;
        let Some(shared) = weak.upgrade() else { return };
        shared.lock().deliveries.push(done);
    }
}

/// The webhook's current `(url, secret)` if it still exists, is enabled and may be contacted.
fn target(weak: &WeakShared, id: u64) -> Option<(String, String)> {
    let shared = weak.upgrade()?;
    let st = shared.lock();
    let w = st.webhooks.iter().find(|w| w.id == id && w.enabled)?;
    is_deliverable(&w.url).then(|| (w.url.clone(), w.secret.clone()))
}

fn disable(weak: &WeakShared, id: u64) {
    if let Some(shared) = weak.upgrade()
        && let Some(w) = shared.lock().webhooks.iter_mut().find(|w| w.id == id)
    {
        w.enabled = false;
    }
}

async fn deliver(weak: &WeakShared, client: &HttpClient, id: u64, job: &Job) -> Delivery {
    let mut done = Delivery {
        webhook_id: id,
        event: job.event.clone(),
        url: job.url.clone(),
        attempts: 0,
        status: None,
        delivered: false,
    };
    let mut backoff = FIRST_BACKOFF;
    while done.attempts < MAX_ATTEMPTS {
        let Some((url, secret)) = target(weak, id) else {
            break;
        };
        done.url = url;
        done.attempts += 1;
        done.status = attempt(client, &done.url, &secret, job).await;
        match done.status {
            Some(s) if (200..300).contains(&s) => {
                done.delivered = true;
                break;
            }
            Some(410) => {
                disable(weak, id);
                break;
            }
            _ if done.attempts < MAX_ATTEMPTS => {
                tokio::time::sleep(backoff).await;
                backoff = next_backoff(backoff);
            }
            _ => {}
        }
    }
    done
}

/// One POST; the response status, or `None` on a connection error or timeout.
async fn attempt(client: &HttpClient, url: &str, secret: &str, job: &Job) -> Option<u16> {
    let req = Request::post(url)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::USER_AGENT, "HelpScout-Simulator-Webhooks/1.0")
        .header("X-HelpScout-Event", job.event.as_str())
        .header("X-HelpScout-Signature", sign(&job.body, secret))
        .body(Full::new(job.body.clone()))
        .ok()?;
    let resp = tokio::time::timeout(ATTEMPT_TIMEOUT, client.request(req))
        .await
        .ok()?
        .ok()?;
    Some(resp.status().as_u16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_schedule() {
        let mut waits = vec![FIRST_BACKOFF];
        while waits.len() < MAX_ATTEMPTS as usize - 1 {
            waits.push(next_backoff(waits[waits.len() - 1]));
        }
        let ms: Vec<u128> = waits.iter().map(Duration::as_millis).collect();
        assert_eq!(ms, [50, 100, 200, 400, 800, 1600, 2000, 2000, 2000]);
    }
}
