//! Host-side bindings of the connector world; WASI imports map onto wasmtime-wasi(-http).
#![allow(missing_docs, clippy::all)]

wasmtime::component::bindgen!({
    world: "connector",
    path: "../wit",
    exports: { default: async },
    with: {
        "wasi:http": wasmtime_wasi_http::p2::bindings::http,
        "wasi:io": wasmtime_wasi::p2::bindings::io,
        "wasi:clocks": wasmtime_wasi::p2::bindings::clocks,
        "wasi:random": wasmtime_wasi::p2::bindings::random,
        "wasi:cli": wasmtime_wasi::p2::bindings::cli,
    },
});

pub use exports::helpscout::connector::auth::TokenSet;
pub use exports::helpscout::connector::catalog::{
    CallMeta, Descriptor, Effects, EntryKind, Invocation, Paging,
};
pub use exports::helpscout::connector::types::{
    ClientCredentials, Connection, Credentials, Error as ConnectorError, ErrorKind, FieldError,
    Problem, RetryPolicy,
};
pub use exports::helpscout::connector::{
    auth, catalog, conversations, customers, mailboxes, threads, triggers, users,
};
