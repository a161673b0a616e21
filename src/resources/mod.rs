//! One module per Help Scout resource, all laid out alike: input types → operations → wire types
//! and conversions to the WIT records → tests on recorded JSON.

mod conversation_records;
pub mod conversations;
pub mod mailboxes;
mod wire;
