//! Custom fields: validating values against a mailbox's definitions
//! (`GET /v2/mailboxes/{id}/fields`) and merging them into a conversation's current set, because
//! `PUT /v2/conversations/{id}/fields` replaces the whole set.

use super::wire::{self, read};
use crate::client::{Client, Transport};
use crate::error::{Error, FieldError, Result};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// One value to set; `None` (or an empty string) clears the field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldInput {
    pub id: u64,
    #[serde(default, deserialize_with = "wire::opt_text")]
    pub value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Definition {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::text")]
    name: String,
    #[serde(rename = "type", deserialize_with = "wire::text")]
    kind: String,
    options: Vec<DropdownOption>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DropdownOption {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(deserialize_with = "wire::text")]
    label: String,
}

/// A mailbox's custom-field definitions.
pub struct Definitions(Vec<Definition>);

impl Definitions {
    /// `GET /v2/mailboxes/{id}/fields`, all pages.
    pub fn fetch(client: &mut Client<impl Transport>, mailbox_id: u64) -> Result<Self> {
        let url = client
            .base()
            .endpoint(&["mailboxes", &mailbox_id.to_string(), "fields"], &[]);
        let fields = client.collect(url, "fields", 10_000)?;
        Ok(Self(fields.iter().map(read).collect()))
    }

    /// The definitions of these mailboxes' fields, or of every mailbox's when none is given.
    pub fn fetch_for(client: &mut Client<impl Transport>, mailboxes: &[u64]) -> Result<Self> {
        let ids = match mailboxes {
            [] => {
                let url = client.base().endpoint(&["mailboxes"], &[]);
                let all = client.collect(url, "mailboxes", 10_000)?;
                all.iter().filter_map(|m| m["id"].as_u64()).collect()
            }
            given => given.to_vec(),
        };
        let mut definitions = Vec::new();
        for id in ids {
            definitions.extend(Self::fetch(client, id)?.0);
        }
        Ok(Self(definitions))
    }

    /// The `customFieldsByIds` value for field `id`: a dropdown's option id (given its label or
    /// id); any other type's value as given. Errors name `id` or `value`.
    pub fn filter_value(&self, id: u64, value: &str) -> std::result::Result<String, FieldError> {
        let Some(def) = self.0.iter().find(|d| d.id == id) else {
            let message = "is not a custom field of the mailboxes searched";
            return Err(field_error("id".into(), message, Some(id.to_string())));
        };
        if def.normalised_kind() != "dropdown" {
            return Ok(value.to_string());
        }
        def.option_id(value.trim()).map_err(|message| {
            let message = format!("{} (dropdown): {message}", def.name);
            field_error("value".into(), &message, Some(value.to_string()))
        })
    }

    #[cfg(test)]
    pub fn from_json(fields: &Value) -> Self {
        Self(fields.as_array().into_iter().flatten().map(read).collect())
    }

    /// Whether this mailbox defines the field.
    pub fn contains(&self, id: u64) -> bool {
        self.0.iter().any(|d| d.id == id)
    }

    /// Checks every input and converts it to Help Scout's value (dropdown → option id).
    /// All problems are reported at once; `prefix` names the input list (`customFields`).
    pub fn resolve(
        &self,
        inputs: &[FieldInput],
        prefix: &str,
    ) -> Result<Vec<(u64, Option<String>)>> {
        let mut errors = Vec::new();
        let mut resolved = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            let path = format!("{prefix}[{i}]");
            let Some(def) = self.0.iter().find(|d| d.id == input.id) else {
                errors.push(field_error(
                    format!("{path}.id"),
                    "is not a custom field of this mailbox",
                    Some(input.id.to_string()),
                ));
                continue;
            };
            match input
                .value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
            {
                None => resolved.push((def.id, None)),
                Some(value) => match def.check(value) {
                    Ok(v) => resolved.push((def.id, Some(v))),
                    Err(message) => errors.push(field_error(
                        format!("{path}.value"),
                        &format!("{} ({}): {message}", def.name, def.kind),
                        Some(value.to_string()),
                    )),
                },
            }
        }
        if errors.is_empty() {
            Ok(resolved)
        } else {
            Err(Error::Validation(errors))
        }
    }
}

impl Definition {
    /// Validates one value for this field's type; returns the value Help Scout stores.
    fn check(&self, value: &str) -> std::result::Result<String, String> {
        match self.normalised_kind().as_str() {
            "dropdown" => self.option_id(value),
            "number" => check_number(value),
            "date" | "data" => check_date(value),
            "singleline" | "text" => check_length(value, 255),
            "multiline" => check_length(value, 15_000),
            _ => check_length(value, 15_000),
        }
    }

    /// The type in lower case without `_` or `-`: Help Scout's v2 docs show only `dropdown`, v1
    /// spelled the others `SINGLE_LINE`, `MULTI_LINE`, `DATE`, `NUMBER`.
    fn normalised_kind(&self) -> String {
        self.kind
            .chars()
            .filter(|c| *c != '_' && *c != '-')
            .collect::<String>()
            .to_ascii_lowercase()
    }

