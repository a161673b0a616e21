//! Webhook emission: write handlers call these (still holding the state lock, so events queue in
//! the order the changes happened). The body — the entity as `GET` renders it, conversations
//! without threads — is serialised once per event and queued for each subscribed, enabled
//! webhook; non-loopback (or non-`http`) URLs are recorded as skipped and never contacted.

use std::net::IpAddr;

use axum::http::Uri;
use bytes::Bytes;
use serde_json::{Value, json};

use crate::model::State;
use crate::model::webhook::{Delivery, Job};
use crate::render::{conversation, customer};

/// Whether the simulator may contact `url`: plain `http` to 127.0.0.0/8, `localhost` or `[::1]`.
pub fn is_deliverable(url: &str) -> bool {
    let Ok(uri) = url.parse::<Uri>() else {
        return false;
    };
    if uri.scheme_str() != Some("http") {
        return false;
    }
    let host = uri.host().unwrap_or("");
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl State {
    /// Emits a `convo.*` event for conversation `id` (filtered by the webhooks' mailboxes).
    pub fn emit_conversation(&mut self, base: &str, event: &str, id: u64) {
        let Some(mailbox) = self.conversations.get(&id).map(|c| c.mailbox_id) else {
            return;
        };
        let resource = format!("{base}/v2/conversations/{id}");
        self.dispatch(event, Some(mailbox), &resource, |st| {
            st.conversations
                .get(&id)
                .map(|c| conversation(st, base, c, false))
        });
    }

    /// Emits a `customer.*` event for customer `id` (never filtered by mailbox).
    pub fn emit_customer(&mut self, base: &str, event: &str, id: u64) {
        let resource = format!("{base}/v2/customers/{id}");
        self.dispatch(event, None, &resource, |st| {
            st.customers.get(&id).map(|c| customer(base, c))
        });
    }

    /// Emits an event with a body already rendered (organizations, ratings), filtered by
    /// `mailbox` when it has one.
    pub fn emit_body(&mut self, event: &str, mailbox: Option<u64>, resource: &str, body: Value) {
        self.dispatch(event, mailbox, resource, |_| Some(body));
    }

    /// Emits a `*.deleted` event: the body is `{"id": N}`.
    pub fn emit_deleted(&mut self, event: &str, id: u64, mailbox: Option<u64>, resource: &str) {
        self.dispatch(event, mailbox, resource, |_| Some(json!({ "id": id })));
    }

    fn dispatch(
        &mut self,
        event: &str,
        mailbox: Option<u64>,
        resource: &str,
        render: impl FnOnce(&State) -> Option<Value>,
    ) {
        let targets: Vec<usize> = (0..self.webhooks.len())
            .filter(|i| self.webhooks[*i].wants(event, mailbox))
            .collect();
        if targets.is_empty() {
            return;
        }
        let Some(full) = render(self) else { return };
        let full = Bytes::from(full.to_string());
        // `notification: true` webhooks get only the resource URI.
        let uri_only = Bytes::from(json!({ "url": resource }).to_string());
        for i in targets {
            let w = &self.webhooks[i];
            let body = if w.notification { &uri_only } else { &full };
            let job = Job {
                event: event.to_string(),
                url: w.url.clone(),
                body: body.clone(),
            };
            if is_deliverable(&w.url) && w.queue.send(job).is_ok() {
                continue;
            }
            let skipped = Delivery {
                webhook_id: w.id,
                event: event.to_string(),
                url: w.url.clone(),
                attempts: 0,
                status: None,
                delivered: false,
            };
            self.deliveries.push(skipped);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_deliverable;

    #[test]
    fn only_loopback_http() {
        for ok in [
            "http://127.0.0.1:9/hook",
            "http://127.8.9.10/",
            "http://localhost:3000/x",
            "http://LOCALHOST/x",
            "http://[::1]:8080/x",
        ] {
            assert!(is_deliverable(ok), "{ok}");
        }
        for no in [
            "https://127.0.0.1/hook",
            "http://10.0.0.1/",
            "http://example.com/",
            "http://localhost.example.com/",
            "http://128.0.0.1/",
            "not a url",
        ] {
            assert!(!is_deliverable(no), "{no}");
        }
    }
}
