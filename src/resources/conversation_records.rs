//! Conversions from Help Scout's conversation and thread JSON to the WIT records. Lenient: a
//! missing or odd field becomes a default, the full JSON is kept in `raw-json`.

use super::wire::{self, read};
use crate::bindings::exports::helpscout::connector::conversations as wit;
use serde::Deserialize;
use serde_json::Value;

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct WireConversation {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::id")]
    number: u64,
    #[serde(deserialize_with = "wire::text")]
    subject: String,
    #[serde(deserialize_with = "wire::text")]
    status: String,
    state: Option<String>,
    #[serde(rename = "type", deserialize_with = "wire::text")]
    kind: String,
    #[serde(deserialize_with = "wire::id")]
    mailbox_id: u64,
    #[serde(deserialize_with = "wire::opt_id")]
    folder_id: Option<u64>,
    preview: Option<String>,
    #[serde(deserialize_with = "wire::id")]
    threads: u64,
    assignee: Option<Value>,
    primary_customer: Option<Value>,
    created_by: Option<Value>,
    created_at: Option<String>,
    closed_at: Option<String>,
    user_updated_at: Option<String>,
    tags: Vec<Value>,
    cc: Vec<String>,
    bcc: Vec<String>,
    custom_fields: Vec<WireFieldValue>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct WirePerson {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(rename = "type")]
    kind: Option<String>,
    first: Option<String>,
    last: Option<String>,
    email: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct WireTag {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::text")]
    tag: String,
    color: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct WireFieldValue {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::text")]
    name: String,
    #[serde(deserialize_with = "wire::text")]
    value: String,
    #[serde(deserialize_with = "wire::text")]
    text: String,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct WireThread {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(rename = "type", deserialize_with = "wire::text")]
    kind: String,
    status: Option<String>,
    state: Option<String>,
    body: Option<String>,
    created_at: Option<String>,
    created_by: Option<Value>,
    customer: Option<Value>,
    to: Vec<String>,
    cc: Vec<String>,
    bcc: Vec<String>,
    #[serde(rename = "_embedded")]
    embedded: Option<WireThreadEmbedded>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct WireThreadEmbedded {
    attachments: Vec<WireAttachment>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct WireAttachment {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::text")]
    filename: String,
    #[serde(deserialize_with = "wire::text")]
    mime_type: String,
    #[serde(deserialize_with = "wire::id")]
    size: u64,
}

/// The typed records of a find output (`{"items": [...]}`).
#[cfg(test)]
fn to_records(output: &Value) -> Vec<wit::Conversation> {
    let items = output.get("items").and_then(Value::as_array);
    items.into_iter().flatten().map(to_record).collect()
}

/// The typed records of raw find items.
pub fn records_from_raw(items: &[Box<serde_json::value::RawValue>]) -> Vec<wit::Conversation> {
    let parsed = items
        .iter()
        .filter_map(|raw| serde_json::from_str::<Value>(raw.get()).ok());
    parsed.map(|value| to_record(&value)).collect()
}

/// One conversation as a typed record, its JSON kept whole in `raw-json`.
pub fn to_record(value: &Value) -> wit::Conversation {
    with_json(value, value.to_string())
}

/// Like `to_record`, with `raw_json` already at hand as the JSON text of `value` (a webhook body),
/// so it is not printed again.
pub fn with_json(value: &Value, raw_json: String) -> wit::Conversation {
    let c: WireConversation = read(value);
    let threads = value
        .get("_embedded")
        .and_then(|e| e.get("threads"))
        .and_then(Value::as_array)
        .map(|t| t.iter().map(thread).collect());
    wit::Conversation {
        id: c.id,
        number: c.number,
        subject: c.subject,
        status: c.status,
        state: c.state,
        kind: c.kind,
        mailbox_id: c.mailbox_id,
        folder_id: c.folder_id,
        preview: c.preview,
        thread_count: c.threads,
        assignee: c.assignee.as_ref().and_then(person),
        primary_customer: c.primary_customer.as_ref().and_then(person),
        created_by: c.created_by.as_ref().and_then(person),
        created_at: c.created_at,
        closed_at: c.closed_at,
        user_updated_at: c.user_updated_at,
        tags: c.tags.iter().map(tag).collect(),
        cc: c.cc,
        bcc: c.bcc,
        custom_fields: c
            .custom_fields
            .into_iter()
            .map(|f| wit::FieldValue {
                id: f.id,
                name: f.name,
                value: f.value,
                text: f.text,
            })
            .collect(),
        threads,
        raw_json,
    }
}

fn person(value: &Value) -> Option<wit::Person> {
    let p: WirePerson = read(value);
    (p.id != 0).then(|| wit::Person {
        id: p.id,
        kind: p.kind.unwrap_or_default(),
        first: p.first,
        last: p.last,
        email: p.email,
    })
}

/// Webhook payloads may carry tags as plain names.
fn tag(value: &Value) -> wit::Tag {
    if let Some(name) = value.as_str() {
        return wit::Tag {
            id: 0,
            tag: name.to_string(),
            color: None,
        };
    }
    let t: WireTag = read(value);
    wit::Tag {
        id: t.id,
        tag: t.tag,
        color: t.color,
    }
}

fn thread(value: &Value) -> wit::Thread {
    let t: WireThread = read(value);
    let attachments = t.embedded.map(|e| e.attachments).unwrap_or_default();
    wit::Thread {
        id: t.id,
        kind: t.kind,
        status: t.status,
        state: t.state,
        body: t.body,
        created_at: t.created_at,
        created_by: t.created_by.as_ref().and_then(person),
        customer: t.customer.as_ref().and_then(person),
        to: t.to,
        cc: t.cc,
        bcc: t.bcc,
        attachments: attachments
            .into_iter()
            .map(|a| wit::Attachment {
                id: a.id,
                filename: a.filename,
                mime_type: a.mime_type,
                size: a.size,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{cassette_body, php_sdk};
    use serde_json::json;

    #[test]
    fn parses_the_recorded_conversation() {
        let body = cassette_body("conversation_get.json", "GET", "/v2/conversations/");
        let c = to_record(&body);
        assert_eq!((c.id, c.mailbox_id), (100000001, 100000002));
        assert!(c.number > 0 && !c.status.is_empty() && c.kind == "email");
        assert!(c.primary_customer.is_some());
        assert_eq!(serde_json::from_str::<Value>(&c.raw_json).unwrap(), body);
    }

    #[test]
    fn parses_recorded_lists_and_threads() {
        let list = cassette_body("conversation_list.json", "GET", "/v2/conversations");
        let items = list["_embedded"]["conversations"].clone();
        let records = to_records(&json!({ "items": items }));
        assert_eq!(records.len(), items.as_array().unwrap().len());
        assert!(records.iter().all(|c| c.id > 0));

        let threads = cassette_body("thread_list.json", "GET", "/threads");
        let mut conv = php_sdk("conversation.json");
        conv["_embedded"] = json!({ "threads": threads["_embedded"]["threads"] });
        let c = to_record(&conv);
        let t = c.threads.unwrap();
        assert_eq!(t[0].attachments.len(), 2);
        assert!(!t[0].attachments[0].filename.is_empty());
    }

    #[test]
    fn parses_sdk_pages_with_embedded_threads() {
        let page = php_sdk("conversations_page1_embed_threads.json");
        let items = page["_embedded"]["conversations"].clone();
        let records = to_records(&json!({ "items": items }));
        assert!(
            records
                .iter()
                .all(|c| c.threads.as_ref().is_some_and(|t| !t.is_empty()))
        );
        assert!(
            php_sdk("conversations_empty.json")
                .get("_embedded")
                .is_none()
        );
    }
}
