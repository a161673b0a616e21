//! Run Manual Workflows (`POST /v2/workflows/{id}/run`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/workflows/run/>): `conversationIds`, 1
//! to 50 ids ("Maximum of 50 conversations IDs can be sent in a single request"); "Only manual
//! workflow can be executed this way. All conversation IDs must belong to existing
//! conversations and be from the same mailbox as the workflow", else 400. An inactive workflow
//! cannot run either (Invented: no page says). 204; each conversation gets the workflow's effect
//! and a `manual-workflow` line item (`model/workflow.rs`), emitting `convo.status` or
//! `convo.tags` when they changed. 404 for an unknown workflow.

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::Value;

use super::common::{no_content, parse_id};
use crate::input::{Check, JsonBody};
use crate::model::Shared;
use crate::render::errors::ApiError;
use crate::time;

/// Most conversations one run takes.
const MAX_CONVERSATIONS: usize = 50;

pub async fn run(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let mut st = shared.lock();
    let Some(w) = st.workflow(id) else {
        return Err(ApiError::not_found());
    };
    let (mailbox, name, effect) = (w.mailbox_id, w.name.clone(), w.effect.clone());
    let ck = Check::default();
    if w.kind != "manual" {
        let message = "Only manual workflows can be run";
        ck.fail("", message, "NotApplicable", Some(&Value::from(w.kind)));
    } else if w.status != "active" {
        let message = "Only active workflows can be run";
        ck.fail("", message, "NotApplicable", Some(&Value::from(w.status)));
    }
    let o = ck.root(&v)?;
    o.only(&["conversationIds"]);
    let items = o
        .require("conversationIds")
        .and_then(|_| o.array("conversationIds"))
        .unwrap_or_default();
    if o.get("conversationIds").is_some() && !(1..=MAX_CONVERSATIONS).contains(&items.len()) {
        let message = format!("size must be between 1 and {MAX_CONVERSATIONS}");
        ck.fail("conversationIds", &message, "Size", None);
    }
    let mut ids = Vec::with_capacity(items.len());
    for it in &items {
        let Some(conv) = ck.id(&it.path, it.value) else {
            continue;
        };
        match st.conversations.get(&conv) {
            None => ck.fail(
                &it.path,
                "Conversation not found",
                "InvalidIdentifier",
                Some(it.value),
            ),
            Some(c) if c.mailbox_id != mailbox => {
                let message = "Conversation is not in the workflow's mailbox";
                ck.fail(&it.path, message, "InvalidIdentifier", Some(it.value));
            }
            Some(_) if !ids.contains(&conv) => ids.push(conv),
            Some(_) => {}
        }
    }
    ck.finish()?;
    let (me, now) = (st.me, time::now());
    for conv in ids {
        let events = st.run_workflow(conv, &name, &effect, me, now);
        if events.status {
            st.emit_conversation(&shared.base, "convo.status", conv);
        }
        if events.tags {
            st.emit_conversation(&shared.base, "convo.tags", conv);
        }
    }
    Ok(no_content())
}
