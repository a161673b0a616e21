//! JSON renderings of conversations (§2.2) and threads (§3.1): person refs with `first`/`last`,
//! `threads` as a count, tags with ids and colours, custom fields with `value`/`text`, and the
//! recorded `_links` set (`web` = `https://secure.helpscout.net/conversation/{id}/{number}`).

use serde_json::{Map, Value, json};

use super::hal::link;
use crate::model::lineitem::action;
use crate::model::{Actor, Conversation, State, Thread};
use crate::time::{format, friendly};

const PREVIEW_CHARS: usize = 185;

/// `{id, type:"customer", first, last, photoUrl?, email}` (without `type` when `typed` is false).
fn customer_ref(st: &State, id: u64, typed: bool) -> Value {
    let mut v = Map::new();
    v.insert("id".into(), json!(id));
    if typed {
        v.insert("type".into(), json!("customer"));
    }
    if let Some(c) = st.customers.get(&id) {
        v.insert("first".into(), json!(c.first_name));
        v.insert("last".into(), json!(c.last_name));
        if !c.photo_url.is_empty() {
            v.insert("photoUrl".into(), json!(c.photo_url));
        }
        v.insert("email".into(), json!(c.primary_email().unwrap_or("")));
    }
    Value::Object(v)
}

/// `{id, type:"user", first, last, email, photoUrl?}`.
fn user_ref(st: &State, id: u64) -> Value {
    let mut v = json!({"id": id, "type": "user"});
    if let (Some(u), Some(obj)) = (st.user(id), v.as_object_mut()) {
        obj.insert("first".into(), json!(u.first_name));
        obj.insert("last".into(), json!(u.last_name));
        obj.insert("email".into(), json!(u.email));
        if let Some(p) = &u.photo_url {
            obj.insert("photoUrl".into(), json!(p));
        }
    }
    v
}

fn actor_ref(st: &State, a: Actor) -> Value {
    match a {
        Actor::Customer(id) => customer_ref(st, id, true),
        Actor::User(id) => user_ref(st, id),
    }
}

fn actor_link(base: &str, a: Actor) -> (&'static str, Value) {
    match a {
        Actor::Customer(id) => (
            "createdByCustomer",
            link(format!("{base}/v2/customers/{id}")),
        ),
        Actor::User(id) => ("createdByUser", link(format!("{base}/v2/users/{id}"))),
    }
}

/// `customerWaitingSince`: the latest customer or agent reply (notes do not count).
fn waiting_since(c: &Conversation) -> Value {
    let last_reply = c
        .threads
        .iter()
        .rev()
        .find(|t| t.kind != "note" && !t.is_lineitem());
    let (time, from) = match last_reply.map(|t| t.created_by) {
        Some(Actor::User(_)) => (c.closed_at.unwrap_or(c.user_updated_at), "user"),
        _ => (
            last_reply.map_or(c.created_at, |t| t.created_at),
            "customer",
        ),
    };
    json!({"time": format(time), "friendly": friendly(time), "latestReplyFrom": from})
}

fn tags(st: &State, c: &Conversation) -> Value {
    let mut names: Vec<&String> = c.tags.iter().collect();
    names.sort();
    names
        .into_iter()
        .map(|name| match st.tag(name) {
            Some(t) => json!({"id": t.id, "color": t.color, "tag": t.name}),
            None => json!({"id": 0, "color": "#A5B2BD", "tag": name}),
        })
        .collect()
}

fn custom_fields(st: &State, c: &Conversation) -> Value {
    c.custom_fields
        .iter()
        .map(|(id, value)| {
            let def = st.field_def(*id);
            let text = def
                .and_then(|d| d.options.iter().find(|o| o.id.to_string() == *value))
                .map_or(value.clone(), |o| o.label.clone());
            json!({"id": id, "name": def.map_or("", |d| d.name.as_str()), "value": value, "text": text})
        })
        .collect()
}

fn conversation_links(base: &str, c: &Conversation) -> Value {
    let me = format!("{base}/v2/conversations/{}", c.id);
    let mut l = Map::new();
    if let Some(a) = c.assignee {
        l.insert("assignee".into(), link(format!("{base}/v2/users/{a}")));
    }
    l.insert(
        "closedBy".into(),
        link(format!("{base}/v2/users/{}", c.closed_by)),
    );
    let (rel, href) = actor_link(base, c.created_by);
    l.insert(rel.into(), href);
    l.insert(
        "mailbox".into(),
        link(format!("{base}/v2/mailboxes/{}", c.mailbox_id)),
    );
    let customer = format!("{base}/v2/customers/{}", c.primary_customer);
    l.insert("primaryCustomer".into(), link(customer));
    l.insert("threads".into(), link(format!("{me}/threads/")));
    l.insert("self".into(), link(me));
    let web = format!(
        "https://secure.helpscout.net/conversation/{}/{}",
        c.id, c.number
    );
    l.insert("web".into(), link(web));
    Value::Object(l)
}

