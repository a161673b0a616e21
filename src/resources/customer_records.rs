//! Conversions from Help Scout's customer JSON to the WIT `customer` record: lenient, with the
//! full JSON kept in `raw-json`.

use super::wire::{self, read};
use crate::bindings::exports::helpscout::connector::customers as wit;
use serde::Deserialize;
use serde_json::Value;

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct WireCustomer {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    first_name: Option<String>,
    last_name: Option<String>,
    gender: Option<String>,
    #[serde(deserialize_with = "wire::opt_text")]
    age: Option<String>,
    job_title: Option<String>,
    location: Option<String>,
    organization: Option<String>,
    background: Option<String>,
    photo_url: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    #[serde(rename = "_embedded")]
    embedded: WireEmbedded,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct WireEmbedded {
    emails: Vec<Value>,
    phones: Vec<Value>,
    chats: Vec<Value>,
    #[serde(alias = "social-profiles", alias = "socialProfiles")]
    social_profiles: Vec<Value>,
    websites: Vec<Value>,
    address: Option<WireAddress>,
    properties: Vec<WireProperty>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct WireEntry {
    #[serde(deserialize_with = "wire::opt_id")]
    id: Option<u64>,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(deserialize_with = "wire::text")]
    value: String,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct WireAddress {
    city: Option<String>,
    state: Option<String>,
    postal_code: Option<String>,
    country: Option<String>,
    lines: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct WireProperty {
    #[serde(deserialize_with = "wire::text")]
    slug: String,
    name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(deserialize_with = "wire::opt_text")]
    value: Option<String>,
    #[serde(deserialize_with = "wire::opt_text")]
    text: Option<String>,
}

/// The typed records of a find output (`{"items": [...]}`).
#[cfg(test)]
fn to_records(output: &Value) -> Vec<wit::Customer> {
    let items = output.get("items").and_then(Value::as_array);
    items.into_iter().flatten().map(to_record).collect()
}

/// The typed records of raw find items.
pub fn records_from_raw(items: &[Box<serde_json::value::RawValue>]) -> Vec<wit::Customer> {
    let parsed = items
        .iter()
        .filter_map(|raw| serde_json::from_str::<Value>(raw.get()).ok());
    parsed.map(|value| to_record(&value)).collect()
}

/// One customer as a typed record.
pub fn to_record(value: &Value) -> wit::Customer {
    with_json(value, value.to_string())
}

/// Like `to_record`, with `raw_json` already at hand as the JSON text of `value` (a webhook body),
/// so it is not printed again.
pub fn with_json(value: &Value, raw_json: String) -> wit::Customer {
    let c: WireCustomer = read(value);
    let entries = |list: &[Value]| list.iter().map(entry).collect();
    let e = &c.embedded;
    wit::Customer {
        id: c.id,
        first_name: c.first_name,
        last_name: c.last_name,
        gender: c.gender,
        age: c.age,
        job_title: c.job_title,
        location: c.location,
        organization: c.organization,
        background: c.background,
        photo_url: c.photo_url,
        created_at: c.created_at,
        updated_at: c.updated_at,
        emails: entries(&e.emails),
        phones: entries(&e.phones),
        chats: entries(&e.chats),
        social_profiles: entries(&e.social_profiles),
        websites: entries(&e.websites),
        address: e.address.as_ref().map(|a| wit::Address {
            city: a.city.clone(),
            state: a.state.clone(),
            postal_code: a.postal_code.clone(),
            country: a.country.clone(),
            lines: a.lines.clone(),
        }),
        properties: e
            .properties
            .iter()
            .map(|p| wit::Property {
                slug: p.slug.clone(),
                name: p.name.clone(),
                kind: p.kind.clone(),
                value: p.value.clone(),
                text: p.text.clone(),
            })
            .collect(),
        raw_json,
    }
}

fn entry(value: &Value) -> wit::Entry {
    let e: WireEntry = read(value);
    wit::Entry {
        id: e.id,
        kind: e.kind,
        value: e.value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{cassette_body, php_sdk};
    use serde_json::json;

    #[test]
    fn parses_the_recorded_customer_and_list() {
        let body = cassette_body("customer_get.json", "GET", "/v2/customers/");
        let c = to_record(&body);
        assert_eq!(c.id, 100000005);
        assert!(!c.emails.is_empty() && c.emails.iter().all(|e| e.value.contains('@')));
        let list = cassette_body("customer_list.json", "GET", "/v2/customers");
        let records = to_records(&json!({ "items": list["_embedded"]["customers"] }));
        assert!(!records.is_empty() && records.iter().all(|c| c.id > 0));
    }

    #[test]
    fn parses_the_sdk_customer_with_every_sub_entity() {
        let mut customer = php_sdk("customer.json");
        let mut embedded = json!({ "address": php_sdk("customer_address.json") });
        for part in ["emails", "phones", "chats", "social_profiles", "websites"] {
            let list = php_sdk(&format!("customer_{part}.json"))["_embedded"].clone();
            for (key, value) in list.as_object().unwrap() {
                embedded[key] = value.clone();
            }
        }
        customer["_embedded"] = embedded;
        let c = to_record(&customer);
        assert!(c.id > 0);
        let counts = [
            c.emails.len(),
            c.phones.len(),
            c.chats.len(),
            c.social_profiles.len(),
            c.websites.len(),
        ];
        assert!(counts.iter().all(|n| *n > 0), "{counts:?}");
        assert_eq!(c.address.unwrap().city.as_deref(), Some("Dallas"));
    }
}
