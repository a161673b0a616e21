//! Fault injection below axum: the [`Fault`]s a test or the CLI injects and the table that counts
//! them (`fault.rs`), their text form (`spec.rs`), the hyper service that produces their effects
//! (`service.rs`) and the accept loop that serves it (`serve.rs`).

mod fault;
mod serve;
mod service;
mod spec;

pub use fault::{Fault, FaultKind, FaultTable};
pub use serve::run;
pub use service::FaultService;
