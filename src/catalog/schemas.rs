//! The input schemas in `schemas/` are generated from the types that decode the inputs, so the
//! two cannot disagree: this test regenerates them and fails when a file drifted
//! (`UPDATE_SCHEMAS=1 cargo test -p helpscout-connector schemas` rewrites them). Generation
//! happens in tests only: the component embeds the files and does not carry schemars.

use super::entries;
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

/// The `events` of the webhook entries: the trigger names and the events Create Webhook accepts.
pub fn webhook_events(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let triggers = entries().filter_map(|e| e.trigger.map(|_| e.name));
    let documented = crate::triggers::events::EVENTS
        .iter()
        .filter(|e| e.subscribable)
        .map(|e| e.name);
    let names: Vec<&str> = triggers.chain(documented).collect();
    schemars::json_schema!({
        "type": "array",
        "items": {"type": "string", "enum": names},
        "description": "Trigger names or Help Scout event names."
    })
}

/// `T`'s schema, draft 2020-12, subschemas inlined.
pub fn schema_of<T: JsonSchema>() -> Value {
    let settings = SchemaSettings::draft2020_12().with(|s| s.inline_subschemas = true);
    settings
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// `T`'s schema with the id field `key` that addresses the resource added (and required).
pub fn with_id<T: JsonSchema, I: JsonSchema>(key: &str) -> Value {
    let mut value = schema_of::<T>();
    value["properties"][key] = schema_of::<I>();
    strip_meta(&mut value["properties"][key]);
    let required = value["required"].as_array().cloned().unwrap_or_default();
    let mut required: Vec<Value> = required.into_iter().filter(|r| r != key).collect();
    required.insert(0, json!(key));
    value["required"] = Value::Array(required);
    value
}

/// A property the decoder also accepts under an older name (a serde `alias`, which schemars does
/// not see), listed as deprecated so that schema and decoder agree.
pub fn with_alias(mut value: Value, alias: &str, of: &str) -> Value {
    let mut property = value["properties"][of].clone();
    property["deprecated"] = json!(true);
    property["description"] = json!(format!(
        "Deprecated: the same as `{of}` (its name in 0.1.0)."
    ));
    value["properties"][alias] = property;
    value
}

fn strip_meta(value: &mut Value) {
    if let Some(map) = value.as_object_mut() {
        map.remove("$schema");
        map.remove("title");
    }
}

/// `mailboxId` → `Mailbox ID`: a title for every property that has none.
fn title_of(key: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in key.chars() {
        if c.is_ascii_uppercase() && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        word.push(c);
    }
    words.push(word);
    let words: Vec<String> = words
        .into_iter()
        .enumerate()
        .map(|(i, w)| match w.to_ascii_lowercase().as_str() {
            "id" => "ID".into(),
            "ids" => "IDs".into(),
            "url" => "URL".into(),
            lower if i == 0 => {
                let mut chars = lower.chars();
                chars.next().map_or(String::new(), |f| {
                    f.to_ascii_uppercase().to_string() + chars.as_str()
                })
            }
            lower => lower.to_string(),
        })
        .collect();
    words.join(" ")
}

/// Titles on every object property, recursively.
fn add_titles(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get_mut("properties") {
                for (key, prop) in props.iter_mut() {
                    if let Value::Object(p) = prop
                        && !p.contains_key("title")
                    {
                        p.insert("title".into(), json!(title_of(key)));
                    }
                }
            }
            map.values_mut().for_each(add_titles);
        }
        Value::Array(items) => items.iter_mut().for_each(add_titles),
        _ => {}
    }
}

/// The schema as the file holds it: titled, keys sorted, pretty, with a final newline.
fn file_text(entry: &super::Entry) -> String {
    let mut value = (entry.input_type)();
    add_titles(&mut value);
    let title = match entry.is_trigger() {
        true => "trigger poll input".to_string(),
        false => format!("{} input", entry.name),
    };
    value["title"] = json!(title);
    let sorted: Map<String, Value> = serde_json::from_value(value).unwrap_or_default();
    let mut text = serde_json::to_string_pretty(&sorted).unwrap_or_default();
    text.push('\n');
    text
}

/// The input schema's file: an action's own, the poll's for every trigger.
fn file_name(entry: &super::Entry) -> String {
    match entry.is_trigger() {
        true => "poll.input.json".into(),
        false => format!("{}.input.json", entry.name),
    }
}

#[test]
fn the_input_schemas_are_generated_from_the_input_types() {
    let dir = format!("{}/schemas", env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut drifted = Vec::new();
    for entry in entries() {
        let path = format!("{dir}/{}", file_name(entry));
        let generated = file_text(entry);
        if update {
            std::fs::write(&path, &generated).unwrap();
        } else if std::fs::read_to_string(&path).unwrap_or_default() != generated {
            drifted.push(path);
        }
    }
    assert!(
        drifted.is_empty(),
        "these schemas differ from the types; run UPDATE_SCHEMAS=1 cargo test -p \
         helpscout-connector schemas and review the diff: {drifted:?}"
    );
}

#[test]
fn titles_read_like_words() {
    assert_eq!(title_of("mailboxId"), "Mailbox ID");
    assert_eq!(title_of("url"), "URL");
    assert_eq!(title_of("customFieldsByIds"), "Custom fields by IDs");
}
