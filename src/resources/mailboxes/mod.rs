//! Mailboxes (called inboxes in newer Help Scout pages): `list-mailboxes` (`GET /v2/mailboxes`,
//! every page) and `get-mailbox` (`GET /v2/mailboxes/{id}`, Get Mailbox,
//! <https://developer.helpscout.com/mailbox-api/endpoints/mailboxes/get/>), each with the
//! mailbox's folders (`GET /v2/mailboxes/{id}/folders`) and custom-field definitions
//! (`GET /v2/mailboxes/{id}/fields`) on request, read once into typed records that keep every
//! other field Help Scout sends.

mod fields;

pub use fields::{Definition, Definitions, FieldInput};

use crate::bindings::exports::helpscout::connector::mailboxes as wit;
use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::ids::MailboxId;
use crate::resources::wire;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// More mailboxes than any account has; the cap only guards against a runaway server.
const MAX_ITEMS: usize = 10_000;

#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListMailboxes {
    /// Also read each mailbox's folders.
    #[serde(default)]
    pub include_folders: bool,
    /// Also read each mailbox's custom-field definitions.
    #[serde(default)]
    pub include_fields: bool,
}

impl Validate for ListMailboxes {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// One mailbox as Help Scout lists it, plus `folders` and `fields` when asked for.
#[derive(Debug, Deserialize, Serialize)]
pub struct Mailbox {
    #[serde(deserialize_with = "wire::id")]
    pub id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folders: Option<Vec<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<Value>>,
    /// Every other field, passed on as Help Scout sent it.
    #[serde(flatten)]
    pub rest: Map<String, Value>,
}

/// The output of `list-mailboxes`: `{"items": [mailbox…]}`.
#[derive(Debug, Serialize)]
pub struct Mailboxes {
    pub items: Vec<Mailbox>,
}

pub fn list(client: &mut Client<impl Transport>, input: &ListMailboxes) -> Result<Mailboxes> {
    let first = client.base().endpoint(&["mailboxes"], &[]);
    let listed = client.collect(first, "mailboxes", MAX_ITEMS)?;
    let mut items = Vec::with_capacity(listed.len());
    for value in listed {
        items.push(with_details(client, value, input)?);
    }
    Ok(Mailboxes { items })
}

/// Input of `get-mailbox`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetMailbox {
    pub id: MailboxId,
    /// Also read the mailbox's folders.
    #[serde(default)]
    pub include_folders: bool,
    /// Also read the mailbox's custom-field definitions.
    #[serde(default)]
    pub include_fields: bool,
}

