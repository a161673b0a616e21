//! One call's connection as the host gives it (base URL, credentials, retry bounds), and the
//! client opened from it: the base URL validated, a token minted first when given client
//! credentials without a cached token. Nothing outlives the call.

use super::{ApiBase, AppCredentials, Client, RetryPolicy, Transport};
use crate::error::{Error, Result};

/// Credentials for one call.
#[derive(Clone)]
pub enum Credentials {
    AccessToken(String),
    ClientCredentials {
        client_id: String,
        client_secret: String,
        /// A token minted earlier, tried before minting a new one.
        token: Option<String>,
    },
}

/// Where and how to reach Help Scout.
#[derive(Clone)]
pub struct Connection {
    pub base_url: String,
    pub credentials: Credentials,
    pub retry: RetryPolicy,
}

impl<T: Transport> Client<T> {
    /// The client for one call over `transport`.
    pub fn open(transport: T, connection: &Connection) -> Result<Self> {
        let base = ApiBase::parse(&connection.base_url)?;
        let mut client = match &connection.credentials {
            Credentials::AccessToken(token) if token.trim().is_empty() => {
                return Err(Error::Unauthorized("no access token given".into()));
            }
            Credentials::AccessToken(token) => Client::with_token(transport, base, token.clone()),
            Credentials::ClientCredentials {
                client_id,
                client_secret,
                token,
            } => {
                let app = AppCredentials {
                    client_id: client_id.clone(),
                    client_secret: client_secret.clone(),
                };
                Client::with_app(transport, base, app, token.clone())
            }
        };
        client.set_policy(connection.retry);
        Ok(client)
    }
}
