//! Conversions between the WIT records and the crate's own types.

use crate::auth::TokenSet;
use crate::bindings::exports::helpscout::connector::{auth as wit_auth, types};
use crate::client::RetryPolicy;
use crate::error::Error;
use crate::session::{Connection, Credentials};

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

impl From<TokenSet> for wit_auth::TokenSet {
    fn from(t: TokenSet) -> Self {
        wit_auth::TokenSet {
            access_token: t.access_token,
            token_type: t.token_type,
            expires_in: t.expires_in,
            expires_at: t.expires_at,
            refresh_token: t.refresh_token,
        }
    }
}
