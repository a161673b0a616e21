//! OAuth2 steps for the host: the authorization URL a user is sent to, and the three grants of
//! the token endpoint (authorization code, refresh token, client credentials), each returning
//! the token set; the component stores nothing. The token endpoint itself is spoken by the
//! client (`client::oauth`).

use crate::client::{ApiBase, AppCredentials, Client, Grant, TokenSet, Transport};
use crate::error::{Error, Result};
use url::Url;

/// Where users are sent to authorize an app.
pub const AUTHORIZE_URL: &str =
    "https://secure.helpscout.net/authentication/authorizeClientApplication";

/// Help Scout's API, the default `connection.base-url`.
pub const DEFAULT_BASE_URL: &str = "https://api.helpscout.net";

/// The token endpoint under the base URL.
pub const TOKEN_PATH: &str = "/v2/oauth2/token";

/// An access token's lifetime (`expires_in`), two days (Authentication: "Access tokens expire
/// after 2 days").
pub const TOKEN_LIFETIME_SECONDS: u64 = 172_800;

/// Where a Help Scout admin creates the app the credentials belong to.
pub const APP_SETUP: &str = "Help Scout: Your Profile → My Apps → Create My App (App ID, App \
                             Secret, and the redirect URL for the authorization-code flow)";

/// `https://secure.helpscout.net/authentication/authorizeClientApplication?client_id=…&state=…`
pub fn authorization_url(client_id: &str, state: Option<&str>) -> Result<String> {
    if client_id.trim().is_empty() {
        return Err(Error::invalid("clientId", "must not be empty"));
    }
    let mut url = Url::parse(AUTHORIZE_URL).map_err(|e| Error::Other(e.to_string().into()))?;
    url.query_pairs_mut().append_pair("client_id", client_id);
    if let Some(state) = state {
        url.query_pairs_mut().append_pair("state", state);
    }
    Ok(url.into())
}

/// One grant at `{base_url}/v2/oauth2/token`.
pub fn token(
    transport: impl Transport,
    base_url: &str,
    app: &AppCredentials,
    grant: Grant<'_>,
) -> Result<TokenSet> {
    let base = ApiBase::parse(base_url)?;
    Client::new(transport, base).request_token(app, grant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_url_is_encoded() {
        let url = authorization_url("app 1", Some("a&b")).unwrap();
        assert_eq!(
            url,
            "https://secure.helpscout.net/authentication/authorizeClientApplication?client_id=app+1&state=a%26b"
        );
        assert!(authorization_url(" ", None).is_err());
    }
}
