//! The two seeded satisfaction ratings (ids 1 and 2): on the agent replies of the first two
//! seeded conversations that have one — a "great" with a comment and an "okay" without.

use std::collections::BTreeMap;

use crate::model::{Actor, Conversation, Rating};

pub const SEEDED_RATINGS: u64 = 2;

pub fn ratings(conversations: &BTreeMap<u64, Conversation>) -> Vec<Rating> {
    let replies = conversations.values().filter_map(|c| {
        let t = c.threads.iter().find(|t| t.kind == "message" && !t.draft)?;
        let Actor::User(user) = t.created_by else {
            return None;
        };
        Some((c, t, user))
    });
    let values = [("great", "Quick and friendly, thanks!"), ("okay", "")];
    replies
        .zip(values)
        .zip(1..)
        .map(|(((c, t, user), (rating, comments)), id)| Rating {
            id,
            customer_id: t.customer_id,
            thread_id: t.id,
            conversation_id: c.id,
            conversation_number: c.number,
            mailbox_id: c.mailbox_id,
            user_id: user,
            rating,
            comments: comments.to_string(),
            created_at: t.created_at + 7200,
            modified_at: t.created_at + 7200,
        })
        .collect()
}
