//! Conversation custom-field values (`PUT /v2/conversations/{id}/fields` and the `fields` of a new
//! conversation): `[{id, value}]` checked against the mailbox's definitions. Dropdowns take an
//! option id (string or number) and store it as a string; numbers are (signed) integers of at
//! most 255 characters; dates are real `YYYY-MM-DD` days; single lines ≤ 255 and multi-lines
//! ≤ 15,000 characters. `null` or `""` leaves the field unset.

use serde_json::Value;

use super::{Check, Item};
use crate::model::{FieldDef, Mailbox};
use crate::time;

/// One `{id, value}` item as read from the body.
pub struct FieldInput {
    path: String,
    id: Option<u64>,
    value: Option<Value>,
}

/// Reads the items' shape (`id` required, `value` any scalar or null).
pub fn read(ck: &Check, items: &[Item<'_>]) -> Vec<FieldInput> {
    items
        .iter()
        .filter_map(|it| {
            let obj = ck.object(&it.path, it.value)?;
            let id = obj.require("id").and_then(|v| ck.id(&obj.path("id"), v));
            Some(FieldInput {
                path: it.path.clone(),
                id,
                value: obj.get("value").cloned(),
            })
        })
        .collect()
}

/// Validates `inputs` against `mailbox`; returns the values to store, in definition order
/// (a later item for the same field wins).
pub fn resolve(ck: &Check, mailbox: &Mailbox, inputs: &[FieldInput]) -> Vec<(u64, String)> {
    let mut out: Vec<(u64, String)> = Vec::new();
    for input in inputs {
        let Some(id) = input.id else { continue };
        let Some(def) = mailbox.fields.iter().find(|f| f.id == id) else {
            let path = format!("{}.id", input.path);
            let message = format!("Unknown custom field for mailbox {}", mailbox.id);
            ck.fail(&path, &message, "InvalidIdentifier", Some(&Value::from(id)));
            continue;
        };
        out.retain(|(fid, _)| *fid != id);
        let Some(value) = &input.value else { continue };
        match check_value(def, value) {
            Ok(Some(stored)) => out.push((id, stored)),
            Ok(None) => {}
            Err((message, rule)) => {
                ck.fail(
                    &format!("{}.value", input.path),
                    &message,
                    rule,
                    Some(value),
                );
            }
        }
    }
    out.sort_by_key(|(id, _)| {
        mailbox
            .fields
            .iter()
            .find(|f| f.id == *id)
            .map_or(u32::MAX, |f| f.order)
    });
    out
}

type Invalid = (String, &'static str);

/// The stored form of `v` for `def` (`None` = unset).
fn check_value(def: &FieldDef, v: &Value) -> Result<Option<String>, Invalid> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => {
            return Err(("must be a string or a number".into(), "TypeMismatch"));
        }
    };
    if text.is_empty() {
        return Ok(None);
    }
    let len = text.chars().count();
    let too_long = |max: usize| (format!("size must be between 0 and {max}"), "Size");
    match def.kind {
        "dropdown" => {
            let id = text.trim();
            if def.options.iter().any(|o| o.id.to_string() == id) {
                Ok(Some(id.to_string()))
            } else {
                let ids: Vec<String> = def.options.iter().map(|o| o.id.to_string()).collect();
                let message = format!("Expected one of these option ids: {}", ids.join(", "));
                Err((message, "EnumValue"))
            }
        }
        "number" => {
            let digits = text.strip_prefix(['+', '-']).unwrap_or(&text);
            if len > 255 {
                Err(too_long(255))
            } else if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                Err(("Invalid number".into(), "InvalidNumber"))
            } else {
                Ok(Some(text))
            }
        }
        "date" => match time::parse_date(&text) {
            Some(_) => Ok(Some(text)),
            None => Err((
                "Malformed date; expected format yyyy-MM-dd".into(),
                "MalformedDate",
            )),
        },
        "multiline" if len > 15_000 => Err(too_long(15_000)),
        "multiline" => Ok(Some(text)),
        _ if len > 255 => Err(too_long(255)),
        _ => Ok(Some(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FieldOption;
    use serde_json::json;

    fn def(kind: &'static str) -> FieldDef {
        FieldDef {
            id: 1,
            name: "F".into(),
            kind,
            required: false,
            order: 1,
            options: vec![FieldOption {
                id: 77,
                order: 1,
                label: "Seven".into(),
            }],
        }
    }

    #[test]
    fn value_rules() {
        let ok = |kind, v: Value| check_value(&def(kind), &v).unwrap();
        let bad = |kind, v: Value| check_value(&def(kind), &v).unwrap_err().1;
        assert_eq!(ok("dropdown", json!(77)), Some("77".into()));
        assert_eq!(ok("dropdown", json!("77")), Some("77".into()));
        assert_eq!(bad("dropdown", json!("Seven")), "EnumValue");
        assert_eq!(ok("number", json!("-12")), Some("-12".into()));
        assert_eq!(bad("number", json!("1.5")), "InvalidNumber");
        assert_eq!(bad("number", json!("9".repeat(256))), "Size");
        assert_eq!(ok("date", json!("2024-02-29")), Some("2024-02-29".into()));
        assert_eq!(bad("date", json!("2023-02-29")), "MalformedDate");
        assert_eq!(bad("singleline", json!("x".repeat(256))), "Size");
        assert_eq!(
            ok("multiline", json!("x".repeat(15_000))).unwrap().len(),
            15_000
        );
        assert_eq!(bad("multiline", json!("x".repeat(15_001))), "Size");
        assert_eq!(ok("singleline", json!("")), None);
        assert_eq!(bad("singleline", json!(true)), "TypeMismatch");
    }
}
