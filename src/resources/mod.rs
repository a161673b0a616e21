//! One module per Help Scout resource, all laid out alike: input types → operations → wire types
//! and conversions to the WIT records → tests on recorded JSON.

pub mod conversation_create;
mod conversation_records;
pub mod conversation_update;
pub mod conversations;
pub mod custom_fields;
mod customer_input;
pub mod customer_properties;
mod customer_records;
pub mod customers;
pub mod mailboxes;
pub mod refs;
pub mod threads;
pub mod users;
pub(crate) mod wire;

pub use customer_input::{Address, CustomerInput, Entry};
pub use customer_properties::PropertyValue;
