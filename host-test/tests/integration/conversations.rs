//! find-conversations and get-conversation through the real component against the simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, ids, runtime, validation_path};
use host_test::bindings::ConnectorError;
use host_test::bindings::conversations::{
    FindConversationsInput, GetConversationInput, StatusFilter,
};
use serde_json::json;
use std::collections::HashSet;

#[test]
fn pagination_follows_next_links_up_to_the_limit() {
    block_on(async {
        let env = Env::start().await;
        let out = env
            .ok("find-conversations", r#"{"status": "all", "limit": 60}"#)
            .await;
        let ids = ids(&out);
        assert_eq!(ids.len(), 60);
        assert_eq!(
            ids.iter().collect::<HashSet<_>>().len(),
            60,
            "duplicates across pages"
        );
        let requests = env.api_requests();
        assert_eq!(
            requests.len(),
            3,
            "3 pages of 25 for 60 items: {requests:?}"
        );
        for r in &requests {
            let query = r
                .path_and_query
                .split_once('?')
                .map(|(_, q)| q)
                .unwrap_or("");
            let keys: Vec<&str> = query
                .split('&')
                .map(|kv| kv.split('=').next().unwrap())
                .collect();
            let unique: HashSet<&&str> = keys.iter().collect();
            assert_eq!(
                keys.len(),
                unique.len(),
                "duplicated query parameter in {}",
                r.path_and_query
            );
            assert!(
                query.contains("status=all"),
                "filter lost on {}",
                r.path_and_query
            );
        }
    });
}

#[test]
fn default_limit_is_100_and_all_pages_end_cleanly() {
    block_on(async {
        let env = Env::start().await;
        assert_eq!(
            ids(&env.ok("find-conversations", r#"{"status": "all"}"#).await).len(),
            100
        );
        let all = env
            .ok(
                "find-conversations",
                r#"{"status": "all", "limit": 100000}"#,
            )
            .await;
        assert!(
            ids(&all).len() >= 120,
            "seed has at least 120 conversations"
        );
    });
}

#[test]
fn every_contract_filter_is_sent_and_applied() {
    block_on(async {
        let env = Env::start().await;
        let input = r#"{"mailbox": 1001, "status": "all", "tag": "vip", "assignedTo": 301,
            "modifiedSince": "2019-06-01T00:00:00Z", "query": "(subject:\"refund\")", "limit": 100}"#;
        let out = env.ok("find-conversations", input).await;
        let items = out["items"].as_array().unwrap();
        assert!(!items.is_empty(), "the seed has a matching conversation");
        let everything = env
            .ok("find-conversations", r#"{"status": "all", "limit": 1000}"#)
            .await;
        assert!(
            items.len() < ids(&everything).len(),
            "the filters narrowed nothing"
        );
        for c in items {
            assert_eq!(c["mailboxId"], 1001);
            assert_eq!(c["assignee"]["id"], 301);
            assert!(
                c["tags"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t["tag"] == "vip")
            );
            assert!(
                c["subject"]
                    .as_str()
                    .unwrap()
                    .to_lowercase()
                    .contains("refund")
            );
        }
        let sent = &env.api_requests()[0].path_and_query;
        for part in [
            "mailbox=1001",
            "status=all",
            "tag=vip",
            "assigned_to=301",
            "modifiedSince=2019-06-01T00%3A00%3A00Z",
            "query=",
        ] {
            assert!(sent.contains(part), "{part} missing from {sent}");
        }
    });
}

#[test]
fn status_and_mailbox_filters_narrow_results() {
    block_on(async {
        let env = Env::start().await;
        let closed = env
            .ok(
                "find-conversations",
                r#"{"status": "closed", "limit": 1000}"#,
            )
            .await;
        assert!(!ids(&closed).is_empty());
        assert!(
            closed["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["status"] == "closed")
        );
        let active = env.ok("find-conversations", r#"{"limit": 1000}"#).await;
        assert!(
            active["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["status"] == "active")
        );
        let two = env
            .ok(
                "find-conversations",
                r#"{"mailbox": [1001, 1002], "status": "all", "limit": 1000}"#,
            )
            .await;
        assert!(
            two["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["mailboxId"] == 1001 || c["mailboxId"] == 1002)
        );
    });
}

#[test]
fn typed_find_matches_the_json_entry() {
    block_on(async {
        let env = Env::start().await;
        let input = FindConversationsInput {
            mailbox: vec![],
            folder: None,
            status: Some(StatusFilter::All),
            tag: vec![],
            assigned_to: None,
            modified_since: None,
            number: None,
            query: None,
            custom_fields: vec![],
            sort_field: None,
            sort_order: None,
            embed_threads: true,
            limit: Some(30),
            next: None,
        };
        let conn = env.conn();
        let typed = runtime()
            .call(async |c, s| {
                let conversations = c.helpscout_connector_conversations();
                conversations
                    .call_find_conversations(s, &conn, &input)
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        let json = env
            .ok(
                "find-conversations",
                r#"{"status": "all", "limit": 30, "embedThreads": true}"#,
            )
            .await;
        assert_eq!(
            typed.items.iter().map(|c| c.id).collect::<Vec<_>>(),
            ids(&json)
        );
        assert!(
            typed
                .items
                .iter()
                .all(|c| c.threads.as_ref().is_some_and(|t| !t.is_empty()))
        );
        assert!(
            typed
                .items
                .iter()
                .all(|c| !c.raw_json.is_empty() && c.number > 0)
        );
        // One vocabulary: the typed page continues exactly as the JSON one.
        assert!(typed.has_more);
        assert_eq!(json["hasMore"], true);
        assert_eq!(typed.next.as_deref(), json["next"].as_str());
    });
}

#[test]
fn get_conversation_embeds_threads_unless_declined() {
    block_on(async {
        let env = Env::start().await;
        let id = ids(&env.ok("find-conversations", r#"{"limit": 1}"#).await)[0];
        let full = env
            .ok("get-conversation", &format!(r#"{{"id": {id}}}"#))
            .await;
        assert_eq!(full["id"], id);
        assert!(!full["_embedded"]["threads"].as_array().unwrap().is_empty());
        let bare = env
            .ok(
                "get-conversation",
                &format!(r#"{{"id": {id}, "embedThreads": false}}"#),
            )
            .await;
        assert!(
            bare.get("_embedded")
                .and_then(|e| e.get("threads"))
                .is_none()
        );
        let conn = env.conn();
        let input = GetConversationInput {
            id,
            embed_threads: None,
        };
        let typed = runtime()
            .call(async |c, s| {
                let conversations = c.helpscout_connector_conversations();
                conversations.call_get_conversation(s, &conn, input).await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(typed.id, id);
        assert_eq!(typed.threads.unwrap().len() as u64, typed.thread_count);
    });
}

#[test]
fn unknown_conversation_is_not_found() {
    block_on(async {
        let env = Env::start().await;
        let e = env.err("get-conversation", r#"{"id": 999999999}"#).await;
        assert!(matches!(e, ConnectorError::NotFound(_)), "{e:?}");
    });
}

#[test]
fn bad_input_is_a_validation_error_and_sends_nothing() {
    block_on(async {
        let env = Env::start().await;
        let cases = [
            ("find-conversations", r#"{"status": "bogus"}"#, "status"),
            (
                "find-conversations",
                r#"{"modifiedSince": "yesterday"}"#,
                "modifiedSince",
            ),
            ("find-conversations", r#"{"limit": 0}"#, "limit"),
            ("find-conversations", r#"{"mailbox": "one"}"#, "mailbox"),
            (
                "find-conversations",
                r#"{"unknownFilter": 1}"#,
                "unknownFilter",
            ),
            ("get-conversation", r#"{}"#, "id"),
            ("get-conversation", r#"{"id": "../../users"}"#, "id"),
            ("get-conversation", r#"{"id": 0}"#, "id"),
            ("get-conversation", "[]", "input"),
            ("get-conversation", "{not json", "input"),
            ("no-such-action", "{}", "name"),
        ];
        for (action, input, field) in cases {
            let e = env.err(action, input).await;
            assert_eq!(validation_path(&e), field, "{action} {input}");
        }
        let ids: Vec<u64> = (1..=101).collect();
        let emails = vec![json!({"value": "a@example.com"}); 51];
        let absurd = [
            ("find-conversations", json!({"mailbox": ids}), "mailbox"),
            (
                "find-conversations",
                json!({"query": "x".repeat(8001)}),
                "query",
            ),
            (
                "update-conversation",
                json!({"id": 1, "tags": vec!["t"; 101]}),
                "tags",
            ),
            (
                "create-thread",
                json!({"conversationId": 1, "type": "note", "text": "x".repeat(100_001)}),
                "text",
            ),
            (
                "create-customer",
                json!({"firstName": "A", "emails": emails}),
                "emails",
            ),
        ];
        for (action, input, field) in absurd {
            let e = env.err(action, &input.to_string()).await;
            assert_eq!(validation_path(&e), field, "{action}");
        }
        assert!(
            env.api_requests().is_empty(),
            "requests were sent: {:?}",
            env.api_requests()
        );
    });
}
