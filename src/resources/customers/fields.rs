//! The input of `create-customer` and `update-customer` (reference §4.3–4.7), its checks, and
//! the request bodies: the create body, and JSON Patch operations for only the fields given
//! (`remove` clears one, as Update Customer's operations go) and entry collections set to the
//! given list. Property values are typed in `properties`.

use super::properties::PropertyValue;
use crate::client::Method;
use crate::decode::{Validate, all, check_count, check_email, check_length, nullable};
use crate::error::{Error, Result};
use crate::ids::OrganizationId;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// An email, phone, chat, social profile or website entry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub value: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Address {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default)]
    pub lines: Vec<String>,
}

/// Customer fields; on update, absent fields stay as they are and `null` clears one.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomerFields {
    #[serde(default, deserialize_with = "nullable")]
    pub first_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub last_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub photo_url: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub photo_type: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub job_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub location: Option<Option<String>>,
    /// Deprecated by Help Scout in favour of `organizationId`; still accepted.
    #[serde(default, deserialize_with = "nullable")]
    pub organization: Option<Option<String>>,
    /// The organization the customer belongs to (Create Customer, Update Customer).
    #[serde(default, deserialize_with = "nullable")]
    pub organization_id: Option<Option<OrganizationId>>,
    #[serde(default, deserialize_with = "nullable")]
    pub background: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub gender: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub age: Option<Option<String>>,
    pub emails: Option<Vec<Entry>>,
    pub phones: Option<Vec<Entry>>,
    pub chats: Option<Vec<Entry>>,
    pub social_profiles: Option<Vec<Entry>>,
    pub websites: Option<Vec<Entry>>,
    #[serde(default, deserialize_with = "nullable")]
    pub address: Option<Option<Address>>,
    #[serde(default)]
    pub properties: Vec<PropertyValue>,
}

const PHOTO_TYPES: [&str; 8] = [
    "unknown",
    "gravatar",
    "twitter",
    "facebook",
    "googleprofile",
    "googleplus",
    "linkedin",
    "instagram",
];
const GENDERS: [&str; 3] = ["male", "female", "unknown"];

/// The entry `type`s each collection accepts ("type fields only accept predefined values",
/// Update Customer): phones, chats and social profiles as their Create/Update pages list them
/// (`forsquare` as spelled there); emails as the email object documents them; websites have none.
const ENTRY_TYPES: [(&str, &[&str]); 5] = [
    ("emails", &["work", "home", "other"]),
    (
        "phones",
        &["fax", "home", "mobile", "other", "pager", "work"],
    ),
    (
        "chats",
        &[
            "aim", "gtalk", "icq", "msn", "other", "qq", "skype", "xmpp", "yahoo",
        ],
    ),
    (
        "socialProfiles",
        &[
            "aboutme",
            "facebook",
            "flickr",
            "forsquare",
            "google",
            "googleplus",
            "linkedin",
            "other",
            "quora",
            "tungleme",
            "twitter",
            "youtube",
        ],
    ),
    ("websites", &[]),
];

/// Whether an entry's `type` is one its collection accepts.
fn check_entry_type(name: &str, index: usize, kind: Option<&str>) -> Result<()> {
    let allowed = ENTRY_TYPES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[][..], |(_, types)| *types);
    match kind {
        None => Ok(()),
        Some(_) if allowed.is_empty() => Err(Error::invalid(
            format!("{name}[{index}].type"),
            "websites have no type",
        )),
        Some(kind) => one_of(&format!("{name}[{index}].type"), kind, allowed),
    }
}

/// (JSON name, embedded key in the customer, value) of each entry collection.
fn collections(input: &CustomerFields) -> [(&'static str, &'static str, &Option<Vec<Entry>>); 5] {
    [
        ("emails", "emails", &input.emails),
        ("phones", "phones", &input.phones),
        ("chats", "chats", &input.chats),
        ("socialProfiles", "social_profiles", &input.social_profiles),
        ("websites", "websites", &input.websites),
    ]
}

/// Input of `create-customer`: the fields of the new customer.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct NewCustomer(pub CustomerFields);

impl Validate for NewCustomer {
    fn validate(&self) -> Result<()> {
        self.0.check(true)
    }
}

/// The fields of an update: nothing is required, `null` clears.
impl Validate for CustomerFields {
    fn validate(&self) -> Result<()> {
        self.check(false)
    }
}

