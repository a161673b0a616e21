//! The seeded organizations (8001–8003): the first three companies the seeded customers name
//! in `organization`; those customers carry the matching `organizationId`, the others none.

use crate::model::Organization;

pub const FIRST_ORGANIZATION_ID: u64 = 8001;

/// `(name, domain, location, brand colour)` of each seeded organization.
const SPECS: [(&str, &str, &str, &str); 3] = [
    ("Acme Corp", "acme.example.com", "US", "#D6312F"),
    ("Globex", "globex.example.com", "CA", "#1F6FB2"),
    ("Initech", "initech.example.com", "US", "#3E8E41"),
];

/// Organization id of the company a customer names (the seeded names only).
pub fn organization_id(name: &str) -> Option<u64> {
    SPECS
        .iter()
        .position(|(n, ..)| *n == name)
        .map(|i| FIRST_ORGANIZATION_ID + i as u64)
}

pub fn organizations() -> Vec<Organization> {
    SPECS
        .iter()
        .zip(FIRST_ORGANIZATION_ID..)
        .map(|((name, domain, location, color), id)| Organization {
            id,
            name: name.to_string(),
            website: Some(format!("https://www.{domain}")),
            description: Some(format!("{name}, a seeded demo company.")),
            location: Some(location.to_string()),
            logo_url: Some(format!("https://example.com/logos/org-{id}.png")),
            note: (id == FIRST_ORGANIZATION_ID).then(|| "Key account.".to_string()),
            domains: vec![domain.to_string()],
            phones: vec![format!("+1 555 08{:02}", id - FIRST_ORGANIZATION_ID)],
            brand_color: Some(color.to_string()),
        })
        .collect()
}
