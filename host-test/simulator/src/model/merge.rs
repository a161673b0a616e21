//! Merged conversations (Get Conversation,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/get/>: "When a
//! conversation is merged with another conversation, it is no longer accessible. The request will
//! return a HTTP 301 Moved Permanently status code and the response will contain a Location
//! header with the URI of the new conversation"). Help Scout has no public merge endpoint; the
//! simulator merges on request of a test ([`crate::Simulator::merge`]). The merged conversation
//! leaves every list and search; its threads join the one it was merged into.

use super::State;

impl State {
    /// Merges conversation `from` into `into` at `now`: `from`'s threads move over (ids and
    /// times kept, `into`'s threads re-sorted by `createdAt`), `into` is modified, `from` is gone
    /// and remembered as merged. `false` (nothing done) when either is unknown or they are the
    /// same.
    pub fn merge(&mut self, from: u64, into: u64, now: i64) -> bool {
        if from == into || !self.conversations.contains_key(&into) {
            return false;
        }
        let Some(gone) = self.conversations.remove(&from) else {
            return false;
        };
        if let Some(c) = self.conversations.get_mut(&into) {
            c.threads.extend(gone.threads);
            // Stable: same-second threads keep their order.
            c.threads.sort_by_key(|t| t.created_at);
            c.modified_at = now;
        }
        self.merged.insert(from, into);
        true
    }

    /// Where a merged conversation lives now (following merges of merges), if `id` was merged
    /// into a conversation that still exists.
    pub fn merged_into(&self, id: u64) -> Option<u64> {
        let mut at = id;
        // Each step follows one merge; a chain cannot be longer than the merges made.
        for _ in 0..=self.merged.len() {
            if at != id && self.conversations.contains_key(&at) {
                return Some(at);
            }
            at = *self.merged.get(&at)?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::seed;

    #[test]
    fn threads_move_and_chains_resolve() {
        let mut st = seed::build(1, 100, 150);
        let (a, b, c) = (5_000_001, 5_000_002, 5_000_003);
        let moved: Vec<u64> = st.conversations[&a].threads.iter().map(|t| t.id).collect();
        let before = st.conversations[&b].threads.len();
        assert!(st.merge(a, b, 2_000_000_000));
        assert!(!st.merge(a, b, 2_000_000_000), "already gone");
        assert!(!st.merge(b, b, 2_000_000_000));
        assert!(!st.conversations.contains_key(&a));
        let into = &st.conversations[&b];
        assert_eq!(into.threads.len(), before + moved.len());
        assert!(
            moved
                .iter()
                .all(|id| into.threads.iter().any(|t| t.id == *id))
        );
        assert!(
            into.threads
                .windows(2)
                .all(|w| w[0].created_at <= w[1].created_at)
        );
        assert_eq!(into.modified_at, 2_000_000_000);
        assert_eq!(st.merged_into(a), Some(b));
        assert_eq!(st.merged_into(b), None, "live");
        assert!(st.merge(b, c, 2_000_000_001));
        assert_eq!(st.merged_into(a), Some(c));
        st.conversations.remove(&c);
        assert_eq!(st.merged_into(a), None);
    }
}
