//! The token endpoint (`POST {base}/v2/oauth2/token`, one grant per request) spoken by the
//! client: the request goes through the client's one send-and-retry path, without a bearer token.
//! Reference §1.2–1.4.

use super::{AppCredentials, Client, Method, Replay, Transport};
use crate::error::{Error, Result};
use serde::Deserialize;
use serde_json::json;

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

impl<T: Transport> Client<T> {
    /// `POST {base}/v2/oauth2/token` for one grant with the app's credentials. A client-credentials
    /// request is safe to repeat (a second one only mints another token), so it is retried like a
    /// read; exchanging a one-time code or a rotating refresh token is not: once Help Scout may
    /// have used it, the call ends with `unknown-outcome` saying what to do instead.
    pub fn request_token(&mut self, app: &AppCredentials, grant: Grant<'_>) -> Result<TokenSet> {
        require("clientId", &app.client_id)?;
        require("clientSecret", &app.client_secret)?;
        let mut body = json!({"client_id": app.client_id, "client_secret": app.client_secret});
        let (replay, advice) = match grant {
            Grant::AuthorizationCode(_) => (
                Replay::Unsafe,
                "Help Scout may have used the authorization code, which works once: send the user \
                 through the authorization URL again",
            ),
            Grant::RefreshToken(_) => (
                Replay::Unsafe,
                "Help Scout may have rotated the refresh token: try the stored one once more, and \
                 if it is refused the user must authorize again",
            ),
            Grant::ClientCredentials => (Replay::Safe, ""),
        };
        match grant {
            Grant::AuthorizationCode(code) => {
                require("code", code)?;
                body["grant_type"] = json!("authorization_code");
                body["code"] = json!(code);
            }
            Grant::RefreshToken(token) => {
                require("refreshToken", token)?;
                body["grant_type"] = json!("refresh_token");
                body["refresh_token"] = json!(token);
            }
            Grant::ClientCredentials => body["grant_type"] = json!("client_credentials"),
        }
        let url = self.base().endpoint(&["oauth2", "token"], &[]);
        let response = self
            .send_unauthenticated(Method::Post, url, &body, replay)
            .map_err(|e| match e {
                Error::UnknownOutcome(mut problem) => {
                    problem.message = format!("{} {advice}", problem.message);
                    Error::UnknownOutcome(problem)
                }
                other => other,
            })?;
        if response.status != 200 {
            let retry_after = response
                .header_u32("x-ratelimit-retry-after")
                .or_else(|| response.header_u32("retry-after"));
            let error = Error::from_token_status(response.status, &response.body, retry_after);
            return Err(error.with_context(response.header("correlation-id"), None));
        }
        parse_token(&response.body, now_unix())
    }
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

/// Token expiry is the host's business: its own clock.
fn now_unix() -> u64 {
    u64::try_from(crate::instant::host_now()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::testing::Scripted;
    use crate::client::{ApiBase, Request};
    use serde_json::Value;

    fn app() -> AppCredentials {
        AppCredentials {
            client_id: "id".into(),
            client_secret: "secret".into(),
        }
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
            url: url::Url::parse("http://h/v2/oauth2/token").unwrap(),
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
    fn refresh_sends_the_grant_without_a_bearer_and_maps_errors() {
        let mut t = Scripted::default().json(400, r#"{"error":"invalid_grant"}"#);
        let mut client = Client::new(&mut t, ApiBase::parse("http://h").unwrap());
        let err = client.request_token(&app(), Grant::RefreshToken("r1"));
        assert!(matches!(err, Err(Error::Unauthorized(_))));
        let sent: Value = serde_json::from_slice(&t.sent[0].body).unwrap();
        assert_eq!(sent["grant_type"], "refresh_token");
        assert_eq!(sent["refresh_token"], "r1");
        assert_eq!(t.sent[0].url.as_str(), "http://h/v2/oauth2/token");
        assert!(t.sent[0].headers.iter().all(|(k, _)| k != "authorization"));
    }

    #[test]
    fn a_rate_limited_token_request_waits_like_any_other_then_reports_the_wait() {
        let base = ApiBase::parse("http://h").unwrap();
        let token = r#"{"access_token":"fresh","expires_in":1}"#;
        let mut t = Scripted::default()
            .status(429, &[("X-RateLimit-Retry-After", "7")])
            .json(200, token);
        let mut client = Client::new(&mut t, base.clone());
        assert!(
            client
                .request_token(&app(), Grant::ClientCredentials)
                .is_ok()
        );
        assert_eq!(t.pauses, [7000]);
        let mut t = Scripted::default().status(429, &[("Retry-After", "900")]);
        let mut client = Client::new(&mut t, base);
        let err = client.request_token(&app(), Grant::ClientCredentials);
        assert_eq!(err.unwrap_err(), Error::RateLimited(900));
    }
}
