//! The component's typed error as the JSON document contract §3 prints on stderr:
//! `{"error": "<case>", "message": "...", ...case-specific fields}`.

use crate::bindings::ConnectorError;
use serde_json::{Value, json};

/// The kebab-case name of the error case.
pub fn case_name(error: &ConnectorError) -> &'static str {
    match error {
        ConnectorError::Unauthorized(_) => "unauthorized",
        ConnectorError::Forbidden(_) => "forbidden",
        ConnectorError::NotFound(_) => "not-found",
        ConnectorError::Validation(_) => "validation",
        ConnectorError::RateLimited(_) => "rate-limited",
        ConnectorError::Conflict(_) => "conflict",
        ConnectorError::PreconditionFailed(_) => "precondition-failed",
        ConnectorError::Transient(_) => "transient",
        ConnectorError::UnknownOutcome(_) => "unknown-outcome",
        ConnectorError::Denied(_) => "denied",
        ConnectorError::InvalidSignature(_) => "invalid-signature",
        ConnectorError::Partial(_) => "partial",
        ConnectorError::Other(_) => "other",
        ConnectorError::ExecutionFailed => "execution-failed",
    }
}

/// The error as one JSON object.
pub fn to_json(error: &ConnectorError) -> Value {
    let case = case_name(error);
    match error {
        ConnectorError::Validation(fields) => {
            let list: Vec<Value> = fields
                .iter()
                .map(|f| json!({"path": f.path, "message": f.message, "rejectedValue": f.rejected_value}))
                .collect();
            let message: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.path, f.message))
                .collect();
            json!({"error": case, "message": message.join("; "), "fields": list})
        }
        ConnectorError::RateLimited(seconds) => json!({
            "error": case, "message": format!("rate limited; retry after {seconds} s"),
            "retryAfter": seconds
        }),
        ConnectorError::Partial(p) => json!({
            "error": case, "message": p.message, "failedStep": p.failed_step, "applied": p.applied,
            "id": p.id
        }),
        ConnectorError::Unauthorized(m)
        | ConnectorError::Forbidden(m)
        | ConnectorError::NotFound(m)
        | ConnectorError::Conflict(m)
        | ConnectorError::PreconditionFailed(m)
        | ConnectorError::Transient(m)
        | ConnectorError::UnknownOutcome(m)
        | ConnectorError::Denied(m)
        | ConnectorError::InvalidSignature(m)
        | ConnectorError::Other(m) => json!({"error": case, "message": m}),
        ConnectorError::ExecutionFailed => {
            json!({"error": case, "message": "the host reported the execution failed"})
        }
    }
}
