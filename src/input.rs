//! Decoding action inputs from JSON: a non-object, a wrong type, a missing or unknown field all
//! become a `validation` error naming the field. Also the small value checks inputs share.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// Largest JSON input accepted (attachments are base64 inside it: Help Scout allows 10 MB).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Decodes a JSON object into `T`, naming the offending field on failure.
pub fn decode<T: DeserializeOwned>(json: &str) -> Result<T> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(Error::invalid("input", "is larger than 16 MiB"));
    }
    let json = if json.trim().is_empty() { "{}" } else { json };
    let value: Value = serde_json::from_str(json)
        .map_err(|e| Error::invalid("input", format!("is not valid JSON: {e}")))?;
    let Value::Object(map) = value else {
        return Err(Error::invalid("input", "must be a JSON object"));
    };
    serde_json::from_value(Value::Object(map.clone())).map_err(|e| {
        let message = e.to_string();
        let path = culprit::<T>(&map, &message);
        Error::invalid(path, strip_position(&message))
    })
}

/// The top-level field that makes decoding fail: named in the message, or found by leaving each
/// field out in turn and seeing the failure change.
fn culprit<T: DeserializeOwned>(map: &Map<String, Value>, message: &str) -> String {
    for marker in ["unknown field `", "missing field `"] {
        if let Some(name) = backticked(message, marker) {
            return name;
        }
    }
    for key in map.keys() {
        let mut without = map.clone();
        without.remove(key);
        match serde_json::from_value::<T>(Value::Object(without)) {
            Ok(_) => return key.clone(),
            Err(e) if e.to_string() != message => return key.clone(),
            Err(_) => {}
        }
    }
    "input".into()
}

fn backticked(message: &str, marker: &str) -> Option<String> {
    let start = message.find(marker)? + marker.len();
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Accepts `1` or `[1, 2]` (Help Scout takes comma lists for several filters).
pub fn one_or_many<'de, D, T>(deserializer: D) -> std::result::Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany<T> {
        One(T),
        Many(Vec<T>),
    }
    Ok(match Option::<OneOrMany<T>>::deserialize(deserializer)? {
        None => Vec::new(),
        Some(OneOrMany::One(one)) => vec![one],
        Some(OneOrMany::Many(many)) => many,
    })
}

/// Checks Help Scout's date-time format: `YYYY-MM-DDTHH:MM:SSZ` (second precision, UTC).
pub fn check_timestamp(path: &str, value: &str) -> Result<()> {
    let b = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| range.into_iter().all(|i| b[i].is_ascii_digit());
    let shaped = b.len() == 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[19] == b'Z';
    if shaped {
        Ok(())
    } else {
        Err(Error::invalid(
            path,
            "must be an ISO-8601 UTC time with second precision, e.g. 2019-06-01T00:00:00Z",
        ))
    }
}

/// Checks that a collection limit is sane.
pub fn check_limit(limit: Option<u32>, default: u32) -> Result<usize> {
    match limit.unwrap_or(default) {
        0 => Err(Error::invalid("limit", "must be at least 1")),
        n if n > 100_000 => Err(Error::invalid("limit", "must be at most 100000")),
        n => Ok(n as usize),
    }
}

/// Checks a plausible e-mail address (Help Scout validates it fully).
pub fn check_email(path: &str, value: &str) -> Result<()> {
    let (local, domain) = value.split_once('@').unwrap_or(("", ""));
    let plausible = value.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if plausible {
        Ok(())
    } else {
        Err(Error::invalid(path, "is not a valid e-mail address"))
    }
}

/// Checks a text's length in characters (`min`..=`max`).
pub fn check_length(path: &str, value: &str, min: usize, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n < min || n > max {
        let range = if min == 0 {
            format!("at most {max}")
        } else {
            format!("{min} to {max}")
        };
        return Err(Error::invalid(path, format!("must be {range} characters")));
    }
    Ok(())
}

/// Checks that a list holds at most `max` items.
pub fn check_count(path: &str, len: usize, max: usize) -> Result<()> {
    if len > max {
        Err(Error::invalid(
            path,
            format!("holds {len} items; at most {max} are allowed"),
        ))
    } else {
        Ok(())
    }
}

/// Runs every check and reports all failures together.
pub fn all(checks: impl IntoIterator<Item = Result<()>>) -> Result<()> {
    let mut fields = Vec::new();
    for check in checks {
        match check {
            Ok(()) => {}
            Err(Error::Validation(mut f)) => fields.append(&mut f),
            Err(other) => return Err(other),
        }
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(fields))
    }
}

/// Decodes an input whose `key` field (an id) addresses the resource and whose other fields are `T`.
pub fn decode_with_id<T: DeserializeOwned>(json: &str, key: &str) -> Result<(u64, T)> {
    let mut map: Map<String, Value> = decode(json)?;
    let id = match map.remove(key) {
        Some(Value::Number(n)) => n.as_u64().filter(|id| *id > 0),
        None => return Err(Error::invalid(key, "is required")),
        Some(_) => None,
    }
    .ok_or_else(|| Error::invalid(key, "must be a positive integer"))?;
    let rest = Value::Object(map).to_string();
    Ok((id, decode(&rest)?))
}

/// For fields where `null` means "remove": absent → `None`, `null` → `Some(None)`.
pub fn nullable<'de, D, T>(deserializer: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Sample {
        id: u64,
        #[serde(default)]
        mailbox_id: Option<u64>,
        #[serde(default)]
        name: Option<String>,
    }

    fn path_of(json: &str) -> String {
        match decode::<Sample>(json) {
            Err(Error::Validation(f)) => f[0].path.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn names_the_offending_field() {
        assert_eq!(path_of(r#"{"id": 1, "mailboxId": "x"}"#), "mailboxId");
        assert_eq!(path_of(r#"{"id": "1"}"#), "id");
        assert_eq!(path_of(r#"{"name": "a"}"#), "id");
        assert_eq!(path_of(r#"{"id": 1, "bogus": 2}"#), "bogus");
        assert_eq!(path_of("[1]"), "input");
        assert_eq!(path_of("{"), "input");
    }

    #[test]
    fn timestamps() {
        assert!(check_timestamp("t", "2019-06-01T00:00:00Z").is_ok());
        for bad in [
            "2019-06-01",
            "2019-06-01T00:00:00.000Z",
            "2019-06-01T00:00:00+01:00",
            "é",
        ] {
            assert!(check_timestamp("t", bad).is_err(), "{bad}");
        }
    }
}
