//! JSON request bodies: the [`JsonBody`] extractor (content type, size and syntax checks) and a
//! path-aware reader ([`Check`], [`Obj`]) that collects Help Scout validation errors
//! (`source: "JSON"`, paths like `threads[0].customer.id`) so one 400 lists every problem.

use std::cell::RefCell;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde_json::Value;

use super::Obj;
use crate::render::errors::{ApiError, FieldError};
use crate::time;

/// A parsed JSON body (any JSON value; handlers decide the shape).
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_ascii_lowercase);
        if content_type.is_some_and(|ct| !ct.contains("json")) {
            let status = StatusCode::UNSUPPORTED_MEDIA_TYPE;
            return Err(ApiError::new(status, "Unsupported Media Type"));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            let status = e.status();
            ApiError::new(status, status.canonical_reason().unwrap_or("Bad request"))
        })?;
        parse(&bytes).map(JsonBody)
    }
}

/// A single-error 400.
pub fn invalid(path: &str, message: &str, rule: &str, rejected: Option<&Value>) -> ApiError {
    let check = Check::default();
    check.fail(path, message, rule, rejected);
    ApiError::validation(check.errors.into_inner())
}

pub fn parse(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid(
            "",
            "Required request body is missing",
            "NotNull",
            None,
        ));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| invalid("", &format!("Malformed JSON: {e}"), "MalformedJson", None))
}

/// Reads a body that must be an object with keys among `allowed`: `read` takes what it needs
/// (reporting through the object's [`Check`]); 400 listing every problem, or what `read` made.
pub fn read_object<T>(
    v: &Value,
    allowed: &[&str],
    read: impl FnOnce(&Obj<'_>) -> T,
) -> Result<T, ApiError> {
    let ck = Check::default();
    let out = {
        let o = ck.root(v)?;
        o.only(allowed);
        read(&o)
    };
    ck.finish()?;
    Ok(out)
}

/// The operations of a JSON-Patch-style body (an array; anything else is a 400).
pub fn operations(v: &Value) -> Result<&[Value], ApiError> {
    match v {
        Value::Array(ops) => Ok(ops),
        other => {
            let message = "The body must be a JSON array of operations";
            Err(invalid("", message, "TypeMismatch", Some(other)))
        }
    }
}

/// The op object of a single-op JSON Patch body: an object, or the only element of an array.
pub fn single_op(v: &Value) -> Result<&Value, ApiError> {
    match v {
        Value::Array(items) if items.len() == 1 => Ok(&items[0]),
        Value::Array(_) => Err(invalid(
            "",
            "Exactly one operation is expected",
            "Size",
            Some(v),
        )),
        other => Ok(other),
    }
}

/// Applies every op to a copy of `start` (`apply` gets the op's error path, `[i]`) and returns
/// the copy if all passed: all or nothing, with one 400 listing every problem otherwise.
pub fn apply_all<T: Clone>(
    ops: &[Value],
    start: &T,
    apply: impl Fn(&Check, &str, &Value, &mut T),
) -> Result<T, ApiError> {
    let ck = Check::default();
    let mut draft = start.clone();
    for (i, op) in ops.iter().enumerate() {
        apply(&ck, &format!("[{i}]"), op, &mut draft);
    }
    ck.finish()?;
    Ok(draft)
}

/// `rejectedValue` text: strings as they are, anything else as JSON.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Collects validation errors while a body is read.
#[derive(Default)]
pub struct Check {
    errors: RefCell<Vec<FieldError>>,
}

/// One element of a JSON array with its error path (`threads[2]`).
pub struct Item<'a> {
    pub path: String,
    pub value: &'a Value,
}

impl Check {
    pub fn fail(&self, path: &str, message: &str, rule: &str, rejected: Option<&Value>) {
        let mut e = FieldError::body(path, message, rule);
        if let Some(v) = rejected {
            e = e.rejected(&shown(v));
        }
        self.errors.borrow_mut().push(e);
    }

    pub fn failed(&self) -> bool {
        !self.errors.borrow().is_empty()
    }

