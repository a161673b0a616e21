//! Webhook deliveries on the host side: `replay` hands a body file to the component exactly as
//! Help Scout would deliver it; `listen` receives real deliveries on 127.0.0.1 and verifies each
//! through the component (200 verified, 401 bad signature, 400 malformed).

use crate::bindings::{ConnectorError, triggers};
use crate::runtime::Runtime;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha1::Sha1;

/// `base64(HMAC-SHA1(secret, body))`, Help Scout's `X-HelpScout-Signature`.
pub fn sign(body: &[u8], secret: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Verifies and parses one delivery through the component.
pub async fn verify(
    runtime: &Runtime,
    body: &[u8],
    headers: &[(String, String)],
    secret: &str,
) -> anyhow::Result<Result<triggers::Event, ConnectorError>> {
    runtime
        .call(async |c, s| {
            c.helpscout_connector_triggers()
                .call_verify_webhook(s, body, headers, secret)
                .await
        })
        .await
}

/// The event as contract §3 prints it: `{"event", "trigger", "id", "data"}`.
pub fn event_json(event: &triggers::Event) -> Value {
    let data: Value = serde_json::from_str(&event.data_json).unwrap_or(Value::Null);
    json!({"event": event.name, "trigger": event.trigger, "id": event.id, "data": data})
}

/// Delivers `body` with `event` and the given or computed signature, as Help Scout would.
pub async fn replay(
    runtime: &Runtime,
    body: &[u8],
    event: &str,
    secret: &str,
    signature: Option<&str>,
) -> anyhow::Result<Result<triggers::Event, ConnectorError>> {
    let signature = signature.map_or_else(|| sign(body, secret), str::to_string);
    let headers = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        ("X-HelpScout-Event".to_string(), event.to_string()),
        ("X-HelpScout-Signature".to_string(), signature),
    ];
    verify(runtime, body, &headers, secret).await
}

/// The HTTP status a receiver answers for a verification result.
pub fn status_for(result: &Result<triggers::Event, ConnectorError>) -> u16 {
    match result {
        Ok(_) => 200,
        Err(ConnectorError::InvalidSignature(_)) => 401,
        Err(_) => 400,
    }
}
