//! Webhooks (`/v2/webhooks`): `subscribe-webhook`, `unsubscribe-webhook`, `list-webhooks`.
//! Webhooks that share a URL share one Help Scout webhook and one secret: subscribing again for a
//! registered URL merges the events and keeps the secret the host stored (Update Webhook requires
//! the secret, <https://developer.helpscout.com/mailbox-api/endpoints/webhooks/update/>, and Get
//! Webhook never returns it), refuses with `conflict` when the host has no secret to give, and
//! replaces it only when asked to. Unsubscribing some events keeps the webhook for the others.

use crate::catalog::declare::*;
mod subscribe;
mod unsubscribe;

pub use subscribe::subscribe;
pub use unsubscribe::unsubscribe;

use crate::catalog::{entries, event_of_trigger};
use crate::client::{Client, Method, Replay, Transport, created_id};
use crate::decode::{Validate, all, check_length};
use crate::error::{Error, Result};
use crate::ids::{MailboxId, WebhookId};
use crate::resources::wire;
use crate::triggers::events;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Input of `subscribe-webhook`.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subscribe {
    pub url: String,
    /// Trigger names or Help Scout event names.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::catalog::schemas::webhook_events")
    )]
    pub events: Vec<String>,
    /// Mailboxes whose conversation events are delivered; none means all mailboxes.
    #[serde(default)]
    pub mailbox_ids: Vec<MailboxId>,
    pub label: Option<String>,
    /// The secret the host stored for this URL: kept when the URL is already registered.
    pub secret: Option<String>,
    /// Replace the secret of an already registered URL (every trigger on it must then use the
    /// new one).
    #[serde(default)]
    pub rotate_secret: bool,
}

/// Input of `unsubscribe-webhook`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Unsubscribe {
    pub id: WebhookId,
    /// Remove only these triggers or events; the webhook is deleted when none remain.
    #[serde(default)]
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::catalog::schemas::webhook_events")
    )]
    pub events: Vec<String>,
    /// The webhook's stored secret, which Help Scout's update requires (with `events`).
    pub secret: Option<String>,
}

/// A webhook as Help Scout lists it (`GET /v2/webhooks`, `GET /v2/webhooks/{id}`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Webhook {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    url: String,
    events: Vec<String>,
    mailbox_ids: Vec<MailboxId>,
    label: Option<String>,
    state: Option<String>,
    notification: Option<bool>,
    payload_version: Option<String>,
}

/// A webhook subscription as the actions return it (`subscribe-webhook`, `list-webhooks`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    pub id: Option<u64>,
    pub url: String,
    pub events: Vec<String>,
    pub mailbox_ids: Vec<MailboxId>,
    pub label: Option<String>,
    pub state: String,
    /// Only from `subscribe-webhook`: Help Scout never lists it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub created: bool,
}

/// The output of `unsubscribe-webhook`.
#[derive(Debug, Serialize)]
pub struct Unsubscribed {
    pub id: WebhookId,
    pub deleted: bool,
    /// The events the webhook still delivers.
    pub events: Vec<String>,
}

/// The output of `list-webhooks`.
#[derive(Debug, Serialize)]
pub struct Subscriptions {
    pub items: Vec<Subscription>,
}

impl Validate for Subscribe {
    fn validate(&self) -> Result<()> {
        all([
            check_url(&self.url),
            check_secret(&self.secret),
            event_names(&self.events, "events").map(|_| ()),
        ])
    }
}

impl Validate for Unsubscribe {
    fn validate(&self) -> Result<()> {
        let mut checks = vec![check_secret(&self.secret)];
        if !self.events.is_empty() {
            checks.push(event_names(&self.events, "events").map(|_| ()));
            if self.secret.is_none() {
                checks.push(Err(Error::invalid(
                    "secret",
                    "is required with events: Help Scout's Update Webhook needs the webhook's \
                     secret, and keeping the one stored for its URL keeps the other triggers \
                     verifying",
                )));
            }
        }
        all(checks)
    }
}

/// The Help Scout event names of `events` (trigger or event names), deduplicated; only those
/// Create Webhook accepts.
fn event_names(events: &[String], path: &str) -> Result<Vec<String>> {
    if events.is_empty() {
        return Err(Error::invalid(path, "needs at least one trigger or event"));
    }
    let mut names: Vec<String> = Vec::new();
    let mut checks = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let name = event_of_trigger(e)
            .or_else(|| events::lookup(e).filter(|k| k.subscribable).map(|k| k.name));
        match name {
            Some(name) if !names.iter().any(|n| n == name) => names.push(name.to_string()),
            Some(_) => {}
            None => {
                let triggers: Vec<&str> = entries()
                    .filter(|entry| entry.is_trigger())
                    .map(|entry| entry.name)
                    .collect();
                checks.push(Err(Error::invalid(
                    format!("{path}[{i}]"),
                    format!(
                        "{e:?} is neither a trigger ({}) nor an event Create Webhook accepts",
                        triggers.join(", ")
                    ),
                )))
            }
        }
    }
    all(checks)?;
    Ok(names)
}

