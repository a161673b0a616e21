//! `host-test mcp` below the protocol: the server's tools and calls through the real component
//! (the protocol itself is driven by the official Python SDK in tests/mcp, scripts/mcp-test).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::block_on;
use helpscout_simulator::credentials;
use host_test::connect::{GivenCredentials, connect};
use host_test::mcp::Server;
use host_test::runtime::EMBEDDED_COMPONENT;
use serde_json::{Map, Value, json};

fn arguments(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

async fn start(given: &GivenCredentials, writes: bool) -> Server {
    let target = connect(EMBEDDED_COMPONENT, None, given).await.unwrap();
    Server::new(target, writes).await.unwrap()
}

fn text(result: &rmcp::model::CallToolResult) -> Value {
    let content = serde_json::to_value(&result.content).unwrap();
    serde_json::from_str(content[0]["text"].as_str().unwrap()).unwrap()
}

#[test]
fn every_tool_is_annotated_with_the_effects_the_component_declares() {
    block_on(async {
        let server = start(&GivenCredentials::default(), false).await;
        let descriptors = common::runtime().describe().await.unwrap();
        for d in &descriptors {
            let tool = server.tools().iter().find(|t| t.name == d.name).unwrap();
            let a = tool.annotations.as_ref().unwrap();
            let declared = (
                d.effects.read_only,
                d.effects.destructive,
                d.effects.idempotent,
            );
            let shown = (a.read_only_hint, a.destructive_hint, a.idempotent_hint);
            assert_eq!(
                shown,
                (Some(declared.0), Some(declared.1), Some(declared.2)),
                "{}",
                d.name
            );
            assert_eq!(a.title.as_deref(), Some(d.title.as_str()));
        }
        assert_eq!(
            server.tools().len(),
            descriptors.len() + 1,
            "one per entry, and options"
        );
    });
}

#[test]
fn a_read_only_server_refuses_writes_without_sending_them() {
    block_on(async {
        let server = start(&GivenCredentials::default(), false).await;
        let input =
            json!({"firstName": "No", "emails": [{"type": "work", "value": "no@example.com"}]});
        let refused = server
            .call("create-customer", arguments(input.clone()))
            .await
            .unwrap();
        assert_eq!(refused.is_error, Some(true));
        assert_eq!(text(&refused)["error"], "read-only");
        let writes = server
            .simulator_requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .count();
        assert_eq!(writes, 0);

        let read = server
            .call("get-customer", arguments(json!({"id": 7000001})))
            .await
            .unwrap();
        assert_eq!(read.is_error, Some(false));
        assert_eq!(read.structured_content.as_ref().unwrap()["id"], 7000001);

        let server = start(&GivenCredentials::default(), true).await;
        let allowed = server
            .call("create-customer", arguments(input))
            .await
            .unwrap();
        assert_eq!(allowed.is_error, Some(false), "{allowed:?}");
    });
}

#[test]
fn a_minted_token_serves_the_whole_session() {
    block_on(async {
        let given = GivenCredentials {
            client_id: Some(credentials::CLIENT_ID.into()),
            client_secret: Some(credentials::CLIENT_SECRET.into()),
            ..GivenCredentials::default()
        };
        let server = start(&given, false).await;
        for _ in 0..3 {
            let out = server.call("list-mailboxes", Map::new()).await.unwrap();
            assert_eq!(out.is_error, Some(false));
        }
        let minted = server
            .simulator_requests()
            .iter()
            .filter(|r| r.path_and_query.starts_with("/v2/oauth2/token"))
            .count();
        assert_eq!(minted, 1, "one token for the session");
        let error = server
            .call("get-conversation", arguments(json!({"id": 999})))
            .await
            .unwrap();
        assert_eq!(error.is_error, Some(true));
        assert_eq!(text(&error)["error"], "not-found");
        assert!(server.call("no-such-tool", Map::new()).await.is_err());
    });
}
