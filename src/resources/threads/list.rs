//! `list-threads`: every thread of a conversation, every page (`GET
//! /v2/conversations/{id}/threads`, newest first: "Threads are by default sorted by createdAt
//! (from newest to oldest)", List Threads,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/list/>); a
//! merged conversation's 301 is followed.

use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::ids::ConversationId;
use crate::resources::Listed;
use serde::Deserialize;

/// Input of `list-threads`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListThreads {
    pub conversation_id: ConversationId,
}

impl Validate for ListThreads {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// The conversation's threads, newest first, every page.
pub fn list(client: &mut Client<impl Transport>, input: &ListThreads) -> Result<Listed> {
    let id = input.conversation_id.segment();
    Listed::read(client, &["conversations", &id, "threads"], &[], "threads")
}

/// `list-threads`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "list-threads",
    title: "List threads",
    group: Group::Thread,
    description: "List every thread of a conversation (GET /v2/conversations/{id}/threads), \
                  newest first, every page: replies, notes, customer messages, line items, with \
                  their attachments.",
    files: files!("list-threads"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::All,
    trigger: None,
    run: |client, input, _| json(&list(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<ListThreads>,
};
