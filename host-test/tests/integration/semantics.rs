//! Help Scout's own semantics, through the real component against a simulator that enforces
//! them (issue "Real Help Scout semantics"): exact e-mail lookups, webhooks shared by URL, writes
//! never replayed after an ambiguous failure, values refused before anything is written, the
//! documented capabilities (unassigned creates, thread fields by type, organizations, snooze,
//! dropdown labels in filters), polling that skips drafts and never loses a customer, and
//! events with ids a platform can deduplicate by.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{self, Env, block_on, ids, validation_path};
use helpscout_simulator::Fault;
use host_test::bindings::ConnectorError;
use serde_json::{Value, json};

/// Requests other than GET the simulator received (writes).
fn writes(env: &Env) -> Vec<(String, String)> {
    env.api_requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| (r.method, r.path_and_query))
        .collect()
}

async fn customer_with_email(env: &Env, email: &str) -> u64 {
    let input = json!({"firstName": "Near", "emails": [{"type": "work", "value": email}]});
    env.ok("create-customer", &input.to_string()).await["id"]
        .as_u64()
        .unwrap()
}

#[test]
fn find_customers_by_email_keeps_only_exact_addresses() {
    block_on(async {
        let env = Env::start().await;
        let exact = customer_with_email(&env, "a@example.com").await;
        customer_with_email(&env, "emma@example.com").await;
        customer_with_email(&env, "data@example.com").await;
        // Help Scout's `email:` search matches by "contains" (List Customers).
        let raw = env
            .ok(
                "find-customers",
                r#"{"query": "(email:\"a@example.com\")"}"#,
            )
            .await;
        assert!(ids(&raw).len() >= 3, "the simulator finds near misses too");
        let found = env
            .ok("find-customers", r#"{"email": "A@Example.com"}"#)
            .await;
        assert_eq!(ids(&found), [exact]);
        let one = env
            .ok(
                "find-customers",
                r#"{"email": "a@example.com", "limit": 1}"#,
            )
            .await;
        assert_eq!(ids(&one), [exact]);
        let none = env
            .ok("find-customers", r#"{"email": "mma@example.com"}"#)
            .await;
        assert!(
            ids(&none).is_empty(),
            "a substring of an address is no match"
        );
    });
}

#[test]
fn unsubscribing_one_trigger_keeps_the_webhook_and_its_secret_for_the_other() {
    block_on(async {
        let env = Env::start().await;
        let url = "http://127.0.0.1:9/hooks/shared";
        let first = json!({"url": url, "events": ["new-conversation"], "mailboxIds": [1001]});
        let first = env.ok("subscribe-webhook", &first.to_string()).await;
        let secret = first["secret"].as_str().unwrap().to_string();
        let second = json!({"url": url, "events": ["new-customer"], "secret": secret,
                            "mailboxIds": [1002]});
        env.ok("subscribe-webhook", &second.to_string()).await;
        let id = first["id"].clone();
        let missing = json!({"id": id, "events": ["new-customer"]});
        let e = env.err("unsubscribe-webhook", &missing.to_string()).await;
        assert_eq!(validation_path(&e), "secret");
        let partial = json!({"id": id, "events": ["new-customer"], "secret": secret});
        let out = env.ok("unsubscribe-webhook", &partial.to_string()).await;
        assert_eq!(
            out,
            json!({"id": id, "deleted": false, "events": ["convo.created"]})
        );
        let put = env
            .api_requests()
            .into_iter()
            .rfind(|r| r.method == "PUT")
            .unwrap();
        let body = put.body.unwrap();
        assert_eq!(
            (&body["secret"], &body["mailboxIds"]),
            (&json!(secret), &json!([1001, 1002]))
        );
        let listed = env.ok("list-webhooks", "{}").await;
        assert_eq!(listed["items"][0]["events"], json!(["convo.created"]));
        let last = json!({"id": id, "events": ["new-conversation"], "secret": secret});
        let out = env.ok("unsubscribe-webhook", &last.to_string()).await;
        assert_eq!(out["deleted"], true, "no event remained");
        let listed = env.ok("list-webhooks", "{}").await;
        assert!(listed["items"].as_array().unwrap().is_empty());
    });
}

#[test]
fn rotating_the_secret_of_a_shared_url_replaces_it_on_purpose() {
    block_on(async {
        let env = Env::start().await;
        let url = "http://127.0.0.1:9/hooks/rotate";
        let first = json!({"url": url, "events": ["new-conversation"]});
        let first = env.ok("subscribe-webhook", &first.to_string()).await;
        let rotate = json!({"url": url, "events": ["new-customer"], "rotateSecret": true});
        let rotated = env.ok("subscribe-webhook", &rotate.to_string()).await;
        assert_eq!(rotated["id"], first["id"]);
        assert_ne!(rotated["secret"], first["secret"]);
        let put = env
            .api_requests()
            .into_iter()
            .rfind(|r| r.method == "PUT")
            .unwrap();
        assert_eq!(put.body.unwrap()["secret"], rotated["secret"]);
        let own = json!({"url": "http://127.0.0.1:9/hooks/own", "events": ["convo.status"],
                         "secret": "host-chosen-secret"});
        let own = env.ok("subscribe-webhook", &own.to_string()).await;
        assert_eq!(
            (own["created"].as_bool(), own["secret"].as_str()),
            (Some(true), Some("host-chosen-secret"))
        );
        let too_long = json!({"url": "http://127.0.0.1:9/x", "events": ["convo.status"], "secret": "s".repeat(41)});
        let e = env.err("subscribe-webhook", &too_long.to_string()).await;
        assert_eq!(validation_path(&e), "secret");
    });
}

#[test]
fn subscribing_accepts_only_the_events_create_webhook_documents() {
    block_on(async {
        let env = Env::start().await;
        let before = writes(&env).len();
        for event in [
            "convo.ai-answers.created",
            "helpscout.test",
            "convo.exploded",
        ] {
            let input = json!({"url": "http://127.0.0.1:9/e", "events": ["convo.created", event]});
            let e = env.err("subscribe-webhook", &input.to_string()).await;
            assert_eq!(validation_path(&e), "events[1]", "{event}");
        }
        assert_eq!(writes(&env).len(), before, "nothing sent");
        let documented = json!({"url": "http://127.0.0.1:9/e",
            "events": ["organization.created", "user.status.changed", "tag.deleted"]});
        let out = env.ok("subscribe-webhook", &documented.to_string()).await;
        assert_eq!(out["events"].as_array().unwrap().len(), 3);
    });
}

#[test]
fn a_customer_patch_with_additions_is_never_replayed_after_an_ambiguous_failure() {
    block_on(async {
        let env = Env::start().await;
        env.sim.inject(
            "applied:PATCH:/v2/customers/7000001:1"
                .parse::<Fault>()
                .unwrap(),
        );
        let add = json!({"id": 7000001, "emails": [
            {"type": "work", "value": "olivia.smith@example.com"},
            {"type": "other", "value": "olivia.second@example.com"}]});
        let e = env.err("update-customer", &add.to_string()).await;
        assert!(matches!(e, ConnectorError::UnknownOutcome(_)), "{e:?}");
        let patches: Vec<_> = writes(&env)
            .into_iter()
            .filter(|(m, _)| m == "PATCH")
            .collect();
        assert_eq!(patches.len(), 1, "sent once: {patches:?}");
        let customer = env.ok("get-customer", r#"{"id": 7000001}"#).await;
        let added = customer["_embedded"]["emails"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["value"] == "olivia.second@example.com")
            .count();
        assert_eq!(added, 1, "applied once, not twice");

        // A PATCH of `replace` operations is the same twice: retried, and it succeeds.
        env.sim.inject(
            "applied:PATCH:/v2/customers/7000002:1"
                .parse::<Fault>()
                .unwrap(),
        );
        let rename = json!({"id": 7000002, "firstName": "Twice"});
        let out = env.ok("update-customer", &rename.to_string()).await;
        assert_eq!(out["applied"], json!(["customer"]));
    });
}

#[test]
fn an_ambiguous_second_step_is_partial_naming_its_cause() {
    block_on(async {
        let env = Env::start().await;
        env.sim.inject(
            "applied:PATCH:/v2/customers/7000003/properties:1"
                .parse::<Fault>()
                .unwrap(),
        );
        let input = json!({"id": 7000003, "jobTitle": "Pilot",
            "properties": [{"slug": "car", "value": null}]});
        match env.err("update-customer", &input.to_string()).await {
            ConnectorError::Partial(p) => {
                assert_eq!(
                    (
                        p.failed_step.as_str(),
                        host_test::error_json::kind_name(p.cause)
                    ),
                    ("properties", "unknown-outcome")
                );
                assert_eq!(
                    (p.applied, p.id),
                    (vec!["customer".to_string()], Some(7000003))
                );
            }
            other => panic!("{other:?}"),
        }
    });
}

#[test]
fn values_help_scout_refuses_are_refused_before_anything_is_written() {
    block_on(async {
        let env = Env::start().await;
        let decimal = json!({"id": 5000001, "subject": "Renamed",
            "customFields": [{"id": 202, "value": "12.5"}]});
        let e = env.err("update-conversation", &decimal.to_string()).await;
        assert_eq!(validation_path(&e), "customFields[0].value");
        let bad = json!({"id": 7000004, "firstName": "Kept",
            "properties": [{"slug": "seats", "value": "many"}, {"slug": "signup-date", "value": "2024-02-30"}]});
        match env.err("update-customer", &bad.to_string()).await {
            ConnectorError::Validation(fields) => {
                let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
                assert_eq!(paths, ["properties[0].value", "properties[1].value"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(
            writes(&env).is_empty(),
            "nothing written: {:?}",
            writes(&env)
        );
    });
}

#[test]
fn property_values_are_sent_in_the_type_of_their_definition() {
    block_on(async {
        let env = Env::start().await;
        let input = json!({"firstName": "Typed", "properties": [
            {"slug": "seats", "value": "42"}, {"slug": "signup-date", "value": "2025-01-31"},
            {"slug": "plan", "value": "pro"}]});
        let id = env.ok("create-customer", &input.to_string()).await["id"].clone();
        let patch = env
            .api_requests()
            .into_iter()
            .rfind(|r| r.method == "PATCH")
            .unwrap();
        let ops = patch.body.unwrap();
        assert_eq!(
            ops[0],
            json!({"op": "replace", "path": "/seats", "value": 42})
        );
        let customer = env.ok("get-customer", &json!({"id": id}).to_string()).await;
        let properties = customer["_embedded"]["properties"].as_array().unwrap();
        let text =
            |slug: &str| properties.iter().find(|p| p["slug"] == slug).unwrap()["text"].clone();
        assert_eq!((text("seats"), text("plan")), (json!("42"), json!("Pro")));
    });
}

#[test]
fn assign_to_null_keeps_a_conversation_unassigned() {
    block_on(async {
        let env = Env::start().await;
        let create = |assign: Option<Value>| {
            let mut input = json!({"subject": "Assignment", "mailboxId": 1001, "type": "email",
                "status": "active", "customer": {"id": 7000001},
                "threads": [{"type": "reply", "customer": {"id": 7000001}, "text": "Hi", "user": 302}],
                "returnConversation": true});
            if let Some(a) = assign {
                input["assignTo"] = a;
            }
            input.to_string()
        };
        let default = env.ok("create-conversation", &create(None)).await;
        assert_eq!(
            default["conversation"]["assignee"]["id"], 302,
            "the Inbox setting: the replier"
        );
        let nobody = env
            .ok("create-conversation", &create(Some(Value::Null)))
            .await;
        assert!(
            nobody["conversation"].get("assignee").is_none(),
            "null: unassigned"
        );
        let id = default["id"].as_u64().unwrap();
        let reply = json!({"conversationId": id, "type": "reply", "text": "More",
                           "customer": {"id": 7000001}, "assignTo": null});
        env.ok("create-thread", &reply.to_string()).await;
        let after = env
            .ok("get-conversation", &json!({"id": id}).to_string())
            .await;
        assert!(after.get("assignee").is_none());
    });
}

#[test]
fn thread_fields_follow_each_thread_types_page() {
    block_on(async {
        let env = Env::start().await;
        let before = writes(&env).len();
        let cases = [
            (
                json!({"type": "phone", "text": "t", "customer": {"id": 7000001}, "status": "closed"}),
                "status",
            ),
            (
                json!({"type": "note", "text": "t", "assignTo": 302}),
                "assignTo",
            ),
            (
                json!({"type": "chat", "text": "t", "customer": {"id": 7000001}, "cc": ["a@example.com"]}),
                "cc",
            ),
            (json!({"type": "note", "text": "t", "draft": true}), "draft"),
        ];
        for (mut input, field) in cases {
            input["conversationId"] = json!(5000001);
            let e = env.err("create-thread", &input.to_string()).await;
            assert_eq!(validation_path(&e), field, "{input}");
        }
        assert_eq!(writes(&env).len(), before);
        let note =
            json!({"conversationId": 5000001, "type": "note", "text": "t", "status": "open"});
        env.ok("create-thread", &note.to_string()).await;
    });
}

#[test]
fn organization_id_and_clearing_fields_use_update_customers_operations() {
    block_on(async {
        let env = Env::start().await;
        let created = json!({"firstName": "Org", "organizationId": 35, "jobTitle": "Pilot"});
        let id = env.ok("create-customer", &created.to_string()).await["id"].clone();
        let customer = env.ok("get-customer", &json!({"id": id}).to_string()).await;
        assert_eq!(
            (&customer["organizationId"], &customer["jobTitle"]),
            (&json!(35), &json!("Pilot"))
        );
        let clear = json!({"id": id, "jobTitle": null, "organizationId": null});
        env.ok("update-customer", &clear.to_string()).await;
        let patch = env
            .api_requests()
            .into_iter()
            .rfind(|r| r.method == "PATCH")
            .unwrap();
        assert_eq!(
            patch.body.unwrap(),
            json!([{"op": "remove", "path": "/jobTitle"}, {"op": "remove", "path": "/organizationId"}])
        );
        let customer = env.ok("get-customer", &json!({"id": id}).to_string()).await;
        assert_eq!(customer["jobTitle"], "");
        assert!(customer.get("organizationId").is_none());
    });
}

#[test]
fn snooze_unsnooze_and_closed_at_of_imported_conversations() {
    block_on(async {
        let env = Env::start().await;
        let snooze = json!({"id": 5000001, "snooze": {"snoozedUntil": "2099-01-01T09:00:00Z",
                                                      "unsnoozeOnCustomerReply": true}});
        let out = env.ok("update-conversation", &snooze.to_string()).await;
        assert_eq!(out["applied"], json!(["snooze"]));
        let c = env.ok("get-conversation", r#"{"id": 5000001}"#).await;
        assert_eq!(c["snooze"]["snoozedUntil"], "2099-01-01T09:00:00Z");
        let past = json!({"id": 5000001, "snooze": {"snoozedUntil": "2001-01-01T00:00:00Z",
                                                    "unsnoozeOnCustomerReply": false}});
        let e = env.err("update-conversation", &past.to_string()).await;
        assert_eq!(validation_path(&e), "snooze.snoozedUntil");
        env.ok("update-conversation", r#"{"id": 5000001, "snooze": null}"#)
            .await;
        let c = env.ok("get-conversation", r#"{"id": 5000001}"#).await;
        assert!(c.get("snooze").is_none());

        let imported = json!({"subject": "Old", "mailboxId": 1001, "type": "email", "status": "closed",
            "customer": {"id": 7000001}, "imported": true, "createdAt": "2020-01-01T10:00:00Z",
            "closedAt": "2020-01-02T10:00:00Z",
            "threads": [{"type": "customer", "customer": {"id": 7000001}, "text": "t",
                         "imported": true, "createdAt": "2020-01-01T10:00:00Z"}]});
        let id = env.ok("create-conversation", &imported.to_string()).await["id"].clone();
        let c = env
            .ok("get-conversation", &json!({"id": id}).to_string())
            .await;
        assert_eq!(c["closedAt"], "2020-01-02T10:00:00Z");
        let mut not_imported = imported.clone();
        not_imported["imported"] = json!(false);
        let e = env
            .err("create-conversation", &not_imported.to_string())
            .await;
        assert!(matches!(e, ConnectorError::Validation(_)), "{e:?}");
    });
}

#[test]
fn dropdown_filters_take_labels() {
    block_on(async {
        let env = Env::start().await;
        let by_id = json!({"mailbox": 1001, "status": "all", "limit": 1000,
                           "customFieldsByIds": [{"id": 201, "value": "3003"}]});
        let by_label = json!({"mailbox": 1001, "status": "all", "limit": 1000,
                              "customFieldsByIds": [{"id": 201, "value": "High"}]});
        let expected = ids(&env.ok("find-conversations", &by_id.to_string()).await);
        assert!(!expected.is_empty());
        let found = ids(&env.ok("find-conversations", &by_label.to_string()).await);
        assert_eq!(found, expected);
        let all_mailboxes = json!({"status": "all", "limit": 1000,
                                   "customFieldsByIds": [{"id": 201, "value": "high"}]});
        assert_eq!(
            ids(&env
                .ok("find-conversations", &all_mailboxes.to_string())
                .await),
            expected
        );
        let unknown = json!({"customFieldsByIds": [{"id": 201, "value": "Urgent"}]});
        let e = env.err("find-conversations", &unknown.to_string()).await;
        assert_eq!(validation_path(&e), "customFieldsByIds[0].value");
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
fn a_draft_reply_is_not_a_status_change() {
    block_on(async {
        let env = Env::start().await;
        let (_, cursor) = poll(&env, "conversation-status-changed", json!({})).await;
        let draft = json!({"conversationId": 5000002, "type": "reply", "text": "Not yet",
                           "customer": {"id": 7000002}, "draft": true, "status": "closed"});
        env.ok("create-thread", &draft.to_string()).await;
        let (events, cursor) = poll(
            &env,
            "conversation-status-changed",
            json!({"cursor": cursor}),
        )
        .await;
        assert!(events.is_empty(), "{events:?}");
        let close = json!({"id": 5000002, "status": "closed"});
        env.ok("update-conversation", &close.to_string()).await;
        let (events, _) = poll(
            &env,
            "conversation-status-changed",
            json!({"cursor": cursor}),
        )
        .await;
        assert_eq!(events.len(), 1);
        assert_eq!(events[0]["data"]["statusChange"]["to"], "closed");
    });
}

#[test]
fn a_scan_cut_at_its_bound_never_skips_a_new_customer() {
    block_on(async {
        let env = Env::start().await;
        let t0 = 1_900_000_000;
        let since = "2030-03-17T17:46:40Z"; // t0
        let early = customer_with_email(&env, "early@example.com").await;
        let middle = customer_with_email(&env, "middle@example.com").await;
        let late = customer_with_email(&env, "late@example.com").await;
        // Created first but modified last, so a scan by modification reads it after the others.
        assert!(env.sim.set_customer_times(early, t0 + 10, t0 + 40));
        assert!(env.sim.set_customer_times(middle, t0 + 20, t0 + 20));
        assert!(env.sim.set_customer_times(late, t0 + 30, t0 + 30));
        let mut cursor = json!({"since": since, "seen": []});
        let mut reported = Vec::new();
        for _ in 0..5 {
            let input = json!({"cursor": cursor, "scanLimit": 1});
            let (events, next) = poll(&env, "new-customer", input).await;
            reported.extend(events.iter().map(|e| e["id"].as_u64().unwrap()));
            cursor = next;
        }
        assert_eq!(reported, [early, middle, late]);
    });
}

#[test]
fn every_event_has_an_id_that_tells_changes_apart() {
    block_on(async {
        let env = Env::start().await;
        let (_, cursor) = poll(&env, "conversation-status-changed", json!({})).await;
        let current = env.ok("get-conversation", r#"{"id": 5000004}"#).await["status"].clone();
        let other = if current == "pending" {
            "closed"
        } else {
            "pending"
        };
        for status in [other, current.as_str().unwrap()] {
            let change = json!({"id": 5000004, "status": status});
            env.ok("update-conversation", &change.to_string()).await;
        }
        let again = json!({"cursor": cursor});
        let (events, _) = poll(&env, "conversation-status-changed", again.clone()).await;
        assert_eq!(events.len(), 2);
        let event_ids: Vec<&str> = events
            .iter()
            .map(|e| e["eventId"].as_str().unwrap())
            .collect();
        assert_ne!(event_ids[0], event_ids[1], "two changes, two ids");
        assert_eq!(events[0]["id"], events[1]["id"], "of one conversation");
        let (repeated, _) = poll(&env, "conversation-status-changed", again).await;
        let repeated_ids: Vec<&str> = repeated
            .iter()
            .map(|e| e["eventId"].as_str().unwrap())
            .collect();
        assert_eq!(repeated_ids, event_ids, "stable across polls");

        let (_, cursor) = poll(&env, "new-conversation", json!({})).await;
        let input = json!({"subject": "Ids", "mailboxId": 1001, "type": "email", "status": "active",
            "customer": {"id": 7000001}, "threads": [{"type": "customer", "customer": {"id": 7000001}, "text": "t"}]});
        let id = env.ok("create-conversation", &input.to_string()).await["id"].clone();
        let (events, _) = poll(&env, "new-conversation", json!({"cursor": cursor})).await;
        let body = env
            .ok(
                "get-conversation",
                &json!({"id": id, "embedThreads": false}).to_string(),
            )
            .await;
        let delivered = host_test::webhooks::replay(
            common::runtime(),
            body.to_string().as_bytes(),
            "convo.created",
            "s",
            None,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(
            events[0]["eventId"],
            json!(delivered.event_id),
            "the same id by webhook and poll"
        );
    });
}

#[test]
fn test_connection_names_the_user_behind_the_credentials() {
    block_on(async {
        let env = Env::start().await;
        let user = env.ok("test-connection", "{}").await;
        assert_eq!(user["id"], 301);
        assert!(user["email"].as_str().unwrap().contains('@'));
        let conn = env.conn_with(host_test::bindings::Credentials::AccessToken(
            "wrong".into(),
        ));
        let e = common::runtime()
            .invoke(&conn, "test-connection", "{}")
            .await
            .unwrap();
        assert!(matches!(e, Err(ConnectorError::Unauthorized(_))), "{e:?}");
    });
}
