//! Conversations (`/v2/conversations`): find, get, create and update, the custom-field values
//! they carry, and the WIT record of a conversation.

mod create;
mod custom_fields;
mod find;
mod get;
pub mod record;
mod update;

pub use create::{ConversationType, CreateConversation, NewStatus, create};
pub use find::{FieldFilter, FindConversations, SortField, SortOrder, StatusFilter, find};
pub use get::{GetConversation, get};
pub use update::{ConversationChanges, Snooze, Status, UpdateConversation, update};

/// A conversation as Help Scout's JSON text (`GET /v2/conversations/{id}`, a find's item).
pub type Conversation = super::Raw;
