//! The value checks inputs share (Help Scout's formats and limits), the `Validate` trait every
//! input implements, and the serde helpers for Help Scout's optional shapes.

use crate::error::{Error, Result};
use serde::{Deserialize, Deserializer};

/// An input's own checks, beyond its shape: all problems at once, as a `validation` error.
pub trait Validate {
    fn validate(&self) -> Result<()>;
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

/// Help Scout's date-time: `YYYY-MM-DDTHH:MM:SSZ` (second precision, UTC, a real instant;
/// the errors page's "Malformed date").
/// Reads an instant as a platform writes it (an RFC 3339 date-time with any offset or
/// fractions, or a date alone) in Help Scout's form; anything else is kept as given, for
/// `check_timestamp` to report.
pub fn instant<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    let given = Option::<String>::deserialize(d)?;
    Ok(given.map(|text| crate::instant::normalize(&text).unwrap_or(text)))
}

pub fn check_timestamp(path: &str, value: &str) -> Result<()> {
    let shaped = value.len() == 20 && value.ends_with('Z') && value.as_bytes()[10] == b'T';
    if shaped && humantime::parse_rfc3339(value).is_ok() {
        Ok(())
    } else {
        Err(Error::invalid(
            path,
            "must be a date-time such as 2019-06-01T00:00:00Z (an offset, fractions of a \
             second, or a date alone for midnight UTC are read too)",
        ))
    }
}

/// A calendar date `YYYY-MM-DD` (custom fields and properties of type date).
pub fn check_date(value: &str) -> std::result::Result<String, String> {
    let shaped = value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
    if shaped && humantime::parse_rfc3339(&format!("{value}T00:00:00Z")).is_ok() {
        Ok(value.to_string())
    } else {
        Err("must be a date YYYY-MM-DD".into())
    }
}

/// Now as Help Scout's date-time, from the component's wall clock.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// The default of a find's `limit` when the input has none (so the schema says `default: 100`).
pub fn default_limit() -> Option<u32> {
    Some(100)
}

/// A collection limit: 1 to 100,000 (default `default`).
pub fn check_limit(limit: Option<u32>, default: u32) -> Result<usize> {
    match limit.unwrap_or(default) {
        0 => Err(Error::invalid("limit", "must be at least 1")),
        n if n > 100_000 => Err(Error::invalid("limit", "must be at most 100000")),
        n => Ok(n as usize),
    }
}

/// A plausible e-mail address (Help Scout validates it fully: "Not well-formed email address").
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

/// A text's length in characters (`min`..=`max`).
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

/// A list of at most `max` items.
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

    #[test]
    fn timestamps_and_dates_are_real_instants() {
        assert!(check_timestamp("t", "2019-06-01T00:00:00Z").is_ok());
        for bad in [
            "2019-06-01",
            "2019-06-01T00:00:00.000Z",
            "2019-06-01T00:00:00+01:00",
            "2019-02-30T00:00:00Z",
            "é",
        ] {
            assert!(check_timestamp("t", bad).is_err(), "{bad}");
        }
        assert!(check_date("2024-02-29").is_ok());
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "20240101"] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
        assert_eq!(now().len(), 20);
    }
}

/// Schemas of the shapes the helpers above accept, for the generated input schemas.
#[cfg(test)]
pub mod schema {
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    /// `one_or_many`: one value or a list of them.
    pub fn one_or_many<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
        let one = generator.subschema_for::<T>();
        json_schema!({"anyOf": [one, {"type": "array", "items": one}]})
    }

    /// Help Scout's date-time (`check_timestamp`).
    pub fn timestamp(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "null"],
            "format": "date-time",
            "description": "A date-time, e.g. 2019-06-01T00:00:00Z; any offset is converted to \
                            UTC and fractions of a second dropped (Help Scout counts whole \
                            seconds); a date alone (2019-06-01) means midnight UTC."
        })
    }

    /// `wire::opt_text`: a text, number or boolean (sent as text), or null.
    pub fn scalar_text(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": ["string", "number", "boolean", "null"]})
    }

    /// `check_limit`: 1 to 100,000.
    pub fn limit(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": ["integer", "null"], "minimum": 1, "maximum": 100000, "default": 100})
    }
}
