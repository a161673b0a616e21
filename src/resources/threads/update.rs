//! `update-thread`: a thread's text replaced ("the original text is saved and can be viewed on
//! the Help Scout website") and/or the thread hidden or shown ("must be a non-draft customer or
//! reply thread"), one `PATCH /v2/conversations/{id}/threads/{threadId}` per change (Update
//! Thread, <https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/update/>:
//! a single `replace` operation, so safe to repeat). Writes to a merged conversation follow it.

use crate::catalog::declare::*;
use crate::client::{Client, Method, Replay, Transport};
use crate::decode::{Validate, all, check_length};
use crate::error::{Error, Result};
use crate::ids::{ConversationId, ThreadId};
use crate::resources::conversations::following_merge;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Input of `update-thread`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateThread {
    pub conversation_id: ConversationId,
    pub thread_id: ThreadId,
    /// The thread's new text.
    pub text: Option<String>,
    /// Hide (`true`) or show (`false`) the thread.
    pub hidden: Option<bool>,
}

impl Validate for UpdateThread {
    fn validate(&self) -> Result<()> {
        let mut checks = Vec::new();
        if let Some(text) = &self.text {
            checks.push(check_length("text", text.trim(), 1, 65_536));
        }
        if self.text.is_none() && self.hidden.is_none() {
            checks.push(Err(Error::invalid("text", "give text or hidden (or both)")));
        }
        all(checks)
    }
}

/// What `update-thread` returns: the thread and the changes that took effect.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreadUpdated {
    pub conversation_id: u64,
    pub id: u64,
    pub applied: Vec<&'static str>,
}

pub fn update(client: &mut Client<impl Transport>, input: &UpdateThread) -> Result<ThreadUpdated> {
    input.validate()?;
    let thread = input.thread_id.segment();
    let mut ops = Vec::new();
    if let Some(text) = &input.text {
        ops.push((
            "text",
            json!({"op": "replace", "path": "/text", "value": text}),
        ));
    }
    if let Some(hidden) = input.hidden {
        ops.push((
            "hidden",
            json!({"op": "replace", "path": "/hidden", "value": hidden}),
        ));
    }
    let mut conversation = input.conversation_id.get();
    let mut applied = Vec::new();
    for (name, op) in ops {
        let send = |client: &mut Client<_>, id: &str| {
            let segments = ["conversations", id, "threads", &thread];
            client.write(Method::Patch, &segments, Some(&op), Replay::Safe)
        };
        let result = match applied.is_empty() {
            true => following_merge(client, conversation, send).map(|(to, _)| conversation = to),
            false => send(client, &conversation.to_string()).map(|_| ()),
        };
        match result {
            Ok(()) => applied.push(name),
            Err(e) if applied.is_empty() => return Err(e),
            Err(e) => return Err(e.after_steps(name, &applied, Some(input.thread_id.get()))),
        }
    }
    Ok(ThreadUpdated {
        conversation_id: conversation,
        id: input.thread_id.get(),
        applied,
    })
}

/// `update-thread`, as the catalog declares it: it overwrites a thread's text or visibility.
pub const ENTRY: Entry = Entry {
    name: "update-thread",
    title: "Update a thread",
    group: Group::Thread,
    description: "Replace a thread's text (Help Scout keeps the original for the web app) and/or \
                  hide or show it (PATCH /v2/conversations/{id}/threads/{threadId}). Needs an \
                  administrator or thread editing turned on.",
    files: files!("update-thread"),
    option_fields: &[],
    effects: Effects::write(true, true),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&update(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<UpdateThread>,
};
