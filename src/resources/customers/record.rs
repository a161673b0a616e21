//! Help Scout's customer JSON read into the WIT `customer` record in one pass over the text,
//! which is kept whole in `raw-json`: lenient field readers, strict shape.

use crate::bindings::exports::helpscout::connector::customers as wit;
use crate::error::Result;
use crate::resources::wire;
use serde::Deserialize;

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
    emails: Vec<WireEntry>,
    phones: Vec<WireEntry>,
    chats: Vec<WireEntry>,
    #[serde(alias = "social-profiles", alias = "socialProfiles")]
    social_profiles: Vec<WireEntry>,
    websites: Vec<WireEntry>,
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

/// One customer's JSON text as the typed record, the text kept in `raw-json`.
pub fn record(json: &str) -> Result<wit::Customer> {
    let c: WireCustomer = wire::parse_text(json, "customer")?;
    if c.id == 0 {
        return Err(wire::not_a("customer"));
    }
    let entries = |list: Vec<WireEntry>| list.into_iter().map(entry).collect();
    let e = c.embedded;
    Ok(wit::Customer {
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
        emails: entries(e.emails),
        phones: entries(e.phones),
        chats: entries(e.chats),
        social_profiles: entries(e.social_profiles),
        websites: entries(e.websites),
        address: e.address.map(|a| wit::Address {
            city: a.city,
            state: a.state,
            postal_code: a.postal_code,
            country: a.country,
            lines: a.lines,
        }),
        properties: e
            .properties
            .into_iter()
            .map(|p| wit::Property {
                slug: p.slug,
                name: p.name,
                kind: p.kind,
                value: p.value,
                text: p.text,
            })
            .collect(),
        raw_json: json.to_string(),
    })
}

fn entry(e: WireEntry) -> wit::Entry {
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
    use serde_json::{Value, json};

    fn to_record(value: &Value) -> wit::Customer {
        record(&value.to_string()).unwrap()
    }

    #[test]
    fn parses_the_recorded_customer_and_list() {
        let body = cassette_body("customer_get.json", "GET", "/v2/customers/");
        let c = to_record(&body);
        assert_eq!(c.id, 100000005);
        assert!(!c.emails.is_empty() && c.emails.iter().all(|e| e.value.contains('@')));
        let list = cassette_body("customer_list.json", "GET", "/v2/customers");
        let items = list["_embedded"]["customers"].as_array().unwrap();
        assert!(!items.is_empty() && items.iter().all(|i| to_record(i).id > 0));
        assert!(record("{}").is_err() && record("[]").is_err());
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
