//! The random choices behind each seeded conversation (a fixed-seed LCG, so the same every run):
//! when it was created ([`Spread`]), its mailbox, status, customer, type, author, assignee,
//! subject ([`Plan`]) and tags.

use super::conversations::CONVERSATION_COUNT;
use super::customers::{CUSTOMER_COUNT, FIRST_CUSTOMER_ID};
use super::{Lcg, MAILBOX_IDS, TAGS, USER_IDS, at};
use crate::model::Status;

const SUBJECTS: [&str; 15] = [
    "Refund request for order #{n}",
    "Cannot log in to my account",
    "Question about invoice INV-{n}",
    "Bug: export to CSV fails",
    "Feature request: dark mode",
    "Shipping delay on order #{n}",
    "How do I change my plan?",
    "Password reset email not arriving",
    "Pricing for a team of {n}",
    "API rate limit question",
    "Duplicate charge on my card",
    "Slack integration stopped working",
    "Please cancel my subscription",
    "Thank you for the quick help!",
    "Unable to upload attachments",
];

fn pick_status(rng: &mut Lcg) -> Status {
    match rng.below(20) {
        0..=8 => Status::Active,
        9..=11 => Status::Pending,
        12..=17 => Status::Closed,
        _ => Status::Spam,
    }
}

/// Where a conversation's `createdAt` falls and how many threads it may get.
pub(super) struct Spread {
    pub(super) start: i64,
    pub(super) step: i64,
    /// Position within its slot range (the first 150, or the extra ones).
    pub(super) slot: i64,
    pub(super) max_threads: u64,
}

impl Spread {
    /// The first [`CONVERSATION_COUNT`] fill 2024–2025; extra ones fill 2022–2023 in order, at
    /// most one per `step` (`slot * step + jitter` with `jitter < step / 2`), so no two share an
    /// instant and all stay before 2024.
    pub(super) fn of(i: usize, count: usize) -> Spread {
        const TWO_YEARS: i64 = 730 * 86_400;
        if i < CONVERSATION_COUNT {
            Spread {
                start: at(2024, 1, 1, 0, 0, 0),
                step: TWO_YEARS / CONVERSATION_COUNT as i64,
                slot: i as i64,
                max_threads: 4,
            }
        } else {
            let extra = count.saturating_sub(CONVERSATION_COUNT).max(1) as i64;
            Spread {
                start: at(2022, 1, 1, 0, 0, 0),
                step: (TWO_YEARS / extra).max(1),
                slot: (i - CONVERSATION_COUNT) as i64,
                max_threads: 2,
            }
        }
    }
}

/// The random choices behind one conversation.
pub(super) struct Plan {
    pub(super) first: bool,
    pub(super) mailbox_id: u64,
    pub(super) status: Status,
    pub(super) customer_id: u64,
    pub(super) created_at: i64,
    pub(super) kind: &'static str,
    pub(super) by_user: bool,
    pub(super) assignee: Option<u64>,
    /// The agent who replies, writes notes and closes.
    pub(super) agent: u64,
    pub(super) subject: String,
}

pub(super) fn plan(i: usize, spread: &Spread, rng: &mut Lcg) -> Plan {
    let first = i == 0; // conversation 5000001 is a fixed, fully featured demo record
    let mailbox_id = match rng.below(10) {
        _ if first => MAILBOX_IDS[0],
        0..=4 => MAILBOX_IDS[0],
        5..=7 => MAILBOX_IDS[1],
        _ => MAILBOX_IDS[2],
    };
    let status = if first {
        Status::Active
    } else {
        pick_status(rng)
    };
    let customer_id = FIRST_CUSTOMER_ID + if first { 0 } else { rng.below(CUSTOMER_COUNT) };
    let step = spread.step;
    let jitter = rng.below(step as u64 / 2) as i64;
    let kind = match rng.below(10) {
        _ if first => "email",
        7 | 8 => "chat",
        9 => "phone",
        _ => "email",
    };
    let by_user = !first && rng.below(5) == 0;
    let assignee = match status {
        Status::Spam => None,
        _ if first => Some(USER_IDS[0]),
        Status::Closed if rng.below(5) < 4 => Some(USER_IDS[rng.below(4) as usize]),
        Status::Active | Status::Pending if rng.below(10) < 6 => {
            Some(USER_IDS[rng.below(4) as usize])
        }
        _ => None,
    };
    let agent = assignee.unwrap_or(USER_IDS[rng.below(4) as usize]);
    let n = 4000 + (i as u64 * 37) % 1000;
    let subject =
        SUBJECTS[if first { 0 } else { rng.below(15) as usize }].replace("{n}", &n.to_string());
    Plan {
        first,
        mailbox_id,
        status,
        customer_id,
        created_at: spread.start + spread.slot * step + jitter,
        kind,
        by_user,
        assignee,
        agent,
        subject,
    }
}

pub(super) fn tags(p: &Plan, rng: &mut Lcg) -> Vec<String> {
    if p.first {
        return vec!["urgent".into(), "vip".into()];
    }
    let mut tags: Vec<String> = Vec::new();
    let count = rng.below(3) as usize;
    while tags.len() < count {
        let t = TAGS[rng.below(TAGS.len() as u64) as usize].0;
        if !tags.iter().any(|x| x == t) {
            tags.push(t.to_string());
        }
    }
    tags.sort();
    tags
}
