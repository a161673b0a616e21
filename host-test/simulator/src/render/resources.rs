//! JSON renderings of mailboxes, folders, custom-field definitions, tags and customers, with
//! Help Scout's field names and absolute `_links` (recorded trailing slashes kept on sub-lists).

use serde_json::{Map, Value, json};

use super::hal::link;
use crate::model::{Address, Customer, Entry, FieldDef, Folder, Mailbox, State, Status, Tag};
use crate::time::format;

pub fn mailbox(base: &str, m: &Mailbox) -> Value {
    let me = format!("{base}/v2/mailboxes/{}", m.id);
    json!({
        "id": m.id,
        "name": m.name,
        "slug": m.slug,
        "email": m.email,
        "createdAt": format(m.created_at),
        "updatedAt": format(m.updated_at),
        "_links": {
            "fields": link(format!("{me}/fields/")),
            "folders": link(format!("{me}/folders/")),
            "self": link(me),
        },
    })
}

/// A folder with its live counts.
pub fn folder(st: &State, m: &Mailbox, f: &Folder) -> Value {
    let members = st
        .conversations
        .values()
        .filter(|c| c.mailbox_id == m.id && c.in_folder(f));
    let (mut total, mut active, mut updated) = (0, 0, f.updated_at);
    for c in members {
        total += 1;
        active += usize::from(c.status == Status::Active);
        updated = updated.max(c.modified_at);
    }
    json!({
        "id": f.id,
        "name": f.name,
        "type": f.kind,
        "userId": f.user_id,
        "totalCount": total,
        "activeCount": active,
        "updatedAt": format(updated),
    })
}

pub fn field(f: &FieldDef) -> Value {
    let options: Vec<Value> = f
        .options
        .iter()
        .map(|o| json!({"id": o.id, "order": o.order, "label": o.label}))
        .collect();
    json!({
        "id": f.id,
        "name": f.name,
        "type": f.kind,
        "required": f.required,
        "order": f.order,
        "options": options,
    })
}

/// A tag's slug: its name lowercased, anything but letters and digits as `-`.
fn slug(t: &Tag) -> String {
    t.name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect()
}

/// A tag as List Tags shows it (<https://developer.helpscout.com/mailbox-api/endpoints/tags/list/>:
/// `{id, slug, name, color, createdAt, ticketCount}`, `updatedAt` only on tags that have one;
/// the key `name`, not the `tag` conversations embed).
pub fn tag(t: &Tag, ticket_count: usize) -> Value {
    let mut v = json!({
        "id": t.id,
        "slug": slug(t),
        "name": t.name,
        "color": t.color,
        "createdAt": format(t.created_at),
        "ticketCount": ticket_count,
    });
    if let (Some(u), Some(obj)) = (t.updated_at, v.as_object_mut()) {
        obj.insert("updatedAt".into(), json!(format(u)));
    }
    v
}

/// A tag as Get Tag shows it (<https://hs-developer.pages.dev/mailbox-api/endpoints/tags/get/>,
/// the preview copy of the developer site: `{id, slug, name, color, _links.self}`).
pub fn tag_detail(base: &str, t: &Tag) -> Value {
    json!({
        "id": t.id,
        "slug": slug(t),
        "name": t.name,
        "color": t.color,
        "_links": {"self": link(format!("{base}/v2/tags/{}", t.id))},
    })
}

fn entries(list: &[Entry], with_type: bool) -> Value {
    list.iter()
        .map(|e| {
            if with_type {
                json!({"id": e.id, "value": e.value, "type": e.kind})
            } else {
                json!({"id": e.id, "value": e.value})
            }
        })
        .collect()
}

/// A customer's address (embedded in the customer, and `GET …/address` with a `_links.self`).
pub fn address(a: &Address) -> Value {
    json!({
        "city": a.city,
        "state": a.state,
        "postalCode": a.postal_code,
        "country": a.country,
        "lines": a.lines,
    })
}

fn customer_embedded(c: &Customer) -> Value {
    let mut emb = Map::new();
    emb.insert("emails".into(), entries(&c.emails, true));
    emb.insert("phones".into(), entries(&c.phones, true));
    emb.insert("chats".into(), entries(&c.chats, true));
    emb.insert("social_profiles".into(), entries(&c.social_profiles, true));
    emb.insert("websites".into(), entries(&c.websites, false));
    if let Some(a) = &c.address {
        emb.insert("address".into(), address(a));
    }
    let props: Vec<Value> = c
        .properties
        .iter()
        .map(|p| {
            json!({
                "type": p.kind,
                "slug": p.slug,
                "name": p.name,
                "value": p.value,
                "text": p.text,
                "source": {"name": "api"},
            })
        })
        .collect();
    emb.insert("properties".into(), Value::Array(props));
    Value::Object(emb)
}

pub fn customer(base: &str, c: &Customer) -> Value {
    let me = format!("{base}/v2/customers/{}", c.id);
    let mut v = json!({
        "id": c.id,
        "firstName": c.first_name,
        "lastName": c.last_name,
        "gender": c.gender,
        "jobTitle": c.job_title,
        "location": c.location,
        "organization": c.organization,
        "photoType": c.photo_type,
        "photoUrl": c.photo_url,
        "createdAt": format(c.created_at),
        "updatedAt": format(c.updated_at),
        "background": c.background,
        "draft": false,
        "_embedded": customer_embedded(c),
        "_links": {
            "address": link(format!("{me}/address/")),
            "chats": link(format!("{me}/chats/")),
            "emails": link(format!("{me}/emails/")),
            "phones": link(format!("{me}/phones/")),
            "social-profiles": link(format!("{me}/social-profiles/")),
            "websites": link(format!("{me}/websites/")),
            "self": link(me),
        },
    });
    if let (Some(age), Some(obj)) = (&c.age, v.as_object_mut()) {
        obj.insert("age".into(), json!(age));
    }
    if let (Some(org), Some(obj)) = (c.organization_id, v.as_object_mut()) {
        obj.insert("organizationId".into(), json!(org));
    }
    v
}
