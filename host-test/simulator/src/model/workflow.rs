//! Workflows (<https://developer.helpscout.com/mailbox-api/endpoints/workflows/list/>): per
//! mailbox, `manual` ones an API client can run on conversations and `automatic` ones the app
//! runs. What a seeded manual workflow does is the simulator's own (Invented: the API does not
//! expose workflow actions); a run leaves a `manual-workflow` line item on each conversation, as
//! List Threads' example shows ("You ran the … workflow").

use super::lineitem::LineAction;
use super::{State, Status};

/// What running a workflow does to a conversation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Sets the status to closed.
    Close,
    /// Adds a tag.
    Tag(String),
    /// Nothing the simulator models (automatic workflows).
    Nothing,
}

pub struct Workflow {
    pub id: u64,
    pub mailbox_id: u64,
    /// `manual` or `automatic`.
    pub kind: &'static str,
    /// `active`, `inactive` or `invalid`.
    pub status: &'static str,
    pub order: u32,
    pub name: String,
    pub created_at: i64,
    pub modified_at: i64,
    pub effect: Effect,
}

/// The webhook events a run caused on one conversation.
pub struct RunEvents {
    pub status: bool,
    pub tags: bool,
}

impl State {
    pub fn workflow(&self, id: u64) -> Option<&Workflow> {
        self.workflows.iter().find(|w| w.id == id)
    }

    /// Runs `effect` (of the workflow named `name`) on conversation `id` as user `by` at `now`:
    /// the change, then a line item recording the run (carrying the new status).
    pub fn run_workflow(
        &mut self,
        id: u64,
        name: &str,
        effect: &Effect,
        by: u64,
        now: i64,
    ) -> RunEvents {
        let mut events = RunEvents {
            status: false,
            tags: false,
        };
        match effect {
            Effect::Close => events.status = self.change_status(id, Status::Closed, by, now, true),
            Effect::Tag(tag) => {
                let tag = self.ensure_tag(tag);
                if let Some(c) = self.conversations.get_mut(&id)
                    && !c.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag))
                {
                    c.tags.push(tag);
                    events.tags = true;
                }
            }
            Effect::Nothing => {}
        }
        self.push_lineitem(id, LineAction::Workflow(name.to_string()), by, now);
        if let Some(c) = self.conversations.get_mut(&id) {
            c.modified_at = now;
        }
        events
    }
}
