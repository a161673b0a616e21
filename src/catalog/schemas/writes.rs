//! Schemas of the write actions and of customers.

use super::{DRAFT, id, input, items_of, limit, timestamp};
use serde_json::{Value, json};

fn customer_ref() -> Value {
    json!({"type": "object", "additionalProperties": false,
           "anyOf": [{"required": ["id"]}, {"required": ["email"]}],
           "properties": {"id": id(), "email": {"type": "string", "format": "email"},
                          "firstName": {"type": "string", "maxLength": 40},
                          "lastName": {"type": "string", "maxLength": 40}}})
}

fn attachments() -> Value {
    json!({"type": "array", "items": {"type": "object", "additionalProperties": false,
        "required": ["fileName", "mimeType", "data"],
        "properties": {"fileName": {"type": "string"}, "mimeType": {"type": "string"},
                       "data": {"type": "string", "contentEncoding": "base64"}}}})
}

fn emails() -> Value {
    json!({"type": "array", "items": {"type": "string", "format": "email"}})
}

fn field_inputs() -> Value {
    json!({"type": "array", "items": {"type": "object", "additionalProperties": false,
        "required": ["id"], "properties": {"id": id(),
            "value": {"type": ["string", "number", "null"],
                      "description": "Dropdowns by option label or id; null clears."}}}})
}

fn thread_properties() -> Value {
    json!({
        "type": {"enum": ["reply", "note", "customer", "chat", "phone"]},
        "text": {"type": "string", "minLength": 1},
        "customer": customer_ref(),
        "user": id(),
        "cc": emails(),
        "bcc": emails(),
        "draft": {"type": "boolean"},
        "imported": {"type": "boolean"},
        "createdAt": timestamp(),
        "attachments": attachments()
    })
}

fn status() -> Value {
    json!({"enum": ["active", "closed", "pending", "spam"]})
}

fn id_output(title: &str) -> Value {
    json!({"$schema": DRAFT, "title": title, "type": "object", "required": ["id"],
           "properties": {"id": {"type": ["integer", "null"]}}})
}

fn update_output(title: &str) -> Value {
    json!({"$schema": DRAFT, "title": title, "type": "object", "required": ["id", "applied"],
           "properties": {"id": id(), "applied": {"type": "array", "items": {"type": "string"}}}})
}

pub fn create_conversation_input() -> Value {
    let thread = json!({"type": "object", "additionalProperties": false,
                        "required": ["type", "text"], "properties": thread_properties()});
    input(
        "create-conversation input",
        json!({
            "subject": {"type": "string", "minLength": 1},
            "mailboxId": id(),
            "type": {"enum": ["email", "chat", "phone"]},
            "status": {"enum": ["active", "closed", "pending"]},
            "customer": customer_ref(),
            "threads": {"type": "array", "minItems": 1, "maxItems": 100, "items": thread},
            "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "assignTo": id(),
            "createdAt": timestamp(),
            "imported": {"type": "boolean"},
            "autoReply": {"type": "boolean"},
            "user": id(),
            "fields": field_inputs(),
            "customFields": field_inputs(),
            "returnConversation": {"type": "boolean", "default": false}
        }),
        &[
            "subject",
            "mailboxId",
            "type",
            "status",
            "customer",
            "threads",
        ],
    )
}

pub fn create_conversation_output() -> Value {
    let mut schema = id_output("create-conversation output");
    schema["properties"]["conversation"] = json!({"type": "object"});
    schema
}

pub fn update_conversation_input() -> Value {
    input(
        "update-conversation input",
        json!({
            "id": id(),
            "subject": {"type": "string", "minLength": 1},
            "status": status(),
            "assignTo": {"oneOf": [id(), {"type": "null"}], "description": "A user id; null unassigns."},
            "unassign": {"type": "boolean"},
            "mailboxId": id(),
            "primaryCustomerId": id(),
            "draft": {"const": false, "description": "false publishes a draft."},
            "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "customFields": field_inputs()
        }),
        &["id"],
    )
}

