//! Conversions of the shared `types` interface: the connection a call is given, the one error
//! variant (the only place a crate error becomes a WIT error), and the inputs several actions
//! share (customer references, custom-field values, attachments).

use crate::bindings::exports::helpscout::connector::types;
use crate::client::{Connection, Credentials, RetryPolicy};
use crate::error::{Error, Result};
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

impl From<Error> for types::Error {
    fn from(e: Error) -> Self {
        match e {
            Error::Unauthorized(m) => types::Error::Unauthorized(m),
            Error::Forbidden(m) => types::Error::Forbidden(m),
            Error::NotFound(m) => types::Error::NotFound(m),
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
            Error::Conflict(m) => types::Error::Conflict(m),
            Error::PreconditionFailed(m) => types::Error::PreconditionFailed(m),
            Error::Transient(m) => types::Error::Transient(m),
            Error::UnknownOutcome(m) => types::Error::UnknownOutcome(m),
            Error::Denied(m) => types::Error::Denied(m),
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
                cause: cause.to_string(),
            }),
            Error::Other(m) => types::Error::Other(m),
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
                id: checked(&format!("{path}[{i}].id"), f.id)?,
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
