//! Workflows: `list-workflows` (`GET /v2/workflows`, `mailboxId`, `type`, every page: List
//! Workflows, <https://developer.helpscout.com/mailbox-api/endpoints/workflows/list/>) and
//! `run-workflow` (`POST /v2/workflows/{id}/run` with `conversationIds`, at most 50, all in the
//! workflow's mailbox; "Only manual workflow can be executed this way": Run Manual Workflow).
//! A run is never repeated after an unknown outcome: its actions would apply twice.

use crate::bindings::exports::helpscout::connector::workflows as wit;
use crate::catalog::declare::*;
use crate::client::{Client, Method, Replay, Transport};
use crate::decode::{Validate, check_count};
use crate::error::{Error, Result};
use crate::ids::{ConversationId, MailboxId, WorkflowId};
use crate::resources::{Listed, wire};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A workflow's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum WorkflowType {
    Manual,
    Automatic,
}

/// Input of `list-workflows`.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListWorkflows {
    /// Only this mailbox's workflows.
    pub mailbox_id: Option<MailboxId>,
    /// Only manual (runnable) or automatic ones.
    #[serde(rename = "type")]
    pub kind: Option<WorkflowType>,
}

impl Validate for ListWorkflows {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// Every workflow (of a mailbox, of a type), every page.
pub fn list(client: &mut Client<impl Transport>, input: &ListWorkflows) -> Result<Listed> {
    let mut query = Vec::new();
    if let Some(mailbox) = input.mailbox_id {
        query.push(("mailboxId", mailbox.to_string()));
    }
    match input.kind {
        Some(WorkflowType::Manual) => query.push(("type", "manual".to_string())),
        Some(WorkflowType::Automatic) => query.push(("type", "automatic".to_string())),
        None => {}
    }
    Listed::read(client, &["workflows"], &query, "workflows")
}

/// Input of `run-workflow`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RunWorkflow {
    /// A manual workflow.
    pub id: WorkflowId,
    /// 1 to 50 conversations of the workflow's mailbox.
    pub conversation_ids: Vec<ConversationId>,
}

impl Validate for RunWorkflow {
    fn validate(&self) -> Result<()> {
        if self.conversation_ids.is_empty() {
            return Err(Error::invalid(
                "conversationIds",
                "needs at least one conversation",
            ));
        }
        check_count("conversationIds", self.conversation_ids.len(), 50)
    }
}

/// What `run-workflow` returns.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ran {
    pub id: u64,
    pub conversation_ids: Vec<ConversationId>,
    pub ran: bool,
}

/// Runs the manual workflow on the conversations.
pub fn run(client: &mut Client<impl Transport>, input: &RunWorkflow) -> Result<Ran> {
    input.validate()?;
    let id = input.id.segment();
    let body = json!({"conversationIds": input.conversation_ids});
    client.write(
        Method::Post,
        &["workflows", &id, "run"],
        Some(&body),
        Replay::Unsafe,
    )?;
    Ok(Ran {
        id: input.id.get(),
        conversation_ids: input.conversation_ids.clone(),
        ran: true,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireWorkflow {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(default, deserialize_with = "wire::id")]
    mailbox_id: u64,
    #[serde(default, deserialize_with = "wire::text")]
    name: String,
    #[serde(default, rename = "type", deserialize_with = "wire::text")]
    kind: String,
    #[serde(default, deserialize_with = "wire::text")]
    status: String,
}

/// A workflow's JSON text as the WIT record, the text kept in `raw-json`.
pub fn record(json: &str) -> Result<wit::Workflow> {
    let w: WireWorkflow = wire::parse_text(json, "workflow")?;
    Ok(wit::Workflow {
        id: w.id,
        mailbox_id: w.mailbox_id,
        name: w.name,
        kind: w.kind,
        status: w.status,
        raw_json: json.to_string(),
    })
}

/// `list-workflows`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "list-workflows",
    title: "List workflows",
    group: Group::Workflow,
    description: "List the account's workflows (GET /v2/workflows), every page; `mailboxId` and \
                  `type` (manual or automatic) narrow it.",
    files: files!("list-workflows"),
    option_fields: &[field("mailboxId", Source::Mailboxes)],
    effects: Effects::READ,
    paging: Paging::All,
    trigger: None,
    run: |client, input, _| json(&list(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<ListWorkflows>,
};

/// `run-workflow`, as the catalog declares it: a workflow may reply, close or move, and a second
/// run applies its actions again.
pub const RUN_ENTRY: Entry = Entry {
    name: "run-workflow",
    title: "Run a workflow",
    group: Group::Workflow,
    description: "Run a manual workflow on 1 to 50 conversations of its mailbox (POST \
                  /v2/workflows/{id}/run). Never repeated after an unknown outcome: a second run \
                  would apply the workflow's actions again.",
    files: files!("run-workflow"),
    option_fields: &[field("id", Source::Workflows)],
    effects: Effects::write(true, false),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&run(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<RunWorkflow>,
};

/// The workflow entries.
pub const ENTRIES: &[Entry] = &[ENTRY, RUN_ENTRY];
