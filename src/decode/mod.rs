//! Decoding action inputs from JSON, reporting every bad field at once: each failure of the
//! decoder (`serde_path_to_error` names its path) is recorded with a plain message and the
//! rejected value, the offending value is set aside, and decoding goes on; then the input's own
//! checks (`Validate`) add theirs. Messages never carry Rust or serde wording.

pub mod checks;
mod messages;

pub use checks::{
    Validate, all, check_count, check_email, check_length, check_limit, check_timestamp, now,
    nullable, one_or_many,
};

use crate::error::{Error, FieldError, Result};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Largest JSON input accepted (attachments are base64 inside it: Help Scout allows 10 MB).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Most decoding passes for one input (each sets one bad value aside).
const MAX_PASSES: usize = 200;

/// What is tried, in turn, in place of a value the decoder refused (or a missing one), so that
/// decoding can go on and find the other bad fields.
const STAND_INS: [fn() -> Value; 6] = [
    || Value::Null,
    || Value::String(String::new()),
    || Value::from(1),
    || Value::Array(Vec::new()),
    || Value::Object(serde_json::Map::new()),
    || Value::Bool(false),
];

/// Decodes a JSON object into `T` and checks it; a `validation` error lists every bad field.
pub fn decode<T: DeserializeOwned + Validate>(json: &str) -> Result<T> {
    let mut decoded = None;
    let errors = decode_with(json, &mut |value| {
        decoded = Some(serde_path_to_error::deserialize::<_, T>(value)?);
        Ok(())
    })?;
    match decoded {
        Some(input) => finish(input.validate(), errors).map(|()| input),
        None => Err(Error::Validation(errors)),
    }
}

/// One attempt at decoding the input's type from the JSON value; the decoded input stays with
/// the caller.
type Attempt<'a> = dyn FnMut(&Value) -> std::result::Result<(), serde_path_to_error::Error<serde_json::Error>>
    + 'a;

/// The decoding loop, one copy for every input type: attempts until the input decodes, setting
/// each refused value aside; the bad fields found on the way, or the `validation` error when it
/// does not decode.
fn decode_with(json: &str, attempt: &mut Attempt<'_>) -> Result<Vec<FieldError>> {
    let mut value = parse_object(json)?;
    let mut errors: Vec<FieldError> = Vec::new();
    let mut stand_in: Option<(String, usize)> = None;
    for _ in 0..MAX_PASSES {
        let failure = match attempt(&value) {
            Ok(()) => return Ok(errors),
            Err(failure) => failure,
        };
        let (path, problem) = messages::describe(&failure);
        let next = match &stand_in {
            // A stand-in set at this path was refused too: try the next one.
            Some((at, index)) if *at == path => index + 1,
            _ => {
                let rejected = pointer(&value, &path).filter(|v| !v.is_null());
                errors.push(FieldError {
                    path: path.clone(),
                    message: problem.message,
                    rejected_value: rejected.map(text_of),
                });
                0
            }
        };
        let placed = if problem.unknown {
            remove(&mut value, &path)
        } else {
            next < STAND_INS.len() && set(&mut value, &path, STAND_INS[next]())
        };
        if !placed {
            break;
        }
        stand_in = Some((path, next));
    }
    Err(Error::Validation(errors))
}

/// Decodes an input whose `key` field (an id) addresses the resource and whose other fields are
/// `T`; the errors of both are reported together.
pub fn decode_with_id<I: DeserializeOwned, T: DeserializeOwned + Validate>(
    json: &str,
    key: &str,
) -> Result<(I, T)> {
    let Value::Object(mut map) = parse_object(json)? else {
        return Err(Error::invalid("input", "must be a JSON object"));
    };
    let id = match map.remove(key) {
        None => Err(vec![FieldError {
            path: key.into(),
            message: "is required".into(),
            rejected_value: None,
        }]),
        Some(value) => I::deserialize(&value).map_err(|e| {
            vec![FieldError {
                path: key.into(),
                message: messages::plain(&e.to_string()),
                rejected_value: Some(text_of(&value)),
            }]
        }),
    };
    let rest = decode::<T>(&Value::Object(map).to_string());
    match (id, rest) {
        (Ok(id), Ok(rest)) => Ok((id, rest)),
        (id, rest) => {
            let mut errors = id.err().unwrap_or_default();
            match rest {
                Err(Error::Validation(more)) => errors.extend(more),
                Err(other) => return Err(other),
                Ok(_) => {}
            }
            Err(Error::Validation(errors))
        }
    }
}

/// The input's own checks (`validation`) added to the decoder's findings; a path the decoder
/// reported already is not reported again (its value was a stand-in).
fn finish(validation: Result<()>, mut errors: Vec<FieldError>) -> Result<()> {
    if let Err(Error::Validation(more)) = validation {
        let fresh: Vec<FieldError> = more
            .into_iter()
            .filter(|e| !errors.iter().any(|d| d.path == e.path))
            .collect();
        errors.extend(fresh);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// The input as a JSON object (empty text counts as `{}`).
fn parse_object(json: &str) -> Result<Value> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(Error::invalid("input", "is larger than 16 MiB"));
    }
    let json = if json.trim().is_empty() { "{}" } else { json };
    let value: Value = serde_json::from_str(json).map_err(|e| {
        Error::invalid(
            "input",
            format!(
                "is not valid JSON (line {}, column {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    if value.is_object() {
        Ok(value)
    } else {
        Err(Error::invalid("input", "must be a JSON object"))
    }
}

/// The steps of a path as `serde_path_to_error` prints it (`threads[0].text`, `.` for the root).
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indexes) = part
            .split_once('[')
            .map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        for index in indexes.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn pointer<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    steps(path).iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get(*k),
        Step::Index(i) => v.get(*i),
    })
}

/// The container holding the last step of `path`, and that step.
fn parent<'v, 'p>(value: &'v mut Value, path: &'p str) -> Option<(&'v mut Value, Step<'p>)> {
    let mut steps = steps(path);
    let last = steps.pop()?;
    let container = steps.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get_mut(*k),
        Step::Index(i) => v.get_mut(*i),
    })?;
    Some((container, last))
}

/// Puts `new` at `path` (the key may be missing); false when the path does not exist.
fn set(value: &mut Value, path: &str, new: Value) -> bool {
    match parent(value, path) {
        Some((Value::Object(map), Step::Key(k))) => {
            map.insert(k.to_string(), new);
            true
        }
        Some((Value::Array(items), Step::Index(i))) if i < items.len() => {
            items[i] = new;
            true
        }
        _ => false,
    }
}

fn remove(value: &mut Value, path: &str) -> bool {
    match parent(value, path) {
        Some((Value::Object(map), Step::Key(k))) => map.remove(k).is_some(),
        _ => false,
    }
}

/// A rejected value as text: strings as they are, anything else as JSON (at most 200 characters).
fn text_of(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 200 {
        let cut: String = text.chars().take(200).collect();
        format!("{cut}…")
    } else {
        text
    }
}

#[cfg(test)]
mod tests;

/// An input with no fields (`list-webhooks`, the lists that take no filter).
#[derive(serde::Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Empty {}

impl Validate for Empty {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}
