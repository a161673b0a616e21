//! Webhook deliveries: verify first — `X-HelpScout-Signature` = base64(HMAC-SHA1(secret, raw
//! body)), compared in constant time — then parse the body into an event chosen by
//! `X-HelpScout-Event`.

use crate::error::{Error, Result};
use crate::triggers::events::{self, Body};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha1::Sha1;

/// Largest body accepted (Help Scout's bodies are a conversation or a customer: tens of kB).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// A verified, parsed event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The event name as documented, or as delivered when the connector does not know it yet.
    pub name: String,
    pub body: Body,
    pub trigger: Option<&'static str>,
    pub id: Option<u64>,
    /// Unique per change, stable across redeliveries (see [`event_id`]).
    pub event_id: String,
    pub data: Value,
}

/// A verified delivery: the event and which of the given secrets signed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub event: Event,
    /// Index into the secrets (newest first): 0 is the current one, 1 the previous during a
    /// rotation.
    pub secret_index: usize,
}

/// Verifies one delivery against the secrets stored for its URL (newest first: during a
/// rotation, deliveries signed with the previous secret still verify), then parses it.
pub fn verify(body: &[u8], headers: &[(String, String)], secrets: &[String]) -> Result<Verified> {
    if secrets.is_empty() || secrets.iter().any(String::is_empty) {
        return Err(Error::invalid(
            "secrets",
            "needs at least one non-empty secret",
        ));
    }
    let signature = header(headers, "x-helpscout-signature")
        .ok_or_else(|| Error::InvalidSignature("no X-HelpScout-Signature header".into()))?;
    let mut outcome = Err(Error::InvalidSignature("no secret given".into()));
    for (index, secret) in secrets.iter().enumerate() {
        outcome = check_signature(body, signature, secret).map(|()| index);
        if outcome.is_ok() {
            break;
        }
    }
    let secret_index = outcome?;
    let name = header(headers, "x-helpscout-event")
        .ok_or_else(|| Error::invalid("X-HelpScout-Event", "header is missing"))?;
    Ok(Verified {
        event: parse(name, body)?,
        secret_index,
    })
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

/// Longest event name accepted from a delivery (documented names are under 40 characters).
const MAX_EVENT_NAME: usize = 100;

/// Parses a (verified) body for the named event. A name the connector does not know yet is
/// accepted with no trigger, as long as it looks like an event name.
pub fn parse(name: &str, body: &[u8]) -> Result<Event> {
    let known = events::lookup(name);
    let name = match known {
        Some(known) => known.name.to_string(),
        None => unknown_name(name)?,
    };
    let kind = known.map_or(Body::Unknown, |e| e.body);
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::invalid("body", "is larger than 8 MiB"));
    }
    let data: Value = serde_json::from_slice(body)
        .map_err(|e| Error::invalid("body", format!("is not JSON: {e}")))?;
    let id = object_id(&data);
    match (&data, kind) {
        (_, Body::Test | Body::Unknown) => {}
        (Value::Object(_), _) => {}
        // `notification: true` webhooks carry only the resource's URI.
        (Value::String(_), _) if id.is_some() => {}
        _ => return Err(Error::invalid("body", format!("is not a {name} object"))),
    }
    if kind == Body::Deleted && id.is_none() {
        return Err(Error::invalid("body", "a deleted event needs an id"));
    }
    Ok(Event {
        event_id: event_id(known, &name, id, (body, &data)),
        trigger: known.and_then(|e| crate::catalog::trigger_of_event(e.name)),
        name,
        body: kind,
        id,
        data,
    })
}

/// An event name not documented (yet): lower-case letters, digits, `.`, `-` and `_`.
fn unknown_name(name: &str) -> Result<String> {
    let name = name.trim();
    let plausible = !name.is_empty()
        && name.len() <= MAX_EVENT_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if plausible {
        Ok(name.to_ascii_lowercase())
    } else {
        Err(Error::invalid(
            "X-HelpScout-Event",
            format!("{:?} is not an event name", truncate(name)),
        ))
    }
}

/// An event's id, unique per change and the same for a redelivery of the same body:
/// - `{event}:{id}` for events that happen once per object (creations, deletions: the id a poll
///   reports too);
/// - `{event}:{id}:thread-{thread}` for a conversation event about a thread when the body
///   carries its threads (the newest thread of the event's types: the id a poll reports);
/// - else `{event}:{id}:{digest}`, the body's 64-bit FNV-1a digest in hex (the body is
///   authenticated already; this only tells changes apart: a second reply changes the thread
///   count, the preview and the times).
pub fn event_id(
    known: Option<&events::Event>,
    name: &str,
    id: Option<u64>,
    (bytes, data): (&[u8], &Value),
) -> String {
    let once = known.is_some_and(|e| e.once);
    let thread = known.and_then(|e| newest_thread(data, e.threads));
    match (id, once, thread) {
        (Some(id), true, _) => format!("{name}:{id}"),
        (Some(id), false, Some(thread)) => format!("{name}:{id}:thread-{thread}"),
        (Some(id), false, None) => format!("{name}:{id}:{}", digest(bytes)),
        (None, _, _) => format!("{name}:{}", digest(bytes)),
    }
}

/// The newest published thread of `types` under `_embedded.threads` (`*`: any type).
fn newest_thread(data: &Value, types: &[&str]) -> Option<u64> {
    let threads = data["_embedded"]["threads"].as_array()?;
    threads
        .iter()
        .filter(|t| t["state"].as_str().is_none_or(|s| s == "published"))
        .filter(|t| {
            let kind = t["type"].as_str().unwrap_or("");
            types.iter().any(|wanted| *wanted == "*" || *wanted == kind)
        })
        .filter_map(|t| Some((t["createdAt"].as_str()?, t["id"].as_u64()?)))
        .max()
        .map(|(_, id)| id)
}

fn digest(body: &[u8]) -> String {
    let hash = body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
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
mod tests;
