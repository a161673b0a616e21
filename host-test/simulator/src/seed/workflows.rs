//! The seeded workflows: per mailbox (in mailbox order, ids from 4001) two manual ones — "Close"
//! (closes the conversation) and "Tag VIP" (adds the `vip` tag) — and one automatic one.

use super::{MAILBOX_IDS, at};
use crate::model::workflow::{Effect, Workflow};

pub const FIRST_WORKFLOW_ID: u64 = 4001;

/// `(name, type)` of each mailbox's workflows, in order.
const SPECS: [(&str, &str); 3] = [
    ("Close", "manual"),
    ("Tag VIP", "manual"),
    ("Auto-assign new mail", "automatic"),
];

fn effect(k: usize) -> Effect {
    match k {
        0 => Effect::Close,
        1 => Effect::Tag("vip".to_string()),
        _ => Effect::Nothing,
    }
}

pub fn workflows() -> Vec<Workflow> {
    let mut list = Vec::new();
    for (mi, mailbox) in MAILBOX_IDS.iter().enumerate() {
        for (k, (name, kind)) in SPECS.iter().enumerate() {
            list.push(Workflow {
                id: FIRST_WORKFLOW_ID + (mi * SPECS.len() + k) as u64,
                mailbox_id: *mailbox,
                kind,
                status: "active",
                order: k as u32 + 1,
                name: name.to_string(),
                created_at: at(2023, 3, 1 + mi as i64, 12, k as i64, 0),
                modified_at: at(2024, 9, 1 + mi as i64, 12, k as i64, 0),
                effect: effect(k),
            });
        }
    }
    list
}
