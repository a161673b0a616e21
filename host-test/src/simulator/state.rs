//! The simulator's typed, in-memory model: one [`State`] per simulator behind `Arc<Mutex<..>>`
//! ([`Shared`]). Handlers lock it briefly (never across an await), read or mutate records and
//! render JSON from them; write endpoints only need to push or edit records here.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::LoggedRequest;
use super::ratelimit::RateLimiter;
use super::tokens::TokenStore;

/// Cheap-to-clone handle given to every handler.
#[derive(Clone)]
pub struct Shared {
    /// `http://127.0.0.1:PORT`, no trailing slash; prefix of every link the simulator emits.
    pub base: Arc<str>,
    state: Arc<Mutex<State>>,
}

impl Shared {
    pub fn new(base: &str, state: State) -> Self {
        Shared {
            base: Arc::from(base),
            state: Arc::new(Mutex::new(state)),
        }
    }

    /// Locks the state; a poisoned lock is recovered (the data stays usable).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Active,
    Pending,
    Closed,
    Spam,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Pending => "pending",
            Status::Closed => "closed",
            Status::Spam => "spam",
        }
    }
}

/// Who wrote something: a customer or a user (agent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Customer(u64),
    User(u64),
}

pub struct Mailbox {
    pub id: u64,
    pub name: String,
    pub slug: String,
    pub email: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub folders: Vec<Folder>,
    pub fields: Vec<FieldDef>,
}

pub struct Folder {
    pub id: u64,
    pub name: String,
    /// `open`, `mytickets`, `needs_attn`, `drafts`, `assigned`, `closed`, `spam`.
    pub kind: &'static str,
    pub user_id: u64,
    pub updated_at: i64,
}

/// A mailbox custom-field definition.
pub struct FieldDef {
    pub id: u64,
    pub name: String,
    /// `dropdown`, `number`, `date`, `singleline`, `multiline`.
    pub kind: &'static str,
    pub required: bool,
    pub order: u32,
    pub options: Vec<FieldOption>,
}

pub struct FieldOption {
    pub id: u64,
    pub order: u32,
    pub label: String,
}

pub struct User {
    pub id: u64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: &'static str,
    pub timezone: &'static str,
    pub photo_url: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// An email, phone, chat handle, social profile or website of a customer (`type` empty for websites).
#[derive(Clone)]
pub struct Entry {
    pub id: u64,
    pub value: String,
    pub kind: String,
}

#[derive(Clone)]
pub struct Address {
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub country: String,
    pub lines: Vec<String>,
}

#[derive(Clone)]
pub struct Property {
    pub kind: &'static str,
    pub slug: String,
    pub name: String,
    pub value: String,
    pub text: String,
}

#[derive(Clone, Default)]
pub struct Customer {
    pub id: u64,
    pub first_name: String,
    pub last_name: String,
    pub gender: String,
    pub job_title: String,
    pub location: String,
    pub organization: String,
    pub photo_type: String,
    pub photo_url: String,
    pub age: Option<String>,
    pub background: String,
    pub created_at: i64,
    /// `updatedAt`; also what `modifiedSince`/`modifiedAt` filter on.
    pub updated_at: i64,
    pub emails: Vec<Entry>,
    pub phones: Vec<Entry>,
    pub chats: Vec<Entry>,
    pub social_profiles: Vec<Entry>,
    pub websites: Vec<Entry>,
    pub address: Option<Address>,
    pub properties: Vec<Property>,
}

impl Customer {
    pub fn primary_email(&self) -> Option<&str> {
        self.emails.first().map(|e| e.value.as_str())
    }
}

pub struct Tag {
    pub id: u64,
    pub name: String,
    pub color: String,
}

pub struct Thread {
    pub id: u64,
    /// `customer`, `message` (agent reply), `note`, `chat`, `phone`.
    pub kind: String,
    pub status: Status,
    pub body: String,
    pub created_by: Actor,
    pub customer_id: u64,
    pub assigned_to: Option<u64>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub created_at: i64,
}

pub struct Conversation {
    pub id: u64,
    pub number: u64,
    /// `email`, `chat`, `phone`.
    pub kind: String,
    pub status: Status,
    /// `published` or `draft`.
    pub state: String,
    pub subject: String,
    pub mailbox_id: u64,
    pub assignee: Option<u64>,
    pub created_by: Actor,
    pub created_at: i64,
    pub closed_by: u64,
    pub closed_at: Option<i64>,
    pub user_updated_at: i64,
    /// Internal "last modified" instant (the v2 object has no such field).
    pub modified_at: i64,
    pub source_type: String,
    pub source_via: String,
    /// Tag names; ids and colours come from [`State::tags`].
    pub tags: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub primary_customer: u64,
    /// `(field id, value)`; dropdown values are option ids as strings.
    pub custom_fields: Vec<(u64, String)>,
    /// Oldest first.
    pub threads: Vec<Thread>,
}

impl Conversation {
    /// Whether the conversation shows in `folder` (folders are views, not stored places).
    pub fn in_folder(&self, folder: &Folder) -> bool {
        let open = matches!(self.status, Status::Active | Status::Pending);
        match folder.kind {
            "open" => open && self.assignee.is_none() && self.state == "published",
            "mytickets" => self.assignee == Some(folder.user_id) && self.status != Status::Spam,
            "drafts" => self.state == "draft",
            "assigned" => open && self.assignee.is_some() && self.state == "published",
            "closed" => self.status == Status::Closed,
            "spam" => self.status == Status::Spam,
            _ => false,
        }
    }

    /// `folderId`: the first shared folder of the mailbox that shows the conversation.
    pub fn folder_id(&self, mailbox: &Mailbox) -> u64 {
        mailbox
            .folders
            .iter()
            .filter(|f| f.kind != "mytickets")
            .find(|f| self.in_folder(f))
            .map_or(0, |f| f.id)
    }
}

/// Next free ids for records created at run time.
#[allow(dead_code, reason = "used by the write endpoints (next round)")]
#[derive(Default)]
pub struct IdCounters {
    pub conversation: u64,
    pub number: u64,
    pub thread: u64,
    pub customer: u64,
    pub entry: u64,
    pub tag: u64,
}

pub struct State {
    /// The token owner (`/v2/users/me`).
    pub me: u64,
    pub mailboxes: Vec<Mailbox>,
    pub users: Vec<User>,
    pub customers: BTreeMap<u64, Customer>,
    pub conversations: BTreeMap<u64, Conversation>,
    pub tags: Vec<Tag>,
    #[allow(dead_code, reason = "used by the write endpoints (next round)")]
    pub ids: IdCounters,
    pub tokens: TokenStore,
    pub limiter: RateLimiter,
    pub log: Vec<LoggedRequest>,
    /// Serial number of responses (the `#N` of `Correlation-Id`).
    pub serial: u64,
}

impl State {
    pub fn mailbox(&self, id: u64) -> Option<&Mailbox> {
        self.mailboxes.iter().find(|m| m.id == id)
    }

    pub fn user(&self, id: u64) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn tag(&self, name: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.name.eq_ignore_ascii_case(name))
    }

    /// Field definition by id, across mailboxes.
    pub fn field_def(&self, id: u64) -> Option<&FieldDef> {
        self.mailboxes
            .iter()
            .flat_map(|m| m.fields.iter())
            .find(|f| f.id == id)
    }
}
