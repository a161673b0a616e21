//! `GET /v2/mailboxes`, `/v2/mailboxes/{id}`, `/v2/mailboxes/{id}/folders` and
//! `/v2/mailboxes/{id}/fields` (50 per page).

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;

use super::common::{found, listed, parse_id};
use crate::model::Shared;
use crate::render::{self, errors::ApiError};

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    listed(&shared, &uri, "mailboxes", |st, base| {
        let mut boxes: Vec<_> = st.mailboxes.iter().collect();
        boxes.sort_by_key(|m| m.id);
        Ok(boxes.iter().map(|m| render::mailbox(base, m)).collect())
    })
}

pub async fn get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    found(&shared, &id, |st, base, id| {
        Some(render::mailbox(base, st.mailbox(id)?))
    })
}

pub async fn folders(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    listed(&shared, &uri, "folders", |st, _| {
        let m = st.mailbox(id).ok_or_else(ApiError::not_found)?;
        Ok(m.folders.iter().map(|f| render::folder(st, m, f)).collect())
    })
}

pub async fn fields(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    listed(&shared, &uri, "fields", |st, _| {
        let m = st.mailbox(id).ok_or_else(ApiError::not_found)?;
        Ok(m.fields.iter().map(render::field).collect())
    })
}
