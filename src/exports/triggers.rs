//! The `triggers` exports: one-screen adapters over `crate::triggers`.

use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{triggers as wt, types};
use crate::catalog;
use crate::error::Error;
use crate::ids::{checked, checked_all};
use crate::resources::webhooks::{self, Subscribe, Subscription, Unsubscribe};
use crate::resources::{conversations, customers};
use crate::triggers::events::{self, Body};
use crate::triggers::polling::{self, Cursor, Poll};
use crate::triggers::{secret, webhook};
use serde_json::Value;

impl wt::Guest for Component {
    fn verify_webhook(delivery: wt::WebhookDelivery) -> Result<wt::VerifiedDelivery> {
        let verified = webhook::verify(&delivery.body, &delivery.headers, &delivery.secrets)?;
        let event = verified.event;
        // The verified body is already JSON text: hand it over as it came, not printed again.
        let text = String::from_utf8(delivery.body).ok();
        Ok(wt::VerifiedDelivery {
            event: to_event(&event.name, event.event_id, event.id, &event.data, text)?,
            secret_index: u32::try_from(verified.secret_index).unwrap_or(u32::MAX),
        })
    }

    fn subscribe_webhook(
        conn: types::Connection,
        input: wt::SubscribeWebhookInput,
    ) -> Result<wt::Subscription> {
        let input = Subscribe {
            url: input.url,
            events: input.events,
            mailbox_ids: checked_all("mailboxIds", &input.mailbox_ids)?,
            label: input.label,
            secret: input.secret,
            rotate_secret: input.rotate_secret,
        };
        let mut new_secret = secret::from_host;
        let subscription = webhooks::subscribe(&mut open(conn)?, &input, &mut new_secret)?;
        Ok(to_subscription(subscription))
    }

    fn unsubscribe_webhook(
        conn: types::Connection,
        input: wt::UnsubscribeWebhookInput,
    ) -> Result<wt::Unsubscribed> {
        let input = Unsubscribe {
            id: checked("id", input.id)?,
            events: input.events,
            secret: input.secret,
        };
        let out = webhooks::unsubscribe(&mut open(conn)?, &input)?;
        Ok(wt::Unsubscribed {
            id: out.id.get(),
            deleted: out.deleted,
            events: out.events,
        })
    }

    fn list_webhooks(conn: types::Connection) -> Result<Vec<wt::Subscription>> {
        let list = webhooks::list(&mut open(conn)?)?;
        Ok(list.items.into_iter().map(to_subscription).collect())
    }

    fn poll(conn: types::Connection, input: wt::PollInput) -> Result<wt::PollResult> {
        let cursor: Option<Cursor> =
            match input.cursor {
                Some(text) => Some(serde_json::from_str(&text).map_err(|_| {
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
        let entry = catalog::lookup(&input.trigger)?;
        let Some(watch) = entry.trigger.and_then(|t| t.poll) else {
            return Err(
                Error::invalid("trigger", format!("{} cannot be polled", entry.name)).into(),
            );
        };
        let result = polling::poll(&mut open(conn)?, (entry.name, watch), &poll)?;
        let events = result
            .events
            .into_iter()
            .map(|e| to_event(e.event, e.event_id, e.id, &e.data, None))
            .collect::<std::result::Result<_, Error>>()?;
        let cursor = serde_json::to_string(&result.cursor)
            .map_err(|e| Error::Other(format!("cannot print the cursor: {e}").into()))?;
        Ok(wt::PollResult { events, cursor })
    }
}

/// An event as the WIT record, with the typed conversation or customer when the body is one;
/// `data` is the body's own text when there is one (a delivery), else printed once (a poll).
fn to_event(
    name: &str,
    event_id: String,
    id: Option<u64>,
    data: &Value,
    text: Option<String>,
) -> crate::error::Result<wt::Event> {
    let known = events::lookup(name);
    let body = known.map(|e| e.body);
    let text = text.unwrap_or_else(|| data.to_string());
    let object = data.is_object();
    // The typed record is a convenience: a body that is no conversation (or customer) leaves
    // it out, the verified `data` is there all the same.
    let conversation = match (object, body) {
        (true, Some(Body::Conversation)) => conversations::record::record(&text).ok(),
        _ => None,
    };
    let customer = match (object, body) {
        (true, Some(Body::Customer)) => customers::record::record(&text).ok(),
        _ => None,
    };
    Ok(wt::Event {
        event: name.to_string(),
        event_id,
        trigger: known
            .and_then(|e| catalog::trigger_of_event(e.name))
            .map(str::to_string),
        id,
        conversation,
        customer,
        data: text,
    })
}

fn to_subscription(s: Subscription) -> wt::Subscription {
    wt::Subscription {
        id: s.id,
        url: s.url,
        events: s.events,
        mailbox_ids: s.mailbox_ids.iter().map(|m| m.get()).collect(),
        label: s.label,
        state: s.state,
        secret: s.secret,
        created: s.created,
    }
}
