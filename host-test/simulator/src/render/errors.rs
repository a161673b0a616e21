//! Help Scout's error bodies: `application/vnd.error+json` with a `logRef`, a `message`, an
//! `about` link and, for 400 validation failures, `_embedded.errors[{path, message,
//! rejectedValue, source, _links}]`; every `about` link points into [`ERRORS_DOC`], the errors
//! page the rules (`NotEmpty`, `EnumValue`, …) come from.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub const ERRORS_DOC: &str = "http://developer.helpscout.net/mailbox-api/overview/errors";
pub const VND_ERROR: &str = "application/vnd.error+json";

/// One item of `_embedded.errors`.
#[derive(Clone, Debug)]
pub struct FieldError {
    pub path: String,
    pub message: String,
    pub rejected_value: Option<String>,
    /// Anchor of the rule on the errors page (`NotEmpty`, `EnumValue`, ...).
    pub rule: String,
    /// `JSON` for body fields, `QUERY` for query parameters.
    pub source: &'static str,
}

impl FieldError {
    /// A query-parameter error.
    pub fn new(path: &str, message: &str, rule: &str) -> Self {
        FieldError {
            path: path.to_string(),
            message: message.to_string(),
            rejected_value: None,
            rule: rule.to_string(),
            source: "QUERY",
        }
    }

    /// A request-body error (`source: "JSON"`).
    pub fn body(path: &str, message: &str, rule: &str) -> Self {
        FieldError {
            source: "JSON",
            ..FieldError::new(path, message, rule)
        }
    }

    pub fn rejected(mut self, value: &str) -> Self {
        self.rejected_value = Some(value.to_string());
        self
    }

    fn to_json(&self) -> Value {
        let mut v = json!({
            "path": self.path,
            "message": self.message,
            "source": self.source,
            "_links": {"about": {"href": format!("{ERRORS_DOC}#{}", self.rule)}},
        });
        if let (Some(r), Some(obj)) = (&self.rejected_value, v.as_object_mut()) {
            obj.insert("rejectedValue".into(), Value::String(r.clone()));
        }
        v
    }
}

/// An API failure rendered as a vnd.error document.
#[derive(Clone, Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub errors: Vec<FieldError>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: &str) -> Self {
        ApiError {
            status,
            message: message.to_string(),
            errors: Vec::new(),
        }
    }

    pub fn not_found() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "Not Found")
    }

    pub fn unauthorized() -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, "Unauthorized")
    }

    /// 400 with field errors.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: "Bad request".to_string(),
            errors,
        }
    }

    pub fn body(&self) -> Value {
        let mut v = json!({
            "logRef": log_ref(),
            "message": self.message,
            "_links": {"about": {"href": ERRORS_DOC}},
        });
        if let (false, Some(obj)) = (self.errors.is_empty(), v.as_object_mut()) {
            let items: Vec<Value> = self.errors.iter().map(FieldError::to_json).collect();
            obj.insert("_embedded".into(), json!({ "errors": items }));
        }
        v
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = (self.status, self.body().to_string()).into_response();
        resp.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(VND_ERROR));
        resp
    }
}

/// A SplitMix64 step: good enough to spread a counter or clock into "random-looking" bits.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A UUID-shaped string from a seed.
pub fn uuid_like(seed: u64) -> String {
    let a = mix(seed);
    let b = mix(a);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

/// A fresh `logRef` (clock-seeded; uniqueness is all that matters).
pub fn log_ref() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    uuid_like(nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_shape() {
        let e = ApiError::validation(vec![
            FieldError::new("status", "Expected one of these: 'a'", "EnumValue").rejected("Wrong"),
        ]);
        let b = e.body();
        assert_eq!(b["message"], "Bad request");
        let item = &b["_embedded"]["errors"][0];
        assert_eq!(item["path"], "status");
        assert_eq!(item["rejectedValue"], "Wrong");
        assert_eq!(item["source"], "QUERY");
        assert!(
            item["_links"]["about"]["href"]
                .as_str()
                .unwrap()
                .ends_with("#EnumValue")
        );
        assert_eq!(b["_links"]["about"]["href"], ERRORS_DOC);
    }

    #[test]
    fn plain_errors_have_no_embedded() {
        let b = ApiError::not_found().body();
        assert_eq!(b["message"], "Not Found");
        assert!(b.get("_embedded").is_none());
        assert_eq!(b["logRef"].as_str().unwrap().len(), 36);
    }
}
