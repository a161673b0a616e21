//! Property-based fuzzing of everything that reads outside data: webhook verification and
//! parsing, action input decoding, and HAL/response parsing. The property is always the same —
//! any input gives `Ok` or a typed error, never a panic (which in the component is a trap).
//! CI runs the default number of cases; `PROPTEST_CASES=200000 cargo test --lib fuzz` runs more.

use crate::catalog;
use crate::client::testing::Scripted;
use crate::client::{ApiBase, Client, split_page};
use crate::error::Error;
use crate::resources::{conversations, customers, mailboxes};
use crate::triggers::webhook;
use proptest::prelude::*;
use serde_json::Value;

/// Arbitrary JSON values, a few levels deep.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-zA-Z0-9 _@.:/\"\\\\-]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Keys that hit real fields as well as random ones.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "id",
            "status",
            "mailbox",
            "tag",
            "limit",
            "query",
            "subject",
            "customer",
            "threads",
            "type",
            "text",
            "customFields",
            "fields",
            "emails",
            "_embedded",
            "_links",
            "next",
            "href",
            "conversations",
            "cursor",
            "since",
            "seen",
            "firstName",
            "attachments",
            "data",
            "mailboxId",
            "conversationId",
            "value",
            "tags",
        ])
        .prop_map(str::to_string),
        "[a-z]{1,8}",
    ]
}

fn no_panic<T>(result: Result<T, Error>) -> bool {
    let _ = result;
    true
}

proptest! {
    #[test]
    fn webhook_verification_never_panics(body in prop::collection::vec(any::<u8>(), 0..512),
                                         event in "[a-z.]{0,24}", signature in ".{0,40}", secret in ".{0,40}") {
        let headers = vec![("X-HelpScout-Event".to_string(), event), ("X-HelpScout-Signature".to_string(), signature)];
        prop_assert!(no_panic(webhook::verify(&body, &headers, &[secret, "other".into()])));
    }

    #[test]
    fn signed_json_bodies_parse_or_fail_typed(value in json(), secret in "[a-zA-Z0-9]{1,40}") {
        let body = value.to_string().into_bytes();
        let parsed: Value = serde_json::from_slice(&body).unwrap_or_else(|_| unreachable!());
        for e in crate::triggers::events::EVENTS {
            let headers = vec![("x-helpscout-event".to_string(), e.name.to_string()),
                               ("x-helpscout-signature".to_string(), webhook::sign(&body, &secret))];
            match webhook::verify(&body, &headers, std::slice::from_ref(&secret)) {
                Ok(verified) => prop_assert_eq!(&verified.event.data, &parsed),
                Err(e) => prop_assert!(matches!(e, Error::Validation(_)), "{:?}", e),
            }
        }
    }

    #[test]
    fn every_action_decodes_any_input_without_panicking(value in json(), raw in ".{0,64}") {
        for entry in catalog::entries() {
            for input in [value.to_string(), raw.clone()] {
                let t: crate::client::AnyTransport = Box::<Scripted>::default();
                let mut client = Client::with_token(t, ApiBase::parse("http://h").unwrap_or_else(|_| unreachable!()), "t".into());
                let mut secret = || Ok("s".repeat(40));
                prop_assert!(no_panic(catalog::invoke(&mut client, entry.name, &input, &mut secret)));
            }
        }
    }

    #[test]
    fn responses_of_any_shape_are_read_without_panicking(value in json(), rel in key(), status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..256)) {
        let mut page = value.clone();
        prop_assert!(no_panic(split_page(&mut page, &rel)));
        let text = value.to_string();
        let _ = conversations::record::record(&text);
        let _ = customers::record::record(&text);
        let _ = crate::resources::users::record(&text);
        if let Ok(mailbox) = serde_json::from_value::<mailboxes::Mailbox>(value.clone()) {
            let _ = mailbox.record();
        }
        let _ = Error::from_status(status, &body, None);
        let _ = Error::from_token_status(status, &body, None);
        let _ = crate::client::parse_token(&body, 0);
    }

    #[test]
    fn pages_from_a_scripted_server_of_any_shape(pages in prop::collection::vec(json(), 1..4)) {
        let mut t = Scripted::default();
        for page in &pages {
            t = t.json(200, &page.to_string());
        }
        let base = ApiBase::parse("http://h").unwrap_or_else(|_| unreachable!());
        let mut client = Client::with_token(&mut t, base.clone(), "t".into());
        prop_assert!(no_panic(client.collect(base.endpoint(&["x"], &[]), "conversations", 50)));
    }
}
