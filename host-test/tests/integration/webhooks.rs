//! Webhook verification through the real component: the published vectors, every event,
//! tampering, bad bodies, the `replay` CLI, and the `listen` receiver's answers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{block_on, runtime};
use helpscout_simulator::sign;
use host_test::bindings::ConnectorError;
use host_test::listen::Listener;
use host_test::webhooks::{replay, verify};
use serde_json::{Value, json};
use std::sync::Arc;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../tests/fixtures/webhooks/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const EVENTS: [&str; 23] = [
    "convo.created",
    "convo.status",
    "convo.assigned",
    "convo.moved",
    "convo.merged",
    "convo.tags",
    "convo.custom-fields",
    "convo.customer.reply.created",
    "convo.agent.reply.created",
    "convo.note.created",
    "convo.ai-answers.created",
    "convo.deleted",
    "customer.created",
    "customer.updated",
    "customer.deleted",
    "satisfaction.ratings",
    "beacon.chat.created",
    "beacon.chat.customer.replied",
    "tag.created",
    "tag.updated",
    "tag.deleted",
    "message.survey.response.received",
    "helpscout.test",
];

#[test]
fn the_published_vectors_verify_through_the_component() {
    block_on(async {
        let vectors: Value = serde_json::from_slice(&fixture("signature-vectors.json")).unwrap();
        let mut verified = 0;
        for v in vectors["vectors"].as_array().unwrap() {
            let Some(expected) = v["expected_signature"].as_str() else {
                continue;
            };
            let body = match v["body_file"].as_str() {
                Some(file) => fixture(file.rsplit('/').next().unwrap()),
                None => v["body"].as_str().unwrap().as_bytes().to_vec(),
            };
            let event = v["event"].as_str().unwrap_or("helpscout.test");
            let result = replay(
                runtime(),
                &body,
                event,
                v["secret"].as_str().unwrap(),
                Some(expected),
            )
            .await
            .unwrap();
            assert!(result.is_ok(), "{}: {result:?}", v["name"]);
            verified += 1;
        }
        assert_eq!(verified, 5);
        let body = br#"{"firstName":"Jackie","lastName":"Chan","email":"jackie.chan@somewhere.com","gender":"male"}"#;
        let bad = replay(
            runtime(),
            body,
            "customer.created",
            "your secret key",
            Some("4+kjl2zB5OwZZjHznSTkD1/J208="),
        )
        .await
        .unwrap();
        assert!(matches!(bad, Err(ConnectorError::InvalidSignature(_))));
    });
}

#[test]
fn every_event_is_recognised_and_fires_the_trigger_declared_for_it() {
    block_on(async {
        let triggers = runtime().describe().await.unwrap();
        let conversation = fixture("webhook_body_convo_123.raw.json");
        let customer = fixture("webhook_body_customer_123.raw.json");
        for name in EVENTS {
            let body = match name {
                n if n.ends_with(".deleted") => br#"{"id": 123}"#.to_vec(),
                n if n.starts_with("convo.") => conversation.clone(),
                n if n.starts_with("customer.") => customer.clone(),
                _ => br#"{"id": 123, "name": "x"}"#.to_vec(),
            };
            let event = replay(runtime(), &body, name, "s3cret", None)
                .await
                .unwrap()
                .unwrap();
            assert_eq!((event.event.as_str(), event.id), (name, Some(123)));
            let expected = triggers
                .iter()
                .find(|d| d.trigger.as_ref().is_some_and(|t| t.event == *name))
                .map(|d| d.name.as_str());
            assert_eq!(event.trigger.as_deref(), expected, "{name}");
            let typed = name.starts_with("convo.") && name != "convo.deleted";
            assert_eq!(event.conversation.is_some(), typed, "{name}");
            assert_eq!(
                event.customer.is_some(),
                name == "customer.created" || name == "customer.updated"
            );
        }
    });
}

type Headers = Vec<(String, String)>;

