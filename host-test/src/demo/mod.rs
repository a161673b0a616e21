//! `host-test demo`: starts the embedded simulator, runs every action and auth flow through the
//! component with real checks, and prints a readable report. Exit 0 only when every step passes.

use crate::bindings::{Connection, ConnectorError, Credentials};
use crate::connect::load_component;
use crate::error_json::case_name;
use crate::outgoing::{Destination, Policy};
use crate::output::{EXIT_FAILED, EXIT_OK, emit_line, report_host_failure};
use crate::runtime::{Grant, Runtime};
use helpscout_simulator::{Simulator, SimulatorOptions, credentials};
use serde_json::Value;
use std::path::Path;

mod catalog;
mod platform;
mod triggers;
mod writes;

type Step = Result<String, String>;

/// Runs the demo; returns the exit status.
pub async fn demo(component: Option<&Path>) -> i32 {
    let setup = async {
        let bytes = load_component(component)?;
        let simulator = Simulator::start(SimulatorOptions::default()).await?;
        let policy = Policy::new([Destination::from_url(simulator.url())?]);
        let runtime = Runtime::new(&bytes, policy)?;
        anyhow::Ok((simulator, runtime))
    };
    let (simulator, runtime) = match setup.await {
        Ok(pair) => pair,
        Err(e) => return report_host_failure(&e),
    };
    emit_line(&format!(
        "Help Scout connector demo against the simulator at {}\n",
        simulator.url()
    ));
    let demo = Demo {
        runtime,
        url: simulator.url().to_string(),
    };
    let steps: Vec<(&str, Step)> = vec![
        ("catalog", demo.catalog().await),
        ("auth: client credentials", demo.client_credentials().await),
        (
            "auth: code exchange + refresh",
            demo.code_and_refresh().await,
        ),
        ("test-connection", demo.test_connection().await),
        (
            "options: dependent dropdown",
            demo.dependent_dropdown().await,
        ),
        ("list-mailboxes", demo.list_mailboxes().await),
        ("find-conversations (next)", demo.find_continued().await),
        ("find-conversations (filters)", demo.find_filtered().await),
        ("get-conversation", demo.get_conversation().await),
        ("create-conversation", demo.create_conversation().await),
        ("update-conversation", demo.update_conversation().await),
        (
            "create-thread (note + attachment)",
            demo.create_thread().await,
        ),
        ("find-customers", demo.find_customers().await),
        ("get-customer", demo.get_customer().await),
        ("create-customer", demo.create_customer().await),
        ("update-customer", demo.update_customer().await),
        (
            "replay: new-conversation",
            demo.replay_trigger(
                "convo.created",
                "get-conversation",
                r#"{"id": 5000002, "embedThreads": false}"#,
                "new-conversation",
            )
            .await,
        ),
        (
            "replay: status changed",
            demo.replay_trigger(
                "convo.status",
                "get-conversation",
                r#"{"id": 5000003, "embedThreads": false}"#,
                "conversation-status-changed",
            )
            .await,
        ),
        (
            "replay: new-customer",
            demo.replay_trigger(
                "customer.created",
                "get-customer",
                r#"{"id": 7000003}"#,
                "new-customer",
            )
            .await,
        ),
        ("webhook loop: 2 triggers, 1 URL", demo.local_loop().await),
        ("poll: new-customer", demo.poll_trigger().await),
        ("poll: note-added", demo.thread_trigger().await),
        ("tags: added, the others kept", demo.tag_added().await),
        ("replay: webhook-only triggers", demo.webhook_only().await),
        ("every action and polled trigger", demo.every_entry().await),
        ("error: partial update", demo.partial_update().await),
        ("error: bad custom field", demo.bad_custom_field().await),
        ("error: unknown conversation", demo.not_found().await),
        ("error: bad token", demo.bad_token().await),
        ("error: host outside allow-list", demo.denied().await),
    ];
    let failed = steps.iter().filter(|(_, r)| r.is_err()).count();
    for (name, result) in &steps {
        match result {
            Ok(summary) => emit_line(&format!("PASS  {name:<32} {summary}")),
            Err(reason) => emit_line(&format!("FAIL  {name:<32} {reason}")),
        }
    }
    emit_line(&format!(
        "\n{} passed, {failed} failed",
        steps.len() - failed
    ));
    simulator.shutdown().await;
    if failed == 0 { EXIT_OK } else { EXIT_FAILED }
}

