//! Deterministic demo data (same every run): 3 mailboxes (1001–1003) with the recorded folder
//! set and 5 custom fields each and 3 workflows each (4001–4009, `workflows.rs`), 60 users
//! (301–360; 301–304 are the agents of the seeded conversations) in 3 teams (9001–9003), 6
//! tags, 3 organizations (8001–8003) and 60 customers (7000001–7000060).
//! Conversations (150 by default, any count on request) come from `conversations.rs`, customers
//! and the customer-property definitions from `customers.rs`, users and teams from `people.rs`.

mod conversations;
mod customers;
mod organizations;
mod people;
mod plan;
mod ratings;
#[cfg(test)]
mod tests;
mod workflows;

use std::collections::BTreeMap;

use crate::model::ratelimit::RateLimiter;
use crate::model::tokens::TokenStore;
use crate::model::{FieldDef, FieldOption, Folder, IdCounters, Mailbox, State, Tag};
use crate::time::{format_date, from_parts};
use customers::{customers, property_defs};
use people::{teams, users};

pub use conversations::CONVERSATION_COUNT;

/// Tiny deterministic generator (64-bit LCG, upper bits).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// Uniform-ish in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// `yyyy-mm-ddThh:mm:ssZ` from parts; seed literals are valid by construction.
pub fn at(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> i64 {
    from_parts(y, mo, d, h, mi, s).unwrap_or(0)
}

pub const MAILBOX_IDS: [u64; 3] = [1001, 1002, 1003];
pub const USER_IDS: [u64; 4] = [301, 302, 303, 304];
pub const TAGS: [(&str, &str); 6] = [
    ("vip", "#E52F28"),
    ("refund", "#F7A13D"),
    ("bug", "#3197D6"),
    ("billing", "#4FB87D"),
    ("urgent", "#A5B2BD"),
    ("feature-request", "#929499"),
];

/// The full seeded state of a new simulator with `conversation_count` conversations.
pub fn build(nonce: u64, rate_limit_per_minute: u32, conversation_count: usize) -> State {
    let mut next_entry = 90_000_001;
    let customers: BTreeMap<u64, _> = customers(&mut next_entry)
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let (conversations, next_thread) = conversations::conversations(&customers, conversation_count);
    let ratings = ratings::ratings(&conversations);
    let ids = IdCounters {
        conversation: conversations.keys().max().map_or(5_000_001, |m| m + 1),
        number: conversations
            .values()
            .map(|c| c.number)
            .max()
            .map_or(1001, |m| m + 1),
        thread: next_thread,
        customer: customers.keys().max().map_or(7_000_001, |m| m + 1),
        entry: next_entry,
        tag: 9001 + TAGS.len() as u64,
        attachment: conversations::SEEDED_ATTACHMENT_ID + 1,
        webhook: 1,
        organization: organizations::FIRST_ORGANIZATION_ID + 3,
        rating: ratings::SEEDED_RATINGS + 1,
    };
    State {
        me: USER_IDS[0],
        mailboxes: mailboxes(),
        users: users(),
        teams: teams(),
        customers,
        conversations,
        merged: BTreeMap::new(),
        tags: tags(),
        organizations: organizations::organizations(),
        workflows: workflows::workflows(),
        ratings,
        property_defs: property_defs(),
        webhooks: Vec::new(),
        deliveries: Default::default(),
        ids,
        tokens: TokenStore::new(nonce),
        limiter: RateLimiter::new(rate_limit_per_minute),
        log: Vec::new(),
        serial: 0,
        faults: Default::default(),
    }
}

fn tags() -> Vec<Tag> {
    TAGS.iter()
        .zip(9001..)
        .enumerate()
        .map(|(i, ((name, color), id))| Tag {
            id,
            name: name.to_string(),
            color: color.to_string(),
            created_at: at(2023, 1, 5 + i as i64, 9, 0, 0),
            // Every other tag was edited once.
            updated_at: (i % 2 == 1).then(|| at(2024, 6, 5 + i as i64, 16, 30, 0)),
        })
        .collect()
}

const FOLDERS: [(&str, &str); 7] = [
    ("Unassigned", "open"),
    ("Mine", "mytickets"),
    ("Needs Attention", "needs_attn"),
    ("Drafts", "drafts"),
    ("Assigned", "assigned"),
    ("Closed", "closed"),
    ("Spam", "spam"),
];

fn mailboxes() -> Vec<Mailbox> {
    let specs = [
        (
            "Support",
            "support",
            ("Priority", ["Low", "Medium", "High"]),
        ),
        (
            "Billing",
            "billing",
            ("Plan", ["Free", "Pro", "Enterprise"]),
        ),
        (
            "Sales",
            "sales",
            ("Deal Stage", ["Lead", "Qualified", "Won"]),
        ),
    ];
    let mut rng = Lcg::new(0x5EED_0001);
    specs
        .iter()
        .zip(MAILBOX_IDS)
        .enumerate()
        .map(|(mi, ((name, local, dropdown), id))| {
            let created_at = at(2023, 1, 10 + mi as i64, 9, 0, 0);
            Mailbox {
                id,
                name: name.to_string(),
                slug: format!("{:08x}{:08x}", rng.next() as u32, rng.next() as u32),
                email: format!("{local}@example.com"),
                created_at,
                updated_at: at(2025, 6, 1 + mi as i64, 12, 0, 0),
                folders: folders(id, created_at),
                fields: fields(mi as u64, dropdown.0, &dropdown.1),
            }
        })
        .collect()
}

fn folders(mailbox_id: u64, created_at: i64) -> Vec<Folder> {
    FOLDERS
        .iter()
        .zip(1..)
        .map(|((name, kind), k)| Folder {
            id: mailbox_id * 100 + k,
            name: name.to_string(),
            kind,
            user_id: if *kind == "mytickets" { USER_IDS[0] } else { 0 },
            updated_at: created_at,
        })
        .collect()
}

fn fields(mi: u64, dropdown: &str, labels: &[&str; 3]) -> Vec<FieldDef> {
    let base = 200 + mi * 10;
    let options = labels
        .iter()
        .zip(1..)
        .map(|(label, j)| FieldOption {
            id: 3000 + mi * 10 + u64::from(j),
            order: j,
            label: label.to_string(),
        })
        .collect();
    let def = |k: u64, name: &str, kind: &'static str| FieldDef {
        id: base + k,
        name: name.to_string(),
        kind,
        required: false,
        order: k as u32,
        options: Vec::new(),
    };
    vec![
        FieldDef {
            required: mi == 1,
            options,
            ..def(1, dropdown, "dropdown")
        },
        def(2, "Order Number", "number"),
        def(3, "Renewal Date", "date"),
        def(4, "Account ID", "singleline"),
        def(5, "Internal Notes", "multiline"),
    ]
}

/// Values for the mailbox's fields 1–5 (see `seed::fields`): all for some, a few for others.
pub fn custom_field_values(
    i: usize,
    mailbox_id: u64,
    rng: &mut Lcg,
    first: bool,
) -> Vec<(u64, String)> {
    let mi = MAILBOX_IDS
        .iter()
        .position(|m| *m == mailbox_id)
        .unwrap_or(0) as u64;
    let base = 200 + mi * 10;
    let how_many = if first {
        5
    } else {
        [0, 0, 2, 5][rng.below(4) as usize]
    };
    // Renewal dates cycle every 1,000 conversations (the extra seeded ones stay before 2039).
    let date = at(2025, 1, 1, 0, 0, 0) + ((i % 1000) as i64 * 5) * 86_400;
    let values = [
        (base + 1, (3000 + mi * 10 + 1 + rng.below(3)).to_string()),
        (base + 2, (10_000 + i * 13).to_string()),
        (base + 3, format_date(date)),
        (base + 4, format!("ACC-{:04}", i + 1)),
        (
            base + 5,
            format!("Seeded note for conversation #{}.", 1001 + i),
        ),
    ];
    values.into_iter().take(how_many).collect()
}