/// The tampering cases: (what, body, headers). Each must come back `invalid-signature`.
fn tampered(body: &[u8], secret: &str) -> Vec<(&'static str, Vec<u8>, Headers)> {
    let good = sign(body, secret);
    let h = |sig: &str| {
        vec![
            ("X-HelpScout-Event".to_string(), "convo.created".to_string()),
            ("X-HelpScout-Signature".to_string(), sig.to_string()),
        ]
    };
    let mut flipped = body.to_vec();
    flipped[body.len() / 2] ^= 0x01;
    let mut appended = body.to_vec();
    appended.push(b' ');
    vec![
        ("one byte of the body changed", flipped, h(&good)),
        ("a byte appended to the body", appended, h(&good)),
        (
            "the body truncated",
            body[..body.len() - 1].to_vec(),
            h(&good),
        ),
        (
            "signature from another secret",
            body.to_vec(),
            h(&sign(body, "another secret")),
        ),
        (
            "signature of another body",
            body.to_vec(),
            h(&sign(b"{}", secret)),
        ),
        ("signature truncated", body.to_vec(), h(&good[..20])),
        (
            "signature with one character changed",
            body.to_vec(),
            h(&format!("A{}", &good[1..])),
        ),
        ("empty signature", body.to_vec(), h("")),
        ("signature not base64", body.to_vec(), h("!!not-base64!!")),
        (
            "hex instead of base64",
            body.to_vec(),
            h("da2a40d84c2a0a79a0ab4d87d5d6b8f0e83d3d5b"),
        ),
        (
            "missing signature header",
            body.to_vec(),
            vec![("X-HelpScout-Event".to_string(), "convo.created".to_string())],
        ),
    ]
}

#[test]
fn every_tampering_case_is_rejected() {
    block_on(async {
        let body = fixture("webhook_body_convo_123.raw.json");
        let cases = tampered(&body, "asdffdsa");
        assert_eq!(cases.len(), 11);
        for (what, b, headers) in cases {
            let result = verify(runtime(), &b, &headers, &["asdffdsa".to_string()])
                .await
                .unwrap();
            assert!(
                matches!(result, Err(ConnectorError::InvalidSignature(_))),
                "{what}: {result:?}"
            );
        }
    });
}