impl Validate for GetMailbox {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// One mailbox, with its folders and fields when asked for.
pub fn get(client: &mut Client<impl Transport>, input: &GetMailbox) -> Result<Mailbox> {
    let value = client.get(&["mailboxes", &input.id.segment()], &[])?;
    let details = ListMailboxes {
        include_folders: input.include_folders,
        include_fields: input.include_fields,
    };
    with_details(client, value, &details)
}

/// A mailbox as Help Scout sent it, with the details `input` asks for read.
fn with_details(
    client: &mut Client<impl Transport>,
    value: Value,
    input: &ListMailboxes,
) -> Result<Mailbox> {
    let mut mailbox: Mailbox = serde_json::from_value(value).map_err(|e| {
        crate::error::Error::Other(format!("Help Scout answered an unexpected mailbox: {e}").into())
    })?;
    let id = MailboxId::new(mailbox.id).ok_or_else(|| wire::not_a("mailbox"))?;
    if input.include_folders {
        let url = client
            .base()
            .endpoint(&["mailboxes", &id.segment(), "folders"], &[]);
        mailbox.folders = Some(client.collect(url, "folders", MAX_ITEMS)?);
    }
    if input.include_fields {
        let url = client
            .base()
            .endpoint(&["mailboxes", &id.segment(), "fields"], &[]);
        mailbox.fields = Some(client.collect(url, "fields", MAX_ITEMS)?);
    }
    Ok(mailbox)
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
    #[serde(deserialize_with = "wire::opt_id")]
    user_id: Option<u64>,
    #[serde(deserialize_with = "wire::id")]
    total_count: u64,
    #[serde(deserialize_with = "wire::id")]
    active_count: u64,
    updated_at: Option<String>,
}

impl Mailbox {
    /// The WIT record of this mailbox.
    pub fn record(&self) -> Result<wit::Mailbox> {
        let text = |key: &str| {
            self.rest
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let folders = match &self.folders {
            Some(list) => Some(list.iter().map(folder).collect::<Result<_>>()?),
            None => None,
        };
        let fields = match &self.fields {
            Some(list) => Some(list.iter().map(field_definition).collect::<Result<_>>()?),
            None => None,
        };
        Ok(wit::Mailbox {
            id: self.id,
            name: text("name").unwrap_or_default(),
            slug: text("slug").unwrap_or_default(),
            email: text("email").unwrap_or_default(),
            created_at: text("createdAt"),
            updated_at: text("updatedAt"),
            folders,
            fields,
        })
    }
}

fn folder(value: &Value) -> Result<wit::Folder> {
    let f: WireFolder = wire::parse(value, "folder")?;
    Ok(wit::Folder {
        id: f.id,
        name: f.name,
        kind: f.kind,
        user_id: f.user_id,
        total_count: f.total_count,
        active_count: f.active_count,
        updated_at: f.updated_at,
    })
}

fn field_definition(value: &Value) -> Result<wit::FieldDefinition> {
    let f: Definition = wire::parse(value, "field definition")?;
    Ok(wit::FieldDefinition {
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
    })
}

/// `list-mailboxes`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "list-mailboxes",
    title: "List mailboxes",
    group: Group::Mailbox,
    description: "List every mailbox (GET /v2/mailboxes), optionally with its folders and \
                  custom-field definitions.",
    files: files!("list-mailboxes"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::All,
    trigger: None,
    run: |client, input, _| json(&list(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<ListMailboxes>,
};

/// `get-mailbox`, as the catalog declares it.
pub const GET_ENTRY: Entry = Entry {
    name: "get-mailbox",
    title: "Get a mailbox",
    group: Group::Mailbox,
    description: "Get one mailbox (GET /v2/mailboxes/{id}): name, e-mail, slug, optionally with \
                  its folders and custom-field definitions.",
    files: files!("get-mailbox"),
    option_fields: &[field("id", Source::Mailboxes)],
    effects: Effects::READ,
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&get(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<GetMailbox>,
};

/// The entries of this resource, in catalog order.
pub const ENTRIES: &[Entry] = &[ENTRY, GET_ENTRY];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{cassette_body, php_sdk};

    #[test]
    fn parses_recorded_mailboxes_folders_and_fields() {
        let list = cassette_body("mailbox_list.json", "GET", "/v2/mailboxes");
        let mut mailbox: Mailbox =
            serde_json::from_value(list["_embedded"]["mailboxes"][0].clone()).unwrap();
        let folders = cassette_body("mailbox_folders.json", "GET", "/folders");
        mailbox.folders = folders["_embedded"]["folders"].as_array().cloned();
        mailbox.fields = php_sdk("mailbox_fields.json")["_embedded"]["fields"]
            .as_array()
            .cloned();
        let m = mailbox.record().unwrap();
        assert!(m.id > 0 && !m.name.is_empty() && !m.email.is_empty());
        let folders = m.folders.as_ref().unwrap();
        assert_eq!(folders.len(), 8);
        assert_eq!(
            (folders[1].kind.as_str(), folders[1].user_id),
            ("mytickets", Some(100000003))
        );
        let fields = m.fields.as_ref().unwrap();
        assert_eq!(fields[0].kind, "dropdown");
        assert!(!fields[0].options.is_empty() && !fields[0].options[0].label.is_empty());
        let out = serde_json::to_value(&mailbox).unwrap();
        assert_eq!(out["name"], m.name, "the other fields pass through");
    }
}
