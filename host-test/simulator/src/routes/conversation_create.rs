//! `POST /v2/conversations` (§2.4, <https://developer.helpscout.com/mailbox-api/endpoints/conversations/create/>):
//! validates the whole body (unknown fields, required fields, enums, references, custom fields,
//! each thread's fields by type; > 100 threads → 412; `closedAt` only on imported
//! conversations), finds or creates the customer by email, creates unknown tags, assigns as
//! `assignTo` says (left out: the Inbox setting, the person replying; `null`: nobody), stores the
//! conversation and answers 201 + `Location`/`Resource-ID`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use super::common::created;
use crate::input::fields::{self, FieldInput};
use crate::input::thread::{
    CustomerRef, ThreadInput, check_customer, check_thread, check_user, customer_ref, make_thread,
    read_thread, resolve_customer, thread_fields,
};
use crate::input::{Assignment, Check, JsonBody};
use crate::model::{Actor, Conversation, Shared, State as Model, Status, take};
use crate::render::errors::ApiError;
use crate::time;

const FIELDS: [&str; 14] = [
    "closedAt",
    "subject",
    "customer",
    "mailboxId",
    "type",
    "status",
    "threads",
    "assignTo",
    "createdAt",
    "imported",
    "autoReply",
    "tags",
    "fields",
    "user",
];
pub const MAX_THREADS: usize = 100;

struct NewConversation {
    subject: String,
    customer: CustomerRef,
    mailbox: u64,
    kind: &'static str,
    status: Status,
    threads: Vec<(String, ThreadInput)>,
    assign_to: Assignment,
    created_at: Option<i64>,
    closed_at: Option<i64>,
    tags: Vec<String>,
    fields: Vec<FieldInput>,
    user: Option<u64>,
}

pub fn precondition_failed() -> ApiError {
    ApiError::new(StatusCode::PRECONDITION_FAILED, "Precondition Failed")
}

fn read_threads(ck: &Check, v: &Value) -> Option<Vec<(String, ThreadInput)>> {
    let items = ck.array("threads", v)?;
    if items.is_empty() {
        ck.fail("threads", "may not be empty", "NotEmpty", Some(v));
    }
    let threads = items.iter().filter_map(|it| {
        let t = ck.object(&it.path, it.value)?;
        let kind = t
            .require("type")
            .and_then(|_| t.choice("type", &["customer", "reply", "note", "chat", "phone"]))?;
        let kind = if kind == "reply" { "message" } else { kind };
        let mut allowed = thread_fields(kind).to_vec();
        allowed.push("type");
        t.only(&allowed);
        read_thread(&t, kind).map(|input| (it.path.clone(), input))
    });
    Some(threads.collect())
}

fn read(ck: &Check, v: &Value) -> Result<Option<NewConversation>, ApiError> {
    let o = ck.root(v)?;
    o.only(&FIELDS);
    if let Some(Value::Array(items)) = o.get("threads")
        && items.len() > MAX_THREADS
    {
        return Err(precondition_failed());
    }
    let subject = o.text("subject");
    let customer = o
        .require("customer")
        .and_then(|v| customer_ref(ck, "customer", v));
    let mailbox = o.require("mailboxId").and_then(|v| ck.id("mailboxId", v));
    let kind = o
        .require("type")
        .and_then(|_| o.choice("type", &["email", "chat", "phone"]));
    let status = o
        .require("status")
        .and_then(|_| o.choice("status", &["active", "closed", "pending"]));
    let threads = o.require("threads").and_then(|v| read_threads(ck, v));
    let assign_to = o.assignment("assignTo");
    let created_at = o.instant("createdAt");
    let closed_at = o.instant("closedAt");
    if closed_at.is_some() && o.boolean("imported") != Some(true) {
        let message = "closedAt is only applicable for imported conversations";
        ck.fail("closedAt", message, "NotApplicable", o.get("closedAt"));
    }
    o.boolean("imported");
    o.boolean("autoReply");
    let tags = o.strings("tags").unwrap_or_default();
    let fields = o
        .array("fields")
        .map(|items| fields::read(ck, &items))
        .unwrap_or_default();
    let user = o.id("user");
    Ok(Some(NewConversation {
        subject: subject.unwrap_or_default(),
        customer: match customer {
            Some(c) => c,
            None => return Ok(None),
        },
        mailbox: mailbox.unwrap_or(0),
        kind: kind.unwrap_or("email"),
        status: status.map_or(Status::Active, Status::from_name),
        threads: threads.unwrap_or_default(),
        assign_to,
        created_at,
        closed_at,
        tags,
        fields,
        user,
    }))
}