fn check_url(url: &str) -> Result<()> {
    let parsed = url::Url::parse(url).map_err(|_| Error::invalid("url", "is not a URL"))?;
    if !matches!(parsed.scheme(), "https" | "http")
        || parsed.host_str().is_none()
        || url.len() > 2048
    {
        return Err(Error::invalid(
            "url",
            "must be an http(s) URL of at most 2048 characters",
        ));
    }
    Ok(())
}

/// Help Scout keeps secrets of at most 40 characters (Create Webhook).
fn check_secret(secret: &Option<String>) -> Result<()> {
    match secret {
        Some(s) => check_length("secret", s, 1, 40),
        None => Ok(()),
    }
}

/// What a create or update sends besides the URL: the events, the secret, the mailboxes (none:
/// all, and `mailboxIds` is then left out, as absent means all) and the label.
struct Fields<'a> {
    events: &'a [String],
    secret: &'a str,
    mailboxes: &'a [MailboxId],
    label: &'a Option<String>,
}

/// The create or update body. Update Webhook replaces the whole webhook, so the fields this
/// connector does not set (`notification`, `payloadVersion`: another tool may have chosen them
/// for the same URL) are sent as `stored` has them; a new webhook gets V2 payloads, not
/// notification-only.
fn body(url: &str, fields: Fields<'_>, stored: Option<&Webhook>) -> Value {
    let notification = stored.and_then(|w| w.notification).unwrap_or(false);
    let version = stored.and_then(|w| w.payload_version.clone());
    let mut body = json!({"url": url, "events": fields.events, "secret": fields.secret,
                          "payloadVersion": version.unwrap_or_else(|| "V2".into()),
                          "notification": notification});
    if !fields.mailboxes.is_empty() {
        body["mailboxIds"] = json!(fields.mailboxes);
    }
    if let Some(label) = fields.label {
        body["label"] = json!(label);
    }
    body
}

/// Every webhook of the account (secrets are never listed: Help Scout does not return them).
pub fn list(client: &mut Client<impl Transport>) -> Result<Subscriptions> {
    let items = list_raw(client)?
        .into_iter()
        .map(|w| Subscription {
            id: Some(w.id),
            url: w.url,
            events: w.events,
            mailbox_ids: w.mailbox_ids,
            label: w.label,
            state: w.state.unwrap_or_else(|| "enabled".into()),
            secret: None,
            created: false,
        })
        .collect();
    Ok(Subscriptions { items })
}

fn list_raw(client: &mut Client<impl Transport>) -> Result<Vec<Webhook>> {
    let url = client.base().endpoint(&["webhooks"], &[]);
    let items = client.collect(url, "webhooks", 10_000)?;
    items.iter().map(|w| wire::parse(w, "webhook")).collect()
}

/// `list-webhooks`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "list-webhooks",
    title: "List webhooks",
    group: Group::Webhook,
    description: "List the account's webhooks (GET /v2/webhooks), without their secrets.",
    files: files!("list-webhooks"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::All,
    trigger: None,
    run: |client, input, _| {
        let _: Empty = decode(input)?;
        json(&list(client)?)
    },
    #[cfg(test)]
    input_type: schema_of::<Empty>,
};

/// The webhook entries.
pub const ENTRIES: &[Entry] = &[subscribe::ENTRY, unsubscribe::ENTRY, ENTRY];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_events_create_webhook_accepts() {
        let names = |list: &[&str]| {
            let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            event_names(&list, "events")
        };
        assert_eq!(
            names(&["new-conversation", "convo.created", "tag.created"]).unwrap(),
            ["convo.created", "tag.created"]
        );
        for refused in [
            "convo.ai-answers.created",
            "helpscout.test",
            "convo.exploded",
        ] {
            assert!(names(&[refused]).is_err(), "{refused}");
        }
        let Err(Error::Validation(errors)) = names(&["x", "convo.created", "y"]) else {
            panic!()
        };
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["events[0]", "events[2]"]);
        let fields = || Fields {
            events: &[],
            secret: "s",
            mailboxes: &[],
            label: &None,
        };
        let new = body("u", fields(), None);
        assert_eq!(new.get("mailboxIds"), None, "absent means all mailboxes");
        assert_eq!(
            (new["notification"].clone(), new["payloadVersion"].clone()),
            (json!(false), json!("V2"))
        );
        let stored = Webhook {
            notification: Some(true),
            payload_version: Some("V3".into()),
            ..Webhook::default()
        };
        let kept = body("u", fields(), Some(&stored));
        assert_eq!(
            (kept["notification"].clone(), kept["payloadVersion"].clone()),
            (json!(true), json!("V3")),
            "another consumer's settings stay"
        );
    }
}
