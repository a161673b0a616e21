//! The simulator's typed, in-memory model: one [`State`] per simulator behind `Arc<Mutex<..>>`
//! ([`Shared`]), holding the records Help Scout serves (mailboxes, users, teams, tags,
//! conversations, customers, organizations, workflows, ratings, webhooks) and the bookkeeping
//! around them (OAuth2 tokens, the rate limiter, ids, merges). Records are plain data: JSON
//! comes from `render` (the line-item `action` object excepted), request bodies are read by
//! `input`.

mod customer;
pub mod lineitem;
mod merge;
mod organization;
pub mod ratelimit;
mod rating;
mod shared;
mod state;
pub mod status_change;
mod team;
pub mod tokens;
pub mod webhook;
pub mod workflow;

pub use customer::{Address, Customer, Entry, EntryKind, Property, PropertyDef};
pub use organization::Organization;
pub use rating::Rating;
pub use shared::{Shared, WeakShared};
pub use state::{
    Actor, Attachment, Conversation, FieldDef, FieldOption, Folder, IdCounters, Mailbox, Snooze,
    State, Status, Tag, Thread, User, take,
};
pub use team::Team;
