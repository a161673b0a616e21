//! `get-conversation`: `GET /v2/conversations/{id}?embed=threads` (Get Conversation; a merged
//! conversation's 301 is followed), the body passed on as Help Scout's JSON text.

use super::Conversation;
use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::ids::ConversationId;
use crate::resources::Raw;
use serde::Deserialize;

/// Input of `get-conversation`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetConversation {
    pub id: ConversationId,
    /// Threads under `_embedded.threads` (default true).
    #[cfg_attr(test, schemars(extend("default" = true)))]
    pub embed_threads: Option<bool>,
}

impl Validate for GetConversation {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// The conversation as Help Scout's JSON text, checked to be an object but not parsed into a
/// tree: the catalog passes it on as it came, the typed export reads it once into its record.
pub fn get(client: &mut Client<impl Transport>, input: &GetConversation) -> Result<Conversation> {
    let mut query = Vec::new();
    if input.embed_threads.unwrap_or(true) {
        query.push(("embed", "threads".to_string()));
    }
    let segments = ["conversations", &input.id.segment()];
    Ok(Raw(client.get_object(&segments, &query, "conversation")?))
}

/// `get-conversation`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "get-conversation",
    title: "Get a conversation",
    group: Group::Conversation,
    description: "Get one conversation (GET /v2/conversations/{id}) with its threads embedded \
                  under _embedded.threads unless embedThreads is false.",
    files: files!("get-conversation"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&get(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<GetConversation>,
};