    /// `Err(400)` with the errors collected so far, if any (reading may go on afterwards).
    pub fn bail(&self) -> Result<(), ApiError> {
        let errors = self.errors.borrow();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(errors.clone()))
        }
    }

    /// `Err(400)` with every collected error, or `Ok`.
    pub fn finish(self) -> Result<(), ApiError> {
        let errors = self.errors.into_inner();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(errors))
        }
    }

    /// The body's top-level object (anything else fails at once).
    pub fn root<'a>(&'a self, v: &'a Value) -> Result<Obj<'a>, ApiError> {
        match v {
            Value::Object(map) => Ok(Obj::new(map, String::new(), self)),
            other => Err(invalid(
                "",
                "must be a JSON object",
                "TypeMismatch",
                Some(other),
            )),
        }
    }

    pub fn object<'a>(&'a self, path: &str, v: &'a Value) -> Option<Obj<'a>> {
        match v {
            Value::Object(map) => Some(Obj::new(map, path.to_string(), self)),
            other => self.type_error(path, "must be an object", other),
        }
    }

    pub fn array<'a>(&self, path: &str, v: &'a Value) -> Option<Vec<Item<'a>>> {
        match v {
            Value::Array(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, value)| Item {
                        path: format!("{path}[{i}]"),
                        value,
                    })
                    .collect(),
            ),
            other => self.type_error(path, "must be an array", other),
        }
    }

    pub fn string(&self, path: &str, v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => self.type_error(path, "must be a string", other),
        }
    }

    /// A positive id: a JSON integer or a numeric string (the API accepted `"mailboxId":"123"`).
    pub fn id(&self, path: &str, v: &Value) -> Option<u64> {
        let parsed = match v {
            Value::Number(n) => n.as_i64().map(i128::from),
            Value::String(s) => s.trim().parse::<i128>().ok(),
            _ => None,
        };
        match parsed {
            None => {
                self.fail(path, "Invalid number", "InvalidNumber", Some(v));
                None
            }
            Some(n) if n <= 0 || n > i128::from(i64::MAX) => {
                self.fail(path, "Invalid identifier", "InvalidIdentifier", Some(v));
                None
            }
            Some(n) => u64::try_from(n).ok(),
        }
    }

    pub fn boolean(&self, path: &str, v: &Value) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            other => self.type_error(path, "must be a boolean", other),
        }
    }

    /// One of `allowed`, compared case-insensitively; returns the canonical spelling.
    pub fn choice(&self, path: &str, v: &Value, allowed: &[&'static str]) -> Option<&'static str> {
        let found = v
            .as_str()
            .and_then(|s| allowed.iter().find(|a| a.eq_ignore_ascii_case(s.trim())));
        if found.is_none() {
            let quoted: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
            let message = format!("Expected one of these: {}", quoted.join(", "));
            self.fail(path, &message, "EnumValue", Some(v));
        }
        found.copied()
    }

    /// A string whose length in characters is within `min..=max`.
    pub fn sized(&self, path: &str, v: &Value, min: usize, max: usize) -> Option<String> {
        let s = self.string(path, v)?;
        let n = s.chars().count();
        if n < min || n > max {
            let message = format!("size must be between {min} and {max}");
            self.fail(path, &message, "Size", Some(v));
            return None;
        }
        Some(s)
    }

    /// A `yyyy-MM-dd'T'HH:mm:ss'Z'` instant.
    pub fn instant(&self, path: &str, v: &Value) -> Option<i64> {
        let parsed = v.as_str().and_then(time::parse);
        if parsed.is_none() {
            let message = "Malformed date; expected format yyyy-MM-dd'T'HH:mm:ss'Z'";
            self.fail(path, message, "MalformedDate", Some(v));
        }
        parsed
    }

    fn type_error<T>(&self, path: &str, message: &str, v: &Value) -> Option<T> {
        self.fail(path, message, "TypeMismatch", Some(v));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn collects_every_error_with_paths() {
        let v = json!({"a": "7", "b": -1, "c": {"d": 5}, "e": [1, "x"], "f": "MIXED", "g": ""});
        let ck = Check::default();
        let o = ck.root(&v).unwrap();
        assert_eq!(o.id("a"), Some(7));
        assert_eq!(o.id("b"), None);
        let c = ck.object("c", o.get("c").unwrap()).unwrap();
        assert_eq!(c.text("d"), None);
        assert_eq!(o.strings("e"), Some(vec!["x".to_string()]));
        assert_eq!(o.choice("f", &["mixed"]), Some("mixed"));
        assert_eq!(o.text("g"), None);
        assert_eq!(o.text("missing"), None);
        o.only(&["a", "b", "c", "e", "f"]);
        let body = ck.finish().unwrap_err().body();
        let paths: Vec<&str> = body["_embedded"]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths, ["b", "c.d", "e[0]", "g", "missing", "g"]);
        assert!(Check::default().root(&json!([1])).is_err());
        assert!(parse(b"  ").is_err() && parse(b"{").is_err() && parse(b"{}").is_ok());
    }
}
