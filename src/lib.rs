//! Help Scout Mailbox API 2.0 connector, built as a WebAssembly component (`wasm32-wasip2`).
//!
//! Design decisions:
//! - All HTTP goes through one seam (`client::transport`, over `wasi:http/outgoing-handler`); the
//!   `client` above it adds base URL, bearer auth, JSON, status → error mapping and pagination.
//! - The component is stateless: every call opens a `session::Session` from the connection it is
//!   given; minted tokens are handed back to the host, never kept.
//! - Each resource module owns its input types, operations and conversions to WIT records; the
//!   `exports` are one-screen adapters and `catalog` is the by-name JSON entry over the same code.
//! - Outside data never traps: inputs decode into typed `validation` errors, responses are read
//!   leniently, and the only `unwrap`s are in tests.

pub mod auth;
#[allow(unsafe_code)]
mod bindings;
pub mod catalog;
pub mod client;
pub mod error;
#[cfg(target_arch = "wasm32")]
mod exports;
#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod fuzz;
pub mod input;
pub mod query;
pub mod resources;
pub mod session;
pub mod triggers;