impl CustomerFields {
    /// The entity fields with their JSON names.
    fn fields(&self) -> [(&'static str, &Option<Option<String>>); 11] {
        [
            ("firstName", &self.first_name),
            ("lastName", &self.last_name),
            ("phone", &self.phone),
            ("photoUrl", &self.photo_url),
            ("photoType", &self.photo_type),
            ("jobTitle", &self.job_title),
            ("location", &self.location),
            ("organization", &self.organization),
            ("background", &self.background),
            ("gender", &self.gender),
            ("age", &self.age),
        ]
    }

    pub fn has_entries(&self) -> bool {
        collections(self).iter().any(|(_, _, list)| list.is_some())
    }

    /// Help Scout's documented limits; a create needs a name or an e-mail.
    pub fn check(&self, creating: bool) -> Result<()> {
        let mut checks = Vec::new();
        for (name, value) in self.fields() {
            let Some(Some(v)) = value else { continue };
            checks.push(match name {
                "firstName" | "lastName" => check_length(name, v, 1, 40),
                "photoUrl" | "background" => check_length(name, v, 0, 200),
                "jobTitle" | "location" | "organization" => check_length(name, v, 0, 60),
                "photoType" => one_of(name, v, &PHOTO_TYPES),
                "gender" => one_of(name, v, &GENDERS),
                _ => check_length(name, v, 0, 255),
            });
        }
        checks.push(check_count("properties", self.properties.len(), 100));
        for (name, _, list) in collections(self) {
            checks.push(check_count(name, list.as_ref().map_or(0, Vec::len), 50));
            for (i, entry) in list.iter().flatten().enumerate() {
                checks.push(check_entry_type(name, i, entry.kind.as_deref()));
                let path = format!("{name}[{i}].value");
                checks.push(match name {
                    "emails" => check_email(&path, &entry.value),
                    _ => check_length(&path, entry.value.trim(), 1, 255),
                });
            }
        }
        for (i, property) in self.properties.iter().enumerate() {
            let slug = &property.slug;
            if slug.is_empty()
                || !slug
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                checks.push(Err(Error::invalid(
                    format!("properties[{i}].slug"),
                    "must be a property slug",
                )));
            }
        }
        let named =
            matches!(self.first_name, Some(Some(_))) || matches!(self.last_name, Some(Some(_)));
        if creating && !named && self.emails.as_ref().is_none_or(Vec::is_empty) {
            checks.push(Err(Error::invalid(
                "firstName",
                "a new customer needs a name or an e-mail",
            )));
        }
        all(checks)
    }

    /// The body of `POST /v2/customers` (properties are set separately).
    pub fn create_body(&self) -> Value {
        let mut body = Map::new();
        for (name, value) in self.fields() {
            if let Some(Some(v)) = value {
                body.insert(name.into(), json!(v));
            }
        }
        if let Some(Some(id)) = self.organization_id {
            body.insert("organizationId".into(), json!(id));
        }
        for (name, _, list) in collections(self) {
            if let Some(list) = list.as_ref().filter(|l| !l.is_empty()) {
                body.insert(name.into(), json!(list));
            }
        }
        if let Some(Some(address)) = &self.address {
            body.insert("address".into(), json!(address));
        }
        Value::Object(body)
    }

    /// Operations for the entity fields given: `replace` to set one, `remove` to clear one
    /// (`null` in the input). The address has endpoints of its own (`address_write`).
    pub fn field_ops(&self) -> Vec<Value> {
        let set_or_clear = |name: &str, value: Option<Value>| match value {
            Some(v) => json!({"op": "replace", "path": format!("/{name}"), "value": v}),
            None => json!({"op": "remove", "path": format!("/{name}")}),
        };
        let mut ops: Vec<Value> = self
            .fields()
            .into_iter()
            .filter_map(|(name, value)| value.as_ref().map(|v| (name, v)))
            .map(|(name, v)| set_or_clear(name, v.as_ref().map(|v| json!(v))))
            .collect();
        if let Some(id) = self.organization_id {
            ops.push(set_or_clear("organizationId", id.map(|id| json!(id))));
        }
        ops
    }

    /// The address change through the Address endpoints (`/v2/customers/{id}/address`: `POST`
    /// creates, `PUT` replaces, `DELETE` removes), given whether the customer has one.
    pub fn address_write(&self, has_address: bool) -> Option<(Method, Option<Value>)> {
        match (&self.address, has_address) {
            (Some(Some(address)), true) => Some((Method::Put, Some(json!(address)))),
            (Some(Some(address)), false) => Some((Method::Post, Some(json!(address)))),
            (Some(None), true) => Some((Method::Delete, None)),
            (Some(None), false) | (None, _) => None,
        }
    }
}

