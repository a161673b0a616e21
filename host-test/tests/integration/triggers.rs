//! Triggers end to end through the real component and the simulator: subscription lifecycle,
//! the local loop (register → change → signed delivery → verified event) for each trigger, and
//! the polling fallback (equal timestamps, repeated status changes, no loss, no repeats).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, runtime};
use host_test::bindings::{Connection, ConnectorError};
use host_test::listen::Listener;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

async fn listener() -> Listener {
    let rt = host_test::runtime::Runtime::new(
        host_test::runtime::EMBEDDED_COMPONENT,
        host_test::outgoing::Policy::new([]),
    )
    .unwrap();
    Listener::start(Arc::new(rt), vec!["not yet".into()], 0)
        .await
        .unwrap()
}

async fn next(listener: &mut Listener) -> Value {
    tokio::time::timeout(Duration::from_secs(10), listener.next_event())
        .await
        .expect("a delivery within 10 s")
        .unwrap()
}

#[test]
fn triggers_sharing_a_url_share_one_webhook_and_one_secret() {
    block_on(async {
        let env = Env::start().await;
        let url = "http://127.0.0.1:9/hooks/helpscout";
        let first = env
            .ok(
                "subscribe-webhook",
                &json!({"url": url, "events": ["new-conversation"], "label": "zap"}).to_string(),
            )
            .await;
        let secret = first["secret"].as_str().unwrap();
        assert_eq!(secret.len(), 40);
        assert!(secret.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_eq!(
            (first["created"].as_bool(), first["events"].clone()),
            (Some(true), json!(["convo.created"]))
        );
        // Without the stored secret the URL's webhook cannot be updated: conflict, nothing sent.
        let writes = |env: &Env| {
            env.api_requests()
                .iter()
                .filter(|r| r.method != "GET")
                .count()
        };
        let before = writes(&env);
        let again = json!({"url": url, "events": ["new-customer", "convo.status"]});
        match env.err("subscribe-webhook", &again.to_string()).await {
            ConnectorError::Conflict(m) => {
                assert!(
                    m.message.contains(&format!("webhook {}", first["id"])),
                    "{m:?}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(writes(&env), before, "nothing changed");
        let with_secret =
            json!({"url": url, "events": ["new-customer", "convo.status"], "secret": secret});
        let second = env.ok("subscribe-webhook", &with_secret.to_string()).await;
        assert_eq!(second["created"], false);
        assert_eq!(second["id"], first["id"]);
        assert_eq!(
            second["secret"], first["secret"],
            "the stored secret is kept"
        );
        assert_eq!(
            second["events"],
            json!(["convo.created", "customer.created", "convo.status"])
        );
        let put = env
            .api_requests()
            .into_iter()
            .rfind(|r| r.method == "PUT")
            .unwrap();
        let body = put.body.unwrap();
        assert_eq!(body["secret"], secret, "Update Webhook requires the secret");
        assert!(body.get("mailboxIds").is_none(), "all mailboxes: left out");
        let list = env.ok("list-webhooks", "{}").await;
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["label"], "zap");
        assert!(items[0].get("secret").is_none());
        env.ok(
            "unsubscribe-webhook",
            &json!({"id": first["id"]}).to_string(),
        )
        .await;
        assert!(
            env.ok("list-webhooks", "{}").await["items"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        let gone = env
            .err(
                "unsubscribe-webhook",
                &json!({"id": first["id"]}).to_string(),
            )
            .await;
        assert!(matches!(
            gone,
            host_test::bindings::ConnectorError::NotFound(_)
        ));
        let bad = env
            .err(
                "subscribe-webhook",
                r#"{"url": "ftp://x", "events": ["new-conversation"]}"#,
            )
            .await;
        assert_eq!(common::validation_path(&bad), "url");
        let bad = env
            .err(
                "subscribe-webhook",
                r#"{"url": "http://127.0.0.1:9/h", "events": ["convo.exploded"]}"#,
            )
            .await;
        assert_eq!(common::validation_path(&bad), "events[0]");
    });
}

#[test]
fn the_local_loop_delivers_each_trigger_signed_and_verified() {
    block_on(async {
        let env = Env::start().await;
        let mut listener = listener().await;
        let events = [
            "new-conversation",
            "conversation-status-changed",
            "new-customer",
        ];
        let sub = env
            .ok(
                "subscribe-webhook",
                &json!({"url": format!("{}/helpscout", listener.url), "events": events})
                    .to_string(),
            )
            .await;
        listener.set_secret(sub["secret"].as_str().unwrap());

        let create = json!({"subject": "Loop", "mailboxId": 1001, "type": "email", "status": "active",
            "customer": {"id": 7000001}, "threads": [{"type": "customer", "customer": {"id": 7000001}, "text": "hi"}]});
        let id = env.ok("create-conversation", &create.to_string()).await["id"]
            .as_u64()
            .unwrap();
        let event = next(&mut listener).await;
        assert_eq!(
            (
                event["event"].as_str(),
                event["trigger"].as_str(),
                event["id"].as_u64()
            ),
            (Some("convo.created"), Some("new-conversation"), Some(id))
        );
        assert_eq!(event["data"]["subject"], "Loop");

        env.ok(
            "update-conversation",
            &json!({"id": id, "status": "closed"}).to_string(),
        )
        .await;
        let event = next(&mut listener).await;
        assert_eq!(
            (event["trigger"].as_str(), event["data"]["status"].as_str()),
            (Some("conversation-status-changed"), Some("closed"))
        );

        let customer = env
            .ok(
                "create-customer",
                r#"{"firstName": "Loop", "emails": [{"value": "loop@example.com"}]}"#,
            )
            .await;
        let event = next(&mut listener).await;
        assert_eq!(
            (event["trigger"].as_str(), event["id"].clone()),
            (Some("new-customer"), customer["id"].clone())
        );

        let deliveries = env.sim.wait_for_deliveries(3, Duration::from_secs(5)).await;
        assert!(
            deliveries
                .iter()
                .all(|d| d.delivered && d.status == Some(200)),
            "{deliveries:?}"
        );
    });
}

#[test]
fn a_listener_with_the_wrong_secret_answers_401_and_help_scout_retries() {
    block_on(async {
        let env = Env::start().await;
        let listener = listener().await;
        let sub = env
            .ok(
                "subscribe-webhook",
                &json!({"url": listener.url, "events": ["new-customer"]}).to_string(),
            )
            .await;
        assert!(sub["secret"].is_string());
        listener.set_secret("a stale secret");
        env.ok("create-customer", r#"{"firstName": "Nope"}"#).await;
        let deliveries = env
            .sim
            .wait_for_deliveries(1, Duration::from_secs(30))
            .await;
        assert_eq!(deliveries[0].status, Some(401));
        assert!(!deliveries[0].delivered && deliveries[0].attempts > 1);
    });
}

async fn poll(env: &Env, trigger: &str, input: Value) -> (Vec<Value>, Value) {
    let out = env.ok(trigger, &input.to_string()).await;
    (
        out["events"].as_array().unwrap().clone(),
        out["cursor"].clone(),
    )
}

#[test]
fn polling_new_conversations_with_equal_timestamps_loses_and_repeats_nothing() {
    block_on(async {
        let env = Env::start().await;
        let (none, mut cursor) = poll(&env, "new-conversation", json!({})).await;
        assert!(none.is_empty(), "a first poll starts now");
        let mut created = Vec::new();
        for i in 0..5 {
            let create = json!({"subject": format!("Poll {i}"), "mailboxId": 1002, "type": "chat", "status": "active",
                "customer": {"id": 7000004}, "threads": [{"type": "chat", "customer": {"id": 7000004}, "text": "x"}]});
            created.push(
                env.ok("create-conversation", &create.to_string()).await["id"]
                    .as_u64()
                    .unwrap(),
            );
        }
        let mut seen = Vec::new();
        for _ in 0..4 {
            let (events, next) = poll(
                &env,
                "new-conversation",
                json!({"cursor": cursor, "limit": 2}),
            )
            .await;
            assert!(events.len() <= 2);
            seen.extend(events.iter().map(|e| e["id"].as_u64().unwrap()));
            assert!(
                events
                    .iter()
                    .all(|e| e["event"] == "convo.created" && e["trigger"] == "new-conversation")
            );
            cursor = next;
        }
        seen.sort_unstable();
        assert_eq!(seen, created, "every new conversation exactly once");
        let (again, _) = poll(&env, "new-conversation", json!({"cursor": cursor})).await;
        assert!(again.is_empty());
    });
}

#[test]
fn polling_status_changes_reports_two_changes_between_polls() {
    block_on(async {
        let env = Env::start().await;
        let (_, cursor) = poll(&env, "conversation-status-changed", json!({})).await;
        env.ok(
            "update-conversation",
            r#"{"id": 5000001, "status": "closed"}"#,
        )
        .await;
        env.ok(
            "update-conversation",
            r#"{"id": 5000001, "status": "active"}"#,
        )
        .await;
        env.ok(
            "update-conversation",
            r#"{"id": 5000006, "subject": "no status change"}"#,
        )
        .await;
        let (events, cursor) = poll(
            &env,
            "conversation-status-changed",
            json!({"cursor": cursor}),
        )
        .await;
        let changes: Vec<(u64, &str, &str)> = events
            .iter()
            .map(|e| {
                (
                    e["id"].as_u64().unwrap(),
                    e["data"]["statusChange"]["from"].as_str().unwrap(),
                    e["data"]["statusChange"]["to"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            changes,
            [(5000001, "active", "closed"), (5000001, "closed", "active")],
            "{events:?}"
        );
        let (again, _) = poll(
            &env,
            "conversation-status-changed",
            json!({"cursor": cursor}),
        )
        .await;
        assert!(again.is_empty(), "no repeats: {again:?}");
    });
}

#[test]
fn polling_new_customers_and_starting_from_a_given_instant() {
    block_on(async {
        let env = Env::start().await;
        let (_, cursor) = poll(&env, "new-customer", json!({})).await;
        let mut created = Vec::new();
        for name in ["P1", "P2", "P3"] {
            created.push(
                env.ok("create-customer", &json!({"firstName": name}).to_string())
                    .await["id"]
                    .as_u64()
                    .unwrap(),
            );
        }
        let (events, cursor) = poll(&env, "new-customer", json!({"cursor": cursor})).await;
        let ids: Vec<u64> = events.iter().map(|e| e["id"].as_u64().unwrap()).collect();
        assert_eq!(ids, created);
        assert!(
            poll(&env, "new-customer", json!({"cursor": cursor}))
                .await
                .0
                .is_empty()
        );
        let (history, _) = poll(
            &env,
            "new-customer",
            json!({"since": "2000-01-01T00:00:00Z", "limit": 1000}),
        )
        .await;
        assert!(
            history.len() >= 63,
            "every customer since 2000: {}",
            history.len()
        );
        let e = env
            .err("new-customer", r#"{"cursor": {"since": "yesterday"}}"#)
            .await;
        assert_eq!(common::validation_path(&e), "cursor.since");
    });
}

#[test]
fn typed_trigger_functions() {
    use host_test::bindings::triggers::{PollInput, SubscribeWebhookInput};
    block_on(async {
        let env = Env::start().await;
        let conn: Connection = env.conn();
        let sub = runtime()
            .call(async |c, s| {
                c.helpscout_connector_triggers()
                    .call_subscribe_webhook(
                        s,
                        &conn,
                        &SubscribeWebhookInput {
                            url: "http://127.0.0.1:9/t".into(),
                            events: vec!["new-conversation".to_string()],
                            mailbox_ids: vec![1001],
                            label: Some("typed".into()),
                            secret: None,
                            rotate_secret: false,
                        },
                    )
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        assert!(sub.created && sub.secret.as_ref().is_some_and(|s| s.len() == 40));
        let polled = runtime()
            .call(async |c, s| {
                c.helpscout_connector_triggers()
                    .call_poll(
                        s,
                        &conn,
                        &PollInput {
                            trigger: "new-conversation".into(),
                            cursor: None,
                            since: Some("2000-01-01T00:00:00Z".into()),
                            limit: None,
                            scan_limit: None,
                        },
                    )
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(polled.events.len(), 100, "default limit");
        assert!(
            polled
                .events
                .iter()
                .all(|e| e.conversation.is_some()
                    && e.trigger.as_deref() == Some("new-conversation"))
        );
        let cursor: Value = serde_json::from_str(&polled.cursor).unwrap();
        assert!(cursor["since"].is_string());
    });
}

#[test]
fn a_first_poll_never_reports_what_happened_before_it_in_the_same_second() {
    block_on(async {
        let env = Env::start().await;
        for round in 0..3 {
            let before = env
                .ok(
                    "create-customer",
                    &json!({"firstName": format!("Before {round}")}).to_string(),
                )
                .await["id"]
                .clone();
            let (none, cursor) = poll(&env, "new-customer", json!({})).await;
            assert!(none.is_empty(), "a first poll reports nothing");
            let after = env
                .ok(
                    "create-customer",
                    &json!({"firstName": format!("After {round}")}).to_string(),
                )
                .await["id"]
                .clone();
            let (events, _) = poll(&env, "new-customer", json!({"cursor": cursor})).await;
            let ids: Vec<u64> = events.iter().map(|e| e["id"].as_u64().unwrap()).collect();
            assert_eq!(ids, [after], "created before the first poll: {before}");
        }
    });
}
