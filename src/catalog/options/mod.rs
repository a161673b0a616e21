//! Dynamic options: the `{value, label}` choices a platform's form offers for one input field,
//! computed from the account (n8n's `loadOptions`, Zapier's dynamic dropdowns, Pipedream's prop
//! `options`): mailboxes (`GET /v2/mailboxes`), users (`GET /v2/users`), tags (`GET /v2/tags`),
//! a mailbox's folders and custom fields with their dropdown options, webhooks, events, and the
//! statuses the action's input schema allows; every page followed. Each catalog entry says which
//! of its fields have choices and which fields those depend on (a dependent dropdown).

mod fields;

use super::{Entry, Source};
use crate::client::{Client, Transport};
use crate::error::{Error, Result};
use crate::ids::{ConversationId, Id, MailboxId};
use crate::resources::mailboxes::Definitions;
use crate::resources::wire;
use crate::triggers::events;
use fields::aliased;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// Most items read for one list of choices.
const MAX_CHOICES: usize = 10_000;

/// One choice: the value to put in the input and what to show.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub value: Value,
    pub label: String,
    /// For custom fields: `type`, `required`, and a dropdown's `options`.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The output of `options`: `{"items": [{value, label}…]}`.
#[derive(Debug, Serialize)]
pub struct Choices {
    pub items: Vec<Choice>,
}

/// The choices for `field` of `entry`; `input` is the form so far (a JSON object), which
/// carries the fields the choices depend on.
pub fn options(
    client: &mut Client<impl Transport>,
    entry: &Entry,
    field: &str,
    input: &str,
) -> Result<Choices> {
    let spec = entry
        .option_fields
        .iter()
        .find(|f| f.field == field)
        .or_else(|| aliased(entry, field))
        .ok_or_else(|| no_choices(entry))?;
    let form = parse_form(input)?;
    let items = match spec.source {
        Source::Enum => statuses(entry, spec.field)?,
        Source::Events => event_choices(),
        Source::Mailboxes => listed(client, &["mailboxes"], "mailboxes", |m| {
            (m["id"].clone(), text(&m["name"]))
        })?,
        Source::Users => listed(client, &["users"], "users", |u| {
            let name = format!("{} {}", text(&u["firstName"]), text(&u["lastName"]));
            (
                u["id"].clone(),
                format!("{} <{}>", name.trim(), text(&u["email"])),
            )
        })?,
        Source::Tags => listed(client, &["tags"], "tags", |t| {
            let name = if t["name"].is_string() {
                &t["name"]
            } else {
                &t["tag"]
            };
            (name.clone(), text(name))
        })?,
        Source::TagIds => listed(client, &["tags"], "tags", |t| {
            (t["id"].clone(), text(&t["name"]))
        })?,
        Source::Webhooks => listed(client, &["webhooks"], "webhooks", |w| {
            let events: Vec<String> = w["events"]
                .as_array()
                .into_iter()
                .flatten()
                .map(text)
                .collect();
            (
                w["id"].clone(),
                format!("{} ({})", text(&w["url"]), events.join(", ")),
            )
        })?,
        Source::Teams => listed(client, &["teams"], "teams", |t| {
            (t["id"].clone(), text(&t["name"]))
        })?,
        Source::Workflows => listed(client, &["workflows"], "workflows", |w| {
            (w["id"].clone(), text(&w["name"]))
        })?,
        Source::Organizations => listed(client, &["organizations"], "organizations", |o| {
            (o["id"].clone(), text(&o["name"]))
        })?,
        Source::Folders => {
            let mailbox = required_mailbox(&form, spec.depends_on)?;
            let segments = ["mailboxes", &mailbox.segment(), "folders"];
            listed(client, &segments, "folders", |f| {
                (f["id"].clone(), text(&f["name"]))
            })?
        }
        Source::CustomFields => {
            let mailbox = mailbox_of(client, &form, spec.depends_on)?;
            field_choices(Definitions::fetch(client, mailbox)?)
        }
    };
    Ok(Choices { items })
}

fn no_choices(entry: &Entry) -> Error {
    let action = entry.name;
    let known: Vec<&str> = entry.option_fields.iter().map(|f| f.field).collect();
    let message = match known.is_empty() {
        true => format!("{action} has no field with choices"),
        false => format!(
            "has no choices in {action}; fields with choices: {}",
            known.join(", ")
        ),
    };
    Error::invalid("field", message)
}

