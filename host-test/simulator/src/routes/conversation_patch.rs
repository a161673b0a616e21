//! `PATCH /v2/conversations/{id}` (§2.5): one JSON-Patch-like op object (a one-element array is
//! accepted too) — subject, primary customer, publish draft, move mailbox, status, assignee.
//! 204 on success; errors name `op`, `path` or `value` (`assignTo` for an unknown user). A status
//! or assignee change leaves a line item (`model/lineitem.rs`), as no thread carries it.

use axum::extract::State;
use axum::response::Response;
use serde_json::Value;

use super::common::{IdJson, with_conversation};
use crate::input::{Check, single_op};
use crate::model::lineitem::LineAction;
use crate::model::{Shared, State as Model, Status};
use crate::render::errors::ApiError;
use crate::time;

/// The change one op asks for.
enum Change {
    Subject(String),
    Customer(u64),
    Publish,
    Move(u64),
    Status(Status),
    Assign(Option<u64>),
}

const PATHS: [(&str, &[&str]); 6] = [
    ("subject", &["replace"]),
    ("primaryCustomer.id", &["replace"]),
    ("draft", &["replace"]),
    ("mailboxId", &["move"]),
    ("status", &["replace"]),
    ("assignTo", &["replace", "remove"]),
];

fn decide(ck: &Check, st: &Model, op: &str, path: &str, value: Option<&Value>) -> Option<Change> {
    let Some((_, ops)) = PATHS.iter().find(|(p, _)| *p == path) else {
        let rejected = Value::String(format!("/{path}"));
        ck.fail("path", "Unsupported path", "EnumValue", Some(&rejected));
        return None;
    };
    if !ops.contains(&op) {
        let message = format!("Operation not supported for /{path}");
        ck.fail("op", &message, "EnumValue", Some(&Value::String(op.into())));
        return None;
    }
    if op == "remove" {
        return Some(Change::Assign(None));
    }
    let Some(v) = value else {
        ck.fail("value", "may not be null", "NotNull", None);
        return None;
    };
    let unknown = |path: &str, message: &str| {
        ck.fail(path, message, "InvalidIdentifier", Some(v));
        None
    };
    match path {
        "subject" => match ck.string("value", v)? {
            s if s.trim().is_empty() => {
                ck.fail("value", "may not be empty", "NotEmpty", Some(v));
                None
            }
            s => Some(Change::Subject(s)),
        },
        "primaryCustomer.id" => match ck.id("value", v)? {
            id if st.customers.contains_key(&id) => Some(Change::Customer(id)),
            _ => unknown("value", "Customer not found"),
        },
        "draft" => match ck.boolean("value", v)? {
            false => Some(Change::Publish),
            true => {
                ck.fail(
                    "value",
                    "Only false (publish) is supported",
                    "EnumValue",
                    Some(v),
                );
                None
            }
        },
        "mailboxId" => match ck.id("value", v)? {
            id if st.mailbox(id).is_some() => Some(Change::Move(id)),
            _ => unknown("value", "Mailbox not found"),
        },
        "status" => {
            let allowed = ["active", "closed", "open", "pending", "spam"];
            ck.choice("value", v, &allowed)
                .map(|s| Change::Status(Status::from_name(s)))
        }
        _ => match ck.id("assignTo", v)? {
            id if st.user(id).is_some() => Some(Change::Assign(Some(id))),
            _ => unknown("assignTo", "User not found"),
        },
    }
}

/// Applies a validated change (`modifiedAt` is stamped by the caller); returns the webhook event
/// it triggers, if any.
fn apply(st: &mut Model, id: u64, change: Change) -> Option<&'static str> {
    let (me, now) = (st.me, time::now());
    let new_fields: Option<Vec<u64>> = match &change {
        Change::Move(m) => st
            .mailbox(*m)
            .map(|mb| mb.fields.iter().map(|f| f.id).collect()),
        _ => None,
    };
    let c = st.conversations.get_mut(&id)?;
    c.user_updated_at = now;
    match change {
        Change::Subject(s) => c.subject = s,
        Change::Customer(cid) => c.primary_customer = cid,
        Change::Publish => {
            c.state = "published".into();
            c.threads.iter_mut().for_each(|t| t.draft = false);
        }
        Change::Move(m) => {
            let moved = c.mailbox_id != m;
            c.mailbox_id = m;
            let keep = new_fields.unwrap_or_default();
            c.custom_fields.retain(|(fid, _)| keep.contains(fid));
            return moved.then_some("convo.moved");
        }
        Change::Status(s) => {
            let changed = st.change_status(id, s, me, now, false);
            return changed.then_some("convo.status");
        }
        Change::Assign(a) => {
            let changed = c.assignee != a;
            c.assignee = a;
            if changed {
                // No thread carries the new assignee: a line item records it.
                st.push_lineitem(id, LineAction::Assignee, me, now);
            }
            return changed.then_some("convo.assigned");
        }
    }
    None
}

pub async fn patch(
    State(shared): State<Shared>,
    IdJson(id, v): IdJson,
) -> Result<Response, ApiError> {
    let ck = Check::default();
    let o = ck.root(single_op(&v)?)?;
    o.only(&["op", "path", "value", "from"]);
    let op = o
        .require("op")
        .and_then(|_| o.choice("op", &["add", "move", "remove", "replace"]));
    let path = o.text("path");
    ck.bail()?;
    let (Some(op), Some(path)) = (op, path) else {
        return Err(ApiError::validation(Vec::new()));
    };
    with_conversation(&shared, id, |st, id| {
        let path = path.trim().trim_start_matches('/');
        let change = decide(&ck, st, op, path, o.get("value"));
        ck.bail()?;
        Ok(change.and_then(|c| apply(st, id, c)))
    })
}
