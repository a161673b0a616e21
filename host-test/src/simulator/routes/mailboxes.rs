//! `GET /v2/mailboxes`, `/v2/mailboxes/{id}`, `/v2/mailboxes/{id}/folders` and
//! `/v2/mailboxes/{id}/fields` (50 per page).

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use serde_json::Value;

use super::{paged, parse_id};
use crate::simulator::errors::ApiError;
use crate::simulator::hal;
use crate::simulator::render;
use crate::simulator::state::Shared;

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let all: Vec<Value> = {
        let st = shared.lock();
        let mut boxes: Vec<_> = st.mailboxes.iter().collect();
        boxes.sort_by_key(|m| m.id);
        boxes
            .iter()
            .map(|m| render::mailbox(&shared.base, m))
            .collect()
    };
    paged(&shared, &uri, "mailboxes", all)
}

pub async fn get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let st = shared.lock();
    let m = st.mailbox(id).ok_or_else(ApiError::not_found)?;
    Ok(hal::ok(render::mailbox(&shared.base, m)))
}

pub async fn folders(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let all: Vec<Value> = {
        let st = shared.lock();
        let m = st.mailbox(id).ok_or_else(ApiError::not_found)?;
        m.folders
            .iter()
            .map(|f| render::folder(&st, m, f))
            .collect()
    };
    paged(&shared, &uri, "folders", all)
}

pub async fn fields(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let all: Vec<Value> = {
        let st = shared.lock();
        let m = st.mailbox(id).ok_or_else(ApiError::not_found)?;
        m.fields.iter().map(render::field).collect()
    };
    paged(&shared, &uri, "fields", all)
}
