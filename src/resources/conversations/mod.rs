//! Conversations (`/v2/conversations`): find, get, create, update (tags added or removed
//! too) and delete, writes that follow a merge, the custom-field values they carry, the ratings
//! of their replies, and the WIT record of a conversation.

mod create;
mod custom_fields;
mod delete;
mod find;
mod find_or_create;
mod get;
mod merged;
mod rating;
pub mod record;
mod update;

pub use create::{ConversationType, CreateConversation, NewStatus, create};
pub use delete::{DeleteConversation, delete};
pub use find::{FieldFilter, FindConversations, SortField, SortOrder, StatusFilter, find};
pub use find_or_create::find_or_create;
pub use get::{GetConversation, get};
pub use merged::following_merge;
pub use rating::{GetRating, get as get_rating, record as rating_record};
pub use update::{ConversationChanges, Snooze, Status, UpdateConversation, update};

/// A conversation as Help Scout's JSON text (`GET /v2/conversations/{id}`, a find's item).
pub type Conversation = super::Raw;

/// The entries of this resource, in catalog order.
pub const ENTRIES: &[crate::catalog::Entry] = &[
    find::ENTRY,
    get::ENTRY,
    create::ENTRY,
    update::ENTRY,
    delete::ENTRY,
    find_or_create::ENTRY,
    rating::ENTRY,
];
