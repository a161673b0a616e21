//! `lineitem` threads: what Help Scout shows in a conversation for a change made without a
//! message. They carry the conversation's status and assignee after the change and no body, and
//! never count towards the 100-thread limit. Their `action.type` values `changed-ticket-status`
//! and `changed-ticket-assignee`: Third-party code (FreeScout's Help Scout import, a Swift
//! client) names them; no Help Scout page lists action types. `manual-workflow` with "You ran the …
//! workflow" is List Threads' example
//! (<https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/list/>).

use serde_json::{Value, json};

use super::{Actor, Conversation, State, Status, Thread, take};

/// The stored (and rendered) type of a line item.
pub const LINEITEM: &str = "lineitem";

/// What a line item records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineAction {
    /// A status change (`changed-ticket-status`).
    Status,
    /// An assignee change (`changed-ticket-assignee`).
    Assignee,
    /// A manual workflow run (`manual-workflow`), with the workflow's name.
    Workflow(String),
}

impl Thread {
    pub fn is_lineitem(&self) -> bool {
        self.kind == LINEITEM
    }
}

impl Conversation {
    /// Threads counted against the 100-thread limit (line items are not).
    pub fn counted_threads(&self) -> usize {
        self.threads.iter().filter(|t| !t.is_lineitem()).count()
    }
}

impl State {
    /// Appends a line item to conversation `id`, made by user `by` at `now`, carrying the
    /// conversation's current status and assignee.
    pub fn push_lineitem(&mut self, id: u64, action: LineAction, by: u64, now: i64) {
        let thread_id = take(&mut self.ids.thread);
        let Some(c) = self.conversations.get_mut(&id) else {
            return;
        };
        c.threads.push(Thread {
            id: thread_id,
            kind: LINEITEM.to_string(),
            status: c.status,
            body: String::new(),
            created_by: Actor::User(by),
            customer_id: c.primary_customer,
            assigned_to: c.assignee,
            to: Vec::new(),
            cc: Vec::new(),
            bcc: Vec::new(),
            created_at: now,
            draft: false,
            attachments: Vec::new(),
            action: Some(action),
            hidden: false,
            original_body: None,
        });
        // Stable: same-second threads keep their insertion order.
        c.threads.sort_by_key(|t| t.created_at);
    }
}

/// `Closed`, `Active`, ... as the line-item text spells it.
fn label(status: Status) -> &'static str {
    match status {
        Status::Active => "Active",
        Status::Pending => "Pending",
        Status::Closed => "Closed",
        Status::Spam => "Spam",
    }
}

/// The `action` object of a rendered thread.
pub fn action(st: &State, t: &Thread) -> Value {
    let Some(a) = t.action.as_ref().filter(|_| t.is_lineitem()) else {
        return json!({"type": "default"});
    };
    match a {
        LineAction::Status => {
            let who = match t.created_by {
                Actor::User(id) => st.user(id).map_or("Someone", |u| u.first_name.as_str()),
                Actor::Customer(_) => "The customer",
            };
            let text = format!("{who} changed the status to {}", label(t.status));
            json!({"type": "changed-ticket-status", "text": text})
        }
        LineAction::Assignee => {
            let text = match t.assigned_to.and_then(|id| st.user(id)) {
                Some(u) => format!("Assigned to {} {}", u.first_name, u.last_name),
                None => "Unassigned".to_string(),
            };
            json!({"type": "changed-ticket-assignee", "text": text})
        }
        LineAction::Workflow(name) => json!({
            "type": "manual-workflow",
            "text": format!("You ran the {name} workflow"),
            "associatedEntities": {},
        }),
    }
}
