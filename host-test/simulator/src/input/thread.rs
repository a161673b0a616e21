//! Thread request bodies shared by `POST /v2/conversations` (`threads[]`) and the thread
//! endpoints: customer references (`{id}` or `{email, firstName?, ...}`), base64 attachments
//! (≤ 10 MB decoded; also Upload Attachment's body) and turning a validated input into a stored
//! [`Thread`].

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use serde_json::Value;

use super::customer::{ENTITY_FIELDS, NewCustomer, email, entity_value, insert};
use super::{Check, Obj};
use crate::model::{Actor, Attachment, EntryKind, State, Status, Thread, take};

pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// A customer named by id, or by email (found or created).
pub enum CustomerRef {
    Id(u64),
    Email {
        email: String,
        entity: Vec<(&'static str, String)>,
    },
}

/// Reads a customer reference object (path `path`); `id` wins over `email`.
pub fn customer_ref(ck: &Check, path: &str, v: &Value) -> Option<CustomerRef> {
    let o = ck.object(path, v)?;
    if o.get("id").is_some() {
        return o.id("id").map(CustomerRef::Id);
    }
    let email = email(ck, &o.path("email"), o.require("email")?)?;
    let entity = ENTITY_FIELDS
        .iter()
        .filter(|key| o.get(key).is_some())
        .filter_map(|key| Some((*key, entity_value(ck, &o.path(key), key, o.get(key))?)))
        .collect();
    Some(CustomerRef::Email { email, entity })
}

/// Reports an unknown customer id (`path.id`).
pub fn check_customer(ck: &Check, st: &State, path: &str, r: &CustomerRef) {
    if let CustomerRef::Id(id) = r
        && !st.customers.contains_key(id)
    {
        let message = "Customer not found";
        ck.fail(
            &format!("{path}.id"),
            message,
            "InvalidIdentifier",
            Some(&Value::from(*id)),
        );
    }
}

/// Reports an unknown user id.
pub fn check_user(ck: &Check, st: &State, path: &str, id: Option<u64>) {
    if let Some(id) = id
        && st.user(id).is_none()
    {
        ck.fail(
            path,
            "User not found",
            "InvalidIdentifier",
            Some(&Value::from(id)),
        );
    }
}

/// The customer id of a checked reference; creates a customer for an unknown email.
/// Returns `(id, created)`.
pub fn resolve_customer(st: &mut State, r: &CustomerRef) -> (u64, bool) {
    match r {
        CustomerRef::Id(id) => (*id, false),
        CustomerRef::Email { email, entity } => match st.customer_by_email(email) {
            Some(id) => (id, false),
            None => {
                let new = NewCustomer {
                    entity: entity.clone(),
                    entries: vec![(EntryKind::Email, "work".into(), email.clone())],
                    ..NewCustomer::default()
                };
                (insert(st, new), true)
            }
        },
    }
}

pub struct AttachmentInput {
    filename: String,
    mime_type: String,
    data: Bytes,
}

impl AttachmentInput {
    /// The stored attachment, with a fresh id.
    pub fn store(&self, st: &mut State) -> Attachment {
        Attachment {
            id: take(&mut st.ids.attachment),
            filename: self.filename.clone(),
            mime_type: self.mime_type.clone(),
            data: self.data.clone(),
        }
    }
}

/// One attachment object `{fileName, mimeType, data}` (all required; `data` base64, ≤ 10 MB
/// decoded), as Upload Attachment and the thread bodies take it.
pub fn attachment(a: &Obj) -> Option<AttachmentInput> {
    let ck = a.ck;
    a.only(&["fileName", "mimeType", "data"]);
    let (filename, mime_type, data) = (a.text("fileName"), a.text("mimeType"), a.text("data"));
    let data_path = a.path("data");
    let cleaned: String = data?.chars().filter(|c| !c.is_whitespace()).collect();
    let Ok(bytes) = STANDARD.decode(cleaned.as_bytes()) else {
        ck.fail(&data_path, "Invalid base64 data", "InvalidBase64", None);
        return None;
    };
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        ck.fail(&data_path, "Attachment larger than 10 MB", "Size", None);
        return None;
    }
    Some(AttachmentInput {
        filename: filename?,
        mime_type: mime_type?,
        data: Bytes::from(bytes),
    })
}

