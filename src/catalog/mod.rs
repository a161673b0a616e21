//! The schema-driven entry: every action and trigger with its description and JSON Schemas
//! (`schemas/`, generated from the input types), looked up by name; `invoke` runs one with a
//! JSON input and returns its output as JSON text; `options` computes a field's choices.

mod invoke;
mod options;
#[cfg(test)]
mod schemas;

pub use invoke::{invoke, json};
pub use options::{option_fields, options};

use crate::error::{Error, Result};
use crate::triggers::events;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Action,
    Trigger,
}

/// A catalog file as `build.rs` embeds it (minified), by its path under `schemas/`.
macro_rules! schema {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/schemas/", $path, ".json"))
    };
}

/// One catalog entry.
pub struct Entry {
    pub name: &'static str,
    pub kind: Kind,
    pub description: &'static str,
    /// JSON Schema (draft 2020-12) text, from `schemas/` at the crate root.
    pub input_schema: &'static str,
    pub output_schema: &'static str,
    /// A realistic output in the output schema's shape (`schemas/samples/`).
    pub sample_output: &'static str,
}

/// Every action and trigger the component offers.
pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "list-mailboxes",
        kind: Kind::Action,
        description: "List every mailbox (GET /v2/mailboxes), optionally with its folders and \
                      custom-field definitions.",
        input_schema: schema!("list-mailboxes.input"),
        output_schema: schema!("list-mailboxes.output"),
        sample_output: schema!("samples/list-mailboxes"),
    },
    Entry {
        name: "find-conversations",
        kind: Kind::Action,
        description: "Search conversations (GET /v2/conversations) by mailbox, folder, status, \
                      tag, assignee, modification time, number, custom fields or a Help Scout \
                      query, following pages up to `limit` (default 100).",
        input_schema: schema!("find-conversations.input"),
        output_schema: schema!("find-conversations.output"),
        sample_output: schema!("samples/find-conversations"),
    },
    Entry {
        name: "get-conversation",
        kind: Kind::Action,
        description: "Get one conversation (GET /v2/conversations/{id}) with its threads \
                      embedded under _embedded.threads unless embedThreads is false.",
        input_schema: schema!("get-conversation.input"),
        output_schema: schema!("get-conversation.output"),
        sample_output: schema!("samples/get-conversation"),
    },
    Entry {
        name: "create-conversation",
        kind: Kind::Action,
        description: "Create a conversation (POST /v2/conversations) with its first threads, \
                      customer by id or email, tags, assignee, status and custom fields \
                      (validated against the mailbox's definitions first); returns the new id.",
        input_schema: schema!("create-conversation.input"),
        output_schema: schema!("create-conversation.output"),
        sample_output: schema!("samples/create-conversation"),
    },
    Entry {
        name: "update-conversation",
        kind: Kind::Action,
        description: "Change any of subject, primary customer, mailbox, status, assignee, tags \
                      and custom fields in one call (PATCH /v2/conversations/{id}, PUT …/tags, \
                      PUT …/fields); custom fields not named keep their values. Stops at the \
                      first failure and reports what took effect.",
        input_schema: schema!("update-conversation.input"),
        output_schema: schema!("update-conversation.output"),
        sample_output: schema!("samples/update-conversation"),
    },
    Entry {
        name: "create-thread",
        kind: Kind::Action,
        description: "Add a reply, note, customer, chat or phone thread to a conversation \
                      (POST /v2/conversations/{id}/reply|notes|customer|chats|phones), with \
                      cc/bcc, draft, status, author and base64 attachments.",
        input_schema: schema!("create-thread.input"),
        output_schema: schema!("create-thread.output"),
        sample_output: schema!("samples/create-thread"),
    },
    Entry {
        name: "find-customers",
        kind: Kind::Action,
        description: "Search customers (GET /v2/customers) by email, name, mailbox, modification \
                      time or a Help Scout query, following pages up to `limit` (default 100).",
        input_schema: schema!("find-customers.input"),
        output_schema: schema!("find-customers.output"),
        sample_output: schema!("samples/find-customers"),
    },
    Entry {
        name: "get-customer",
        kind: Kind::Action,
        description: "Get one customer (GET /v2/customers/{id}) with emails, phones, chats, \
                      social profiles, websites, address and properties.",
        input_schema: schema!("get-customer.input"),
        output_schema: schema!("get-customer.output"),
        sample_output: schema!("samples/get-customer"),
    },
    Entry {
        name: "create-customer",
        kind: Kind::Action,
        description: "Create a customer (POST /v2/customers) with every documented field and \
                      entry, then its properties; returns the new id.",
        input_schema: schema!("create-customer.input"),
        output_schema: schema!("create-customer.output"),
        sample_output: schema!("samples/create-customer"),
    },
    Entry {
        name: "update-customer",
        kind: Kind::Action,
        description: "Change only the given customer fields, entries and properties \
                      (PATCH /v2/customers/{id}, PATCH …/properties); the rest stays.",
        input_schema: schema!("update-customer.input"),
        output_schema: schema!("update-customer.output"),
        sample_output: schema!("samples/update-customer"),
    },
    Entry {
        name: "test-connection",
        kind: Kind::Action,
        description: "Check the credentials: the Help Scout user they belong to \
                      (GET /v2/users/me), or the typed error (unauthorized, denied, …).",
        input_schema: schema!("test-connection.input"),
        output_schema: schema!("test-connection.output"),
        sample_output: schema!("samples/test-connection"),
    },
    Entry {
        name: "subscribe-webhook",
        kind: Kind::Action,
        description: "Register the webhook a trigger needs (POST /v2/webhooks) with a secret made \
                      in the component, or the one given. A URL already registered shares its \
                      webhook and secret: the events are merged (PUT /v2/webhooks/{id}) when the \
                      stored secret is given, the call fails with conflict when it is not, and \
                      rotateSecret replaces it. Returns the secret to store.",
        input_schema: schema!("subscribe-webhook.input"),
        output_schema: schema!("subscribe-webhook.output"),
        sample_output: schema!("samples/subscribe-webhook"),
    },
    Entry {
        name: "unsubscribe-webhook",
        kind: Kind::Action,
        description: "Remove a webhook (DELETE /v2/webhooks/{id}), or only some of its events \
                      (PUT /v2/webhooks/{id} with the stored secret), deleting it when none \
                      remain.",
        input_schema: schema!("unsubscribe-webhook.input"),
        output_schema: schema!("unsubscribe-webhook.output"),
        sample_output: schema!("samples/unsubscribe-webhook"),
    },
    Entry {
        name: "list-webhooks",
        kind: Kind::Action,
        description: "List the account's webhooks (GET /v2/webhooks).",
        input_schema: schema!("list-webhooks.input"),
        output_schema: schema!("list-webhooks.output"),
        sample_output: schema!("samples/list-webhooks"),
    },
    Entry {
        name: events::NEW_CONVERSATION,
        kind: Kind::Trigger,
        description: "A conversation was created (webhook convo.created). Invoked by name it \
                      polls: conversations created since the cursor, oldest first.",
        input_schema: schema!("poll.input"),
        output_schema: schema!("poll.output"),
        sample_output: schema!("samples/new-conversation"),
    },
    Entry {
        name: events::STATUS_CHANGED,
        kind: Kind::Trigger,
        description: "A conversation's status changed (webhook convo.status). Invoked by name it \
                      polls: every status change since the cursor, read from the threads.",
        input_schema: schema!("poll.input"),
        output_schema: schema!("poll.output"),
        sample_output: schema!("samples/conversation-status-changed"),
    },
    Entry {
        name: events::NEW_CUSTOMER,
        kind: Kind::Trigger,
        description: "A customer was created (webhook customer.created). Invoked by name it \
                      polls: customers created since the cursor, oldest first.",
        input_schema: schema!("poll.input"),
        output_schema: schema!("poll.output"),
        sample_output: schema!("samples/new-customer"),
    },
];

/// Checks the name before any request is made (so a typo costs no token request).
pub fn lookup(name: &str) -> Result<&'static Entry> {
    ENTRIES
        .iter()
        .find(|e| e.name == name)
        .ok_or_else(|| unknown(name))
}

/// Names longer than this are not compared for a suggestion (the cost grows with the length).
const MAX_SUGGESTED: usize = 64;

fn unknown(name: &str) -> Error {
    let names: Vec<&str> = ENTRIES.iter().map(|e| e.name).collect();
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
    fn every_entry_has_object_schemas_and_dispatches() {
        for e in ENTRIES {
            let input: Value = serde_json::from_str(e.input_schema).unwrap();
            let output: Value = serde_json::from_str(e.output_schema).unwrap();
            assert_eq!(input["type"], "object", "{}", e.name);
            assert_eq!(input["additionalProperties"], false, "{}", e.name);
            assert_eq!(output["type"], "object", "{}", e.name);
            for schema in [&input, &output] {
                let draft = "https://json-schema.org/draft/2020-12/schema";
                assert_eq!(schema["$schema"], draft, "{}", e.name);
            }
            assert!(lookup(e.name).is_ok());
        }
        assert!(lookup("get-conversations").is_err());
    }
}
