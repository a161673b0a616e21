//! The seeded conversations: by default 150 (ids 5000001–5000150, numbers 1001–1150) with 1–4
//! threads each (thread ids from 6000001), spread over 2024–2025, mailboxes, statuses, tags,
//! assignees and custom fields. A few groups share one modified instant on purpose (ties in
//! `modifiedAt`). A larger count (`SimulatorOptions::conversations`, e.g. 50,000 for a sync
//! benchmark) keeps those 150 unchanged and adds lighter ones after them (1–2 threads, ids and
//! numbers continuing) created over 2022–2023, so every `createdAt` stays distinct; a smaller
//! count keeps the first ones.

use std::collections::BTreeMap;

use super::seed::{Lcg, MAILBOX_IDS, TAGS, USER_IDS, at, custom_field_values};
use super::seed_customers::{CUSTOMER_COUNT, FIRST_CUSTOMER_ID};
use super::state::{Actor, Conversation, Customer, Status, Thread};

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
    for (from, to) in SAME_MODIFIED.into_iter().filter(|(from, _)| *from < count) {
        let group = &mut list[from..to.min(count)];
        let latest = group.iter().map(|c| c.modified_at).max().unwrap_or(0);
        group.iter_mut().for_each(|c| c.modified_at = latest);
    }
    (list.into_iter().map(|c| (c.id, c)).collect(), next_thread)
}

fn pick_status(rng: &mut Lcg) -> Status {
    match rng.below(20) {
        0..=8 => Status::Active,
        9..=11 => Status::Pending,
        12..=17 => Status::Closed,
        _ => Status::Spam,
    }
}

/// Where a conversation's `createdAt` falls and how many threads it may get.
struct Spread {
    start: i64,
    step: i64,
    /// Position within its slot range (the first 150, or the extra ones).
    slot: i64,
    max_threads: u64,
}

impl Spread {
    /// The first [`CONVERSATION_COUNT`] fill 2024–2025; extra ones fill 2022–2023 in order, at
    /// most one per `step` (`slot * step + jitter` with `jitter < step / 2`), so no two share an
    /// instant and all stay before 2024.
    fn of(i: usize, count: usize) -> Spread {
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
struct Plan {
    first: bool,
    mailbox_id: u64,
    status: Status,
    customer_id: u64,
    created_at: i64,
    kind: &'static str,
    by_user: bool,
    assignee: Option<u64>,
    /// The agent who replies, writes notes and closes.
    agent: u64,
    subject: String,
}

fn plan(i: usize, spread: &Spread, rng: &mut Lcg) -> Plan {
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

fn tags(p: &Plan, rng: &mut Lcg) -> Vec<String> {
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
