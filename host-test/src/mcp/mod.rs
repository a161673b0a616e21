//! `host-test mcp`: the component as a Model Context Protocol server on stdin/stdout (the `rmcp`
//! SDK). One tool per catalog entry plus `options`; a call runs the action through the component
//! in the same sandbox as `run` (allow-list, deadline, memory cap), its output as text and
//! `structuredContent`, a typed error as an `isError` result with the error JSON. Tools that write
//! to Help Scout are refused, with nothing sent, unless the server was started with
//! `--allow-writes`. Credentials stay in the host: a token minted with client credentials is kept
//! for the session, and no credential reaches any MCP message.

mod tools;

pub use tools::{Effect, OPTIONS_TOOL, writes};

use crate::bindings::{CallMeta, Connection, ConnectorError, Credentials};
use crate::connect::{GivenCredentials, Target, connect, load_component};
use crate::output::{EXIT_OK, report_host_failure};
use crate::runtime::Called;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::{Map, Value, json};
use std::path::Path;
use std::sync::Mutex;

/// What the server says about itself to the client (and so to the model).
const INSTRUCTIONS: &str = "Help Scout (Mailbox API 2.0) through a sandboxed WebAssembly \
    connector. Find and read conversations, customers, mailboxes and webhooks; `options` turns a \
    name into the id an input needs (mailbox, user, tag, custom field). Finds return at most \
    `limit` items; when `hasMore` is true, call again with the same input plus `next`. Tools \
    that write (readOnlyHint false) are refused unless the server runs with --allow-writes. An \
    `unknown-outcome` error means a write may have taken effect: look before retrying it.";

/// The MCP server over one component and one Help Scout connection.
pub struct Server {
    target: Target,
    descriptors: Vec<crate::bindings::Descriptor>,
    tools: Vec<Tool>,
    writes_allowed: bool,
    /// A token minted with client credentials, reused for the rest of the session.
    minted: Mutex<Option<String>>,
}

impl Server {
    /// The server for the component in `target`, its tools from the catalog.
    pub async fn new(target: Target, writes_allowed: bool) -> anyhow::Result<Self> {
        let descriptors = target.runtime.describe().await?;
        Ok(Server {
            tools: tools::tools(&descriptors, writes_allowed),
            descriptors,
            target,
            writes_allowed,
            minted: Mutex::new(None),
        })
    }

    /// The tools the server lists.
    pub fn tools(&self) -> &[Tool] {
        &self.tools
    }

    /// The requests the embedded simulator received (none when serving `--api`), for tests.
    pub fn simulator_requests(&self) -> Vec<helpscout_simulator::LoggedRequest> {
        self.target
            .simulator
            .as_ref()
            .map(|s| s.requests())
            .unwrap_or_default()
    }

    /// The connection for the next call: the session's minted token, when there is one.
    fn connection(&self) -> Connection {
        let mut connection = self.target.connection.clone();
        if let Credentials::ClientCredentials(cc) = &mut connection.credentials
            && let Ok(minted) = self.minted.lock()
            && minted.is_some()
        {
            cc.token.clone_from(&minted);
        }
        connection
    }

    fn remember(&self, meta: Option<&CallMeta>) {
        if let (Some(token), Ok(mut minted)) = (
            meta.and_then(|m| m.minted_token.as_ref()),
            self.minted.lock(),
        ) {
            *minted = Some(token.access_token.clone());
        }
    }

    /// Runs one tool; the MCP result (a refused write and a typed error are `isError` results).
    pub async fn call(
        &self,
        name: &str,
        arguments: Map<String, Value>,
    ) -> Result<CallToolResult, ErrorData> {
        if name == OPTIONS_TOOL {
            return self.options(arguments).await;
        }
        let Some(descriptor) = self.descriptors.iter().find(|d| d.name == name) else {
            return Err(ErrorData::invalid_params(
                format!("no tool named {name:?}"),
                None,
            ));
        };
        if writes(descriptor, &arguments) && !self.writes_allowed {
            return Ok(refused(name));
        }
        let input = Value::Object(arguments).to_string();
        let called = self
            .target
            .runtime
            .invoke_with_meta(&self.connection(), name, &input)
            .await;
        self.result(called)
    }

    async fn options(&self, arguments: Map<String, Value>) -> Result<CallToolResult, ErrorData> {
        let text = |key: &str| {
            arguments
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let (action, field) = (text("action"), text("field"));
        if action.is_empty() || field.is_empty() {
            return Err(ErrorData::invalid_params(
                "options needs `action` and `field`",
                None,
            ));
        }
        let form = arguments.get("input").cloned().unwrap_or_else(|| json!({}));
        let called = self
            .target
            .runtime
            .options(&self.connection(), &action, &field, &form.to_string())
            .await;
        self.result(called)
    }

    fn result(&self, called: anyhow::Result<Called>) -> Result<CallToolResult, ErrorData> {
        let (outcome, meta) =
            called.map_err(|e| ErrorData::internal_error(format!("host: {e:#}"), None))?;
        self.remember(meta.as_ref());
        Ok(match outcome {
            Ok(invoked) => match serde_json::from_str::<Value>(&invoked.output_json) {
                Ok(output) => CallToolResult::structured(output),
                Err(_) => CallToolResult::success(vec![ContentBlock::text(invoked.output_json)]),
            },
            Err(error) => typed_error(&error),
        })
    }
}

/// A typed error as an `isError` result carrying the error JSON (`{"error": "<case>", …}`).
fn typed_error(error: &ConnectorError) -> CallToolResult {
    let json = crate::error_json::to_json(error);
    CallToolResult::error(vec![ContentBlock::text(json.to_string())])
}

/// A write refused because the server is read-only; nothing was sent.
fn refused(name: &str) -> CallToolResult {
    let json = json!({
        "error": "read-only",
        "message": format!("{name} writes to Help Scout; this server is read-only (start it with --allow-writes). Nothing was sent."),
    });
    CallToolResult::error(vec![ContentBlock::text(json.to_string())])
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        let mut info = ServerConfig::new(ServerCapabilities::builder().enable_tools().build());
        info.server_info = Implementation::new("helpscout-connector", env!("CARGO_PKG_VERSION"));
        info.instructions = Some(INSTRUCTIONS.into());
        info
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.tools.clone()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let arguments = request.arguments.unwrap_or_default();
        Ok(self.call(&request.name, arguments).await?.into())
    }
}

/// `host-test mcp`: serves until the client closes stdin.
pub async fn serve(
    component: Option<&Path>,
    api: Option<&str>,
    credentials: &GivenCredentials,
    writes_allowed: bool,
) -> i32 {
    let started = async {
        let bytes = load_component(component)?;
        let target = connect(&bytes, api, credentials).await?;
        Server::new(target, writes_allowed).await
    };
    let server = match started.await {
        Ok(server) => server,
        Err(e) => return report_host_failure(&e),
    };
    let mode = if writes_allowed {
        "writes allowed"
    } else {
        "read-only"
    };
    eprintln!(
        "host-test mcp: {} tools, {mode}, on stdio",
        server.tools.len()
    );
    let running = match server.serve(rmcp::transport::stdio()).await {
        Ok(running) => running,
        Err(e) => return report_host_failure(&anyhow::anyhow!("MCP initialization failed: {e}")),
    };
    match running.waiting().await {
        Ok(_) => EXIT_OK,
        Err(e) => report_host_failure(&anyhow::anyhow!("the MCP server stopped: {e}")),
    }
}
