//! Workflows: List Workflows (`GET /v2/workflows`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/workflows/list/>: `mailboxId` and `type`
//! (`manual` or `automatic`) filters, `_embedded.workflows`, 50 per page; listed by mailbox, then
//! `order` — Invented: the page does not say) and Update Workflow Status (`PATCH
//! /v2/workflows/{id}`, <https://developer.helpscout.com/mailbox-api/endpoints/workflows/update/>:
//! one op `{"op": "replace", "path": "/status", "value": "active"|"inactive"}`; 204). Running
//! one is `workflow_run.rs`.

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;

use super::common::{listed, no_content, parse_id};
use crate::input::{Check, JsonBody, single_op};
use crate::model::Shared;
use crate::render::{self, errors::ApiError};
use crate::search::params::Params;
use crate::time;

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let p = Params::parse(uri.query());
    let mailbox = p.int("mailboxId")?;
    let kind = p
        .get("type")
        .map(|_| p.choice("type", &["manual", "automatic"], "manual"));
    let kind = kind.transpose()?;
    listed(&shared, &uri, "workflows", |st, base| {
        let mut list: Vec<_> = st
            .workflows
            .iter()
            .filter(|w| mailbox.is_none_or(|m| w.mailbox_id == m))
            .filter(|w| kind.is_none_or(|k| w.kind == k))
            .collect();
        list.sort_by_key(|w| (w.mailbox_id, w.order, w.id));
        Ok(list.iter().map(|w| render::workflow(base, w)).collect())
    })
}

pub async fn patch(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let mut st = shared.lock();
    if st.workflow(id).is_none() {
        return Err(ApiError::not_found());
    }
    let ck = Check::default();
    let o = ck.root(single_op(&v)?)?;
    o.only(&["op", "path", "value"]);
    o.require("op").and_then(|_| o.choice("op", &["replace"]));
    o.require("path")
        .and_then(|_| o.choice("path", &["/status"]));
    let status = o
        .require("value")
        .and_then(|_| o.choice("value", &["active", "inactive"]));
    ck.finish()?;
    if let (Some(status), Some(w)) = (status, st.workflows.iter_mut().find(|w| w.id == id)) {
        w.status = status;
        w.modified_at = time::now();
    }
    Ok(no_content())
}