/// The v2 conversation object; threads embedded (newest first) when `with_threads`.
pub fn conversation(st: &State, base: &str, c: &Conversation, with_threads: bool) -> Value {
    let last = c.threads.iter().rev().find(|t| !t.is_lineitem());
    let preview: String = last.map_or(String::new(), |t| {
        t.body.chars().take(PREVIEW_CHARS).collect()
    });
    let mut v = json!({
        "id": c.id,
        "number": c.number,
        "threads": c.threads.len(),
        "type": c.kind,
        "folderId": st.mailbox(c.mailbox_id).map_or(0, |m| c.folder_id(m)),
        "status": c.status.as_str(),
        "state": c.state,
        "subject": c.subject,
        "preview": preview,
        "mailboxId": c.mailbox_id,
        "createdBy": actor_ref(st, c.created_by),
        "createdAt": format(c.created_at),
        "closedBy": c.closed_by,
        "userUpdatedAt": format(c.user_updated_at),
        "customerWaitingSince": waiting_since(c),
        "source": {"type": c.source_type, "via": c.source_via},
        "tags": tags(st, c),
        "cc": c.cc,
        "bcc": c.bcc,
        "primaryCustomer": customer_ref(st, c.primary_customer, true),
        "customFields": custom_fields(st, c),
        "_links": conversation_links(base, c),
    });
    let Some(obj) = v.as_object_mut() else {
        return v;
    };
    if let Some(a) = c.assignee {
        obj.insert("assignee".into(), user_ref(st, a));
    }
    if let Some(t) = c.closed_at {
        obj.insert("closedAt".into(), json!(format(t)));
        if c.closed_by != 0 {
            obj.insert("closedByUser".into(), user_ref(st, c.closed_by));
        }
    }
    if let Some(z) = c.snooze {
        let snooze = json!({"snoozedBy": z.by, "snoozedUntil": format(z.until),
                            "unsnoozeOnCustomerReply": z.unsnooze_on_customer_reply});
        obj.insert("snooze".into(), snooze);
    }
    if with_threads {
        let threads: Vec<Value> = c
            .threads
            .iter()
            .rev()
            .map(|t| thread(st, base, c, t))
            .collect();
        obj.insert("_embedded".into(), json!({ "threads": threads }));
    }
    v
}

/// `_embedded.attachments` of a thread (the recorded shape: `filename`, `width`/`height` 0).
fn attachments(base: &str, c: &Conversation, t: &Thread) -> Value {
    t.attachments
        .iter()
        .map(|a| {
            let me = format!("{base}/v2/conversations/{}/attachments/{}", c.id, a.id);
            let web = format!("https://secure.helpscout.net/file/{}/{}", a.id, a.filename);
            json!({
                "id": a.id,
                "filename": a.filename,
                "mimeType": a.mime_type,
                "width": 0,
                "height": 0,
                "size": a.data.len(),
                "_links": {"data": link(format!("{me}/data")), "self": link(me), "web": link(web)},
            })
        })
        .collect()
}

/// One thread of conversation `c`.
pub fn thread(st: &State, base: &str, c: &Conversation, t: &Thread) -> Value {
    let via = match t.created_by {
        Actor::Customer(_) => "customer",
        Actor::User(_) => "user",
    };
    let mut links = Map::new();
    let (rel, href) = actor_link(base, t.created_by);
    links.insert(rel.into(), href);
    links.insert(
        "customer".into(),
        link(format!("{base}/v2/customers/{}", t.customer_id)),
    );
    let mut v = json!({
        "id": t.id,
        "type": t.kind,
        "status": t.status.as_str(),
        "state": if t.draft { "draft" } else { "published" },
        "action": action(st, t),
        "source": {"type": c.source_type, "via": via},
        "customer": customer_ref(st, t.customer_id, false),
        "createdBy": actor_ref(st, t.created_by),
        "to": t.to,
        "cc": t.cc,
        "bcc": t.bcc,
        "createdAt": format(t.created_at),
        "_embedded": {"attachments": attachments(base, c, t)},
    });
    if let (Some(a), Some(obj)) = (t.assigned_to, v.as_object_mut()) {
        obj.insert("assignedTo".into(), user_ref(st, a));
        links.insert("assignedTo".into(), link(format!("{base}/v2/users/{a}")));
    }
    if let Some(obj) = v.as_object_mut() {
        // Line items carry no body.
        if !t.is_lineitem() {
            obj.insert("body".into(), json!(t.body));
        }
        // Invented: no page shows how a hidden thread (Update Thread's `/hidden`) renders.
        if t.hidden {
            obj.insert("hidden".into(), json!(true));
        }
        // "Added rating to thread response" (2023-09-12,
        // <https://developer.helpscout.com/mailbox-api/changelog/>), shaped as List Threads' v3
        // example shows it.
        if let Some(r) = st.thread_rating(t.id) {
            let rating =
                json!({"customerId": r.customer_id, "rating": r.rating, "comments": r.comments});
            obj.insert("rating".into(), rating);
        }
        obj.insert("_links".into(), Value::Object(links));
    }
    v
}
