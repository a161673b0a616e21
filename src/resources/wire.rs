//! Reading Help Scout's JSON: strict about the shape (a body that is not the object asked for is
//! an error, never a record of defaults), lenient about field types Help Scout is known to vary
//! (ids and texts as numbers or strings, absent or null values).

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Decodes a wire record from parsed JSON; the wrong shape is an error naming `what`.
pub fn parse<T: DeserializeOwned>(value: &Value, what: &str) -> Result<T> {
    T::deserialize(value).map_err(|e| unexpected(what, &e))
}

/// Decodes a wire record from JSON text in one pass; the wrong shape is an error naming `what`.
pub fn parse_text<T: DeserializeOwned>(json: &str, what: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| unexpected(what, &e))
}

/// The error for a body that is not the object it should be.
pub fn not_a(what: &str) -> Error {
    Error::Other(format!("Help Scout answered something that is not a {what}").into())
}

fn unexpected(what: &str, e: &serde_json::Error) -> Error {
    Error::Other(format!("Help Scout answered an unexpected {what}: {e}").into())
}

/// Reads a number or a numeric string as u64 (0 when absent or unparsable).
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_u64().unwrap_or(0),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(0),
        _ => 0,
    })
}

/// Like `id`, but `None` when absent, null or zero.
pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(Some(id(d)?).filter(|v| *v != 0))
}

/// Reads a string, a number or a bool as text ("" when absent or null).
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    })
}

/// Reads a signed number leniently (0 when absent).
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(0),
        _ => 0,
    })
}

/// Reads an optional text leniently: strings as they are, numbers and bools as text, null as none.
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => Some(s),
        Some(Value::Null) | None => None,
        Some(other @ (Value::Number(_) | Value::Bool(_))) => Some(other.to_string()),
        Some(_) => return Err(serde::de::Error::custom("expected a string or number")),
    })
}
