//! The simulator's typed, in-memory records: one [`State`] per simulator behind `Arc<Mutex<..>>`
//! ([`Shared`](super::Shared)). Handlers lock it briefly (never across an await), read or
//! mutate records and render JSON from them. Customer records live in `customer.rs`, webhooks
//! in `webhook.rs`.

use std::collections::BTreeMap;

use bytes::Bytes;

use super::lineitem::LineAction;
use super::ratelimit::RateLimiter;
use super::tokens::TokenStore;
use super::webhook::{DeliveryLog, Webhook};
use super::workflow::Workflow;
use super::{Customer, PropertyDef};
use super::{Organization, Rating, Team};
use crate::LoggedRequest;
use crate::faults::FaultTable;

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

    /// A status as request bodies name it (`open` is the active status).
    pub fn from_name(s: &str) -> Status {
        match s {
            "closed" => Status::Closed,
            "pending" => Status::Pending,
            "spam" => Status::Spam,
            _ => Status::Active,
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

/// A Help Scout user (agent), with every field Get User documents.
pub struct User {
    pub id: u64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// `owner`, `admin`, `user` or `light user`.
    pub role: &'static str,
    pub timezone: &'static str,
    pub photo_url: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The `@mention` handle.
    pub mention: String,
    pub initials: String,
    pub job_title: String,
    pub phone: String,
    pub alternate_emails: Vec<String>,
    /// The mailboxes the user has access to (Invented data model: no page shows it; List
    /// Users' `mailbox` filter reads it).
    pub mailboxes: Vec<u64>,
}

pub struct Tag {
    pub id: u64,
    pub name: String,
    pub color: String,
    pub created_at: i64,
    /// Set once the tag was changed (List Tags shows `updatedAt` on some tags only).
    pub updated_at: Option<i64>,
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
    /// A draft reply (not yet sent).
    pub draft: bool,
    pub attachments: Vec<Attachment>,
    /// What a `lineitem` records (`None` for every other type).
    pub action: Option<LineAction>,
    /// Hidden with Update Thread's `/hidden`.
    pub hidden: bool,
    /// The text before Update Thread's first `/text` change ("the original text is saved").
    pub original_body: Option<String>,
}

/// A file attached to a thread, with its bytes (≤ 10 MB each, checked at upload).
pub struct Attachment {
    pub id: u64,
    pub filename: String,
    pub mime_type: String,
    pub data: Bytes,
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
    pub snooze: Option<Snooze>,
}

/// A conversation's snooze (`snooze` in its JSON).
#[derive(Clone, Copy, Debug)]
pub struct Snooze {
    /// The user who snoozed it.
    pub by: u64,
    pub until: i64,
    pub unsnooze_on_customer_reply: bool,
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
#[derive(Default)]
pub struct IdCounters {
    pub conversation: u64,
    pub number: u64,
    pub thread: u64,
    pub customer: u64,
    pub entry: u64,
    pub tag: u64,
    pub attachment: u64,
    pub webhook: u64,
    pub organization: u64,
    pub rating: u64,
}

/// Takes the next id of a counter.
pub fn take(counter: &mut u64) -> u64 {
    let id = *counter;
    *counter += 1;
    id
}

pub struct State {
    /// The token owner (`/v2/users/me`).
    pub me: u64,
    pub mailboxes: Vec<Mailbox>,
    pub users: Vec<User>,
    pub teams: Vec<Team>,
    pub customers: BTreeMap<u64, Customer>,
    pub conversations: BTreeMap<u64, Conversation>,
    /// Merged conversation id → the id it was merged into (`merge.rs`).
    pub merged: BTreeMap<u64, u64>,
    pub tags: Vec<Tag>,
    pub organizations: Vec<Organization>,
    pub workflows: Vec<Workflow>,
    pub ratings: Vec<Rating>,
    pub property_defs: Vec<PropertyDef>,
    pub webhooks: Vec<Webhook>,
    /// Finished webhook deliveries.
    pub deliveries: DeliveryLog,
    pub ids: IdCounters,
    pub tokens: TokenStore,
    pub limiter: RateLimiter,
    pub log: Vec<LoggedRequest>,
    /// Serial number of responses (the `#N` of `Correlation-Id`).
    pub serial: u64,
    /// Injected faults, consulted below axum for every `/v2/…` request.
    pub faults: FaultTable,
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

    /// The customer owning `email` (lowest id when several do).
    pub fn customer_by_email(&self, email: &str) -> Option<u64> {
        self.customers
            .values()
            .find(|c| c.has_email(email))
            .map(|c| c.id)
    }

    /// The canonical spellings of `names` (trimmed, blanks dropped, each tag once), creating
    /// the unknown tags.
    pub fn ensure_tags(&mut self, names: &[String]) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            let name = self.ensure_tag(name);
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
                tags.push(name);
            }
        }
        tags
    }

    /// The canonical spelling of tag `name`, creating the tag (with a colour, `createdAt` now:
    /// List Tags, <https://developer.helpscout.com/mailbox-api/endpoints/tags/list/>, shows one
    /// on every tag) when unknown.
    pub fn ensure_tag(&mut self, name: &str) -> String {
        if let Some(t) = self.tag(name) {
            return t.name.clone();
        }
        const COLORS: [&str; 6] = [
            "#E52F28", "#F7A13D", "#3197D6", "#4FB87D", "#A5B2BD", "#929499",
        ];
        let id = take(&mut self.ids.tag);
        let color = COLORS[(id % COLORS.len() as u64) as usize];
        self.tags.push(Tag {
            id,
            name: name.to_string(),
            color: color.to_string(),
            created_at: crate::time::now(),
            updated_at: None,
        });
        name.to_string()
    }
}
