//! Webhook verification against the published vectors, tampering, and parsing.

use super::*;
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
            matches!(verify(&b, &h, "secret"), Err(Error::InvalidSignature(_))),
            "{h:?}"
        );
    }
}

#[test]
fn parses_every_event_and_matches_the_triggers() {
    let body = br#"{"id": 42}"#;
    for (name, _, trigger) in events::EVENTS {
        let event = verify(body, &headers(name, &sign(body, "s")), "s").unwrap();
        assert_eq!((event.id, event.trigger), (Some(42), *trigger), "{name}");
    }
    let names: Vec<&str> = events::EVENTS.iter().filter_map(|(_, _, t)| *t).collect();
    assert_eq!(names, events::TRIGGERS);
}

#[test]
fn bad_bodies_and_events_are_typed_errors() {
    let signed = |b: &[u8], event: &str| verify(b, &headers(event, &sign(b, "s")), "s");
    let path = |r: Result<Event>| match r {
        Err(Error::Validation(f)) => f[0].path.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(path(signed(b"{}", "convo.exploded")), "X-HelpScout-Event");
    assert_eq!(path(signed(b"not json", "convo.created")), "body");
    assert_eq!(path(signed(b"[1,2]", "convo.created")), "body");
    assert_eq!(path(signed(b"{}", "convo.deleted")), "body");
    let huge = vec![b' '; MAX_BODY_BYTES + 1];
    assert_eq!(path(signed(&huge, "convo.created")), "body");
    assert_eq!(
        path(verify(b"{}", &headers("convo.created", "x"), "")),
        "secret"
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
    let event = verify(body, &h, "s").unwrap();
    assert_eq!(
        (event.id, event.trigger),
        (Some(77), Some(events::STATUS_CHANGED))
    );
    let customer = std::fs::read(format!(
        "{}/tests/fixtures/webhooks/webhook_body_customer_123.raw.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let event = verify(
        &customer,
        &headers("customer.created", &sign(&customer, "asdffdsa")),
        "asdffdsa",
    )
    .unwrap();
    assert_eq!(
        (event.id, event.trigger),
        (Some(123), Some(events::NEW_CUSTOMER))
    );
    assert_eq!(
        event.data,
        serde_json::from_slice::<Value>(&customer).unwrap()
    );
    let _ = json!({});
}
