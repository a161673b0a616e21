//! The `triggers` exports: one-screen adapters over `crate::triggers`.

use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{triggers as wt, types};
use crate::error::Error;
use crate::input::decode;
use crate::resources::{conversations, customers};
use crate::triggers::events::{self, Body};
use crate::triggers::polling::{self, Cursor, Poll};
use crate::triggers::{secret, subscriptions, webhook};
use serde_json::Value;

impl wt::Guest for Component {
    fn verify_webhook(delivery: wt::WebhookDelivery) -> Result<wt::VerifiedDelivery> {
        let verified = webhook::verify(&delivery.body, &delivery.headers, &delivery.secrets)?;
        let event = verified.event;
        // The verified body is already JSON text: hand it over as it came, not printed again.
        let text = String::from_utf8(delivery.body).ok();
        Ok(wt::VerifiedDelivery {
            event: to_event(&event.name, event.event_id, event.id, &event.data, text),
            secret_index: u32::try_from(verified.secret_index).unwrap_or(u32::MAX),
        })
    }

    fn subscribe_webhook(
        conn: types::Connection,
        input: wt::SubscribeWebhookInput,
    ) -> Result<wt::Subscription> {
        let input = subscriptions::Subscribe {
            url: input.url,
            events: input.events,
            mailbox_ids: input.mailbox_ids,
            label: input.label,
            secret: input.secret,
            rotate_secret: input.rotate_secret,
        };
        let mut new_secret = secret::from_host;
        let output = subscriptions::subscribe(&mut open(conn)?.client, &input, &mut new_secret)?;
        Ok(to_subscription(&output))
    }

    fn unsubscribe_webhook(
        conn: types::Connection,
        input: wt::UnsubscribeWebhookInput,
    ) -> Result<wt::Unsubscribed> {
        let input = subscriptions::Unsubscribe {
            id: input.id,
            events: input.events,
            secret: input.secret,
        };
        let output = subscriptions::unsubscribe(&mut open(conn)?.client, &input)?;
        Ok(wt::Unsubscribed {
            id: input.id,
            deleted: output["deleted"].as_bool().unwrap_or(false),
            events: strings(&output["events"]),
        })
    }

    fn list_webhooks(conn: types::Connection) -> Result<Vec<wt::Subscription>> {
        let output = subscriptions::list(&mut open(conn)?.client)?;
        Ok(output["items"]
            .as_array()
            .into_iter()
            .flatten()
            .map(to_subscription)
            .collect())
    }

    fn poll(conn: types::Connection, input: wt::PollInput) -> Result<wt::PollResult> {
        let cursor: Option<Cursor> =
            match input.cursor {
                Some(text) => Some(decode(&text).map_err(|_| {
                    Error::invalid("cursor", "is not a cursor from a previous poll")
                })?),
                None => None,
            };
        let poll = Poll {
            cursor,
            since: input.since,
            limit: input.limit,
            scan_limit: input.scan_limit,
        };
        let output = polling::poll(&mut open(conn)?.client, &input.trigger, &poll)?;
        let list = output["events"].as_array().into_iter().flatten();
        let events = list
            .map(|e| {
                let name = e["event"].as_str().unwrap_or("");
                let event_id = e["eventId"].as_str().unwrap_or("").to_string();
                to_event(name, event_id, e["id"].as_u64(), &e["data"], None)
            })
            .collect();
        Ok(wt::PollResult {
            events,
            cursor: output["cursor"].to_string(),
        })
    }
}

/// An event as the WIT record, with the typed conversation or customer when the body is one;
/// `data` is the body's own text when there is one.
fn to_event(
    name: &str,
    event_id: String,
    id: Option<u64>,
    data: &Value,
    text: Option<String>,
) -> wt::Event {
    let known = events::lookup(name);
    let body = known.map(|e| e.body);
    let object = data.is_object();
    let text = text.unwrap_or_else(|| data.to_string());
    wt::Event {
        event: name.to_string(),
        event_id,
        trigger: known.and_then(|e| e.trigger).map(str::to_string),
        id,
        conversation: (object && body == Some(Body::Conversation))
            .then(|| conversations::with_json(data, text.clone())),
        customer: (object && body == Some(Body::Customer))
            .then(|| customers::with_json(data, text.clone())),
        data: text,
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn to_subscription(value: &Value) -> wt::Subscription {
    wt::Subscription {
        id: value["id"].as_u64(),
        url: value["url"].as_str().unwrap_or("").to_string(),
        events: strings(&value["events"]),
        mailbox_ids: value["mailboxIds"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_u64)
            .collect(),
        label: value["label"].as_str().map(str::to_string),
        state: value["state"].as_str().unwrap_or("enabled").to_string(),
        secret: value["secret"].as_str().map(str::to_string),
        created: value["created"].as_bool().unwrap_or(false),
    }
}
