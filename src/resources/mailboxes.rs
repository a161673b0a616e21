//! Mailboxes: `GET /v2/mailboxes` (all pages), with each mailbox's folders
//! (`GET /v2/mailboxes/{id}/folders`) and custom-field definitions (`GET /v2/mailboxes/{id}/fields`)
//! on request.

use super::wire::{self, read};
use crate::bindings::exports::helpscout::connector::mailboxes as wit;
use crate::client::{Client, Transport};
use crate::error::Result;
use serde::Deserialize;
use serde_json::{Value, json};

/// More mailboxes than any account has; the cap only guards against a runaway server.
const MAX_ITEMS: usize = 10_000;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListMailboxes {
    #[serde(default)]
    pub include_folders: bool,
    #[serde(default)]
    pub include_fields: bool,
}

/// `{"items": [mailbox…]}`, each mailbox with `folders` / `fields` when asked for.
pub fn list(client: &mut Client<impl Transport>, input: &ListMailboxes) -> Result<Value> {
    let first = client.base().endpoint(&["mailboxes"], &[]);
    let mut mailboxes = client.collect(first, "mailboxes", MAX_ITEMS)?;
    for mailbox in &mut mailboxes {
        let id = mailbox_id(mailbox);
        if input.include_folders {
            let url = client.base().endpoint(&["mailboxes", &id, "folders"], &[]);
            mailbox["folders"] = Value::Array(client.collect(url, "folders", MAX_ITEMS)?);
        }
        if input.include_fields {
            let url = client.base().endpoint(&["mailboxes", &id, "fields"], &[]);
            mailbox["fields"] = Value::Array(client.collect(url, "fields", MAX_ITEMS)?);
        }
    }
    Ok(json!({ "items": mailboxes }))
}

fn mailbox_id(mailbox: &Value) -> String {
    match mailbox.get("id") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => "0".into(),
    }
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct WireMailbox {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::text")]
    name: String,
    #[serde(deserialize_with = "wire::text")]
    slug: String,
    #[serde(deserialize_with = "wire::text")]
    email: String,
    created_at: Option<String>,
    updated_at: Option<String>,
    folders: Option<Vec<Value>>,
    fields: Option<Vec<Value>>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct WireFolder {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::text")]
    name: String,
    #[serde(rename = "type", deserialize_with = "wire::text")]
    kind: String,
    #[serde(deserialize_with = "wire::id")]
    user_id: u64,
    #[serde(deserialize_with = "wire::id")]
    total_count: u64,
    #[serde(deserialize_with = "wire::id")]
    active_count: u64,
    updated_at: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct WireField {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::text")]
    name: String,
    #[serde(rename = "type", deserialize_with = "wire::text")]
    kind: String,
    required: bool,
    #[serde(deserialize_with = "wire::int")]
    order: i64,
    options: Vec<WireOption>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct WireOption {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::text")]
    label: String,
    #[serde(deserialize_with = "wire::int")]
    order: i64,
}

/// The typed records of a `list` output.
pub fn to_records(output: &Value) -> Vec<wit::Mailbox> {
    let items = output.get("items").and_then(Value::as_array);
    items.into_iter().flatten().map(to_record).collect()
}

fn to_record(value: &Value) -> wit::Mailbox {
    let m: WireMailbox = read(value);
    wit::Mailbox {
        id: m.id,
        name: m.name,
        slug: m.slug,
        email: m.email,
        created_at: m.created_at,
        updated_at: m.updated_at,
        folders: m.folders.map(|f| f.iter().map(folder).collect()),
        fields: m.fields.map(|f| f.iter().map(field).collect()),
    }
}

fn folder(value: &Value) -> wit::Folder {
    let f: WireFolder = read(value);
    wit::Folder {
        id: f.id,
        name: f.name,
        kind: f.kind,
        user_id: f.user_id,
        total_count: f.total_count,
        active_count: f.active_count,
        updated_at: f.updated_at,
    }
}

fn field(value: &Value) -> wit::FieldDefinition {
    let f: WireField = read(value);
    wit::FieldDefinition {
        id: f.id,
        name: f.name,
        kind: f.kind,
        required: f.required,
        order: f.order,
        options: f
            .options
            .into_iter()
            .map(|o| wit::FieldOption {
                id: o.id,
                label: o.label,
                order: o.order,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{cassette_body, php_sdk};

    #[test]
    fn parses_recorded_mailboxes_folders_and_fields() {
        let list = cassette_body("mailbox_list.json", "GET", "/v2/mailboxes");
        let mut mailbox = list["_embedded"]["mailboxes"][0].clone();
        let folders = cassette_body("mailbox_folders.json", "GET", "/folders");
        mailbox["folders"] = folders["_embedded"]["folders"].clone();
        mailbox["fields"] = php_sdk("mailbox_fields.json")["_embedded"]["fields"].clone();
        let records = to_records(&json!({ "items": [mailbox] }));
        let m = &records[0];
        assert!(m.id > 0 && !m.name.is_empty() && !m.email.is_empty());
        let folders = m.folders.as_ref().unwrap();
        assert_eq!(folders.len(), 8);
        assert_eq!(
            (folders[1].kind.as_str(), folders[1].user_id),
            ("mytickets", 100000003)
        );
        let fields = m.fields.as_ref().unwrap();
        assert_eq!(fields[0].kind, "dropdown");
        assert!(!fields[0].options.is_empty() && !fields[0].options[0].label.is_empty());
    }
}
