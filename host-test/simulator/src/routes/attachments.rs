//! Attachments: Get Attachment Data (`GET /v2/conversations/{id}/attachments/{attachmentId}/data`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/attachments/get-data/>:
//! `{"data": "<base64>"}`), Download Attachment File (`…/{attachmentId}/file`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/attachments/get-attachment-file/>:
//! the raw bytes, `Content-Type` the file's mime type, `content-disposition: attachment;
//! filename="…"`) — 404 for an unknown attachment or one of another conversation — and Upload
//! Attachment (`POST /v2/conversations/{id}/threads/{threadId}/attachments`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/attachments/create/>:
//! `fileName`, `mimeType`, `data` required; 201 with no `Resource-ID`, as the page and the
//! recorded traffic show; the conversation is modified; 404 for an unknown conversation, a merged
//! one included, or a thread it does not have).

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

use super::common::{created_without_id, parse_id, with_conversation};
use crate::input::thread::attachment;
use crate::input::{Check, JsonBody};
use crate::model::{Attachment, Shared, State as Model};
use crate::render::errors::ApiError;
use crate::render::hal;

/// Attachment `raw` of conversation `conv` (404 otherwise).
fn find<'a>(st: &'a Model, conv: &str, raw: &str) -> Result<&'a Attachment, ApiError> {
    let (conv, id) = (parse_id(conv)?, parse_id(raw)?);
    st.conversations
        .get(&conv)
        .and_then(|c| {
            c.threads
                .iter()
                .flat_map(|t| t.attachments.iter())
                .find(|a| a.id == id)
        })
        .ok_or_else(ApiError::not_found)
}

pub async fn data(
    State(shared): State<Shared>,
    Path((conv, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let st = shared.lock();
    let a = find(&st, &conv, &id)?;
    Ok(hal::ok(json!({"data": STANDARD.encode(&a.data)})))
}

pub async fn file(
    State(shared): State<Shared>,
    Path((conv, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (bytes, mime, name) = {
        let st = shared.lock();
        let a = find(&st, &conv, &id)?;
        (
            a.data.clone(),
            a.mime_type.clone(),
            a.filename.replace('"', "'"),
        )
    };
    let mut resp = (StatusCode::OK, bytes).into_response();
    let h = resp.headers_mut();
    let mime = HeaderValue::try_from(mime)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, mime);
    let disposition = format!("attachment; filename=\"{name}\"");
    if let Ok(v) = HeaderValue::try_from(disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(resp)
}

pub async fn upload(
    State(shared): State<Shared>,
    Path((conv, thread)): Path<(String, String)>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let (conv, thread) = (parse_id(&conv)?, parse_id(&thread)?);
    let ck = Check::default();
    let input = attachment(&ck.root(&v)?);
    with_conversation(&shared, conv, |st, id| {
        let known = st
            .conversations
            .get(&id)
            .is_some_and(|c| c.threads.iter().any(|t| t.id == thread));
        if !known {
            return Err(ApiError::not_found());
        }
        ck.bail()?;
        let Some(input) = &input else {
            return Err(ApiError::validation(Vec::new()));
        };
        let stored = input.store(st);
        let t = st
            .conversations
            .get_mut(&id)
            .and_then(|c| c.threads.iter_mut().find(|t| t.id == thread))
            .ok_or_else(ApiError::not_found)?;
        t.attachments.push(stored);
        Ok(None)
    })?;
    Ok(created_without_id())
}
