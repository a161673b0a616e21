//! Conversation status changes, as Help Scout makes them: every thread carries the
//! conversation's status after it, and a change made without a message (PATCH `/status`)
//! appends a line item (`lineitem.rs`, `action.type: "changed-ticket-status"`).

use super::{Conversation, State, Status};
use crate::model::lineitem::LineAction;

/// Sets a conversation's status; closing stamps `closedAt`/`closedBy`, reopening clears `closedAt`.
pub fn set_status(c: &mut Conversation, status: Status, by: u64, now: i64) {
    if status == Status::Closed && c.status != Status::Closed {
        c.closed_at = Some(now);
        c.closed_by = by;
    } else if status != Status::Closed {
        c.closed_at = None;
    }
    c.status = status;
}

impl State {
    /// Sets conversation `id`'s status as user `by` at `now`. When it really changes and no new
    /// thread already carries the new status (`carried`), appends a line item recording it.
    /// Returns whether the status changed.
    pub fn change_status(
        &mut self,
        id: u64,
        status: Status,
        by: u64,
        now: i64,
        carried: bool,
    ) -> bool {
        let Some(c) = self.conversations.get_mut(&id) else {
            return false;
        };
        let changed = c.status != status;
        set_status(c, status, by, now);
        if changed && !carried {
            self.push_lineitem(id, LineAction::Status, by, now);
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Thread;
    use crate::model::lineitem::action;
    use crate::seed;
    use serde_json::json;

    #[test]
    fn two_changes_in_one_second_leave_two_lineitems_in_order() {
        let mut st = seed::build(1, 100, 150);
        let id = 5_000_001;
        let before = st.conversations[&id].threads.len();
        let first = if st.conversations[&id].status == Status::Closed {
            Status::Active
        } else {
            Status::Closed
        };
        let now = 1_900_000_000;
        assert!(st.change_status(id, first, 301, now, false));
        assert!(st.change_status(id, Status::Pending, 302, now, false));
        assert!(!st.change_status(id, Status::Pending, 302, now, false));
        let c = &st.conversations[&id];
        assert_eq!(c.threads.len(), before + 2);
        assert_eq!(c.counted_threads(), before);
        let items: Vec<&Thread> = c.threads.iter().filter(|t| t.is_lineitem()).collect();
        assert_eq!(items.len(), 2);
        assert_eq!((items[0].status, items[1].status), (first, Status::Pending));
        assert!(items[0].id < items[1].id);
        assert!(
            items
                .iter()
                .all(|t| t.created_at == now && t.body.is_empty())
        );
        assert_eq!(c.threads.last().map(|t| t.id), Some(items[1].id));
        assert_eq!(
            action(&st, items[1]),
            json!({"type": "changed-ticket-status", "text": "Ben changed the status to Pending"})
        );
        assert_eq!(action(&st, &c.threads[0]), json!({"type": "default"}));
    }

    #[test]
    fn carried_changes_add_no_lineitem_but_stamp_closing() {
        let mut st = seed::build(1, 100, 150);
        let id = 5_000_002;
        st.change_status(id, Status::Active, 301, 10, true);
        let before = st.conversations[&id].threads.len();
        assert!(st.change_status(id, Status::Closed, 303, 20, true));
        let c = &st.conversations[&id];
        assert_eq!(c.threads.len(), before);
        assert_eq!((c.closed_at, c.closed_by), (Some(20), 303));
        assert!(!st.change_status(999, Status::Closed, 303, 20, false));
    }
}
