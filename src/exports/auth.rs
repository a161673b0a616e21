//! The `auth` exports: the description a credential form is rendered from, the authorization
//! URL and the token grants.

use super::{Component, Result};
use crate::auth;
use crate::bindings::exports::helpscout::connector::auth as wit;
use crate::client::{AnyTransport, AppCredentials, Grant, TokenSet, transport::WasiTransport};

impl wit::Guest for Component {
    fn authorization_url(request: wit::AuthorizationRequest) -> Result<String> {
        Ok(auth::authorization_url(
            &request.client_id,
            request.state.as_deref(),
        )?)
    }

    fn describe() -> Result<wit::AuthDescription> {
        Ok(description())
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
        let transport: AnyTransport = Box::new(WasiTransport);
        let set = auth::token(transport, &request.base_url, &app, grant)?;
        Ok(token_set(set))
    }
}

fn credential_field(
    name: &str,
    label: &str,
    description: &str,
    secret: bool,
    used_by: &[wit::CredentialKind],
) -> wit::CredentialField {
    wit::CredentialField {
        name: name.into(),
        label: label.into(),
        description: description.into(),
        secret,
        used_by: used_by.to_vec(),
    }
}

fn description() -> wit::AuthDescription {
    use wit::CredentialKind::{AccessToken, AuthorizationCode, ClientCredentials};
    let field = credential_field;
    wit::AuthDescription {
        kinds: vec![AuthorizationCode, ClientCredentials, AccessToken],
        fields: vec![
            field(
                "client-id",
                "App ID",
                "The app's ID (Your Profile → My Apps).",
                false,
                &[AuthorizationCode, ClientCredentials],
            ),
            field(
                "client-secret",
                "App Secret",
                "The app's secret (Your Profile → My Apps).",
                true,
                &[AuthorizationCode, ClientCredentials],
            ),
            field(
                "access-token",
                "Access token",
                "A bearer token obtained elsewhere; it expires after two days.",
                true,
                &[AccessToken],
            ),
        ],
        authorize_url: auth::AUTHORIZE_URL.into(),
        default_base_url: auth::DEFAULT_BASE_URL.into(),
        token_path: auth::TOKEN_PATH.into(),
        token_lifetime_seconds: auth::TOKEN_LIFETIME_SECONDS,
        refresh_token_rotates: true,
        scopes: Vec::new(),
        app_setup: auth::APP_SETUP.into(),
        mappings: vec![
            mapping(
                AuthorizationCode,
                "access-token",
                "The token set `token` returns: pass its access token; before `expires-at`, \
                 refresh with its refresh token and store the new set (the refresh token \
                 rotates).",
            ),
            mapping(
                ClientCredentials,
                "client-credentials",
                "The App ID and secret; and the call meta's `minted-token`, passed back as \
                 `client-credentials.token` so the next call mints none (a 401 mints anew).",
            ),
            mapping(
                AccessToken,
                "access-token",
                "The token as given; it stops working after two days.",
            ),
        ],
        test_action: "test-connection".into(),
        client_authentication: wit::ClientAuthentication::RequestBody,
    }
}

fn mapping(kind: wit::CredentialKind, case: &str, keep: &str) -> wit::ConnectionMapping {
    wit::ConnectionMapping {
        kind,
        connection_case: case.into(),
        keep: keep.into(),
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
