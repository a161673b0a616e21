//! Customer properties: values checked against the account's definitions
//! (`GET /v2/customer-properties`, under `_embedded["customer-properties"]`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/properties/list/>) and sent in the JSON
//! type each definition's type takes (`PATCH /v2/customers/{id}/properties`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/properties/update/>): a number as a
//! JSON integer, a date as `YYYY-MM-DD`, a dropdown as its option id, text ≤ 255 characters.
//! `list-customer-properties` lists the definitions themselves.

use crate::bindings::exports::helpscout::connector::customers as wit;
use crate::catalog::declare::*;
use crate::client::{Client, Method, Replay, Transport};
use crate::decode::checks::check_date;
use crate::error::{Error, FieldError, Result};
use crate::resources::{Listed, wire};
use serde::Deserialize;
use serde_json::{Value, json};

/// A property value by slug; `null` removes it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PropertyValue {
    pub slug: String,
    /// In the property's type: a number for number properties, `YYYY-MM-DD` for dates, an
    /// option id or label for dropdowns; `null` removes the property.
    #[serde(default)]
    pub value: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Definition {
    slug: String,
    name: String,
    #[serde(rename = "type")]
    kind: String,
    options: Vec<DropdownOption>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DropdownOption {
    /// A UUID string in Help Scout's example.
    #[serde(deserialize_with = "wire::text")]
    id: String,
    label: String,
}

/// The account's property definitions.
pub struct Definitions(Vec<Definition>);

impl Definitions {
    /// `GET /v2/customer-properties`, every page.
    pub fn fetch(client: &mut Client<impl Transport>) -> Result<Self> {
        let url = client.base().endpoint(&["customer-properties"], &[]);
        let items = client.collect(url, "customer-properties", 10_000)?;
        let parsed = items.iter().map(|i| wire::parse(i, "property definition"));
        Ok(Self(parsed.collect::<Result<_>>()?))
    }

    #[cfg(test)]
    fn from_json(items: Value) -> Self {
        Self(serde_json::from_value(items).unwrap_or_default())
    }

    /// The body of `PATCH /v2/customers/{id}/properties`: every value checked and typed, all
    /// problems reported at once under `properties[i]`.
    pub fn operations(&self, values: &[PropertyValue]) -> Result<Value> {
        let mut errors = Vec::new();
        let mut ops = Vec::new();
        for (i, property) in values.iter().enumerate() {
            let path = format!("properties[{i}]");
            let Some(def) = self.0.iter().find(|d| d.slug == property.slug) else {
                errors.push(field_error(
                    format!("{path}.slug"),
                    "is not a customer property of this account".into(),
                    &Value::String(property.slug.clone()),
                ));
                continue;
            };
            let at = format!("/{}", def.slug);
            match property.value.as_ref().filter(|v| !v.is_null()) {
                None => ops.push(json!({"op": "remove", "path": at})),
                Some(value) => match def.typed(value) {
                    Ok(typed) => ops.push(json!({"op": "replace", "path": at, "value": typed})),
                    Err(message) => errors.push(field_error(
                        format!("{path}.value"),
                        format!("{} ({}): {message}", def.name, def.kind),
                        value,
                    )),
                },
            }
        }
        if errors.is_empty() {
            Ok(Value::Array(ops))
        } else {
            Err(Error::Validation(errors))
        }
    }
}

impl Definition {
    /// The value in the JSON type Help Scout takes for this property's type.
    fn typed(&self, value: &Value) -> std::result::Result<Value, String> {
        let text = match value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return Err("must be a string or a number".into()),
        };
        match self.kind.to_ascii_lowercase().as_str() {
            "number" => text
                .parse::<i64>()
                .map(|n| json!(n))
                .map_err(|_| "must be an integer (64-bit)".into()),
            "date" => check_date(&text).map(Value::String),
            "url"
                if !text.is_empty()
                    && text.contains('.')
                    && !text.contains(char::is_whitespace) =>
            {
                Ok(Value::String(text))
            }
            "url" => Err("must be a URL".into()),
            "dropdown" => self
                .options
                .iter()
                .find(|o| o.id == text || o.label.eq_ignore_ascii_case(&text))
                .map(|o| Value::String(o.id.clone()))
                .ok_or_else(|| {
                    let labels: Vec<&str> = self.options.iter().map(|o| o.label.as_str()).collect();
                    format!("not an option; choose one of {}", labels.join(", "))
                }),
            _ if text.chars().count() > 255 => Err("must be at most 255 characters".into()),
            _ => Ok(Value::String(text)),
        }
    }
}

