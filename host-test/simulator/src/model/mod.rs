//! The simulator's typed, in-memory model: one [`State`] per simulator behind `Arc<Mutex<..>>`
//! ([`Shared`]), holding the records Help Scout serves (mailboxes, users, tags, conversations,
//! customers, webhooks) and the bookkeeping around them (OAuth2 tokens, the rate limiter, ids).
//! Records are plain data: JSON comes from `render` (the line-item `action` text excepted),
//! request bodies are read by `input`.

mod customer;
pub mod ratelimit;
mod shared;
mod state;
pub mod status_change;
pub mod tokens;
pub mod webhook;

pub use customer::{Address, Customer, Entry, EntryKind, Property, PropertyDef};
pub use shared::{Shared, WeakShared};
pub use state::{
    Actor, Attachment, Conversation, FieldDef, FieldOption, Folder, IdCounters, Mailbox, Snooze,
    State, Status, Tag, Thread, User, take,
};
