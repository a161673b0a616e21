//! Conversions between the WIT records and the crate's own types.

use crate::auth::TokenSet;
use crate::bindings::exports::helpscout::connector::{
    auth as wit_auth, conversations as wc, types,
};
use crate::error::Error;
use crate::resources::conversations::{
    FieldFilter, FindConversations, SortField, SortOrder, StatusFilter,
};
use crate::session::{Connection, Credentials};

impl From<types::Connection> for Connection {
    fn from(c: types::Connection) -> Self {
        let credentials = match c.credentials {
            types::Credentials::AccessToken(token) => Credentials::AccessToken(token),
            types::Credentials::ClientCredentials(cc) => Credentials::ClientCredentials {
                client_id: cc.client_id,
                client_secret: cc.client_secret,
            },
        };
        Connection {
            base_url: c.base_url,
            credentials,
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
            } => types::Error::Partial(types::PartialFailure {
                failed_step,
                applied,
                message,
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

impl From<wc::FindConversationsInput> for FindConversations {
    fn from(i: wc::FindConversationsInput) -> Self {
        FindConversations {
            mailbox: i.mailbox,
            folder: i.folder,
            status: i.status.map(status),
            tag: i.tag,
            assigned_to: i.assigned_to,
            modified_since: i.modified_since,
            number: i.number,
            query: i.query,
            custom_fields: i
                .custom_fields
                .into_iter()
                .map(|f| FieldFilter {
                    id: f.id,
                    value: f.value,
                })
                .collect(),
            sort_field: i.sort_field.map(sort_field),
            sort_order: i.sort_order.map(|o| match o {
                wc::SortOrder::Asc => SortOrder::Asc,
                wc::SortOrder::Desc => SortOrder::Desc,
            }),
            embed_threads: i.embed_threads,
            limit: i.limit,
        }
    }
}

fn status(s: wc::StatusFilter) -> StatusFilter {
    match s {
        wc::StatusFilter::Active => StatusFilter::Active,
        wc::StatusFilter::All => StatusFilter::All,
        wc::StatusFilter::Closed => StatusFilter::Closed,
        wc::StatusFilter::Open => StatusFilter::Open,
        wc::StatusFilter::Pending => StatusFilter::Pending,
        wc::StatusFilter::Spam => StatusFilter::Spam,
    }
}

fn sort_field(f: wc::SortField) -> SortField {
    match f {
        wc::SortField::CreatedAt => SortField::CreatedAt,
        wc::SortField::CustomerEmail => SortField::CustomerEmail,
        wc::SortField::CustomerName => SortField::CustomerName,
        wc::SortField::MailboxId => SortField::MailboxId,
        wc::SortField::ModifiedAt => SortField::ModifiedAt,
        wc::SortField::Number => SortField::Number,
        wc::SortField::Score => SortField::Score,
        wc::SortField::Status => SortField::Status,
        wc::SortField::Subject => SortField::Subject,
        wc::SortField::WaitingSince => SortField::WaitingSince,
    }
}
