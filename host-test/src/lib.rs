//! host-test: a wasmtime host for the Help Scout connector component, with the stateful Help Scout
//! simulator (the `helpscout-simulator` crate beside it) embedded. The binary (`main.rs`) is a
//! thin CLI over this library so that the integration tests drive exactly the code the CLI runs.
//!
//! Design decisions: one `Runtime` (engine, component, instance-pre) per process and a fresh
//! store per call; every outgoing request passes the `outgoing` hook's allow-list; the simulator
//! is a real HTTP server on loopback, so the component's traffic is real HTTP end to end.

pub mod bench;
pub mod bindings;
pub mod cli_args;
pub mod commands;
pub mod connect;
pub mod demo;
pub mod error_json;
pub mod examples;
pub mod listen;
pub mod load;
pub mod mcp;
pub mod outgoing;
pub mod output;
pub mod progress;
pub mod runtime;
pub mod soak;
pub mod webhooks;
