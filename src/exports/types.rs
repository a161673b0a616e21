//! Conversions of the shared `types` interface: the connection a call is given, the one error
//! variant (the only place a crate error becomes a WIT error), and the inputs several actions
//! share (customer references, custom-field values, attachments).

use crate::bindings::exports::helpscout::connector::types;
use crate::client::{Connection, Credentials, RetryPolicy};
use crate::error::{Error, Problem, Result};
use crate::ids::checked;
use crate::resources::customers::CustomerRef;
use crate::resources::mailboxes::FieldInput;
use crate::resources::threads::Attachment;

impl From<types::Connection> for Connection {
    fn from(c: types::Connection) -> Self {
        let credentials = match c.credentials {
            types::Credentials::AccessToken(token) => Credentials::AccessToken(token),
            types::Credentials::ClientCredentials(cc) => Credentials::ClientCredentials {
                client_id: cc.client_id,
                client_secret: cc.client_secret,
                token: cc.token.filter(|t| !t.trim().is_empty()),
            },
        };
        let retry = c.retry.map_or_else(RetryPolicy::default, |r| RetryPolicy {
            max_wait_seconds: r.max_wait_seconds,
            max_attempts: r.max_attempts,
            max_total_seconds: r.max_total_seconds,
        });
        Connection {
            base_url: c.base_url,
            credentials,
            retry,
        }
    }
}

fn problem(p: Problem) -> types::Problem {
    types::Problem {
        message: p.message,
        status: p.status,
        correlation_id: p.correlation_id,
    }
}

/// The WIT name of an error case (`partial`'s cause).
fn error_kind(kind: &str) -> types::ErrorKind {
    use types::ErrorKind as K;
    match kind {
        "unauthorized" => K::Unauthorized,
        "forbidden" => K::Forbidden,
        "not-found" => K::NotFound,
        "validation" => K::Validation,
        "rate-limited" => K::RateLimited,
        "conflict" => K::Conflict,
        "precondition-failed" => K::PreconditionFailed,
        "transient" => K::Transient,
        "unknown-outcome" => K::UnknownOutcome,
        "denied" => K::Denied,
        "invalid-signature" => K::InvalidSignature,
        "partial" => K::Partial,
        _ => K::Other,
    }
}

impl From<Error> for types::Error {
    fn from(e: Error) -> Self {
        match e {
            Error::Unauthorized(p) => types::Error::Unauthorized(problem(p)),
            Error::Forbidden(p) => types::Error::Forbidden(problem(p)),
            Error::NotFound(p) => types::Error::NotFound(problem(p)),
            Error::Validation(fields) => types::Error::Validation(
                fields
                    .into_iter()
                    .map(|f| types::FieldError {
                        path: f.path,
                        message: f.message,
                        rejected_value: f.rejected_value,
                    })
                    .collect(),
            ),
            Error::RateLimited(s) => types::Error::RateLimited(s),
            Error::Conflict(p) => types::Error::Conflict(problem(p)),
            Error::PreconditionFailed(p) => types::Error::PreconditionFailed(problem(p)),
            Error::Transient(p) => types::Error::Transient(problem(p)),
            Error::UnknownOutcome(p) => types::Error::UnknownOutcome(problem(p)),
            Error::Denied(p) => types::Error::Denied(problem(p)),
            Error::InvalidSignature(m) => types::Error::InvalidSignature(m),
            Error::Partial {
                failed_step,
                applied,
                message,
                id,
                cause,
            } => types::Error::Partial(types::PartialFailure {
                failed_step,
                applied,
                message,
                id,
                cause: error_kind(cause),
            }),
            Error::Other(p) => types::Error::Other(problem(p)),
        }
    }
}

/// A customer reference of a WIT record (`path` names it in errors).
pub fn customer_ref(path: &str, c: types::CustomerRef) -> Result<CustomerRef> {
    let id = match c.id {
        Some(id) => Some(checked(&format!("{path}.id"), id)?),
        None => None,
    };
    Ok(CustomerRef {
        id,
        email: c.email,
        first_name: c.first_name,
        last_name: c.last_name,
    })
}

/// The custom-field values of a WIT record.
pub fn field_inputs(path: &str, list: Vec<types::FieldInput>) -> Result<Vec<FieldInput>> {
    list.into_iter()
        .enumerate()
        .map(|(i, f)| {
            Ok(FieldInput {
                id: Some(checked(&format!("{path}[{i}].id"), f.id)?),
                name: None,
                value: f.value,
            })
        })
        .collect()
}

pub fn attachments(list: Vec<types::AttachmentUpload>) -> Vec<Attachment> {
    list.into_iter()
        .map(|a| Attachment {
            file_name: a.file_name,
            mime_type: a.mime_type,
            data: a.data,
        })
        .collect()
}

pub fn update_outcome(o: crate::resources::UpdateOutcome) -> types::UpdateOutcome {
    types::UpdateOutcome {
        id: o.id,
        applied: o.applied.iter().map(|s| s.to_string()).collect(),
    }
}
