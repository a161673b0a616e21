//! Generated WIT bindings, quarantined here: the rest of the crate speaks its own types and only
//! the adapters in `exports/`, the conversions in `resources/` and the transport in
//! `client/transport.rs` touch these.
#![allow(unsafe_code, clippy::all, missing_docs)]

wit_bindgen::generate!({
    world: "connector",
    path: "wit",
    generate_all,
});

#[cfg(target_arch = "wasm32")]
use crate::exports::Component;
#[cfg(target_arch = "wasm32")]
export!(Component with_types_in crate::bindings);
