//! JSON Schemas (draft 2020-12) of every action's input and output, in Help Scout's field names.
//! Inputs are closed (unknown fields are rejected, as the decoder does); outputs are open, since
//! Help Scout adds fields over time.

mod triggers;
mod writes;

pub use triggers::*;
pub use writes::*;

use serde_json::{Value, json};

pub(super) const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

pub(super) fn id() -> Value {
    json!({"type": "integer", "minimum": 1})
}

pub(super) fn ids_or_one() -> Value {
    json!({"oneOf": [id(), {"type": "array", "items": id()}]})
}

pub(super) fn timestamp() -> Value {
    json!({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"})
}

pub(super) fn limit() -> Value {
    json!({"type": "integer", "minimum": 1, "maximum": 100000, "default": 100,
           "description": "Maximum items returned across pages."})
}

pub(super) fn input(title: &str, properties: Value, required: &[&str]) -> Value {
    json!({"$schema": DRAFT, "title": title, "type": "object", "properties": properties,
           "required": required, "additionalProperties": false})
}

pub(super) fn items_of(title: &str, item: Value) -> Value {
    json!({"$schema": DRAFT, "title": title, "type": "object", "required": ["items"],
           "properties": {"items": {"type": "array", "items": item}}})
}

pub fn list_mailboxes_input() -> Value {
    input(
        "list-mailboxes input",
        json!({
            "includeFolders": {"type": "boolean", "default": false},
            "includeFields": {"type": "boolean", "default": false}
        }),
        &[],
    )
}

fn mailbox() -> Value {
    json!({"type": "object", "required": ["id", "name"], "properties": {
        "id": id(), "name": {"type": "string"}, "slug": {"type": "string"},
        "email": {"type": "string"}, "createdAt": {"type": "string"}, "updatedAt": {"type": "string"},
        "folders": {"type": "array", "items": {"type": "object", "required": ["id", "name", "type"]}},
        "fields": {"type": "array", "items": {"type": "object", "required": ["id", "name", "type"]}}
    }})
}

pub fn list_mailboxes_output() -> Value {
    items_of("list-mailboxes output", mailbox())
}

pub fn find_conversations_input() -> Value {
    input(
        "find-conversations input",
        json!({
            "mailbox": ids_or_one(),
            "folder": id(),
            "status": {"enum": ["active", "all", "closed", "open", "pending", "spam"]},
            "tag": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
            "assignedTo": id(),
            "modifiedSince": timestamp(),
            "number": id(),
            "query": {"type": "string", "maxLength": 8000,
                      "description": "Help Scout search syntax, passed through untouched."},
            "customFieldsByIds": {"type": "array", "items": {"type": "object",
                "required": ["id", "value"], "additionalProperties": false,
                "properties": {"id": id(), "value": {"type": "string"}}}},
            "sortField": {"enum": ["createdAt", "customerEmail", "customerName", "mailboxid",
                                   "modifiedAt", "number", "score", "status", "subject",
                                   "waitingSince"]},
            "sortOrder": {"enum": ["asc", "desc"]},
            "embedThreads": {"type": "boolean", "default": false},
            "limit": limit()
        }),
        &[],
    )
}

/// A conversation as Help Scout returns it (open: Help Scout adds fields).
pub fn conversation() -> Value {
    let mut schema = conversation_item();
    schema["$schema"] = json!(DRAFT);
    schema["title"] = json!("conversation");
    schema
}

fn conversation_item() -> Value {
    json!({"type": "object", "required": ["id", "number", "status"], "properties": {
        "id": id(), "number": {"type": "integer"}, "subject": {"type": "string"},
        "status": {"type": "string"}, "state": {"type": "string"}, "type": {"type": "string"},
        "mailboxId": {"type": "integer"}, "folderId": {"type": "integer"},
        "threads": {"type": "integer"},
        "tags": {"type": "array"}, "customFields": {"type": "array"},
        "primaryCustomer": {"type": "object"}, "assignee": {"type": "object"},
        "_embedded": {"type": "object", "properties": {"threads": {"type": "array",
            "items": {"type": "object", "required": ["id", "type"]}}}}
    }})
}

pub fn find_conversations_output() -> Value {
    items_of("find-conversations output", conversation_item())
}

pub fn get_conversation_input() -> Value {
    input(
        "get-conversation input",
        json!({
            "id": id(),
            "embedThreads": {"type": "boolean", "default": true}
        }),
        &["id"],
    )
}
