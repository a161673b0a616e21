//! Users as List Users and Get User show them
//! (<https://developer.helpscout.com/mailbox-api/endpoints/users/list/>, `…/users/get/`: every
//! documented field) and teams as the official PHP SDK's team payload shows them (List Teams has
//! no page in the stored docs; shape from the official PHP SDK's payloads).

use serde_json::{Value, json};

use super::hal::link;
use crate::model::{Team, User};
use crate::time::format;

pub fn user(base: &str, u: &User) -> Value {
    let mut v = json!({
        "id": u.id,
        "firstName": u.first_name,
        "lastName": u.last_name,
        "email": u.email,
        "role": u.role,
        "timezone": u.timezone,
        "createdAt": format(u.created_at),
        "updatedAt": format(u.updated_at),
        "type": "user",
        "mention": u.mention,
        "initials": u.initials,
        "jobTitle": u.job_title,
        "phone": u.phone,
        "alternateEmails": u.alternate_emails,
        "_links": {"self": link(format!("{base}/v2/users/{}", u.id))},
    });
    if let (Some(p), Some(obj)) = (&u.photo_url, v.as_object_mut()) {
        obj.insert("photoUrl".into(), json!(p));
    }
    v
}

pub fn team(base: &str, t: &Team) -> Value {
    json!({
        "id": t.id,
        "name": t.name,
        "timezone": t.timezone,
        "photoUrl": t.photo_url,
        "mention": t.mention,
        "createdAt": format(t.created_at),
        "updatedAt": format(t.updated_at),
        "_links": {"self": link(format!("{base}/v2/teams/{}", t.id))},
    })
}
