//! `/v2/webhooks` (§7.3, <https://developer.helpscout.com/mailbox-api/endpoints/webhooks/create/>
//! and its sibling pages): create (201), list (`_embedded.webhooks`, 50 per page), get, full update
//! (PUT → 204, re-enables a disabled webhook) and delete (204). Fields: `url` (http/https),
//! `events` (known names), `secret` (1–40 chars, never rendered), `notification`, `label`,
//! `payloadVersion` (`V2` or `V3`: the newest Get Webhook page,
//! <https://developer.helpscout.com/mailbox-api/endpoints/webhooks/get/>, says "Options are V2
//! (deprecated) and V3"), `mailboxIds` (existing mailboxes). Creating one starts its worker.
//!
//! Update Webhook (<https://developer.helpscout.com/mailbox-api/endpoints/webhooks/update/>)
//! requires `url`, `events` and `secret`; our reading of its optional fields: the page lists them
//! as optional and says nothing of keeping them, and PUT replaces the resource, so one left out
//! takes its default (`notification` false, `payloadVersion` `V2`, no label, no `mailboxIds` =
//! every mailbox). Get and List render `notification` and `payloadVersion` as stored; a webhook
//! without a label renders `"label": ""` (Invented: no page shows one).

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use serde_json::{Value, json};

use super::common::{IdJson, created, deleted, found, listed, no_content};
use crate::input::{Check, JsonBody};
use crate::model::webhook::{EVENTS, Webhook};
use crate::model::{Shared, State as Model, take};
use crate::render::errors::ApiError;
use crate::render::hal::link;
use crate::webhooks::spawn_worker;

const FIELDS: [&str; 7] = [
    "url",
    "events",
    "secret",
    "notification",
    "label",
    "payloadVersion",
    "mailboxIds",
];

/// A validated create/update body.
struct Input {
    url: String,
    events: Vec<String>,
    secret: String,
    notification: bool,
    payload_version: &'static str,
    label: String,
    mailbox_ids: Vec<u64>,
}

fn valid_url(s: &str) -> bool {
    s.parse::<Uri>().is_ok_and(|u| {
        matches!(u.scheme_str(), Some("http" | "https")) && u.host().is_some_and(|h| !h.is_empty())
    })
}

fn read(ck: &Check, st: &Model, v: &Value) -> Result<Option<Input>, ApiError> {
    let o = ck.root(v)?;
    o.only(&FIELDS);
    let url = o.text("url").filter(|u| {
        let ok = valid_url(u.trim());
        if !ok {
            ck.fail(
                "url",
                "Must be an http or https URL",
                "InvalidUrl",
                o.get("url"),
            );
        }
        ok
    });
    let events = o
        .require("events")
        .and_then(|v| ck.array("events", v))
        .map(|items| {
            if items.is_empty() {
                ck.fail("events", "may not be empty", "NotEmpty", None);
            }
            let known: Vec<String> = items
                .iter()
                .filter_map(|it| ck.choice(&it.path, it.value, &EVENTS).map(str::to_string))
                .collect();
            known
        });
    let secret = o
        .require("secret")
        .and_then(|v| ck.sized("secret", v, 1, 40));
    let payload_version = o.choice("payloadVersion", &["V2", "V3"]).unwrap_or("V2");
    let mailbox_ids: Vec<u64> = o
        .array("mailboxIds")
        .unwrap_or_default()
        .iter()
        .filter_map(|it| {
            let id = ck.id(&it.path, it.value)?;
            if st.mailbox(id).is_none() {
                ck.fail(
                    &it.path,
                    "Mailbox not found",
                    "InvalidIdentifier",
                    Some(it.value),
                );
            }
            Some(id)
        })
        .collect();
    let input = Input {
        notification: o.boolean("notification").unwrap_or(false),
        payload_version,
        label: o.string("label").unwrap_or_default(),
        mailbox_ids,
        url: match url {
            Some(u) => u.trim().to_string(),
            None => return Ok(None),
        },
        events: events.unwrap_or_default(),
        secret: secret.unwrap_or_default(),
    };
    Ok(Some(input))
}

fn validated(st: &Model, v: &Value) -> Result<Input, ApiError> {
    let ck = Check::default();
    let input = read(&ck, st, v)?;
    ck.finish()?;
    input.ok_or_else(|| ApiError::validation(Vec::new()))
}

fn render(base: &str, w: &Webhook) -> Value {
    json!({
        "id": w.id,
        "url": w.url,
        "state": if w.enabled { "enabled" } else { "disabled" },
        "events": w.events,
        "notification": w.notification,
        "payloadVersion": w.payload_version,
        "label": w.label,
        "mailboxIds": w.mailbox_ids,
        "_links": {"self": link(format!("{base}/v2/webhooks/{}", w.id))},
    })
}

pub async fn create(
    State(shared): State<Shared>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let id = {
        let mut st = shared.lock();
        let input = validated(&st, &v)?;
        let id = take(&mut st.ids.webhook);
        st.webhooks.push(Webhook {
            id,
            url: input.url,
            secret: input.secret,
            events: input.events,
            notification: input.notification,
            payload_version: input.payload_version,
            label: input.label,
            mailbox_ids: input.mailbox_ids,
            enabled: true,
            queue: spawn_worker(&shared, id),
        });
        id
    };
    Ok(created(&shared, &format!("/v2/webhooks/{id}"), id))
}

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    listed(&shared, &uri, "webhooks", |st, base| {
        Ok(st.webhooks.iter().map(|w| render(base, w)).collect())
    })
}

pub async fn get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    found(&shared, &id, |st, base, id| {
        Some(render(base, st.webhooks.iter().find(|w| w.id == id)?))
    })
}

pub async fn update(
    State(shared): State<Shared>,
    IdJson(id, v): IdJson,
) -> Result<Response, ApiError> {
    let mut st = shared.lock();
    if !st.webhooks.iter().any(|w| w.id == id) {
        return Err(ApiError::not_found());
    }
    let input = validated(&st, &v)?;
    if let Some(w) = st.webhooks.iter_mut().find(|w| w.id == id) {
        w.url = input.url;
        w.secret = input.secret;
        w.events = input.events;
        w.notification = input.notification;
        w.payload_version = input.payload_version;
        w.label = input.label;
        w.mailbox_ids = input.mailbox_ids;
        w.enabled = true;
    }
    Ok(no_content())
}

pub async fn delete(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    deleted(&shared, &id, |st, _, id| {
        let at = st.webhooks.iter().position(|w| w.id == id)?;
        st.webhooks.remove(at);
        Some(())
    })
}
