//! Webhook subscriptions (`/v2/webhooks`), the jobs queued for their delivery workers and the
//! public log of finished deliveries (delivered, given up or skipped).

use bytes::Bytes;
use tokio::sync::{mpsc, watch};

/// Event names Create and Update Webhook accept: the 25 of
/// <https://developer.helpscout.com/mailbox-api/endpoints/webhooks/create/> (not
/// `convo.ai-answers.created`, which the webhooks page lists but registration does not).
pub const EVENTS: [&str; 25] = [
    "beacon.chat.created",
    "beacon.chat.customer.replied",
    "convo.agent.reply.created",
    "convo.assigned",
    "convo.created",
    "convo.custom-fields",
    "convo.customer.reply.created",
    "convo.deleted",
    "convo.merged",
    "convo.moved",
    "convo.note.created",
    "convo.status",
    "convo.tags",
    "customer.created",
    "customer.deleted",
    "customer.updated",
    "message.survey.response.received",
    "organization.created",
    "organization.deleted",
    "organization.updated",
    "satisfaction.ratings",
    "tag.created",
    "tag.deleted",
    "tag.updated",
    "user.status.changed",
];

pub struct Webhook {
    pub id: u64,
    pub url: String,
    /// Never rendered.
    pub secret: String,
    pub events: Vec<String>,
    pub notification: bool,
    /// `V2` or `V3` (bodies are the same: the simulator has no system users for V3 to keep).
    pub payload_version: &'static str,
    /// Empty = no label.
    pub label: String,
    /// Scope of `convo.*` events; empty = every mailbox.
    pub mailbox_ids: Vec<u64>,
    pub enabled: bool,
    /// Feeds this webhook's delivery worker (deliveries are sequential per webhook).
    pub queue: mpsc::UnboundedSender<Job>,
}

impl Webhook {
    /// Whether this webhook wants `event` about a record of `mailbox`.
    pub fn wants(&self, event: &str, mailbox: Option<u64>) -> bool {
        self.enabled
            && self.events.iter().any(|e| e == event)
            && match mailbox {
                Some(m) if !self.mailbox_ids.is_empty() => self.mailbox_ids.contains(&m),
                _ => true,
            }
    }
}

/// One event body waiting for delivery to one webhook.
pub struct Job {
    pub event: String,
    /// The webhook's URL when the event happened.
    pub url: String,
    /// The exact bytes to send (serialised once per event).
    pub body: Bytes,
}

/// A finished delivery: delivered, given up, refused with 410 or skipped (non-loopback URL).
#[derive(Clone, Debug)]
pub struct Delivery {
    pub webhook_id: u64,
    pub event: String,
    pub url: String,
    /// HTTP attempts made (`0` when skipped).
    pub attempts: u32,
    /// Status of the last attempt (`None` when skipped or the connection failed).
    pub status: Option<u16>,
    pub delivered: bool,
}

/// Finished deliveries plus a counter waiters can watch.
pub struct DeliveryLog {
    pub done: Vec<Delivery>,
    finished: watch::Sender<usize>,
}

impl Default for DeliveryLog {
    fn default() -> Self {
        DeliveryLog {
            done: Vec::new(),
            finished: watch::channel(0).0,
        }
    }
}

impl DeliveryLog {
    pub fn push(&mut self, d: Delivery) {
        self.done.push(d);
        self.finished.send_replace(self.done.len());
    }

    /// A receiver of the finished-delivery count.
    pub fn subscribe(&self) -> watch::Receiver<usize> {
        self.finished.subscribe()
    }
}
