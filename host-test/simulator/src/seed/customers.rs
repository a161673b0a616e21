//! The 60 seeded customers (ids 7000001–7000060): names, 1–2 emails, phones, some chats, social
//! profiles, websites, addresses and properties; entry ids drawn from a shared counter. Also the
//! customer-property definitions the seeded values follow.

use super::at;
use super::organizations::organization_id;
use crate::model::{Address, Customer, Entry, Property, PropertyDef};
use crate::render::errors::uuid_like;

pub const FIRST_CUSTOMER_ID: u64 = 7_000_001;
pub const CUSTOMER_COUNT: u64 = 60;

const FIRST: [&str; 20] = [
    "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Isabella", "Lucas",
    "Mia", "Mateo", "Harper", "Ethan", "Evelyn", "James", "Aria", "Kai", "Luna", "Henry",
];
const LAST: [&str; 20] = [
    "Smith", "Garcia", "Chen", "Johnson", "Kowalski", "Brown", "Silva", "Müller", "Okafor",
    "Davis", "Rossi", "Tanaka", "Martin", "Novak", "Lopez", "Wilson", "Dubois", "Khan", "Larsen",
    "Moore",
];
const JOBS: [&str; 5] = [
    "CEO",
    "Office Manager",
    "Developer",
    "Accountant",
    "Designer",
];
const ORGS: [&str; 6] = [
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella Ltd",
    "Hooli",
    "Stark Industries",
];
const CITIES: [(&str, &str, &str, &str); 4] = [
    ("Dallas", "TX", "75201", "US"),
    ("Prague", "", "11000", "CZ"),
    ("Toronto", "ON", "M5H 2N2", "CA"),
    ("Lyon", "", "69002", "FR"),
];

fn entry(next: &mut u64, value: String, kind: &str) -> Entry {
    let id = *next;
    *next += 1;
    Entry {
        id,
        value,
        kind: kind.to_string(),
    }
}

/// Builds the customers, taking entry ids from `next_entry`.
pub fn customers(next_entry: &mut u64) -> Vec<Customer> {
    (0..CUSTOMER_COUNT as usize)
        .map(|i| customer(i, next_entry))
        .collect()
}

fn ascii(s: &str) -> String {
    s.to_lowercase().replace('ü', "u")
}

fn customer(i: usize, next: &mut u64) -> Customer {
    let id = FIRST_CUSTOMER_ID + i as u64;
    let first = FIRST[i % 20];
    let last = LAST[(i * 3 + i / 20) % 20];
    let (fl, ll) = (ascii(first), ascii(last));
    let mut emails = vec![entry(next, format!("{fl}.{ll}@example.com"), "work")];
    if i.is_multiple_of(3) {
        emails.push(entry(
            next,
            format!("{fl}{}@mail.example.net", 100 + i),
            "home",
        ));
    }
    let mut phones = Vec::new();
    if i.is_multiple_of(2) {
        phones.push(entry(next, format!("+1-555-01{:02}", i), "work"));
    }
    if i.is_multiple_of(5) {
        phones.push(entry(next, format!("+1-555-02{:02}", i), "mobile"));
    }
    let chats = if i.is_multiple_of(7) {
        vec![entry(next, format!("{fl}.{ll}"), "skype")]
    } else {
        Vec::new()
    };
    let social_profiles = if i % 4 == 1 {
        vec![
            entry(next, format!("https://twitter.com/{fl}_{ll}"), "twitter"),
            entry(
                next,
                format!("https://linkedin.com/in/{fl}-{ll}"),
                "linkedin",
            ),
        ]
    } else {
        Vec::new()
    };
    let websites = if i % 6 == 2 {
        vec![entry(next, format!("https://{ll}.example.org"), "")]
    } else {
        Vec::new()
    };
    let address = (i % 3 == 1).then(|| {
        let (city, state, postal, country) = CITIES[i % 4];
        Address {
            city: city.to_string(),
            state: state.to_string(),
            postal_code: postal.to_string(),
            country: country.to_string(),
            lines: vec![format!("{} Main Street", 10 + i), "Suite 100".to_string()],
        }
    });
    // Customers 7000011 and 7000012 share an update instant on purpose.
    let updated_day = if i == 11 { 10 * 11 } else { i as i64 * 11 };
    Customer {
        id,
        first_name: first.to_string(),
        last_name: last.to_string(),
        gender: gender(i).to_string(),
        job_title: JOBS[i % JOBS.len()].to_string(),
        location: CITIES[i % 4].0.to_string(),
        organization: ORGS[i % ORGS.len()].to_string(),
        organization_id: organization_id(ORGS[i % ORGS.len()]),
        photo_type: if i.is_multiple_of(2) {
            "gravatar"
        } else {
            "unknown"
        }
        .to_string(),
        photo_url: if i.is_multiple_of(2) {
            format!("https://example.com/avatars/customer-{id}.png")
        } else {
            String::new()
        },
        age: i
            .is_multiple_of(4)
            .then(|| ["25-30", "30-35", "35-40"][i % 3].to_string()),
        background: if i.is_multiple_of(5) {
            format!("Long-time {} customer.", ORGS[i % 6])
        } else {
            String::new()
        },
        created_at: at(2023, 1, 1, 8, 0, 0) + i as i64 * 5 * 86_400 + (i as i64 * 3571) % 86_400,
        updated_at: at(2024, 1, 1, 10, 0, 0) + updated_day * 86_400 + 1800,
        emails,
        phones,
        chats,
        social_profiles,
        websites,
        address,
        properties: properties(i),
    }
}

/// The name lists alternate female/male names; every seventh customer left it unknown.
fn gender(i: usize) -> &'static str {
    match (i % 7, i % 2) {
        (3, _) => "Unknown",
        (_, 0) => "Female",
        _ => "Male",
    }
}

const PLANS: [&str; 3] = ["Basic", "Pro", "Enterprise"];

/// Dropdown option id of plan `k` (UUID-shaped, deterministic).
fn plan_option(k: usize) -> String {
    uuid_like(0x9_1A4 + k as u64)
}

/// The customer-property definitions: `plan` (dropdown Basic/Pro/Enterprise), `seats` (number),
/// `car` (text), `signup-date` (date).
pub fn property_defs() -> Vec<PropertyDef> {
    let def = |slug: &str, name: &str, kind| PropertyDef {
        slug: slug.into(),
        name: name.into(),
        kind,
        options: Vec::new(),
    };
    vec![
        PropertyDef {
            options: (0..PLANS.len())
                .map(|k| (plan_option(k), PLANS[k].to_string()))
                .collect(),
            ..def("plan", "Plan", "dropdown")
        },
        def("seats", "Seats", "number"),
        def("car", "Car", "text"),
        def("signup-date", "Signup Date", "date"),
    ]
}

fn properties(i: usize) -> Vec<Property> {
    if i.is_multiple_of(2) {
        return Vec::new();
    }
    vec![
        Property {
            kind: "dropdown",
            slug: "plan".into(),
            name: "Plan".into(),
            value: plan_option(i % 3),
            text: PLANS[i % 3].into(),
        },
        Property {
            kind: "number",
            slug: "seats".into(),
            name: "Seats".into(),
            value: (5 + i * 2).to_string(),
            text: (5 + i * 2).to_string(),
        },
    ]
}
