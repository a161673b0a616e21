//! Custom-field values on a conversation: the body of `PUT /v2/conversations/{id}/fields`, which
//! replaces the whole set, so the values given are merged into the conversation's current ones;
//! and the `fields` of a new conversation. Values are checked against the mailbox's definitions
//! (`mailboxes::Definitions`) before anything is written.

use crate::resources::wire;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The custom fields a conversation has now, read from its JSON.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CurrentFields {
    #[serde(deserialize_with = "wire::id")]
    pub mailbox_id: u64,
    pub custom_fields: Vec<CurrentValue>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CurrentValue {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::text")]
    value: String,
}

/// The conversation's current values (`customFields[{id, value}]`) that `keep` accepts, with
/// `changes` applied, as the body of `PUT /v2/conversations/{id}/fields`.
pub fn merged_body(
    current: &CurrentFields,
    changes: &[(u64, Option<String>)],
    keep: impl Fn(u64) -> bool,
) -> Value {
    let mut values: BTreeMap<u64, String> = BTreeMap::new();
    for field in &current.custom_fields {
        if field.id != 0 && !field.value.is_empty() && keep(field.id) {
            values.insert(field.id, field.value.clone());
        }
    }
    for (id, value) in changes {
        match value {
            Some(v) => values.insert(*id, v.clone()),
            None => values.remove(id),
        };
    }
    let fields: Vec<Value> = values
        .into_iter()
        .map(|(id, value)| json!({"id": id, "value": value}))
        .collect();
    json!({ "fields": fields })
}

/// The body of a create: `[{id, value}]` without cleared fields.
pub fn create_body(changes: &[(u64, Option<String>)]) -> Value {
    let fields: Vec<Value> = changes
        .iter()
        .filter_map(|(id, v)| v.as_ref().map(|v| json!({"id": id, "value": v})))
        .collect();
    Value::Array(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_fields_not_named_and_clears_on_none() {
        let conv: CurrentFields = serde_json::from_value(
            json!({"customFields": [{"id": 1, "value": "10"}, {"id": 2, "value": "3"}, {"id": 4, "value": "keep"}]}),
        )
        .unwrap();
        let changes = [
            (2, Some("4".into())),
            (1, None),
            (3, Some("2024-01-01".into())),
        ];
        let body = merged_body(&conv, &changes, |_| true);
        assert_eq!(
            body,
            json!({"fields": [{"id": 2, "value": "4"}, {"id": 3, "value": "2024-01-01"}, {"id": 4, "value": "keep"}]})
        );
        let moved = merged_body(&conv, &[], |id| id != 4);
        assert_eq!(
            moved,
            json!({"fields": [{"id": 1, "value": "10"}, {"id": 2, "value": "3"}]})
        );
    }
}
