//! Webhook subscriptions (`/v2/webhooks`): register once per URL (an existing webhook for the
//! URL is updated, never duplicated), remove, list.

use super::events::{self, event_of_trigger};
use crate::client::{Client, Method, Transport, created_id};
use crate::error::{Error, Result};
use serde::Deserialize;
use serde_json::{Value, json};

/// Input of `subscribe-webhook`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subscribe {
    pub url: String,
    /// Trigger names or Help Scout event names.
    pub events: Vec<String>,
    #[serde(default)]
    pub mailbox_ids: Vec<u64>,
    pub label: Option<String>,
}

impl Subscribe {
    /// The Help Scout event names, validated.
    fn event_names(&self) -> Result<Vec<String>> {
        if self.events.is_empty() {
            return Err(Error::invalid(
                "events",
                "needs at least one trigger or event",
            ));
        }
        let mut names = Vec::new();
        for (i, e) in self.events.iter().enumerate() {
            let name = event_of_trigger(e)
                .or_else(|| events::lookup(e).map(|(n, _, _)| n))
                .ok_or_else(|| {
                    Error::invalid(
                        format!("events[{i}]"),
                        format!("unknown trigger or event {e:?}"),
                    )
                })?;
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        Ok(names)
    }

    fn validate_url(&self) -> Result<()> {
        let url = url::Url::parse(&self.url).map_err(|_| Error::invalid("url", "is not a URL"))?;
        if !matches!(url.scheme(), "https" | "http")
            || url.host_str().is_none()
            || self.url.len() > 2048
        {
            return Err(Error::invalid(
                "url",
                "must be an http(s) URL of at most 2048 characters",
            ));
        }
        Ok(())
    }
}

/// Registers or updates the webhook for `input.url` with `secret`; the subscription as JSON.
pub fn subscribe(
    client: &mut Client<impl Transport>,
    input: &Subscribe,
    secret: &str,
) -> Result<Value> {
    input.validate_url()?;
    let mut names = input.event_names()?;
    let existing = list_raw(client)?
        .into_iter()
        .find(|w| w["url"] == input.url.as_str());
    let mut mailbox_ids = input.mailbox_ids.clone();
    let mut label = input.label.clone();
    if let Some(old) = &existing {
        for name in old["events"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        if mailbox_ids.is_empty() {
            mailbox_ids = old["mailboxIds"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_u64)
                .collect();
        }
        label = label.or_else(|| old["label"].as_str().map(str::to_string));
    }
    let mut body = json!({"url": input.url, "events": names, "secret": secret, "payloadVersion": "V2",
                          "notification": false, "mailboxIds": mailbox_ids});
    if let Some(label) = &label {
        body["label"] = json!(label);
    }
    let (id, created) = match existing.as_ref().and_then(|w| w["id"].as_u64()) {
        Some(id) => {
            client.write(Method::Put, &["webhooks", &id.to_string()], Some(&body))?;
            (Some(id), false)
        }
        None => {
            let response = client.write(Method::Post, &["webhooks"], Some(&body))?;
            (created_id(&response), true)
        }
    };
    Ok(
        json!({"id": id, "url": input.url, "events": body["events"], "mailboxIds": body["mailboxIds"],
              "label": label, "state": "enabled", "secret": secret, "created": created}),
    )
}

/// `DELETE /v2/webhooks/{id}`.
pub fn unsubscribe(client: &mut Client<impl Transport>, id: u64) -> Result<Value> {
    if id == 0 {
        return Err(Error::invalid("id", "must be a positive webhook id"));
    }
    client.write(Method::Delete, &["webhooks", &id.to_string()], None)?;
    Ok(json!({"id": id, "deleted": true}))
}

/// `{"items": [subscription…]}` (secrets are never listed).
pub fn list(client: &mut Client<impl Transport>) -> Result<Value> {
    let items: Vec<Value> = list_raw(client)?
        .into_iter()
        .map(|w| json!({"id": w["id"], "url": w["url"], "events": w["events"], "mailboxIds": w["mailboxIds"],
                        "label": w["label"], "state": w["state"], "created": false}))
        .collect();
    Ok(json!({ "items": items }))
}

fn list_raw(client: &mut Client<impl Transport>) -> Result<Vec<Value>> {
    let url = client.base().endpoint(&["webhooks"], &[]);
    client.collect(url, "webhooks", 10_000)
}
