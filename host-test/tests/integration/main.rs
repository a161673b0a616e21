//! The host's integration tests, linked into one binary: each module drives the real component
//! through `host_test` against the embedded simulator (one binary keeps link time and disk small).

mod common;

mod auth;
mod catalog_contract;
mod conformance;
mod conversation_writes;
mod conversations;
mod customers;
mod edits;
mod exactly_once;
mod faults;
mod host;
mod limits;
mod load;
mod lookups;
mod mailboxes;
mod mcp;
mod more_triggers;
mod page_rules;
mod platform;
mod schemas;
mod secrets;
mod semantics;
mod soak;
mod threads;
mod triggers;
mod webhooks;