pub fn update_conversation_output() -> Value {
    update_output("update-conversation output")
}

pub fn create_thread_input() -> Value {
    let mut properties = thread_properties();
    properties["conversationId"] = id();
    properties["status"] = status();
    properties["assignTo"] = id();
    input(
        "create-thread input",
        properties,
        &["conversationId", "type", "text"],
    )
}

pub fn create_thread_output() -> Value {
    id_output("create-thread output")
}

fn nullable_text(max: u32) -> Value {
    json!({"type": ["string", "null"], "maxLength": max})
}

fn entries(with_type: bool) -> Value {
    let mut properties = json!({"value": {"type": "string", "minLength": 1}});
    if with_type {
        properties["type"] = json!({"type": "string"});
    }
    json!({"type": "array", "items": {"type": "object", "additionalProperties": false,
        "required": ["value"], "properties": properties}})
}

fn customer_properties(with_id: bool) -> Value {
    let mut p = json!({
        "firstName": nullable_text(40), "lastName": nullable_text(40), "phone": nullable_text(255),
        "photoUrl": nullable_text(200),
        "photoType": {"enum": ["unknown", "gravatar", "twitter", "facebook", "googleprofile", "googleplus", "linkedin", "instagram", null]},
        "jobTitle": nullable_text(60), "location": nullable_text(60), "organization": nullable_text(60),
        "background": nullable_text(200), "gender": {"enum": ["male", "female", "unknown", "Male", "Female", "Unknown", null]},
        "age": nullable_text(255),
        "emails": entries(true), "phones": entries(true), "chats": entries(true),
        "socialProfiles": entries(true), "websites": entries(false),
        "address": {"type": ["object", "null"], "additionalProperties": false, "properties": {
            "city": {"type": "string"}, "state": {"type": "string"}, "postalCode": {"type": "string"},
            "country": {"type": "string"}, "lines": {"type": "array", "items": {"type": "string"}}}},
        "properties": {"type": "array", "items": {"type": "object", "additionalProperties": false,
            "required": ["slug"], "properties": {"slug": {"type": "string"},
            "value": {"type": ["string", "number", "null"], "description": "null removes the property."}}}}
    });
    if with_id {
        p["id"] = id();
    }
    p
}

pub fn create_customer_input() -> Value {
    input("create-customer input", customer_properties(false), &[])
}

pub fn create_customer_output() -> Value {
    id_output("create-customer output")
}

pub fn update_customer_input() -> Value {
    input("update-customer input", customer_properties(true), &["id"])
}

pub fn update_customer_output() -> Value {
    update_output("update-customer output")
}

pub fn find_customers_input() -> Value {
    input(
        "find-customers input",
        json!({
            "email": {"type": "string", "format": "email",
                      "description": "Sent as query=(email:\"…\"), joined with query by AND."},
            "firstName": {"type": "string"}, "lastName": {"type": "string"},
            "mailbox": id(), "modifiedSince": timestamp(),
            "query": {"type": "string", "description": "Help Scout search syntax, passed through untouched."},
            "sortField": {"enum": ["score", "firstName", "lastName", "modifiedAt", "createdAt"]},
            "sortOrder": {"enum": ["asc", "desc"]},
            "limit": limit()
        }),
        &[],
    )
}

fn customer_item() -> Value {
    json!({"type": "object", "required": ["id"], "properties": {
        "id": id(), "firstName": {"type": ["string", "null"]}, "lastName": {"type": ["string", "null"]},
        "_embedded": {"type": "object"}}})
}

pub fn find_customers_output() -> Value {
    items_of("find-customers output", customer_item())
}

pub fn get_customer_input() -> Value {
    input("get-customer input", json!({"id": id()}), &["id"])
}

pub fn customer() -> Value {
    let mut schema = customer_item();
    schema["$schema"] = json!(DRAFT);
    schema["title"] = json!("customer");
    schema
}
