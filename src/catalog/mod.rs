//! The schema-driven entry: every action and trigger with its description and JSON Schemas, and
//! invocation by name with a JSON input. Each entry decodes its input and calls its resource.

mod schemas;

use crate::client::{Client, Transport};
use crate::error::{Error, Result};
use crate::input::decode;
use crate::resources::{conversations, mailboxes};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Action,
    Trigger,
}

/// One catalog entry.
pub struct Entry {
    pub name: &'static str,
    pub kind: Kind,
    pub description: &'static str,
    pub input_schema: fn() -> Value,
    pub output_schema: fn() -> Value,
}

/// Every action and trigger the component offers.
pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "list-mailboxes",
        kind: Kind::Action,
        description: "List every mailbox (GET /v2/mailboxes), optionally with its folders and \
                      custom-field definitions.",
        input_schema: schemas::list_mailboxes_input,
        output_schema: schemas::list_mailboxes_output,
    },
    Entry {
        name: "find-conversations",
        kind: Kind::Action,
        description: "Search conversations (GET /v2/conversations) by mailbox, folder, status, \
                      tag, assignee, modification time, number, custom fields or a Help Scout \
                      query, following pages up to `limit` (default 100).",
        input_schema: schemas::find_conversations_input,
        output_schema: schemas::find_conversations_output,
    },
    Entry {
        name: "get-conversation",
        kind: Kind::Action,
        description: "Get one conversation (GET /v2/conversations/{id}) with its threads \
                      embedded under _embedded.threads unless embedThreads is false.",
        input_schema: schemas::get_conversation_input,
        output_schema: schemas::conversation,
    },
];

/// Runs the action `name` with a JSON input.
pub fn invoke(client: &mut Client<impl Transport>, name: &str, input: &str) -> Result<Value> {
    match name {
        "list-mailboxes" => mailboxes::list(client, &decode(input)?),
        "find-conversations" => conversations::find(client, &decode(input)?),
        "get-conversation" => conversations::get(client, &decode(input)?),
        other => Err(unknown(other)),
    }
}

/// Checks the name before any request is made (so a typo costs no token request).
pub fn lookup(name: &str) -> Result<&'static Entry> {
    let entry = ENTRIES
        .iter()
        .find(|e| e.name == name)
        .ok_or_else(|| unknown(name))?;
    if entry.kind == Kind::Trigger {
        return Err(Error::invalid(
            "name",
            format!("{name} is a trigger, not an action"),
        ));
    }
    Ok(entry)
}

fn unknown(name: &str) -> Error {
    let names: Vec<&str> = ENTRIES.iter().map(|e| e.name).collect();
    Error::invalid(
        "name",
        format!("unknown action {name:?}; known: {}", names.join(", ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_object_schemas_and_dispatches() {
        for e in ENTRIES {
            assert_eq!((e.input_schema)()["type"], "object", "{}", e.name);
            assert!((e.output_schema)().is_object(), "{}", e.name);
            assert!(lookup(e.name).is_ok());
        }
        assert!(lookup("get-conversations").is_err());
    }
}
