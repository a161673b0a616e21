//! Everything the simulator writes as JSON: the records with Help Scout's field names and
//! absolute `_links` (`resources.rs`, `conversation.rs`), HAL responses and paged collections
//! (`hal.rs`) and the `vnd.error` bodies of failures (`errors.rs`).

mod conversation;
pub mod errors;
pub mod hal;
mod resources;

pub use conversation::{conversation, thread};
pub use resources::{address, customer, field, folder, mailbox, tag, user};