/// Checks references; returns the custom-field values to store.
fn check_refs(ck: &Check, st: &Model, new: &NewConversation) -> Vec<(u64, String)> {
    check_customer(ck, st, "customer", &new.customer);
    check_user(ck, st, "assignTo", new.assign_to.user());
    check_user(ck, st, "user", new.user);
    for (path, t) in &new.threads {
        check_thread(ck, st, path, t);
    }
    match st.mailbox(new.mailbox) {
        Some(m) => fields::resolve(ck, m, &new.fields),
        None => {
            if new.mailbox != 0 {
                let rejected = Value::from(new.mailbox);
                ck.fail(
                    "mailboxId",
                    "Mailbox not found",
                    "InvalidIdentifier",
                    Some(&rejected),
                );
            }
            Vec::new()
        }
    }
}

/// Validates and stores; returns the new conversation id.
fn insert(shared: &Shared, v: &Value) -> Result<u64, ApiError> {
    let ck = Check::default();
    let new = read(&ck, v)?;
    let mut st = shared.lock();
    let custom_fields = new
        .as_ref()
        .map(|n| check_refs(&ck, &st, n))
        .unwrap_or_default();
    ck.finish()?;
    let Some(new) = new else {
        return Err(ApiError::validation(Vec::new()));
    };
    let (id, created_customers) = store(&mut st, new, custom_fields);
    for cid in created_customers {
        st.emit_customer(&shared.base, "customer.created", cid);
    }
    st.emit_conversation(&shared.base, "convo.created", id);
    Ok(id)
}

impl NewConversation {
    /// The assignee `assignTo` asks for.
    fn assignee(&self, me: u64) -> Option<u64> {
        match self.assign_to {
            Assignment::User(id) => Some(id),
            Assignment::Nobody => None,
            // The demo mailboxes' setting: a conversation with a reply goes to the person replying.
            Assignment::Default => self
                .threads
                .iter()
                .find(|(_, t)| t.kind == "message" && !t.draft)
                .map(|(_, t)| t.user.unwrap_or(me)),
        }
    }
}

/// Stores a validated conversation (creating the customers and tags it names); returns its id
/// and the ids of the customers created for it.
fn store(
    st: &mut Model,
    new: NewConversation,
    custom_fields: Vec<(u64, String)>,
) -> (u64, Vec<u64>) {
    let now = time::now();
    let mut created_customers = Vec::new();
    let (customer_id, fresh) = resolve_customer(st, &new.customer);
    created_customers.extend(fresh.then_some(customer_id));
    let created_at = new.created_at.unwrap_or(now);
    let assignee = new.assignee(st.me);
    let mut threads = Vec::with_capacity(new.threads.len());
    for (_, t) in &new.threads {
        let (cid, fresh) = match &t.customer {
            Some(r) => resolve_customer(st, r),
            None => (customer_id, false),
        };
        created_customers.extend(fresh.then_some(cid));
        threads.push(make_thread(st, t, cid, new.status, assignee, created_at));
    }
    threads.sort_by_key(|t| t.created_at);
    let tags = st.ensure_tags(&new.tags);
    let closer = new.user.unwrap_or(st.me);
    let closed = new.status == Status::Closed;
    let first = threads.first();
    let conversation = Conversation {
        id: take(&mut st.ids.conversation),
        number: take(&mut st.ids.number),
        kind: new.kind.to_string(),
        status: new.status,
        state: if threads.iter().any(|t| t.draft) {
            "draft"
        } else {
            "published"
        }
        .into(),
        subject: new.subject,
        mailbox_id: new.mailbox,
        assignee,
        created_by: new.user.map_or(Actor::Customer(customer_id), Actor::User),
        created_at,
        closed_by: if closed { closer } else { 0 },
        closed_at: closed.then(|| new.closed_at.unwrap_or(now)),
        user_updated_at: created_at,
        modified_at: now,
        source_type: "api".into(),
        source_via: if new.user.is_some() {
            "user"
        } else {
            "customer"
        }
        .into(),
        tags,
        cc: first.map(|t| t.cc.clone()).unwrap_or_default(),
        bcc: first.map(|t| t.bcc.clone()).unwrap_or_default(),
        primary_customer: customer_id,
        custom_fields,
        threads,
        snooze: None,
    };
    let id = conversation.id;
    st.conversations.insert(id, conversation);
    (id, created_customers)
}

pub async fn create(
    State(shared): State<Shared>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let id = insert(&shared, &v)?;
    Ok(created(&shared, &format!("/v2/conversations/{id}"), id))
}
