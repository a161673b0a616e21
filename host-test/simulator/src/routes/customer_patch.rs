//! `PATCH /v2/customers/{id}` (§4.5, <https://developer.helpscout.com/mailbox-api/endpoints/customers/update/>):
//! a JSON array of ops (`add`, `remove`, `replace`) applied all-or-nothing to a copy of the
//! customer. Paths: `/<entityField>` and `/organizationId` (replace/add set, remove clears; a
//! `null` value is refused as the errors page's "Null value"), `/address`
//! (replace/add/remove), `/<collection>` (add `{type?, value}`), `/<collection>/{entryId}`
//! (replace/remove) and `/<collection>/{entryId}/value|type` (replace). Collections: `emails`,
//! `phones`, `chats`, `socialProfiles` (also `social-profiles`), `websites`. Errors name the
//! target without its leading slash (`firstName`, `emails/12/value`) or `[i].op`/`[i].path`.

use axum::extract::State;
use axum::response::Response;
use serde_json::Value;

use super::common::{IdJson, no_content, with_customer};
use crate::input::customer::{
    ENTITY_FIELDS, address, email, entity_value, entry_value, set_entity,
};
use crate::input::{Check, apply_all, operations};
use crate::model::{Customer, Entry, EntryKind, Shared, take};
use crate::render::errors::ApiError;

/// Applies op `v` (the `at`-th) to `c`, reporting problems to `ck`.
fn apply_op(ck: &Check, at: &str, v: &Value, c: &mut Customer, next_entry: &mut u64) {
    let Some(o) = ck.object(at, v) else { return };
    o.only(&["op", "path", "value", "from"]);
    let op = o
        .require("op")
        .and_then(|_| o.choice("op", &["add", "remove", "replace"]));
    let (Some(op), Some(path)) = (op, o.text("path")) else {
        return;
    };
    let target = path.trim().trim_start_matches('/').to_string();
    let segs: Vec<&str> = target.split('/').collect();
    let value = o.get("value");
    let need_value = || {
        if value.is_none() {
            ck.fail(&target, "may not be null", "NotNull", None);
        }
        value
    };
    let bad_op = || {
        let message = format!("Operation '{op}' is not allowed on /{target}");
        ck.fail(
            &o.path("op"),
            &message,
            "EnumValue",
            Some(&Value::String(op.into())),
        );
    };
    match segs.as_slice() {
        [field] if ENTITY_FIELDS.contains(field) => {
            let v = if op == "remove" { None } else { need_value() };
            if op != "remove" && v.is_none() {
                return;
            }
            if let Some(s) = entity_value(ck, &target, field, v) {
                set_entity(c, field, s);
            }
        }
        ["organizationId"] if op == "remove" => c.organization_id = None,
        ["organizationId"] => {
            if let Some(id) = need_value().and_then(|v| ck.id(&target, v)) {
                c.organization_id = Some(id);
            }
        }
        ["address"] if op == "remove" => c.address = None,
        ["address"] => {
            if let Some(a) = need_value().and_then(|v| address(ck, &target, v)) {
                c.address = Some(a);
            }
        }
        [coll, rest @ ..] if EntryKind::from_name(coll).is_some() => {
            let Some(kind) = EntryKind::from_name(coll) else {
                return;
            };
            entry_op(ck, &target, op, kind, rest, value, c, next_entry, &bad_op);
        }
        _ => {
            let rejected = Value::String(path.clone());
            ck.fail(
                &o.path("path"),
                "Unsupported path",
                "EnumValue",
                Some(&rejected),
            );
        }
    }
}

#[allow(clippy::too_many_arguments, reason = "one op's context, used once")]
fn entry_op(
    ck: &Check,
    target: &str,
    op: &str,
    kind: EntryKind,
    rest: &[&str],
    value: Option<&Value>,
    c: &mut Customer,
    next_entry: &mut u64,
    bad_op: &dyn Fn(),
) {
    let need_value = || {
        if value.is_none() {
            ck.fail(target, "may not be null", "NotNull", None);
        }
        value
    };
    let entry_id = rest.first().map(|s| s.parse::<u64>().ok());
    let position = entry_id
        .flatten()
        .and_then(|id| c.entries(kind).iter().position(|e| e.id == id));
    if entry_id.is_some() && position.is_none() {
        let rejected = Value::String(rest.first().copied().unwrap_or("").into());
        ck.fail(
            target,
            "Unknown entry",
            "InvalidIdentifier",
            Some(&rejected),
        );
        return;
    }
    match (rest, op, position) {
        ([], "add", _) => {
            if let Some((t, v)) = need_value().and_then(|v| entry_value(ck, target, kind, v)) {
                let id = take(next_entry);
                c.entries_mut(kind).push(Entry {
                    id,
                    value: v,
                    kind: t,
                });
            }
        }
        ([_], "remove", Some(i)) => {
            c.entries_mut(kind).remove(i);
        }
        ([_], "replace", Some(i)) => {
            if let Some((t, v)) = need_value().and_then(|v| entry_value(ck, target, kind, v)) {
                let e = &mut c.entries_mut(kind)[i];
                (e.kind, e.value) = (t, v);
            }
        }
        ([_, "value"], "replace", Some(i)) => {
            let checked = need_value().and_then(|v| match kind {
                EntryKind::Email => email(ck, target, v),
                _ => ck.sized(target, v, 1, 255),
            });
            if let Some(v) = checked {
                c.entries_mut(kind)[i].value = v;
            }
        }
        ([_, "type"], "replace", Some(i)) => {
            let types = kind.types().unwrap_or(&[]);
            if let Some(t) = need_value().and_then(|v| ck.choice(target, v, types)) {
                c.entries_mut(kind)[i].kind = t.to_string();
            }
        }
        _ => bad_op(),
    }
}

pub async fn patch(
    State(shared): State<Shared>,
    IdJson(id, v): IdJson,
) -> Result<Response, ApiError> {
    let ops = operations(&v)?;
    with_customer(&shared, id, |c, scope| {
        let start = (c.clone(), *scope.next_entry);
        (*c, *scope.next_entry) = apply_all(ops, &start, |ck, at, op, (draft, next_entry)| {
            apply_op(ck, at, op, draft, next_entry);
        })?;
        Ok(())
    })?;
    Ok(no_content())
}
