//! `get-attachment`: an attachment's data (`GET
//! /v2/conversations/{id}/attachments/{attachmentId}/data` → `{"data": <base64>}`, Get
//! Attachment Data,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/attachments/get-data/>),
//! checked to be base64 and at most 10 MB once decoded (Help Scout's limit for an attachment).

use super::attachment::MAX_ATTACHMENT_BYTES;
use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::Validate;
use crate::error::{Error, Result};
use crate::ids::{AttachmentId, ConversationId};
use crate::resources::wire;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// Input of `get-attachment`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetAttachment {
    pub conversation_id: ConversationId,
    pub attachment_id: AttachmentId,
}

impl Validate for GetAttachment {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// What `get-attachment` returns: the file's bytes in base64, and how many there are.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentData {
    pub conversation_id: u64,
    pub id: u64,
    pub data: String,
    pub size: usize,
}

impl AttachmentData {
    /// The bytes (the base64 was checked on the way in).
    pub fn bytes(&self) -> Vec<u8> {
        base64::engine::general_purpose::STANDARD
            .decode(&self.data)
            .unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct WireData {
    data: String,
}

pub fn get(client: &mut Client<impl Transport>, input: &GetAttachment) -> Result<AttachmentData> {
    let conversation = input.conversation_id.segment();
    let attachment = input.attachment_id.segment();
    let segments = [
        "conversations",
        &conversation,
        "attachments",
        &attachment,
        "data",
    ];
    let body = client.get_body(client.base().endpoint(&segments, &[]))?;
    let wire: WireData =
        serde_json::from_slice(&body).map_err(|_| wire::not_a("attachment's data"))?;
    let data: String = wire.data.split_whitespace().collect();
    if data.len() / 4 * 3 > MAX_ATTACHMENT_BYTES + 3 {
        return Err(Error::invalid(
            "attachmentId",
            "the attachment is larger than 10 MB, more than Help Scout stores for one",
        ));
    }
    let size = base64::engine::general_purpose::STANDARD
        .decode(&data)
        .map_err(|_| Error::Other("Help Scout answered attachment data that is not base64".into()))?
        .len();
    Ok(AttachmentData {
        conversation_id: input.conversation_id.get(),
        id: input.attachment_id.get(),
        data,
        size,
    })
}

/// `get-attachment`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "get-attachment",
    title: "Get an attachment",
    group: Group::Thread,
    description: "Download an attachment of a conversation (GET \
                  /v2/conversations/{id}/attachments/{attachmentId}/data): its bytes in base64 \
                  and their count (at most 10 MB). Attachment ids are under a thread's \
                  _embedded.attachments.",
    files: files!("get-attachment"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&get(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<GetAttachment>,
};
