//! The two ways a platform consumes the triggers, as the soak runs them: polls by name with the
//! cursor each returned (random `limit` and `scanLimit`, so scans are cut small), and signed
//! webhook deliveries received on loopback and verified through the component, fed back in a
//! shuffled order with redeliveries mixed in. Both keep every event they got.

use super::model::{Change, assignee_detail};
use super::rng::Rng;
use crate::bindings::{Connection, triggers};
use crate::runtime::Runtime;
use axum::body::Bytes;
use axum::http::HeaderMap;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};

/// What a trigger's event says about its change: the object and, for a status change, the new
/// status (a webhook body and a polled event both carry it as `status`).
pub fn change_of(trigger: &'static str, id: Option<u64>, data: &Value) -> Change {
    let detail = match trigger {
        "conversation-status-changed" => data["status"].as_str().unwrap_or("").to_string(),
        // A poll names the change (`assignment.to`); a delivery carries the conversation.
        "conversation-assigned" => match data.get("assignment") {
            Some(change) => assignee_detail(change["to"].as_u64()),
            None => assignee_detail(data["assignee"]["id"].as_u64()),
        },
        _ => String::new(),
    };
    Change {
        trigger,
        object: id.unwrap_or(0),
        detail,
    }
}

/// A polling consumer of every trigger.
pub struct Poller {
    cursors: BTreeMap<&'static str, Value>,
    /// eventId → the change, for every event reported.
    pub events: BTreeMap<String, Change>,
    /// Events reported again (an eventId seen before).
    pub repeated: usize,
    pub polls: usize,
}

impl Poller {
    /// First polls of `triggers` (they start at Help Scout's time).
    pub async fn start(
        runtime: &Runtime,
        conn: &Connection,
        triggers: impl IntoIterator<Item = &'static str>,
    ) -> anyhow::Result<Self> {
        let mut poller = Poller {
            cursors: BTreeMap::new(),
            events: BTreeMap::new(),
            repeated: 0,
            polls: 0,
        };
        for trigger in triggers {
            let out = call(runtime, conn, trigger, &json!({})).await?;
            poller.cursors.insert(trigger, out["cursor"].clone());
            poller.polls += 1;
        }
        Ok(poller)
    }

    /// One poll of `trigger` with a random limit and scan bound; whether it reported anything
    /// or left a pass unfinished.
    pub async fn poll(
        &mut self,
        runtime: &Runtime,
        conn: &Connection,
        trigger: &'static str,
        rng: &mut Rng,
    ) -> anyhow::Result<bool> {
        let mut input =
            json!({"cursor": self.cursors.get(trigger).cloned().unwrap_or(Value::Null)});
        if rng.chance(50) {
            input["limit"] = json!(1 + rng.below(10));
        }
        if rng.chance(50) {
            input["scanLimit"] = json!(1 + rng.below(30));
        }
        let out = call(runtime, conn, trigger, &input).await?;
        self.polls += 1;
        let events = out["events"].as_array().cloned().unwrap_or_default();
        for event in &events {
            let id = event["eventId"].as_str().unwrap_or("").to_string();
            let change = change_of(trigger, event["id"].as_u64(), &event["data"]);
            if self.events.insert(id, change).is_some() {
                self.repeated += 1;
            }
        }
        let busy = !events.is_empty() || out["cursor"].get("pass").is_some();
        self.cursors.insert(trigger, out["cursor"].clone());
        Ok(busy)
    }
}

/// Runs a trigger's poll; a poll must never fail (faults are waited out or retried inside).
async fn call(
    runtime: &Runtime,
    conn: &Connection,
    trigger: &str,
    input: &Value,
) -> anyhow::Result<Value> {
    match runtime.invoke(conn, trigger, &input.to_string()).await? {
        Ok(out) => Ok(serde_json::from_str(&out.output_json)?),
        Err(e) => anyhow::bail!(
            "poll of {trigger} failed: {}",
            crate::error_json::failure(&e)
        ),
    }
}

/// One delivery as received.
#[derive(Clone)]
struct Delivery {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Delivery {
    /// What tells one delivery from another: its event and its body (one state of a
    /// conversation can be the body of two events).
    fn key(&self) -> (String, Vec<u8>) {
        let event = self
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("x-helpscout-event"))
            .map_or(String::new(), |(_, v)| v.clone());
        (event, self.body.clone())
    }
}

/// A webhook receiver on loopback that keeps every delivery, then verifies them through the
/// component.
pub struct WebhookSink {
    pub url: String,
    received: Arc<Mutex<Vec<Delivery>>>,
    /// Deliveries verified so far (of those received).
    verified: usize,
    /// eventId → the change, for every verified delivery that fires a trigger.
    pub events: BTreeMap<String, Change>,
    /// Deliveries fed to the component a second time, and how many of those kept their id.
    pub redelivered: usize,
    pub redelivered_same_id: usize,
    /// Distinct deliveries verified, and deliveries refused.
    pub deliveries: usize,
    pub refused: usize,
    /// Every delivery Help Scout sent, as its event and body.
    bodies: HashSet<(String, Vec<u8>)>,
    /// Per trigger, deliveries of a new change whose event and body were byte for byte those of
    /// an earlier one (a tag added, taken off and added again within a second): Help Scout's
    /// deliveries carry no id, so no receiver can tell them from a redelivery.
    pub twins: BTreeMap<&'static str, usize>,
    task: tokio::task::JoinHandle<()>,
}

