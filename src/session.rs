//! One call's connection: validates the base URL, mints a token first when given client
//! credentials, and hands out the client. Nothing outlives the call.

use crate::auth::{self, Grant, TokenSet};
use crate::client::{ApiBase, Client, Transport};
use crate::error::{Error, Result};

/// Credentials for one call.
#[derive(Clone)]
pub enum Credentials {
    AccessToken(String),
    ClientCredentials {
        client_id: String,
        client_secret: String,
    },
}

/// Where and how to reach Help Scout.
#[derive(Clone)]
pub struct Connection {
    pub base_url: String,
    pub credentials: Credentials,
}

/// A ready client, and the token minted to get it (for the host to keep).
pub struct Session<T: Transport> {
    pub client: Client<T>,
    pub minted: Option<TokenSet>,
}

impl<T: Transport> Session<T> {
    pub fn open(mut transport: T, connection: &Connection) -> Result<Self> {
        let base = ApiBase::parse(&connection.base_url)?;
        let (token, minted) = match &connection.credentials {
            Credentials::AccessToken(token) => {
                if token.trim().is_empty() {
                    return Err(Error::Unauthorized("no access token given".into()));
                }
                (token.clone(), None)
            }
            Credentials::ClientCredentials {
                client_id,
                client_secret,
            } => {
                let set = auth::request_token(
                    &mut transport,
                    &base,
                    client_id,
                    client_secret,
                    Grant::ClientCredentials,
                )?;
                (set.access_token.clone(), Some(set))
            }
        };
        let mut client = Client::new(transport, base, token);
        client.meta.requests += u32::from(minted.is_some());
        Ok(Self { client, minted })
    }
}
