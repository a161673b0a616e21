//! Organizations as List/Get Organization show them
//! (<https://developer.helpscout.com/mailbox-api/endpoints/organizations/list/>, `…/get/`):
//! `{id, name, website, description, location, logoUrl, note, domains, phones, brandColor,
//! _links.self}` (unset values `null`, as Update Organization's example shows them), plus
//! `customerCount` and `conversationCount` when asked for (`includeCounts=true`).

use serde_json::{Value, json};

use super::hal::link;
use crate::model::{Organization, State};

pub fn organization(st: &State, base: &str, o: &Organization, counts: bool) -> Value {
    let mut v = json!({
        "id": o.id,
        "name": o.name,
        "website": o.website,
        "description": o.description,
        "location": o.location,
        "logoUrl": o.logo_url,
        "note": o.note,
        "domains": o.domains,
        "phones": o.phones,
        "brandColor": o.brand_color,
        "_links": {"self": link(format!("{base}/v2/organizations/{}", o.id))},
    });
    if let (true, Some(obj)) = (counts, v.as_object_mut()) {
        let customers = st.organization_customer_count(o.id);
        let conversations = st.organization_conversations(o.id).count();
        obj.insert("customerCount".into(), json!(customers));
        obj.insert("conversationCount".into(), json!(conversations));
    }
    v
}
