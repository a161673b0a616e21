//! Everything the simulator writes as JSON: the records with Help Scout's field names and
//! absolute `_links` (`resources.rs`, `conversation.rs`, `people.rs`, `organization.rs`,
//! `workflow.rs`, `rating.rs`), HAL responses and paged collections (`hal.rs`) and the
//! `vnd.error` bodies of failures (`errors.rs`).

mod conversation;
pub mod errors;
pub mod hal;
mod organization;
mod people;
mod rating;
mod resources;
mod workflow;

pub use conversation::{conversation, thread};
pub use organization::organization;
pub use people::{team, user};
pub use rating::rating;
pub use resources::{address, customer, field, folder, mailbox, tag, tag_detail};
pub use workflow::workflow;
