//! What an entry's declaration uses, in one import (`use crate::catalog::declare::*`).

pub use super::entry::{Effects, Entry, Group, Paging, Source, Trigger, dependent, field};
pub(crate) use super::files::files;
pub use super::invoke::json;
#[cfg(test)]
pub use super::schemas::{schema_of, with_alias, with_id};
pub use crate::decode::{Empty, decode, decode_with_id};
