//! Webhook verification against the published vectors, tampering, and parsing.

use super::*;
use crate::triggers::events;
use serde_json::json;

fn vectors() -> Vec<Value> {
    let path = format!(
        "{}/tests/fixtures/webhooks/signature-vectors.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    all["vectors"].as_array().unwrap().clone()
}

type Headers = Vec<(String, String)>;

fn secrets(secret: &str) -> Vec<String> {
    vec![secret.to_string()]
}

fn headers(event: &str, signature: &str) -> Headers {
    vec![
        ("X-HelpScout-Event".into(), event.into()),
        ("X-HelpScout-Signature".into(), signature.into()),
    ]
}

#[test]
fn every_published_vector_verifies() {
    let dir = format!("{}/tests/fixtures/webhooks", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for v in vectors() {
        let body = match (v.get("body"), v.get("body_file")) {
            (Some(Value::String(b)), _) => b.as_bytes().to_vec(),
            (_, Some(Value::String(file))) => {
                let name = file.rsplit('/').next().unwrap();
                std::fs::read(format!("{dir}/{name}")).unwrap()
            }
            _ => continue,
        };
        let secret = v["secret"].as_str().unwrap();
        if let Some(bad) = v["bad_signature"].as_str() {
            assert!(matches!(
                check_signature(&body, bad, secret),
                Err(Error::InvalidSignature(_))
            ));
            checked += 1;
        }
        let Some(expected) = v["expected_signature"].as_str() else {
            continue;
        };
        assert_eq!(sign(&body, secret), expected, "{}", v["name"]);
        assert!(check_signature(&body, expected, secret).is_ok());
        checked += 1;
    }
    assert_eq!(checked, 6, "5 published signatures and 1 negative vector");
}

#[test]
fn the_published_negative_vector_is_rejected() {
    let body = br#"{"firstName":"Jackie","lastName":"Chan","email":"jackie.chan@somewhere.com","gender":"male"}"#;
    assert!(check_signature(body, "2iFmnzC8SCNVF/iNiMnSe19yceU=", "your secret key").is_ok());
    let err = check_signature(body, "4+kjl2zB5OwZZjHznSTkD1/J208=", "your secret key");
    assert!(matches!(err, Err(Error::InvalidSignature(_))));
}

#[test]
fn tampering_is_rejected() {
    let body = br#"{"id":123,"subject":"hello"}"#.to_vec();
    let good = sign(&body, "secret");
    let mut flipped = body.clone();
    flipped[10] ^= 1;
    let cases: Vec<(Vec<u8>, Headers)> = vec![
        (flipped, headers("convo.created", &good)),
        (
            body.clone(),
            headers("convo.created", &sign(&body, "other secret")),
        ),
        (
            body.clone(),
            headers("convo.created", &good[..good.len() - 4]),
        ),
        (body.clone(), headers("convo.created", "")),
        (body.clone(), headers("convo.created", "%%%not base64%%%")),
        (
            body[..body.len() - 1].to_vec(),
            headers("convo.created", &good),
        ),
        (
            body.clone(),
            vec![("X-HelpScout-Event".into(), "convo.created".into())],
        ),
    ];
    for (b, h) in cases {
        assert!(
            matches!(
                verify(&b, &h, &secrets("secret")),
                Err(Error::InvalidSignature(_))
            ),
            "{h:?}"
        );
    }
}

#[test]
fn parses_every_event_and_matches_the_triggers() {
    let body = br#"{"id": 42}"#;
    for e in events::EVENTS {
        let event = verify(body, &headers(e.name, &sign(body, "s")), &secrets("s"))
            .unwrap()
            .event;
        assert_eq!(
            (event.id, event.trigger),
            (Some(42), crate::catalog::trigger_of_event(e.name)),
            "{}",
            e.name
        );
    }
    let fired = events::EVENTS
        .iter()
        .filter(|e| crate::catalog::trigger_of_event(e.name).is_some())
        .count();
    assert_eq!(
        fired, 18,
        "a trigger for every event a workflow starts from"
    );
}

#[test]
fn an_event_not_known_yet_is_accepted_without_a_trigger() {
    let body = br#"{"id": 7, "anything": true}"#;
    let h = headers("Widget.Exploded", &sign(body, "s"));
    let event = verify(body, &h, &secrets("s")).unwrap().event;
    assert_eq!(event.name, "widget.exploded");
    assert_eq!(
        (event.trigger, event.id, event.body),
        (None, Some(7), Body::Unknown)
    );
    for bad in ["", "convo created", "x\u{0}y", &"a".repeat(101)] {
        let h = headers(bad, &sign(body, "s"));
        assert!(
            matches!(verify(body, &h, &secrets("s")), Err(Error::Validation(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn during_a_rotation_the_previous_secret_still_verifies() {
    let body = br#"{"id": 1}"#;
    let both = vec!["new".to_string(), "old".to_string()];
    for (secret, index) in [("new", 0), ("old", 1)] {
        let h = headers("convo.created", &sign(body, secret));
        assert_eq!(verify(body, &h, &both).unwrap().secret_index, index);
    }
    let h = headers("convo.created", &sign(body, "older"));
    assert!(matches!(
        verify(body, &h, &both),
        Err(Error::InvalidSignature(_))
    ));
    let h = headers("convo.created", &sign(body, "new"));
    assert!(matches!(verify(body, &h, &[]), Err(Error::Validation(_))));
}

#[test]
fn event_ids_tell_changes_apart_and_survive_redelivery() {
    let open = br#"{"id": 9, "status": "active"}"#;
    let closed = br#"{"id": 9, "status": "closed"}"#;
    let id = |name: &str, body: &[u8]| parse(name, body).unwrap().event_id;
    assert_eq!(id("convo.created", open), "convo.created:9");
    assert_eq!(id("convo.created", closed), "convo.created:9");
    assert_ne!(id("convo.status", open), id("convo.status", closed));
    assert_eq!(id("convo.status", open), id("convo.status", open));
    assert!(id("convo.status", open).starts_with("convo.status:9:"));
    assert_eq!(id("tag.deleted", br#"{"id": 3}"#), "tag.deleted:3");
}

#[test]
fn replies_and_notes_to_one_conversation_are_events_of_their_own() {
    let id = |name: &str, body: &str| parse(name, body.as_bytes()).unwrap().event_id;
    let first = r#"{"id": 9, "threads": 2, "preview": "Hello"}"#;
    let second = r#"{"id": 9, "threads": 3, "preview": "Hello again"}"#;
    for event in [
        "convo.customer.reply.created",
        "convo.agent.reply.created",
        "convo.note.created",
    ] {
        assert_ne!(id(event, first), id(event, second), "{event}");
        assert_eq!(id(event, first), id(event, first), "{event}: a redelivery");
    }
    // With its threads, the event is named by its thread, as a poll names it.
    let threads = r#"{"id": 9, "_embedded": {"threads": [
        {"id": 70, "type": "customer", "createdAt": "2024-01-01T00:00:00Z"},
        {"id": 71, "type": "note", "createdAt": "2024-01-01T00:00:05Z"},
        {"id": 72, "type": "customer", "createdAt": "2024-01-01T00:00:09Z", "state": "draft"}]}}"#;
    assert_eq!(
        id("convo.customer.reply.created", threads),
        "convo.customer.reply.created:9:thread-70"
    );
    assert_eq!(
        id("convo.note.created", threads),
        "convo.note.created:9:thread-71"
    );
    assert_eq!(id("convo.status", threads), "convo.status:9:thread-71");
}

#[test]
fn bad_bodies_and_events_are_typed_errors() {
    let signed = |b: &[u8], event: &str| verify(b, &headers(event, &sign(b, "s")), &secrets("s"));
    let path = |r: Result<Verified>| match r {
        Err(Error::Validation(f)) => f[0].path.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(path(signed(b"{}", "convo exploded")), "X-HelpScout-Event");
    assert_eq!(path(signed(b"not json", "convo.created")), "body");
    assert_eq!(path(signed(b"[1,2]", "convo.created")), "body");
    assert_eq!(path(signed(b"{}", "convo.deleted")), "body");
    let huge = vec![b' '; MAX_BODY_BYTES + 1];
    assert_eq!(path(signed(&huge, "convo.created")), "body");
    assert_eq!(
        path(verify(b"{}", &headers("convo.created", "x"), &secrets(""))),
        "secrets"
    );
}

#[test]
fn header_names_are_case_insensitive_and_notification_bodies_carry_the_id() {
    let body = br#""https://api.helpscout.net/v2/conversations/77""#;
    let sig = sign(body, "s");
    let h = vec![
        ("x-helpscout-event".into(), "convo.status".into()),
        ("HTTP_X_HELPSCOUT_SIGNATURE".into(), sig),
    ];
    let event = verify(body, &h, &secrets("s")).unwrap().event;
    assert_eq!(
        (event.id, event.trigger),
        (Some(77), Some("conversation-status-changed"))
    );
    let customer = std::fs::read(format!(
        "{}/tests/fixtures/webhooks/webhook_body_customer_123.raw.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let event = verify(
        &customer,
        &headers("customer.created", &sign(&customer, "asdffdsa")),
        &secrets("asdffdsa"),
    )
    .unwrap()
    .event;
    assert_eq!((event.id, event.trigger), (Some(123), Some("new-customer")));
    assert_eq!(
        event.data,
        serde_json::from_slice::<Value>(&customer).unwrap()
    );
    let _ = json!({});
}