impl WebhookSink {
    pub async fn start() -> anyhow::Result<Self> {
        let received: Arc<Mutex<Vec<Delivery>>> = Arc::default();
        let keep = received.clone();
        let handler = move |headers: HeaderMap, body: Bytes| {
            let keep = keep.clone();
            async move {
                let headers = headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
                    .collect();
                if let Ok(mut list) = keep.lock() {
                    list.push(Delivery {
                        headers,
                        body: body.to_vec(),
                    });
                }
                "ok"
            }
        };
        let app = axum::Router::new().fallback(axum::routing::post(handler));
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let url = format!("http://{}/soak/helpscout", listener.local_addr()?);
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(WebhookSink {
            url,
            received,
            verified: 0,
            events: BTreeMap::new(),
            redelivered: 0,
            redelivered_same_id: 0,
            deliveries: 0,
            refused: 0,
            bodies: HashSet::new(),
            twins: BTreeMap::new(),
            task,
        })
    }

    /// Verifies the deliveries received since the last flush, shuffled, some of them twice,
    /// with the secrets stored for the URL (newest first).
    pub async fn flush(
        &mut self,
        runtime: &Runtime,
        secrets: &[String],
        rng: &mut Rng,
    ) -> anyhow::Result<()> {
        let fresh: Vec<Delivery> = match self.received.lock() {
            Ok(list) => list[self.verified..].to_vec(),
            Err(_) => Vec::new(),
        };
        self.verified += fresh.len();
        let mut batch: Vec<(Delivery, bool)> = Vec::new();
        let mut repeated_bytes = Vec::new();
        for delivery in &fresh {
            if self.bodies.insert(delivery.key()) {
                batch.push((delivery.clone(), false));
            } else {
                repeated_bytes.push(delivery);
            }
        }
        for delivery in &fresh {
            if rng.chance(15) {
                batch.push((delivery.clone(), true));
            }
        }
        rng.shuffle(&mut batch);
        let mut first_ids: BTreeMap<(String, Vec<u8>), String> = BTreeMap::new();
        let mut again: Vec<(Delivery, bool)> = Vec::new();
        for (delivery, repeat) in batch {
            if repeat && !first_ids.contains_key(&delivery.key()) {
                again.push((delivery, repeat));
                continue;
            }
            self.verify_one(runtime, secrets, delivery, repeat, &mut first_ids)
                .await?;
        }
        for (delivery, repeat) in again {
            self.verify_one(runtime, secrets, delivery, repeat, &mut first_ids)
                .await?;
        }
        for delivery in repeated_bytes {
            self.count_twin(runtime, secrets, delivery).await?;
        }
        Ok(())
    }

    /// A delivery of a new change that repeats an earlier one's bytes: verified (it must be
    /// accepted, and must get the earlier one's eventId), then counted for its trigger.
    async fn count_twin(
        &mut self,
        runtime: &Runtime,
        secrets: &[String],
        delivery: &Delivery,
    ) -> anyhow::Result<()> {
        let Some(event) = self.verify(runtime, secrets, delivery).await? else {
            return Ok(());
        };
        if !self.events.contains_key(&event.event_id) {
            anyhow::bail!("a repeated body got a new eventId {}", event.event_id);
        }
        if let Some(trigger) = event.trigger.as_deref().and_then(known_trigger) {
            *self.twins.entry(trigger).or_default() += 1;
        }
        Ok(())
    }

    /// The delivery through the component's verification: its event, or none (counted as refused).
    async fn verify(
        &mut self,
        runtime: &Runtime,
        secrets: &[String],
        delivery: &Delivery,
    ) -> anyhow::Result<Option<triggers::Event>> {
        let verified =
            crate::webhooks::verify(runtime, &delivery.body, &delivery.headers, secrets).await?;
        match verified {
            Ok(verified) => Ok(Some(verified.event)),
            Err(_) => {
                self.refused += 1;
                Ok(None)
            }
        }
    }

    async fn verify_one(
        &mut self,
        runtime: &Runtime,
        secrets: &[String],
        delivery: Delivery,
        repeat: bool,
        first_ids: &mut BTreeMap<(String, Vec<u8>), String>,
    ) -> anyhow::Result<()> {
        let Some(event) = self.verify(runtime, secrets, &delivery).await? else {
            return Ok(());
        };
        if repeat {
            self.redelivered += 1;
            if first_ids.get(&delivery.key()) == Some(&event.event_id) {
                self.redelivered_same_id += 1;
            }
            return Ok(());
        }
        self.deliveries += 1;
        first_ids.insert(delivery.key(), event.event_id.clone());
        let Some(trigger) = event.trigger.as_deref().and_then(known_trigger) else {
            return Ok(());
        };
        let data: Value = serde_json::from_str(&event.data).unwrap_or(Value::Null);
        let change = change_of(trigger, event.id, &data);
        self.events.insert(event.event_id, change);
        Ok(())
    }
}

impl Drop for WebhookSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The soak's name for a trigger the component reported (a `'static` one).
fn known_trigger(name: &str) -> Option<&'static str> {
    super::TRIGGERS.iter().copied().find(|t| *t == name)
}
