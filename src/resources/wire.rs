//! Lenient readers for Help Scout JSON shared by the resources: ids and strings that may arrive
//! as numbers or strings, and absent or null values defaulting quietly.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

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

/// Decodes a wire record; a value of the wrong shape is an error naming what was expected.
pub fn parse<T: serde::de::DeserializeOwned>(value: &Value) -> crate::error::Result<T> {
    T::deserialize(value).map_err(|e| {
        crate::error::Error::Other(format!("Help Scout answered an unexpected shape: {e}"))
    })
}

/// Decodes a wire record leniently; an object of the wrong shape yields the defaults.
pub fn read<T: for<'de> Deserialize<'de> + Default>(value: &Value) -> T {
    T::deserialize(value).unwrap_or_default()
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
