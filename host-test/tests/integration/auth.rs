//! OAuth2 steps and credential handling through the real component against the simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, runtime};
use helpscout_simulator::credentials::{
    ACCESS_TOKEN, AUTH_CODE, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN,
};
use host_test::bindings::{ClientCredentials, ConnectorError, Credentials};
use host_test::runtime::Grant;

#[test]
fn authorization_url_is_help_scouts() {
    block_on(async {
        let url = runtime()
            .authorization_url(CLIENT_ID, Some("xyz"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            url,
            "https://secure.helpscout.net/authentication/authorizeClientApplication?client_id=demo-client-id&state=xyz"
        );
    });
}

#[test]
fn client_credentials_token_works_for_api_calls() {
    block_on(async {
        let env = Env::start().await;
        let set = runtime()
            .token(
                env.url(),
                CLIENT_ID,
                CLIENT_SECRET,
                Grant::ClientCredentials,
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (set.token_type.as_str(), set.expires_in),
            ("bearer", 172800)
        );
        assert!(set.refresh_token.is_none());
        assert!(set.expires_at > 1_700_000_000);
        let conn = env.conn_with(Credentials::AccessToken(set.access_token));
        let out = runtime()
            .invoke(&conn, "list-mailboxes", "{}")
            .await
            .unwrap();
        assert!(out.is_ok(), "{out:?}");
    });
}

#[test]
fn code_exchange_then_refresh_rotates_and_retires_the_old_token() {
    block_on(async {
        let env = Env::start().await;
        let rt = runtime();
        let first = rt
            .token(
                env.url(),
                CLIENT_ID,
                CLIENT_SECRET,
                Grant::AuthorizationCode(AUTH_CODE),
            )
            .await
            .unwrap()
            .unwrap();
        let old = first.refresh_token.unwrap();
        let reused_code = rt
            .token(
                env.url(),
                CLIENT_ID,
                CLIENT_SECRET,
                Grant::AuthorizationCode(AUTH_CODE),
            )
            .await
            .unwrap();
        assert!(
            matches!(reused_code, Err(ConnectorError::Unauthorized(_))),
            "{reused_code:?}"
        );
        let second = rt
            .token(
                env.url(),
                CLIENT_ID,
                CLIENT_SECRET,
                Grant::RefreshToken(&old),
            )
            .await
            .unwrap()
            .unwrap();
        let new = second.refresh_token.unwrap();
        assert_ne!(new, old);
        assert_ne!(second.access_token, first.access_token);
        let again = rt
            .token(
                env.url(),
                CLIENT_ID,
                CLIENT_SECRET,
                Grant::RefreshToken(&old),
            )
            .await
            .unwrap();
        assert!(
            matches!(again, Err(ConnectorError::Unauthorized(_))),
            "{again:?}"
        );
        let seeded = rt
            .token(
                env.url(),
                CLIENT_ID,
                CLIENT_SECRET,
                Grant::RefreshToken(REFRESH_TOKEN),
            )
            .await
            .unwrap();
        assert!(seeded.is_ok(), "{seeded:?}");
    });
}

#[test]
fn wrong_client_secret_is_unauthorized() {
    block_on(async {
        let env = Env::start().await;
        let result = runtime()
            .token(env.url(), CLIENT_ID, "wrong", Grant::ClientCredentials)
            .await
            .unwrap();
        match result {
            Err(ConnectorError::Unauthorized(message)) => {
                assert!(!message.message.contains("wrong"))
            }
            other => panic!("{other:?}"),
        }
    });
}

#[test]
fn client_credentials_connection_mints_and_hands_back_the_token() {
    block_on(async {
        let env = Env::start().await;
        let conn = env.conn_with(Credentials::ClientCredentials(ClientCredentials {
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            token: None,
        }));
        let inv = runtime()
            .invoke(&conn, "list-mailboxes", "{}")
            .await
            .unwrap()
            .unwrap();
        let minted = inv.meta.minted_token.expect("minted token handed back");
        assert!(!minted.access_token.is_empty());
        assert_eq!(inv.meta.requests, 2);
        assert!(inv.meta.rate_limit_remaining.is_some() && inv.meta.rate_limit_limit.is_some());

        // The host passes the minted token back: no token request, and nothing new to store.
        let cached = env.conn_with(Credentials::ClientCredentials(ClientCredentials {
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            token: Some(minted.access_token.clone()),
        }));
        let before = env.sim.requests().len();
        let inv = runtime()
            .invoke(&cached, "list-mailboxes", "{}")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(inv.meta.requests, 1);
        assert!(inv.meta.minted_token.is_none());
        assert_eq!(env.sim.requests().len(), before + 1);

        // A stale cached token is refused once, then replaced by a fresh one.
        let stale = env.conn_with(Credentials::ClientCredentials(ClientCredentials {
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            token: Some("stale-token".into()),
        }));
        let inv = runtime()
            .invoke(&stale, "list-mailboxes", "{}")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(inv.meta.requests, 3, "401, token, retry");
        assert!(inv.meta.minted_token.is_some());
    });
}

#[test]
fn missing_expired_or_unknown_tokens_are_unauthorized() {
    block_on(async {
        let env = Env::start().await;
        for token in ["", "nope"] {
            let conn = env.conn_with(Credentials::AccessToken(token.into()));
            let result = runtime()
                .invoke(&conn, "list-mailboxes", "{}")
                .await
                .unwrap();
            assert!(
                matches!(result, Err(ConnectorError::Unauthorized(_))),
                "{token:?}: {result:?}"
            );
        }
        env.sim.expire_access_token(ACCESS_TOKEN);
        let e = env.err("list-mailboxes", "{}").await;
        assert!(matches!(e, ConnectorError::Unauthorized(_)), "{e:?}");
    });
}
