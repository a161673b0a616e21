//! Reading request bodies: the [`JsonBody`] extractor, the path-aware validator ([`Check`],
//! [`Obj`]) that gathers every problem of a body into one Help Scout 400, the readers of the
//! shapes several endpoints share (customers and their entries, threads, custom fields) and of
//! the other create bodies (organizations).

mod body;
pub mod customer;
pub mod fields;
mod object;
pub mod organization;
pub mod thread;

pub use body::{Check, Item, JsonBody, apply_all, operations, read_object, single_op};
pub use object::{Assignment, Obj};