    fn option_id(&self, value: &str) -> std::result::Result<String, String> {
        let by_label = self
            .options
            .iter()
            .find(|o| o.label.eq_ignore_ascii_case(value));
        let by_id = self.options.iter().find(|o| o.id.to_string() == value);
        match by_label.or(by_id) {
            Some(option) => Ok(option.id.to_string()),
            None => {
                let labels: Vec<&str> = self.options.iter().map(|o| o.label.as_str()).collect();
                Err(format!(
                    "not an option; choose one of {}",
                    labels.join(", ")
                ))
            }
        }
    }
}

/// Number fields take "Integer values <= 255 characters in length" (Update Custom Fields,
/// <https://developer.helpscout.com/mailbox-api/endpoints/conversations/custom_fields/update/>).
fn check_number(value: &str) -> std::result::Result<String, String> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    if value.len() <= 255 && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(value.to_string())
    } else {
        Err("must be an integer (Help Scout's number fields take no decimals)".into())
    }
}

/// `YYYY-MM-DD`, a real calendar date.
pub fn check_date(value: &str) -> std::result::Result<String, String> {
    let parts: Vec<&str> = value.split('-').collect();
    let shaped = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    let parse = |i: usize| {
        parts
            .get(i)
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let (year, month, day) = (parse(0), parse(1), parse(2));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    if shaped && day >= 1 && day <= days {
        Ok(value.to_string())
    } else {
        Err("must be a date YYYY-MM-DD".into())
    }
}

fn check_length(value: &str, max: usize) -> std::result::Result<String, String> {
    if value.chars().count() <= max {
        Ok(value.to_string())
    } else {
        Err(format!("must be at most {max} characters"))
    }
}

fn field_error(path: String, message: &str, rejected: Option<String>) -> FieldError {
    FieldError {
        path,
        message: message.into(),
        rejected_value: rejected,
    }
}

/// The conversation's current values (`customFields[{id, value}]`) that `keep` accepts, with
/// `changes` applied, as the body of `PUT /v2/conversations/{id}/fields`.
pub fn merged_body(
    conversation: &Value,
    changes: &[(u64, Option<String>)],
    keep: impl Fn(u64) -> bool,
) -> Value {
    let mut values: BTreeMap<u64, String> = BTreeMap::new();
    let current = conversation.get("customFields").and_then(Value::as_array);
    for field in current.into_iter().flatten() {
        let id = field.get("id").and_then(Value::as_u64).unwrap_or(0);
        let value = match field.get("value") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        if id != 0 && !value.is_empty() && keep(id) {
            values.insert(id, value);
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
    use crate::fixtures::php_sdk;

    fn defs() -> Definitions {
        Definitions::from_json(&json!([
            {"id": 1, "name": "Plan", "type": "dropdown", "options": [{"id": 10, "label": "Trial"}, {"id": 11, "label": "Pro"}]},
            {"id": 2, "name": "Seats", "type": "number"},
            {"id": 3, "name": "Renewal", "type": "DATE"},
            {"id": 4, "name": "Note", "type": "singleline"},
            {"id": 5, "name": "Story", "type": "MULTI_LINE"},
        ]))
    }

    fn input(id: u64, value: &str) -> FieldInput {
        FieldInput {
            id,
            value: Some(value.into()),
        }
    }

    #[test]
    fn resolves_labels_ids_and_typed_values() {
        let ok = defs()
            .resolve(
                &[
                    input(1, "pro"),
                    input(1, "10"),
                    input(2, "-12"),
                    input(3, "2024-02-29"),
                    input(4, "x"),
                ],
                "f",
            )
            .unwrap();
        let values: Vec<&str> = ok.iter().map(|(_, v)| v.as_deref().unwrap()).collect();
        assert_eq!(values, ["11", "10", "-12", "2024-02-29", "x"]);
    }

    #[test]
    fn reports_every_bad_value_by_path() {
        let long = "x".repeat(256);
        let bad = [
            input(1, "Enterprise"),
            input(2, "12.5"),
            input(3, "2023-02-29"),
            input(4, &long),
            input(9, "?"),
        ];
        let Err(Error::Validation(errors)) = defs().resolve(&bad, "customFields") else {
            panic!()
        };
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "customFields[0].value",
                "customFields[1].value",
                "customFields[2].value",
                "customFields[3].value",
                "customFields[4].id"
            ]
        );
        assert!(errors[0].message.contains("Plan") && errors[0].message.contains("Trial"));
    }

    #[test]
    fn merge_keeps_fields_not_named_and_clears_on_none() {
        let conv = json!({"customFields": [{"id": 1, "value": "10"}, {"id": 2, "value": "3"}, {"id": 4, "value": "keep"}]});
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

    #[test]
    fn reads_the_sdk_field_definitions() {
        let defs = Definitions::from_json(&php_sdk("mailbox_fields.json")["_embedded"]["fields"]);
        let dropdown = defs.0.iter().find(|d| d.kind == "dropdown").unwrap();
        let label = dropdown.options[0].label.clone();
        let resolved = defs.resolve(&[input(dropdown.id, &label)], "f").unwrap();
        assert_eq!(resolved[0].1, Some(dropdown.options[0].id.to_string()));
    }
}
