//! Customer request fields (§4.3): entity fields with Help Scout's size/enum rules, entries
//! (`{type, value}`; websites `{value}`), the address object, and turning a validated create body
//! into a stored [`Customer`].

use serde_json::Value;

use super::{Check, Obj};
use crate::model::{Address, Customer, Entry, EntryKind, State, take};
use crate::time;

/// The entity (non-entry) fields, as spelled in JSON.
pub const ENTITY_FIELDS: [&str; 11] = [
    "firstName",
    "lastName",
    "phone",
    "photoUrl",
    "photoType",
    "jobTitle",
    "location",
    "organization",
    "background",
    "gender",
    "age",
];

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

/// Validates one entity field (`None` = clear); returns the text to store.
pub fn entity_value(ck: &Check, path: &str, key: &str, v: Option<&Value>) -> Option<String> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Some(String::new());
    };
    match key {
        "firstName" | "lastName" => ck.sized(path, v, 1, 40),
        "photoUrl" | "background" => ck.sized(path, v, 0, 200),
        "jobTitle" | "location" | "organization" | "phone" => ck.sized(path, v, 0, 60),
        "photoType" => ck.choice(path, v, &PHOTO_TYPES).map(str::to_string),
        "gender" => ck
            .choice(path, v, &["male", "female", "unknown"])
            .map(capitalise),
        "age" => match v {
            Value::Number(n) => Some(n.to_string()),
            other => ck.sized(path, other, 0, 20),
        },
        _ => None,
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Stores a validated entity field (`phone` is not an entity field of the v2 object and is only
/// used at creation, as a `work` phone entry).
pub fn set_entity(c: &mut Customer, key: &str, value: String) {
    match key {
        "firstName" => c.first_name = value,
        "lastName" => c.last_name = value,
        "photoUrl" => c.photo_url = value,
        "photoType" => c.photo_type = value,
        "jobTitle" => c.job_title = value,
        "location" => c.location = value,
        "organization" => c.organization = value,
        "background" => c.background = value,
        "gender" => c.gender = value,
        "age" => c.age = (!value.is_empty()).then_some(value),
        _ => {}
    }
}

/// Every entity field of `o` (omitted ones cleared), validated.
pub fn read_entity(o: &Obj) -> Vec<(&'static str, String)> {
    ENTITY_FIELDS
        .iter()
        .filter_map(|key| Some((*key, entity_value(o.ck, &o.path(key), key, o.get(key))?)))
        .collect()
}

/// Whether `s` looks like an email address (`local@domain.tld`, no spaces).
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

/// A valid email value at `path`.
pub fn email(ck: &Check, path: &str, v: &Value) -> Option<String> {
    let s = ck.string(path, v)?;
    if !looks_like_email(s.trim()) {
        ck.fail(path, "Not well-formed email address", "Email", Some(v));
        return None;
    }
    Some(s.trim().to_string())
}

/// An entry `{type?, value}` of `kind`: `(type, value)`; type defaults to `other` (websites
/// have none).
pub fn entry_value(ck: &Check, path: &str, kind: EntryKind, v: &Value) -> Option<(String, String)> {
    let o = ck.object(path, v)?;
    o.only(&["id", "type", "value"]);
    let path = o.path("value");
    let value = o.require("value").and_then(|v| match kind {
        EntryKind::Email => email(ck, &path, v),
        _ => ck.sized(&path, v, 1, 255),
    });
    let kind_text = match kind.types() {
        None => String::new(),
        Some(types) => match o.get("type") {
            None => "other".to_string(),
            Some(t) => ck.choice(&o.path("type"), t, types)?.to_string(),
        },
    };
    Some((kind_text, value?))
}

/// An address object.
pub fn address(ck: &Check, path: &str, v: &Value) -> Option<Address> {
    let o = ck.object(path, v)?;
    o.only(&["city", "state", "postalCode", "country", "lines"]);
    let text = |key: &str| o.get(key).and_then(|v| ck.sized(&o.path(key), v, 0, 255));
    let a = Address {
        city: text("city").unwrap_or_default(),
        state: text("state").unwrap_or_default(),
        postal_code: text("postalCode").unwrap_or_default(),
        country: text("country").unwrap_or_default(),
        lines: o.strings("lines").unwrap_or_default(),
    };
    (!ck.failed()).then_some(a)
}

/// A validated create body.
#[derive(Default)]
pub struct NewCustomer {
    pub entity: Vec<(&'static str, String)>,
    pub organization_id: Option<u64>,
    /// `(collection, type, value)`.
    pub entries: Vec<(EntryKind, String, String)>,
    pub address: Option<Address>,
}

/// Reads a `POST /v2/customers` body (properties are accepted and ignored).
pub fn read_new(o: &Obj) -> NewCustomer {
    let mut allowed: Vec<&str> = ENTITY_FIELDS.to_vec();
    allowed.extend(EntryKind::ALL.iter().map(|k| k.json_name()));
    allowed.extend(["address", "properties", "organizationId"]);
    o.only(&allowed);
    let mut new = NewCustomer {
        entity: read_entity(o),
        organization_id: o.id("organizationId"),
        ..NewCustomer::default()
    };
    for kind in EntryKind::ALL {
        for item in o.array(kind.json_name()).unwrap_or_default() {
            if let Some((t, v)) = entry_value(o.ck, &item.path, kind, item.value) {
                new.entries.push((kind, t, v));
            }
        }
    }
    new.address = o
        .get("address")
        .and_then(|v| address(o.ck, &o.path("address"), v));
    new
}

/// Stores a new customer built from validated input; returns its id.
pub fn insert(st: &mut State, new: NewCustomer) -> u64 {
    let now = time::now();
    let mut c = Customer {
        id: take(&mut st.ids.customer),
        created_at: now,
        updated_at: now,
        photo_type: "unknown".into(),
        gender: "Unknown".into(),
        address: new.address,
        organization_id: new.organization_id,
        ..Customer::default()
    };
    for (key, value) in new.entity {
        if key == "phone" && !value.is_empty() {
            let id = take(&mut st.ids.entry);
            c.phones.push(Entry {
                id,
                value,
                kind: "work".into(),
            });
        } else if !value.is_empty() {
            set_entity(&mut c, key, value);
        }
    }
    for (kind, t, value) in new.entries {
        let id = take(&mut st.ids.entry);
        c.entries_mut(kind).push(Entry { id, value, kind: t });
    }
    let id = c.id;
    st.customers.insert(id, c);
    id
}
