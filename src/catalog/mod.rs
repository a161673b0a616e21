//! The schema-driven entry: every action and trigger, each declared once beside its code
//! (`entry.rs` says what a declaration holds), looked up by name; `invoke` runs one with a JSON
//! input and returns its output as JSON text; `options` computes a field's choices.

pub mod declare;
mod entry;
mod files;
mod invoke;
mod options;
#[cfg(test)]
pub(crate) mod schemas;

pub use entry::{Entry, OptionField, Paging, Secrets, Source};
pub use files::{Archive, Files, Span};
pub use invoke::{invoke, json};
pub use options::options;

use crate::error::{Error, Result};
use crate::resources::{
    api, conversations, customers, mailboxes, organizations, tags, threads, users, webhooks,
    workflows,
};
use crate::triggers;

/// Every action and trigger the component offers, group by group: each group's list is kept
/// in its own module, beside the entries' code.
const GROUPS: &[&[Entry]] = &[
    mailboxes::ENTRIES,
    conversations::ENTRIES,
    threads::ENTRIES,
    customers::ENTRIES,
    users::ENTRIES,
    tags::ENTRIES,
    organizations::ENTRIES,
    workflows::ENTRIES,
    webhooks::ENTRIES,
    api::ENTRIES,
    triggers::ENTRIES,
];

/// Every entry, in catalog order.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    GROUPS.iter().flat_map(|group| group.iter())
}

/// The trigger that fires on Help Scout's event `event`.
pub fn trigger_of_event(event: &str) -> Option<&'static str> {
    entries()
        .find(|e| e.trigger.is_some_and(|t| t.event == event))
        .map(|e| e.name)
}

/// The Help Scout event trigger `name` subscribes to.
pub fn event_of_trigger(name: &str) -> Option<&'static str> {
    entries()
        .find(|e| e.name == name)
        .and_then(|e| e.trigger)
        .map(|t| t.event)
}

/// Checks the name before any request is made (so a typo costs no token request).
pub fn lookup(name: &str) -> Result<&'static Entry> {
    entries()
        .find(|e| e.name == name)
        .ok_or_else(|| unknown(name))
}

/// Names longer than this are not compared for a suggestion (the cost grows with the length).
const MAX_SUGGESTED: usize = 64;

fn unknown(name: &str) -> Error {
    let names: Vec<&str> = entries().map(|e| e.name).collect();
    let lower = name.to_ascii_lowercase();
    let closest = names
        .iter()
        .filter(|_| name.len() <= MAX_SUGGESTED)
        .map(|n| (strsim::levenshtein(&lower, n), *n))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    let hint = closest.map_or(String::new(), |(_, n)| format!(" did you mean {n:?}?"));
    Error::invalid(
        "name",
        format!(
            "unknown action or trigger {name:?};{hint} known: {}",
            names.join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn a_typo_gets_a_suggestion_and_nonsense_does_not() {
        let message = |name: &str| unknown(name).to_string();
        assert!(message("list-mailbox").contains(r#"did you mean "list-mailboxes"?"#));
        assert!(message("get-conversaton").contains(r#"did you mean "get-conversation"?"#));
        assert!(message("Find-Customers").contains(r#"did you mean "find-customers"?"#));
        assert!(!message("launch-rocket").contains("did you mean"));
        assert!(!message(&"x".repeat(100_000)).contains("did you mean"));
    }

    #[test]
    fn every_entry_has_object_schemas_and_one_name() {
        let mut names = std::collections::HashSet::new();
        let archive = Archive::open().unwrap();
        for e in entries() {
            assert!(names.insert(e.name), "{} declared twice", e.name);
            let input: Value = serde_json::from_str(archive.text(e.files.input)).unwrap();
            let output: Value = serde_json::from_str(archive.text(e.files.output)).unwrap();
            assert_eq!(input["type"], "object", "{}", e.name);
            assert_eq!(input["additionalProperties"], false, "{}", e.name);
            assert_eq!(output["type"], "object", "{}", e.name);
            for schema in [&input, &output] {
                let draft = "https://json-schema.org/draft/2020-12/schema";
                assert_eq!(schema["$schema"], draft, "{}", e.name);
            }
            assert!(lookup(e.name).is_ok());
            assert!(
                !e.title.is_empty() && !e.description.is_empty(),
                "{}",
                e.name
            );
            assert!(
                !(e.effects.read_only && e.effects.destructive),
                "{}",
                e.name
            );
        }
        assert!(lookup("get-conversations").is_err());
    }
}
