//! One call's connection: validates the base URL, mints a token first when given client
//! credentials without a cached token, applies the host's retry policy, and hands out the client. Nothing outlives the
//! call.

use crate::client::{ApiBase, AppCredentials, Client, RetryPolicy, Transport};
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

/// A ready client for one call.
pub struct Session<T: Transport> {
    pub client: Client<T>,
}

impl<T: Transport> Session<T> {
    pub fn open(transport: T, connection: &Connection) -> Result<Self> {
        let base = ApiBase::parse(&connection.base_url)?;
        let mut client = match &connection.credentials {
            Credentials::AccessToken(token) if token.trim().is_empty() => {
                return Err(Error::Unauthorized("no access token given".into()));
            }
            Credentials::AccessToken(token) => Client::new(transport, base, token.clone()),
            Credentials::ClientCredentials {
                client_id,
                client_secret,
                token,
            } => {
                let app = AppCredentials {
                    client_id: client_id.clone(),
                    client_secret: client_secret.clone(),
                };
                Client::with_app(transport, base, app, token.clone())?
            }
        };
        client.set_policy(connection.retry);
        Ok(Self { client })
    }
}
