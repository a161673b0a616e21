//! A mailbox's custom-field definitions (`GET /v2/mailboxes/{id}/fields`, Mailbox Fields): one
//! wire type serves the `list-mailboxes` records and the checks of values before they are
//! written (Update Custom Fields: number = integer, date `YYYY-MM-DD`, dropdown = option id,
//! single line ≤ 255, multi-line ≤ 15,000), so a value Help Scout would refuse is refused
//! before any other step is applied.

use crate::client::{Client, Transport};
use crate::decode::checks::check_date;
use crate::error::{Error, FieldError, Result};
use crate::ids::{FieldId, MailboxId};
use crate::resources::wire;
use serde::Deserialize;

/// One custom-field value to set, the field by its id or its name (label); `null` (or an empty
/// string) clears the field.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldInput {
    pub id: Option<FieldId>,
    /// The field's name as the mailbox shows it (instead of `id`), e.g. `Plan`.
    pub name: Option<String>,
    /// In the field's type: a dropdown's option label or id, an integer for number fields,
    /// `YYYY-MM-DD` for date fields, text for the others; `null` or "" clears the field.
    #[serde(default, deserialize_with = "wire::opt_text")]
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::decode::checks::schema::scalar_text")
    )]
    pub value: Option<String>,
}

/// One field definition as Help Scout lists it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Definition {
    #[serde(deserialize_with = "wire::id")]
    pub id: u64,
    #[serde(deserialize_with = "wire::text")]
    pub name: String,
    #[serde(rename = "type", deserialize_with = "wire::text")]
    pub kind: String,
    pub required: bool,
    #[serde(deserialize_with = "wire::int")]
    pub order: i64,
    pub options: Vec<DropdownOption>,
}

/// One option of a dropdown field.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DropdownOption {
    #[serde(deserialize_with = "wire::id")]
    pub id: u64,
    #[serde(deserialize_with = "wire::text")]
    pub label: String,
    #[serde(deserialize_with = "wire::int")]
    pub order: i64,
}

/// A mailbox's custom-field definitions.
pub struct Definitions(pub Vec<Definition>);

impl Definitions {
    /// `GET /v2/mailboxes/{id}/fields`, all pages.
    pub fn fetch(client: &mut Client<impl Transport>, mailbox: MailboxId) -> Result<Self> {
        let url = client
            .base()
            .endpoint(&["mailboxes", &mailbox.segment(), "fields"], &[]);
        let fields = client.collect(url, "fields", 10_000)?;
        let parsed = fields.iter().map(|f| wire::parse(f, "field definition"));
        Ok(Self(parsed.collect::<Result<_>>()?))
    }

    /// The definitions of these mailboxes' fields, or of every mailbox's when none is given.
    pub fn fetch_for(client: &mut Client<impl Transport>, mailboxes: &[MailboxId]) -> Result<Self> {
        let ids = match mailboxes {
            [] => {
                let url = client.base().endpoint(&["mailboxes"], &[]);
                let all = client.collect(url, "mailboxes", 10_000)?;
                all.iter()
                    .filter_map(|m| m["id"].as_u64().and_then(MailboxId::new))
                    .collect()
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
    pub fn filter_value(
        &self,
        id: FieldId,
        value: &str,
    ) -> std::result::Result<String, FieldError> {
        let Some(def) = self.0.iter().find(|d| d.id == id.get()) else {
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
    pub fn from_json(fields: &serde_json::Value) -> Self {
        Self(serde_json::from_value(fields.clone()).unwrap_or_default())
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
            let def = match (input.id, input.name.as_deref()) {
                (Some(id), _) => self.0.iter().find(|d| d.id == id.get()),
                (None, Some(name)) => {
                    let name = name.trim();
                    self.0.iter().find(|d| d.name.eq_ignore_ascii_case(name))
                }
                (None, None) => None,
            };
            let Some(def) = def else {
                let names: Vec<&str> = self.0.iter().map(|d| d.name.as_str()).collect();
                let (at, message, given) = match (input.id, &input.name) {
                    (Some(id), _) => (
                        "id",
                        "is not a custom field of this mailbox".into(),
                        Some(id.to_string()),
                    ),
                    (None, Some(name)) => (
                        "name",
                        format!(
                            "is not a custom field of this mailbox; it has {}",
                            names.join(", ")
                        ),
                        Some(name.clone()),
                    ),
                    (None, None) => ("id", "give the field's id or its name".into(), None),
                };
                errors.push(field_error(format!("{path}.{at}"), &message, given));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::php_sdk;
    use serde_json::json;

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
            name: None,
            id: FieldId::new(id),
            value: Some(value.into()),
        }
    }

    #[test]
    fn a_field_is_named_by_its_id_or_its_name() {
        let by_name = FieldInput {
            id: None,
            name: Some(" plan ".into()),
            value: Some("Pro".into()),
        };
        assert_eq!(
            defs().resolve(&[by_name], "f").unwrap(),
            [(1, Some("11".into()))]
        );
        let unknown = FieldInput {
            id: None,
            name: Some("Colour".into()),
            value: Some("x".into()),
        };
        let Err(Error::Validation(e)) = defs().resolve(&[unknown], "f") else {
            panic!()
        };
        assert_eq!(e[0].path, "f[0].name");
        assert!(e[0].message.contains("Plan, Seats"), "{}", e[0].message);
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
    fn reads_the_sdk_field_definitions() {
        let defs = Definitions::from_json(&php_sdk("mailbox_fields.json")["_embedded"]["fields"]);
        let dropdown = defs.0.iter().find(|d| d.kind == "dropdown").unwrap();
        let label = dropdown.options[0].label.clone();
        let resolved = defs.resolve(&[input(dropdown.id, &label)], "f").unwrap();
        assert_eq!(resolved[0].1, Some(dropdown.options[0].id.to_string()));
    }
}