/// `attachments: [{fileName, mimeType, data}]`.
fn attachments(o: &Obj) -> Vec<AttachmentInput> {
    let ck = o.ck;
    let items = o.array("attachments").unwrap_or_default();
    items
        .iter()
        .filter_map(|it| attachment(&ck.object(&it.path, it.value)?))
        .collect()
}

/// A validated thread body.
pub struct ThreadInput {
    /// Stored type: `customer`, `message`, `note`, `chat`, `phone`.
    pub kind: &'static str,
    pub customer: Option<CustomerRef>,
    pub text: String,
    pub user: Option<u64>,
    pub draft: bool,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub created_at: Option<i64>,
    /// `imported: true`: a thread for the record (no e-mails, no re-opening).
    pub imported: bool,
    pub attachments: Vec<AttachmentInput>,
}

/// The keys a thread body of this stored type may carry, as each create page documents them
/// (<https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/reply/>,
/// `…/note/`, `…/customer/`, `…/chat/`, `…/phone/`): `user` on replies and notes, `cc`/`bcc`
/// on replies and customer threads, `draft` on replies only, no customer on notes. `status`
/// (replies, notes) and `assignTo` (replies) belong to the thread endpoints, not to the threads
/// of a new conversation.
pub fn thread_fields(kind: &str) -> &'static [&'static str] {
    match kind {
        "message" => &[
            "customer",
            "text",
            "user",
            "draft",
            "cc",
            "bcc",
            "createdAt",
            "imported",
            "attachments",
        ],
        "note" => &["text", "user", "createdAt", "imported", "attachments"],
        "customer" => &[
            "customer",
            "text",
            "cc",
            "bcc",
            "createdAt",
            "imported",
            "attachments",
        ],
        _ => &["customer", "text", "createdAt", "imported", "attachments"],
    }
}

/// Reads the common thread fields of `o` (unknown keys are checked by the caller).
pub fn read_thread(o: &Obj, kind: &'static str) -> Option<ThreadInput> {
    let customer = o
        .get("customer")
        .and_then(|v| customer_ref(o.ck, &o.path("customer"), v));
    let text = o.text("text");
    let input = ThreadInput {
        kind,
        customer,
        user: o.id("user"),
        draft: o.boolean("draft").unwrap_or(false),
        cc: o.strings("cc").unwrap_or_default(),
        bcc: o.strings("bcc").unwrap_or_default(),
        created_at: o.instant("createdAt"),
        imported: o.boolean("imported").unwrap_or(false),
        attachments: attachments(o),
        text: text?,
    };
    Some(input)
}

/// Checks the references of a thread input against the state.
pub fn check_thread(ck: &Check, st: &State, path: &str, t: &ThreadInput) {
    if let Some(r) = &t.customer {
        check_customer(ck, st, &join(path, "customer"), r);
    }
    check_user(ck, st, &join(path, "user"), t.user);
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Builds the stored thread (ids taken from the state's counters).
pub fn make_thread(
    st: &mut State,
    t: &ThreadInput,
    customer_id: u64,
    status: Status,
    assignee: Option<u64>,
    default_time: i64,
) -> Thread {
    let author = t.user.unwrap_or(st.me);
    let created_by = match t.kind {
        "customer" | "chat" => Actor::Customer(customer_id),
        _ => Actor::User(author),
    };
    let to = match (
        t.kind,
        st.customers
            .get(&customer_id)
            .and_then(|c| c.primary_email()),
    ) {
        ("message", Some(e)) => vec![e.to_string()],
        _ => Vec::new(),
    };
    let attachments = t.attachments.iter().map(|a| a.store(st)).collect();
    Thread {
        id: take(&mut st.ids.thread),
        kind: t.kind.to_string(),
        status,
        body: t.text.clone(),
        created_by,
        customer_id,
        assigned_to: assignee,
        to,
        cc: t.cc.clone(),
        bcc: t.bcc.clone(),
        created_at: t.created_at.unwrap_or(default_time),
        draft: t.draft && t.kind == "message",
        attachments,
        action: None,
        hidden: false,
        original_body: None,
    }
}
