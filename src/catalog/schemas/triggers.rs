//! Schemas of the triggers (their poll input and output) and of the webhook actions.

use super::{DRAFT, id, input, items_of, timestamp};
use serde_json::{Value, json};

fn cursor() -> Value {
    json!({"type": "object", "required": ["since"], "additionalProperties": false,
           "description": "Returned by the previous poll; pass it back unchanged.",
           "properties": {"since": timestamp(), "seen": {"type": "array", "items": {"type": "integer"}}}})
}

pub fn poll_input() -> Value {
    input(
        "trigger poll input",
        json!({"cursor": {"oneOf": [cursor(), {"type": "null"}]},
               "since": timestamp(),
               "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}}),
        &[],
    )
}

/// One event, as `host-test replay` prints it and polls return it.
pub fn event() -> Value {
    json!({"type": "object", "required": ["event", "trigger", "id", "data"], "properties": {
        "event": {"type": "string"}, "trigger": {"type": ["string", "null"]},
        "id": {"type": ["integer", "null"]}, "data": {}}})
}

pub fn poll_output() -> Value {
    json!({"$schema": DRAFT, "title": "trigger poll output", "type": "object",
           "required": ["events", "cursor"],
           "properties": {"events": {"type": "array", "items": event()}, "cursor": cursor()}})
}

fn subscription() -> Value {
    json!({"type": "object", "required": ["id", "url", "events"], "properties": {
        "id": {"type": ["integer", "null"]}, "url": {"type": "string"},
        "events": {"type": "array", "items": {"type": "string"}},
        "mailboxIds": {"type": "array", "items": {"type": "integer"}},
        "label": {"type": ["string", "null"]}, "state": {"type": "string"},
        "secret": {"type": "string", "description": "Store it to verify deliveries."},
        "created": {"type": "boolean"}}})
}

pub fn subscribe_input() -> Value {
    input(
        "subscribe-webhook input",
        json!({"url": {"type": "string", "format": "uri"},
               "events": {"type": "array", "minItems": 1, "items": {"type": "string"},
                          "description": "Trigger names or Help Scout event names."},
               "mailboxIds": {"type": "array", "items": id()},
               "label": {"type": "string"}}),
        &["url", "events"],
    )
}

pub fn subscribe_output() -> Value {
    let mut schema = subscription();
    schema["$schema"] = json!(DRAFT);
    schema["title"] = json!("subscribe-webhook output");
    schema
}

pub fn unsubscribe_input() -> Value {
    input("unsubscribe-webhook input", json!({"id": id()}), &["id"])
}

pub fn unsubscribe_output() -> Value {
    json!({"$schema": DRAFT, "title": "unsubscribe-webhook output", "type": "object",
           "required": ["id", "deleted"], "properties": {"id": id(), "deleted": {"const": true}}})
}

pub fn list_webhooks_input() -> Value {
    input("list-webhooks input", json!({}), &[])
}

pub fn list_webhooks_output() -> Value {
    items_of("list-webhooks output", subscription())
}
