//! Every injected fault through the real component in the host: what is retried, what is
//! reported, and that no write is ever duplicated.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, ids, runtime};
use helpscout_simulator::Fault;
use host_test::bindings::{ClientCredentials, ConnectorError, Credentials, RetryPolicy};
use serde_json::Value;

fn fault(env: &Env, spec: &str) {
    env.sim.inject(spec.parse::<Fault>().unwrap());
}

fn hits(env: &Env) -> usize {
    env.sim
        .requests()
        .iter()
        .filter(|r| r.fault.is_some())
        .count()
}

const CREATE: &str = r#"{"subject": "Fault test", "mailboxId": 1003, "type": "email", "status": "active",
    "customer": {"id": 7000009}, "threads": [{"type": "customer", "customer": {"id": 7000009}, "text": "t"}]}"#;

async fn count_fault_conversations(env: &Env) -> usize {
    let found = env
        .ok(
            "find-conversations",
            r#"{"status": "all", "mailbox": 1003, "query": "(subject:\"Fault test\")"}"#,
        )
        .await;
    ids(&found).len()
}

#[test]
fn a_rate_limit_is_waited_out_and_reported_in_the_meta() {
    block_on(async {
        let env = Env::start().await;
        fault(&env, "429=1:GET:/v2/conversations:1");
        let inv = env
            .invoke("find-conversations", r#"{"limit": 5}"#)
            .await
            .unwrap();
        assert!(
            inv.meta.waited_ms >= 1000,
            "waited {} ms",
            inv.meta.waited_ms
        );
        assert_eq!(inv.meta.requests, 2);
        assert!(inv.meta.rate_limit_remaining.is_some() && inv.meta.rate_limit_limit.is_some());
        assert_eq!(hits(&env), 1);
        let inv = env
            .invoke(
                "update-conversation",
                r#"{"id": 5000010, "status": "pending"}"#,
            )
            .await
            .unwrap();
        assert_eq!(inv.meta.budget_used, 2, "a write costs 2");
    });
}

#[test]
fn a_rate_limit_longer_than_the_maximum_is_rate_limited_with_the_seconds() {
    block_on(async {
        let env = Env::start().await;
        fault(&env, "429=120:/v2/mailboxes");
        let e = env.err("list-mailboxes", "{}").await;
        assert!(matches!(e, ConnectorError::RateLimited(120)), "{e:?}");
        let mut conn = env.conn();
        conn.retry = Some(RetryPolicy {
            max_wait_seconds: 1,
            max_attempts: 4,
            max_total_seconds: 10,
        });
        env.sim.clear_faults();
        fault(&env, "429=2:/v2/mailboxes:1");
        let result = runtime()
            .invoke(&conn, "list-mailboxes", "{}")
            .await
            .unwrap();
        let e = result.unwrap_err();
        assert!(
            matches!(e, ConnectorError::RateLimited(2)),
            "the host's maximum (1 s) wins: {e:?}"
        );
    });
}

#[test]
fn server_errors_on_reads_and_idempotent_writes_are_retried() {
    block_on(async {
        let env = Env::start().await;
        for (spec, action, input) in [
            (
                "500:GET:/v2/conversations:1",
                "get-conversation",
                r#"{"id": 5000001}"#,
            ),
            ("502:GET:/v2/mailboxes:2", "list-mailboxes", "{}"),
            (
                "503:PATCH:/v2/conversations:1",
                "update-conversation",
                r#"{"id": 5000001, "subject": "after 503"}"#,
            ),
            (
                "504:PUT:/v2/conversations:1",
                "update-conversation",
                r#"{"id": 5000001, "tags": ["after-504"]}"#,
            ),
        ] {
            env.sim.clear_faults();
            fault(&env, spec);
            let inv = env.invoke(action, input).await;
            assert!(inv.is_ok(), "{spec}: {inv:?}");
        }
        let got = env.ok("get-conversation", r#"{"id": 5000001}"#).await;
        assert_eq!(got["subject"], "after 503");
    });
}

#[test]
fn persistent_server_errors_end_as_transient_after_the_attempts() {
    block_on(async {
        let env = Env::start().await;
        fault(&env, "503:GET:/v2/mailboxes");
        let e = env.err("list-mailboxes", "{}").await;
        assert!(matches!(e, ConnectorError::Transient(_)), "{e:?}");
        assert_eq!(hits(&env), 4, "4 attempts");
    });
}

#[test]
fn an_ambiguous_post_is_reported_and_never_duplicated() {
    block_on(async {
        let env = Env::start().await;
        for spec in [
            "reset-after:POST:/v2/conversations:1",
            "500:POST:/v2/conversations:1",
            "reset:POST:/v2/conversations:1",
        ] {
            env.sim.clear_faults();
            fault(&env, spec);
            let e = env.err("create-conversation", CREATE).await;
            assert!(
                matches!(e, ConnectorError::UnknownOutcome(_)),
                "{spec}: {e:?}"
            );
        }
        let posts = env
            .sim
            .requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path_and_query == "/v2/conversations")
            .count();
        assert_eq!(posts, 3, "one POST per call, never repeated");
        assert_eq!(
            count_fault_conversations(&env).await,
            1,
            "only reset-after processed its POST"
        );
        fault(&env, "429=1:POST:/v2/customers:1");
        let created = env
            .ok("create-customer", r#"{"firstName": "Retried"}"#)
            .await;
        assert!(
            created["id"].is_u64(),
            "a 429 means not processed: the POST is retried"
        );
    });
}

#[test]
fn resets_truncated_bodies_and_delays_on_reads() {
    block_on(async {
        let env = Env::start().await;
        fault(&env, "reset:GET:/v2/conversations:1");
        assert!(
            env.invoke("get-conversation", r#"{"id": 5000002}"#)
                .await
                .is_ok()
        );
        env.sim.clear_faults();
        fault(&env, "truncated:GET:/v2/conversations:1");
        assert!(
            env.invoke("find-conversations", r#"{"limit": 30}"#)
                .await
                .is_ok()
        );
        env.sim.clear_faults();
        fault(&env, "delay=300:GET:/v2/customers:1");
        assert!(
            env.invoke("get-customer", r#"{"id": 7000001}"#)
                .await
                .is_ok()
        );
        assert_eq!(hits(&env), 3);
    });
}

#[test]
fn invalid_json_is_a_typed_error() {
    block_on(async {
        let env = Env::start().await;
        fault(&env, "invalid-json:GET:/v2/conversations");
        let e = env.err("get-conversation", r#"{"id": 5000001}"#).await;
        assert!(
            matches!(&e, ConnectorError::Other(m) if m.message.contains("invalid JSON")),
            "{e:?}"
        );
    });
}

#[test]
fn an_expired_token_is_reminted_once_with_client_credentials_only() {
    block_on(async {
        let env = Env::start().await;
        let conn = env.conn_with(Credentials::ClientCredentials(ClientCredentials {
            client_id: "demo-client-id".into(),
            client_secret: "demo-client-secret".into(),
            token: None,
        }));
        fault(&env, "expire-token:GET:/v2/mailboxes:1");
        let inv = runtime()
            .invoke(&conn, "list-mailboxes", "{}")
            .await
            .unwrap()
            .unwrap();
        let tokens = env
            .sim
            .requests()
            .iter()
            .filter(|r| r.path_and_query == "/v2/oauth2/token")
            .count();
        assert_eq!(tokens, 2, "minted at the start and once more after the 401");
        assert!(inv.meta.minted_token.is_some());
        let output: Value = serde_json::from_str(&inv.output_json).unwrap();
        assert!(!output["items"].as_array().unwrap().is_empty());

        fault(&env, "expire-token:GET:/v2/mailboxes:1");
        let e = env.err("list-mailboxes", "{}").await;
        assert!(
            matches!(e, ConnectorError::Unauthorized(_)),
            "a user token goes back to the host to refresh"
        );
    });
}

#[test]
fn a_slow_first_byte_times_out_at_the_host_bound_and_reads_are_retried() {
    block_on(async {
        let env = Env::start().await;
        let policy =
            host_test::outgoing::Policy::new([host_test::outgoing::Destination::from_url(
                env.url(),
            )
            .unwrap()]);
        policy.set_first_byte_timeout(std::time::Duration::from_millis(300));
        let rt = host_test::runtime::Runtime::new(host_test::runtime::EMBEDDED_COMPONENT, policy)
            .unwrap();
        fault(&env, "delay=2000:GET:/v2/mailboxes:1");
        let ok = rt
            .invoke(&env.conn(), "list-mailboxes", "{}")
            .await
            .unwrap();
        assert!(ok.is_ok(), "the timed-out GET was retried: {ok:?}");
        fault(&env, "delay=2000:GET:/v2/customers");
        let e = rt
            .invoke(&env.conn(), "get-customer", r#"{"id": 7000001}"#)
            .await
            .unwrap()
            .unwrap_err();
        assert!(matches!(e, ConnectorError::Transient(_)), "{e:?}");
    });
}

#[test]
fn a_failed_read_back_after_a_create_is_partial_with_the_new_id() {
    block_on(async {
        let env = Env::start().await;
        fault(&env, "404:GET:/v2/conversations");
        let mut input: Value = serde_json::from_str(CREATE).unwrap();
        input["returnConversation"] = Value::Bool(true);
        let error = env.err("create-conversation", &input.to_string()).await;
        let ConnectorError::Partial(partial) = error else {
            panic!("expected partial, got {error:?}");
        };
        assert_eq!(partial.failed_step, "read-back");
        assert_eq!(partial.applied, ["create"]);
        env.sim.clear_faults();
        let id = partial.id.expect("the new conversation's id");
        let read = env
            .ok("get-conversation", &format!(r#"{{"id": {id}}}"#))
            .await;
        assert_eq!(
            read["subject"], "Fault test",
            "the conversation was created once"
        );
        assert_eq!(count_fault_conversations(&env).await, 1);
    });
}
