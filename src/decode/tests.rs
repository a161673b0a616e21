use super::*;
use crate::ids::{ConversationId, MailboxId};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[allow(dead_code)]
struct Sample {
    id: ConversationId,
    #[serde(default)]
    mailbox_id: Option<MailboxId>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    text: String,
    count: u32,
}

impl Validate for Sample {
    fn validate(&self) -> Result<()> {
        match &self.name {
            Some(n) if n.is_empty() => Err(Error::invalid("name", "must not be empty")),
            _ => Ok(()),
        }
    }
}

fn errors(json: &str) -> Vec<(String, String, Option<String>)> {
    match decode::<Sample>(json) {
        Err(Error::Validation(f)) => f
            .into_iter()
            .map(|e| (e.path, e.message, e.rejected_value))
            .collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn ids_may_be_digit_strings() {
    let s: Sample = decode(r#"{"id": "42", "mailboxId": 7}"#).unwrap();
    assert_eq!(
        (s.id.get(), s.mailbox_id.map(MailboxId::get)),
        (42, Some(7))
    );
}

#[test]
fn every_bad_field_is_reported_at_once_in_plain_words() {
    let found = errors(
        r#"{"mailboxId": "x", "name": 5, "bogus": 1,
            "items": [{"text": "ok", "count": "three"}, {"count": 1}]}"#,
    );
    let paths: Vec<&str> = found.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "bogus",
            "items[0].count",
            "items[1].text",
            "mailboxId",
            "name",
            "id"
        ]
    );
    let messages: Vec<&str> = found.iter().map(|(_, m, _)| m.as_str()).collect();
    for m in &messages {
        assert!(
            !m.contains("u64") && !m.contains("expected") && !m.contains("invalid type"),
            "{m}"
        );
    }
    assert_eq!(found[4].1, "must be text");
    assert_eq!(found[4].2.as_deref(), Some("5"));
    assert_eq!(found[5], ("id".into(), "is required".into(), None));
}

#[test]
fn the_inputs_own_checks_join_the_decoders() {
    let found = errors(r#"{"id": 0, "name": ""}"#);
    let paths: Vec<&str> = found.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(paths, ["id", "name"]);
}

#[test]
fn not_an_object() {
    for json in ["[1]", "{", "7"] {
        let found = errors(json);
        assert_eq!(found[0].0, "input", "{json}");
    }
}
