//! `PUT /v2/conversations/{id}/tags` (§2.6: full replacement, unknown names created, `[]` clears)
//! and `PUT /v2/conversations/{id}/fields` (§2.7: full replacement validated against the
//! conversation's mailbox definitions), both 204; and `DELETE /v2/conversations/{id}` (204).

use axum::extract::{Path, State};
use axum::response::Response;

use super::{no_content, parse_id};
use crate::simulator::body::{Check, JsonBody};
use crate::simulator::errors::ApiError;
use crate::simulator::fields;
use crate::simulator::state::Shared;
use crate::simulator::time;

pub async fn put_tags(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let ck = Check::default();
    let o = ck.root(&v)?;
    o.only(&["tags"]);
    let names = o
        .require("tags")
        .and_then(|_| o.strings("tags"))
        .unwrap_or_default();
    ck.finish()?;
    let mut st = shared.lock();
    if !st.conversations.contains_key(&id) {
        return Err(ApiError::not_found());
    }
    let mut tags: Vec<String> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let name = st.ensure_tag(name);
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            tags.push(name);
        }
    }
    if let Some(c) = st.conversations.get_mut(&id) {
        c.tags = tags;
        c.modified_at = time::now();
    }
    st.emit_conversation(&shared.base, "convo.tags", id);
    Ok(no_content())
}

pub async fn put_fields(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let ck = Check::default();
    let o = ck.root(&v)?;
    o.only(&["fields"]);
    let items = o
        .require("fields")
        .and_then(|_| o.array("fields"))
        .unwrap_or_default();
    let inputs = fields::read(&ck, &items);
    ck.bail()?;
    let mut st = shared.lock();
    let mailbox_id = st
        .conversations
        .get(&id)
        .ok_or_else(ApiError::not_found)?
        .mailbox_id;
    let values = match st.mailbox(mailbox_id) {
        Some(m) => fields::resolve(&ck, m, &inputs),
        None => Vec::new(),
    };
    ck.finish()?;
    if let Some(c) = st.conversations.get_mut(&id) {
        c.custom_fields = values;
        c.modified_at = time::now();
    }
    st.emit_conversation(&shared.base, "convo.custom-fields", id);
    Ok(no_content())
}

/// `DELETE /v2/conversations/{id}` → 204; emits `convo.deleted` with `{"id": N}`.
pub async fn delete(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let mut st = shared.lock();
    let c = st
        .conversations
        .remove(&id)
        .ok_or_else(ApiError::not_found)?;
    let resource = format!("{}/v2/conversations/{id}", shared.base);
    st.emit_deleted("convo.deleted", id, Some(c.mailbox_id), &resource);
    Ok(no_content())
}
