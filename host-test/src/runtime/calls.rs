//! The component's exports as the host calls them: the catalog (`describe`, `invoke`,
//! `options`) with each call's outcome and meta, and the `auth` functions.

use super::Runtime;
use crate::bindings::{
    CallMeta, Connection, ConnectorError, Descriptor, Invocation, TokenSet, auth,
};
use crate::error_json::failure;

/// A call by name that succeeded: its output JSON and what it learnt.
#[derive(Debug, Clone)]
pub struct Invoked {
    pub output_json: String,
    pub meta: CallMeta,
}

/// A call by name: its output or typed error, and its meta when it started (a call that failed
/// part-way still reports the requests it made and a token it minted).
pub type Called = (Result<Invoked, ConnectorError>, Option<CallMeta>);

fn called(result: Result<Invocation, ConnectorError>) -> Called {
    match result {
        Ok(Invocation {
            outcome: Ok(output_json),
            meta,
        }) => (
            Ok(Invoked {
                output_json,
                meta: meta.clone(),
            }),
            Some(meta),
        ),
        Ok(Invocation {
            outcome: Err(e),
            meta,
        }) => (Err(e), Some(meta)),
        Err(e) => (Err(e), None),
    }
}

impl Runtime {
    pub async fn describe(&self) -> anyhow::Result<Vec<Descriptor>> {
        self.call_catalog(async |c, s| c.call_describe(s).await)
            .await?
            .map_err(|e| failure(&e).context("describe failed"))
    }

    /// Invokes an action by name with JSON input.
    pub async fn invoke(
        &self,
        conn: &Connection,
        name: &str,
        input: &str,
    ) -> anyhow::Result<Result<Invoked, ConnectorError>> {
        Ok(self.invoke_with_meta(conn, name, input).await?.0)
    }

    /// As `invoke`, with the call's meta also when it failed.
    pub async fn invoke_with_meta(
        &self,
        conn: &Connection,
        name: &str,
        input: &str,
    ) -> anyhow::Result<Called> {
        let result = self
            .call_catalog(async |c, s| c.call_invoke(s, conn, name, input).await)
            .await?;
        Ok(called(result))
    }

    /// The choices for one input `field` of the action `name`, given the form so far.
    pub async fn options(
        &self,
        conn: &Connection,
        name: &str,
        field: &str,
        input: &str,
    ) -> anyhow::Result<Called> {
        let result = self
            .call_catalog(async |c, s| c.call_options(s, conn, name, field, input).await)
            .await?;
        Ok(called(result))
    }

    /// The auth description a credential form is rendered from.
    pub async fn auth_description(&self) -> anyhow::Result<auth::AuthDescription> {
        self.call_auth(async |c, s| c.call_describe(s).await)
            .await?
            .map_err(|e| failure(&e).context("auth describe failed"))
    }

    pub async fn authorization_url(
        &self,
        client_id: &str,
        state: Option<&str>,
    ) -> anyhow::Result<Result<String, ConnectorError>> {
        let request = auth::AuthorizationRequest {
            client_id: client_id.to_string(),
            state: state.map(str::to_string),
        };
        self.call_auth(async |c, s| c.call_authorization_url(s, &request).await)
            .await
    }

    /// One grant of the token endpoint, through the component.
    pub async fn token(
        &self,
        base_url: &str,
        client_id: &str,
        client_secret: &str,
        grant: Grant<'_>,
    ) -> anyhow::Result<Result<TokenSet, ConnectorError>> {
        let request = auth::TokenRequest {
            base_url: base_url.to_string(),
            client_id: client_id.to_string(),
            client_secret: client_secret.to_string(),
            grant: match grant {
                Grant::ClientCredentials => auth::Grant::ClientCredentials,
                Grant::AuthorizationCode(code) => auth::Grant::AuthorizationCode(code.into()),
                Grant::RefreshToken(token) => auth::Grant::RefreshToken(token.into()),
            },
        };
        self.call_auth(async |c, s| c.call_token(s, &request).await)
            .await
    }
}

/// An OAuth2 grant the component can perform.
#[derive(Debug, Clone, Copy)]
pub enum Grant<'a> {
    ClientCredentials,
    AuthorizationCode(&'a str),
    RefreshToken(&'a str),
}
