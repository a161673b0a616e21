//! Satisfaction ratings (Get Satisfaction Rating,
//! <https://developer.helpscout.com/mailbox-api/endpoints/ratings/get/>): a customer's rating of
//! an agent's reply. Customers rate from the e-mail, so the API has no way to make one; tests
//! use [`crate::Simulator::rate`]. One rating per reply: rating a reply again changes its rating
//! (Invented: no page says).

use super::{Actor, State};

/// Accepted `rating` values: "Rating - one of: great not_good okay unknown".
pub const RATINGS: [&str; 4] = ["great", "okay", "not_good", "unknown"];

pub struct Rating {
    pub id: u64,
    /// The customer who rated ("Customer that added the reply").
    pub customer_id: u64,
    pub thread_id: u64,
    pub conversation_id: u64,
    pub conversation_number: u64,
    pub mailbox_id: u64,
    /// The user whose reply was rated.
    pub user_id: u64,
    /// One of [`RATINGS`].
    pub rating: &'static str,
    pub comments: String,
    pub created_at: i64,
    pub modified_at: i64,
}

impl State {
    pub fn rating(&self, id: u64) -> Option<&Rating> {
        self.ratings.iter().find(|r| r.id == id)
    }

    /// The rating of thread `thread`, if it has one.
    pub fn thread_rating(&self, thread: u64) -> Option<&Rating> {
        self.ratings.iter().find(|r| r.thread_id == thread)
    }

    /// Rates the reply `thread` of conversation `conversation` at `now`; `None` when it is not
    /// a published agent reply of that conversation or `rating` is not a rating value.
    pub fn rate(
        &mut self,
        conversation: u64,
        thread: u64,
        rating: &str,
        comments: &str,
        now: i64,
    ) -> Option<u64> {
        let rating = RATINGS.iter().find(|r| r.eq_ignore_ascii_case(rating))?;
        let c = self.conversations.get(&conversation)?;
        let t = c.threads.iter().find(|t| t.id == thread)?;
        let Actor::User(user_id) = t.created_by else {
            return None;
        };
        if t.kind != "message" || t.draft {
            return None;
        }
        let (customer_id, number, mailbox_id) = (t.customer_id, c.number, c.mailbox_id);
        if let Some(r) = self.ratings.iter_mut().find(|r| r.thread_id == thread) {
            (r.rating, r.comments, r.modified_at) = (rating, comments.to_string(), now);
            return Some(r.id);
        }
        let id = super::take(&mut self.ids.rating);
        self.ratings.push(Rating {
            id,
            customer_id,
            thread_id: thread,
            conversation_id: conversation,
            conversation_number: number,
            mailbox_id,
            user_id,
            rating,
            comments: comments.to_string(),
            created_at: now,
            modified_at: now,
        });
        Some(id)
    }
}
