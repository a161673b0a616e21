//! The model of the account: what the soak's activity did, by Help Scout's rules as its pages
//! state them (independently of the simulator's code), and so which events every trigger must
//! report. A change is `(trigger, object id, detail)`: the detail is what both a webhook body and
//! a polled event tell about the change (a status change's new status), so the expected
//! multiset of changes can be compared with what each way of consuming the triggers reported.

use std::collections::BTreeMap;

/// One change a trigger must report exactly once.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub trigger: &'static str,
    pub object: u64,
    pub detail: String,
}

/// A conversation as the model knows it.
#[derive(Debug, Clone, Default)]
pub struct Conversation {
    pub status: String,
    pub assignee: Option<u64>,
    pub tags: Vec<String>,
    /// Texts of the threads the soak added (each text is unique).
    pub threads: Vec<String>,
}

#[derive(Default)]
pub struct Model {
    pub conversations: BTreeMap<u64, Conversation>,
    /// Customers the activity may use (seeded or created by it).
    pub customers: Vec<u64>,
    /// Subjects of the conversations the activity created, and names of its customers: each
    /// must exist exactly once.
    pub created_subjects: Vec<String>,
    pub created_names: Vec<String>,
    pub expected: Vec<Change>,
}

/// The kinds of thread the activity adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadKind {
    Reply,
    Note,
    Customer,
}

impl ThreadKind {
    pub fn name(self) -> &'static str {
        match self {
            ThreadKind::Reply => "reply",
            ThreadKind::Note => "note",
            ThreadKind::Customer => "customer",
        }
    }
}

impl Model {
    fn expect(&mut self, trigger: &'static str, object: u64, detail: impl Into<String>) {
        self.expected.push(Change {
            trigger,
            object,
            detail: detail.into(),
        });
    }

    /// A conversation the activity may change (seeded: its state read at the start).
    pub fn knows(&mut self, id: u64, status: &str, assignee: Option<u64>, tags: Vec<String>) {
        self.conversations.insert(
            id,
            Conversation {
                status: status.to_string(),
                assignee,
                tags,
                threads: Vec::new(),
            },
        );
    }

    /// `create-conversation` took effect (Create Conversation; a customer given by a new e-mail
    /// is created with it, which `customer.created` reports).
    pub fn conversation_created(
        &mut self,
        (id, status, assignee): (u64, &str, Option<u64>),
        subject: &str,
        new_customer: Option<u64>,
    ) {
        self.knows(id, status, assignee, Vec::new());
        self.created_subjects.push(subject.to_string());
        self.expect("new-conversation", id, "");
        if let Some(customer) = new_customer {
            self.customer_created(customer, None);
        }
    }

    pub fn customer_created(&mut self, id: u64, name: Option<&str>) {
        self.customers.push(id);
        if let Some(name) = name {
            self.created_names.push(name.to_string());
        }
        self.expect("new-customer", id, "");
    }

    /// The conversation's status became `status` (a change only when it differs).
    pub fn status_set(&mut self, id: u64, status: &str) {
        let Some(c) = self.conversations.get_mut(&id) else {
            return;
        };
        if c.status != status {
            c.status = status.to_string();
            self.expect("conversation-status-changed", id, status);
        }
    }

    /// The conversation's assignee became `assignee` (a change only when it differs).
    pub fn assigned(&mut self, id: u64, assignee: Option<u64>) {
        let Some(c) = self.conversations.get_mut(&id) else {
            return;
        };
        if c.assignee != assignee {
            c.assignee = assignee;
            self.expect("conversation-assigned", id, assignee_detail(assignee));
        }
    }

    /// The conversation's tags were set (Help Scout reports every tags write).
    pub fn tagged(&mut self, id: u64, tags: Vec<String>) {
        if let Some(c) = self.conversations.get_mut(&id) {
            c.tags = tags;
            self.expect("tags-changed", id, "");
        }
    }

    /// The customer changed (Help Scout reports every change).
    pub fn customer_updated(&mut self, id: u64) {
        self.expect("customer-updated", id, "");
    }

    /// A thread was added, with the status and assignee its request asked for. A reply
    /// reactivates the conversation unless a status is given ("If not explicitly set, a reply
    /// thread will reactivate the conversation", Create Reply); a customer thread re-opens it
    /// unless imported (Create Customer Thread); a note changes it only when asked
    /// (`inbox_predefined` leaves it). Each thread fires its reply or note trigger.
    pub fn thread_added(
        &mut self,
        (id, kind, text): (u64, ThreadKind, &str),
        status: Option<&str>,
        assign: Option<Option<u64>>,
    ) {
        let Some(c) = self.conversations.get_mut(&id) else {
            return;
        };
        c.threads.push(text.to_string());
        let trigger = match kind {
            ThreadKind::Reply => "agent-replied",
            ThreadKind::Note => "note-added",
            ThreadKind::Customer => "customer-replied",
        };
        self.expect(trigger, id, "");
        let after = match (kind, status) {
            (ThreadKind::Note, Some("inbox_predefined")) | (ThreadKind::Note, None) => None,
            (_, Some(s)) => Some(s),
            (ThreadKind::Reply, None) | (ThreadKind::Customer, None) => Some("active"),
        };
        if let Some(status) = after {
            self.status_set(id, status);
        }
        if let Some(assignee) = assign {
            self.assigned(id, assignee);
        }
    }

    /// Every expected change of `trigger`.
    pub fn expected_of(&self, trigger: &str) -> Vec<Change> {
        self.expected
            .iter()
            .filter(|c| c.trigger == trigger)
            .cloned()
            .collect()
    }
}

/// What an assignment change says: the new assignee's id, or `none`.
pub fn assignee_detail(assignee: Option<u64>) -> String {
    assignee.map_or("none".to_string(), |id| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_the_thread_rules() {
        let mut m = Model::default();
        m.knows(1, "closed", None, Vec::new());
        m.thread_added((1, ThreadKind::Note, "a"), None, None);
        m.thread_added((1, ThreadKind::Note, "b"), Some("inbox_predefined"), None);
        assert!(m.expected_of("conversation-status-changed").is_empty());
        m.thread_added((1, ThreadKind::Reply, "c"), None, Some(Some(301)));
        m.thread_added(
            (1, ThreadKind::Reply, "d"),
            Some("pending"),
            Some(Some(301)),
        );
        m.status_set(1, "pending");
        m.thread_added((1, ThreadKind::Customer, "e"), None, None);
        let details: Vec<String> = m
            .expected_of("conversation-status-changed")
            .into_iter()
            .map(|c| c.detail)
            .collect();
        assert_eq!(details, ["active", "pending", "active"]);
        assert_eq!(m.expected_of("conversation-assigned").len(), 1);
        assert_eq!(m.expected_of("note-added").len(), 2);
    }
}
