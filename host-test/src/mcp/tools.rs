//! The MCP tools: one per catalog entry (named as in `host-test actions`, with its input and
//! output schemas and description), each annotated with what it does to Help Scout, plus the
//! `options` tool that lists a field's choices (a mailbox, user or tag id by name).

use crate::bindings::{Descriptor, Effects, EntryKind};
use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use serde_json::{Value, json};
use std::sync::Arc;

/// What an entry declares it does to Help Scout (its descriptor's `effects`).
pub type Effect = Effects;

/// What the `options` tool does: it reads.
const READ: Effect = Effect {
    read_only: true,
    destructive: false,
    idempotent: true,
    read_only_when: None,
};

/// Whether a call of the entry with these arguments may write to Help Scout: not when the entry
/// only reads, or only reads for such an input (`readOnlyWhen`).
pub fn writes(d: &Descriptor, arguments: &serde_json::Map<String, Value>) -> bool {
    let reads_here = d.effects.read_only_when.as_ref().is_some_and(|when| {
        arguments.get(&when.field).and_then(Value::as_str) == Some(when.equals.as_str())
    });
    !d.effects.read_only && !reads_here
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
    let effect = d.effects.clone();
    let mut description = d.description.clone();
    if d.kind == EntryKind::Trigger {
        description
            .push_str(" Input: {\"cursor\": <the last output's cursor>} (none the first time).");
    }
    if !effect.read_only && !writes_allowed {
        match &effect.read_only_when {
            Some(when) => description.push_str(&format!(
                " This server allows it only with {} {} (started without --allow-writes).",
                when.field, when.equals
            )),
            None => description.push_str(
                " Writes to Help Scout: refused by this server (started without --allow-writes).",
            ),
        }
    }
    let mut tool = Tool::new(d.name.clone(), description, schema_object(&d.input_schema));
    tool.output_schema = Some(schema_object(&d.output_schema));
    tool.annotations = Some(annotations(&d.title, effect));
    tool
}

fn annotations(title: &str, effect: Effect) -> ToolAnnotations {
    ToolAnnotations::with_title(title)
        .read_only(effect.read_only)
        .destructive(effect.destructive)
        .idempotent(effect.idempotent)
        .open_world(true)
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
    tool.annotations = Some(annotations("Options", READ));
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
