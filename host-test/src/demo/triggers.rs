//! The demo's trigger steps: each trigger replayed as Help Scout would deliver it, the local loop
//! (subscribe → change → signed delivery → verified event) and a poll.

use super::{Demo, Step};
use crate::listen::Listener;
use crate::outgoing::Policy;
use crate::runtime::{EMBEDDED_COMPONENT, Runtime};
use crate::webhooks::replay;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

impl Demo {
    /// Replays a simulator object as the body of `event`, signed with a demo secret.
    pub(super) async fn replay_trigger(
        &self,
        event: &str,
        action: &str,
        input: &str,
        trigger: &str,
    ) -> Step {
        let body = self.run(action, input).await?.to_string();
        let secret = "demo webhook secret";
        let result = replay(&self.runtime, body.as_bytes(), event, secret, None)
            .await
            .map_err(|e| e.to_string())?;
        let parsed = result.map_err(|e| format!("{e:?}"))?;
        if parsed.trigger.as_deref() != Some(trigger) {
            return Err(format!("{event} matched {:?}", parsed.trigger));
        }
        let tampered = replay(
            &self.runtime,
            body.as_bytes(),
            event,
            "another secret",
            Some(&helpscout_simulator::sign(body.as_bytes(), secret)),
        )
        .await;
        if !matches!(tampered, Ok(Err(_))) {
            return Err("a signature from another secret was accepted".into());
        }
        Ok(format!(
            "{event} → {trigger} (id {}); wrong secret rejected",
            parsed.id.unwrap_or(0)
        ))
    }

    /// Two triggers on one URL share one webhook and one secret: the second subscription gives
    /// the stored secret, the events are merged, and both triggers' deliveries verify.
    pub(super) async fn local_loop(&self) -> Step {
        let runtime =
            Runtime::new(EMBEDDED_COMPONENT, Policy::new([])).map_err(|e| e.to_string())?;
        let mut listener = Listener::start(Arc::new(runtime), Vec::new(), 0)
            .await
            .map_err(|e| e.to_string())?;
        let url = format!("{}/helpscout", listener.url);
        let first = json!({"url": url, "events": ["new-conversation"]});
        let sub = self.run("subscribe-webhook", &first.to_string()).await?;
        let secret = sub["secret"].as_str().unwrap_or("").to_string();
        listener.set_secret(&secret);
        let second = json!({"url": url, "events": ["new-customer"], "secret": secret});
        let merged = self.run("subscribe-webhook", &second.to_string()).await?;
        if merged["id"] != sub["id"] || merged["secret"] != sub["secret"] {
            return Err(format!(
                "the second trigger got another webhook or secret: {merged}"
            ));
        }
        let create = json!({"subject": "Demo: webhook loop", "mailboxId": 1002, "type": "chat", "status": "active",
            "customer": {"id": 7000002}, "threads": [{"type": "chat", "customer": {"id": 7000002}, "text": "Hello"}]});
        let conversation =
            self.run("create-conversation", &create.to_string()).await?["id"].clone();
        let customer = json!({"firstName": "Loop", "lastName": "Demo"});
        let customer = self.run("create-customer", &customer.to_string()).await?["id"].clone();
        let mut seen = Vec::new();
        while seen.len() < 2 {
            let event = tokio::time::timeout(Duration::from_secs(10), listener.next_event()).await;
            let event: Value = event
                .map_err(|_| format!("only {} of 2 deliveries within 10 s", seen.len()))?
                .ok_or("listener stopped")?;
            seen.push((event["trigger"].clone(), event["id"].clone()));
        }
        for expected in [
            (json!("new-conversation"), conversation.clone()),
            (json!("new-customer"), customer.clone()),
        ] {
            if !seen.contains(&expected) {
                return Err(format!("missing {expected:?} among {seen:?}"));
            }
        }
        Ok(format!(
            "webhook {} shared by 2 triggers, one secret → conversation {conversation} and customer {customer} verified",
            sub["id"]
        ))
    }

    pub(super) async fn poll_trigger(&self) -> Step {
        let first = self.run("new-customer", "{}").await?;
        let customer = self
            .run(
                "create-customer",
                r#"{"firstName": "Polly", "lastName": "Demo"}"#,
            )
            .await?;
        let input = json!({"cursor": first["cursor"]});
        let second = self.run("new-customer", &input.to_string()).await?;
        let ids: Vec<Value> = second["events"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["id"].clone())
            .collect();
        if ids != [customer["id"].clone()] {
            return Err(format!(
                "expected customer {}, polled {ids:?}",
                customer["id"]
            ));
        }
        let third = self
            .run(
                "new-customer",
                &json!({"cursor": second["cursor"]}).to_string(),
            )
            .await?;
        if third["events"].as_array().is_some_and(|e| !e.is_empty()) {
            return Err("the next poll repeated an event".into());
        }
        Ok(format!(
            "new-customer polled customer {} once, then nothing",
            customer["id"]
        ))
    }
}
