//! Webhook deliveries: verify first — `X-HelpScout-Signature` = base64(HMAC-SHA1(secret, raw
//! body)), compared in constant time — then parse the body into an event chosen by
//! `X-HelpScout-Event`.

use super::events::{self, Body};
use crate::error::{Error, Result};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha1::Sha1;

/// Largest body accepted (Help Scout's bodies are a conversation or a customer: tens of kB).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// A verified, parsed event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub name: String,
    pub body: Body,
    pub trigger: Option<&'static str>,
    pub id: Option<u64>,
    pub data: Value,
}

/// Verifies and parses one delivery.
pub fn verify(body: &[u8], headers: &[(String, String)], secret: &str) -> Result<Event> {
    if secret.is_empty() {
        return Err(Error::invalid("secret", "must not be empty"));
    }
    let signature = header(headers, "x-helpscout-signature")
        .ok_or_else(|| Error::InvalidSignature("no X-HelpScout-Signature header".into()))?;
    check_signature(body, signature, secret)?;
    let name = header(headers, "x-helpscout-event")
        .ok_or_else(|| Error::invalid("X-HelpScout-Event", "header is missing"))?;
    parse(name, body)
}

/// Checks the signature in constant time; any malformed signature is simply not valid.
pub fn check_signature(body: &[u8], signature: &str, secret: &str) -> Result<()> {
    let signature = signature.trim();
    if signature.is_empty() {
        return Err(Error::InvalidSignature(
            "empty X-HelpScout-Signature".into(),
        ));
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(signature)
        .map_err(|_| Error::InvalidSignature("X-HelpScout-Signature is not base64".into()))?;
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.as_bytes())
        .map_err(|_| Error::invalid("secret", "cannot be used as an HMAC key"))?;
    mac.update(body);
    mac.verify_slice(&decoded).map_err(|_| {
        Error::InvalidSignature("X-HelpScout-Signature does not match the body".into())
    })
}

/// `base64(HMAC-SHA1(secret, body))`, as Help Scout signs (tests only: the component verifies).
#[cfg(test)]
pub fn sign(body: &[u8], secret: &str) -> String {
    let mut mac = match Hmac::<Sha1>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Parses a (verified) body for the named event.
pub fn parse(name: &str, body: &[u8]) -> Result<Event> {
    let (name, kind, trigger) = events::lookup(name).ok_or_else(|| {
        Error::invalid(
            "X-HelpScout-Event",
            format!("unknown event {:?}", truncate(name)),
        )
    })?;
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::invalid("body", "is larger than 8 MiB"));
    }
    let data: Value = serde_json::from_slice(body)
        .map_err(|e| Error::invalid("body", format!("is not JSON: {e}")))?;
    let id = object_id(&data);
    match (&data, kind) {
        (_, Body::Test) => {}
        (Value::Object(_), _) => {}
        // `notification: true` webhooks carry only the resource's URI.
        (Value::String(_), _) if id.is_some() => {}
        _ => return Err(Error::invalid("body", format!("is not a {name} object"))),
    }
    if kind == Body::Deleted && id.is_none() {
        return Err(Error::invalid("body", "a deleted event needs an id"));
    }
    Ok(Event {
        name: name.to_string(),
        body: kind,
        trigger,
        id,
        data,
    })
}

/// The `id` of an object, or the last path segment of a notification URI.
fn object_id(data: &Value) -> Option<u64> {
    match data {
        Value::Object(map) => match map.get("id") {
            Some(Value::Number(n)) => n.as_u64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        },
        Value::String(uri) => uri.trim_end_matches('/').rsplit('/').next()?.parse().ok(),
        _ => None,
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| {
            k.trim().eq_ignore_ascii_case(name) || k.eq_ignore_ascii_case(&php_name(name))
        })
        .map(|(_, v)| v.as_str())
}

/// `HTTP_X_HELPSCOUT_SIGNATURE`, as PHP-style hosts name headers.
fn php_name(name: &str) -> String {
    format!("HTTP_{}", name.replace('-', "_"))
}

fn truncate(text: &str) -> String {
    text.chars().take(64).collect()
}

#[cfg(test)]
#[path = "webhook_tests.rs"]
mod tests;
