//! Inputs and requests as Help Scout's pages state them, through the real component: each
//! thread type's statuses, customer entry types, customer sort fields and the address endpoints
//! are checked or used before anything is sent; writes to a merged conversation reach the
//! conversation it was merged into; a customer thread re-opens its conversation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, validation_path};
use serde_json::json;

fn writes(env: &Env) -> Vec<(String, String)> {
    env.api_requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| (r.method, r.path_and_query))
        .collect()
}

#[test]
fn each_thread_type_takes_the_statuses_its_create_page_lists() {
    block_on(async {
        let env = Env::start().await;
        let note = json!({"conversationId": 5000007, "type": "note", "text": "n",
                          "status": "inbox_predefined"});
        env.ok("create-thread", &note.to_string()).await;
        let reply = json!({"conversationId": 5000007, "type": "reply", "text": "r",
                           "status": "inbox_predefined"});
        let error = env.err("create-thread", &reply.to_string()).await;
        assert_eq!(validation_path(&error), "status");
        assert_eq!(
            writes(&env).len(),
            1,
            "the reply's status was refused before sending"
        );
        // `all` is on older copies of Create Note, not on the newest, which the simulator
        // follows: the connector sends it, Help Scout refuses it.
        let note_all =
            json!({"conversationId": 5000007, "type": "note", "text": "n", "status": "all"});
        let error = env.err("create-thread", &note_all.to_string()).await;
        assert!(
            matches!(error, host_test::bindings::ConnectorError::Validation(_)),
            "{error:?}"
        );
        assert_eq!(writes(&env).len(), 2);
    });
}

#[test]
fn customer_entry_types_and_sort_fields_are_checked_before_sending() {
    block_on(async {
        let env = Env::start().await;
        let bad = json!({"firstName": "T", "phones": [{"type": "cell", "value": "1"}],
                         "socialProfiles": [{"type": "myspace", "value": "me"}]});
        let error = env.err("create-customer", &bad.to_string()).await;
        let host_test::bindings::ConnectorError::Validation(fields) = error else {
            panic!("{error:?}")
        };
        let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["phones[0].type", "socialProfiles[0].type"]);
        let good = json!({"firstName": "T", "phones": [{"type": "mobile", "value": "1"}],
                          "socialProfiles": [{"type": "forsquare", "value": "me"}]});
        env.ok("create-customer", &good.to_string()).await;
        let error = env.err("find-customers", r#"{"sortField": "score"}"#).await;
        assert_eq!(validation_path(&error), "sortField");
        assert_eq!(writes(&env).len(), 1);
    });
}

#[test]
fn an_address_goes_through_the_address_endpoints() {
    block_on(async {
        let env = Env::start().await;
        let created = env.ok("create-customer", r#"{"firstName": "Addr"}"#).await;
        let id = created["id"].as_u64().unwrap();
        let set = json!({"id": id, "jobTitle": "Chef", "address": {"city": "Prague", "lines": ["Main 1"]}});
        let out = env.ok("update-customer", &set.to_string()).await;
        assert_eq!(out["applied"], json!(["customer", "address"]));
        let moved = json!({"id": id, "address": {"city": "Brno"}});
        env.ok("update-customer", &moved.to_string()).await;
        let cleared = json!({"id": id, "address": null});
        env.ok("update-customer", &cleared.to_string()).await;
        let address = format!("/v2/customers/{id}/address");
        let sent: Vec<(String, String)> = writes(&env).into_iter().skip(1).collect();
        assert_eq!(
            sent,
            [
                ("PATCH".to_string(), format!("/v2/customers/{id}")),
                ("POST".to_string(), address.clone()),
                ("PUT".to_string(), address.clone()),
                ("DELETE".to_string(), address),
            ]
        );
        let patch = env
            .api_requests()
            .into_iter()
            .find(|r| r.method == "PATCH")
            .unwrap();
        assert!(!patch.body.unwrap().to_string().contains("/address"));
        let customer = env.ok("get-customer", &json!({"id": id}).to_string()).await;
        assert!(
            customer["_embedded"]["address"].get("city").is_none(),
            "{customer}"
        );
    });
}

#[test]
fn writes_to_a_merged_conversation_reach_the_one_it_was_merged_into() {
    block_on(async {
        let env = Env::start().await;
        assert!(env.sim.merge(5000011, 5000012));
        let out = env
            .ok(
                "update-conversation",
                r#"{"id": 5000011, "status": "pending", "tags": ["merged"]}"#,
            )
            .await;
        assert_eq!(out["id"], 5000012);
        assert_eq!(out["applied"], json!(["status", "tags"]));
        let thread = json!({"conversationId": 5000011, "type": "note", "text": "after the merge"});
        let made = env.ok("create-thread", &thread.to_string()).await;
        assert!(made["id"].is_u64());
        let survivor = env.ok("get-conversation", r#"{"id": 5000012}"#).await;
        assert_eq!(survivor["status"], "pending");
        assert_eq!(survivor["tags"][0]["tag"], "merged");
        let notes: Vec<&str> = survivor["_embedded"]["threads"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|t| t["body"].as_str())
            .collect();
        assert!(notes.contains(&"after the merge"), "{notes:?}");
        let moved = env.ok("get-conversation", r#"{"id": 5000011}"#).await;
        assert_eq!(moved["id"], 5000012, "a read follows the 301");
    });
}

#[test]
fn a_customer_thread_reopens_its_conversation() {
    block_on(async {
        let env = Env::start().await;
        env.ok(
            "update-conversation",
            r#"{"id": 5000013, "status": "closed"}"#,
        )
        .await;
        let thread = json!({"conversationId": 5000013, "type": "customer", "text": "Still broken"});
        env.ok("create-thread", &thread.to_string()).await;
        let got = env.ok("get-conversation", r#"{"id": 5000013}"#).await;
        assert_eq!(got["status"], "active");
        let imported = json!({"conversationId": 5000013, "type": "customer", "text": "old",
                              "imported": true, "createdAt": "2020-01-01T00:00:00Z"});
        env.ok(
            "update-conversation",
            r#"{"id": 5000013, "status": "closed"}"#,
        )
        .await;
        env.ok("create-thread", &imported.to_string()).await;
        let got = env.ok("get-conversation", r#"{"id": 5000013}"#).await;
        assert_eq!(
            got["status"], "closed",
            "an imported thread changes nothing"
        );
    });
}
