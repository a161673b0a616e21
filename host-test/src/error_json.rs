//! The component's typed error as the JSON document contract §3 prints on stderr:
//! `{"error": "<case>", "message": "...", ...case-specific fields}`; an error from Help Scout's
//! answer adds its `status` and `correlationId` (what a support ticket needs).

use crate::bindings::{ConnectorError, ErrorKind, Problem};
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

fn problem(case: &str, p: &Problem) -> Value {
    let mut value = json!({"error": case, "message": p.message});
    if let Some(status) = p.status {
        value["status"] = json!(status);
    }
    if let Some(id) = &p.correlation_id {
        value["correlationId"] = json!(id);
    }
    value
}

/// The kebab-case name of an error kind (a `partial` failure's cause).
pub fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Unauthorized => "unauthorized",
        ErrorKind::Forbidden => "forbidden",
        ErrorKind::NotFound => "not-found",
        ErrorKind::Validation => "validation",
        ErrorKind::RateLimited => "rate-limited",
        ErrorKind::Conflict => "conflict",
        ErrorKind::PreconditionFailed => "precondition-failed",
        ErrorKind::Transient => "transient",
        ErrorKind::UnknownOutcome => "unknown-outcome",
        ErrorKind::Denied => "denied",
        ErrorKind::InvalidSignature => "invalid-signature",
        ErrorKind::Partial => "partial",
        ErrorKind::Other => "other",
        ErrorKind::ExecutionFailed => "execution-failed",
    }
}

/// The error as a host-side failure whose message is the error's JSON (`to_json`), for the host's
/// own calls that cannot go on without the component's answer (describe, benchmarks).
pub fn failure(error: &ConnectorError) -> anyhow::Error {
    anyhow::anyhow!("{}", to_json(error))
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
            "id": p.id, "cause": kind_name(p.cause)
        }),
        ConnectorError::Unauthorized(p)
        | ConnectorError::Forbidden(p)
        | ConnectorError::NotFound(p)
        | ConnectorError::Conflict(p)
        | ConnectorError::PreconditionFailed(p)
        | ConnectorError::Transient(p)
        | ConnectorError::UnknownOutcome(p)
        | ConnectorError::Denied(p)
        | ConnectorError::Other(p) => problem(case, p),
        ConnectorError::InvalidSignature(m) => json!({"error": case, "message": m}),
        ConnectorError::ExecutionFailed => {
            json!({"error": case, "message": "the host reported the execution failed"})
        }
    }
}
