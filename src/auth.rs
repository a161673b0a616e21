//! OAuth2 steps: the authorization URL, and the three grants of `POST /v2/oauth2/token`
//! (authorization code, refresh token, client credentials). Each returns the token set; the
//! component stores nothing.

use crate::client::{ApiBase, Method, Replay, Request, Transport, transport_error};
use crate::error::{Error, Result};
use serde::Deserialize;
use serde_json::{Value, json};
use url::Url;

/// Where users are sent to authorize an app.
pub const AUTHORIZE_URL: &str =
    "https://secure.helpscout.net/authentication/authorizeClientApplication";

/// A token set as the token endpoint returns it, plus its expiry instant. Its `Debug` hides the
/// tokens.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenSet {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: u64,
    pub expires_at: u64,
    pub refresh_token: Option<String>,
}

impl std::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSet")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("expires_at", &self.expires_at)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}

/// One grant of the token endpoint.
pub enum Grant<'a> {
    AuthorizationCode(&'a str),
    RefreshToken(&'a str),
    ClientCredentials,
}

/// `https://secure.helpscout.net/authentication/authorizeClientApplication?client_id=…&state=…`
pub fn authorization_url(client_id: &str, state: Option<&str>) -> Result<String> {
    require("clientId", client_id)?;
    let mut url = Url::parse(AUTHORIZE_URL).map_err(|e| Error::Other(e.to_string()))?;
    url.query_pairs_mut().append_pair("client_id", client_id);
    if let Some(state) = state {
        url.query_pairs_mut().append_pair("state", state);
    }
    Ok(url.into())
}

/// `POST {base}/v2/oauth2/token` for one grant.
pub fn request_token(
    transport: &mut impl Transport,
    base: &ApiBase,
    client_id: &str,
    client_secret: &str,
    grant: Grant<'_>,
) -> Result<TokenSet> {
    require("clientId", client_id)?;
    require("clientSecret", client_secret)?;
    let mut body = json!({"client_id": client_id, "client_secret": client_secret});
    let fields = match grant {
        Grant::AuthorizationCode(code) => {
            require("code", code)?;
            [("grant_type", "authorization_code"), ("code", code)]
        }
        Grant::RefreshToken(token) => {
            require("refreshToken", token)?;
            [("grant_type", "refresh_token"), ("refresh_token", token)]
        }
        Grant::ClientCredentials => [("grant_type", "client_credentials"), ("", "")],
    };
    for (key, value) in fields.into_iter().filter(|(k, _)| !k.is_empty()) {
        body[key] = Value::String(value.to_string());
    }
    let request = Request {
        method: Method::Post,
        url: base.endpoint(&["oauth2", "token"], &[]),
        headers: vec![
            (
                "content-type".into(),
                "application/json;charset=UTF-8".into(),
            ),
            ("accept".into(), "application/json".into()),
        ],
        body: serde_json::to_vec(&body).map_err(|e| Error::Other(e.to_string()))?,
    };
    // A token request is safe to repeat: an interrupted one is transient, not an unknown write.
    let response = transport
        .send(&request)
        .map_err(|e| transport_error(e, Replay::Safe))?;
    if response.status != 200 {
        let retry_after = response
            .header_u32("x-ratelimit-retry-after")
            .or_else(|| response.header_u32("retry-after"));
        return Err(Error::from_token_status(
            response.status,
            &response.body,
            retry_after,
        ));
    }
    parse_token(&response.body, now_unix())
}

#[derive(Deserialize)]
struct WireToken {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<String>,
}

/// Parses a token response; `now` is the current Unix time.
pub fn parse_token(body: &[u8], now: u64) -> Result<TokenSet> {
    let wire: WireToken = serde_json::from_slice(body)
        .map_err(|_| Error::Other("the token endpoint answered without an access_token".into()))?;
    if wire.access_token.is_empty() {
        return Err(Error::Other(
            "the token endpoint answered an empty access_token".into(),
        ));
    }
    let expires_in = wire.expires_in.unwrap_or(0);
    Ok(TokenSet {
        access_token: wire.access_token,
        token_type: wire
            .token_type
            .unwrap_or_else(|| "bearer".into())
            .to_ascii_lowercase(),
        expires_in,
        expires_at: now.saturating_add(expires_in),
        refresh_token: wire.refresh_token.filter(|t| !t.is_empty()),
    })
}

fn require(path: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        Err(Error::invalid(path, "must not be empty"))
    } else {
        Ok(())
    }
}

fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::testing::Scripted;

    #[test]
    fn authorization_url_is_encoded() {
        let url = authorization_url("app 1", Some("a&b")).unwrap();
        assert_eq!(
            url,
            "https://secure.helpscout.net/authentication/authorizeClientApplication?client_id=app+1&state=a%26b"
        );
        assert!(authorization_url(" ", None).is_err());
    }

    #[test]
    fn debug_output_hides_tokens_and_secrets() {
        let t = parse_token(
            br#"{"access_token":"tok-123","refresh_token":"ref-456","expires_in":1}"#,
            0,
        )
        .unwrap();
        let request = Request {
            method: Method::Post,
            url: Url::parse("http://h/v2/oauth2/token").unwrap(),
            headers: vec![("authorization".into(), "Bearer tok-123".into())],
            body: br#"{"client_secret":"sec-789"}"#.to_vec(),
        };
        let printed = format!("{t:?} {request:?}");
        for secret in ["tok-123", "ref-456", "sec-789"] {
            assert!(!printed.contains(secret), "{printed}");
        }
    }

    #[test]
    fn parses_token_sets() {
        let t = parse_token(br#"{"token_type":"Bearer","access_token":"a","expires_in":172800,"refresh_token":"r"}"#, 100).unwrap();
        assert_eq!((t.token_type.as_str(), t.expires_at), ("bearer", 172900));
        assert_eq!(t.refresh_token.as_deref(), Some("r"));
        assert!(parse_token(b"{}", 0).is_err());
    }

    #[test]
    fn refresh_sends_the_grant_and_maps_errors() {
        let mut t = Scripted::default().json(400, r#"{"error":"invalid_grant"}"#);
        let base = ApiBase::parse("http://h").unwrap();
        let err = request_token(
            &mut &mut t,
            &base,
            "id",
            "secret",
            Grant::RefreshToken("r1"),
        );
        assert!(matches!(err, Err(Error::Unauthorized(_))));
        let sent: Value = serde_json::from_slice(&t.sent[0].body).unwrap();
        assert_eq!(sent["grant_type"], "refresh_token");
        assert_eq!(sent["refresh_token"], "r1");
        assert_eq!(t.sent[0].url.as_str(), "http://h/v2/oauth2/token");
    }

    #[test]
    fn a_rate_limited_token_request_carries_the_servers_wait() {
        let base = ApiBase::parse("http://h").unwrap();
        for (header, wait) in [("X-RateLimit-Retry-After", 7), ("Retry-After", 9)] {
            let mut t = Scripted::default().status(429, &[(header, &wait.to_string())]);
            let err = request_token(&mut &mut t, &base, "id", "secret", Grant::ClientCredentials);
            assert_eq!(err.unwrap_err(), Error::RateLimited(wait));
        }
    }
}
