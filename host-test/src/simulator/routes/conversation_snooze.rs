//! Snooze Conversation (`PUT /v2/conversations/{id}/snooze`, both `snoozedUntil` and
//! `unsnoozeOnCustomerReply` required, the time in the future and not after the year 2100,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/snooze/update/>) and
//! Unsnooze Conversation (`DELETE …/snooze`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/snooze/delete/>), both
//! 204. Every snooze replaces the previous one; the conversation shows it under `snooze`.

use axum::extract::{Path, State};
use axum::response::Response;

use super::{no_content, parse_id};
use crate::simulator::body::{Check, JsonBody};
use crate::simulator::errors::ApiError;
use crate::simulator::state::{Shared, Snooze};
use crate::simulator::time;

/// 2101-01-01T00:00:00Z: snoozes must end before it.
const YEAR_2101: i64 = 4_133_980_800;

pub async fn put(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let ck = Check::default();
    let o = ck.root(&v)?;
    o.only(&["snoozedUntil", "unsnoozeOnCustomerReply"]);
    let until = o
        .require("snoozedUntil")
        .and_then(|_| o.instant("snoozedUntil"));
    let on_reply = o
        .require("unsnoozeOnCustomerReply")
        .and_then(|_| o.boolean("unsnoozeOnCustomerReply"));
    let now = time::now();
    if let Some(until) = until
        && (until <= now || until >= YEAR_2101)
    {
        let message = "must be in the future and not after the year 2100";
        ck.fail(
            "snoozedUntil",
            message,
            "InvalidDate",
            o.get("snoozedUntil"),
        );
    }
    ck.finish()?;
    let mut st = shared.lock();
    let me = st.me;
    let c = st
        .conversations
        .get_mut(&id)
        .ok_or_else(ApiError::not_found)?;
    c.snooze = until.zip(on_reply).map(|(until, on_reply)| Snooze {
        by: me,
        until,
        unsnooze_on_customer_reply: on_reply,
    });
    c.modified_at = now;
    Ok(no_content())
}

pub async fn delete(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let mut st = shared.lock();
    let c = st
        .conversations
        .get_mut(&id)
        .ok_or_else(ApiError::not_found)?;
    c.snooze = None;
    c.modified_at = time::now();
    Ok(no_content())
}
