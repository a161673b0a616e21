//! The seeded users and teams. Users 301–304 (Ava, Ben, Chloe, Dev) are the agents of the
//! seeded conversations; 305–360 fill the directory so `GET /v2/users` has two pages. Which
//! mailboxes each user can access is Invented data (no page shows it): 301 and 302 see every
//! mailbox, the others one or two. Teams 9001–9003 group some of them.

use super::{MAILBOX_IDS, USER_IDS, at};
use crate::model::{Team, User};

pub const USER_COUNT: u64 = 60;
pub const TEAM_IDS: [u64; 3] = [9001, 9002, 9003];

const AGENTS: [(&str, &str, &str, &str, &str); 4] = [
    (
        "Ava",
        "Thompson",
        "owner",
        "America/New_York",
        "Head of Support",
    ),
    ("Ben", "Ortiz", "admin", "Europe/London", "Support Lead"),
    (
        "Chloe",
        "Nguyen",
        "user",
        "America/Los_Angeles",
        "Support Agent",
    ),
    ("Dev", "Patel", "user", "Asia/Kolkata", "Support Agent"),
];

const FIRST: [&str; 14] = [
    "Alice", "Bruno", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Keiko", "Leon", "Maya", "Nils",
];
const LAST: [&str; 4] = ["Smith", "Keller", "Moreau", "Sato"];
const ZONES: [&str; 4] = [
    "America/Chicago",
    "Europe/Berlin",
    "Australia/Sydney",
    "America/Sao_Paulo",
];

fn initials(first: &str, last: &str) -> String {
    first.chars().take(1).chain(last.chars().take(1)).collect()
}

fn user(
    i: usize,
    id: u64,
    (first, last): (&str, &str),
    role: &'static str,
    tz: &'static str,
) -> User {
    let handle = if i < AGENTS.len() {
        first.to_lowercase()
    } else {
        format!("{}{}", first.to_lowercase(), last.to_lowercase())
    };
    let mailboxes = match i {
        0 | 1 => MAILBOX_IDS.to_vec(),
        _ if i.is_multiple_of(5) => vec![MAILBOX_IDS[1], MAILBOX_IDS[2]],
        _ => vec![MAILBOX_IDS[i % 3]],
    };
    User {
        id,
        first_name: first.to_string(),
        last_name: last.to_string(),
        email: format!("{handle}@example.com"),
        role,
        timezone: tz,
        photo_url: (i != 3).then(|| format!("https://example.com/avatars/user-{id}.png")),
        created_at: if i < AGENTS.len() {
            at(2023, 1 + i as i64 * 2, 9, 15, 4, 12 + i as i64)
        } else {
            at(2024, 1 + (i % 12) as i64, 9, 15, 4, (i % 60) as i64)
        },
        updated_at: at(2025, 11, 20 - (i % 19) as i64, 8, 30, 0),
        mention: handle.clone(),
        initials: initials(first, last),
        job_title: if i < AGENTS.len() {
            AGENTS[i].4.to_string()
        } else {
            "Support Agent".to_string()
        },
        phone: if i.is_multiple_of(3) {
            format!("+1-555-03{:02}", i)
        } else {
            String::new()
        },
        alternate_emails: if i % 4 == 1 {
            vec![format!("{handle}@alt.example.com")]
        } else {
            Vec::new()
        },
        mailboxes,
    }
}

/// The 60 seeded users (301–360).
pub fn users() -> Vec<User> {
    let agents = AGENTS
        .iter()
        .zip(USER_IDS)
        .enumerate()
        .map(|(i, ((first, last, role, tz, _), id))| user(i, id, (first, last), role, tz));
    let others = (AGENTS.len()..USER_COUNT as usize).map(|i| {
        let k = i - AGENTS.len();
        let (first, last) = (FIRST[k % FIRST.len()], LAST[k / FIRST.len() % LAST.len()]);
        let role = if k % 9 == 8 { "light user" } else { "user" };
        user(
            i,
            301 + i as u64,
            (first, last),
            role,
            ZONES[k % ZONES.len()],
        )
    });
    agents.chain(others).collect()
}

/// Teams 9001 (Tier 1: 303, 304 and six others), 9002 (Billing: 302, 304) and 9003 (Escalations:
/// 301, 302).
pub fn teams() -> Vec<Team> {
    let specs: [(&str, &str, Vec<u64>); 3] = [
        (
            "Tier 1",
            "tier1",
            [303, 304].into_iter().chain(305..=310).collect(),
        ),
        ("Billing", "billing-team", vec![302, 304]),
        ("Escalations", "escalations", vec![301, 302]),
    ];
    specs
        .into_iter()
        .zip(TEAM_IDS)
        .enumerate()
        .map(|(i, ((name, mention, members), id))| Team {
            id,
            name: name.to_string(),
            timezone: "America/New_York",
            photo_url: format!("https://example.com/avatars/team-{id}.png"),
            mention: mention.to_string(),
            created_at: at(2023, 2, 1 + i as i64, 10, 0, 0),
            updated_at: at(2025, 3, 1 + i as i64, 10, 0, 0),
            members,
        })
        .collect()
}
