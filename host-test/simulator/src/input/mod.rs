//! Reading request bodies: the [`JsonBody`] extractor, the path-aware validator ([`Check`],
//! [`Obj`]) that gathers every problem of a body into one Help Scout 400, and the readers of
//! the shapes several endpoints share (customers and their entries, threads, custom fields).

mod body;
pub mod customer;
pub mod fields;
mod object;
pub mod thread;

pub use body::{Check, Item, JsonBody, apply_all, invalid, operations, read_object};
pub use object::{Assignment, Obj};