pub(crate) struct Demo {
    pub(crate) runtime: Runtime,
    url: String,
}

impl Demo {
    pub(crate) fn connection(&self, token: &str) -> Connection {
        Connection {
            base_url: self.url.clone(),
            credentials: Credentials::AccessToken(token.into()),
            retry: None,
        }
    }

    /// Runs an action by name and parses its JSON output.
    pub(crate) async fn invoke(
        &self,
        conn: &Connection,
        name: &str,
        input: &str,
    ) -> Result<Value, String> {
        match self.runtime.invoke(conn, name, input).await {
            Ok(Ok(inv)) => serde_json::from_str(&inv.output_json).map_err(|e| e.to_string()),
            Ok(Err(e)) => Err(format!(
                "{}: {}",
                case_name(&e),
                crate::error_json::to_json(&e)["message"]
            )),
            Err(e) => Err(format!("host: {e:#}")),
        }
    }

    pub(crate) async fn run(&self, name: &str, input: &str) -> Result<Value, String> {
        self.invoke(&self.connection(credentials::ACCESS_TOKEN), name, input)
            .await
    }

    /// Runs an action expected to fail with `case`.
    pub(crate) async fn expect_error(
        &self,
        conn: &Connection,
        name: &str,
        input: &str,
        case: &str,
    ) -> Step {
        match self.runtime.invoke(conn, name, input).await {
            Ok(Err(e)) if case_name(&e) == case => Ok(format!("{case}: {}", message(&e))),
            Ok(Err(e)) => Err(format!("expected {case}, got {}", case_name(&e))),
            Ok(Ok(_)) => Err(format!("expected {case}, got success")),
            Err(e) => Err(format!("host: {e:#}")),
        }
    }

    async fn test_connection(&self) -> Step {
        let user = self.run("test-connection", "{}").await?;
        let bad = self.connection("not-a-token");
        let refused = self
            .expect_error(&bad, "test-connection", "{}", "unauthorized")
            .await?;
        Ok(format!(
            "the token belongs to user {} {} ({}); a wrong one: {refused}",
            user["id"], user["firstName"], user["email"]
        ))
    }

    async fn catalog(&self) -> Step {
        let entries = self.runtime.describe().await.map_err(|e| e.to_string())?;
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        let triggers = entries.iter().filter(|e| e.trigger.is_some()).count();
        Ok(format!(
            "{} actions, {triggers} triggers: {}",
            entries.len() - triggers,
            names.join(", ")
        ))
    }

