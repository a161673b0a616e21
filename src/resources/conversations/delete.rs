//! `delete-conversation`: `DELETE /v2/conversations/{id}` (204; Help Scout's SDKs use it, the
//! stored pages do not show it). Never repeated after an unknown outcome, and never sent on to
//! the conversation a merged one lives on: deleting that one was not asked for.

use crate::catalog::declare::*;
use crate::client::{Client, Method, Replay, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::ids::ConversationId;
use crate::resources::Deleted;
use serde::Deserialize;

/// Input of `delete-conversation`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeleteConversation {
    pub id: ConversationId,
}

impl Validate for DeleteConversation {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

pub fn delete(client: &mut Client<impl Transport>, input: &DeleteConversation) -> Result<Deleted> {
    let id = input.id.segment();
    client.write(
        Method::Delete,
        &["conversations", &id],
        None,
        Replay::Unsafe,
    )?;
    Ok(Deleted {
        id: input.id.get(),
        deleted: true,
    })
}

/// `delete-conversation`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "delete-conversation",
    title: "Delete a conversation",
    group: Group::Conversation,
    description: "Delete a conversation (DELETE /v2/conversations/{id}).",
    files: files!("delete-conversation"),
    option_fields: &[],
    effects: Effects::write(true, false),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&delete(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<DeleteConversation>,
};
