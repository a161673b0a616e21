//! `PUT /v2/conversations/{id}/tags` (§2.6: full replacement, unknown names created, `[]` clears)
//! and `PUT /v2/conversations/{id}/fields` (§2.7: full replacement validated against the
//! conversation's mailbox definitions), both 204; and `DELETE /v2/conversations/{id}` (Delete
//! Conversation has no page in the stored docs; 204 as the SDKs expect, emitting `convo.deleted`
//! with `{"id": N}` as the webhooks page, <https://developer.helpscout.com/webhooks/>, lists it).

use axum::extract::{Path, State};
use axum::response::Response;

use super::common::{IdJson, conversation_mut, deleted, with_conversation};
use crate::input::{Check, fields, read_object};
use crate::model::Shared;
use crate::render::errors::ApiError;

pub async fn put_tags(
    State(shared): State<Shared>,
    IdJson(id, v): IdJson,
) -> Result<Response, ApiError> {
    let names = read_object(&v, &["tags"], |o| {
        o.require("tags").and_then(|_| o.strings("tags"))
    })?
    .unwrap_or_default();
    with_conversation(&shared, id, |st, id| {
        let tags = st.ensure_tags(&names);
        let conversation = conversation_mut(st, id)?;
        // Invented: no page says whether a write that leaves the tags as they were fires
        // `convo.tags`; here it does not (a repeated PUT changes nothing).
        let changed = conversation.tags != tags;
        conversation.tags = tags;
        Ok(changed.then_some("convo.tags"))
    })
}

pub async fn put_fields(
    State(shared): State<Shared>,
    IdJson(id, v): IdJson,
) -> Result<Response, ApiError> {
    let ck = Check::default();
    let o = ck.root(&v)?;
    o.only(&["fields"]);
    let items = o
        .require("fields")
        .and_then(|_| o.array("fields"))
        .unwrap_or_default();
    let inputs = fields::read(&ck, &items);
    ck.bail()?;
    with_conversation(&shared, id, |st, id| {
        let mailbox = conversation_mut(st, id)?.mailbox_id;
        let values = match st.mailbox(mailbox) {
            Some(m) => fields::resolve(&ck, m, &inputs),
            None => Vec::new(),
        };
        ck.bail()?;
        conversation_mut(st, id)?.custom_fields = values;
        Ok(Some("convo.custom-fields"))
    })
}

/// `DELETE /v2/conversations/{id}` → 204; emits `convo.deleted` with `{"id": N}`.
pub async fn delete(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    deleted(&shared, &id, |st, base, id| {
        let c = st.conversations.remove(&id)?;
        let resource = format!("{base}/v2/conversations/{id}");
        st.emit_deleted("convo.deleted", id, Some(c.mailbox_id), &resource);
        Some(())
    })
}
