//! Update Thread (`PATCH /v2/conversations/{id}/threads/{threadId}`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/update/>): one
//! JSON Patch op (`op`, `path`, `value` all required; `op` only `replace`), `path` one of
//! `/text` (a string: the thread's text becomes it; "the original text is saved and can be viewed
//! on the Help Scout website", so the model keeps the first one) or `/hidden` (a boolean; "must be
//! a non-draft customer or reply thread", else 400). 204; the conversation is modified. 404 for
//! an unknown conversation (a merged one included) or a thread it does not have. A hidden thread
//! renders `"hidden": true` (Invented: no page shows the field).

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::Value;

use super::common::{parse_id, with_conversation};
use crate::input::{Check, JsonBody, single_op};
use crate::model::{Shared, Thread};
use crate::render::errors::ApiError;

/// The change one op asks for.
enum Change {
    Text(String),
    Hidden(bool),
}

/// Reads the op; `None` with the errors in `ck`.
fn read(ck: &Check, v: &Value) -> Result<Option<Change>, ApiError> {
    let o = ck.root(single_op(v)?)?;
    o.only(&["op", "path", "value"]);
    o.require("op").and_then(|_| o.choice("op", &["replace"]));
    let path = o
        .require("path")
        .and_then(|_| o.choice("path", &["/text", "/hidden"]));
    let value = o.require("value").is_some();
    Ok(match path {
        Some("/text") if value => o.text("value").map(Change::Text),
        Some(_) if value => o.boolean("value").map(Change::Hidden),
        _ => None,
    })
}

/// Applies a change to a thread of the conversation, or reports why it cannot be applied.
fn apply(ck: &Check, t: &mut Thread, change: Change) {
    match change {
        Change::Text(text) => {
            t.original_body.get_or_insert_with(|| t.body.clone());
            t.body = text;
        }
        Change::Hidden(_) if t.draft || !matches!(t.kind.as_str(), "customer" | "message") => {
            let message = "Only a non-draft customer or reply thread can be hidden";
            ck.fail(
                "path",
                message,
                "NotApplicable",
                Some(&Value::from("/hidden")),
            );
        }
        Change::Hidden(hidden) => t.hidden = hidden,
    }
}

pub async fn patch(
    State(shared): State<Shared>,
    Path((id, thread)): Path<(String, String)>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let (id, thread) = (parse_id(&id)?, parse_id(&thread)?);
    with_conversation(&shared, id, |st, id| {
        let c = st
            .conversations
            .get_mut(&id)
            .ok_or_else(ApiError::not_found)?;
        let t = c
            .threads
            .iter_mut()
            .find(|t| t.id == thread)
            .ok_or_else(ApiError::not_found)?;
        let ck = Check::default();
        let change = read(&ck, &v)?;
        ck.bail()?;
        if let Some(change) = change {
            apply(&ck, t, change);
        }
        ck.finish()?;
        Ok(None)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed;

    #[test]
    fn the_first_text_is_kept() {
        let mut st = seed::build(1, 100, 150);
        let ck = Check::default();
        let t = st
            .conversations
            .get_mut(&5_000_001)
            .and_then(|c| c.threads.first_mut())
            .unwrap();
        let first = t.body.clone();
        apply(&ck, t, Change::Text("second".into()));
        apply(&ck, t, Change::Text("third".into()));
        assert_eq!(
            (t.body.as_str(), t.original_body.as_deref()),
            ("third", Some(first.as_str()))
        );
        assert!(ck.finish().is_ok());
    }
}
