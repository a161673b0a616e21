//! The `workflows` exports.

use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{types, workflows as ww};
use crate::error::Error;
use crate::ids::{checked, checked_all};
use crate::resources::workflows::{self as resource, ListWorkflows, RunWorkflow, WorkflowType};

impl ww::Guest for Component {
    fn list_workflows(
        conn: types::Connection,
        input: ww::ListWorkflowsInput,
    ) -> Result<Vec<ww::Workflow>> {
        let input = ListWorkflows {
            mailbox_id: input
                .mailbox_id
                .map(|m| checked("mailboxId", m))
                .transpose()?,
            kind: input.kind.map(|k| match k {
                ww::WorkflowKind::Manual => WorkflowType::Manual,
                ww::WorkflowKind::Automatic => WorkflowType::Automatic,
            }),
        };
        let listed = resource::list(&mut open(conn)?, &input)?;
        Ok(listed
            .texts()
            .map(resource::record)
            .collect::<std::result::Result<_, Error>>()?)
    }

    fn run_workflow(conn: types::Connection, input: ww::RunWorkflowInput) -> Result<()> {
        let input = RunWorkflow {
            id: checked("id", input.id)?,
            conversation_ids: checked_all("conversationIds", &input.conversation_ids)?,
        };
        resource::run(&mut open(conn)?, &input)?;
        Ok(())
    }
}
