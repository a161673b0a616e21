//! Conformance with recorded Help Scout traffic: each recorded interaction the connector can
//! produce is replayed through the real component — its request must match the recorded method,
//! path, query and body, and the recorded response must parse into the action's output.
//! Cassettes copied from taxjar/help_scout-sdk (MIT); the connector authenticates with the
//! recorded client-credentials placeholders, so the token request is matched too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::replay::{Replay, cassette};
use common::{block_on, runtime};
use host_test::bindings::{ClientCredentials, Connection, ConnectorError, Credentials};
use host_test::outgoing::Destination;
use serde_json::{Value, json};

/// Replays the interactions at `indices` of a cassette while running `steps` (action, input).
fn replay(
    name: &str,
    indices: &[usize],
    steps: &[(&str, Value)],
) -> Vec<Result<Value, ConnectorError>> {
    block_on(async {
        let all = cassette(name);
        let expected = indices.iter().map(|i| all[*i].clone()).collect();
        let server = Replay::start(expected).await;
        runtime()
            .policy()
            .allow(Destination::from_url(&server.url).unwrap());
        let conn = Connection {
            base_url: server.url.clone(),
            credentials: Credentials::ClientCredentials(ClientCredentials {
                client_id: "<HELP_SCOUT_APP_ID>".into(),
                client_secret: "<HELP_SCOUT_APP_SECRET>".into(),
                token: None,
            }),
            retry: None,
        };
        let mut outputs = Vec::new();
        for (action, input) in steps {
            let result = runtime()
                .invoke(&conn, action, &input.to_string())
                .await
                .unwrap();
            outputs.push(result.map(|inv| serde_json::from_str(&inv.output_json).unwrap()));
        }
        server.assert_complete();
        outputs
    })
}

fn ok(result: &Result<Value, ConnectorError>) -> &Value {
    result.as_ref().unwrap_or_else(|e| panic!("{e:?}"))
}

fn recorded_body(name: &str, index: usize) -> Value {
    cassette(name)[index]["request"]["body"].clone()
}

#[test]
fn create_conversation_matches_the_recorded_post() {
    let input = recorded_body("conversation_create.json", 1);
    let out = replay(
        "conversation_create.json",
        &[0, 1],
        &[("create-conversation", input)],
    );
    assert_eq!(ok(&out[0])["id"], 868570854);
}

#[test]
fn update_subject_matches_the_recorded_patch_then_get_parses() {
    let patch = recorded_body("conversation_update_subject.json", 2);
    let input = json!({"id": 100000001, "subject": patch["value"]});
    let get = json!({"id": 100000001, "embedThreads": false});
    let out = replay(
        "conversation_update_subject.json",
        &[0, 2, 0, 3],
        &[("update-conversation", input), ("get-conversation", get)],
    );
    assert_eq!(ok(&out[0])["applied"], json!(["subject"]));
    assert_eq!(ok(&out[1])["id"], 100000001);
}

#[test]
fn replacing_tags_matches_the_recorded_put_and_the_tags_read_back() {
    let input = json!({"id": 100000001, "tags": ["vip", "pro"]});
    let get = json!({"id": 100000001, "embedThreads": false});
    let out = replay(
        "conversation_tags_replace.json",
        &[0, 2, 0, 3],
        &[("update-conversation", input), ("get-conversation", get)],
    );
    let tags: Vec<&str> = ok(&out[1])["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["pro", "vip"]);
}

#[test]
fn clearing_tags_matches_both_recorded_clears() {
    let clear = json!({"id": 100000001, "tags": []});
    replay(
        "conversation_tags_clear_empty.json",
        &[0, 3],
        &[("update-conversation", clear.clone())],
    );
    let initial = json!({"id": 100000001, "tags": ["initial_tag"]});
    replay(
        "conversation_tags_clear_empty.json",
        &[0, 2],
        &[("update-conversation", initial)],
    );
    replay(
        "conversation_tags_clear_no_args.json",
        &[0, 2],
        &[("update-conversation", clear)],
    );
}

#[test]
fn note_thread_matches_the_recorded_post_without_an_id_header() {
    let text = recorded_body("thread_create_note.json", 1)["text"].clone();
    let input = json!({"conversationId": 100000001, "type": "note", "text": text});
    let out = replay(
        "thread_create_note.json",
        &[0, 1],
        &[("create-thread", input)],
    );
    assert_eq!(
        ok(&out[0]),
        &json!({"id": null}),
        "2019 recording sent neither Resource-ID nor Location"
    );
}

#[test]
fn list_and_get_conversation_match_and_parse() {
    let out = replay(
        "conversation_list.json",
        &[0, 1],
        &[("find-conversations", json!({"mailbox": 100000002}))],
    );
    assert_eq!(ok(&out[0])["items"].as_array().unwrap().len(), 36);
    let out = replay(
        "conversation_get.json",
        &[0, 1],
        &[(
            "get-conversation",
            json!({"id": 100000001, "embedThreads": false}),
        )],
    );
    assert_eq!(ok(&out[0])["id"], 100000001);
}

#[test]
fn customers_list_and_get_match_and_parse() {
    let out = replay(
        "customer_list.json",
        &[0, 1],
        &[("find-customers", json!({"limit": 50}))],
    );
    assert_eq!(
        ok(&out[0])["items"].as_array().unwrap().len(),
        50,
        "limit 50 stops before the next page"
    );
    let out = replay(
        "customer_get.json",
        &[0, 1],
        &[("get-customer", json!({"id": 100000005}))],
    );
    assert!(
        !ok(&out[0])["_embedded"]["emails"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn mailbox_list_matches_and_parses() {
    let out = replay(
        "mailbox_list.json",
        &[0, 1],
        &[("list-mailboxes", json!({}))],
    );
    assert_eq!(ok(&out[0])["items"].as_array().unwrap().len(), 6);
}

#[test]
fn token_request_matches_the_recorded_client_credentials_grant() {
    block_on(async {
        let server = Replay::start(vec![cassette("access_token.json")[0].clone()]).await;
        runtime()
            .policy()
            .allow(Destination::from_url(&server.url).unwrap());
        let grant = host_test::runtime::Grant::ClientCredentials;
        let set = runtime()
            .token(
                &server.url,
                "<HELP_SCOUT_APP_ID>",
                "<HELP_SCOUT_APP_SECRET>",
                grant,
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!((set.expires_in, set.token_type.as_str()), (7200, "bearer"));
        server.assert_complete();
    });
}