/// `PATCH /v2/customers/{id}/properties`; repeated after an unknown outcome only when every
/// operation is a `replace`.
pub fn patch(client: &mut Client<impl Transport>, id: u64, ops: &Value) -> Result<()> {
    let segments = ["customers", &id.to_string(), "properties"];
    client.write(
        Method::Patch,
        &segments,
        Some(ops),
        Replay::of_json_patch(ops),
    )?;
    Ok(())
}

/// Every property definition of the account, every page, as Help Scout's JSON text.
pub fn list(client: &mut Client<impl Transport>) -> Result<Listed> {
    Listed::read(client, &["customer-properties"], &[], "customer-properties")
}

/// A definition's JSON text as the WIT record, the text kept in `raw-json`.
pub fn definition_record(json: &str) -> Result<wit::PropertyDefinition> {
    let d: Definition = wire::parse_text(json, "property definition")?;
    Ok(wit::PropertyDefinition {
        slug: d.slug,
        name: d.name,
        kind: d.kind,
        options: d.options.into_iter().map(|o| o.label).collect(),
        raw_json: json.to_string(),
    })
}

/// `list-customer-properties`, as the catalog declares it.
pub const LIST_ENTRY: Entry = Entry {
    name: "list-customer-properties",
    title: "List customer properties",
    group: Group::Customer,
    description: "List the account's customer property definitions (GET \
                  /v2/customer-properties), every page: each slug, name, type and dropdown \
                  options, what `properties` of create-customer and update-customer take.",
    files: files!("list-customer-properties"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::All,
    trigger: None,
    run: |client, input, _| {
        let _: Empty = decode(input)?;
        json(&list(client)?)
    },
    #[cfg(test)]
    input_type: schema_of::<Empty>,
};

fn field_error(path: String, message: String, rejected: &Value) -> FieldError {
    FieldError {
        path,
        message,
        rejected_value: Some(match rejected {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definitions() -> Definitions {
        Definitions::from_json(json!([
            {"type": "number", "slug": "seats", "name": "Seats"},
            {"type": "date", "slug": "renewal", "name": "Renewal"},
            {"type": "text", "slug": "car", "name": "Car"},
            {"type": "url", "slug": "site", "name": "Site"},
            {"type": "dropdown", "slug": "plan", "name": "Plan",
             "options": [{"id": "556cca5f-1afc-48ef-8323-b88b55808404", "label": "Standard"}]},
        ]))
    }

    fn values(json: Value) -> Vec<PropertyValue> {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn values_are_sent_in_the_type_of_their_definition() {
        let ops = definitions()
            .operations(&values(json!([
                {"slug": "seats", "value": "12"}, {"slug": "renewal", "value": "2025-01-31"},
                {"slug": "car", "value": 7}, {"slug": "site", "value": "google.com"},
                {"slug": "plan", "value": "standard"}, {"slug": "car", "value": null},
            ])))
            .unwrap();
        let sent: Vec<&Value> = ops
            .as_array()
            .unwrap()
            .iter()
            .map(|o| &o["value"])
            .collect();
        assert_eq!(
            sent,
            [
                &json!(12),
                &json!("2025-01-31"),
                &json!("7"),
                &json!("google.com"),
                &json!("556cca5f-1afc-48ef-8323-b88b55808404"),
                &Value::Null
            ]
        );
        assert_eq!(ops[5], json!({"op": "remove", "path": "/car"}));
        assert_eq!(Replay::of_json_patch(&ops), Replay::Unsafe);
    }

    #[test]
    fn every_bad_value_is_reported_with_its_path() {
        let Err(Error::Validation(errors)) = definitions().operations(&values(json!([
            {"slug": "seats", "value": 12.5}, {"slug": "renewal", "value": "2025-02-30"},
            {"slug": "nope", "value": "x"}, {"slug": "plan", "value": "Gold"},
        ]))) else {
            panic!()
        };
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "properties[0].value",
                "properties[1].value",
                "properties[2].slug",
                "properties[3].value"
            ]
        );
        assert_eq!(errors[0].rejected_value.as_deref(), Some("12.5"));
    }
}