    async fn client_credentials(&self) -> Step {
        let set = self
            .runtime
            .token(
                &self.url,
                credentials::CLIENT_ID,
                credentials::CLIENT_SECRET,
                Grant::ClientCredentials,
            )
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| case_name(&e).to_string())?;
        let conn = self.connection(&set.access_token);
        let out = self.invoke(&conn, "list-mailboxes", "{}").await?;
        Ok(format!(
            "token valid {} s; it lists {} mailboxes",
            set.expires_in,
            count(&out)
        ))
    }

    async fn code_and_refresh(&self) -> Step {
        let (id, secret) = (credentials::CLIENT_ID, credentials::CLIENT_SECRET);
        let grant = Grant::AuthorizationCode(credentials::AUTH_CODE);
        let first = self
            .runtime
            .token(&self.url, id, secret, grant)
            .await
            .map_err(|e| e.to_string())?;
        let first = first.map_err(|e| format!("code exchange: {}", case_name(&e)))?;
        let old = first.refresh_token.ok_or("no refresh token")?;
        let second = self
            .runtime
            .token(&self.url, id, secret, Grant::RefreshToken(&old))
            .await;
        let second = second
            .map_err(|e| e.to_string())?
            .map_err(|e| case_name(&e).to_string())?;
        let rotated = second.refresh_token.ok_or("no rotated refresh token")?;
        if rotated == old {
            return Err("refresh token did not rotate".into());
        }
        let reuse = self
            .runtime
            .token(&self.url, id, secret, Grant::RefreshToken(&old))
            .await;
        match reuse.map_err(|e| e.to_string())? {
            Err(ConnectorError::Unauthorized(_)) => {
                Ok("code → tokens; refresh rotates; old refresh token rejected".into())
            }
            other => Err(format!(
                "old refresh token not rejected: {:?}",
                other.map(|_| ())
            )),
        }
    }

    async fn list_mailboxes(&self) -> Step {
        let out = self
            .run(
                "list-mailboxes",
                r#"{"includeFolders": true, "includeFields": true}"#,
            )
            .await?;
        let items = out["items"].as_array().cloned().unwrap_or_default();
        let folders: usize = items
            .iter()
            .map(|m| m["folders"].as_array().map_or(0, Vec::len))
            .sum();
        let fields: usize = items
            .iter()
            .map(|m| m["fields"].as_array().map_or(0, Vec::len))
            .sum();
        if items.is_empty() || folders == 0 || fields == 0 {
            return Err("mailboxes, folders or fields missing".into());
        }
        Ok(format!(
            "{} mailboxes, {folders} folders, {fields} custom fields",
            items.len()
        ))
    }

    async fn find_filtered(&self) -> Step {
        let input = r#"{"status": "all", "tag": "vip", "query": "(subject:\"refund\" OR tag:\"vip\")", "limit": 500}"#;
        let out = self.run("find-conversations", input).await?;
        let items = out["items"].as_array().cloned().unwrap_or_default();
        let all_vip = items.iter().all(|c| {
            c["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|t| t["tag"] == "vip")
        });
        if items.is_empty() || !all_vip {
            return Err(format!(
                "{} results, all tagged vip: {all_vip}",
                items.len()
            ));
        }
        Ok(format!(
            "{} conversations tagged vip (tag + query filters)",
            items.len()
        ))
    }

    async fn get_conversation(&self) -> Step {
        let found = self.run("find-conversations", r#"{"limit": 1}"#).await?;
        let id = found["items"][0]["id"]
            .as_u64()
            .ok_or("no conversation to get")?;
        let out = self
            .run("get-conversation", &format!(r#"{{"id": {id}}}"#))
            .await?;
        let threads = out["_embedded"]["threads"].as_array().map_or(0, Vec::len);
        if out["id"].as_u64() != Some(id) || threads == 0 {
            return Err(format!("conversation {id} came back without threads"));
        }
        Ok(format!(
            "#{} \"{}\" with {threads} threads",
            out["number"],
            out["subject"].as_str().unwrap_or("")
        ))
    }

    async fn not_found(&self) -> Step {
        let conn = self.connection(credentials::ACCESS_TOKEN);
        self.expect_error(
            &conn,
            "get-conversation",
            r#"{"id": 999999999}"#,
            "not-found",
        )
        .await
    }

    async fn bad_token(&self) -> Step {
        let conn = self.connection("not-a-valid-token");
        self.expect_error(&conn, "list-mailboxes", "{}", "unauthorized")
            .await
    }

    async fn denied(&self) -> Step {
        let conn = Connection {
            base_url: "http://127.0.0.1:9".into(),
            credentials: Credentials::AccessToken(credentials::ACCESS_TOKEN.into()),
            retry: None,
        };
        self.expect_error(&conn, "list-mailboxes", "{}", "denied")
            .await
    }
}

fn count(out: &Value) -> usize {
    out["items"].as_array().map_or(0, Vec::len)
}

fn message(e: &ConnectorError) -> String {
    crate::error_json::to_json(e)["message"]
        .as_str()
        .unwrap_or("")
        .to_string()
}
