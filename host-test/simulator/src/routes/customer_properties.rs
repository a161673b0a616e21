//! Customer properties (§4.7): `GET /v2/customer-properties` (the definitions, 50 per page) and
//! `PATCH /v2/customers/{id}/properties` — an array of `{op: replace|remove, path: "/<slug>",
//! value}` validated against the definitions and applied all-or-nothing (errors name the slug).
//! Values as Update Customer Properties gives them
//! (<https://developer.helpscout.com/mailbox-api/endpoints/properties/update/>): number = a JSON
//! integer in the 64-bit range (the page's example is `5`, not `"5"`), text ≤ 255, date
//! `YYYY-MM-DD`, url a URL (`google.com` in the example), dropdown = option id or label
//! (stored: value = option id, text = label).

use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use serde_json::{Value, json};

use super::common::{IdJson, listed, no_content, with_customer};
use crate::input::{Check, apply_all, operations};
use crate::model::{Property, PropertyDef, Shared};
use crate::render::errors::ApiError;
use crate::render::hal::link;
use crate::time;

fn definition(base: &str, d: &PropertyDef) -> Value {
    let options: Vec<Value> = d
        .options
        .iter()
        .map(|(id, label)| json!({"id": id, "label": label}))
        .collect();
    json!({
        "slug": d.slug,
        "name": d.name,
        "type": d.kind,
        "options": options,
        "_links": {"self": link(format!("{base}/v2/customer-properties/{}", d.slug))},
    })
}

pub async fn definitions(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    listed(&shared, &uri, "customer-properties", |st, base| {
        Ok(st
            .property_defs
            .iter()
            .map(|d| definition(base, d))
            .collect())
    })
}

/// `(value, text)` to store for `v`, or `(message, rule)`.
fn check_value(def: &PropertyDef, v: &Value) -> Result<(String, String), (String, &'static str)> {
    let text = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return Err(("must be a string or a number".into(), "TypeMismatch")),
    };
    let same = |t: String| Ok((t.clone(), t));
    match def.kind {
        "number" => match v.as_i64() {
            Some(n) => same(n.to_string()),
            None => Err((
                "Invalid number: expected an integer".into(),
                "InvalidNumber",
            )),
        },
        "date" => match time::parse_date(&text) {
            Some(_) => same(text),
            None => Err((
                "Malformed date; expected format yyyy-MM-dd".into(),
                "MalformedDate",
            )),
        },
        "url" if text.contains('.') && !text.contains(char::is_whitespace) => same(text),
        "url" => Err(("Not a valid URL".into(), "InvalidUrl")),
        "dropdown" => def
            .options
            .iter()
            .find(|(id, label)| *id == text || label.eq_ignore_ascii_case(&text))
            .map(|(id, label)| (id.clone(), label.clone()))
            .ok_or_else(|| {
                let labels: Vec<&str> = def.options.iter().map(|(_, l)| l.as_str()).collect();
                let message = format!("Expected an option id or one of: {}", labels.join(", "));
                (message, "EnumValue")
            }),
        _ if text.chars().count() > 255 => Err(("size must be between 0 and 255".into(), "Size")),
        _ => same(text),
    }
}

fn apply_op(ck: &Check, at: &str, v: &Value, defs: &[PropertyDef], props: &mut Vec<Property>) {
    let Some(o) = ck.object(at, v) else { return };
    o.only(&["op", "path", "value"]);
    let op = o
        .require("op")
        .and_then(|_| o.choice("op", &["replace", "remove"]));
    let (Some(op), Some(path)) = (op, o.text("path")) else {
        return;
    };
    let slug = path.trim().trim_start_matches('/');
    let Some(def) = defs.iter().find(|d| d.slug == slug) else {
        let rejected = Value::String(path.clone());
        ck.fail(
            slug,
            "Unknown customer property",
            "InvalidIdentifier",
            Some(&rejected),
        );
        return;
    };
    let value = o.get("value");
    let Some(value) = value.filter(|_| op == "replace") else {
        props.retain(|p| p.slug != def.slug);
        return;
    };
    match check_value(def, value) {
        Err((message, rule)) => ck.fail(slug, &message, rule, Some(value)),
        Ok((value, text)) => {
            let p = Property {
                kind: def.kind,
                slug: def.slug.clone(),
                name: def.name.clone(),
                value,
                text,
            };
            match props.iter_mut().find(|x| x.slug == def.slug) {
                Some(existing) => *existing = p,
                None => props.push(p),
            }
        }
    }
}

pub async fn patch(
    State(shared): State<Shared>,
    IdJson(id, v): IdJson,
) -> Result<Response, ApiError> {
    let ops = operations(&v)?;
    with_customer(&shared, id, |c, scope| {
        c.properties = apply_all(ops, &c.properties, |ck, at, op, props| {
            apply_op(ck, at, op, scope.property_defs, props);
        })?;
        Ok(())
    })?;
    Ok(no_content())
}
