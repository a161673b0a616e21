//! The body of Create Organization
//! (<https://developer.helpscout.com/mailbox-api/endpoints/organizations/create/>): `name`
//! (required), `domain` (singular in the request; responses list `domains`), `website`,
//! `description`, `location`, `note`, `phones`, `brandColor`. Also `domains` and `logoUrl`,
//! which the organization object has (Invented: the page's example does not send them).

use super::Obj;
use crate::model::{Organization, State, take};

const FIELDS: [&str; 10] = [
    "name",
    "domain",
    "domains",
    "website",
    "description",
    "location",
    "note",
    "phones",
    "brandColor",
    "logoUrl",
];

/// Reads a create body into an organization without an id (`0`).
pub fn read_new(o: &Obj) -> Option<Organization> {
    o.only(&FIELDS);
    let name = o.text("name");
    let mut domains: Vec<String> = o.string("domain").into_iter().collect();
    domains.extend(o.strings("domains").unwrap_or_default());
    let org = Organization {
        id: 0,
        website: o.string("website"),
        description: o.string("description"),
        location: o.string("location"),
        logo_url: o.string("logoUrl"),
        note: o.string("note"),
        domains,
        phones: o.strings("phones").unwrap_or_default(),
        brand_color: o.string("brandColor"),
        name: name?,
    };
    Some(org)
}

/// Stores a validated organization with the next id; returns the id.
pub fn insert(st: &mut State, mut org: Organization) -> u64 {
    org.id = take(&mut st.ids.organization);
    let id = org.id;
    st.organizations.push(org);
    id
}
