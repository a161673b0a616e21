//! The `auth` exports: the authorization URL and the token grants.

use super::{Component, Result};
use crate::auth;
use crate::bindings::exports::helpscout::connector::auth as wit;
use crate::client::{AppCredentials, Grant, TokenSet, transport::WasiTransport};

impl wit::Guest for Component {
    fn authorization_url(request: wit::AuthorizationRequest) -> Result<String> {
        Ok(auth::authorization_url(
            &request.client_id,
            request.state.as_deref(),
        )?)
    }

    fn token(request: wit::TokenRequest) -> Result<wit::TokenSet> {
        let app = AppCredentials {
            client_id: request.client_id,
            client_secret: request.client_secret,
        };
        let grant = match &request.grant {
            wit::Grant::AuthorizationCode(code) => Grant::AuthorizationCode(code),
            wit::Grant::RefreshToken(token) => Grant::RefreshToken(token),
            wit::Grant::ClientCredentials => Grant::ClientCredentials,
        };
        let set = auth::token(WasiTransport, &request.base_url, &app, grant)?;
        Ok(token_set(set))
    }
}

pub(super) fn token_set(t: TokenSet) -> wit::TokenSet {
    wit::TokenSet {
        access_token: t.access_token,
        token_type: t.token_type,
        expires_in: t.expires_in,
        expires_at: t.expires_at,
        refresh_token: t.refresh_token,
    }
}
