//! One folder (or file) per Help Scout resource, laid out alike: `mod.rs` holds the resource's
//! shared input and output types, one file per operation (`find`, `get`, `create`, `update`),
//! and `record.rs` reads Help Scout's JSON into the WIT record. Every operation returns a typed
//! output that serializes to the catalog's JSON and converts to the WIT record in one place.

pub mod conversations;
pub mod customers;
pub mod mailboxes;
pub mod threads;
pub mod users;
pub mod webhooks;
pub mod wire;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

/// A Help Scout object as its own JSON text, passed on untouched (checked to be an object).
#[derive(Debug)]
pub struct Raw(pub Box<RawValue>);

impl Raw {
    pub fn text(&self) -> &str {
        self.0.get()
    }
}

impl Serialize for Raw {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// What a find returns: Help Scout's items as their own JSON text, whether more match, and the
/// opaque token the same find continues from (`{"items": [...], "hasMore", "next"}`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Found {
    pub items: Vec<Box<RawValue>>,
    pub has_more: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

impl Found {
    /// The items of a walk, and where it stopped (`None` at the end of the results).
    pub fn new(items: Vec<Box<RawValue>>, rest: Option<crate::client::Resume>) -> Self {
        Found {
            items,
            has_more: rest.is_some(),
            next: rest.map(|r| r.token()),
        }
    }
}

/// A created object's id (`Resource-ID`, else `Location`, else none).
#[derive(Debug, Serialize)]
pub struct Created {
    pub id: Option<u64>,
}

/// The steps of a multi-step update that took effect, in order.
#[derive(Debug, Serialize)]
pub struct UpdateOutcome {
    pub id: u64,
    pub applied: Vec<&'static str>,
}
