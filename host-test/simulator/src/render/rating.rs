//! Satisfaction ratings as Get Satisfaction Rating shows them
//! (<https://developer.helpscout.com/mailbox-api/endpoints/ratings/get/>): people with
//! `firstName`/`lastName` (not `first`/`last`), `conversationNumber`, `mailboxId`, `modifiedAt`
//! (listed in the page's table) and `_links` to the conversation, mailbox, customer, user and
//! itself. Also the body of `satisfaction.ratings` webhooks (the webhooks page,
//! <https://developer.helpscout.com/webhooks/>, says "v2 Rating object"). Dates carry the `Z`
//! of every other date (the page's example lacks it).

use serde_json::{Map, Value, json};

use super::hal::link;
use crate::model::{Rating, State};
use crate::time::format;

fn customer(st: &State, id: u64) -> Value {
    let mut v = Map::new();
    v.insert("id".into(), json!(id));
    if let Some(c) = st.customers.get(&id) {
        v.insert("email".into(), json!(c.primary_email().unwrap_or("")));
        v.insert("firstName".into(), json!(c.first_name));
        v.insert("lastName".into(), json!(c.last_name));
        v.insert("photoUrl".into(), json!(c.photo_url));
    }
    Value::Object(v)
}

fn user(st: &State, id: u64) -> Value {
    let mut v = Map::new();
    v.insert("id".into(), json!(id));
    if let Some(u) = st.user(id) {
        v.insert("email".into(), json!(u.email));
        v.insert("firstName".into(), json!(u.first_name));
        v.insert("lastName".into(), json!(u.last_name));
    }
    Value::Object(v)
}

pub fn rating(st: &State, base: &str, r: &Rating) -> Value {
    json!({
        "id": r.id,
        "customer": customer(st, r.customer_id),
        "threadId": r.thread_id,
        "conversationId": r.conversation_id,
        "conversationNumber": r.conversation_number,
        "mailboxId": r.mailbox_id,
        "rating": r.rating,
        "user": user(st, r.user_id),
        "comments": r.comments,
        "createdAt": format(r.created_at),
        "modifiedAt": format(r.modified_at),
        "_links": {
            "conversation": link(format!("{base}/v2/conversations/{}", r.conversation_id)),
            "mailbox": link(format!("{base}/v2/mailboxes/{}", r.mailbox_id)),
            "customer": link(format!("{base}/v2/customers/{}", r.customer_id)),
            "user": link(format!("{base}/v2/users/{}", r.user_id)),
            "self": link(format!("{base}/v2/ratings/{}", r.id)),
        },
    })
}
