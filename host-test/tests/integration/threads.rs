//! create-thread through the real component against the simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, validation_path};
use host_test::bindings::ConnectorError;
use serde_json::{Value, json};

async fn threads_of(env: &Env, id: u64) -> Vec<Value> {
    let got = env
        .ok("get-conversation", &json!({"id": id}).to_string())
        .await;
    got["_embedded"]["threads"].as_array().unwrap().clone()
}

#[test]
fn every_kind_goes_to_its_endpoint_and_returns_the_new_id() {
    block_on(async {
        let env = Env::start().await;
        let kinds = [
            ("reply", "message", "/reply"),
            ("note", "note", "/notes"),
            ("customer", "customer", "/customer"),
            ("chat", "chat", "/chats"),
            ("phone", "phone", "/phones"),
        ];
        for (kind, shown_as, endpoint) in kinds {
            let input =
                json!({"conversationId": 5000002, "type": kind, "text": format!("a {kind}")});
            let out = env.ok("create-thread", &input.to_string()).await;
            let id = out["id"].as_u64().unwrap();
            let thread = threads_of(&env, 5000002)
                .await
                .into_iter()
                .find(|t| t["id"] == id)
                .unwrap();
            assert_eq!(thread["type"], shown_as, "{kind}");
            let posted = env
                .api_requests()
                .into_iter()
                .rfind(|r| r.method == "POST")
                .unwrap();
            assert!(
                posted.path_and_query.ends_with(endpoint),
                "{kind}: {}",
                posted.path_and_query
            );
        }
    });
}

#[test]
fn contract_note_and_a_reply_with_every_option() {
    block_on(async {
        let env = Env::start().await;
        let note = env
            .ok(
                "create-thread",
                r#"{"conversationId": 5000003, "type": "note", "text": "t"}"#,
            )
            .await;
        assert!(note["id"].is_u64());
        let input = json!({"conversationId": 5000003, "type": "reply", "text": "Here you go",
            "customer": {"id": 7000001}, "user": 302, "status": "closed",
            "cc": ["cc@example.com"], "bcc": ["bcc@example.com"],
            "attachments": [{"fileName": "invoice.pdf", "mimeType": "application/pdf", "data": "JVBERi0xLjQK"}]});
        let out = env.ok("create-thread", &input.to_string()).await;
        let id = out["id"].as_u64().unwrap();
        let thread = threads_of(&env, 5000003)
            .await
            .into_iter()
            .find(|t| t["id"] == id)
            .unwrap();
        assert_eq!(thread["cc"], json!(["cc@example.com"]));
        assert_eq!(thread["bcc"], json!(["bcc@example.com"]));
        assert_eq!(
            thread["_embedded"]["attachments"][0]["filename"],
            "invoice.pdf"
        );
        let conversation = env
            .ok(
                "get-conversation",
                r#"{"id": 5000003, "embedThreads": false}"#,
            )
            .await;
        assert_eq!(conversation["status"], "closed");
    });
}

#[test]
fn a_reply_without_customer_goes_to_the_primary_customer() {
    block_on(async {
        let env = Env::start().await;
        let out = env
            .ok(
                "create-thread",
                r#"{"conversationId": 5000001, "type": "reply", "text": "hi"}"#,
            )
            .await;
        let id = out["id"].as_u64().unwrap();
        let thread = threads_of(&env, 5000001)
            .await
            .into_iter()
            .find(|t| t["id"] == id)
            .unwrap();
        assert_eq!(thread["customer"]["id"], 7000001);
    });
}

#[test]
fn bad_threads_are_rejected_before_sending() {
    block_on(async {
        let env = Env::start().await;
        let big = "A".repeat(14 * 1024 * 1024);
        let cases = [
            (
                json!({"conversationId": 5000001, "type": "note", "text": ""}),
                "text",
            ),
            (
                json!({"conversationId": 5000001, "type": "memo", "text": "x"}),
                "type",
            ),
            (json!({"type": "note", "text": "x"}), "conversationId"),
            (
                json!({"conversationId": "5000001/notes", "type": "note", "text": "x"}),
                "conversationId",
            ),
            (
                json!({"conversationId": 5000001, "type": "note", "text": "x", "cc": ["nope"]}),
                "cc[0]",
            ),
            (
                json!({"conversationId": 5000001, "type": "note", "text": "x",
                    "attachments": [{"fileName": "a.txt", "mimeType": "text/plain", "data": "not base64!"}]}),
                "attachments[0].data",
            ),
            (
                json!({"conversationId": 5000001, "type": "note", "text": "x",
                    "attachments": [{"fileName": "a.bin", "mimeType": "application/octet-stream", "data": big}]}),
                "attachments[0].data",
            ),
        ];
        for (input, path) in cases {
            let e = env.err("create-thread", &input.to_string()).await;
            assert_eq!(validation_path(&e), path);
        }
        assert!(env.api_requests().is_empty());
    });
}

#[test]
fn unknown_conversations_and_full_conversations() {
    block_on(async {
        let env = Env::start().await;
        let e = env
            .err(
                "create-thread",
                r#"{"conversationId": 999999999, "type": "note", "text": "x"}"#,
            )
            .await;
        assert!(matches!(e, ConnectorError::NotFound(_)), "{e:?}");
        let threads = vec![json!({"type": "note", "text": "n"}); 99];
        let create = json!({"subject": "full", "mailboxId": 1001, "type": "email", "status": "active",
                            "customer": {"id": 7000001}, "threads": threads});
        let id = env.ok("create-conversation", &create.to_string()).await["id"]
            .as_u64()
            .unwrap();
        let input = json!({"conversationId": id, "type": "note", "text": "one too many"});
        let e = env.err("create-thread", &input.to_string()).await;
        assert!(matches!(e, ConnectorError::PreconditionFailed(_)), "{e:?}");
    });
}