#[test]
fn huge_non_json_and_malformed_deliveries_are_typed_errors() {
    block_on(async {
        let huge = vec![b'x'; 9 * 1024 * 1024];
        let cases: [(&str, Vec<u8>); 4] = [
            ("convo.created", huge),
            ("convo.created", b"<html>not json</html>".to_vec()),
            ("convo.created", vec![0xff, 0xfe, 0x00]),
            ("convo exploded!", br#"{"id": 1}"#.to_vec()),
        ];
        for (event, body) in cases {
            let result = replay(runtime(), &body, event, "s", None).await.unwrap();
            assert!(
                matches!(result, Err(ConnectorError::Validation(_))),
                "{event}: {result:?}"
            );
        }
    });
}

#[test]
fn the_listener_answers_200_401_and_400() {
    block_on(async {
        let rt = Arc::new(
            host_test::runtime::Runtime::new(
                host_test::runtime::EMBEDDED_COMPONENT,
                host_test::outgoing::Policy::new([]),
            )
            .unwrap(),
        );
        let mut listener = Listener::start(rt, vec!["s3cret".into()], 0).await.unwrap();
        let body = br#"{"id": 9, "firstName": "Ann"}"#;
        let listener_url = listener.url.clone();
        let post = |body: Vec<u8>, event: &'static str, signature: String| {
            let url = listener_url.clone();
            async move {
                let client = hyper_util::client::legacy::Client::builder(
                    hyper_util::rt::TokioExecutor::new(),
                )
                .build_http();
                let request = hyper::Request::post(format!("{url}/hooks/helpscout"))
                    .header("X-HelpScout-Event", event)
                    .header("X-HelpScout-Signature", signature)
                    .body(http_body_util::Full::new(bytes::Bytes::from(body)))
                    .unwrap();
                client.request(request).await.unwrap().status().as_u16()
            }
        };
        assert_eq!(
            post(body.to_vec(), "customer.created", sign(body, "s3cret")).await,
            200
        );
        assert_eq!(
            post(body.to_vec(), "customer.created", sign(body, "wrong")).await,
            401
        );
        assert_eq!(
            post(
                b"nope".to_vec(),
                "customer.created",
                sign(b"nope", "s3cret")
            )
            .await,
            400
        );
        assert_eq!(
            post(body.to_vec(), "customer exploded", sign(body, "s3cret")).await,
            400,
            "not an event name"
        );
        let event = listener.next_event().await.unwrap();
        assert_eq!(
            event,
            json!({"event": "customer.created", "eventId": "customer.created:9", "trigger": "new-customer",
                   "id": 9, "data": {"id": 9, "firstName": "Ann"}})
        );
        // An event Help Scout adds tomorrow is verified and answered 200, never retried into a
        // disabled webhook; it fires no trigger.
        assert_eq!(
            post(body.to_vec(), "customer.merged", sign(body, "s3cret")).await,
            200
        );
        let event = listener.next_event().await.unwrap();
        assert_eq!(
            (event["event"].as_str(), &event["trigger"]),
            (Some("customer.merged"), &Value::Null)
        );
        // During a rotation both secrets verify, the new one first; afterwards only the new one.
        listener.set_secrets(vec!["n3w".into(), "s3cret".into()]);
        assert_eq!(
            post(body.to_vec(), "customer.created", sign(body, "s3cret")).await,
            200
        );
        assert_eq!(
            post(body.to_vec(), "customer.created", sign(body, "n3w")).await,
            200
        );
        listener.set_secret("n3w");
        assert_eq!(
            post(body.to_vec(), "customer.created", sign(body, "s3cret")).await,
            401
        );
    });
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_host-test"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_replay_follows_the_contract() {
    let file = format!(
        "{}/../tests/fixtures/webhooks/webhook_body_customer_123.raw.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, stdout, stderr) = cli(&[
        "replay",
        &file,
        "--event",
        "customer.created",
        "--secret",
        "asdffdsa",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let out: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (
            out["event"].as_str(),
            out["trigger"].as_str(),
            out["id"].as_u64()
        ),
        (Some("customer.created"), Some("new-customer"), Some(123))
    );
    assert_eq!(out["eventId"], "customer.created:123");
    assert!(out["data"].is_object());
    // An event name not known yet: verified, exit 0, no trigger.
    let (code, stdout, stderr) = cli(&[
        "replay",
        &file,
        "--event",
        "customer.archived",
        "--secret",
        "asdffdsa",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let out: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (out["event"].as_str(), &out["trigger"]),
        (Some("customer.archived"), &Value::Null)
    );
    assert_eq!(out["id"], 123);
    let (code, _, _) = cli(&[
        "replay",
        &file,
        "--event",
        "customer.created",
        "--secret",
        "asdffdsa",
        "--signature",
        "NnbJ2GUZly+QINM07KmBY3Singc=",
    ]);
    assert_eq!(code, 0);
    let (code, stdout, stderr) = cli(&[
        "replay",
        &file,
        "--event",
        "customer.created",
        "--secret",
        "asdffdsa",
        "--signature",
        "bad",
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(!stderr.contains("asdffdsa"), "the secret leaked: {stderr}");
    assert_eq!(
        serde_json::from_str::<Value>(stderr.trim()).unwrap()["error"],
        "invalid-signature"
    );
    let (code, _, _) = cli(&[
        "replay",
        &file,
        "--event",
        "customer.created",
        "--secret",
        "asdffdsa",
        "--signature",
        "NnbJ2GUZly+QINM07KmBY3Singc=",
        "--event",
    ]);
    assert_eq!(code, 2);
}
