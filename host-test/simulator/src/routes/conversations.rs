//! `GET /v2/conversations` (25 per page, every documented filter), `GET /v2/conversations/{id}`
//! (optional `embed=threads`) and `GET /v2/conversations/{id}/threads`. A merged conversation's
//! id answers both with a 301 to the conversation it was merged into (`common::moved`). Threads
//! are listed as List Threads says
//! (<https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/list/>):
//! "Threads are by default sorted by createdAt (from newest to oldest)", drafts included (with
//! `state: "draft"`), 50 per page (Invented: the page size is past the stored excerpt of the
//! page; the recorded traffic had 25 or 50).

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use serde_json::Value;

use super::common::{found, listed, moved, parse_id};
use crate::model::Shared;
use crate::render::errors::ApiError;
use crate::render::hal::{self, CONVERSATION_PAGE_SIZE, ListRequest};
use crate::render::{conversation, thread};
use crate::search::conversations::{ConversationFilter, embed_threads};
use crate::search::params::Params;

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let params = Params::parse(uri.query());
    let filter = ConversationFilter::from_params(&params)?;
    let with_threads = embed_threads(&params)?;
    let req = ListRequest {
        base: &shared.base,
        path: uri.path(),
        // Recorded: `/v2/conversations?mailbox=…&page=1`, the one list without the slash.
        trailing_slash: false,
        query: uri.query(),
        page: params.page()?,
        size: CONVERSATION_PAGE_SIZE,
    };
    let st = shared.lock();
    let mut matched: Vec<_> = st
        .conversations
        .values()
        .filter(|c| filter.matches(&st, c))
        .collect();
    filter.sort(&st, &mut matched);
    let items: Vec<Value> = req
        .slice(&matched)
        .iter()
        .map(|c| conversation(&st, &shared.base, c, with_threads))
        .collect();
    Ok(hal::ok(req.collection(
        "conversations",
        items,
        matched.len(),
    )))
}

pub async fn get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let with_threads = embed_threads(&Params::parse(uri.query()))?;
    if let Some(resp) = moved(&shared, parse_id(&id)?) {
        return Ok(resp);
    }
    found(&shared, &id, |st, base, id| {
        let c = st.conversations.get(&id)?;
        Some(conversation(st, base, c, with_threads))
    })
}

pub async fn threads(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    if let Some(resp) = moved(&shared, id) {
        return Ok(resp);
    }
    listed(&shared, &uri, "threads", |st, base| {
        let c = st.conversations.get(&id).ok_or_else(ApiError::not_found)?;
        let mut list: Vec<_> = c.threads.iter().collect();
        list.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        Ok(list.iter().map(|t| thread(st, base, c, t)).collect())
    })
}
