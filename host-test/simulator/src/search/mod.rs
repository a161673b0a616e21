//! Searching and listing: Help Scout's `query=` language (a parser, `query.rs`, and an evaluator
//! over per-resource schemas, `eval.rs`), typed query-string parameters (`params.rs`) and the
//! filters and sort orders of the conversation and customer lists (`conversations.rs`,
//! `customers.rs`). The query language is public so it can be tested on its own.

pub(crate) mod conversations;
pub(crate) mod customers;
mod eval;
pub(crate) mod params;
mod query;

pub use eval::{Compiled, Kind, Record, Schema, Test, Values, compile};
pub use query::{Expr, Val, parse};
