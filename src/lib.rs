//! Help Scout Mailbox API 2.0 connector, built as a WebAssembly component (`wasm32-wasip2`).
//!
//! Design decisions:
//! - All HTTP goes through one seam (`client::transport`, over `wasi:http/outgoing-handler`);
//!   the `client` above it adds base URL, bearer auth, JSON, retries, status → error mapping
//!   and pagination, and speaks the token endpoint through the same path.
//! - The component is stateless: every call opens a client from the connection it is given;
//!   minted tokens are handed back to the host, never kept.
//! - One folder per resource (`resources/`): its input types, one file per operation returning a
//!   typed output (serialized for the catalog, converted into the WIT record in one place), and
//!   the reading of Help Scout's JSON into WIT records. `exports/` are one-screen adapters per
//!   WIT interface; `catalog` is the by-name JSON entry over the same operations.
//! - Outside data never traps: inputs decode into typed `validation` errors listing every bad
//!   field (`decode`), ids are checked once into newtypes (`ids`), responses of the wrong shape
//!   are errors, and the only `unwrap`s are in tests.
//! - Every module is private: the component's exports are the crate's only surface, so the
//!   dead-code lint sees what nothing uses.

mod auth;
#[allow(unsafe_code)]
mod bindings;
mod catalog;
mod client;
mod decode;
mod error;
mod exports;
#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod fuzz;
mod ids;
mod instant;
mod query;
mod resources;
mod triggers;
