//! The component's exports, one file per WIT interface: one-screen adapters that convert the
//! WIT record into the resource's input, run the operation on a fresh client, and convert its
//! typed output into the WIT record. No HTTP, JSON or status handling here.

mod api;
mod auth;
mod catalog;
mod conversations;
mod customers;
mod mailboxes;
mod organizations;
mod tags;
mod threads;
mod triggers;
mod types;
mod users;
mod workflows;

use crate::bindings::exports::helpscout::connector::types as wit_types;
use crate::client::transport::WasiTransport;
use crate::client::{AnyTransport, Client};

/// The component: every export is implemented on it.
pub struct Component;

/// wit-bindgen's glue that exports the implementations (its generated code is `unsafe`).
#[allow(unsafe_code)]
mod glue {
    use super::Component;
    crate::bindings::export!(Component with_types_in crate::bindings);
}

pub(crate) type Result<T> = std::result::Result<T, wit_types::Error>;

/// The client of one call, over the host's `wasi:http`.
pub(crate) fn open(conn: wit_types::Connection) -> crate::error::Result<Client<AnyTransport>> {
    Client::open(Box::new(WasiTransport), &conn.into())
}
