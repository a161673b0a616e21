//! Help Scout's conversation and thread JSON read into the WIT records in one pass over the
//! text, which is kept whole in `raw-json`. Field readers are lenient (an id may come as a
//! string, webhook payloads may carry tags as plain names), the shape is not: a body that is no
//! conversation is an error, never a record of zeros.

use crate::bindings::exports::helpscout::connector::conversations as wit;
use crate::error::Result;
use crate::resources::wire;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireConversation {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(default, deserialize_with = "wire::id")]
    number: u64,
    #[serde(default, deserialize_with = "wire::text")]
    subject: String,
    #[serde(default, deserialize_with = "wire::text")]
    status: String,
    #[serde(default)]
    state: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "wire::text")]
    kind: String,
    #[serde(default, deserialize_with = "wire::id")]
    mailbox_id: u64,
    #[serde(default, deserialize_with = "wire::opt_id")]
    folder_id: Option<u64>,
    #[serde(default)]
    preview: Option<String>,
    #[serde(default, deserialize_with = "wire::id")]
    threads: u64,
    #[serde(default)]
    assignee: Option<WirePerson>,
    #[serde(default)]
    primary_customer: Option<WirePerson>,
    #[serde(default)]
    created_by: Option<WirePerson>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    closed_at: Option<String>,
    #[serde(default)]
    user_updated_at: Option<String>,
    #[serde(default)]
    tags: Vec<WireTag>,
    #[serde(default)]
    cc: Vec<String>,
    #[serde(default)]
    bcc: Vec<String>,
    #[serde(default)]
    custom_fields: Vec<WireFieldValue>,
    #[serde(default, rename = "_embedded")]
    embedded: Option<WireEmbedded>,
}

#[derive(Deserialize)]
struct WireEmbedded {
    #[serde(default)]
    threads: Option<Vec<WireThread>>,
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

/// A tag object, or a plain name as webhook payloads may carry them.
#[derive(Deserialize)]
#[serde(untagged)]
enum WireTag {
    Name(String),
    Object {
        #[serde(default, deserialize_with = "wire::id")]
        id: u64,
        #[serde(default, deserialize_with = "wire::text")]
        tag: String,
        #[serde(default)]
        color: Option<String>,
    },
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
    created_by: Option<WirePerson>,
    customer: Option<WirePerson>,
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

/// One conversation's JSON text as the typed record, the text kept in `raw-json`.
pub fn record(json: &str) -> Result<wit::Conversation> {
    let c: WireConversation = wire::parse_text(json, "conversation")?;
    if c.id == 0 {
        return Err(wire::not_a("conversation"));
    }
    let threads = c
        .embedded
        .and_then(|e| e.threads)
        .map(|list| list.into_iter().map(thread).collect());
    Ok(wit::Conversation {
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
        assignee: c.assignee.and_then(person),
        primary_customer: c.primary_customer.and_then(person),
        created_by: c.created_by.and_then(person),
        created_at: c.created_at,
        closed_at: c.closed_at,
        user_updated_at: c.user_updated_at,
        tags: c.tags.into_iter().map(tag).collect(),
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
        raw_json: json.to_string(),
    })
}

fn person(p: WirePerson) -> Option<wit::Person> {
    (p.id != 0).then(|| wit::Person {
        id: p.id,
        kind: p.kind.unwrap_or_default(),
        first: p.first,
        last: p.last,
        email: p.email,
    })
}

fn tag(t: WireTag) -> wit::Tag {
    match t {
        WireTag::Name(tag) => wit::Tag {
            id: None,
            tag,
            color: None,
        },
        WireTag::Object { id, tag, color } => wit::Tag {
            id: (id != 0).then_some(id),
            tag,
            color,
        },
    }
}

/// A thread's JSON text (`GET /v2/conversations/{id}/threads`) as the WIT record.
pub fn thread_record(json: &str) -> Result<wit::Thread> {
    Ok(thread(wire::parse_text(json, "thread")?))
}

fn thread(t: WireThread) -> wit::Thread {
    let attachments = t.embedded.map(|e| e.attachments).unwrap_or_default();
    wit::Thread {
        id: t.id,
        kind: t.kind,
        status: t.status,
        state: t.state,
        body: t.body,
        created_at: t.created_at,
        created_by: t.created_by.and_then(person),
        customer: t.customer.and_then(person),
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
    use serde_json::{Value, json};

    fn of(value: &Value) -> wit::Conversation {
        record(&value.to_string()).unwrap()
    }

    #[test]
    fn parses_the_recorded_conversation() {
        let body = cassette_body("conversation_get.json", "GET", "/v2/conversations/");
        let c = of(&body);
        assert_eq!((c.id, c.mailbox_id), (100000001, 100000002));
        assert!(c.number > 0 && !c.status.is_empty() && c.kind == "email");
        assert!(c.primary_customer.is_some());
        assert_eq!(serde_json::from_str::<Value>(&c.raw_json).unwrap(), body);
    }

    #[test]
    fn parses_recorded_lists_and_threads() {
        let list = cassette_body("conversation_list.json", "GET", "/v2/conversations");
        let items = list["_embedded"]["conversations"].as_array().unwrap();
        assert!(items.iter().all(|i| of(i).id > 0));

        let threads = cassette_body("thread_list.json", "GET", "/threads");
        let mut conv = php_sdk("conversation.json");
        conv["_embedded"] = json!({ "threads": threads["_embedded"]["threads"] });
        let t = of(&conv).threads.unwrap();
        assert_eq!(t[0].attachments.len(), 2);
        assert!(!t[0].attachments[0].filename.is_empty());
    }

    #[test]
    fn parses_sdk_pages_with_embedded_threads_and_refuses_non_conversations() {
        let page = php_sdk("conversations_page1_embed_threads.json");
        let items = page["_embedded"]["conversations"].as_array().unwrap();
        assert!(
            items
                .iter()
                .all(|i| of(i).threads.is_some_and(|t| !t.is_empty()))
        );
        for not_one in ["[]", "{}", r#"{"id": "x"}"#, "7"] {
            assert!(record(not_one).is_err(), "{not_one}");
        }
        let webhook_tags =
            record(r#"{"id": 1, "tags": ["vip", {"id": 2, "tag": "pro"}]}"#).unwrap();
        assert_eq!(webhook_tags.tags[0].tag, "vip");
        assert_eq!(webhook_tags.tags[1].id, Some(2));
    }
}
