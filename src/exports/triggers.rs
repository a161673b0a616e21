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
    fn verify_webhook(
        body: Vec<u8>,
        headers: Vec<(String, String)>,
        secret: String,
    ) -> Result<wt::Event> {
        let event = webhook::verify(&body, &headers, &secret)?;
        // The verified body is already JSON text: hand it over as it came, not printed again.
        let text = String::from_utf8(body).ok();
        Ok(to_event(
            &event.name,
            event.trigger,
            event.id,
            &event.data,
            text,
        ))
    }

    fn subscribe(
        conn: types::Connection,
        url: String,
        events: Vec<String>,
        mailbox_ids: Vec<u64>,
        label: Option<String>,
    ) -> Result<wt::Subscription> {
        let input = subscriptions::Subscribe {
            url,
            events,
            mailbox_ids,
            label,
        };
        let output =
            subscriptions::subscribe(&mut open(conn)?.client, &input, &secret::from_host()?)?;
        Ok(to_subscription(&output))
    }

    fn unsubscribe(conn: types::Connection, id: u64) -> Result<()> {
        subscriptions::unsubscribe(&mut open(conn)?.client, id)?;
        Ok(())
    }

    fn list_subscriptions(conn: types::Connection) -> Result<Vec<wt::Subscription>> {
        let output = subscriptions::list(&mut open(conn)?.client)?;
        Ok(output["items"]
            .as_array()
            .into_iter()
            .flatten()
            .map(to_subscription)
            .collect())
    }

    fn poll(
        conn: types::Connection,
        trigger: String,
        cursor: Option<String>,
        since: Option<String>,
    ) -> Result<wt::PollResult> {
        let cursor: Option<Cursor> =
            match cursor {
                Some(text) => Some(decode(&text).map_err(|_| {
                    Error::invalid("cursor", "is not a cursor from a previous poll")
                })?),
                None => None,
            };
        let input = Poll {
            cursor,
            since,
            limit: None,
        };
        let output = polling::poll(&mut open(conn)?.client, &trigger, &input)?;
        let list = output["events"].as_array().into_iter().flatten();
        let events = list
            .map(|e| {
                let name = e["event"].as_str().unwrap_or("");
                let trigger = events::lookup(name).and_then(|(_, _, t)| t);
                to_event(name, trigger, e["id"].as_u64(), &e["data"], None)
            })
            .collect();
        Ok(wt::PollResult {
            events,
            cursor: output["cursor"].to_string(),
        })
    }
}

/// An event as the WIT record, with the typed conversation or customer when the body is one;
/// `data_json` is the body's own text when there is one.
fn to_event(
    name: &str,
    trigger: Option<&str>,
    id: Option<u64>,
    data: &Value,
    data_json: Option<String>,
) -> wt::Event {
    let body = events::lookup(name).map(|(_, b, _)| b);
    let object = data.is_object();
    let data_json = data_json.unwrap_or_else(|| data.to_string());
    wt::Event {
        name: name.to_string(),
        trigger: trigger.map(str::to_string),
        id,
        conversation: (object && body == Some(Body::Conversation))
            .then(|| conversations::with_json(data, data_json.clone())),
        customer: (object && body == Some(Body::Customer))
            .then(|| customers::with_json(data, data_json.clone())),
        data_json,
    }
}

fn to_subscription(value: &Value) -> wt::Subscription {
    let strings = |v: &Value| {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    };
    wt::Subscription {
        id: value["id"].as_u64().unwrap_or(0),
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
