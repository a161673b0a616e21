//! Webhook deliveries on the host side: `replay` hands a body file to the component exactly as
//! Help Scout would deliver it; `listen` receives real deliveries on 127.0.0.1 and verifies each
//! through the component (200 verified, 401 bad signature, 400 malformed). Bodies are signed with
//! the simulator's [`sign`], the one signer both use.

use crate::bindings::{ConnectorError, triggers};
use crate::runtime::Runtime;
use helpscout_simulator::sign;
use serde_json::{Value, json};

/// Verifies and parses one delivery through the component, against the secrets stored for its
/// URL (newest first).
pub async fn verify(
    runtime: &Runtime,
    body: &[u8],
    headers: &[(String, String)],
    secrets: &[String],
) -> anyhow::Result<Result<triggers::VerifiedDelivery, ConnectorError>> {
    let delivery = triggers::WebhookDelivery {
        body: body.to_vec(),
        headers: headers.to_vec(),
        secrets: secrets.to_vec(),
    };
    runtime
        .call_triggers(async |c, s| c.call_verify_webhook(s, &delivery).await)
        .await
}

/// The event as contract §3 prints it: `{"event", "eventId", "trigger", "id", "data"}`.
pub fn event_json(event: &triggers::Event) -> Value {
    let data: Value = serde_json::from_str(&event.data).unwrap_or(Value::Null);
    json!({"event": event.event, "eventId": event.event_id, "trigger": event.trigger,
           "id": event.id, "data": data})
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
    let verified = verify(runtime, body, &headers, &[secret.to_string()]).await?;
    Ok(verified.map(|v| v.event))
}

/// The HTTP status a receiver answers for a verification result: 200 for every verified event
/// (also one the connector does not know yet, so Help Scout never retries or disables the
/// webhook for it), 401 for a bad signature, 400 for a malformed delivery.
pub fn status_for<T>(result: &Result<T, ConnectorError>) -> u16 {
    match result {
        Ok(_) => 200,
        Err(ConnectorError::InvalidSignature(_)) => 401,
        Err(_) => 400,
    }
}
