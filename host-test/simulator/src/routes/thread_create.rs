//! Thread creation (§3.2, <https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/reply/>
//! and its sibling pages): `POST /v2/conversations/{id}/reply|notes|customer|chats|phones`.
//! The route decides the type (reply → `message`) and the fields its page documents
//! (`input::thread::thread_fields`; `status` on replies and notes with the values each page
//! lists, `assignTo` on replies); every kind but notes needs `customer`. A conversation with ≥ 99
//! threads (status line items not counted) → 412. `status` changes the conversation's status,
//! a reply without one reactivates it, and so does a customer thread unless `imported` ("Unless
//! imported field is set to true, it will re-open the updated conversation", Create Customer
//! Thread,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/customer/>);
//! the new thread carries the new status, so no line item is added. A reply reassigns as
//! `assignTo` says (left out: the person replying, the Inbox setting; `null`: nobody). A draft
//! keeps the status it asks for but changes nothing until published. 201 + `Location`
//! `…/threads/{threadId}` + `Resource-ID`.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use serde_json::Value;

use super::common::{IdJson, created};
use super::conversation_create::precondition_failed;
use crate::input::thread::{
    check_thread, check_user, make_thread, read_thread, resolve_customer, thread_fields,
};
use crate::input::{Assignment, Check};
use crate::model::{Actor, Shared, Status};
use crate::render::errors::ApiError;
use crate::time;

/// Each endpoint's last path segment and the stored type of the thread it creates.
const ENDPOINTS: [(&str, &str); 5] = [
    ("reply", "message"),
    ("notes", "note"),
    ("customer", "customer"),
    ("chats", "chat"),
    ("phones", "phone"),
];

/// `status` of a reply: "Valid statuses: active all closed open pending spam" (Create Reply,
/// <https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/reply/>).
const REPLY_STATUSES: [&str; 6] = ["active", "all", "closed", "open", "pending", "spam"];

/// `status` of a note: "active closed inbox_predefined open pending spam" (Create Note,
/// <https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/note/>, newest
/// version; the older copies of the page list `all` where it has `inbox_predefined`).
const NOTE_STATUSES: [&str; 6] = [
    "active",
    "closed",
    "inbox_predefined",
    "open",
    "pending",
    "spam",
];

/// Statuses that set none themselves (Invented: no page says what they do): `all` on a reply
/// counts as no `status` (so the reply reactivates); `inbox_predefined` on a note leaves the
/// status as it is. `open` is the active status.
const KEEP_STATUS: [&str; 2] = ["all", "inbox_predefined"];

/// Adding a thread to a conversation that already has this many → 412.
pub const MAX_EXISTING_THREADS: usize = 99;

/// The webhook event announcing a new thread.
fn thread_event(kind: &str, by: Actor) -> &'static str {
    match (kind, by) {
        ("note", _) => "convo.note.created",
        (_, Actor::Customer(_)) => "convo.customer.reply.created",
        _ => "convo.agent.reply.created",
    }
}

/// Validates and stores; returns `(conversation id, thread id)`.
fn insert(shared: &Shared, id: u64, v: &Value, kind: &'static str) -> Result<(u64, u64), ApiError> {
    let ck = Check::default();
    let o = ck.root(v)?;
    // The official PHP SDK sends the thread's `type` too; the route decides it.
    let mut allowed = thread_fields(kind).to_vec();
    allowed.push("type");
    match kind {
        "message" => allowed.extend(["status", "assignTo"]),
        "note" => allowed.push("status"),
        _ => {}
    }
    o.only(&allowed);
    let input = read_thread(&o, kind);
    if kind != "note" && o.get("customer").is_none() {
        ck.fail("customer", "may not be null", "NotNull", None);
    }
    let status = match kind {
        "message" => o.choice("status", &REPLY_STATUSES),
        _ => o.choice("status", &NOTE_STATUSES),
    }
    .filter(|s| !KEEP_STATUS.contains(s))
    .map(Status::from_name);
    let assign_to = o.assignment("assignTo");
    ck.bail()?;
    let Some(input) = input else {
        return Err(ApiError::validation(Vec::new()));
    };
    let mut st = shared.lock();
    let c = st.conversations.get(&id).ok_or_else(ApiError::not_found)?;
    if c.counted_threads() >= MAX_EXISTING_THREADS {
        return Err(precondition_failed());
    }
    let (primary, old_status, old_assignee) = (c.primary_customer, c.status, c.assignee);
    check_thread(&ck, &st, "", &input);
    check_user(&ck, &st, "assignTo", assign_to.user());
    ck.finish()?;
    let (customer_id, fresh) = match &input.customer {
        Some(r) => resolve_customer(&mut st, r),
        None => (primary, false),
    };
    let now = time::now();
    let reactivate = match kind {
        "message" => Some(Status::Active),
        "customer" if !input.imported => Some(Status::Active),
        _ => None,
    };
    let new_status = if input.draft {
        None
    } else {
        status.or(reactivate)
    };
    let final_status = new_status.unwrap_or(old_status);
    let author = input.user.unwrap_or(st.me);
    let assignee = match (input.draft, kind, assign_to) {
        (true, _, _) => old_assignee,
        (false, "message", Assignment::Default) => Some(author),
        (false, _, Assignment::User(user)) => Some(user),
        (false, _, Assignment::Nobody) => None,
        (false, _, Assignment::Default) => old_assignee,
    };
    // A draft carries the status it will set once published.
    let thread_status = if input.draft {
        status.unwrap_or(old_status)
    } else {
        final_status
    };
    let thread = make_thread(&mut st, &input, customer_id, thread_status, assignee, now);
    let (thread_id, by, draft) = (thread.id, thread.created_by, thread.draft);
    let closer = input.user.unwrap_or(st.me);
    if let Some(c) = st.conversations.get_mut(&id) {
        c.threads.push(thread);
        c.threads.sort_by_key(|t| t.created_at);
        c.modified_at = now;
        if matches!(by, Actor::User(_)) {
            c.user_updated_at = now;
        }
        c.assignee = assignee;
    }
    if let Some(s) = new_status {
        // The new thread carries the new status: no line item needed.
        st.change_status(id, s, closer, now, true);
    }
    let base = &shared.base;
    if fresh {
        st.emit_customer(base, "customer.created", customer_id);
    }
    if !draft {
        st.emit_conversation(base, thread_event(kind, by), id);
    }
    if final_status != old_status {
        st.emit_conversation(base, "convo.status", id);
    }
    if assignee != old_assignee {
        st.emit_conversation(base, "convo.assigned", id);
    }
    Ok((id, thread_id))
}

async fn create(
    shared: Shared,
    id: u64,
    v: Value,
    kind: &'static str,
) -> Result<Response, ApiError> {
    let (id, thread) = insert(&shared, id, &v, kind)?;
    let path = format!("/v2/conversations/{id}/threads/{thread}");
    Ok(created(&shared, &path, thread))
}

/// Adds the five thread endpoints to `router`.
pub fn routes(mut router: Router<Shared>) -> Router<Shared> {
    for (segment, kind) in ENDPOINTS {
        let create = move |State(s): State<Shared>, IdJson(id, v): IdJson| create(s, id, v, kind);
        router = router.route(&format!("/v2/conversations/{{id}}/{segment}"), post(create));
    }
    router
}
