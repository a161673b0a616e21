//! The triggers beyond the first three, through the real component: replies, notes,
//! assignments and customer changes polled (one event per thread or change, named as a delivery
//! names it), and every webhook-only trigger subscribed by its name and delivered, signed and
//! verified, firing its trigger.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, validation_path};
use host_test::listen::Listener;
use host_test::outgoing::Policy;
use host_test::runtime::{EMBEDDED_COMPONENT, Runtime};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

async fn poll(env: &Env, trigger: &str, cursor: &Value) -> (Vec<Value>, Value) {
    let input = match cursor {
        Value::Null => json!({}),
        c => json!({"cursor": c}),
    };
    let out = env.ok(trigger, &input.to_string()).await;
    (
        out["events"].as_array().unwrap().clone(),
        out["cursor"].clone(),
    )
}

#[test]
fn replies_and_notes_are_polled_one_event_per_thread() {
    block_on(async {
        let env = Env::start().await;
        let mut cursors = BTreeMap::new();
        for t in ["customer-replied", "agent-replied", "note-added"] {
            cursors.insert(t, poll(&env, t, &Value::Null).await.1);
        }
        let mut made = BTreeMap::new();
        for (kind, trigger) in [
            ("customer", "customer-replied"),
            ("customer", "customer-replied"),
            ("reply", "agent-replied"),
            ("note", "note-added"),
            ("note", "note-added"),
        ] {
            let input =
                json!({"conversationId": 5000008, "type": kind, "text": format!("{kind} text")});
            let id = env.ok("create-thread", &input.to_string()).await["id"]
                .as_u64()
                .unwrap();
            made.entry(trigger).or_insert_with(Vec::new).push(id);
        }
        for (trigger, threads) in made {
            let (events, next) = poll(&env, trigger, &cursors[trigger]).await;
            let got: Vec<u64> = events
                .iter()
                .map(|e| e["data"]["thread"]["id"].as_u64().unwrap())
                .collect();
            assert_eq!(got, threads, "{trigger}");
            for (event, thread) in events.iter().zip(&threads) {
                assert!(
                    event["eventId"]
                        .as_str()
                        .unwrap()
                        .ends_with(&format!(":thread-{thread}"))
                );
                assert_eq!(event["trigger"], trigger);
                assert!(event["data"].get("_embedded").is_none());
            }
            let (again, _) = poll(&env, trigger, &next).await;
            assert!(again.is_empty(), "{trigger}: {again:?}");
        }
    });
}

#[test]
fn assignments_are_polled_from_line_items_and_replies() {
    block_on(async {
        let env = Env::start().await;
        let (_, cursor) = poll(&env, "conversation-assigned", &Value::Null).await;
        env.ok("update-conversation", r#"{"id": 5000009, "assignTo": 303}"#)
            .await;
        env.ok(
            "update-conversation",
            r#"{"id": 5000009, "assignTo": null}"#,
        )
        .await;
        let reply = json!({"conversationId": 5000009, "type": "reply", "text": "Mine now", "assignTo": 302});
        env.ok("create-thread", &reply.to_string()).await;
        let (events, _) = poll(&env, "conversation-assigned", &cursor).await;
        let to: Vec<Value> = events
            .iter()
            .map(|e| e["data"]["assignment"]["to"].clone())
            .collect();
        assert_eq!(to, [json!(303), Value::Null, json!(302)], "{events:?}");
    });
}

#[test]
fn customer_changes_are_polled_once_per_change_seen() {
    block_on(async {
        let env = Env::start().await;
        let (_, cursor) = poll(&env, "customer-updated", &Value::Null).await;
        tokio::time::sleep(Duration::from_millis(1100)).await;
        env.ok("update-customer", r#"{"id": 7000004, "jobTitle": "Chef"}"#)
            .await;
        let (events, cursor) = poll(&env, "customer-updated", &cursor).await;
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0]["id"], 7000004);
        assert!(
            events[0]["eventId"]
                .as_str()
                .unwrap()
                .starts_with("customer.updated:7000004:")
        );
        let (again, _) = poll(&env, "customer-updated", &cursor).await;
        assert!(again.is_empty());
        let made = env.ok("create-customer", r#"{"firstName": "Fresh"}"#).await;
        let (fresh, _) = poll(&env, "customer-updated", &cursor).await;
        assert!(
            fresh.iter().all(|e| e["id"] != made["id"]),
            "a creation is no change"
        );
    });
}

/// A delivery per webhook-only trigger, each subscribed by its trigger name on one URL.
#[test]
fn every_webhook_only_trigger_is_subscribed_by_name_and_delivered() {
    block_on(async {
        let env = Env::start().await;
        let descriptors = common::runtime().describe().await.unwrap();
        let webhook_only: Vec<String> = descriptors
            .iter()
            .filter(|d| d.trigger.as_ref().is_some_and(|t| !t.pollable))
            .map(|d| d.name.clone())
            .collect();
        for name in &webhook_only {
            assert_eq!(
                validation_path(&env.err(name, "{}").await),
                "name",
                "{name} polls"
            );
        }
        let rt = Runtime::new(EMBEDDED_COMPONENT, Policy::new([])).unwrap();
        let mut listener = Listener::start(Arc::new(rt), vec!["x".into()], 0)
            .await
            .unwrap();
        let url = format!("{}/only", listener.url);
        let sub = env
            .ok(
                "subscribe-webhook",
                &json!({"url": url, "events": webhook_only}).to_string(),
            )
            .await;
        listener.set_secret(sub["secret"].as_str().unwrap());
        env.ok(
            "update-conversation",
            r#"{"id": 5000010, "addTags": ["hooked"]}"#,
        )
        .await;
        env.ok(
            "update-conversation",
            r#"{"id": 5000010, "mailboxId": 1003}"#,
        )
        .await;
        env.ok(
            "update-conversation",
            r#"{"id": 5000001, "customFields": [{"id": 201, "value": "High"}]}"#,
        )
        .await;
        assert!(env.sim.merge(5000012, 5000013));
        env.sim.rate(
            5000001,
            first_reply(&env, 5000001).await,
            "great",
            "Thanks!",
        );
        env.ok("delete-conversation", r#"{"id": 5000014}"#).await;
        env.ok("delete-customer", r#"{"id": 7000057}"#).await;
        env.ok(
            "api-request",
            r#"{"method": "POST", "path": "/v2/organizations", "body": {"name": "New Org"}}"#,
        )
        .await;
        env.ok(
            "api-request",
            r#"{"method": "DELETE", "path": "/v2/organizations/8003"}"#,
        )
        .await;
        // Help Scout's Update Organization gives no method in the stored page, so nothing here
        // changes an organization.
        let expected: std::collections::BTreeSet<String> = webhook_only
            .iter()
            .filter(|t| *t != "organization-updated")
            .cloned()
            .collect();
        let mut fired = std::collections::BTreeSet::new();
        while fired != expected {
            let event = tokio::time::timeout(Duration::from_secs(10), listener.next_event())
                .await
                .unwrap_or_else(|_| panic!("deliveries of {expected:?}, got {fired:?}"))
                .unwrap();
            if let Some(trigger) = event["trigger"].as_str() {
                fired.insert(trigger.to_string());
            }
        }
    });
}

/// The first published reply of a conversation (to rate it).
async fn first_reply(env: &Env, conversation: u64) -> u64 {
    let threads = env
        .ok(
            "list-threads",
            &json!({"conversationId": conversation}).to_string(),
        )
        .await;
    threads["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["type"] == "message")
        .and_then(|t| t["id"].as_u64())
        .unwrap()
}
