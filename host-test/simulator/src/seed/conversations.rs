//! The seeded conversations: by default 150 (ids 5000001–5000150, numbers 1001–1150) with 1–4
//! threads each (thread ids from 6000001; the first thread of 5000001 has a text attachment),
//! spread over 2024–2025, mailboxes, statuses, tags, assignees and custom fields. A few groups share one modified instant on purpose (ties in
//! `modifiedAt`). A larger count (`SimulatorOptions::conversations`, e.g. 50,000 for a sync
//! benchmark) keeps those 150 unchanged and adds lighter ones after them (1–2 threads, ids and
//! numbers continuing) created over 2022–2023, so every `createdAt` stays distinct; a smaller
//! count keeps the first ones.

use std::collections::BTreeMap;

use super::plan::{Plan, Spread, plan, tags};
use super::{Lcg, custom_field_values};
use bytes::Bytes;

use crate::model::{Actor, Attachment, Conversation, Customer, Status, Thread};

pub const FIRST_CONVERSATION_ID: u64 = 5_000_001;
/// Conversations seeded by default.
pub const CONVERSATION_COUNT: usize = 150;
pub const FIRST_THREAD_ID: u64 = 6_000_001;

/// Index ranges whose conversations share one `modified_at` (the latest of the group).
const SAME_MODIFIED: [(usize, usize); 7] = [
    (10, 13),
    (23, 26),
    (48, 51),
    (73, 76),
    (98, 101),
    (123, 126),
    (147, 150),
];

const REPLIES: [&str; 3] = [
    "Hello {first}, thanks for reaching out! We are looking into this and will follow up shortly.",
    "Hi {first}, this should be fixed now. Let us know if anything else comes up.",
    "Hi {first}, could you send us a screenshot of what you see?",
];

const NOTES: [&str; 3] = [
    "Checked the account: everything looks fine on our side.",
    "Escalating to tier 2, customer is on a paid plan.",
    "Possible duplicate of an earlier report, linking internally.",
];

/// The one seeded attachment (on conversation 5000001's first thread), so attachment reads
/// work without writing first.
pub const SEEDED_ATTACHMENT_ID: u64 = 8_000_001;

fn seeded_attachment() -> Attachment {
    Attachment {
        id: SEEDED_ATTACHMENT_ID,
        filename: "order-4000.txt".to_string(),
        mime_type: "text/plain".to_string(),
        data: Bytes::from_static(b"Order #4000\nRefund requested: 2 items.\n"),
    }
}

/// Builds `count` conversations; returns them with the next free thread id.
pub fn conversations(
    customers: &BTreeMap<u64, Customer>,
    count: usize,
) -> (BTreeMap<u64, Conversation>, u64) {
    let mut rng = Lcg::new(0x5EED_C0DE);
    let mut next_thread = FIRST_THREAD_ID;
    let mut list: Vec<Conversation> = (0..count)
        .map(|i| {
            let spread = Spread::of(i, count);
            conversation(i, &spread, &mut rng, &mut next_thread, customers)
        })
        .collect();
    if let Some(first) = list.first_mut().and_then(|c| c.threads.first_mut()) {
        first.attachments.push(seeded_attachment());
    }
    for (from, to) in SAME_MODIFIED.into_iter().filter(|(from, _)| *from < count) {
        let group = &mut list[from..to.min(count)];
        let latest = group.iter().map(|c| c.modified_at).max().unwrap_or(0);
        group.iter_mut().for_each(|c| c.modified_at = latest);
    }
    (list.into_iter().map(|c| (c.id, c)).collect(), next_thread)
}

fn threads(
    p: &Plan,
    max_threads: u64,
    rng: &mut Lcg,
    next_thread: &mut u64,
    customer: Option<&Customer>,
) -> Vec<Thread> {
    let customer_first = customer.map_or("there", |c| c.first_name.as_str());
    let count = if p.first {
        3
    } else {
        1 + rng.below(max_threads) as usize
    };
    let mut t = p.created_at;
    let mut threads = Vec::with_capacity(count);
    for j in 0..count {
        let (kind, author) = match (j, p.by_user) {
            (0, false) => ("customer", Actor::Customer(p.customer_id)),
            (0, true) => ("message", Actor::User(p.agent)),
            _ => match if p.first { j as u64 } else { rng.below(3) } {
                0 => ("customer", Actor::Customer(p.customer_id)),
                1 => ("message", Actor::User(p.agent)),
                _ => ("note", Actor::User(p.agent)),
            },
        };
        if j > 0 {
            t += 3600 + rng.below(2 * 86_400) as i64;
        }
        let body = match kind {
            "customer" => format!(
                "Hi, {}. Could you take a look? Thanks, {customer_first}",
                p.subject.to_lowercase()
            ),
            "message" => REPLIES[rng.below(3) as usize].replace("{first}", customer_first),
            _ => NOTES[rng.below(3) as usize].to_string(),
        };
        let to = match (kind, customer.and_then(|c| c.primary_email())) {
            ("message", Some(e)) => vec![e.to_string()],
            _ => Vec::new(),
        };
        threads.push(Thread {
            id: *next_thread,
            kind: kind.to_string(),
            status: p.status,
            body,
            created_by: author,
            customer_id: p.customer_id,
            assigned_to: p.assignee,
            to,
            cc: Vec::new(),
            bcc: Vec::new(),
            created_at: t,
            draft: false,
            attachments: Vec::new(),
            action: None,
            hidden: false,
            original_body: None,
        });
        *next_thread += 1;
    }
    threads
}

fn conversation(
    i: usize,
    spread: &Spread,
    rng: &mut Lcg,
    next_thread: &mut u64,
    customers: &BTreeMap<u64, Customer>,
) -> Conversation {
    let p = plan(i, spread, rng);
    let tags = tags(&p, rng);
    let customer = customers.get(&p.customer_id);
    let threads = threads(&p, spread.max_threads, rng, next_thread, customer);
    let last = threads.last().map_or(p.created_at, |t| t.created_at);
    let last_user = threads
        .iter()
        .filter(|th| matches!(th.created_by, Actor::User(_)))
        .map(|th| th.created_at)
        .max();
    let closed_at = (p.status == Status::Closed).then_some(last + 600);
    Conversation {
        id: FIRST_CONVERSATION_ID + i as u64,
        number: 1001 + i as u64,
        kind: p.kind.to_string(),
        status: p.status,
        state: "published".to_string(),
        subject: p.subject.clone(),
        mailbox_id: p.mailbox_id,
        assignee: p.assignee,
        created_by: if p.by_user {
            Actor::User(p.agent)
        } else {
            Actor::Customer(p.customer_id)
        },
        created_at: p.created_at,
        closed_by: if closed_at.is_some() { p.agent } else { 0 },
        closed_at,
        user_updated_at: closed_at.or(last_user).unwrap_or(p.created_at),
        modified_at: closed_at.unwrap_or(last),
        source_type: if p.by_user {
            "api".into()
        } else {
            p.kind.to_string()
        },
        source_via: if p.by_user {
            "user".into()
        } else {
            "customer".into()
        },
        tags,
        cc: if i % 17 == 5 {
            vec!["manager@example.com".into()]
        } else {
            Vec::new()
        },
        bcc: Vec::new(),
        primary_customer: p.customer_id,
        custom_fields: custom_field_values(i, p.mailbox_id, rng, p.first),
        threads,
        snooze: None,
    }
}
