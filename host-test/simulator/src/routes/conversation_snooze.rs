//! Snooze Conversation (`PUT /v2/conversations/{id}/snooze`, both `snoozedUntil` and
//! `unsnoozeOnCustomerReply` required, the time in the future and not after the year 2100,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/snooze/update/>) and
//! Unsnooze Conversation (`DELETE …/snooze`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/snooze/delete/>), both
//! 204. Every snooze replaces the previous one; the conversation shows it under `snooze`.

use axum::extract::{Path, State};
use axum::response::Response;

use super::common::{IdJson, conversation_mut, parse_id, with_conversation};
use crate::input::read_object;
use crate::model::{Shared, Snooze};
use crate::render::errors::ApiError;
use crate::time;

/// 2101-01-01T00:00:00Z: snoozes must end before it.
const YEAR_2101: i64 = 4_133_980_800;

pub async fn put(
    State(shared): State<Shared>,
    IdJson(id, v): IdJson,
) -> Result<Response, ApiError> {
    let fields = ["snoozedUntil", "unsnoozeOnCustomerReply"];
    let (until, on_reply) = read_object(&v, &fields, |o| {
        let until = o
            .require("snoozedUntil")
            .and_then(|_| o.instant("snoozedUntil"));
        let on_reply = o
            .require("unsnoozeOnCustomerReply")
            .and_then(|_| o.boolean("unsnoozeOnCustomerReply"));
        if let Some(t) = until
            && (t <= time::now() || t >= YEAR_2101)
        {
            let message = "must be in the future and not after the year 2100";
            o.ck.fail(
                "snoozedUntil",
                message,
                "InvalidDate",
                o.get("snoozedUntil"),
            );
        }
        (until, on_reply)
    })?;
    with_conversation(&shared, id, |st, id| {
        let by = st.me;
        let snooze = until.zip(on_reply).map(|(until, on_reply)| Snooze {
            by,
            until,
            unsnooze_on_customer_reply: on_reply,
        });
        conversation_mut(st, id)?.snooze = snooze;
        Ok(None)
    })
}

pub async fn delete(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    with_conversation(&shared, id, |st, id| {
        conversation_mut(st, id)?.snooze = None;
        Ok(None)
    })
}
