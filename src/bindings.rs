//! Generated WIT bindings, quarantined here: the rest of the crate speaks its own types and only
//! the adapters in `exports/`, the WIT record conversions of `resources/` and the transport in
//! `client/transport.rs` touch these. The `export!` of the component lives in `exports`.
#![allow(unsafe_code, clippy::all, missing_docs)]

wit_bindgen::generate!({
    world: "connector",
    path: "wit",
    generate_all,
});