fn one_of(path: &str, value: &str, allowed: &[&str]) -> Result<()> {
    if allowed.iter().any(|a| a.eq_ignore_ascii_case(value)) {
        Ok(())
    } else {
        Err(Error::invalid(
            path,
            format!("must be one of {}", allowed.join(", ")),
        ))
    }
}

/// Operations that make each given collection equal to its list: entries not listed are
/// removed, listed ones not present are added; matching ones are left alone.
pub fn entry_ops(input: &CustomerFields, current: &Value) -> Vec<Value> {
    let mut ops = Vec::new();
    for (name, key, list) in collections(input) {
        let Some(wanted) = list else { continue };
        let present = current["_embedded"][key]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let same = |have: &Value, want: &Entry| {
            let value = have["value"].as_str().unwrap_or("");
            let kind_matches = want.kind.as_deref().is_none_or(|k| {
                have["type"]
                    .as_str()
                    .is_none_or(|t| t.eq_ignore_ascii_case(k))
            });
            value.eq_ignore_ascii_case(want.value.trim()) && kind_matches
        };
        for have in &present {
            if !wanted.iter().any(|w| same(have, w))
                && let Some(id) = have["id"].as_u64()
            {
                ops.push(json!({"op": "remove", "path": format!("/{name}/{id}")}));
            }
        }
        for want in wanted {
            if !present.iter().any(|h| same(h, want)) {
                ops.push(json!({"op": "add", "path": format!("/{name}"), "value": want}));
            }
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    #[test]
    fn contract_create_body() {
        let NewCustomer(input) =
            decode(r#"{"firstName": "A", "lastName": "B", "emails": [{"type": "work", "value": "a@example.com"}]}"#).unwrap();
        assert_eq!(
            input.create_body(),
            json!({"firstName": "A", "lastName": "B", "emails": [{"type": "work", "value": "a@example.com"}]})
        );
    }

    #[test]
    fn update_ops_touch_only_given_fields() {
        let NewCustomer(input) = decode(
            r#"{"firstName": "C", "jobTitle": null, "address": null,
            "properties": [{"slug": "car", "value": "Tesla"}, {"slug": "plan", "value": null}]}"#,
        )
        .unwrap();
        assert_eq!(
            input.field_ops(),
            vec![
                json!({"op": "replace", "path": "/firstName", "value": "C"}),
                json!({"op": "remove", "path": "/jobTitle"}),
            ]
        );
        assert_eq!(input.address_write(true), Some((Method::Delete, None)));
        assert_eq!(input.address_write(false), None, "nothing to remove");
        let set: CustomerFields = decode(r#"{"address": {"city": "Prague"}}"#).unwrap();
        let body = Some(json!({"city": "Prague", "lines": []}));
        assert_eq!(set.address_write(false), Some((Method::Post, body.clone())));
        assert_eq!(set.address_write(true), Some((Method::Put, body)));
    }

    #[test]
    fn entry_lists_become_adds_and_removes() {
        let NewCustomer(input) = decode(r#"{"emails": [{"value": "keep@example.com"}, {"type": "work", "value": "new@example.com"}]}"#).unwrap();
        let current = json!({"_embedded": {"emails": [
            {"id": 1, "type": "home", "value": "KEEP@example.com"}, {"id": 2, "type": "work", "value": "old@example.com"}]}});
        assert_eq!(
            entry_ops(&input, &current),
            vec![
                json!({"op": "remove", "path": "/emails/2"}),
                json!({"op": "add", "path": "/emails", "value": {"type": "work", "value": "new@example.com"}}),
            ]
        );
    }

    #[test]
    fn limits_are_checked() {
        let json = format!(
            r#"{{"firstName": "{}", "gender": "robot", "emails": [{{"value": "x"}}], "phones": [{{"type": "cell", "value": "1"}}], "websites": [{{"type": "home", "value": "https://a.example"}}], "socialProfiles": [{{"type": "forsquare", "value": "me"}}], "properties": [{{"slug": "a b"}}]}}"#,
            "n".repeat(41)
        );
        let Err(Error::Validation(errors)) = decode::<NewCustomer>(&json) else {
            panic!()
        };
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "firstName",
                "gender",
                "emails[0].value",
                "phones[0].type",
                "websites[0].type",
                "properties[0].slug"
            ]
        );
        assert!(decode::<NewCustomer>("{}").is_err());
    }
}
