//! The demo's catalog steps: every action and pollable trigger run with its example on a
//! simulator of its own (deletes included), every webhook-only trigger replayed as Help Scout
//! would deliver it, a thread trigger polled, and a tag added without losing the others.

use super::{Demo, Step};
use crate::bindings::{Connection, Credentials};
use crate::examples;
use crate::outgoing::Destination;
use crate::webhooks::replay;
use helpscout_simulator::{Simulator, SimulatorOptions, credentials};
use serde_json::{Value, json};

impl Demo {
    /// Every example input, in order, on a fresh simulator.
    pub(super) async fn every_entry(&self) -> Step {
        let sim = Simulator::start(SimulatorOptions::default())
            .await
            .map_err(|e| e.to_string())?;
        let destination = Destination::from_url(sim.url()).map_err(|e| e.to_string())?;
        self.runtime.policy().allow(destination);
        let conn = Connection {
            base_url: sim.url().to_string(),
            credentials: Credentials::AccessToken(credentials::ACCESS_TOKEN.into()),
            retry: None,
        };
        let inputs = examples::inputs();
        for (name, input) in &inputs {
            self.invoke(&conn, name, &input.to_string())
                .await
                .map_err(|e| format!("{name}: {e}"))?;
        }
        let described = self.runtime.describe().await.map_err(|e| e.to_string())?;
        let runnable = described
            .iter()
            .filter(|d| d.trigger.as_ref().is_none_or(|t| t.pollable))
            .count();
        if runnable != inputs.len() {
            return Err(format!(
                "{runnable} entries run by name, {} examples",
                inputs.len()
            ));
        }
        sim.shutdown().await;
        Ok(format!(
            "{} actions and pollable triggers ran, each with its example",
            inputs.len()
        ))
    }

    /// Every trigger Help Scout's API cannot poll, its event replayed signed.
    pub(super) async fn webhook_only(&self) -> Step {
        let described = self.runtime.describe().await.map_err(|e| e.to_string())?;
        let mut fired = Vec::new();
        for d in &described {
            let Some(trigger) = d.trigger.as_ref().filter(|t| !t.pollable) else {
                continue;
            };
            let (action, input) = examples::delivery(&trigger.event)
                .ok_or_else(|| format!("no delivery for {}", trigger.event))?;
            let body = match action {
                "" => input,
                action => self.run(action, &input.to_string()).await?,
            };
            let body = body.to_string();
            let secret = "demo webhook secret";
            let parsed = replay(&self.runtime, body.as_bytes(), &trigger.event, secret, None)
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| format!("{}: {e:?}", trigger.event))?;
            if parsed.trigger.as_deref() != Some(d.name.as_str()) {
                return Err(format!("{} matched {:?}", trigger.event, parsed.trigger));
            }
            fired.push(d.name.as_str());
        }
        Ok(format!(
            "{} webhook-only triggers: {}",
            fired.len(),
            fired.join(", ")
        ))
    }

    /// `note-added` polled: a first poll, a note, a second poll with its thread.
    pub(super) async fn thread_trigger(&self) -> Step {
        let first = self.run("note-added", "{}").await?;
        let note =
            json!({"conversationId": 5000004, "type": "note", "text": "Called the customer back."});
        let made = self.run("create-thread", &note.to_string()).await?;
        let input = json!({"cursor": first["cursor"]});
        let next = self.run("note-added", &input.to_string()).await?;
        let events = next["events"].as_array().cloned().unwrap_or_default();
        match events.as_slice() {
            [event] if event["data"]["thread"]["id"] == made["id"] => Ok(format!(
                "one event, {}, the note under data.thread",
                event["eventId"].as_str().unwrap_or("")
            )),
            other => Err(format!("expected the note's event, got {other:?}")),
        }
    }

    /// `addTags` keeps the tags a conversation has.
    pub(super) async fn tag_added(&self) -> Step {
        let before = self
            .run(
                "get-conversation",
                r#"{"id": 5000005, "embedThreads": false}"#,
            )
            .await?;
        let names = |c: &Value| -> Vec<String> {
            let tags = c["tags"].as_array().cloned().unwrap_or_default();
            tags.iter()
                .filter_map(|t| t["tag"].as_str().map(str::to_string))
                .collect()
        };
        self.run(
            "update-conversation",
            r#"{"id": 5000005, "addTags": ["callback"]}"#,
        )
        .await?;
        let after = self
            .run(
                "get-conversation",
                r#"{"id": 5000005, "embedThreads": false}"#,
            )
            .await?;
        let (had, has) = (names(&before), names(&after));
        if !has.contains(&"callback".to_string()) || !had.iter().all(|t| has.contains(t)) {
            return Err(format!("tags {had:?} became {has:?}"));
        }
        Ok(format!("{had:?} + callback = {has:?}"))
    }
}
