//! The connector's one error type, and the only place an HTTP status becomes an error case.
//!
//! Messages never carry credentials: they are built from statuses, field names and the `message`
//! of Help Scout's error bodies, never from request headers or bodies.

use serde::Deserialize;

/// One invalid input field, as in Help Scout's `_embedded.errors[]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub message: String,
    pub rejected_value: Option<String>,
}

/// What went wrong, for a person, with what a support ticket to Help Scout needs: the HTTP
/// status of Help Scout's answer and its `Correlation-Id`, when there was an answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub status: Option<u16>,
    pub correlation_id: Option<String>,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<String> for Problem {
    fn from(message: String) -> Self {
        Problem {
            message,
            ..Problem::default()
        }
    }
}

impl From<&str> for Problem {
    fn from(message: &str) -> Self {
        message.to_string().into()
    }
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("unauthorized: {0}")]
    Unauthorized(Problem),
    #[error("forbidden: {0}")]
    Forbidden(Problem),
    #[error("not found: {0}")]
    NotFound(Problem),
    #[error("validation failed: {}", describe_fields(.0))]
    Validation(Vec<FieldError>),
    #[error("rate limited: retry after {0} s")]
    RateLimited(u32),
    #[error("conflict: {0}")]
    Conflict(Problem),
    #[error("precondition failed: {0}")]
    PreconditionFailed(Problem),
    #[error("transient failure: {0}")]
    Transient(Problem),
    #[error("unknown outcome: {0}")]
    UnknownOutcome(Problem),
    #[error("denied by host: {0}")]
    Denied(Problem),
    #[error("invalid signature: {0}")]
    InvalidSignature(String),
    #[error("{message} (failed step: {failed_step}, {cause}; applied: {applied:?})")]
    Partial {
        failed_step: String,
        applied: Vec<String>,
        message: String,
        id: Option<u64>,
        /// The failed step's own error case (`unknown-outcome`, `validation`, …).
        cause: &'static str,
    },
    #[error("{0}")]
    Other(Problem),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

fn describe_fields(fields: &[FieldError]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .map(|f| format!("{}: {}", f.path, f.message))
        .collect();
    parts.join("; ")
}

impl Error {
    /// The error case's name as in the WIT variant (`not-found`, `unknown-outcome`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Unauthorized(_) => "unauthorized",
            Error::Forbidden(_) => "forbidden",
            Error::NotFound(_) => "not-found",
            Error::Validation(_) => "validation",
            Error::RateLimited(_) => "rate-limited",
            Error::Conflict(_) => "conflict",
            Error::PreconditionFailed(_) => "precondition-failed",
            Error::Transient(_) => "transient",
            Error::UnknownOutcome(_) => "unknown-outcome",
            Error::Denied(_) => "denied",
            Error::InvalidSignature(_) => "invalid-signature",
            Error::Partial { .. } => "partial",
            Error::Other(_) => "other",
        }
    }

    /// `step` of a multi-step write failed with `self` after `applied` took effect on `id`.
    pub fn after_steps(self, step: &str, applied: &[&str], id: Option<u64>) -> Self {
        Error::Partial {
            failed_step: step.to_string(),
            applied: applied.iter().map(|s| s.to_string()).collect(),
            cause: self.kind(),
            message: self.to_string(),
            id,
        }
    }

    /// A validation error on one field.
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError {
            path: path.into(),
            message: message.into(),
            rejected_value: None,
        }])
    }

    /// Maps a Help Scout API response status (and its vnd.error body) to an error case.
    /// `retry_after` is the `X-RateLimit-Retry-After` header, if any.
    pub fn from_status(status: u16, body: &[u8], retry_after: Option<u32>) -> Self {
        let parsed: VndError = serde_json::from_slice(body).unwrap_or_default();
        let message = parsed.message_or(status);
        let problem = |message: String| Problem {
            message,
            status: Some(status),
            correlation_id: None,
        };
        match status {
            400 | 413 | 415 | 422 => {
                let fields = parsed.field_errors();
                if fields.is_empty() {
                    Error::invalid("request", message)
                } else {
                    Error::Validation(fields)
                }
            }
            401 => Error::Unauthorized(problem(message)),
            403 => Error::Forbidden(problem(message)),
            404 | 410 => Error::NotFound(problem(message)),
            409 => Error::Conflict(problem(message)),
            412 => Error::PreconditionFailed(problem(message)),
            429 => Error::RateLimited(retry_after.unwrap_or(60)),
            500..=599 => Error::Transient(problem(format!("HTTP {status}: {message}"))),
            _ => Error::Other(problem(format!("unexpected HTTP {status}: {message}"))),
        }
    }

    /// The same error with Help Scout's `Correlation-Id`, and a 404 naming what was not found
    /// (`what`, e.g. `conversation 123`).
    pub fn with_context(mut self, correlation_id: Option<&str>, what: Option<String>) -> Self {
        if let (Error::NotFound(p), Some(what)) = (&mut self, what) {
            p.message = format!("Help Scout has no {what} ({})", p.message);
        }
        if let Some(p) = self.problem_mut() {
            p.correlation_id = correlation_id.map(str::to_string);
        }
        self
    }

    fn problem_mut(&mut self) -> Option<&mut Problem> {
        match self {
            Error::Unauthorized(p)
            | Error::Forbidden(p)
            | Error::NotFound(p)
            | Error::Conflict(p)
            | Error::PreconditionFailed(p)
            | Error::Transient(p)
            | Error::UnknownOutcome(p)
            | Error::Denied(p)
            | Error::Other(p) => Some(p),
            _ => None,
        }
    }

    /// Maps a failed `POST /v2/oauth2/token` (RFC 6749 error body) to an error case; a 429
    /// carries the server's wait when it names one.
    pub fn from_token_status(status: u16, body: &[u8], retry_after: Option<u32>) -> Self {
        let parsed: OAuthError = serde_json::from_slice(body).unwrap_or_default();
        let message = match (&parsed.error, &parsed.error_description) {
            (Some(code), Some(text)) => format!("{code}: {text}"),
            (Some(code), None) => code.clone(),
            _ => format!("token endpoint answered HTTP {status}"),
        };
        match (status, parsed.error.as_deref()) {
            (400, Some("invalid_grant")) | (401, _) => Error::Unauthorized(Problem {
                message,
                status: Some(status),
                correlation_id: None,
            }),
            (400, _) => Error::invalid("grant", message),
            _ => Error::from_status(status, body, retry_after),
        }
    }
}

