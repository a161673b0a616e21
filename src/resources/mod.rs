//! One folder (or file) per Help Scout resource, laid out alike: `mod.rs` holds the resource's
//! shared input and output types, one file per operation (`find`, `get`, `create`, `update`),
//! and `record.rs` reads Help Scout's JSON into the WIT record. Every operation returns a typed
//! output that serializes to the catalog's JSON and converts to the WIT record in one place.

pub mod api;
pub mod conversations;
pub mod customers;
pub mod mailboxes;
pub mod organizations;
pub mod tags;
pub mod threads;
pub mod users;
pub mod webhooks;
pub mod wire;
pub mod workflows;

use crate::client::{Client, Resume, Transport};
use crate::error::Result;
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

/// What a find-or-create returns: the id, and whether this call made it.
#[derive(Debug, Serialize)]
pub struct FoundOrCreated {
    pub id: u64,
    pub created: bool,
}

/// The steps of a multi-step update that took effect, in order.
#[derive(Debug, Serialize)]
pub struct UpdateOutcome {
    pub id: u64,
    pub applied: Vec<&'static str>,
}

/// More items than any list of an account holds; the cap only guards against a runaway server
/// (the byte budget of a walk guards memory).
const MAX_LISTED: usize = 100_000;

/// A list with every page followed: `{"items": [...]}`, Help Scout's items as their own text.
#[derive(Debug, Serialize)]
pub struct Listed {
    pub items: Vec<Box<RawValue>>,
}

impl Listed {
    /// Every item under `_embedded.<rel>` of `GET /v2/{segments}?{query}`, every page.
    pub fn read(
        client: &mut Client<impl Transport>,
        segments: &[&str],
        query: &[(&str, String)],
        rel: &str,
    ) -> Result<Self> {
        let start = Resume::start(client.base().endpoint(segments, query));
        let (items, _) = client.find_raw(start, rel, MAX_LISTED, |_, item| Ok(Some(item)))?;
        Ok(Listed { items })
    }

    /// The items' texts.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|i| i.get())
    }
}

/// What a delete returns: `{"id", "deleted": true}`.
#[derive(Debug, Serialize)]
pub struct Deleted {
    pub id: u64,
    pub deleted: bool,
}