fn choice(value: Value, label: String) -> Choice {
    Choice {
        value,
        label,
        extra: Map::new(),
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Every item of a HAL list, as a choice.
fn listed(
    client: &mut Client<impl Transport>,
    segments: &[&str],
    rel: &str,
    to_choice: impl Fn(&Value) -> (Value, String),
) -> Result<Vec<Choice>> {
    let url = client.base().endpoint(segments, &[]);
    let items = client.collect(url, rel, MAX_CHOICES)?;
    Ok(items
        .iter()
        .map(|item| {
            let (value, label) = to_choice(item);
            choice(value, label)
        })
        .collect())
}

/// The values the input schema allows for `field` (its `enum`, `null` left out).
fn statuses(entry: &Entry, field: &str) -> Result<Vec<Choice>> {
    let archive = super::Archive::open()?;
    let schema: Value = serde_json::from_str(archive.text(entry.files.input)).map_err(|e| {
        Error::Other(format!("the input schema of {} is not JSON: {e}", entry.name).into())
    })?;
    let allowed = schema["properties"][field]["enum"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    Ok(allowed
        .into_iter()
        .filter_map(|v| v.as_str().map(|s| choice(json!(s), s.to_string())))
        .collect())
}

fn event_choices() -> Vec<Choice> {
    let triggers = super::entries().filter_map(|e| {
        let event = e.trigger?.event;
        let name = e.name;
        Some(choice(json!(name), format!("{name} (trigger: {event})")))
    });
    let documented = events::EVENTS
        .iter()
        .filter(|e| e.subscribable)
        .map(|e| choice(json!(e.name), e.name.to_string()));
    triggers.chain(documented).collect()
}

/// A mailbox's custom fields: id, name, type, and each dropdown option as `{value, label}`.
fn field_choices(definitions: Definitions) -> Vec<Choice> {
    definitions
        .0
        .into_iter()
        .map(|d| {
            let mut extra = Map::new();
            extra.insert("type".into(), json!(d.kind));
            extra.insert("required".into(), json!(d.required));
            if !d.options.is_empty() {
                let options: Vec<Value> = d
                    .options
                    .iter()
                    .map(|o| json!({"value": o.id, "label": o.label}))
                    .collect();
                extra.insert("options".into(), Value::Array(options));
            }
            Choice {
                value: json!(d.id),
                label: d.name,
                extra,
            }
        })
        .collect()
}

/// The form so far: a JSON object (empty text counts as `{}`).
fn parse_form(input: &str) -> Result<Map<String, Value>> {
    let input = if input.trim().is_empty() { "{}" } else { input };
    match serde_json::from_str(input) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::invalid(
            "input",
            "must be a JSON object (the form so far)",
        )),
    }
}

/// The id in `form[key]` (an integer or a digit string, or the first of a list).
fn id_in<T: Id + for<'de> Deserialize<'de>>(form: &Map<String, Value>, key: &str) -> Option<T> {
    let value = match form.get(key)? {
        Value::Array(list) => list.first()?.clone(),
        other => other.clone(),
    };
    serde_json::from_value(value).ok()
}

/// The mailbox the choices depend on: under the entry's name for it, or the other common one
/// (`mailbox` / `mailboxId`).
fn given_mailbox(form: &Map<String, Value>, key: &str) -> Option<MailboxId> {
    id_in(form, key)
        .or_else(|| id_in(form, "mailboxId"))
        .or_else(|| id_in(form, "mailbox"))
}

fn required_mailbox(form: &Map<String, Value>, keys: &[&str]) -> Result<MailboxId> {
    let key = keys.first().copied().unwrap_or("mailbox");
    given_mailbox(form, key)
        .ok_or_else(|| Error::invalid(key, "is needed first: these choices depend on it"))
}

/// The mailbox the custom fields belong to: given, or the conversation's (`id`).
fn mailbox_of(
    client: &mut Client<impl Transport>,
    form: &Map<String, Value>,
    keys: &[&str],
) -> Result<MailboxId> {
    let conversation = keys.get(1).and_then(|k| id_in::<ConversationId>(form, k));
    let key = keys.first().copied().unwrap_or("mailboxId");
    match (given_mailbox(form, key), conversation) {
        (Some(mailbox), _) => Ok(mailbox),
        (None, Some(conversation)) => mailbox_of_conversation(client, conversation),
        (None, None) => required_mailbox(form, keys),
    }
}

fn mailbox_of_conversation(
    client: &mut Client<impl Transport>,
    conversation: ConversationId,
) -> Result<MailboxId> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Owner {
        #[serde(deserialize_with = "wire::id")]
        mailbox_id: u64,
    }
    let found = client.get(&["conversations", &conversation.segment()], &[])?;
    let owner: Owner = wire::parse(&found, "conversation")?;
    MailboxId::new(owner.mailbox_id).ok_or_else(|| wire::not_a("conversation"))
}