/// Help Scout's vnd.error body (`{logRef, message, _embedded.errors[]}`).
#[derive(Debug, Default, Deserialize)]
struct VndError {
    #[serde(default)]
    message: Option<String>,
    #[serde(default, rename = "_embedded")]
    embedded: Option<VndEmbedded>,
}

#[derive(Debug, Default, Deserialize)]
struct VndEmbedded {
    #[serde(default)]
    errors: Vec<VndFieldError>,
}

#[derive(Debug, Default, Deserialize)]
struct VndFieldError {
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default, rename = "rejectedValue")]
    rejected_value: Option<serde_json::Value>,
}

impl VndError {
    fn message_or(&self, status: u16) -> String {
        match &self.message {
            Some(m) if !m.is_empty() => m.clone(),
            _ => format!("HTTP {status}"),
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        let Some(embedded) = &self.embedded else {
            return Vec::new();
        };
        embedded
            .errors
            .iter()
            .map(|e| FieldError {
                path: e.path.clone().unwrap_or_else(|| "request".into()),
                message: e.message.clone().unwrap_or_else(|| "invalid".into()),
                rejected_value: e.rejected_value.as_ref().map(|v| match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                }),
            })
            .collect()
    }
}

#[derive(Debug, Default, Deserialize)]
struct OAuthError {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_body_becomes_field_errors() {
        let body = br#"{"logRef":"x","message":"Bad request","_embedded":{"errors":[
            {"path":"status","message":"Expected one of","rejectedValue":"Wrong","source":"JSON"}]}}"#;
        let Error::Validation(fields) = Error::from_status(400, body, None) else {
            panic!("not validation")
        };
        assert_eq!(fields[0].path, "status");
        assert_eq!(fields[0].rejected_value.as_deref(), Some("Wrong"));
    }

    #[test]
    fn statuses_map_to_cases() {
        assert!(matches!(
            Error::from_status(401, b"", None),
            Error::Unauthorized(_)
        ));
        assert!(matches!(
            Error::from_status(404, b"{}", None),
            Error::NotFound(_)
        ));
        assert_eq!(Error::from_status(429, b"", Some(7)), Error::RateLimited(7));
        assert!(matches!(
            Error::from_status(503, b"<html>", None),
            Error::Transient(_)
        ));
        assert!(matches!(
            Error::from_status(418, b"", None),
            Error::Other(_)
        ));
    }

    #[test]
    fn token_errors() {
        let body = br#"{"error":"invalid_grant","error_description":"code used"}"#;
        assert!(
            matches!(Error::from_token_status(400, body, None), Error::Unauthorized(p) if p.message.contains("code used") && p.status == Some(400))
        );
        assert!(matches!(
            Error::from_token_status(400, b"{}", None),
            Error::Validation(_)
        ));
    }
}
