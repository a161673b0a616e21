//! The edits, deletes and the raw call through the real component: tags added and taken off
//! with the others kept, a thread's text and visibility, deletes (never replayed), a customer
//! and a conversation found or created once, a manual workflow run, and `api-request` held to
//! `/v2/` paths.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, validation_path};
use helpscout_simulator::Fault;
use host_test::bindings::ConnectorError;
use serde_json::{Value, json};

fn tags(conversation: &Value) -> Vec<String> {
    let mut tags: Vec<String> = conversation["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap().to_string())
        .collect();
    tags.sort();
    tags
}

fn writes(env: &Env) -> Vec<(String, String)> {
    env.api_requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| (r.method, r.path_and_query))
        .collect()
}

#[test]
fn tags_are_added_and_taken_off_without_losing_the_others() {
    block_on(async {
        let env = Env::start().await;
        env.ok(
            "update-conversation",
            r#"{"id": 5000005, "tags": ["alpha", "beta"]}"#,
        )
        .await;
        let out = env
            .ok(
                "update-conversation",
                r#"{"id": 5000005, "addTags": ["gamma", "ALPHA"]}"#,
            )
            .await;
        assert_eq!(out["applied"], json!(["tags"]));
        let got = env.ok("get-conversation", r#"{"id": 5000005}"#).await;
        assert_eq!(tags(&got), ["alpha", "beta", "gamma"]);
        env.ok(
            "update-conversation",
            r#"{"id": 5000005, "removeTags": ["Beta"]}"#,
        )
        .await;
        let got = env.ok("get-conversation", r#"{"id": 5000005}"#).await;
        assert_eq!(tags(&got), ["alpha", "gamma"]);
        let both = env
            .err(
                "update-conversation",
                r#"{"id": 5000005, "tags": [], "addTags": ["x"]}"#,
            )
            .await;
        assert_eq!(validation_path(&both), "tags");
    });
}

#[test]
fn a_threads_text_and_visibility_are_updated() {
    block_on(async {
        let env = Env::start().await;
        let note = env
            .ok(
                "create-thread",
                r#"{"conversationId": 5000006, "type": "customer", "text": "Typo"}"#,
            )
            .await;
        let thread = note["id"].as_u64().unwrap();
        let input =
            json!({"conversationId": 5000006, "threadId": thread, "text": "Fixed", "hidden": true});
        let out = env.ok("update-thread", &input.to_string()).await;
        assert_eq!(out["applied"], json!(["text", "hidden"]));
        let listed = env
            .ok("list-threads", r#"{"conversationId": 5000006}"#)
            .await;
        let got = listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == thread)
            .unwrap();
        assert_eq!(got["body"], "Fixed");
        let nothing = json!({"conversationId": 5000006, "threadId": thread});
        assert_eq!(
            validation_path(&env.err("update-thread", &nothing.to_string()).await),
            "text"
        );
    });
}

#[test]
fn deletes_remove_and_are_never_replayed() {
    block_on(async {
        let env = Env::start().await;
        let out = env.ok("delete-conversation", r#"{"id": 5000140}"#).await;
        assert_eq!(out, json!({"id": 5000140, "deleted": true}));
        let gone = env.err("get-conversation", r#"{"id": 5000140}"#).await;
        assert!(matches!(gone, ConnectorError::NotFound(_)), "{gone:?}");
        env.sim.inject(
            "applied=500:DELETE:/v2/customers:1"
                .parse::<Fault>()
                .unwrap(),
        );
        let error = env.err("delete-customer", r#"{"id": 7000059}"#).await;
        assert!(
            matches!(error, ConnectorError::UnknownOutcome(_)),
            "{error:?}"
        );
        let deletes = writes(&env)
            .into_iter()
            .filter(|(m, p)| m == "DELETE" && p.starts_with("/v2/customers"))
            .count();
        assert_eq!(deletes, 1, "never sent twice");
        let gone = env.err("get-customer", r#"{"id": 7000059}"#).await;
        assert!(
            matches!(gone, ConnectorError::NotFound(_)),
            "applied once: {gone:?}"
        );
        env.ok("delete-customer", r#"{"id": 7000058, "async": true}"#)
            .await;
        assert!(
            writes(&env)
                .iter()
                .any(|(_, p)| p == "/v2/customers/7000058?async=true")
        );
    });
}

#[test]
fn find_or_create_makes_one_customer_and_finds_it_again() {
    block_on(async {
        let env = Env::start().await;
        let input = json!({"email": "once@example.com", "firstName": "Once", "lastName": "Only"});
        let first = env.ok("find-or-create-customer", &input.to_string()).await;
        assert_eq!(first["created"], true);
        let second = env.ok("find-or-create-customer", &input.to_string()).await;
        assert_eq!(
            (second["id"].clone(), second["created"].clone()),
            (first["id"].clone(), json!(false))
        );
        let posts = writes(&env).iter().filter(|(m, _)| m == "POST").count();
        assert_eq!(posts, 1);
        let existing = json!({"email": "OLIVIA.SMITH@example.com"});
        let found = env
            .ok("find-or-create-customer", &existing.to_string())
            .await;
        assert_eq!(
            (found["id"].clone(), found["created"].clone()),
            (json!(7000001), json!(false))
        );
        let bad = json!({"email": "x"});
        assert_eq!(
            validation_path(&env.err("find-or-create-customer", &bad.to_string()).await),
            "email"
        );
    });
}

#[test]
fn find_or_create_makes_one_conversation_and_never_takes_a_near_miss() {
    block_on(async {
        let env = Env::start().await;
        let input = |subject: &str| {
            json!({"subject": subject, "mailboxId": 1001, "type": "email", "status": "active",
                   "customer": {"email": "Once.Only@example.com"},
                   "threads": [{"type": "customer", "text": "Where is it?"}]})
            .to_string()
        };
        let first = env
            .ok("find-or-create-conversation", &input("Where is my order?"))
            .await;
        assert_eq!(first["created"], true, "{first}");
        let again = env
            .ok(
                "find-or-create-conversation",
                &input(" Where is my order? "),
            )
            .await;
        assert_eq!(
            (again["id"].clone(), again["created"].clone()),
            (first["id"].clone(), json!(false))
        );
        let posts = |env: &Env| {
            writes(env)
                .iter()
                .filter(|(m, p)| m == "POST" && p == "/v2/conversations")
                .count()
        };
        assert_eq!(posts(&env), 1);
        // Help Scout's `subject:` matches by "contains": a shorter subject is another conversation.
        let shorter = env
            .ok("find-or-create-conversation", &input("Where is my order"))
            .await;
        assert_eq!(shorter["created"], true);
        assert_ne!(shorter["id"], first["id"]);
        assert_eq!(posts(&env), 2);

        let seeded = env.ok("get-conversation", r#"{"id": 5000001}"#).await;
        let customer = seeded["primaryCustomer"]["id"].clone();
        let same = json!({"subject": seeded["subject"], "mailboxId": seeded["mailboxId"],
                          "type": "email", "status": "active", "customer": {"id": customer},
                          "threads": [{"type": "customer", "text": "again"}]});
        let found = env
            .ok("find-or-create-conversation", &same.to_string())
            .await;
        assert_eq!(found["created"], false, "{found}");
        let found = env
            .ok("get-conversation", &json!({"id": found["id"]}).to_string())
            .await;
        assert_eq!(
            (&found["subject"], &found["primaryCustomer"]["id"]),
            (&seeded["subject"], &customer)
        );
        assert_eq!(posts(&env), 2);
        let bad = json!({"subject": "", "mailboxId": 1001});
        let error = env
            .err("find-or-create-conversation", &bad.to_string())
            .await;
        assert!(matches!(error, ConnectorError::Validation(_)), "{error:?}");
    });
}

#[test]
fn a_manual_workflow_runs_on_conversations_of_its_mailbox() {
    block_on(async {
        let env = Env::start().await;
        let workflows = env
            .ok("list-workflows", r#"{"mailboxId": 1001, "type": "manual"}"#)
            .await;
        let close = workflows["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["name"] == "Close")
            .unwrap()["id"]
            .clone();
        let found = env
            .ok(
                "find-conversations",
                r#"{"mailbox": 1001, "status": "active", "limit": 2}"#,
            )
            .await;
        let targets: Vec<u64> = common::ids(&found);
        let out = env
            .ok(
                "run-workflow",
                &json!({"id": close, "conversationIds": targets}).to_string(),
            )
            .await;
        assert_eq!(out["ran"], true);
        for id in &targets {
            let got = env
                .ok("get-conversation", &json!({"id": id}).to_string())
                .await;
            assert_eq!(got["status"], "closed", "{id}");
        }
        let none = json!({"id": close, "conversationIds": []});
        assert_eq!(
            validation_path(&env.err("run-workflow", &none.to_string()).await),
            "conversationIds"
        );
    });
}

#[test]
fn api_request_reaches_any_v2_endpoint_and_nothing_else() {
    block_on(async {
        let env = Env::start().await;
        let got = env
            .ok(
                "api-request",
                r#"{"method": "GET", "path": "/v2/mailboxes/1001/folders"}"#,
            )
            .await;
        assert_eq!(got["status"], 200);
        assert!(got["body"]["_embedded"]["folders"].is_array());
        let query = json!({"method": "GET", "path": "/v2/conversations",
                           "query": {"mailbox": [1001, 1002], "status": "all"}});
        env.ok("api-request", &query.to_string()).await;
        assert!(
            env.api_requests()
                .iter()
                .any(|r| r.path_and_query.contains("mailbox=1001%2C1002"))
        );
        let created = env
            .ok(
                "api-request",
                r#"{"method": "POST", "path": "/v2/customers", "body": {"firstName": "Raw"}}"#,
            )
            .await;
        assert_eq!(
            (created["status"].clone(), created["body"].clone()),
            (json!(201), Value::Null)
        );
        assert!(created["id"].is_u64());
        let before = env.api_requests().len();
        for path in [
            "https://evil.example/v2/users",
            "/v2/../admin",
            "/v3/users",
            "/v2/users?x=1",
            "/v2/oauth2/token",
        ] {
            let input = json!({"method": "GET", "path": path});
            assert_eq!(
                validation_path(&env.err("api-request", &input.to_string()).await),
                "path",
                "{path}"
            );
        }
        assert_eq!(env.api_requests().len(), before, "nothing sent");
        let missing = env
            .err(
                "api-request",
                r#"{"method": "GET", "path": "/v2/customers/1"}"#,
            )
            .await;
        assert!(
            matches!(missing, ConnectorError::NotFound(_)),
            "{missing:?}"
        );
    });
}
