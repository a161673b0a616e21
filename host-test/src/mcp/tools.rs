//! The MCP tools: one per catalog entry (named as in `host-test actions`, with its input and
//! output schemas and description), each annotated with what it does to Help Scout, plus the
//! `options` tool that lists a field's choices (a mailbox, user or tag id by name).

use crate::bindings::{Descriptor, EntryKind};
use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use serde_json::{Value, json};
use std::sync::Arc;

/// What a tool does to Help Scout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Effect {
    /// Sends no write (GET only).
    pub read_only: bool,
    /// May change or remove what exists, or reach people outside (an e-mailed reply).
    pub destructive: bool,
    /// Repeating the call with the same input changes nothing more.
    pub idempotent: bool,
}

const READ: Effect = Effect {
    read_only: true,
    destructive: false,
    idempotent: true,
};

const fn write(destructive: bool, idempotent: bool) -> Effect {
    Effect {
        read_only: false,
        destructive,
        idempotent,
    }
}

/// The effect of each catalog entry; `None` for a name this host does not know (a newer
/// component's action), which is then treated as a destructive write.
pub fn effect(name: &str) -> Option<Effect> {
    Some(match name {
        "list-mailboxes" | "find-conversations" | "get-conversation" | "find-customers"
        | "get-customer" | "test-connection" | "list-webhooks" => READ,
        // Triggers invoked by name poll: reads.
        "new-conversation" | "conversation-status-changed" | "new-customer" => READ,
        // A new conversation with a reply thread e-mails the customer.
        "create-conversation" => write(true, false),
        // Overwrites subject, status, assignee, tags, custom fields; the same input twice is a no-op.
        "update-conversation" => write(true, true),
        // A reply e-mails the customer (a note alone would not; the tool covers both).
        "create-thread" => write(true, false),
        "create-customer" => write(false, false),
        // Overwrites fields; given entry lists replace collections.
        "update-customer" => write(true, false),
        // Adds events to a shared webhook; `rotateSecret` replaces every trigger's secret.
        "subscribe-webhook" => write(true, false),
        "unsubscribe-webhook" => write(true, false),
        _ => return None,
    })
}

/// Whether a call of `name` may write to Help Scout.
pub fn writes(name: &str) -> bool {
    effect(name).is_none_or(|e| !e.read_only)
}

/// The name of the choices tool.
pub const OPTIONS_TOOL: &str = "options";

/// One tool per catalog entry, then `options`.
pub fn tools(descriptors: &[Descriptor], writes_allowed: bool) -> Vec<Tool> {
    let mut tools: Vec<Tool> = descriptors
        .iter()
        .map(|d| entry_tool(d, writes_allowed))
        .collect();
    tools.push(options_tool());
    tools
}

fn entry_tool(d: &Descriptor, writes_allowed: bool) -> Tool {
    let effect = effect(&d.name).unwrap_or(write(true, false));
    let mut description = d.description.clone();
    if d.kind == EntryKind::Trigger {
        description
            .push_str(" Input: {\"cursor\": <the last output's cursor>} (none the first time).");
    }
    if !effect.read_only && !writes_allowed {
        description.push_str(
            " Writes to Help Scout: refused by this server (started without --allow-writes).",
        );
    }
    let mut tool = Tool::new(d.name.clone(), description, schema_object(&d.input_schema));
    tool.output_schema = Some(schema_object(&d.output_schema));
    tool.annotations = Some(annotations(&d.name, effect));
    tool
}

fn annotations(name: &str, effect: Effect) -> ToolAnnotations {
    ToolAnnotations::with_title(title(name))
        .read_only(effect.read_only)
        .destructive(effect.destructive)
        .idempotent(effect.idempotent)
        .open_world(true)
}

/// `find-conversations` → `Find conversations`.
fn title(name: &str) -> String {
    let words = name.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn options_tool() -> Tool {
    let input = json!({
        "type": "object",
        "properties": {
            "action": {"type": "string", "description": "The tool (action) whose input field this is, e.g. create-conversation."},
            "field": {"type": "string", "description": "The input field, e.g. mailboxId, assignTo, tags, status, folder, customFields."},
            "input": {"type": "object", "description": "The input so far: the fields the choices depend on (folder and customFields need mailboxId or mailbox)."}
        },
        "required": ["action", "field"],
        "additionalProperties": false
    });
    let description = "The choices for one input field of an action, as {\"items\": [{\"value\", \
                       \"label\"}]}: find a mailbox, user or tag id by name, the statuses an \
                       action accepts, a mailbox's folders and custom fields (with dropdown options).";
    let mut tool = Tool::new(OPTIONS_TOOL, description, object(input));
    tool.annotations = Some(annotations("options", READ));
    tool
}

/// A schema text as the JSON object MCP carries (an unparsable one becomes `{}`: the catalog's
/// schemas are tested to parse).
fn schema_object(text: &str) -> Arc<JsonObject> {
    object(serde_json::from_str(text).unwrap_or_else(|_| json!({"type": "object"})))
}

fn object(value: Value) -> Arc<JsonObject> {
    match value {
        Value::Object(map) => Arc::new(map),
        _ => Arc::new(JsonObject::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_unknown_names() {
        assert_eq!(title("find-conversations"), "Find conversations");
        assert!(writes("launch-rocket"));
        assert!(!writes("get-customer"));
        assert!(writes("create-thread"));
    }
}
